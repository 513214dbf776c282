import type { ErrorObject } from 'ajv';
import { isMap, isSeq, type Node as YamlNode } from 'yaml';
import { nodeRange } from '../frontMatter';
import type { Page } from '../page';
import type { Rule } from '../rule';
import type { Range } from '../types';
import { workspaceAjv } from '../linearRegExp';
import { validateFrontMatter } from '../schemaValidator';

const compiled = new WeakMap<object, (data: unknown) => readonly ErrorObject[]>();

/** The built-in schema's errors for `data` (none when it is valid). */
function builtIn(data: unknown): readonly ErrorObject[] {
  return validateFrontMatter(data) ? [] : validateFrontMatter.errors;
}

/** The workspace schema's errors for `data` (none when it is valid). */
function validatorFor(schema: object): (data: unknown) => readonly ErrorObject[] {
  let v = compiled.get(schema);
  // A workspace schema gets its own Ajv: reloading the config brings a new schema object with
  // the same `$id`, which a shared instance refuses ("schema with key or id already exists").
  // Its patterns run on RE2, in time linear in the value.
  if (!v) {
    const validate = workspaceAjv().compile(schema);
    compiled.set(schema, (v = (data) => (validate(data) ? [] : (validate.errors ?? []))));
  }
  return v;
}

// title-missing and description-missing say this better, with a fix.
const OWNED_ELSEWHERE = new Set(['title', 'description']);

/** Front matter checked against the built-in topic-page JSON Schema, or the workspace's own. */
export const frontMatterSchemaRule: Rule = {
  id: 'front-matter-schema',
  description: 'Topic-page front matter must match its JSON Schema (types of title, description, classes, topics, contentType, useCase, section, url, toc).',
  defaultSeverity: 'warning',
  fixable: false,
  hasSuggestions: false,
  scope: 'topic-pages',
  check({ page, index, report }) {
    const fm = page.frontMatter;
    if (!fm || fm.problems.some((p) => p.code !== 'unclosed')) return;
    const schema = index.settings.frontMatterSchema;
    const errors = schema ? validatorFor(schema)(fm.data) : builtIn(fm.data);
    for (const error of errors) {
      if (error.keyword === 'required' && OWNED_ELSEWHERE.has(String(error.params['missingProperty']))) continue;
      if (error.keyword === 'anyOf' || error.keyword === 'if') continue;
      const path = error.instancePath.split('/').slice(1).map(unescape);
      if (OWNED_ELSEWHERE.has(path[0] ?? '') && (error.keyword === 'minLength' || error.keyword === 'type')) {
        // Empty strings belong to the *-missing rules; a wrong type (a list) is ours.
        if (error.keyword === 'minLength') continue;
      }
      report({ range: rangeOf(page, path, error), message: messageOf(path, error) });
    }
  },
};

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function messageOf(path: readonly string[], error: ErrorObject): string {
  const where = path.length ? `\`${path.join('.')}\`` : 'Front matter';
  switch (error.keyword) {
    case 'required':
      return `Front matter has no \`${String(error.params['missingProperty'])}\`.`;
    case 'enum':
      return `${where} must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}.`;
    case 'type':
      return `${where} must be ${String(error.params['type']).replace(',', ' or ')}.`;
    case 'additionalProperties':
      return `Unknown front matter key \`${String(error.params['additionalProperty'])}\`.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

function rangeOf(page: Page, path: readonly string[], error: ErrorObject): Range {
  const fm = page.frontMatter;
  const fence = { start: fm?.range.start ?? 0, end: (fm?.range.start ?? 0) + 3 };
  const doc = fm?.document;
  if (!fm || !doc) return fence;
  const base = fm.contentRange.start;
  const segments = error.keyword === 'additionalProperties' ? [...path, String(error.params['additionalProperty'])] : [...path];
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === segment);
      if (!pair) return fence;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      keyNode = undefined;
      node = node.items[Number(segment)];
    } else return fence;
  }
  const target = error.keyword === 'additionalProperties' ? keyNode : node ?? keyNode;
  return nodeRange(target as YamlNode, base) ?? nodeRange(keyNode as YamlNode, base) ?? fence;
}
