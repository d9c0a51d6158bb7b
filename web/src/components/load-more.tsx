import { useState } from "react";
import { appendNextPage, type PagedList } from "../lib/pages.ts";
import type { Page } from "../lib/types.ts";

/** "Load more" under a cursor-paged list; shown only while the list has a next page. */
export function LoadMore<T>({
  list,
  fetchPage,
  label = "Load more",
}: {
  list: PagedList<T>;
  fetchPage: (cursor: string) => Promise<Page<T>>;
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  if (!list.data?.next_cursor) return null;
  return (
    <button
      type="button"
      className="btn"
      style={{ marginTop: 12 }}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await appendNextPage(list, fetchPage);
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </button>
  );
}
