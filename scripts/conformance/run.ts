/**
 * `npm run conformance`: checks driftwatch against public test data written by other projects (the ODCS
 * standard's schemas and examples, other tools' contract and X12 test files). That data is not part of this
 * repository: it is read from `../shared/reference/` beside the checkout, or from DRIFTWATCH_REFERENCE_DIR.
 * Without it, this says so and exits 0, so a user's clone is never blocked by it; `npm test` never needs it.
 *
 * Each `*.conformance.ts` file in this folder is one suite: it runs as its own process with the reference
 * directory in DRIFTWATCH_REFERENCE_DIR, prints its figures, and exits non-zero when a case disagrees.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const reference = resolve(process.env.DRIFTWATCH_REFERENCE_DIR ?? join(root, "..", "shared", "reference"));

if (!existsSync(reference)) {
  process.stdout.write(
    `conformance skipped: no reference data at ${reference} (set DRIFTWATCH_REFERENCE_DIR to run it).\n`,
  );
  process.exit(0);
}

const only = process.argv.slice(2);
const suites = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".conformance.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const failed: string[] = [];
for (const suite of suites) {
  process.stdout.write(`\n▶ conformance: ${suite}\n`);
  const result = spawnSync(process.execPath, [join(import.meta.dirname, suite)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DRIFTWATCH_REFERENCE_DIR: reference },
  });
  if (result.status !== 0) failed.push(suite);
}

if (failed.length > 0) {
  process.stdout.write(`\n✖ conformance failed: ${failed.join(", ")}\n`);
  process.exit(1);
}
process.stdout.write(`\n✔ conformance: ${suites.length} suite(s) passed\n`);
