/**
 * ODCS conformance: driftwatch's lint against the official JSON Schemas of the standard (the oracle, read
 * here only, never shipped), and driftwatch's checks against the verdicts datacontract-cli's own tests
 * expect of its public fixtures.
 *
 * 1. Every example the standard publishes: the oracle's verdict and lint's must agree, and each must lint
 *    without errors (warnings allowed).
 * 2. Documents derived from each example (a field removed, an unknown field added, a value of the wrong
 *    type): the verdicts must agree, and every refusal must name the changed path (or the object it sits in).
 * 3. Each peer case (a contract and its data files): driftwatch's verdict (fails = an event of severity
 *    error or above, as with --fail-on error) must equal the peer's, except for the differences listed in
 *    DELIBERATE with their reason.
 *
 * The oracle: a document follows the standard when the v3.1.0 schema accepts it, or when it declares a
 * v3.0.x apiVersion and the v3.0.2 schema accepts it (Ajv, JSON Schema 2019-09, formats asserted).
 */
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormatsModule from "ajv-formats";
import { parse, stringify } from "yaml";
import { checkFile, compileContract, lintContract, loadContract } from "../../src/domain/contracts/index.ts";
import { derive } from "./lib/derive.ts";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const reference = process.env.DRIFTWATCH_REFERENCE_DIR;
if (reference === undefined)
  throw new Error("DRIFTWATCH_REFERENCE_DIR is not set (run through npm run conformance)");
const standard = join(reference, "odcs-standard");
const peer = join(reference, "peer-corpus", "odcs");

function compileOfficial(file: string) {
  const ajv = new Ajv2019({ strict: false, allErrors: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(standard, "schema", file), "utf8")));
}
const v31 = compileOfficial("odcs-json-schema-v3.1.0.json");
const v30 = compileOfficial("odcs-json-schema-v3.0.2.json");

function oracle(doc: unknown): boolean {
  if (v31(doc)) return true;
  const api = (doc as { apiVersion?: unknown } | null)?.apiVersion;
  return typeof api === "string" && /^v3\.0\.\d+$/.test(api) && v30(doc);
}

