/**
 * The UI's query helpers (web/src/lib/queries.ts) on a real TanStack QueryClient: an item changed by a
 * mutation replaces its old self in every cached list of that operation, paged or not, and nowhere else;
 * invalidating by operationId marks exactly those calls stale.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { InfiniteData } from "@tanstack/react-query";
import { apiKey, createQueryClient, invalidate, replaceInLists } from "../../web/src/lib/queries.ts";
import type { Page } from "../../web/src/lib/types.ts";

type Item = { id: string; status: string };

test("a changed item replaces its old self in every cached list of the operation, paged or not", () => {
  const client = createQueryClient();
  const open = apiKey("listDriftEvents", { query: { status: "open" } });
  const paged = [...apiKey("listDriftEvents", { query: {} }), "pages"];
  const other = apiKey("listConnections");
  client.setQueryData<Page<Item>>(open, {
    items: [
      { id: "a", status: "open" },
      { id: "b", status: "open" },
    ],
    next_cursor: "c1",
  });
  client.setQueryData<InfiniteData<Page<Item>, string | null>>(paged, {
    pages: [
      { items: [{ id: "x", status: "open" }], next_cursor: "c1" },
      { items: [{ id: "b", status: "open" }], next_cursor: null },
    ],
    pageParams: [null, "c1"],
  });
  client.setQueryData<Page<Item>>(other, { items: [{ id: "b", status: "open" }], next_cursor: null });

  replaceInLists(client, "listDriftEvents", { id: "b", status: "acknowledged" });

  assert.deepEqual(client.getQueryData(open), {
    items: [
      { id: "a", status: "open" },
      { id: "b", status: "acknowledged" },
    ],
    next_cursor: "c1",
  });
  const pages = client.getQueryData<InfiniteData<Page<Item>>>(paged)!;
  assert.deepEqual(
    pages.pages.map((p) => p.items.map((i) => i.status)),
    [["open"], ["acknowledged"]],
  );
  assert.deepEqual(pages.pageParams, [null, "c1"], "the cursors stay as they were");
  assert.deepEqual(client.getQueryData(other), { items: [{ id: "b", status: "open" }], next_cursor: null });
});

test("invalidating an operation marks its calls stale, and only them", async () => {
  const client = createQueryClient();
  const a = apiKey("getConnection", { params: { id: "1" } });
  const b = apiKey("getConnection", { params: { id: "2" } });
  const c = apiKey("listContracts");
  for (const key of [a, b, c]) client.setQueryData(key, { any: "value" });
  await invalidate(client, "getConnection");
  assert.deepEqual(
    [a, b, c].map((key) => client.getQueryState(key)?.isInvalidated),
    [true, true, false],
  );
});
