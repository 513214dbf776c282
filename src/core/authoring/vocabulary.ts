import { parseDocument } from 'yaml';
import { ConfigError, describeAjvErrors } from '../config';
import { firstCollectionKey } from '../frontMatter';
import { validateVocabulary as validate } from '../schemaValidator';
import type { Vocabulary } from './taxonomy';

/**
 * Parses a vocabulary file (`{ "topics": [...], "contentType": [...], "useCase": [...] }`):
 * JSON for `.json`, YAML otherwise (YAML also reads JSON). Throws ConfigError with one line.
 */
export function parseVocabulary(text: string, file: string): Vocabulary {
  let data: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    data = /\.json$/i.test(file) ? JSON.parse(body) : parseYamlValues(body);
  } catch (error) {
    throw new ConfigError(file, `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'} (${((error as Error).message.split('\n')[0] ?? '').trim()})`);
  }
  if (!validate(data)) throw new ConfigError(file, describeAjvErrors(validate.errors));
  const out: Record<string, readonly string[]> = {};
  for (const [field, values] of Object.entries(data as Record<string, unknown>)) if (Array.isArray(values)) out[field] = values as string[];
  return out;
}

/** A YAML text's value; throws on a syntax error or on a mapping or list used as a key. */
function parseYamlValues(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const [error] = doc.errors;
  if (error) throw error;
  if (firstCollectionKey(doc)) throw new Error('a mapping or list used as a key is not supported');
  return doc.toJS({ maxAliasCount: 100 });
}
