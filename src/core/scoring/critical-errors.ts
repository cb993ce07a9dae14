import type { LogEntry, TraineeLogEntry } from '../engine/events';
import { questionText } from '../format/question-bank';
import type { CriticalErrorKind } from '../format/scenario';
import { listWords } from '../format/words';
import { CLINICIAN_ONLY_RESOURCES, FACT_LABELS, type Resource, type SafetyFact } from '../format/vocabulary';
import { hasEmergencyUnit, type ExpectedRouting, type ResourceSet } from '../profiles/expected-routing';
import { policeOn, respondingAt, type CallRecord } from './call-record';
import { evidenceIf, labels, policeFacts, rerouteWindowMs, seconds, type ScoringContext } from './context';
import type { CriticalError } from './report';

const BEHAVIORAL_HEALTH: readonly Resource[] = CLINICIAN_ONLY_RESOURCES;

/** What the response in place lacks that the call needs, or undefined if it lacks nothing. */
function missingFrom(
  expected: ExpectedRouting,
  responding: ResourceSet,
): 'police' | 'an emergency unit' | undefined {
  if (expected.policeRequired && !policeOn(responding)) return 'police';
  if (expected.emergencyRequired && !hasEmergencyUnit(responding)) return 'an emergency unit';
  return undefined;
}

/**
 * The critical errors of a call, found before any category is scored: categories read this list,
 * none adds to it, so no result depends on the order categories are computed in.
 *
 * Each decision is judged on what the trainee knew, or should have known, when it was made
 * (see knowledge.ts). A route that was safe then is not an error because of a fact revealed
 * later; leaving it in place for longer than the re-route window after that fact is.
 */
export function criticalErrors(ctx: ScoringContext): CriticalError[] {
  const { record, expected } = ctx;
  const found: CriticalError[] = [];
  const add = (kind: CriticalErrorKind, what: string, fallback: string, entry: LogEntry | undefined) => {
    const rationale =
      ctx.scenario.answerKey.criticalErrors.find((c) => c.kind === kind)?.rationale ?? fallback;
    found.push({ kind, what, rationale, ...evidenceIf(entry) });
  };

  const unsafe = unsafeDiversion(ctx);
  if (unsafe) add('unsafe-diversion', unsafe.what, unsafe.fallback, unsafe.entry);
  if (record.resources.length === 0) {
    // Even when the caller hung up: a dropped caller with a known location still needs someone.
    if (record.ended) {
      add(
        'abandoned-caller',
        'The call was ended with no unit on the way and no transfer in place.',
        'Nobody was sent to the caller or the person they called about.',
        record.ended,
      );
    }
    return found;
  }
  if (expected.emsRequired && !record.resources.includes('ems')) {
    add(
      'missed-medical',
      'No EMS was on the way when the call ended, although there was a medical emergency.',
      'A medical emergency needs EMS whatever else is sent.',
      record.ended ?? record.routedAt,
    );
  }
  const diversion = firstDiversion(record, rerouteWindowMs(ctx));
  const unscreened = diversion && unscreenedBefore(ctx, diversion);
  if (diversion && unscreened) {
    add(
      'no-safety-screen',
      `Routed to ${labels([diversion.action.type === 'transfer' ? diversion.action.to : 'mobile-crisis'], ctx.profile)} before ${unscreened}.`,
      'Every documented program has a safety screen upstream of clinical routing.',
      diversion,
    );
  }
  return found;
}

/** The facts that make police required at `seq`, in words ("a weapon"), or what made it so. */
function whyPolice(ctx: ScoringContext, seq: number): string {
  const expected = ctx.expectedAt(seq);
  const facts = expected.known?.filter((f) => policeFacts(ctx.profile).includes(f)) ?? [];
  if (facts.length === 0) return expected.reasons.map((r) => r.text).join(' ');
  const said = facts.filter((f) => {
    const line = ctx.knowledge.revealed.get(f);
    return line !== undefined && line.seq < seq;
  });
  const unasked = facts
    .filter((f) => !said.includes(f))
    .map((f) => {
      const question = ctx.knowledge.skippedFor(f, seq);
      const asked = ctx.questions.questions.find((q) => q.id === question);
      const text = asked ? questionText(asked, ctx.scenario) : question;
      return `${FACT_LABELS[f]} would have come out had you asked "${text}"`;
    });
  return [
    ...(said.length ? [`the caller had said there was ${listWords(said.map((f) => FACT_LABELS[f]))}`] : []),
    ...unasked,
  ].join('; ');
}

/**
 * A behavioral-health-only response on a call that must have police, judged at each moment on what
 * was known then. Three ways to get there:
 * - handing the caller to a counselor when police was already required (even if the caller then
 *   refused: the decision was made), before police was on the way;
 * - a clinician-only response left in place for longer than the re-route window after police
 *   became required (a new fact revealed), or still in place when the call ended. A team sent just
 *   before police is fine: units sent together make one response;
 * - any other response (EMS alone on a weapon call) still without police when the call ended.
 */
