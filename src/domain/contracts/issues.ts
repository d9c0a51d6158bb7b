/** Problems found while reading a contract, kept with their document path until positions are resolved. */
import { isSeverity, type Severity } from "../drift/drift-event.ts";
import type { DocPath } from "./contract.model.ts";

export interface PendingIssue {
  severity: "error" | "warning";
  message: string;
  path: DocPath;
  part: "key" | "value";
}

export class Issues {
  readonly list: PendingIssue[] = [];

  error(path: DocPath, message: string, part: "key" | "value" = "value"): void {
    this.list.push({ severity: "error", message, path, part });
  }

  warning(path: DocPath, message: string, part: "key" | "value" = "value"): void {
    this.list.push({ severity: "warning", message, path, part });
  }

  get hasErrors(): boolean {
    return this.list.some((i) => i.severity === "error");
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A custom property's value and where it sits in the document. */
export interface CustomProperty {
  value: unknown;
  path: DocPath;
}

/**
 * Reads `customProperties`: the ODCS list form `[{ property, value }]`, or a plain mapping (accepted for
 * convenience). Returns them by name.
 */
export function readCustomProperties(
  raw: unknown,
  path: DocPath,
  _issues?: Issues,
): Map<string, CustomProperty> {
  const out = new Map<string, CustomProperty>();
  if (raw === undefined || raw === null) return out;
  if (Array.isArray(raw)) {
    raw.forEach((entry, i) => {
      const at = [...path, i];
      if (!isObject(entry) || typeof entry.property !== "string") return; // the standard's check reports it
      out.set(entry.property, { value: entry.value, path: [...at, "value"] });
    });
    return out;
  }
  if (isObject(raw)) {
    for (const [key, value] of Object.entries(raw)) out.set(key, { value, path: [...path, key] });
    return out;
  }
  return out;
}

/** Reads a severity override: one severity, or a mapping of rule kind / event type / rule id to severity. */
export function readSeverityOverrides(
  prop: CustomProperty | undefined,
  issues: Issues,
): Record<string, Severity> {
  if (prop === undefined) return {};
  const { value, path } = prop;
  if (typeof value === "string") {
    if (isSeverity(value)) return { "*": value };
    issues.warning(path, `unknown severity "${value}" (use info, warning, error or critical): ignored`);
    return {};
  }
  if (isObject(value)) {
    const out: Record<string, Severity> = {};
    for (const [key, sev] of Object.entries(value)) {
      if (isSeverity(sev)) out[key] = sev;
      else
        issues.warning(
          [...path, key],
          `unknown severity "${String(sev)}" (use info, warning, error or critical): ignored`,
        );
    }
    return out;
  }
  issues.warning(path, "severity must be a severity name or a mapping of rule kinds to severities: ignored");
  return {};
}

/** A boolean custom property; reports a non-boolean value. */
export function readBoolean(
  prop: CustomProperty | undefined,
  name: string,
  issues: Issues,
): boolean | undefined {
  if (prop === undefined) return undefined;
  if (typeof prop.value === "boolean") return prop.value;
  if (prop.value === "true" || prop.value === "false") return prop.value === "true";
  issues.warning(prop.path, `${name} must be true or false: ignored`);
  return undefined;
}

/** Whether a regular expression compiles the way Ajv will compile it (with the `u` flag). */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
