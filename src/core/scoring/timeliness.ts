import { decisionOf } from './call-record';
import { evidenceIf, seconds, type ScoringContext } from './context';
import type { CategoryResult } from './report';

/** The routing decision made within the answer key's time, counted from answering. */
export function timeliness(ctx: ScoringContext, weight: number): CategoryResult {
  const { record, scenario } = ctx;
  const limit = scenario.answerKey.routeWithinSeconds * 1000;
  const at = decisionOf(record, (entry) => {
    const expected = ctx.expectedAt(entry.seq);
    return expected.emsRequired || expected.emergencyRequired === true;
  });
  const answeredAt = record.log.find((e) => e.kind === 'trainee' && e.action.type === 'answer')?.at ?? 0;
  if (at && at.at - answeredAt <= limit) return { earned: weight, lost: [] };
  return {
    earned: 0,
    lost: [
      {
        category: 'timeliness',
        points: weight,
        rule: at ? 'timeliness.slow' : 'timeliness.never-routed',
        what: at
          ? `Made the routing decision ${seconds(at.at - answeredAt)} after answering.`
          : 'Never routed.',
        expected: `Route within ${seconds(limit)} of answering (EMS sent early does not count as the decision).`,
        ...evidenceIf(at),
      },
    ],
  };
}
