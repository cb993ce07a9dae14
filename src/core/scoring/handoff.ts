import { evidenceIf, evidenceOf, type ScoringContext } from './context';
import { earnedAfter, type CategoryResult, type CriticalError, type PointLost } from './report';
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
  // A transfer that was itself the unsafe diversion earns nothing for being done politely.
  if (critical.some((c) => c.kind === 'unsafe-diversion')) return { earned: 0, lost: [] };
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
