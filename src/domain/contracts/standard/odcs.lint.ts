/**
 * Lints an ODCS document against the standard's structure: every problem is an error with the document
 * path it concerns. A v3.1.0 document is held to v3.1.0. A v3.0.x document is valid when it follows
 * v3.0.2 or v3.1.0 (the v3.1.0 schema accepts the v3.0.x apiVersions, and the standard's own v3.0.2
 * examples use v3.1.0 fields); when it follows only v3.1.0, a warning says to raise its apiVersion.
 * driftwatch's own checks run after this one.
 */
import { Issues, type Json } from "../issues.ts";
import { type OdcsVersion, odcsShape } from "./odcs-v3.shapes.ts";
import { checkShape, type ObjectShape } from "./shape.ts";

const SHAPES: Partial<Record<OdcsVersion, ObjectShape>> = {};

/**
 * `strict` is the standard's own verdict: a field it does not define is an error even when driftwatch
 * reads it (a property-level `enum`); otherwise such a field is a warning and the contract stays usable.
 */
function run(doc: Json, version: OdcsVersion, strict = false): Issues {
  SHAPES[version] ??= odcsShape(version);
  const found = new Issues();
  checkShape(
    doc,
    SHAPES[version],
    [],
    (path, message, part, severity) =>
      severity === "extension" && !strict
        ? found.warning(path, message, part)
        : found.error(path, message, part),
    "the contract",
  );
  return found;
}

/** Whether the document follows the standard (as `npm run conformance` compares with the official schemas). */
export function followsOdcs(doc: Json): boolean {
  return !run(doc, "3.1", true).hasErrors || !run(doc, "3.0", true).hasErrors;
}

/** Adds the structure problems to `issues`; returns the version the document was read as. */
export function lintOdcsStructure(doc: Json, issues: Issues): OdcsVersion {
  const v31 = run(doc, "3.1");
  const declared = typeof doc.apiVersion === "string" ? doc.apiVersion : undefined;
  const v30 = declared !== undefined && /^v3\.0\.\d+$/.test(declared) ? run(doc, "3.0") : undefined;
  if (v30 === undefined) {
    issues.list.push(...v31.list);
    return "3.1";
  }
  if (!v30.hasErrors) return "3.0";
  if (!v31.hasErrors) {
    issues.warning(
      ["apiVersion"],
      `the contract uses fields of ODCS v3.1.0 that ${declared} does not have: set apiVersion: v3.1.0`,
    );
    return "3.1";
  }
  // both refuse it: show the problems of the version it is closer to (v3.1.0 on a tie: documents that say
  // v3.0.x are often written to v3.1.0, as the standard's own examples are)
  if (v31.list.length <= v30.list.length) {
    issues.list.push(...v31.list);
    return "3.1";
  }
  issues.list.push(...v30.list);
  return "3.0";
}
