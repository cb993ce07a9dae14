import type { LogEntry } from '../engine/events';
import type { CenterProfile } from '../format/profile';
import type { QuestionBank, QuestionGroup } from '../format/question-bank';
import type { CriticalErrorKind, Scenario } from '../format/scenario';
import type { ClockTime, Resource, SourceCitation } from '../format/vocabulary';
import { isTransferResource, RESOURCE_NAMES } from '../format/vocabulary';
import { withinHours } from '../profiles/hours';
import {
  expectedRouting,
  resourceLabel,
  sameSet,
  type ExpectedRouting,
  type ResourceSet,
} from '../profiles/expected-routing';
import { readCallRecord, type CallRecord } from './call-record';
import {
  CATEGORIES,
  CRITICAL_CAP,
  DISTRESSED,
  POINTS,
  SCORING_VERSION,
  levelFor,
  type CategoryId,
  type LevelId,
} from './rubric';

/** A pointer into the call's event log. */
export interface Evidence {
  seq: number;
  at: number;
}

/** One deduction, with everything the debrief needs to explain it. */
export interface PointLost {
  category: CategoryId;
  points: number;
  /** Stable rule id, e.g. "safety-screen.not-asked". */
  rule: string;
  /** What the trainee did or missed. */
  what: string;
  /** What the answer key expected. */
  expected: string;
  evidence?: Evidence;
  /** The clinician's reasoning from the answer key. */
  rationale?: string;
  source?: SourceCitation;
}

export interface CriticalError {
  kind: CriticalErrorKind;
  what: string;
  rationale: string;
  evidence?: Evidence;
}

export interface CategoryScore {
  id: CategoryId;
  label: string;
  weight: number;
  earned: number;
  /** Not every category applies to every call (a handoff only when a transfer was expected or made). */
  applicable: boolean;
}

export interface ScoreReport {
  scoringVersion: number;
  scenarioId: string;
  profileId: string;
  callTime: ClockTime;
  /** Percentage of applicable points, one decimal; capped when there is a critical error. */
  total: number;
  level: LevelId;
  levelLabel: string;
  categories: CategoryScore[];
  criticalErrors: CriticalError[];
  pointsLost: PointLost[];
  expected: ExpectedRouting;
  decision: {
    resources: ResourceSet;
    priority: number | undefined;
    callType: string | undefined;
    routedAtMs: number | undefined;
  };
}

export interface ScoreInput {
  scenario: Scenario;
  profile: CenterProfile;
  questions: QuestionBank;
  log: readonly LogEntry[];
  /** Time of day the call was played at; defaults to the scenario's call time. */
  callTime?: ClockTime;
}

const evidence = (entry: LogEntry | undefined): Evidence | undefined =>
  entry ? { seq: entry.seq, at: entry.at } : undefined;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

interface Ctx {
  scenario: Scenario;
  profile: CenterProfile;
  questions: QuestionBank;
  record: CallRecord;
  expected: ExpectedRouting;
  callTime: ClockTime;
  lost: PointLost[];
  critical: CriticalError[];
}

const resourceName = (r: Resource) => RESOURCE_NAMES[r];

function labels(resources: ResourceSet, profile: CenterProfile): string {
  return resources.length === 0 ? 'nothing' : resources.map((r) => resourceLabel(r, profile)).join(' + ');
}

