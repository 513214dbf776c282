// The command line: options, their parsing, and the usage text.
import { AUTHORING_COMMANDS, type AuthoringCommand } from './commands';
import { FORMATS, isFormatName, type FormatName } from './formatters';

export const USAGE = `Usage:
  topic-pages check [paths or globs...] [--format stylish|json|sarif|github] [--output-file FILE] [--fix | --fix-dry-run]
                    [--max-warnings N] [--config FILE] [--root DIR] [--no-gitignore] [--jobs N|auto]
  topic-pages tree [path] [--config FILE] [--root DIR] [--no-gitignore]
  topic-pages rules
  topic-pages orphans [path] [--format json]
  topic-pages links --to <route or file> [path] [--format json]
  topic-pages taxonomy [path] [--format json]
  topic-pages --help | --version

check   Checks every page of the workspace (or the given files, folders or globs) and
        prints the findings. Exit 0: no errors and no more warnings than --max-warnings
        (info findings never count); 1: errors, or too many warnings; 2: usage or
        configuration error, or a path or glob that matches no page.
tree    Prints the topic hierarchy: titles and routes, broken links and cycles marked.
rules   Lists the rules with their default severity and whether --fix applies them.
orphans Lists the pages no topic page reaches (directly, nested or by include key).
links   Lists every link to a page (file:line:column), by its route or its file.
taxonomy Lists the topics, contentType and useCase values in use, with page counts.

--format       stylish (default), json (ESLint's), sarif (SARIF 2.1.0) or github (GitHub
               Actions annotations); --output-file FILE writes the report there instead.

--fix          Applies the safe fixes and writes the files; suggestions are left to the editor.
--fix-dry-run  Prints the unified diff --fix would apply and writes nothing.
--no-gitignore Also checks files that .gitignore files exclude (respected by default).
--config FILE  Any configuration file; the paths inside it are relative to the workspace root.
--jobs         Threads for check (default auto: one per core, up to 4, from 2,000 pages on and
               with 3 cores or more; --fix always runs on one). The findings do not depend on it.

The workspace root is --root, else the nearest folder at or above the given paths (or the
current folder) that holds topic-pages.json, else the repository root (the folder with .git),
else the folder above the articles/ folder the paths lie in, else the current folder. Checking one folder reports what a full check reports for its files.
topic-pages.json at the root sets docsRoot, siteBases, redirects, schema, ignore, gitignore and rules.`;

export class UsageError extends Error {}

export { FORMATS };
export type Format = FormatName;

export interface Options {
  command: 'check' | 'tree' | 'rules' | 'help' | 'version' | AuthoringCommand;
  /** `links --to`. */
  to?: string;
  /** Where the report goes instead of stdout. */
  outputFile: string | undefined;
  paths: string[];
  format: Format;
  fix: boolean;
  /** Print the diff --fix would make; write nothing. */
  fixDryRun: boolean;
  maxWarnings: number;
  config: string | undefined;
  root: string | undefined;
  /** false: --no-gitignore; undefined: as topic-pages.json says (default on). */
  gitignore: boolean | undefined;
  color: boolean;
  /** Threads for `check`; undefined: automatic. */
  jobs: number | undefined;
}


export function parseArgs(argv: readonly string[], isTty: boolean): Options {
  const options: Options = {
    command: 'check',
    paths: [],
    format: 'stylish',
    outputFile: undefined,
    fix: false,
    fixDryRun: false,
    maxWarnings: -1,
    config: undefined,
    root: undefined,
    gitignore: undefined,
    color: isTty && !process.env['NO_COLOR'],
    jobs: undefined,
  };
  const args = [...argv];
  const first = args[0];
  if (first === 'check' || first === 'tree' || first === 'rules' || AUTHORING_COMMANDS.includes(first as AuthoringCommand)) {
    options.command = first as Options['command'];
    args.shift();
  } else if (first === '--help' || first === '-h' || first === 'help') return { ...options, command: 'help' };
  else if (first === '--version' || first === '-v') return { ...options, command: 'version' };
  else if (first !== undefined && !first.startsWith('-')) throw new UsageError(`unknown command '${first}' (use check, tree, rules, orphans, links or taxonomy)`);
  while (args.length > 0) {
    const arg = args.shift() ?? '';
    const value = (): string => {
      const v = args.shift();
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => inline ?? value();
    switch (flag) {
      case '--format': {
        const f = take();
        if (!isFormatName(f)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not '${f}'`);
        options.format = f;
        break;
      }
      case '--output-file':
      case '-o':
        options.outputFile = take();
        break;
      case '--to':
        options.to = take();
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--fix-dry-run':
        options.fixDryRun = true;
        break;
      case '--max-warnings': {
        const v = take();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings takes a whole number, not '${v}'`);
        options.maxWarnings = n;
        break;
      }
      case '--config':
        options.config = take();
        break;
      case '--root':
        options.root = take();
        break;
      case '--no-gitignore':
        options.gitignore = false;
        break;
      case '--gitignore':
        options.gitignore = true;
        break;
      case '--jobs': {
        const v = take();
        const n = Number(v);
        if (v !== 'auto' && (!Number.isInteger(n) || n < 1)) throw new UsageError(`--jobs takes a whole number from 1, or auto, not '${v}'`);
        options.jobs = v === 'auto' ? undefined : n;
        break;
      }
      case '--no-color':
        options.color = false;
        break;
      case '--color':
        options.color = true;
        break;
      case '--help':
      case '-h':
        options.command = 'help';
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option '${flag}'`);
        options.paths.push(arg);
    }
  }
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (options.command !== 'check' && (options.fix || options.fixDryRun)) throw new UsageError(`--fix and --fix-dry-run belong to check, not ${options.command}`);
  return options;
}
