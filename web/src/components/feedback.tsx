import { type ReactNode, useSyncExternalStore } from "react";
import type { ApiError } from "../lib/api.ts";

/** An API error as the user reads it: what went wrong, how to fix it, and the stable code. */
export function ErrorBox({ error, title }: { error: ApiError | Error | null | undefined; title?: string }) {
  if (!error) return null;
  const e = error as ApiError;
  return (
    <div className="alert error" role="alert">
      <p>
        <strong>{title ?? "Something went wrong."}</strong> {e.message}
      </p>
      {e.hint ? <p>{e.hint}</p> : null}
      {e.code ? (
        <p className="code">
          code: <span>{e.code}</span>
        </p>
      ) : null}
    </div>
  );
}

export function Empty({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="empty" aria-label={title}>
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {action}
    </section>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p role="status" className="hint">
      {what}…
    </p>
  );
}

// One polite live region for the whole app: async results ("Copied", "Poll finished") are read out.
let message = "";
const listeners = new Set<() => void>();

export function announce(text: string): void {
  // Clearing first makes a repeated message be read again.
  message = "";
  for (const l of listeners) l();
  setTimeout(() => {
    message = text;
    for (const l of listeners) l();
  }, 30);
}

export function Announcer() {
  const text = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => message,
  );
  return (
    <div role="status" aria-live="polite" className="visually-hidden" data-testid="announcer">
      {text}
    </div>
  );
}