/** Required questions of one group, each worth an equal share of `weight`; undefined when none is required. */
function requiredQuestionScore(ctx: Ctx, group: QuestionGroup, weight: number): number | undefined {
  const category: CategoryId = group === 'clinical-screen' ? 'recognition' : group;
  const required = ctx.scenario.answerKey.requiredQuestions
    .map((id) => ctx.questions.questions.find((q) => q.id === id))
    .filter((q) => q !== undefined && q.group === group);
  if (required.length === 0) return undefined;
  const share = weight / required.length;
  const deadline = ctx.record.routedAt?.seq ?? Number.POSITIVE_INFINITY;
  const rationale =
    group === 'safety-screen'
      ? ctx.scenario.answerKey.rationale.safetyScreen
      : group === 'clinical-screen'
        ? ctx.scenario.answerKey.rationale.recognition
        : undefined;
  let earned = weight;
  for (const q of required) {
    if (!q) continue;
    const asked = ctx.record.asked.get(q.id);
    if (asked && asked.seq < deadline) continue;
    const points = asked ? share / 2 : share;
    earned -= points;
    ctx.lost.push({
      category,
      points,
      rule: asked ? `${group}.asked-after-routing` : `${group}.not-asked`,
      what: asked
        ? `Asked "${q.text}" only after routing (at ${seconds(asked.at)}).`
        : `Never asked "${q.text}"`,
      expected: `Ask before routing: "${q.text}"${q.screens.length ? ` (screens for ${q.screens.join(', ')})` : ''}.`,
      ...(asked
        ? { evidence: evidence(asked) }
        : ctx.record.routedAt
          ? { evidence: evidence(ctx.record.routedAt) }
          : {}),
      ...(rationale ? { rationale } : {}),
      ...(group === 'safety-screen'
        ? { source: { ref: 'seed:001#decision-5' } }
        : group === 'clinical-screen'
          ? { source: { ref: 'seed:001#decision-6' } }
          : {}),
    } as PointLost);
  }
  return earned;
}

function recognition(ctx: Ctx): number {
  const key = ctx.scenario.answerKey;
  // With no clinical question required, those points are met by default, as a QA form marks "n/a".
  let earned =
    POINTS.code +
    POINTS.priority +
    (requiredQuestionScore(ctx, 'clinical-screen', POINTS.clinicalQuestions) ?? POINTS.clinicalQuestions);
  const code = ctx.record.code;
  if (!code || !key.callTypes.includes(code.callType)) {
    earned -= POINTS.code;
    ctx.lost.push({
      category: 'recognition',
      points: POINTS.code,
      rule: code ? 'recognition.wrong-call-type' : 'recognition.no-call-type',
      what: code ? `Coded the call as "${code.callType}".` : 'No call type was entered.',
      expected: `Code it as ${key.callTypes.map((c) => `"${c}"`).join(' or ')}.`,
      ...(code ? { evidence: evidence(code.entry) } : {}),
      rationale: key.rationale.recognition,
      ...(ctx.scenario.facts.behavioralHealth ? { source: { ref: 'seed:001#decision-6' } } : {}),
    } as PointLost);
  }
  const given = ctx.record.priority?.priority;
  const off = given === undefined ? Number.POSITIVE_INFINITY : Math.abs(given - key.priority);
  if (off > 0) {
    const points = off === 1 ? POINTS.priority / 2 : POINTS.priority;
    earned -= points;
    ctx.lost.push({
      category: 'recognition',
      points,
      rule: given === undefined ? 'recognition.no-priority' : 'recognition.wrong-priority',
      what:
        given === undefined
          ? 'No priority was set.'
          : `Set ${ctx.profile.priorityLabels[given - 1] ?? `priority ${given}`}.`,
      expected: `${ctx.expected.priorityLabel}.`,
      ...(ctx.record.priority ? { evidence: evidence(ctx.record.priority.entry) } : {}),
      rationale: key.rationale.priority,
    } as PointLost);
  }
  return earned;
}

function critical(
  ctx: Ctx,
  kind: CriticalErrorKind,
  what: string,
  fallback: string,
  entry: LogEntry | undefined,
): void {
  const rationale = ctx.scenario.answerKey.criticalErrors.find((c) => c.kind === kind)?.rationale ?? fallback;
  ctx.critical.push({
    kind,
    what,
    rationale,
    ...(entry ? { evidence: evidence(entry) } : {}),
  } as CriticalError);
}

function offDuty(ctx: Ctx, resource: Resource): boolean {
  const available = ctx.profile.resources.find((r) => r.resource === resource);
  return !available || !withinHours(available.hours, ctx.callTime);
}