const failures: string[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

// 1 and 2: the standard's examples and their derived documents
const examples = readdirSync(join(standard, "examples"))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
let examplesAgree = 0;
let examplesClean = 0;
const derivedCount = { removed: 0, added: 0, "wrong-type": 0 };
let derivedAgree = 0;
let derivedInvalid = 0;
let derivedNamed = 0;
for (const name of examples) {
  const text = readFileSync(join(standard, "examples", name), "utf8");
  const doc = parse(text);
  const official = oracle(doc);
  const issues = lintContract(text);
  const errors = issues.filter((i) => i.severity === "error");
  const ours = errors.length === 0;
  if (official === ours) examplesAgree++;
  else
    failures.push(
      `example ${name}: the official schema says ${official ? "valid" : "invalid"}, lint says ${ours ? "valid" : `invalid (${errors[0]?.path}: ${errors[0]?.message})`}`,
    );
  if (ours) examplesClean++;
  else
    failures.push(
      `example ${name} does not lint clean: ${errors.map((e) => `${e.line}:${e.column} ${e.message}`).join("; ")}`,
    );

  // a few changes per kind of the largest example (it takes about a second to lint), more of the others
  for (const d of derive(doc, text.length > 50_000 ? 10 : 40)) {
    derivedCount[d.change]++;
    const want = oracle(d.doc);
    const got = lintContract(stringify(d.doc, { aliasDuplicateObjects: false, lineWidth: 0 }));
    const gotErrors = got.filter((i) => i.severity === "error");
    const valid = gotErrors.length === 0;
    const where = render(d.path);
    if (want === valid) derivedAgree++;
    else {
      failures.push(
        `${name} with ${where} ${d.change}: the official schema says ${want ? "valid" : "invalid"}, lint says ${valid ? "valid" : `invalid: ${gotErrors[0]?.path} ${gotErrors[0]?.message}`}`,
      );
      continue;
    }
    if (want) continue;
    derivedInvalid++;
    // the refusal names the changed place, or the object that is missing a field / holds the new one (a
    // field removed can leave its siblings without their reason to be there: they are named then)
    const parent = render(d.path.slice(0, -1));
    const named = gotErrors.some(
      (e) =>
        e.path === where ||
        e.path === parent ||
        where.startsWith(`${e.path}.`) ||
        where.startsWith(`${e.path}[`) ||
        e.path.startsWith(where) ||
        (d.change === "removed" && (e.path.startsWith(`${parent}.`) || e.path.startsWith(`${parent}[`))),
    );
    if (named) derivedNamed++;
    else
      failures.push(
        `${name} with ${where} ${d.change}: refused, but no error names ${where} (${gotErrors.map((e) => e.path).join(", ")})`,
      );
  }
}

function render(path: Array<string | number>): string {
  if (path.length === 0) return "$";
  let out = "";
  for (const s of path) out += typeof s === "number" ? `[${s}]` : out.length === 0 ? s : `.${s}`;
  return out;
}

// 3: the peer's cases
type Verdict = "passed" | "warning" | "failed";
/** What datacontract-cli's own tests expect of each case (the test each case comes from is in the corpus README). */
const EXPECTED: Record<string, Verdict> = {
  "builtin-unique-fail": "failed",
  "dimension-duplicatevalues-fail": "failed",
  "failed-samples": "failed",
  "md-csv-value-checks": "failed",
  "md-json-array-pattern": "failed",
  "md-parquet-two-columns": "passed",
  "parquet-invalid-logical-types": "failed",
  "parquet-number-no-precision": "passed",
  "pct-invalidvalues-count-warning": "warning",
  "pct-invalidvalues-pattern-fail": "failed",
  "pct-invalidvalues-percent-fail": "failed",
  "pct-invalidvalues-severity-warning": "warning",
  "pct-nullvalues-percent-pass": "passed",
  "quality-dimensions-fixture-pass": "passed",
  "quality-id-duplicatevalues-fail": "failed",
  "quality-id-fixture-pass": "passed",
  "row-filter-filtered-pass": "passed",
  "row-filter-unfiltered-fail": "failed",
  "rowcount-greater-than-pass": "passed",
  "se-v2-current-csv": "passed",
  "se-v2-current-csv-invalid": "failed",
  "se-v2-current-json": "passed",
  "se-v2-current-parquet": "warning",
  "se-v2-current-parquet-invalid": "failed",
  "se-v2-historical-csv": "failed",
  "se-v2-historical-json": "passed",
  "se-v2-historical-parquet": "failed",
  "se-v3-historical-csv": "failed",
  "se-v3-historical-parquet": "failed",
};

/** Where driftwatch means to differ from the peer, and why. */
const DELIBERATE: Record<string, { ours: Verdict; why: string }> = {
  "se-v2-historical-csv": {
    ours: "warning",
    why: "an optional column missing from every row is a warning (column_missing), the same for CSV, Parquet and JSON; the peer fails it in CSV and Parquet but passes it in JSON",
  },
  "se-v2-historical-parquet": { ours: "warning", why: "as se-v2-historical-csv" },
  "se-v2-historical-json": {
    ours: "warning",
    why: "as se-v2-historical-csv: the peer says nothing for JSON",
  },
  "se-v2-current-parquet": {
    ours: "passed",
    why: "the Parquet column types fit the contract; the peer warns on every Parquet type check",
  },
};

/**
 * The peer's contract, loaded. Some of the peer's contracts have fields the standard does not allow (a
 * delimiter on a local server): when the official schema agrees that they are invalid, those fields are
 * dropped (and named) so the data can still be compared.
 */
function loadPeerContract(name: string, text: string) {
  const issues = lintContract(text).filter((i) => i.severity === "error");
  if (issues.length === 0) return loadContract(text);
  const doc = parse(text);
  if (oracle(doc)) throw new Error(`peer case ${name}: lint refuses a contract the official schema accepts`);
  const dropped: string[] = [];
  for (const issue of issues) {
    if (!issue.message.startsWith("unknown field"))
      throw new Error(`peer case ${name}: ${issue.path} ${issue.message}`);
    const path = issue.path.split(/\.|\[|\]/).filter((p) => p.length > 0);
    let holder: Record<string, unknown> = doc;
    for (const step of path.slice(0, -1)) holder = holder[step] as Record<string, unknown>;
    delete holder[path[path.length - 1]!];
    dropped.push(issue.path);
  }
  say(
    `  peer ${name}: its contract breaks the standard (the official schema agrees); dropped ${dropped.join(", ")}`,
  );
  return loadContract(stringify(doc));
}

let peerAgree = 0;
let peerDeliberate = 0;
const cases = readdirSync(peer).sort();
for (const name of cases) {
  const dir = join(peer, name);
  const files = readdirSync(dir);
  const contractFile = files.find((f) => /\.ya?ml$/.test(f));
  if (contractFile === undefined) continue;
  const compiled = compileContract(loadPeerContract(name, readFileSync(join(dir, contractFile), "utf8")));
  const severities: string[] = [];
  for (const data of files.filter((f) => f !== contractFile).sort()) {
    const result = await checkFile(compiled, createReadStream(join(dir, data)), {
      key: join(dir, data),
      maxBytes: 64 * 1024 * 1024,
    });
    severities.push(...result.events.map((e) => e.severity));
  }
  const ours: Verdict = severities.some((s) => s === "error" || s === "critical")
    ? "failed"
    : severities.includes("warning")
      ? "warning"
      : "passed";
  const expected = EXPECTED[name];
  if (expected === undefined) {
    failures.push(`peer case ${name}: no expected verdict recorded`);
    continue;
  }
  const deliberate = DELIBERATE[name];
  // "passed" and "warning" agree when the peer does not look at what we warn about (columns outside the contract)
  const same = expected === ours || (expected !== "failed" && ours !== "failed" && expected === "passed");
  if (deliberate !== undefined && deliberate.ours === ours) {
    peerDeliberate++;
    say(`  peer ${name}: peer ${expected}, driftwatch ${ours} — deliberate: ${deliberate.why}`);
  } else if (same) peerAgree++;
  else failures.push(`peer case ${name}: the peer expects ${expected}, driftwatch says ${ours}`);
}

say(
  `examples published with the standard: ${examplesAgree}/${examples.length} agree with the official schema; ${examplesClean}/${examples.length} lint without errors`,
);
say(
  `derived documents: ${derivedAgree}/${derivedCount.removed + derivedCount.added + derivedCount["wrong-type"]} agree (${derivedCount.removed} with a field removed, ${derivedCount.added} with an unknown field, ${derivedCount["wrong-type"]} with a wrong type); ${derivedNamed}/${derivedInvalid} refusals name the changed path`,
);
say(
  `peer cases: ${peerAgree}/${cases.length} agree with the peer's expected verdict, ${peerDeliberate} differ deliberately (listed above)`,
);
if (failures.length > 0) {
  say(`\n${failures.length} disagreement(s):`);
  for (const f of failures.slice(0, 60)) say(`  ✖ ${f}`);
  if (failures.length > 60) say(`  … and ${failures.length - 60} more`);
  process.exit(1);
}
