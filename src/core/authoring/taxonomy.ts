import { parseFrontMatter } from '../frontMatter';
import type { WorkspaceIndex } from '../workspace';

/** The front-matter fields that classify pages. */
export const TAXONOMY_FIELDS = ['topics', 'contentType', 'useCase'] as const;
export type TaxonomyField = (typeof TAXONOMY_FIELDS)[number];

/** Allowed values per field (fields it does not name are not checked). */
export type Vocabulary = Readonly<Partial<Record<string, readonly string[]>>>;

export interface TaxonomyValue {
  readonly value: string;
  /** How many pages use it. */
  readonly count: number;
  readonly pages: readonly string[];
}

export interface TaxonomyFieldUse {
  readonly field: TaxonomyField;
  /** Most used first, then by value. */
  readonly values: readonly TaxonomyValue[];
  /** Pages that set the field at all. */
  readonly pages: number;
}

/** The values a front-matter field holds: a string, or the strings (and numbers) of a list. */
export function fieldValues(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? fieldValues(v) : []));
  return [];
}

/**
 * The values of `topics`, `contentType` and `useCase` in use across the workspace's pages,
 * with how many pages use each. A page listing a value twice counts once.
 */
export function taxonomy(index: WorkspaceIndex, textOf: (path: string) => string | undefined = (p) => index.text(p)): TaxonomyFieldUse[] {
  const uses = new Map<TaxonomyField, Map<string, string[]>>(TAXONOMY_FIELDS.map((f) => [f, new Map()]));
  const setting = new Map<TaxonomyField, number>(TAXONOMY_FIELDS.map((f) => [f, 0]));
  for (const path of index.pagePaths()) {
    const text = textOf(path);
    if (text === undefined) continue;
    const data = parseFrontMatter(text)?.data;
    if (!data) continue;
    for (const field of TAXONOMY_FIELDS) {
      if (!(field in data)) continue;
      setting.set(field, (setting.get(field) ?? 0) + 1);
      const byValue = uses.get(field) as Map<string, string[]>;
      for (const v of new Set(fieldValues(data[field]))) {
        const pages = byValue.get(v);
        if (pages) pages.push(path);
        else byValue.set(v, [path]);
      }
    }
  }
  return TAXONOMY_FIELDS.map((field) => ({
    field,
    pages: setting.get(field) ?? 0,
    values: [...(uses.get(field) ?? new Map<string, string[]>())]
      .map(([value, pages]) => ({ value, count: pages.length, pages }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  }));
}