function routing(ctx: Ctx, weight: number): number {
  const { record, expected, profile, scenario } = ctx;
  const sent = record.resources;
  const at = record.routedAt;
  const rationale = scenario.answerKey.rationale.routing;
  const best = expected.best.resources;
  const lose = (points: number, rule: string, what: string, expectedText = `${labels(best, profile)}.`) =>
    ctx.lost.push({
      category: 'routing',
      points,
      rule,
      what,
      expected: expectedText,
      rationale,
      ...(at ? { evidence: evidence(at) } : {}),
    } as PointLost);

  // The unsafe decision is the first move to a behavioral-health-only response while no police is
  // on the way, even if the caller then refused the transfer or police was added later.
  const diversion = firstDiversion(record);
  if (expected.policeRequired && diversion) {
    critical(
      ctx,
      'unsafe-diversion',
      `Routed to ${labels([diversion.resource], profile)} with no police on the way, on a call the center's safety rules keep with police.`,
      expected.reasons.map((r) => r.text).join(' ') || 'This call must stay with police.',
      diversion.entry,
    );
  }
  if (sent.length === 0) {
    lose(weight, 'routing.none', 'No unit was sent and no transfer was completed.');
    // Even when the caller hung up: a dropped caller with a known location still needs someone.
    if (record.ended) {
      critical(
        ctx,
        'abandoned-caller',
        'The call was ended with no unit sent and no transfer made.',
        'Nobody was sent to the caller or the person they called about.',
        record.ended,
      );
    }
    return 0;
  }

  const unavailable = sent.filter((r) => offDuty(ctx, r));
  if (expected.emsRequired && !sent.includes('ems')) {
    critical(
      ctx,
      'missed-medical',
      `No EMS was sent although there is a medical emergency.`,
      'A medical emergency needs EMS whatever else is sent.',
      at,
    );
  }
  const screened = [...record.asked.values()].some(
    (e) => e.action.type === 'ask' && e.action.question.startsWith('safety.') && (!at || e.seq < at.seq),
  );
  if (diversion && !screened) {
    critical(
      ctx,
      'no-safety-screen',
      'Routed to a behavioral-health response without asking any safety-screen question first.',
      'Every documented program has a safety screen upstream of clinical routing.',
      at,
    );
  }

  if (sameSet(sent, best)) return weight;
  if (unavailable.length > 0) {
    const missing = unavailable.filter((r) => !profile.resources.some((p) => p.resource === r));
    lose(
      weight,
      missing.length > 0 ? 'routing.not-at-center' : 'routing.off-duty',
      missing.length > 0
        ? `Routed to ${missing.map(resourceName).join(' + ')}, which this center does not have.`
        : `Routed to ${labels(unavailable, profile)}, which is off duty at ${ctx.callTime}.`,
    );
    return 0;
  }
  const acceptable = expected.acceptable.find((o) => sameSet(o.resources, sent));
  if (acceptable) {
    lose(
      POINTS.acceptableNotBest,
      'routing.acceptable-not-best',
      `Sent ${labels(sent, profile)}: acceptable here, but not the best use of this center's resources.`,
    );
    return weight - POINTS.acceptableNotBest;
  }
  const covers = [best, ...expected.acceptable.map((o) => o.resources)].find((set) =>
    set.every((r) => sent.includes(r)),
  );
  if (!expected.policeRequired && sent.includes('police') && !best.includes('police')) {
    // Police instead of the behavioral-health response is a missed diversion; police on top of
    // the right response is over-policing, a lesser error.
    if (covers && !ctx.critical.length) {
      lose(
        POINTS.overPolicing,
        'routing.over-policing',
        `Also sent police, which this call did not need (over-policing).`,
      );
      return weight - POINTS.overPolicing;
    }
    const divertible = best.some(
      (r) => isTransferResource(r) || r === 'mobile-crisis' || r === 'co-responder',
    );
    if (divertible) {
      lose(
        weight,
        'routing.missed-diversion',
        `Sent ${labels(sent, profile)}: police to a call eligible for a behavioral-health response (missed diversion).`,
      );
      return 0;
    }
  }
  if (covers && !ctx.critical.length) {
    const extra = sent.filter((r) => !covers.includes(r));
    lose(
      POINTS.unneededUnit,
      'routing.unneeded-unit',
      `Also sent ${labels(extra, profile)}, which this call did not need.`,
    );
    return weight - POINTS.unneededUnit;
  }
  lose(weight, 'routing.wrong', `Sent ${labels(sent, profile)}.`);
  return 0;
}

