/**
 * ODCS v3 server entries: the fields each server type adds (v3.0.2 and v3.1.0 list the same types, v3.1.0
 * adds hive, impala and zen, a `stream` on custom servers and drops the format enums of object stores).
 */
import type { Shape, Variant } from "./shape.ts";

type Version = "3.0" | "3.1";

const str: Shape = { kind: "string" };
const int: Shape = { kind: "integer" };
const uri: Shape = { kind: "string", format: "uri" };

/** Field names of each type, then the required ones. `F` fields are strings unless named in TYPED. */
interface ServerKind {
  fields: Record<string, Shape>;
  required: readonly string[];
  since?: Version;
}

function db(required: readonly string[], extra: Record<string, Shape> = {}): ServerKind {
  return { fields: { host: str, port: int, database: str, ...extra }, required };
}

function kinds(version: Version): Record<string, ServerKind> {
  const fileFormat: Shape =
    version === "3.0" ? { kind: "string", enum: ["parquet", "delta", "json", "csv"] } : str;
  const delimiter: Shape = version === "3.0" ? { kind: "string", enum: ["new_line", "array"] } : str;
  const custom: Record<string, Shape> = {
    account: str,
    catalog: str,
    database: str,
    dataset: str,
    delimiter: str,
    endpointUrl: uri,
    format: str,
    host: str,
    location: uri,
    path: str,
    port: int,
    project: str,
    region: str,
    regionName: str,
    schema: str,
    serviceName: str,
    stagingDir: str,
    warehouse: str,
  };
  if (version === "3.1") custom.stream = str;
  return {
    api: { fields: { location: uri }, required: ["location"] },
    athena: {
      fields: { stagingDir: uri, schema: str, catalog: str, regionName: str },
      required: ["stagingDir", "schema"],
    },
    azure: { fields: { location: uri, format: fileFormat, delimiter }, required: ["location", "format"] },
    bigquery: { fields: { project: str, dataset: str }, required: ["project", "dataset"] },
    clickhouse: db(["host", "port", "database"]),
    databricks: { fields: { host: str, catalog: str, schema: str }, required: ["catalog", "schema"] },
    denodo: db(["host", "port"]),
    dremio: { fields: { host: str, port: int, schema: str }, required: ["host", "port"] },
    duckdb: {
      fields: { database: str, schema: version === "3.0" ? int : str },
      required: ["database"],
    },
    glue: {
      fields: { account: str, database: str, location: uri, format: str },
      required: ["account", "database"],
    },
    cloudsql: db(["host", "port", "database", "schema"], { schema: str }),
    db2: db(["host", "port", "database"], { schema: str }),
    hive: { ...db(["host", "database"]), since: "3.1" },
    impala: { ...db(["host", "database"]), since: "3.1" },
    informix: db(["host", "database"]),
    zen: { ...db(["host", "database"]), since: "3.1" },
    custom: { fields: custom, required: [] },
    kafka: { fields: { host: str, format: str }, required: ["host"] },
    kinesis: { fields: { region: str, format: str }, required: [] },
    local: { fields: { path: str, format: str }, required: ["path", "format"] },
    mysql: db(["host", "port", "database"]),
    oracle: { fields: { host: str, port: int, serviceName: str }, required: ["host", "port", "serviceName"] },
    postgresql: db(["host", "port", "database", "schema"], { schema: str }),
    postgres: db(["host", "port", "database", "schema"], { schema: str }),
    presto: { fields: { host: str, catalog: str, schema: str }, required: ["host"] },
    pubsub: { fields: { project: str }, required: ["project"] },
    redshift: {
      fields: { host: str, database: str, schema: str, region: str, account: str },
      required: ["database", "schema"],
    },
    s3: {
      fields: { location: uri, endpointUrl: uri, format: fileFormat, delimiter },
      required: ["location"],
    },
    sftp: {
      fields: {
        location: {
          kind: "string",
          format: "uri",
          pattern: /^sftp:\/\//u,
          patternText: "must start with sftp://",
        },
        format: fileFormat,
        delimiter,
      },
      required: ["location"],
    },
    snowflake: {
      fields: { host: str, port: int, account: str, database: str, schema: str, warehouse: str },
      required: ["account", "database", "schema"],
    },
    sqlserver: db(["host", "database", "schema"], { schema: str }),
    synapse: db(["host", "port", "database"]),
    trino: {
      fields: { host: str, port: int, catalog: str, schema: str },
      required: ["host", "port", "catalog", "schema"],
    },
    vertica: db(["host", "port", "database", "schema"], { schema: str }),
  };
}

const TABLES = { "3.0": kinds("3.0"), "3.1": kinds("3.1") };

/** Server types of a version, in the standard's order. */
export function serverTypes(version: Version): string[] {
  return Object.entries(TABLES[version])
    .filter(([, k]) => k.since === undefined || version === "3.1")
    .map(([name]) => name);
}

/** The fields a server of `type` adds, or none for an unknown type. */
export function serverVariant(version: Version, type: unknown): Variant[] {
  if (typeof type !== "string") return [];
  const kind = TABLES[version][type];
  if (kind === undefined || (kind.since === "3.1" && version !== "3.1")) return [];
  const article = /^([aeiou]|s3$|sftp$)/.test(type) ? "an" : "a";
  return [{ fields: kind.fields, required: kind.required, label: `${article} ${type} server` }];
}
