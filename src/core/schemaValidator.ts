// Validators for the product's own JSON Schemas (the config, redirects and vocabulary files, the
// built-in front-matter schema). They are code, generated from schemas/ by Ajv's standalone code
// generation (scripts/generate-validators.mjs), so no process compiles them when it starts:
// compiling them took 35-50 ms of each CLI run and of the language server's way to its first
// diagnostics. A test checks the schemas against the JSON Schema meta-schema and the generated file
// against the schemas (test/core/schemas.test.ts). Schemas a workspace supplies go through
// `workspaceAjv` instead, which validates and compiles them.
import type { ErrorObject } from 'ajv';
import * as generated from './generated/validators';

/** A validator of one of the product's own schemas. */
export interface ProductValidator {
  (data: unknown): boolean;
  /** The errors of the last call, as Ajv gives them. */
  readonly errors: readonly ErrorObject[];
}

function productValidator(validate: generated.GeneratedValidator): ProductValidator {
  const call = (data: unknown): boolean => validate(data) === true;
  return Object.defineProperty(call, 'errors', { get: () => validate.errors ?? [] }) as ProductValidator;
}

export const validateConfig = productValidator(generated.validateConfig);
export const validateFrontMatter = productValidator(generated.validateFrontMatter);
export const validateRedirects = productValidator(generated.validateRedirects);
export const validateVocabulary = productValidator(generated.validateVocabulary);