/** The first transfer or behavioral-health dispatch made before any police or co-responder dispatch. */
/**
 * The diversion that makes a police-required call unsafe. Putting the caller through to a counselor
 * before police is on the way is one, even if the caller refused: the caller was handed over. A
 * field team sent before police is one only if police never follows, since units sent together
 * make one response whatever order the keys were pressed in.
 */
function firstDiversion(record: CallRecord): { resource: Resource; entry: LogEntry } | undefined {
  const police = record.dispatches.find(
    (d) =>
      d.action.type === 'dispatch' &&
      (d.action.resource === 'police' || d.action.resource === 'co-responder'),
  );
  const policeAt = police?.seq ?? Infinity;
  const candidates = [
    ...record.transfers
      .filter((t) => t.entry.seq < policeAt)
      .map((t) => ({
        resource: (t.entry.action.type === 'transfer' ? t.entry.action.to : 'crisis-line') as Resource,
        entry: t.entry,
      })),
    ...(police
      ? []
      : record.dispatches
          .filter((d) => d.action.type === 'dispatch' && d.action.resource === 'mobile-crisis')
          .map((d) => ({ resource: 'mobile-crisis' as Resource, entry: d }))),
  ];
  return candidates.sort((a, b) => a.entry.seq - b.entry.seq)[0];
}

/** Returns undefined when no handoff was due. */
function handoff(ctx: Ctx): number | undefined {
  // Judged only when a transfer happened: choosing not to transfer is a routing question. A
  // transfer that was itself the unsafe diversion earns nothing for being done politely.
  const transfers = ctx.record.transfers.filter((t) => !t.refused);
  if (transfers.length === 0) return undefined;
  if (ctx.critical.some((c) => c.kind === 'unsafe-diversion')) return 0;
  const rationale = ctx.scenario.answerKey.rationale.handoff;
  const base = {
    category: 'handoff' as const,
    ...(rationale ? { rationale } : {}),
    source: ctx.profile.handoff.source,
  };
  let earned = POINTS.brief + POINTS.stay;
  const transfer = transfers[0]!;
  if (ctx.profile.handoff.briefFirst && !transfer.briefed) {
    earned -= POINTS.brief;
    ctx.lost.push({
      ...base,
      points: POINTS.brief,
      rule: 'handoff.not-briefed',
      what: 'Brought the caller in without briefing the counselor first (cold transfer).',
      expected: ctx.profile.handoff.description,
      evidence: evidence(transfer.entry)!,
    });
  }
  if (ctx.profile.handoff.stayUntilAccepted && (ctx.record.handoffDropped || !ctx.record.handoffAccepted)) {
    earned -= POINTS.stay;
    ctx.lost.push({
      ...base,
      points: POINTS.stay,
      rule: 'handoff.left-early',
      what: 'Left the line before the counselor had the caller.',
      expected: ctx.profile.handoff.description,
      ...(ctx.record.handoffDropped ? { evidence: evidence(ctx.record.handoffDropped)! } : {}),
    });
  }
  return earned;
}

function timeliness(ctx: Ctx, weight: number): number {
  const limit = ctx.scenario.answerKey.routeWithinSeconds * 1000;
  const at = ctx.record.routedAt;
  const answeredAt = ctx.record.log.find((e) => e.kind === 'trainee' && e.action.type === 'answer')?.at ?? 0;
  if (at && at.at - answeredAt <= limit) return weight;
  ctx.lost.push({
    category: 'timeliness',
    points: weight,
    rule: at ? 'timeliness.slow' : 'timeliness.never-routed',
    what: at ? `Routed ${seconds(at.at - answeredAt)} after answering.` : 'Never routed.',
    expected: `Route within ${seconds(limit)} of answering.`,
    ...(at ? { evidence: evidence(at) } : {}),
  } as PointLost);
  return 0;
}

