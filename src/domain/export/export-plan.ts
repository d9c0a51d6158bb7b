/**
 * How a batch of drift events becomes objects in a destination: grouped by what the path template needs
 * (`{connection}`, `{contract}`: one object per connection or contract in the batch), each object's key
 * rendered once, when the batch is planned, from the batch's instant, number and id. Pure: the same events
 * and the same batch give the same groups and keys, which is what lets a retry write the same keys again.
 */
import {
  type CompiledTemplate,
  compactStamp,
  type ExportKind,
  objectKey,
  type TemplateValues,
} from "../path-template.ts";
import { type ExportedEvent, type ExportFormat, formatInfo } from "./event-batch.ts";

export interface BatchIdentity {
  /** The outbox entry's id: `{job_id}` renders its first 8 characters. */
  batchId: string;
  batchNo: number;
  destinationId: string;
  plannedAt: Date;
  org: string;
  env?: string;
}

export interface ObjectPlan {
  key: string;
  /** Which events go in it (see groupOf); `all` when the template needs no grouping. */
  group: string;
  count: number;
  contentType: string;
}

/** What grouping needs of an event. */
export type Groupable = Pick<ExportedEvent, "connection"> & {
  contract: Pick<ExportedEvent["contract"], "id">;
};

/** The group of an event under a template: its connection and/or contract when the template names them. */
export function groupOf(template: CompiledTemplate, e: Groupable): string {
  const parts: string[] = [];
  if (template.variables.has("connection")) parts.push(`connection:${e.connection.id}`);
  if (template.variables.has("contract")) parts.push(`contract:${e.contract.id}`);
  return parts.length === 0 ? "all" : parts.join("|");
}

/** An object name no other batch, destination or kind can produce: kind, instant, destination, number. */
export function objectName(kind: ExportKind, id: BatchIdentity, extension: string, part?: number): string {
  const no = String(id.batchNo).padStart(6, "0");
  const suffix = part === undefined ? "" : `-${String(part).padStart(3, "0")}`;
  return `${kind}-${compactStamp(id.plannedAt)}-${id.destinationId.slice(0, 8)}-${no}${suffix}${extension}`;
}

function baseValues(kind: ExportKind, id: BatchIdentity): TemplateValues {
  return {
    at: id.plannedAt,
    org: id.org,
    kind,
    job_id: id.batchId.slice(0, 8),
    ...(id.env ? { env: id.env } : {}),
  };
}

/** Splits events into their groups, keeping cursor order inside each group and first-seen order between. */
export function groupEvents<E extends Groupable>(
  template: CompiledTemplate,
  events: readonly E[],
): Map<string, E[]> {
  const groups = new Map<string, E[]>();
  for (const e of events) {
    const g = groupOf(template, e);
    let list = groups.get(g);
    if (!list) {
      list = [];
      groups.set(g, list);
    }
    list.push(e);
  }
  return groups;
}

/** The objects of an events batch: one per group, each key rendered from the group's first event. */
export function planEventObjects(
  template: CompiledTemplate,
  events: readonly Groupable[],
  id: BatchIdentity,
  format: ExportFormat,
  gzip: boolean,
): ObjectPlan[] {
  const info = formatInfo(format, gzip);
  const groups = [...groupEvents(template, events)];
  return groups.map(([group, list], i) => {
    const first = list[0]!;
    const values: TemplateValues = {
      ...baseValues("events", id),
      connection: first.connection.name || "no-connection",
      contract: first.contract.id,
    };
    const name = objectName("events", id, info.extension, groups.length > 1 ? i + 1 : undefined);
    return {
      key: objectKey(template, values, name),
      group,
      count: list.length,
      contentType: info.contentType,
    };
  });
}

/** A scan report's object: JSON, named like an events batch, `{account}` filled in. */
export function planReportObject(template: CompiledTemplate, id: BatchIdentity, account: string): ObjectPlan {
  const values: TemplateValues = { ...baseValues("scan-reports", id), account };
  return {
    key: objectKey(template, values, objectName("scan-reports", id, ".json")),
    group: "report",
    count: 1,
    contentType: "application/json",
  };
}
