import { Command } from "commander";
import type { DriftEventRecord, EventFilter } from "../../api/events.api.ts";
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
      // The server checks each filter and names a bad one; the CLI passes them on as typed.
      const query = {
        limit: Math.min(500, Number(opts.limit) || 50),
        ...(opts.connection
          ? { connection_id: (await resolveConnection(api, String(opts.connection))).id }
          : {}),
        ...(opts.type ? { type: String(opts.type) } : {}),
        ...(opts.severity ? { severity: String(opts.severity) } : {}),
        ...(!opts.all && opts.status ? { status: String(opts.status) } : {}),
        ...(opts.since ? { since: String(opts.since) } : {}),
      } as EventFilter;
      const { items } = await api.listDriftEvents({ query });
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
        for (const id of ids)
          await api.updateDriftEvent({ params: { id }, body: { status: "acknowledged" } });
        process.stdout.write(`acknowledged ${ids.length} event(s)\n`);
      }),
  );
  return cmd;
}
