// Study charts as SVG, drawn with visx (scales and shapes; no style attributes, no eval), so
// they render the same in the app under its strict CSP and in the HTML/PDF study report
// (server-rendered with react-dom/server). Colours come from CSS classes (ct-chart-*) that
// the app's and the report's style sheets define for light and dark; each chart has a title
// and a description for screen readers, and every mark a <title> with its value.

import { Group } from '@visx/group';
import { scaleBand, scaleLinear, scalePoint } from '@visx/scale';
import { Bar, Line, LinePath } from '@visx/shape';
import { useId, type ReactElement } from 'react';

export type Value = number | null;
export type Range = [number, number] | null;

const fmt = (x: Value): string => (x === null ? 'n/a' : x.toFixed(2));
/** Series colours cycle through this many CSS classes (ct-chart-series-0 …). */
export const SERIES_CLASSES = 8;

interface Frame {
  title: string;
  description: string;
  width: number;
  height: number;
  children: ReactElement | ReactElement[];
}

function ChartFrame({ title, description, width, height, children }: Frame): ReactElement {
  const id = useId().replace(/:/g, '');
  return (
    <svg className="ct-chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {children}
    </svg>
  );
}

export interface IntervalRow {
  label: string;
  value: Value;
  interval: Range;
}

/** One row per label: the coefficient as a dot, its 95 % interval as a bar; 0 and 1 marked. */
export function IntervalChart({ title, rows, width = 560 }: { title: string; rows: IntervalRow[]; width?: number }): ReactElement {
  const rowHeight = 26;
  const left = 130;
  const right = 56;
  const top = 8;
  const height = top + rows.length * rowHeight + 24;
  const lo = Math.min(0, ...rows.flatMap((r) => [r.value ?? 0, r.interval?.[0] ?? 0]));
  const x = scaleLinear<number>({ domain: [Math.max(-1, Math.floor(lo * 10) / 10), 1], range: [left, width - right] });
  const y = scaleBand<string>({ domain: rows.map((r) => r.label), range: [top, top + rows.length * rowHeight], padding: 0.35 });
  const ticks = x.ticks(5);
  const description = rows.map((r) => `${r.label}: ${fmt(r.value)}${r.interval ? ` (95 % interval ${fmt(r.interval[0])} to ${fmt(r.interval[1])})` : ''}`).join('; ');
  return (
    <ChartFrame title={title} description={description} width={width} height={height}>
      <Group>
        {ticks.map((t) => (
          <g key={t}>
            <Line className={t === 0 ? 'ct-chart-zero' : 'ct-chart-grid'} from={{ x: x(t), y: top }} to={{ x: x(t), y: height - 20 }} />
            <text className="ct-chart-tick" x={x(t)} y={height - 6} textAnchor="middle">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {rows.map((r) => {
          const cy = (y(r.label) ?? 0) + y.bandwidth() / 2;
          return (
            <g key={r.label}>
              <text className="ct-chart-label" x={left - 8} y={cy} dy="0.35em" textAnchor="end">
                {r.label}
              </text>
              {r.interval && (
                <Bar className="ct-chart-interval" x={x(r.interval[0])} y={cy - 4} width={Math.max(1, x(r.interval[1]) - x(r.interval[0]))} height={8} rx={3}>
                  <title>{`${r.label}: 95 % interval ${fmt(r.interval[0])}–${fmt(r.interval[1])}`}</title>
                </Bar>
              )}
              {r.value !== null && (
                <circle className="ct-chart-dot" cx={x(r.value)} cy={cy} r={5}>
                  <title>{`${r.label}: ${fmt(r.value)}`}</title>
                </circle>
              )}
              <text className="ct-chart-value" x={width - right + 8} y={cy} dy="0.35em">
                {fmt(r.value)}
              </text>
            </g>
          );
        })}
      </Group>
    </ChartFrame>
  );
}

export interface HeatMapProps {
  title: string;
  rows: string[];
  columns: string[];
  /** values[row][column]; null for an empty cell (e.g. the diagonal of a pair matrix). */
  values: Value[][];
  /** Values are shaded from `domain[0]` (faint) to `domain[1]` (full). */
  domain: [number, number];
  format?: (x: number) => string;
  rowTitle?: string;
  columnTitle?: string;
  width?: number;
}

export function HeatMap({ title, rows, columns, values, domain, format = (x) => x.toFixed(2), rowTitle = '', columnTitle = '', width = 560 }: HeatMapProps): ReactElement {
  const left = 130;
  const top = 48;
  const cell = Math.max(26, Math.min(64, Math.floor((width - left - 8) / Math.max(1, columns.length))));
  const height = top + rows.length * cell + 8;
  const shade = (v: number): number => {
    const t = (v - domain[0]) / (domain[1] - domain[0] || 1);
    return Math.round(Math.min(1, Math.max(0.08, t)) * 100) / 100;
  };
  const description = `${rowTitle} by ${columnTitle}: ` + rows.map((r, i) => `${r}: ${columns.map((c, j) => `${c} ${values[i][j] === null ? 'n/a' : format(values[i][j] as number)}`).join(', ')}`).join('; ');
  return (
    <ChartFrame title={title} description={description} width={Math.max(width, left + columns.length * cell + 8)} height={height}>
      <Group>
        {columnTitle && (
          <text className="ct-chart-axis-title" x={left} y={12}>
            {columnTitle}
          </text>
        )}
        {columns.map((c, j) => (
          <text key={c} className="ct-chart-label" x={left + j * cell + cell / 2} y={top - 8} textAnchor="middle">
            <title>{c}</title>
            {c.length > Math.floor(cell / 7) ? `${c.slice(0, Math.max(1, Math.floor(cell / 7) - 1))}…` : c}
          </text>
        ))}
        {rows.map((r, i) => (
          <g key={r}>
            <text className="ct-chart-label" x={left - 8} y={top + i * cell + cell / 2} dy="0.35em" textAnchor="end">
              {r}
            </text>
            {columns.map((c, j) => {
              const v = values[i][j];
              return (
                <g key={c}>
                  <Bar className={v === null ? 'ct-chart-cell-empty' : 'ct-chart-cell'} x={left + j * cell + 1} y={top + i * cell + 1} width={cell - 2} height={cell - 2} fillOpacity={v === null ? undefined : shade(v)}>
                    <title>{`${r} × ${c}: ${v === null ? 'n/a' : format(v)}`}</title>
                  </Bar>
                  {v !== null && (
                    <text className={shade(v) > 0.55 ? 'ct-chart-cell-text-strong' : 'ct-chart-cell-text'} x={left + j * cell + cell / 2} y={top + i * cell + cell / 2} dy="0.35em" textAnchor="middle">
                      {format(v)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </Group>
    </ChartFrame>
  );
}

export interface BarGroup {
  label: string;
  /** One value per series, in the order of `series`. */
  values: Value[];
}

/** Horizontal grouped bars on 0–1 (e.g. each analyst's F1 against the reference and the majority). */
export function BarChart({ title, series, groups, width = 560 }: { title: string; series: string[]; groups: BarGroup[]; width?: number }): ReactElement {
  const left = 130;
  const right = 48;
  const barHeight = 12;
  const groupHeight = series.length * (barHeight + 3) + 12;
  const legend = 22;
  const height = legend + groups.length * groupHeight + 22;
  const x = scaleLinear<number>({ domain: [0, 1], range: [left, width - right] });
  const description = groups.map((g) => `${g.label}: ${series.map((s, k) => `${s} ${fmt(g.values[k])}`).join(', ')}`).join('; ');
  return (
    <ChartFrame title={title} description={description} width={width} height={height}>
      <Group>
        {series.map((s, k) => (
          <g key={s}>
            <rect className={`ct-chart-series-${k % SERIES_CLASSES}`} x={left + k * 160} y={4} width={12} height={12} />
            <text className="ct-chart-label" x={left + k * 160 + 18} y={10} dy="0.35em">
              {s}
            </text>
          </g>
        ))}
        {x.ticks(5).map((t) => (
          <g key={t}>
            <Line className="ct-chart-grid" from={{ x: x(t), y: legend }} to={{ x: x(t), y: height - 20 }} />
            <text className="ct-chart-tick" x={x(t)} y={height - 6} textAnchor="middle">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {groups.map((g, i) => {
          const y0 = legend + i * groupHeight + 6;
          return (
            <g key={g.label}>
              <text className="ct-chart-label" x={left - 8} y={y0 + (groupHeight - 12) / 2} dy="0.35em" textAnchor="end">
                {g.label}
              </text>
              {g.values.map((v, k) => (
                <g key={series[k]}>
                  <Bar className={`ct-chart-series-${k % SERIES_CLASSES}`} x={left} y={y0 + k * (barHeight + 3)} width={v === null ? 0 : Math.max(1, x(v) - left)} height={barHeight}>
                    <title>{`${g.label}, ${series[k]}: ${fmt(v)}`}</title>
                  </Bar>
                  <text className="ct-chart-value" x={(v === null ? left : x(v)) + 4} y={y0 + k * (barHeight + 3) + barHeight / 2} dy="0.35em">
                    {fmt(v)}
                  </text>
                </g>
              ))}
            </g>
          );
        })}
      </Group>
    </ChartFrame>
  );
}

/** One line per series over ordered groups (batches or weeks), values on 0–1; gaps stay gaps. */
export function LineChart({ title, groups, series, width = 560 }: { title: string; groups: string[]; series: Array<{ label: string; values: Value[] }>; width?: number }): ReactElement {
  const left = 44;
  const right = 16;
  const top = 28;
  const height = 220;
  const bottom = height - 36;
  const x = scalePoint<string>({ domain: groups, range: [left + 12, width - right - 12] });
  const y = scaleLinear<number>({ domain: [0, 1], range: [bottom, top] });
  const description = series.map((s) => `${s.label}: ${groups.map((g, i) => `${g} ${fmt(s.values[i])}`).join(', ')}`).join('; ');
  const every = Math.max(1, Math.ceil(groups.length / 8));
  return (
    <ChartFrame title={title} description={description} width={width} height={height}>
      <Group>
        {series.map((s, k) => (
          <g key={s.label}>
            <rect className={`ct-chart-series-${k % SERIES_CLASSES}`} x={left + k * 120} y={4} width={12} height={12} />
            <text className="ct-chart-label" x={left + k * 120 + 18} y={10} dy="0.35em">
              {s.label}
            </text>
          </g>
        ))}
        {y.ticks(5).map((t) => (
          <g key={t}>
            <Line className="ct-chart-grid" from={{ x: left, y: y(t) }} to={{ x: width - right, y: y(t) }} />
            <text className="ct-chart-tick" x={left - 6} y={y(t)} dy="0.35em" textAnchor="end">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {groups.map((g, i) =>
          i % every === 0 ? (
            <text key={g} className="ct-chart-tick" x={x(g)} y={bottom + 18} textAnchor="middle">
              {g}
            </text>
          ) : (
            <g key={g} />
          ),
        )}
        {series.map((s, k) => {
          const points = groups.map((g, i) => ({ g, v: s.values[i] }));
          return (
            <g key={s.label}>
              <LinePath className={`ct-chart-line ct-chart-stroke-${k % SERIES_CLASSES}`} data={points} x={(p) => x(p.g) ?? 0} y={(p) => y(p.v ?? 0)} defined={(p) => p.v !== null} />
              {points.map((p) =>
                p.v === null ? null : (
                  <circle key={p.g} className={`ct-chart-series-${k % SERIES_CLASSES}`} cx={x(p.g)} cy={y(p.v)} r={3.5}>
                    <title>{`${s.label}, ${p.g}: ${fmt(p.v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </Group>
    </ChartFrame>
  );
}

/** The charts' colours for light and dark, by class; included by the app and the report. */
export const CHART_CSS = `
.ct-chart { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; color: var(--ct-chart-ink, #1d2433); }
.ct-chart text { fill: currentColor; }
.ct-chart .ct-chart-tick, .ct-chart .ct-chart-axis-title { fill: var(--ct-chart-muted, #5b6475); }
.ct-chart-grid { stroke: var(--ct-chart-grid, #d9dde5); stroke-width: 1; }
.ct-chart-zero { stroke: var(--ct-chart-muted, #5b6475); stroke-width: 1; }
.ct-chart-interval { fill: var(--ct-chart-accent-soft, #b8cdf0); }
.ct-chart-dot { fill: var(--ct-chart-accent, #2d6cb5); stroke: var(--ct-chart-bg, #fff); stroke-width: 1.5; }
.ct-chart-cell { fill: var(--ct-chart-accent, #2d6cb5); }
.ct-chart-cell-empty { fill: var(--ct-chart-grid, #d9dde5); fill-opacity: 0.4; }
.ct-chart .ct-chart-cell-text-strong { fill: #fff; }
.ct-chart-line { fill: none; stroke-width: 2; }
.ct-chart-series-0 { fill: #2d6cb5; } .ct-chart-stroke-0 { stroke: #2d6cb5; }
.ct-chart-series-1 { fill: #c05621; } .ct-chart-stroke-1 { stroke: #c05621; }
.ct-chart-series-2 { fill: #2f7d4f; } .ct-chart-stroke-2 { stroke: #2f7d4f; }
.ct-chart-series-3 { fill: #8a4fb5; } .ct-chart-stroke-3 { stroke: #8a4fb5; }
.ct-chart-series-4 { fill: #b5302d; } .ct-chart-stroke-4 { stroke: #b5302d; }
.ct-chart-series-5 { fill: #1f8a8a; } .ct-chart-stroke-5 { stroke: #1f8a8a; }
.ct-chart-series-6 { fill: #8a6d1f; } .ct-chart-stroke-6 { stroke: #8a6d1f; }
.ct-chart-series-7 { fill: #555c6b; } .ct-chart-stroke-7 { stroke: #555c6b; }
@media (prefers-color-scheme: dark) {
  :root:not([data-theme='light']) .ct-chart { --ct-chart-ink: #e3e7ee; --ct-chart-muted: #a4adbd; --ct-chart-grid: #3a4150; --ct-chart-accent: #7fb0ff; --ct-chart-accent-soft: #36507a; --ct-chart-bg: #1b1f27; }
}
:root[data-theme='dark'] .ct-chart { --ct-chart-ink: #e3e7ee; --ct-chart-muted: #a4adbd; --ct-chart-grid: #3a4150; --ct-chart-accent: #7fb0ff; --ct-chart-accent-soft: #36507a; --ct-chart-bg: #1b1f27; }
@media print { .ct-chart { --ct-chart-ink: #000; --ct-chart-muted: #333; } }
`;
