import { isTransferResource, RESOURCE_NAMES, type Resource } from '../format/vocabulary';
import { sameSet } from '../profiles/expected-routing';
import { withinHours } from '../profiles/hours';
import { evidenceIf, labels, type ScoringContext } from './context';
import type { CategoryResult, CriticalError } from './report';
import { POINTS } from './rubric';

/**
 * The routing decision against the units this center expects at this hour. `critical`: the call's
 * critical errors; with one, nothing sent earns partial credit for "covering" the right units.
 */
export function routing(
  ctx: ScoringContext,
  weight: number,
  critical: readonly CriticalError[],
): CategoryResult {
  const { record, expected, profile, scenario } = ctx;
  const sent = record.resources;
  const best = expected.best.resources;
  const lose = (points: number, rule: string, what: string): CategoryResult => ({
    earned: weight - points,
    lost: [
      {
        category: 'routing',
        points,
        rule,
        what,
        expected: `${labels(best, profile)}.`,
        rationale: scenario.answerKey.rationale.routing,
        ...evidenceIf(record.routedAt),
      },
    ],
  });

  if (sent.length === 0) {
    return lose(weight, 'routing.none', 'No unit was sent and no transfer was completed.');
  }
  if (sameSet(sent, best)) return { earned: weight, lost: [] };

  const unavailable = sent.filter((r) => offDuty(ctx, r));
  if (unavailable.length > 0) {
    const missing = unavailable.filter((r) => !profile.resources.some((p) => p.resource === r));
    return missing.length > 0
      ? lose(
          weight,
          'routing.not-at-center',
          `Routed to ${missing.map((r) => RESOURCE_NAMES[r]).join(' + ')}, which this center does not have.`,
        )
      : lose(
          weight,
          'routing.off-duty',
          `Routed to ${labels(unavailable, profile)}, which is off duty at ${ctx.callTime}.`,
        );
  }
  if (expected.acceptable.some((o) => sameSet(o.resources, sent))) {
    return lose(
      POINTS.acceptableNotBest,
      'routing.acceptable-not-best',
      `Sent ${labels(sent, profile)}: acceptable here, but not the best use of this center's resources.`,
    );
  }
  const covers = [best, ...expected.acceptable.map((o) => o.resources)].find((set) =>
    set.every((r) => sent.includes(r)),
  );
  const clean = critical.length === 0;
  if (!expected.policeRequired && sent.includes('police') && !best.includes('police')) {
    // Police instead of the behavioral-health response is a missed diversion; police on top of
    // the right response is over-policing, a lesser error.
    if (covers && clean) {
      return lose(
        POINTS.overPolicing,
        'routing.over-policing',
        'Also sent police, which this call did not need (over-policing).',
      );
    }
    const divertible = best.some(
      (r) => isTransferResource(r) || r === 'mobile-crisis' || r === 'co-responder',
    );
    if (divertible) {
      return lose(
        weight,
        'routing.missed-diversion',
        `Sent ${labels(sent, profile)}: police to a call eligible for a behavioral-health response (missed diversion).`,
      );
    }
  }
  if (covers && clean) {
    const extra = sent.filter((r) => !covers.includes(r));
    return lose(
      POINTS.unneededUnit,
      'routing.unneeded-unit',
      `Also sent ${labels(extra, profile)}, which this call did not need.`,
    );
  }
  return lose(weight, 'routing.wrong', `Sent ${labels(sent, profile)}.`);
}

function offDuty(ctx: ScoringContext, resource: Resource): boolean {
  const available = ctx.profile.resources.find((r) => r.resource === resource);
  return !available || !withinHours(available.hours, ctx.callTime);
}
