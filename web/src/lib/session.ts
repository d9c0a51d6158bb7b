/**
 * The signed-in API key. Kept in sessionStorage only (it ends with the tab), never in localStorage.
 * A 401 from any call signs out with the server's reason, which the sign-in page shows.
 */
import { useSyncExternalStore } from "react";

const KEY = "driftwatch.api_key";

export interface SessionState {
  apiKey: string | null;
  /** Why the last session ended (shown on the sign-in page), or null. */
  notice: string | null;
}

let state: SessionState = { apiKey: read(), notice: null };
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function set(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

export function currentKey(): string | null {
  return state.apiKey;
}

export function signIn(apiKey: string): void {
  sessionStorage.setItem(KEY, apiKey);
  set({ apiKey, notice: null });
}

export function signOut(notice: string | null = null): void {
  sessionStorage.removeItem(KEY);
  set({ apiKey: null, notice });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}
