// Validators for the product's own JSON Schemas (the config, redirects and vocabulary files, the
// built-in front-matter schema). One Ajv serves them all, each compiled on first use, and none is
// first checked against the JSON Schema meta-schema: they ship with the product and a test checks
// them (test/core/schemas.test.ts). Compiling the meta-schema once per Ajv at start-up was more than
// a third of the language server's module load time. Schemas a workspace supplies go through
// `workspaceAjv` instead, which validates them.
import Ajv, { type ErrorObject } from 'ajv';

let shared: Ajv | undefined;

/** The Ajv for the product's own schemas: created, like each validator, when first needed. */
function productAjv(): Ajv {
  return (shared ??= new Ajv({ allErrors: true, strict: false, validateSchema: false }));
}

/** A validator of one of the product's own schemas, compiled when first called. */
export interface LazyValidator {
  (data: unknown): boolean;
  /** The errors of the last call, as Ajv gives them. */
  readonly errors: readonly ErrorObject[];
}

export function lazyValidator(schema: object): LazyValidator {
  let compiled: ReturnType<Ajv['compile']> | undefined;
  const validate = (data: unknown): boolean => {
    compiled ??= productAjv().compile(schema);
    return compiled(data) === true;
  };
  return Object.defineProperty(validate, 'errors', { get: () => compiled?.errors ?? [] }) as LazyValidator;
}
