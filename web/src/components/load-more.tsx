/** "Load more" under a cursor-paged list (useApiPages); shown only while the list has a next page. */
export function LoadMore({
  list,
  label = "Load more",
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  label?: string;
}) {
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="btn"
      style={{ marginTop: 12 }}
      disabled={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
    >
      {label}
    </button>
  );
}
