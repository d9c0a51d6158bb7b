/**
 * Rules a destination's fields follow, checked before anything is sent to S3. Each failure is a 400 naming
 * the field (`body.<field>`), the variable or character at fault, and the fix.
 */
import { formatProblem } from "../domain/export/event-batch.ts";
import { checkKmsKeyArn, PolicyInputError } from "../domain/iam-policy.ts";
import {
  type CompiledTemplate,
  compileTemplate,
  missingVariables,
  PathTemplateError,
  VARIABLES_FOR,
} from "../domain/path-template.ts";
import { checkBucket, checkEndpoint, checkRegion } from "./connection.validate.ts";
import { AppError } from "./errors.ts";

function fieldError(code: string, field: string, message: string, hint: string, extra = {}): AppError {
  return new AppError({
    code,
    status: 400,
    message,
    hint,
    details: [{ field: `body.${field}`, problem: message.replace(/\.$/, ""), ...extra }],
  });
}

/** Compiles a path prefix; an unknown variable, `{}` or an unbalanced brace is a 400 naming it. */
export function parsePathPrefix(source: string, field = "path_prefix"): CompiledTemplate {
  const trimmed = source.replace(/^\/+/, "");
  try {
    const template = compileTemplate(trimmed);
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
      throw fieldError(
        "template.invalid_key",
        field,
        `body.${field} has control characters.`,
        "Remove them; S3 keys are printable text.",
      );
    }
    return template;
  } catch (err) {
    if (!(err instanceof PathTemplateError)) throw err;
    throw fieldError(`${err.code}`, field, `body.${field}: ${err.message}`, err.hint, {
      ...(err.variable === undefined ? {} : { variable: err.variable }),
      ...(err.index === undefined ? {} : { position: err.index + 1 }),
    });
  }
}

export interface DestinationFields {
  region: string;
  bucket: string;
  path_prefix: string;
  endpoint_url: string | null;
  kms_key_arn: string | null;
  format: string;
  gzip: boolean;
  export_events: boolean;
  export_scan_reports: boolean;
}

/** Checks every field that can be checked offline; returns the compiled path template. */
export function checkDestinationFields(d: DestinationFields): CompiledTemplate {
  checkEndpoint(d.endpoint_url);
  checkRegion(d.region, Boolean(d.endpoint_url));
  checkBucket(d.bucket);
  const template = parsePathPrefix(d.path_prefix);
  try {
    checkKmsKeyArn(d.kms_key_arn ?? undefined);
  } catch (err) {
    if (!(err instanceof PolicyInputError)) throw err;
    throw fieldError("request.invalid", "kms_key_arn", `body.kms_key_arn: ${err.message}`, err.hint);
  }
  const fmt = formatProblem(d.format, d.gzip);
  if (fmt)
    throw fieldError("request.invalid", d.format === "parquet" ? "gzip" : "format", fmt.message, fmt.hint);
  const kinds = [
    ...(d.export_events ? (["events"] as const) : []),
    ...(d.export_scan_reports ? (["scan-reports"] as const) : []),
  ];
  for (const kind of kinds) {
    const missing = missingVariables(template, VARIABLES_FOR[kind]);
    if (missing.length > 0) {
      throw fieldError(
        "template.missing_value",
        "path_prefix",
        `body.path_prefix uses {${missing[0]}}, which ${kind} exports do not know.`,
        `${kind} exports know ${[...VARIABLES_FOR[kind]].map((v) => `{${v}}`).join(" ")} and the date variables; remove {${missing[0]}}${kind === "events" ? " or turn off export_events" : " or turn off export_scan_reports"}.`,
        { variable: missing[0] },
      );
    }
  }
  return template;
}
