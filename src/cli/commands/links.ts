import { LinkGraph } from '../../core/authoring/reach';
import type { CommandContext } from './io';

/**
 * `topic-pages links --to <route or file>`: every link to that page (HTML, Markdown, include
 * keys) with file, line and column. `to` is a workspace path, a path relative to the current
 * folder (`workspacePath` turns it into one), or a route. Exit 0; 2 when `to` is missing.
 */
export function linksCommand(ctx: CommandContext, to: string): number {
  const graph = new LinkGraph(ctx.workspace.index, ctx.workspace.textOf);
  const { file, route } = graph.settle(to);
  const links = graph.linksTo(to);
  if (ctx.format === 'json') {
    ctx.stdout(
      JSON.stringify(
        {
          target: { file: file === undefined ? null : ctx.display(file), path: file ?? null, route: route ?? null },
          links: links.map((l) => ({ file: ctx.display(l.path), path: l.path, line: l.line, column: l.column, href: l.href, kind: l.kind, text: l.text, topicLink: l.topicLink })),
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  for (const l of links) {
    ctx.stdout(`${ctx.display(l.path)}:${l.line}:${l.column}  ${l.kind.padEnd(8)} ${l.href}${l.text ? `  ${JSON.stringify(l.text)}` : ''}${l.topicLink ? '  (topic link)' : ''}\n`);
  }
  const what = file !== undefined ? `${route ?? ''} (${ctx.display(file)})` : `${route ?? to} (no page serves it)`;
  ctx.stdout(`${links.length} link${links.length === 1 ? '' : 's'} to ${what}.\n`);
  return 0;
}
