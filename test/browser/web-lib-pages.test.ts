/** Cursor paging in the UI: the next page is appended to the list itself, and dropped if the list reloaded. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { appendNextPage, type PagedList } from "../../web/src/lib/pages.ts";
import type { Page } from "../../web/src/lib/types.ts";

function fakeList<T>(data: Page<T>): PagedList<T> & { current(): Page<T> | undefined } {
  let value: Page<T> | undefined = data;
  const list = {
    get data() {
      return value;
    },
    setData: (next: Page<T> | ((old: Page<T> | undefined) => Page<T>)) => {
      value = typeof next === "function" ? next(value) : next;
    },
    current: () => value,
  };
  return list;
}

test("the next page is appended with its cursor; the last page ends paging", async () => {
  const list = fakeList({ items: [1, 2], next_cursor: "c1" });
  const asked: string[] = [];
  await appendNextPage(list, async (cursor) => {
    asked.push(cursor);
    return { items: [3], next_cursor: "c2" };
  });
  assert.deepEqual(list.current(), { items: [1, 2, 3], next_cursor: "c2" });
  await appendNextPage(list, async () => ({ items: [4], next_cursor: null }));
  assert.deepEqual(list.current(), { items: [1, 2, 3, 4], next_cursor: null });
  await appendNextPage(list, async () => {
    throw new Error("no next page to fetch");
  });
  assert.deepEqual(asked, ["c1"]);
});

test("a page that arrives after the list was reloaded (new filters) is dropped", async () => {
  const list = fakeList({ items: ["a"], next_cursor: "c1" });
  await appendNextPage(list, async () => {
    list.setData({ items: ["fresh"], next_cursor: null });
    return { items: ["stale"], next_cursor: null };
  });
  assert.deepEqual(list.current(), { items: ["fresh"], next_cursor: null });
});
