import { RESOURCE_NAMES, type SourceCitation } from '../format/vocabulary';
import { normaliseSet, resourceLabel, type ResourceSet } from '../profiles/expected-routing';
import { evidenceIf, labels, type ScoringContext } from './context';
import type { CategoryResult, CriticalError, PointLost } from './report';
import { POINTS } from './rubric';

const HESITANCY: SourceCitation = {
  ref: 'seed:001#decision-1',
  note: 'Dispatchers were "significantly hesitant" to route calls away from police; programs lose reach on exactly the calls they could take',
};

/**
 * The routing decision: what was responding when the call ended, against what this center expects at
 * this hour on what the trainee knew. Units beyond the expected ones cost nothing, except police on a
 * call a behavioral-health response should have had (over-policing). `critical`: the call's critical
 * errors; with one, police on top of the right response earns no part credit.
 */
export function routing(
  ctx: ScoringContext,
  weight: number,
  critical: readonly CriticalError[],
): CategoryResult {
  const { record, expected, profile, scenario } = ctx;
  const sent = record.resources;
  const best = expected.best.resources;
  const rationale = ctx.scenario.answerKey.rationale;
  const lost = (points: number, rule: string, what: string, source?: SourceCitation): PointLost => ({
    category: 'routing',
    points,
    rule,
    what,
    expected: `${labels(best, profile)}.`,
    rationale: rationale.routingByModel?.[profile.model] ?? rationale.routing,
    ...evidenceIf(record.routedAt),
    ...(source ? { source } : {}),
  });
  const result = (...deductions: PointLost[]): CategoryResult => ({
    earned: Math.max(
      0,
      deductions.reduce((left, p) => left - p.points, weight),
    ),
    lost: deductions,
  });

  // A unit the center does not have, or a counselor off duty: nobody came, whatever else was sent.
  const unavailable = normaliseSet([
    ...record.units.filter((u) => u.unavailable && !u.cancelled).map((u) => u.resource),
    ...record.transfers.filter((t) => t.unavailable && !t.refused && !t.recalled).map((t) => t.to),
  ]);
  if (unavailable.length > 0) {
    const missing = unavailable.filter((r) => !profile.resources.some((p) => p.resource === r));
    return result(
      missing.length > 0
        ? lost(
            weight,
            'routing.not-at-center',
            `Routed to ${missing.map((r) => RESOURCE_NAMES[r]).join(' + ')}, which this center does not have.`,
          )
        : lost(
            weight,
            'routing.off-duty',
            `Routed to ${labels(unavailable, profile)}, which is off duty at ${ctx.callTime}.`,
          ),
    );
  }
  if (sent.length === 0) {
    return result(lost(weight, 'routing.none', 'Nothing was responding when the call ended.'));
  }

  const covers = (set: ResourceSet) => set.every((r) => sent.includes(r));
  const divertible =
    scenario.answerKey.disposition !== 'ems-required' && scenario.answerKey.disposition !== 'police-required';
  const acceptable = expected.acceptable.find((o) => covers(o.resources));
  // Police on top of what the center expects, on a call that is for a behavioral-health response.
  const extraPolice =
    divertible &&
    !expected.policeRequired &&
    sent.includes('police') &&
    !best.includes('police') &&
    !(acceptable?.resources.includes('police') && !covers(best));
  const overPolicing = () =>
    lost(
      POINTS.overPolicing,
      'routing.over-policing',
      'Also sent police, which this call did not need (over-policing).',
      HESITANCY,
    );
  const missedDiversion = () =>
    lost(
      weight,
      'routing.missed-diversion',
      `Sent ${labels(sent, profile)}: police to a call eligible for a behavioral-health response (missed diversion).`,
      HESITANCY,
    );
  const clean = critical.length === 0;

  if (covers(best)) {
    if (!extraPolice) return result();
    return result(clean ? overPolicing() : missedDiversion());
  }
  if (acceptable && (!extraPolice || clean)) {
    return result(
      lost(
        POINTS.acceptableNotBest,
        'routing.acceptable-not-best',
        `Sent ${labels(sent, profile)}: acceptable here, but not the best use of this center's resources.`,
      ),
      ...(extraPolice ? [overPolicing()] : []),
    );
  }
  if (sent.includes('police') && divertible && !expected.policeRequired) return result(missedDiversion());
  const missing = best.filter((r) => !sent.includes(r));
  return result(
    lost(
      weight,
      'routing.wrong',
      `Sent ${labels(sent, profile)}; missing ${missing.map((r) => resourceLabel(r, profile)).join(' + ')}.`,
    ),
  );
}
