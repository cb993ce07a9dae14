import type { LogEntry, TraineeLogEntry } from '../engine/events';
import type { CriticalErrorKind } from '../format/scenario';
import type { Resource } from '../format/vocabulary';
import type { CallRecord } from './call-record';
import { evidenceIf, labels, type ScoringContext } from './context';
import type { CriticalError } from './report';

/**
 * The critical errors of a call, found before any category is scored: categories read this list,
 * none adds to it, so no result depends on the order categories are computed in.
 */
export function criticalErrors(ctx: ScoringContext): CriticalError[] {
  const { record, expected, profile } = ctx;
  const found: CriticalError[] = [];
  const add = (kind: CriticalErrorKind, what: string, fallback: string, entry: LogEntry | undefined) => {
    const rationale =
      ctx.scenario.answerKey.criticalErrors.find((c) => c.kind === kind)?.rationale ?? fallback;
    found.push({ kind, what, rationale, ...evidenceIf(entry) });
  };

  // The unsafe decision is the first move to a behavioral-health-only response while no police is
  // on the way, even if the caller then refused the transfer or police was added later.
  const diversion = firstDiversion(record);
  if (expected.policeRequired && diversion) {
    add(
      'unsafe-diversion',
      `Routed to ${labels([diversion.resource], profile)} with no police on the way, on a call the center's safety rules keep with police.`,
      expected.reasons.map((r) => r.text).join(' ') || 'This call must stay with police.',
      diversion.entry,
    );
  }
  if (record.resources.length === 0) {
    // Even when the caller hung up: a dropped caller with a known location still needs someone.
    if (record.ended) {
      add(
        'abandoned-caller',
        'The call was ended with no unit sent and no transfer made.',
        'Nobody was sent to the caller or the person they called about.',
        record.ended,
      );
    }
    return found;
  }
  if (expected.emsRequired && !record.resources.includes('ems')) {
    add(
      'missed-medical',
      'No EMS was sent although there is a medical emergency.',
      'A medical emergency needs EMS whatever else is sent.',
      record.routedAt,
    );
  }
  if (diversion && !screenedBefore(record, record.routedAt)) {
    add(
      'no-safety-screen',
      'Routed to a behavioral-health response without asking any safety-screen question first.',
      'Every documented program has a safety screen upstream of clinical routing.',
      record.routedAt,
    );
  }
  return found;
}

function screenedBefore(record: CallRecord, moment: TraineeLogEntry | undefined): boolean {
  return [...record.asked.entries()].some(
    ([question, entry]) => question.startsWith('safety.') && (!moment || entry.seq < moment.seq),
  );
}

/**
 * The diversion that makes a police-required call unsafe. Putting the caller through to a counselor
 * before police is on the way is one, even if the caller refused: the caller was handed over. A
 * field team sent before police is one only if police never follows, since units sent together
 * make one response whatever order the keys were pressed in.
 */
function firstDiversion(record: CallRecord): { resource: Resource; entry: TraineeLogEntry } | undefined {
  const police = record.dispatches.find(
    (d) => d.action.resource === 'police' || d.action.resource === 'co-responder',
  );
  const policeAt = police?.seq ?? Infinity;
  const transfers = record.transfers
    .filter((t) => t.entry.seq < policeAt)
    .map((t) => ({ resource: t.entry.action.to, entry: t.entry }));
  const fieldTeams = police
    ? []
    : record.dispatches
        .filter((d) => d.action.resource === 'mobile-crisis')
        .map((d) => ({ resource: d.action.resource, entry: d }));
  return [...transfers, ...fieldTeams].sort((a, b) => a.entry.seq - b.entry.seq)[0];
}
