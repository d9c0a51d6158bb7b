/**
 * TypeScript types generated from /openapi.json with openapi-typescript, the way a third party would make a
 * client from our document. The generated file is committed (src/api/openapi.generated.ts) so a review sees
 * every change to the API as a diff; src/api/openapi.agreement.ts makes `tsc` prove that every operation the
 * CLI and the web call through the shared client has the same parameters, body and result there.
 *
 *   node scripts/openapi/openapi-types.ts           regenerate src/api/openapi.generated.ts
 *   node scripts/openapi/openapi-types.ts --check   exit 1 when the committed file is not current
 *
 * openapi-typescript needs the TypeScript 5 compiler API, which the project's TypeScript 7 does not have,
 * so this folder is an npm workspace with its own TypeScript 5 for it (installed by `npm ci` at the root).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { startTestApp } from "../../test/support/app.ts";
import { closeTestDatabases } from "../../test/support/db.ts";

export const GENERATED_FILE = join(import.meta.dirname, "..", "..", "src", "api", "openapi.generated.ts");

const HEADER = `/**
 * GENERATED from /openapi.json by openapi-typescript (scripts/openapi/openapi-types.ts); do not edit.
 * \`npm run openapi:types\` regenerates it; \`npm test\` fails while it is not current.
 */
`;

/** The document exactly as a running server serves it at /openapi.json. */
export async function servedDocument(): Promise<OpenAPI3> {
  const t = await startTestApp({ worker: false });
  try {
    const res = await t.api("/openapi.json", { key: null });
    if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
    return res.body as OpenAPI3;
  } finally {
    await t.close();
  }
}

export async function generateTypes(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { defaultNonNullable: false, alphabetize: true });
  return HEADER + astToString(ast);
}

if (import.meta.main) {
  const generated = await generateTypes(await servedDocument());
  await closeTestDatabases();
  if (process.argv.includes("--check")) {
    const current = readFileSync(GENERATED_FILE, "utf8");
    if (current !== generated) {
      process.stderr.write(`${GENERATED_FILE} is not current: run npm run openapi:types\n`);
      process.exit(1);
    }
    process.stdout.write("the generated API types are current\n");
  } else {
    writeFileSync(GENERATED_FILE, generated);
    process.stdout.write(`wrote ${GENERATED_FILE}\n`);
  }
}
