import type { CompetencyRow, TrendPoint } from './progress-view';

/** Geometry of the progress charts, in SVG user units. Pure, so the numbers are tested, not eyeballed. */

export const BAR_CHART = {
  width: 780,
  labelWidth: 365,
  barX: 375,
  barWidth: 260,
  rowHeight: 34,
  barHeight: 20,
  top: 24,
} as const;

export interface Bar {
  id: string;
  label: string;
  percent: number;
  y: number;
  /** Width of the filled bar. */
  width: number;
  /** Fill opacity: fainter when the estimate rests on few or old calls. */
  opacity: number;
  /** The words beside the bar. */
  value: string;
}

export interface BarChart {
  width: number;
  height: number;
  bars: Bar[];
  /** Vertical guides at 0, 50 and 100%. */
  grid: { x: number; label: string }[];
}

/** A bar's fill opacity for a confidence 0..1: 0.3 for almost none, 1 for full confidence. */
export function opacityFor(confidence: number): number {
  return Math.round((0.3 + 0.7 * Math.min(1, Math.max(0, confidence))) * 100) / 100;
}

export function barChart(rows: readonly CompetencyRow[]): BarChart {
  const c = BAR_CHART;
  const bars = rows.map((r, i) => ({
    id: r.id,
    label: r.label,
    percent: r.percent,
    y: c.top + i * c.rowHeight,
    width: Math.round((c.barWidth * r.percent) / 100),
    opacity: opacityFor(r.confidence),
    value: `${r.percent}% · ${r.basedOn} call${r.basedOn === 1 ? '' : 's'}`,
  }));
  return {
    width: c.width,
    height: c.top + rows.length * c.rowHeight + 4,
    bars,
    grid: [0, 50, 100].map((p) => ({ x: c.barX + (c.barWidth * p) / 100, label: `${p}%` })),
  };
}

/** A polyline path through values in [min, max], spread over width × height (y grows downwards). */
export function linePath(values: readonly number[], width: number, height: number, min = 0, max = 1): string {
  if (values.length === 0) return '';
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * height;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${round(i * step)} ${round(y(v))}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The overall score-over-time line, totals 0..100. */
export function overallPath(points: readonly TrendPoint[], width: number, height: number): string {
  return linePath(
    points.map((p) => p.total),
    width,
    height,
    0,
    100,
  );
}
