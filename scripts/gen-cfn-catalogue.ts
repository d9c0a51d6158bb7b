/**
 * Writes `src/domain/cloud/cfn-catalogue.json`, the compact CloudFormation resource catalogue the drift engine
 * reads at scan time, from the maintained `@aws-cdk/aws-service-spec` database (a devDependency: the scan
 * never loads that 15 MB database, only this extract). Per type: the Cloud Control primary identifier, the
 * read-only properties (the spec's attributes that are not also properties), the create-only property paths (changing them replaces the
 * resource, nested ones included), the tag property and its shape, and the ARN template.
 *
 * Run after updating the package: `node scripts/gen-cfn-catalogue.ts`. `cfn-catalogue.test.ts` fails when the
 * committed file no longer matches the installed package.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const CATALOGUE_PATH = join(import.meta.dirname, "..", "src", "domain", "cloud", "cfn-catalogue.json");

interface SpecType {
  type: string;
  reference?: { $ref: string };
  element?: SpecType;
  inner?: SpecType[];
}
interface SpecProperty {
  type: SpecType;
  causesReplacement?: "yes" | "no" | "maybe";
}
interface SpecResource {
  cloudFormationType: string;
  primaryIdentifier?: string[];
  attributes: Record<string, unknown>;
  properties: Record<string, SpecProperty>;
  tagInformation?: { tagPropertyName: string; variant: string };
  arnTemplate?: string;
  additionalReplacementProperties?: string[][];
}
interface SpecTypeDefinition {
  properties: Record<string, SpecProperty>;
}
/** The part of the package's `SpecDatabase` this reads. */
export interface SpecDatabaseLike {
  all(collection: "resource"): readonly SpecResource[];
  get(collection: "typeDefinition", id: string): SpecTypeDefinition;
}

/** One type of the generated catalogue; short keys keep the file small (see CfnTypeInfo for the long names). */
export interface CatalogueEntry {
  /** Cloud Control primary identifier properties (joined with `|` in an identifier). */
  id?: string[];
  /** Read-only properties (attribute paths, `.`-separated). */
  ro?: string[];
  /** Create-only property paths: a change replaces the resource, so they cannot drift in place. */
  co?: string[];
  /** Tag property and its shape: `standard` (list of Key/Value), `map` (object), `asg` (list with PropagateAtLaunch). */
  tag?: [string, string];
  arn?: string;
}
export interface Catalogue {
  package: string;
  types: Record<string, CatalogueEntry>;
}

function refOf(t: SpecType | undefined): string | undefined {
  if (!t) return undefined;
  if (t.type === "ref") return t.reference?.$ref;
  if (t.type === "array" || t.type === "map") return refOf(t.element);
  return undefined;
}

function createOnlyPaths(db: SpecDatabaseLike, r: SpecResource): string[] {
  const out = new Set<string>();
  const walk = (props: Record<string, SpecProperty>, prefix: string, seen: Set<string>, depth: number) => {
    for (const [name, p] of Object.entries(props)) {
      const path = prefix + name;
      if (p.causesReplacement === "yes") {
        out.add(path);
        continue; // everything below a create-only property is create-only too
      }
      const ref = refOf(p.type);
      if (ref !== undefined && depth < 4 && !seen.has(ref)) {
        walk(db.get("typeDefinition", ref).properties, `${path}.`, new Set([...seen, ref]), depth + 1);
      }
    }
  };
  walk(r.properties, "", new Set(), 0);
  for (const p of r.additionalReplacementProperties ?? []) out.add(p.join("."));
  return withoutCoveredPaths([...out]);
}

/** Drops `A.B` when `A` is listed: what holds for a property holds for everything inside it. */
function withoutCoveredPaths(paths: string[]): string[] {
  const set = new Set(paths);
  const covered = (p: string) => {
    for (let i = p.indexOf("."); i !== -1; i = p.indexOf(".", i + 1)) if (set.has(p.slice(0, i))) return true;
    return false;
  };
  return paths.filter((p) => !covered(p)).sort();
}

export function buildCatalogue(db: SpecDatabaseLike, packageVersion: string): Catalogue {
  const types: Record<string, CatalogueEntry> = {};
  const resources = [...db.all("resource")].sort((a, b) =>
    a.cloudFormationType < b.cloudFormationType ? -1 : a.cloudFormationType > b.cloudFormationType ? 1 : 0,
  );
  for (const r of resources) {
    const e: CatalogueEntry = {};
    if (r.primaryIdentifier?.length) e.id = r.primaryIdentifier;
    // an attribute that is also a property (a legacy GetAtt of a settable value) is not read-only
    const ro = withoutCoveredPaths(Object.keys(r.attributes).filter((a) => !Object.hasOwn(r.properties, a)));
    if (ro.length) e.ro = ro;
    const co = createOnlyPaths(db, r);
    if (co.length) e.co = co;
    if (r.tagInformation) e.tag = [r.tagInformation.tagPropertyName, r.tagInformation.variant];
    if (r.arnTemplate) e.arn = r.arnTemplate;
    types[r.cloudFormationType] = e;
  }
  return { package: `@aws-cdk/aws-service-spec@${packageVersion}`, types };
}

/** One type a line: small diffs when the package changes, and cheap to parse. */
export function renderCatalogue(c: Catalogue): string {
  const lines = Object.entries(c.types).map(([t, e]) => `    ${JSON.stringify(t)}: ${JSON.stringify(e)}`);
  return `{\n  "package": ${JSON.stringify(c.package)},\n  "types": {\n${lines.join(",\n")}\n  }\n}\n`;
}

export async function loadInstalledSpec(): Promise<{ db: SpecDatabaseLike; version: string }> {
  const { loadAwsServiceSpec } = await import("@aws-cdk/aws-service-spec");
  const { createRequire } = await import("node:module");
  const pkg = createRequire(import.meta.url)("@aws-cdk/aws-service-spec/package.json") as { version: string };
  return { db: (await loadAwsServiceSpec()) as unknown as SpecDatabaseLike, version: pkg.version };
}

if (import.meta.main) {
  const { db, version } = await loadInstalledSpec();
  const text = renderCatalogue(buildCatalogue(db, version));
  writeFileSync(CATALOGUE_PATH, text);
  process.stdout.write(
    `wrote ${CATALOGUE_PATH} (${Object.keys(JSON.parse(text).types).length} types, ${text.length} bytes)\n`,
  );
}
