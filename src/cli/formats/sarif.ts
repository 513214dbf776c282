import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPOSITORY_URL, ruleDocsUrl } from '../../core/rule';
import { rulesById } from '../../core/rules';
import type { Severity, SeveritySetting } from '../../core/types';
import { locate, type FileResult, type FormatContext } from './results';
import { ruleDoc } from './ruleDocs';

/** The `uriBaseId` of every location: the workspace root, given in `originalUriBaseIds`. */
export const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note' | 'none';

/**
 * SARIF 2.1.0 (valid against the OASIS schema) for code-scanning services such as GitHub's:
 * locations relative to `%SRCROOT%` (the workspace root) as percent-encoded URIs, UTF-16 columns,
 * each rule with its documentation, each result with a fingerprint that survives lines moving.
 */
export function formatSarif(results: readonly FileResult[], context: Pick<FormatContext, 'cwd' | 'root' | 'version'>): string {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  const sarifResults = results.flatMap((result) => {
    const location = artifactLocation(resolve(context.cwd, result.filePath), context.root);
    const lines = result.text.split(/\r\n|\r|\n/);
    const seen = new Map<string, number>();
    return locate(result).map((l) => {
      const ruleId = l.finding.ruleId;
      // Same rule, same file, same line text: told apart by their order, not by line numbers.
      const key = [ruleId, location.uri, (lines[l.line - 1] ?? '').trim()].join('\0');
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return {
        ruleId,
        ruleIndex: used.indexOf(ruleId),
        level: level(l.finding.severity),
        message: { text: l.finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
            },
          },
        ],
        partialFingerprints: { primaryLocationLineHash: `${createHash('sha256').update(key).digest('hex').slice(0, 16)}:${occurrence}` },
      };
    });
  });
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'topic-pages',
            version: context.version,
            semanticVersion: context.version,
            informationUri: REPOSITORY_URL,
            rules: used.map((id) => ruleDescriptor(id)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.root) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function ruleDescriptor(id: string): object {
  const rule = rulesById.get(id);
  const doc = ruleDoc(id);
  return {
    id,
    ...(rule ? { shortDescription: { text: rule.description } } : {}),
    ...(rule ? { helpUri: ruleDocsUrl(id) } : {}),
    ...(doc ? { help: { text: doc, markdown: doc } } : {}),
    defaultConfiguration: { level: level(rule?.defaultSeverity ?? 'warning') },
  };
}

function level(severity: Severity | SeveritySetting): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'off' ? 'none' : 'note';
}

/** A file as a URI relative to `%SRCROOT%`, each segment percent-encoded; a file URI when outside the root. */
export function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** A folder as a file URI ending in `/`, as `originalUriBaseIds` requires. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
