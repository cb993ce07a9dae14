import type { Scenario } from '$core/format/scenario';
import type { ClockTime } from '$core/format/vocabulary';
import { minutesOfDay, withinHours } from '$core/profiles/hours';

/** The time of day a scenario is played at, and why it is not the one asked for when it is not. */
export interface PlayTime {
  time: ClockTime;
  /** "plays at 23:35: the caller's words fit night hours 21:00–05:00" */
  note?: string;
}

/** What part of the day a window of hours is, for the note: "night hours 21:00–05:00". */
function partOfDay(hours: { from: ClockTime; to: ClockTime }): string {
  const from = minutesOfDay(hours.from);
  const to = minutesOfDay(hours.to);
  const at = (h: number) => h * 60;
  if (from > to) return 'night hours';
  if (from >= at(5) && to <= at(12)) return 'morning hours';
  if (from >= at(12) && to <= at(18)) return 'afternoon hours';
  if (from >= at(17)) return 'evening hours';
  return 'the hours';
}

/**
 * A scenario whose caller's words tie it to some hours (`cad.storyHours`: "sorry to call so late")
 * can only be played inside them: a time chosen outside them (the library's call-time preference,
 * a replayed attempt's time, an assessment's) gives way to the scenario's own call time. Without
 * a chosen time, the scenario's own.
 */
export function playTime(scenario: Scenario, chosen: ClockTime | undefined): PlayTime {
  const own = scenario.cad.callTime;
  const hours = scenario.cad.storyHours;
  if (chosen === undefined || withinHours(hours, chosen)) return { time: chosen ?? own };
  return {
    time: own,
    ...(hours
      ? { note: `plays at ${own}: the caller's words fit ${partOfDay(hours)} ${hours.from}–${hours.to}` }
      : {}),
  };
}
