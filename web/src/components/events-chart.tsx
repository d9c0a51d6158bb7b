import { useEffect, useId, useRef, useState } from "react";
import { dayTotal, niceMax, stack } from "../lib/chart.ts";
import { SEVERITIES, type SummaryDay } from "../lib/types.ts";

const COLORS: Record<string, string> = {
  info: "var(--chart-info)",
  warning: "var(--chart-warning)",
  error: "var(--chart-error)",
  critical: "var(--chart-critical)",
};

const H = 180;
const LEFT = 36;
const BOTTOM = 22;
const TOP = 8;

/** Drift events per day, stacked by severity; inline SVG, with the same figures as a table. */
export function EventsChart({ days }: { days: SummaryDay[] }) {
  const id = useId();
  // The drawing is as wide as its box (so 11 px text stays 11 px on a phone).
  const box = useRef<HTMLElement>(null);
  const [W, setW] = useState(760);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      if (width > 0) setW(Math.max(280, width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const total = days.reduce((s, d) => s + dayTotal(d), 0);
  const max = niceMax(Math.max(0, ...days.map(dayTotal)));
  const plotH = H - BOTTOM - TOP;
  const plotW = W - LEFT - 8;
  const slot = days.length > 0 ? plotW / days.length : plotW;
  const barW = Math.max(2, Math.min(24, slot * 0.7));
  const busiest = days.reduce<SummaryDay | null>((b, d) => (!b || dayTotal(d) > dayTotal(b) ? d : b), null);
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(plotW / 56))));
  const summary =
    total === 0
      ? `No drift events in the last ${days.length} days.`
      : `${total} drift events in the last ${days.length} days; the busiest day was ${busiest?.date} with ${busiest ? dayTotal(busiest) : 0}.`;
  return (
    <figure className="chart" style={{ margin: 0 }} data-testid="events-chart" ref={box}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>Drift events per day by severity</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {[0, 0.5, 1].map((f) => {
          const y = TOP + plotH - f * plotH;
          return (
            <g key={f}>
              <line x1={LEFT} x2={W - 4} y1={y} y2={y} stroke="#c9d1da" strokeWidth={1} />
              <text x={LEFT - 6} y={y + 4} textAnchor="end" fontSize={11} fill="#4f5a66">
                {Math.round(max * f)}
              </text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const x = LEFT + i * slot + (slot - barW) / 2;
          return (
            <g key={d.date} data-date={d.date}>
              <title>
                {`${d.date}: ${
                  SEVERITIES.filter((s) => d[s] > 0)
                    .map((s) => `${d[s]} ${s}`)
                    .join(", ") || "none"
                }`}
              </title>
              {stack(d, max, plotH).map((seg) => (
                <rect
                  key={seg.severity}
                  x={x}
                  y={TOP + seg.y}
                  width={barW}
                  height={Math.max(seg.height, 1)}
                  fill={COLORS[seg.severity]}
                  data-severity={seg.severity}
                />
              ))}
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={H - 6} textAnchor="middle" fontSize={11} fill="#4f5a66">
                  {d.date.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SEVERITIES.map((s) => (
          <span key={s}>
            <span className="swatch" style={{ background: COLORS[s] }} aria-hidden="true" />
            {s}
          </span>
        ))}
        <span className="hint" style={{ margin: 0 }}>
          {summary}
        </span>
      </figcaption>
      {total > 0 ? (
        <details>
          <summary>Show the figures as a table</summary>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Drift events per day by severity</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  {SEVERITIES.map((s) => (
                    <th scope="col" className="num" key={s}>
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days
                  .filter((d) => dayTotal(d) > 0)
                  .map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{d.date}</th>
                      {SEVERITIES.map((s) => (
                        <td className="num" key={s}>
                          {d[s]}
                        </td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
