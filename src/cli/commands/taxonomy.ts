import { taxonomy } from '../../core/authoring/taxonomy';
import type { CommandContext } from './io';

/** `topic-pages taxonomy`: the values of topics, contentType and useCase in use, with page counts. Exit 0. */
export function taxonomyCommand(ctx: CommandContext): number {
  const fields = taxonomy(ctx.workspace.index, ctx.workspace.textOf);
  const vocabulary = ctx.workspace.settings.vocabulary;
  if (ctx.format === 'json') {
    ctx.stdout(
      JSON.stringify(
        fields.map((f) => ({
          field: f.field,
          pages: f.pages,
          values: f.values.map((v) => ({
            value: v.value,
            count: v.count,
            ...(vocabulary?.[f.field] ? { inVocabulary: vocabulary[f.field]?.includes(v.value) ?? false } : {}),
            pages: v.pages.map((p) => ctx.display(p)),
          })),
        })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  for (const f of fields) {
    ctx.stdout(`${f.field} (${f.pages} page${f.pages === 1 ? '' : 's'}, ${f.values.length} value${f.values.length === 1 ? '' : 's'})\n`);
    const width = Math.max(0, ...f.values.map((v) => v.value.length));
    for (const v of f.values) {
      const unknown = vocabulary?.[f.field] && !vocabulary[f.field]?.includes(v.value) ? '  (not in the vocabulary)' : '';
      ctx.stdout(`  ${v.value.padEnd(width)}  ${String(v.count).padStart(4)}${unknown}\n`);
    }
  }
  return 0;
}
