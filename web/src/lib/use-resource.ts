import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api.ts";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Fetch again; keeps showing the current data meanwhile. */
  reload: () => Promise<void>;
  /** Replace the data locally (after a mutation answered with the new object). */
  setData: (value: T | ((old: T | undefined) => T)) => void;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, "client", (err as Error)?.message ?? String(err));
}

/** Loads `load()` when `deps` change; stale answers (from older deps) are dropped. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async (signal: AbortSignal, gen: number) => {
    setLoading(true);
    try {
      const value = await loadRef.current(signal);
      if (gen !== generation.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (gen !== generation.current || (err as Error).name === "AbortError") return;
      setError(toApiError(err));
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  useEffect(
    () => {
      const controller = new AbortController();
      const gen = ++generation.current;
      void run(controller.signal, gen);
      return () => controller.abort();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload
    deps,
  );

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    await run(new AbortController().signal, gen);
  }, [run]);

  return { data, error, loading, reload, setData };
}

/** A value that follows `value` after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return out;
}
