import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";

/**
 * Request validation. Bodies are checked strictly: no type coercion, unknown fields rejected (schemas say
 * `additionalProperties: false`), nothing silently removed. Query strings and path parameters arrive as
 * text, so they are coerced to the declared types.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? "array" : false,
    useDefaults: true,
    removeAdditional: false,
    // Request bodies are bounded by the body limit, so reporting every problem at once is safe here.
    allErrors: true,
    strict: false,
  });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

/**
 * Fastify asks for a new validator compiler in every plugin scope that adds shared schemas; building ours
 * through the factory (instead of `setValidatorCompiler` at the root, which such scopes do not inherit) keeps
 * the strict body rules everywhere, with the scope's shared schemas available to `$ref`.
 */
export function buildValidatorCompiler(
  externalSchemas: Record<string, unknown> = {},
): FastifySchemaCompiler<unknown> {
  const strictAjv = makeAjv(false);
  const coercingAjv = makeAjv(true);
  for (const schema of Object.values(externalSchemas)) {
    strictAjv.addSchema(schema as object);
    coercingAjv.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => {
    const ajv = httpPart === "body" ? strictAjv : coercingAjv;
    return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}

const PART_NAMES: Record<string, string> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "header",
};

function fieldPath(part: string, instancePath: string, extra?: string): string {
  const segments = instancePath
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (extra) segments.push(extra);
  let out = PART_NAMES[part] ?? part;
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
  return out;
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Turns an Ajv error into a sentence that names the field, e.g. `body.region must be a string`. */
export function describeValidationError(part: string, e: ErrorObject): FieldProblem {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const field = fieldPath(part, e.instancePath, String(p.missingProperty));
      return { field, problem: `${field} is required` };
    }
    case "additionalProperties": {
      const field = fieldPath(part, e.instancePath, String(p.additionalProperty));
      return { field, problem: `${field} is not a known field` };
    }
    case "type": {
      const field = fieldPath(part, e.instancePath);
      return { field, problem: `${field} must be ${article(String(p.type))}` };
    }
    case "enum": {
      const field = fieldPath(part, e.instancePath);
      return {
        field,
        problem: `${field} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    }
    case "const": {
      const field = fieldPath(part, e.instancePath);
      return { field, problem: `${field} must be ${JSON.stringify(p.allowedValue)}` };
    }
    default: {
      const field = fieldPath(part, e.instancePath);
      return { field, problem: `${field} ${e.message ?? "is not valid"}` };
    }
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: "a string",
    integer: "an integer",
    number: "a number",
    boolean: "true or false",
    object: "an object",
    array: "an array",
    null: "null",
  };
  return type
    .split(",")
    .map((t) => words[t] ?? t)
    .join(" or ");
}
