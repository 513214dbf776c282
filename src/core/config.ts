import type { ErrorObject } from 'ajv';
import { validateConfig } from './schemaValidator';
import type { SeveritySetting } from './types';

/** The workspace configuration file, `topic-pages.json` at the workspace root. */
export const CONFIG_FILE = 'topic-pages.json';

export interface UserConfig {
  readonly docsRoot?: string;
  readonly siteBases?: readonly string[];
  readonly redirects?: string;
  readonly schema?: string;
  /** A JSON or YAML file of allowed taxonomy values per field. */
  readonly vocabulary?: string;
  readonly ignore?: readonly string[];
  /** The CLI leaves out what `.gitignore` files exclude unless this is false. */
  readonly gitignore?: boolean;
  readonly maxFileSize?: number;
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
}

export class ConfigError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
  }
}

/** Parses and validates a config file's text; throws ConfigError with a one-line reason. */
export function parseConfig(text: string, file: string = CONFIG_FILE): UserConfig {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!validateConfig(data)) throw new ConfigError(file, describeAjvErrors(validateConfig.errors));
  return data as UserConfig;
}

/** One readable line for a list of ajv errors. */
export function describeAjvErrors(errors: readonly ErrorObject[]): string {
  return errors
    .map((e) => {
      const where = e.instancePath ? `\`${e.instancePath.slice(1).replace(/\//g, '.')}\`` : 'the file';
      if (e.keyword === 'additionalProperties') return `${where} has an unknown key \`${String(e.params['additionalProperty'])}\``;
      if (e.keyword === 'enum') return `${where} must be one of ${(e.params['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
      return `${where} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}
