import type { LogEntry } from '../engine/events';
import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import type { ClockTime } from '../format/vocabulary';
import { expectedRouting, type ExpectedRouting } from '../profiles/expected-routing';
import { withinHours } from '../profiles/hours';
import { decisionOf, readCallRecord, type CallRecord } from './call-record';
import { communication } from './communication';
import type { ScoringContext } from './context';
import { criticalErrors } from './critical-errors';
import { handoff } from './handoff';
import { readKnowledge, type Knowledge } from './knowledge';
import { recognition } from './recognition';
import type { CategoryResult, CategoryScore, FactMoment, ScoreReport } from './report';
import { requiredQuestions } from './required-questions';
import { routing } from './routing';
import { CATEGORIES, CRITICAL_CAP, SCORING_VERSION, levelFor, type CategoryId } from './rubric';
import { timeliness } from './timeliness';

export type { CategoryScore, CriticalError, Evidence, FactMoment, PointLost, ScoreReport } from './report';

export interface ScoreInput {
  scenario: Scenario;
  profile: CenterProfile;
  questions: QuestionBank;
  log: readonly LogEntry[];
  /** Time of day the call was played at; defaults to the scenario's call time. */
  callTime?: ClockTime;
}

const weight = (id: CategoryId): number => CATEGORIES.find((c) => c.id === id)?.weight ?? 0;

/** Score one attempt. A pure function of scenario, profile, question bank, call time and event log. */
export function scoreAttempt(input: ScoreInput): ScoreReport {
  const callTime = input.callTime ?? input.scenario.cad.callTime;
  const record = readCallRecord(input.log, (resource) =>
    input.profile.resources.some((r) => r.resource === resource && withinHours(r.hours, callTime)),
  );
  const knowledge = readKnowledge(input.scenario, input.log);
  // The expected routing depends only on which facts are known: worked out once per set of facts.
  const byFacts = new Map<string, ExpectedRouting>();
  const expectedAt = (seq: number): ExpectedRouting => {
    const known = knowledge.before(seq);
    const key = [...known].sort().join(',');
    let expected = byFacts.get(key);
    if (!expected) {
      expected = expectedRouting(input.scenario, input.profile, callTime, known);
      byFacts.set(key, expected);
    }
    return expected;
  };
  const ctx: ScoringContext = {
    scenario: input.scenario,
    profile: input.profile,
    questions: input.questions,
    record,
    knowledge,
    expected: expectedAt(Number.POSITIVE_INFINITY),
    expectedAt,
    callTime,
  };
  const critical = criticalErrors(ctx);
  const results: Record<CategoryId, CategoryResult | undefined> = {
    'case-entry': requiredQuestions(ctx, 'case-entry', weight('case-entry')),
    'safety-screen': requiredQuestions(ctx, 'safety-screen', weight('safety-screen')),
    recognition: recognition(ctx),
    routing: routing(ctx, weight('routing'), critical),
    handoff: handoff(ctx, critical),
    timeliness: timeliness(ctx, weight('timeliness')),
    communication: communication(ctx),
  };
  const categories: CategoryScore[] = CATEGORIES.map((c) => ({
    id: c.id,
    label: c.label,
    weight: c.weight,
    earned: round(Math.max(0, results[c.id]?.earned ?? 0)),
    applicable: results[c.id] !== undefined,
  }));
  const applicable = categories.filter((c) => c.applicable);
  const possible = applicable.reduce((sum, c) => sum + c.weight, 0);
  const earned = applicable.reduce((sum, c) => sum + c.earned, 0);
  const percent = possible === 0 ? 0 : (earned / possible) * 100;
  const total = round(critical.length > 0 ? Math.min(percent, CRITICAL_CAP) : percent);
  const level = critical.length > 0 ? levelFor(0) : levelFor(total);
  return {
    scoringVersion: SCORING_VERSION,
    scenarioId: input.scenario.id,
    profileId: input.profile.id,
    callTime,
    total,
    level: level.id,
    levelLabel: level.label,
    categories,
    criticalErrors: critical,
    pointsLost: CATEGORIES.flatMap((c) => results[c.id]?.lost ?? []).map((p) => ({
      ...p,
      points: round(p.points),
    })),
    expected: ctx.expected,
    facts: factMoments(input.scenario, record, knowledge),
    decision: {
      resources: record.resources,
      priority: record.priority?.priority,
      callType: record.code?.callType,
      routedAtMs: record.routedAt?.at,
    },
  };
}

function factMoments(scenario: Scenario, record: CallRecord, knowledge: Knowledge): FactMoment[] {
  const decided = decisionOf(record);
  return scenario.facts.present.map((fact) => {
    const line = knowledge.revealed.get(fact);
    const question = decided && knowledge.skippedFor(fact, decided.seq);
    const skipped = question && (!line || line.seq > decided.seq);
    return {
      fact,
      ...(line ? { revealed: { seq: line.seq, at: line.at, line: line.line.id } } : {}),
      ...(skipped ? { skipped: { seq: decided.seq, at: decided.at, question } } : {}),
    };
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