function unsafeDiversion(
  ctx: ScoringContext,
): { what: string; fallback: string; entry: TraineeLogEntry | LogEntry } | undefined {
  const { record, profile } = ctx;
  const fallback = (seq: number) =>
    ctx
      .expectedAt(seq)
      .reasons.map((r) => r.text)
      .join(' ') || 'This call must stay with police.';
  for (const t of record.transfers) {
    const seq = t.entry.seq;
    const missing = missingFrom(ctx.expectedAt(seq), respondingAt(record, seq));
    if (missing) {
      return {
        what: `Transferred the caller to ${labels([t.to], profile)} with no ${missing === 'police' ? 'police' : 'emergency unit'} on the way, although ${whyPolice(ctx, seq)}.`,
        fallback: fallback(seq),
        entry: t.entry,
      };
    }
  }
  const windowMs = rerouteWindowMs(ctx);
  // A behavioral-health response (phone or team) in place without what the call needs.
  const exposed = (i: number) => {
    const responding = respondingAt(record, i + 1);
    return (
      responding.some((r) => BEHAVIORAL_HEALTH.includes(r)) &&
      missingFrom(ctx.expectedAt(i + 1), responding) !== undefined
    );
  };
  // Every stretch of exposure counts, not only the first: police sent and then cancelled leaves the
  // team on its own again.
  for (const { start, end } of stretches(record.log, exposed)) {
    const from = record.log[start]!;
    const fixedAt = end === undefined ? undefined : record.log[end];
    if (fixedAt && fixedAt.at - from.at <= windowMs) continue;
    const response = labels(respondingAt(record, start + 1), profile);
    const needed = missingFrom(ctx.expectedAt(start + 1), respondingAt(record, start + 1)) ?? 'police';
    return {
      what: fixedAt
        ? `${response} was left on its own for ${seconds(fixedAt.at - from.at)} after ${whyPolice(ctx, start + 1)}; ${needed} should be on the way within ${seconds(windowMs)}.`
        : `The call ended with only ${response} responding, although ${whyPolice(ctx, start + 1)}.`,
      fallback: fallback(start + 1),
      entry: from,
    };
  }
  return unsafeEnd(ctx);
}

/** The runs of log positions where `holds(i)` is true: from `start` up to `end` (undefined: to the end of the call). */
function stretches(
  log: readonly LogEntry[],
  holds: (i: number) => boolean,
): { start: number; end: number | undefined }[] {
  const out: { start: number; end: number | undefined }[] = [];
  let start: number | undefined;
  log.forEach((_, i) => {
    const now = holds(i);
    if (now && start === undefined) start = i;
    if (!now && start !== undefined) {
      out.push({ start, end: i });
      start = undefined;
    }
  });
  if (start !== undefined) out.push({ start, end: undefined });
  return out;
}

/** A response without what the call needs when it ended: medics sent alone to a weapon call. */
function unsafeEnd(ctx: ScoringContext): { what: string; fallback: string; entry: LogEntry } | undefined {
  const { record, expected, profile } = ctx;
  const end = record.ended ?? record.log.at(-1);
  if (!end || record.resources.length === 0) return undefined;
  const missing = missingFrom(expected, record.resources);
  if (!missing) return undefined;
  return {
    what: `The call ended with only ${labels(record.resources, profile)} responding and no ${missing === 'police' ? 'police' : 'emergency unit'}, although ${whyPolice(ctx, end.seq)}.`,
    fallback: expected.reasons.map((r) => r.text).join(' ') || 'This call must have police on the way.',
    entry: end,
  };
}

/**
 * What was left out of the safety screen before a behavioral-health response, in words, or
 * undefined if nothing was. The screen is every one of the center's exclusion facts (weapon,
 * danger, crime in progress) that a question the answer key requires screens for: each must have
 * been asked about first, by that question or any other that screens for the same fact, even when
 * the answer would have been no, because that is the habit that finds the call where it is yes.
 * A key that requires none of them needs at least one safety question first.
 */
function unscreenedBefore(ctx: ScoringContext, moment: TraineeLogEntry): string | undefined {
  const { record, questions, profile, scenario } = ctx;
  const askedBefore = (id: string) => (record.asked.get(id)?.seq ?? Infinity) < moment.seq;
  const excluding = new Set(profile.safetyScreen.exclusions.flatMap((e) => e.facts));
  const required = questions.questions.filter(
    (q) => q.group === 'safety-screen' && scenario.answerKey.requiredQuestions.includes(q.id),
  );
  const facts = [...new Set(required.flatMap((q) => q.screens.filter((f) => excluding.has(f))))];
  if (facts.length === 0) {
    const any = [...record.asked.keys()].some((id) => id.startsWith('safety.') && askedBefore(id));
    return any ? undefined : 'asking any safety-screen question';
  }
  const screened = (f: SafetyFact) =>
    questions.questions.some((q) => q.screens.includes(f) && askedBefore(q.id));
  const missed = facts.filter((f) => !screened(f));
  if (missed.length === 0) return undefined;
  const ask = required.filter((q) => q.screens.some((f) => missed.includes(f)));
  return `asking ${listWords(
    ask.map((q) => `"${questionText(q, scenario)}"`),
    'or',
  )}: this center screens for ${listWords(missed.map((f) => FACT_LABELS[f]))} before any behavioral-health response`;
}

/**
 * The first transfer made while no police was on the way, or the first stretch of a field team
 * responding with no police alongside that lasted longer than the re-route window (units sent
 * together make one response; police sent and cancelled again does not count).
 */
function firstDiversion(record: CallRecord, windowMs: number): TraineeLogEntry | undefined {
  const log = record.log;
  const teamAlone = (i: number) => {
    const responding = respondingAt(record, i + 1);
    return responding.includes('mobile-crisis') && !policeOn(responding);
  };
  const teams = stretches(log, teamAlone)
    .filter(({ start, end }) => end === undefined || log[end]!.at - log[start]!.at > windowMs)
    .map(({ start }) => log[start]!)
    .filter((e): e is TraineeLogEntry => e.kind === 'trainee');
  const transfers = record.transfers
    .map((t) => t.entry)
    .filter((entry) => !policeOn(respondingAt(record, entry.seq)));
  return [...transfers, ...teams].sort((a, b) => a.seq - b.seq)[0];
}
