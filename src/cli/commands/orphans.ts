import { LinkGraph } from '../../core/authoring/reach';
import type { CommandContext } from './io';

/** `topic-pages orphans`: pages under the docs root that no topic page reaches. Exit 0. */
export function orphansCommand(ctx: CommandContext): number {
  const orphans = new LinkGraph(ctx.workspace.index, ctx.workspace.textOf).orphans();
  if (ctx.format === 'json') {
    ctx.stdout(JSON.stringify(orphans.map((o) => ({ file: ctx.display(o.path), path: o.path, route: o.route ?? null, title: o.title ?? null, topicPage: o.isTopicPage })), null, 2) + '\n');
    return 0;
  }
  const width = Math.min(60, Math.max(0, ...orphans.map((o) => ctx.display(o.path).length)));
  for (const o of orphans) {
    ctx.stdout(`${ctx.display(o.path).padEnd(width)}  ${o.route ?? ''}${o.isTopicPage ? '  (topic page)' : ''}${o.title ? `  ${JSON.stringify(o.title)}` : ''}\n`);
  }
  const pages = ctx.workspace.index.pagePaths().filter((p) => ctx.workspace.index.summary(p)?.route !== undefined).length;
  const topic = orphans.filter((o) => o.isTopicPage).length;
  ctx.stdout(`${orphans.length} orphan page${orphans.length === 1 ? '' : 's'} (${topic} topic page${topic === 1 ? '' : 's'}) of ${pages} pages.\n`);
  return 0;
}
