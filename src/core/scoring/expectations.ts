import type { ActionScript, ScriptExpectation } from '../format/actions';
import type { ClockTime } from '../format/vocabulary';
import type { ScoreReport } from './report';

/** The expectations of a scripted attempt that apply at this center and hour, with their index in the file. */
export function applicableExpectations(
  script: ActionScript,
  profileId: string,
  time: ClockTime,
): { index: number; expectation: ScriptExpectation }[] {
  return script.expect.flatMap((expectation, index) =>
    (!expectation.profiles || expectation.profiles.includes(profileId)) &&
    (!expectation.times || expectation.times.includes(time))
      ? [{ index, expectation }]
      : [],
  );
}

/** What an expectation asks that the report does not show, in words: [] when it is met. */
export function unmetExpectation(e: ScriptExpectation, report: ScoreReport): string[] {
  const lost = report.pointsLost.map((p) => p.rule);
  const matches = (rule: string) => (r: string) => (rule.endsWith('.') ? r.startsWith(rule) : r === rule);
  const out: string[] = [];
  if (e.criticalErrors) {
    const got = report.criticalErrors.map((c) => c.kind).sort();
    const want = [...e.criticalErrors].sort();
    if (got.join() !== want.join()) {
      out.push(`critical errors [${got.join(', ')}], expected [${want.join(', ')}]`);
    }
  }
  for (const rule of e.loses ?? []) if (!lost.some(matches(rule))) out.push(`does not lose ${rule}`);
  for (const rule of e.keeps ?? []) if (lost.some(matches(rule))) out.push(`loses ${rule}`);
  if (e.level && !(e.level as string[]).includes(report.level)) {
    out.push(`level ${report.level}, expected ${e.level.join(' or ')}`);
  }
  return out;
}
