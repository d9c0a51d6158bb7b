import type { Page } from "./types.ts";

/** What paging needs of a loaded list (a `Resource<Page<T>>` from use-resource.ts is one). */
export interface PagedList<T> {
  data: Page<T> | undefined;
  setData: (value: Page<T> | ((old: Page<T> | undefined) => Page<T>)) => void;
}

/**
 * Appends the next page of a cursor-paged list to the list itself (no second state to keep in step). If the
 * list was reloaded meanwhile (other filters), the late page is dropped.
 */
export async function appendNextPage<T>(
  list: PagedList<T>,
  fetchPage: (cursor: string) => Promise<Page<T>>,
): Promise<void> {
  const from = list.data;
  const cursor = from?.next_cursor;
  if (!from || !cursor) return;
  const page = await fetchPage(cursor);
  list.setData((old) =>
    old === from
      ? { items: [...from.items, ...page.items], next_cursor: page.next_cursor }
      : (old as Page<T>),
  );
}
