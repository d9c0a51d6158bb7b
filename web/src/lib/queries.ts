/**
 * Data fetching with TanStack Query, over the shared API client. A query is named by the operationId it
 * calls and its input, so a page reads `useApiQuery("getConnection", { params: { id } })` and a change
 * invalidates by name (`invalidate(client, "listConnections")`).
 */
import {
  type InfiniteData,
  keepPreviousData,
  QueryClient,
  type QueryClient as QueryClientType,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import type { ApiClient } from "../../../src/api/client.ts";
import type { Operations } from "../../../src/api/operations.ts";
import { ApiError, api } from "./api.ts";
import type { Page } from "./types.ts";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}

type OperationId = keyof Operations;
type Call<K extends OperationId> = ApiClient[K];
export type InputOf<K extends OperationId> = NonNullable<Parameters<Call<K>>[0]>;
export type ResultOf<K extends OperationId> = Awaited<ReturnType<Call<K>>>;

/**
 * Queries run once (no retries: a failure shows at once, with the server's message) and are fetched again
 * when a page mounts or a change invalidates them, not when the window regains focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, networkMode: "always" },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, "client", (err as Error)?.message ?? String(err));
}

async function run<K extends OperationId>(id: K, input: object, signal: AbortSignal): Promise<ResultOf<K>> {
  try {
    const call = api[id] as (input: object) => Promise<ResultOf<K>>;
    return await call({ ...input, signal });
  } catch (err) {
    throw toApiError(err);
  }
}

/** The query key of an operation's call: its operationId, then what it was called with. */
export function apiKey<K extends OperationId>(id: K, input?: InputOf<K>): readonly unknown[] {
  return input === undefined ? [id] : [id, input];
}

export interface ApiQueryOptions {
  enabled?: boolean;
  /** Keep showing the previous answer while another input (a filter) loads. */
  keepPrevious?: boolean;
  staleTime?: number;
  /** Fetch again every so many ms while this returns a number (following a poll run). */
  refetchInterval?: (data: unknown, failed: boolean) => number | false;
}

export function useApiQuery<K extends OperationId>(id: K, input?: InputOf<K>, options: ApiQueryOptions = {}) {
  const interval = options.refetchInterval;
  return useQuery({
    queryKey: apiKey(id, input),
    queryFn: ({ signal }) => run(id, input ?? {}, signal),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
    ...(interval === undefined
      ? {}
      : {
          refetchInterval: (q: { state: { data: unknown; status: string } }) =>
            interval(q.state.data, q.state.status === "error"),
        }),
  });
}

type PagedId = {
  [K in OperationId]: ResultOf<K> extends Page<unknown> ? K : never;
}[OperationId];
type ItemOf<K extends PagedId> = ResultOf<K> extends Page<infer T> ? T : never;

/**
 * A cursor-paged list: the first page, and the next ones on demand (`fetchNextPage`), appended in order.
 * `items` is every loaded page's items.
 */
export function useApiPages<K extends PagedId>(
  id: K,
  input: InputOf<K> & { query?: object },
  options: { keepPrevious?: boolean } = {},
) {
  const result = useInfiniteQuery({
    queryKey: [...apiKey(id, input), "pages"],
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      run(
        id,
        { ...input, query: { ...input.query, ...(pageParam ? { cursor: pageParam } : {}) } },
        signal,
      ) as Promise<Page<ItemOf<K>>>,
    getNextPageParam: (last: Page<ItemOf<K>>) => last.next_cursor,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
  const items: ItemOf<K>[] = result.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...result, items };
}

/** Marks every cached call of these operations stale; those on screen are fetched again. */
export function invalidate(client: QueryClientType, ...ids: OperationId[]): Promise<void> {
  return Promise.all(ids.map((id) => client.invalidateQueries({ queryKey: [id] }))).then(() => undefined);
}

/** Replaces one item (by id) wherever a cached list of this operation holds it, paged or not. */
export function replaceInLists<T extends { id: string }>(
  client: QueryClientType,
  id: OperationId,
  updated: T,
) {
  const swap = (page: Page<T>): Page<T> => ({
    ...page,
    items: page.items.map((item) => (item.id === updated.id ? updated : item)),
  });
  client.setQueriesData<Page<T> | InfiniteData<Page<T>>>({ queryKey: [id] }, (old) => {
    if (!old) return old;
    if ("pages" in old) return { ...old, pages: old.pages.map(swap) };
    return swap(old);
  });
}
