import { useEffect, useSyncExternalStore } from "react";
import { absoluteTime, humanize, relativeTime } from "../lib/format.ts";
import type { Health, Severity } from "../lib/types.ts";

const HEALTH_TEXT: Record<Health, string> = {
  healthy: "Healthy",
  warning: "Warning",
  critical: "Critical",
  unknown: "Not polled yet",
};

export function HealthBadge({ health, paused }: { health: Health; paused?: boolean }) {
  return (
    <span className="actions" style={{ gap: 4, display: "inline-flex" }}>
      <span className={`badge ${health}`} data-testid="health">
        {HEALTH_TEXT[health] ?? humanize(health)}
      </span>
      {paused ? <span className="badge paused">Paused</span> : null}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge ${severity}`}>{humanize(severity)}</span>;
}

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge ${status}`}>{label ?? humanize(status)}</span>;
}

// One clock for every relative time on the page, ticking every 20 s.
let now = Date.now();
const subs = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function useNow(): number {
  useEffect(() => {
    if (!timer) {
      timer = setInterval(() => {
        now = Date.now();
        for (const s of subs) s();
      }, 20_000);
    }
  }, []);
  return useSyncExternalStore(
    (l) => {
      subs.add(l);
      return () => subs.delete(l);
    },
    () => now,
  );
}

/** "3 min ago" with the exact UTC time on hover and for assistive tech. */
export function TimeAgo({ iso, empty = "—" }: { iso: string | null | undefined; empty?: string }) {
  const current = useNow();
  if (!iso) return <span>{empty}</span>;
  const abs = absoluteTime(iso);
  return (
    <time dateTime={iso} title={abs}>
      {relativeTime(iso, Math.max(current, Date.now() - 1000))}
    </time>
  );
}
