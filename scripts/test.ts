/**
 * `npm test`: type check, lint, then every test file on the embedded database (PGlite). When
 * TEST_DATABASE_URL is set, the database suites also run against that PostgreSQL server; when it is not,
 * this says so instead of passing silently.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    process.stdout.write(`\n✖ ${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "fixtures") continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

const only = process.argv.slice(2);
const files =
  only.length > 0
    ? only
    : [
        ...findTests(join(root, "src")),
        ...findTests(join(root, "devtools")),
        ...findTests(join(root, "test")),
      ];

if (only.length === 0) {
  run("type check (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  run("type check of the UI (tsc --noEmit -p web)", bin("tsc"), [
    "--noEmit",
    "-p",
    join("web", "tsconfig.json"),
  ]);
  run("lint (biome check)", bin("biome"), ["check", "."]);
}

const concurrency = process.env.TEST_CONCURRENCY ?? "2";
const pgUrl = process.env.TEST_DATABASE_URL;
run(
  `tests on PGlite (${files.length} files)`,
  process.execPath,
  ["--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  { ...process.env, TEST_DATABASE_URL: "" },
);

const dbFiles = files.filter((f) => /\.db\.test\.ts$|[\\/]db[\\/]|[\\/]integration[\\/]/.test(f));
if (pgUrl) {
  run(
    `database suites on PostgreSQL (${dbFiles.length} files, ${pgUrl.replace(/\/\/[^@]*@/, "//***@")})`,
    process.execPath,
    ["--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...dbFiles],
    { ...process.env, TEST_DATABASE_URL: pgUrl, DRIFTWATCH_TEST_ENGINE: "postgres" },
  );
} else {
  process.stdout.write(
    `\n⚠ PostgreSQL suite skipped: TEST_DATABASE_URL is not set (${dbFiles.length} database test files ran on PGlite only).\n` +
      "  Set TEST_DATABASE_URL=postgres://user@host:5432/db to run them against a server too; .ci/run does.\n",
  );
}
process.stdout.write("\n✔ all test stages passed\n");
