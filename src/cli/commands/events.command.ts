import { Command } from "commander";
import type { DriftEventRecord } from "../../app/events.service.ts";
import { SEVERITIES } from "../../domain/drift/drift-event.ts";
import { apiClient, runApi, withApiOptions } from "../api-client.ts";
import { colorsEnabled, palette } from "../output/colors.ts";
import { resolveConnection } from "./connections.command.ts";

/** `driftwatch events`: drift events of a running server, newest first, grouped by file. */
export function eventsCommand(): Command {
  const cmd = withApiOptions(
    new Command("events")
      .description("drift events recorded by the server, newest first, grouped by file")
      .option("--connection <connection>", "only this connection (id or name)")
      .option("--type <type>", "only this event type, e.g. required_field_missing")
      .option("--severity <severity>", `only this severity (${SEVERITIES.join(", ")})`)
      .option("--status <status>", "open or acknowledged", "open")
      .option("--all", "open and acknowledged")
      .option("--since <iso>", "recorded at or after, e.g. 2026-11-01T00:00:00Z")
      .option("--limit <n>", "at most this many events", "50")
      .option("--json", "NDJSON, one event per line"),
  ).action(async (opts: Record<string, string | boolean | undefined>) =>
    runApi(async () => {
      const api = apiClient(opts as { url?: string; apiKey?: string });
      const q = new URLSearchParams({ limit: String(Math.min(500, Number(opts.limit) || 50)) });
      if (opts.connection) q.set("connection_id", (await resolveConnection(api, String(opts.connection))).id);
      if (opts.type) q.set("type", String(opts.type));
      if (opts.severity) q.set("severity", String(opts.severity));
      if (!opts.all && opts.status) q.set("status", String(opts.status));
      if (opts.since) q.set("since", String(opts.since));
      const { items } = await api.get<{ items: DriftEventRecord[] }>(`/api/v1/drift-events?${q}`);
      if (opts.json) {
        for (const e of items) process.stdout.write(`${JSON.stringify(e)}\n`);
        return;
      }
      if (items.length === 0) return void process.stdout.write("No drift events match.\n");
      const p = palette(colorsEnabled(process.stdout));
      const byFile = new Map<string, DriftEventRecord[]>();
      for (const e of items)
        byFile.set(`${e.connection_name ?? "?"}: ${e.file.key}`, [
          ...(byFile.get(`${e.connection_name ?? "?"}: ${e.file.key}`) ?? []),
          e,
        ]);
      for (const [file, events] of byFile) {
        process.stdout.write(`${p.bold(file)}\n`);
        for (const e of events) {
          const pct = e.percent === null ? "" : ` (${e.percent}%)`;
          process.stdout.write(
            `  ${p.severity(e.severity, e.severity.padEnd(8))} ${e.type}  ${e.path}\n    expected ${e.expected}; got ${e.actual}; ${e.count}×${pct}${e.status === "acknowledged" ? "  [acknowledged]" : ""}  id ${e.id}\n`,
          );
        }
      }
    }),
  );
  withApiOptions(cmd.command("ack <id...>").description("acknowledge drift events")).action(
    async (ids: string[], opts: { url?: string; apiKey?: string }) =>
      runApi(async () => {
        const api = apiClient(opts);
        for (const id of ids) await api.patch(`/api/v1/drift-events/${id}`, { status: "acknowledged" });
        process.stdout.write(`acknowledged ${ids.length} event(s)\n`);
      }),
  );
  return cmd;
}
