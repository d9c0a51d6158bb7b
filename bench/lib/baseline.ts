/**
 * The bare loops checkFile is measured against, over the same bytes in memory: no streaming, no hashing,
 * no aggregation — only parsing and the compiled Ajv validator.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { coercer } from "../../src/domain/contracts/csv.checker.ts";
import type { CompiledSchema } from "../../src/domain/contracts/index.ts";

/** JSON.parse + validate per line; returns seconds for the loop alone. */
export function ndjsonBaseline(
  text: string,
  schema: CompiledSchema,
): { seconds: number; records: number; invalid: number } {
  const lines = text.split("\n");
  const validate = schema.validate;
  let records = 0;
  let invalid = 0;
  const started = performance.now();
  for (const line of lines) {
    if (line.length === 0) continue;
    records++;
    if (!validate(JSON.parse(line))) invalid++;
  }
  return { seconds: (performance.now() - started) / 1000, records, invalid };
}

/** csv-parse (synchronous, whole buffer) + coercion + validate; returns seconds for all of it. */
export function csvBaseline(
  bytes: Uint8Array,
  schema: CompiledSchema,
): { seconds: number; records: number; invalid: number } {
  const validate = schema.validate;
  const started = performance.now();
  const rows = parseCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const [header, ...body] = rows;
  const columns = (header ?? []).map((name) => {
    const node = schema.root.childByName.get(name);
    return { name, coerce: coercer(node?.prop.logicalType) };
  });
  let invalid = 0;
  for (const row of body) {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columns.length && i < row.length; i++)
      record[columns[i]!.name] = columns[i]!.coerce(row[i]!);
    if (!validate(record)) invalid++;
  }
  return { seconds: (performance.now() - started) / 1000, records: body.length, invalid };
}

/** JSON.parse + validate over the CSV rows written as JSON lines (the same records, JSON's parser). */
export function csvAsJsonBaseline(
  bytes: Uint8Array,
  schema: CompiledSchema,
): { seconds: number; mb: number } {
  const rows = parseCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const [header, ...body] = rows;
  const columns = (header ?? []).map((name) => ({
    name,
    coerce: coercer(schema.root.childByName.get(name)?.prop.logicalType),
  }));
  const lines = body.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columns.length && i < row.length; i++)
      record[columns[i]!.name] = columns[i]!.coerce(row[i]!);
    return JSON.stringify(record);
  });
  const validate = schema.validate;
  const started = performance.now();
  for (const line of lines) validate(JSON.parse(line));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, mb: lines.reduce((n, l) => n + l.length + 1, 0) / 1e6 };
}