function communication(ctx: Ctx): number {
  let earned = POINTS.deescalate + POINTS.keepCaller;
  const distressed = ctx.record.log.find(
    (e) => e.kind === 'caller' && (DISTRESSED as readonly string[]).includes(e.line.emotion),
  );
  if (distressed && ctx.record.deescalations.length === 0) {
    earned -= POINTS.deescalate;
    ctx.lost.push({
      category: 'communication',
      points: POINTS.deescalate,
      rule: 'communication.no-deescalation',
      what: `The caller was ${distressed.kind === 'caller' ? distressed.line.emotion : 'distressed'} and no de-escalation was used.`,
      expected: 'Acknowledge the caller and slow the call down before pressing on.',
      evidence: evidence(distressed)!,
    });
  }
  if (ctx.record.lostCaller) {
    earned -= POINTS.keepCaller;
    ctx.lost.push({
      category: 'communication',
      points: POINTS.keepCaller,
      rule: 'communication.lost-caller',
      what: 'The caller hung up after waiting without the action they needed.',
      expected: 'Keep the caller engaged: answer what they need before they give up.',
      evidence: evidence(ctx.record.lostCaller)!,
    });
  }
  return earned;
}

/** Score one attempt. A pure function of scenario, profile, question bank, call time and event log. */
export function scoreAttempt(input: ScoreInput): ScoreReport {
  const callTime = input.callTime ?? input.scenario.cad.callTime;
  const record = readCallRecord(input.log);
  const ctx: Ctx = {
    scenario: input.scenario,
    profile: input.profile,
    questions: input.questions,
    record,
    expected: expectedRouting(input.scenario, input.profile, callTime),
    callTime,
    lost: [],
    critical: [],
  };
  const weight = (id: CategoryId) => CATEGORIES.find((c) => c.id === id)!.weight;
  const earnedBy: Record<CategoryId, number | undefined> = {
    'case-entry': requiredQuestionScore(ctx, 'case-entry', weight('case-entry')),
    'safety-screen': requiredQuestionScore(ctx, 'safety-screen', weight('safety-screen')),
    recognition: recognition(ctx),
    routing: routing(ctx, weight('routing')),
    handoff: handoff(ctx),
    timeliness: timeliness(ctx, weight('timeliness')),
    communication: communication(ctx),
  };
  const categories: CategoryScore[] = CATEGORIES.map((c) => ({
    id: c.id,
    label: c.label,
    weight: c.weight,
    earned: round(Math.max(0, earnedBy[c.id] ?? 0)),
    applicable: earnedBy[c.id] !== undefined,
  }));
  const possible = categories.filter((c) => c.applicable).reduce((sum, c) => sum + c.weight, 0);
  const earned = categories.filter((c) => c.applicable).reduce((sum, c) => sum + c.earned, 0);
  const percent = possible === 0 ? 0 : (earned / possible) * 100;
  const total = round(ctx.critical.length > 0 ? Math.min(percent, CRITICAL_CAP) : percent);
  const level = ctx.critical.length > 0 ? levelFor(0) : levelFor(total);
  return {
    scoringVersion: SCORING_VERSION,
    scenarioId: input.scenario.id,
    profileId: input.profile.id,
    callTime,
    total,
    level: level.id,
    levelLabel: level.label,
    categories,
    criticalErrors: ctx.critical,
    pointsLost: ctx.lost.map((p) => ({ ...p, points: round(p.points) })),
    expected: ctx.expected,
    decision: {
      resources: record.resources,
      priority: record.priority?.priority,
      callType: record.code?.callType,
      routedAtMs: record.routedAt?.at,
    },
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
