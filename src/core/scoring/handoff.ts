import { evidenceIf, evidenceOf, rerouteWindowMs, type ScoringContext } from './context';
import { earnedAfter, type CategoryResult, type CriticalError, type PointLost } from './report';
import { resourceLabel } from '../profiles/expected-routing';
import { respondingAfter, respondingAt } from './call-record';
import { POINTS } from './rubric';

/**
 * The warm handoff, judged only when a transfer went through: choosing not to transfer is a routing
 * question. Undefined when no handoff was due.
 */
export function handoff(ctx: ScoringContext, critical: readonly CriticalError[]): CategoryResult | undefined {
  const { record, profile, scenario } = ctx;
  // A recalled transfer, or one to a counselor this center does not have on duty, handed nobody over.
  const transfer = record.transfers.find((t) => !t.refused && !t.recalled && !t.unavailable);
  if (!transfer) return undefined;
  // A transfer that was itself the unsafe diversion, or that no answer this center expects includes,
  // earns nothing for being done politely: otherwise handing the caller to the wrong desk would
  // score better than sending the wrong unit, which has no handoff to be graded on.
  // Judged on what was known when the transfer was made, like every decision. A transfer on top of
  // a response that already answers the call (988 keeping her talking while EMS drives) is extra,
  // and extra is free; a transfer that was the answer, and the wrong one, is not.
  const then = ctx.expectedAt(transfer.entry.seq);
  const expected = [then.best, ...then.acceptable];
  const after = respondingAfter(record, transfer.entry, rerouteWindowMs(ctx));
  const answered = expected.some((o) => o.resources.every((r) => after.includes(r)));
  const wanted = expected.some((o) => o.resources.includes(transfer.to));
  // This transfer was the unsafe diversion if it was on the line when the exposure began.
  const unsafe = critical.some(
    (c) =>
      c.kind === 'unsafe-diversion' &&
      c.evidence !== undefined &&
      c.evidence.seq >= transfer.entry.seq &&
      (c.evidence.seq === transfer.entry.seq ||
        respondingAt(record, c.evidence.seq + 1).includes(transfer.to)),
  );
  if (unsafe || (!wanted && !answered)) {
    return {
      earned: 0,
      lost: [
        {
          category: 'handoff',
          points: POINTS.brief + POINTS.stay,
          rule: 'handoff.wrong-transfer',
          what: unsafe
            ? 'The transfer was itself the unsafe diversion: however warm, the handoff earns nothing.'
            : `The transfer to ${resourceLabel(transfer.to, profile)} is not a response this call needed here: however warm, the handoff earns nothing.`,
          expected: 'A warm handoff to a counselor the call should go to.',
          evidence: evidenceOf(transfer.entry),
        },
      ],
    };
  }
  const rationale = scenario.answerKey.rationale.handoff;
  const base = {
    category: 'handoff' as const,
    expected: profile.handoff.description,
    ...(rationale ? { rationale } : {}),
    source: profile.handoff.source,
  };
  const lost: PointLost[] = [];
  if (profile.handoff.briefFirst && !transfer.briefed) {
    lost.push({
      ...base,
      points: POINTS.brief,
      rule: 'handoff.not-briefed',
      what: 'Brought the caller in without briefing the counselor first (cold transfer).',
      evidence: evidenceOf(transfer.entry),
    });
  }
  if (profile.handoff.stayUntilAccepted && (record.handoffDropped || !record.handoffAccepted)) {
    lost.push({
      ...base,
      points: POINTS.stay,
      rule: 'handoff.left-early',
      what: 'Left the line before the counselor had the caller.',
      ...evidenceIf(record.handoffDropped),
    });
  }
  return { earned: earnedAfter(POINTS.brief + POINTS.stay, lost), lost };
}
