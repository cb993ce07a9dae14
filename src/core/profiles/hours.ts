import type { Hours } from '../format/profile';
import type { ClockTime } from '../format/vocabulary';

export function minutesOfDay(time: ClockTime): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Is `time` inside `hours`? `from` is inclusive, `to` exclusive; a window may wrap past midnight. */
export function withinHours(hours: Hours | undefined, time: ClockTime): boolean {
  if (!hours) return true;
  const t = minutesOfDay(time);
  const from = minutesOfDay(hours.from);
  const to = minutesOfDay(hours.to);
  if (from === to) return true;
  return from < to ? t >= from && t < to : t >= from || t < to;
}
