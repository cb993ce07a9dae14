import type { CenterProfile, DispatchModel } from '../format/profile';
import type { Question, QuestionBank } from '../format/question-bank';
import type { CriticalErrorKind, Scenario } from '../format/scenario';
import { isTransferResource, SAFETY_FACTS, type ClockTime, type SafetyFact } from '../format/vocabulary';
import { expectedRouting } from '../profiles/expected-routing';
import type { CategoryId } from '../scoring/rubric';
import type { CriticalError, PointLost, ScoreReport } from '../scoring/score';

/**
 * The competency model: what a trainee is expected to master, derived from the rubric's categories
 * and the scenarios' tags. Each entry says which category of the score report it reads and, where
 * a category is split, how: safety-screen questions by the facts they screen for (question bank
 * `screens`), recognition by the scenario's hidden behavioral-health component, routing by the
 * dispatch model of the center the attempt was played at.
 *
 * The communication category (de-escalation, keeping the caller) is not a competency here: the
 * issue's list leaves it out. Adding it is one entry below.
 */
export interface CompetencyDefinition {
  id: string;
  label: string;
  /** The rubric category the competency is read from. */
  category: CategoryId;
  /** What counts as evidence, in words shown with the estimate. */
  counts: string;
  /** safety-screen: the facts whose screening questions belong to this competency. */
  facts?: readonly SafetyFact[];
  /** routing: the dispatch model of the attempt's center. */
  model?: DispatchModel;
  /** recognition: only scenarios with a hidden behavioral-health component count. */
  behavioralHealthOnly?: true;
}

const safety = (topic: string) =>
  `Required safety-screen questions that screen for ${topic}; points lost asking them late or never. A "no safety screen" critical error counts as 0.`;
const routing = (model: DispatchModel, name: string) =>
  ({
    id: `routing.${model}`,
    label: `Routing — ${name} (${model})`,
    category: 'routing',
    model,
    counts: `The routing category of attempts played at a ${model} center. A routing critical error (unsafe diversion, missed medical, abandoned caller) counts as 0.`,
  }) as const;

export const COMPETENCIES = [
  {
    id: 'case-entry',
    label: 'Case entry',
    category: 'case-entry',
    counts: 'The case-entry category: required location and call-back questions asked before routing.',
  },
  {
    id: 'safety-screen.weapons',
    label: 'Safety screen — weapons',
    category: 'safety-screen',
    facts: ['weapon'],
    counts: safety('weapons'),
  },
  {
    id: 'safety-screen.threats',
    label: 'Safety screen — threats and crime',
    category: 'safety-screen',
    facts: ['threat-to-others', 'crime-in-progress', 'violence-history', 'children-present'],
    counts: safety('threats to others or a crime in progress'),
  },
  {
    id: 'safety-screen.medical',
    label: 'Safety screen — medical',
    category: 'safety-screen',
    facts: ['medical-emergency', 'medical-signs', 'intoxication'],
    counts: safety('a medical emergency, medical signs or intoxication'),
  },
  {
    id: 'safety-screen.self-harm',
    label: 'Safety screen — self-harm',
    category: 'safety-screen',
    facts: [
      'self-harm-ideation',
      'self-harm-plan',
      'self-harm-means',
      'self-harm-intent',
      'imminent-risk',
      'prior-attempt',
    ],
    counts: safety('suicidal ideation, plan, means, intent, imminent risk or past attempts'),
  },
  {
    id: 'recognition.hidden-bh',
    label: 'Recognising a hidden behavioral-health component',
    category: 'recognition',
    behavioralHealthOnly: true,
    counts:
      'The recognition category (call-type code, priority, clinical questions) of scenarios whose hidden facts include a behavioral-health component.',
  },
  routing('1A', 'dispatcher routing'),
  routing('1B', 'warm transfer to a 988 crisis line'),
  routing('1C', 'embedded clinician'),
  routing('1F', 'CAD flag and clinician'),
  {
    id: 'handoff',
    label: 'Warm handoff',
    category: 'handoff',
    counts:
      'The handoff category, only in attempts where a transfer went ahead: brief first, stay until the counselor has the caller.',
  },
  {
    id: 'timeliness',
    label: 'Timeliness',
    category: 'timeliness',
    counts: 'The timeliness category: routed within the time the answer key allows.',
  },
] as const satisfies readonly CompetencyDefinition[];

export type CompetencyId = (typeof COMPETENCIES)[number]['id'];
export const COMPETENCY_IDS: readonly CompetencyId[] = COMPETENCIES.map((c) => c.id);

export function competency(id: CompetencyId): CompetencyDefinition {
  return COMPETENCIES.find((c) => c.id === id)!;
}

/** Which safety-screen competency screens for each fact; every fact has exactly one. */
export const SAFETY_COMPETENCY: Record<SafetyFact, CompetencyId> = Object.fromEntries(
  SAFETY_FACTS.map((fact) => [
    fact,
    COMPETENCIES.find((c) => 'facts' in c && (c.facts as readonly SafetyFact[]).includes(fact))!.id,
  ]),
) as Record<SafetyFact, CompetencyId>;

/** The safety-screen competencies a set of screened facts belongs to, in model order. */
export function safetyCompetencies(facts: readonly SafetyFact[]): CompetencyId[] {
  const ids = new Set(facts.map((f) => SAFETY_COMPETENCY[f]));
  return COMPETENCY_IDS.filter((id) => ids.has(id));
}

/**
 * The competencies a scenario trains when played at this center (and time): the ones an attempt
 * at it will produce evidence for, if the trainee does what the answer key expects. Handoff is
 * trained only where the best answer at this center is a warm transfer.
 */
export function competenciesTrained(
  scenario: Scenario,
  profile: CenterProfile,
  questions: QuestionBank,
  callTime?: ClockTime,
): CompetencyId[] {
  const required = scenario.answerKey.requiredQuestions
    .map((id) => questions.questions.find((q) => q.id === id))
    .filter((q) => q !== undefined);
  const trained = new Set<CompetencyId>(['timeliness', `routing.${profile.model}`]);
  if (required.some((q) => q.group === 'case-entry')) trained.add('case-entry');
  for (const id of safetyCompetencies(
    required.filter((q) => q.group === 'safety-screen').flatMap((q) => q.screens),
  )) {
    trained.add(id);
  }
  if (scenario.facts.behavioralHealth) trained.add('recognition.hidden-bh');
  if (
    expectedRouting(scenario, profile, callTime ?? scenario.cad.callTime).best.resources.some(
      isTransferResource,
    )
  ) {
    trained.add('handoff');
  }
  return COMPETENCY_IDS.filter((id) => trained.has(id));
}

// ---------------------------------------------------------------- evidence from attempts

export type AttemptMode = 'practice' | 'assessment';

/** What evidence needs of a stored attempt. The app's AttemptRecord fits as is. */
export interface AttemptInput {
  id: string;
  /** Whose attempt; evidence and cards are per trainee, so one call takes one trainee's attempts. */
  traineeId?: string;
  mode?: AttemptMode;
  /** Epoch ms; attempts without it (or without a report) are not evidence. */
  finishedAt?: number;
  report?: ScoreReport;
}

/** One competency as exercised in one attempt. */
export interface Observation {
  attemptId: string;
  scenarioId: string;
  /** Epoch ms the attempt finished. */
  at: number;
  mode?: AttemptMode;
  /** earned / possible, 0..1; 0 whatever the points when a critical error falls in this competency. */
  score: number;
  earned: number;
  possible: number;
  /** The deductions behind the score. */
  pointsLost: PointLost[];
  /** Critical errors in this competency's area (routing, or the safety screen). */
  criticalErrors: CriticalError[];
}

/** Observations per competency, oldest first; every competency is present, maybe with none. */
export type CompetencyEvidence = Record<CompetencyId, Observation[]>;

export function emptyEvidence(): CompetencyEvidence {
  return Object.fromEntries(COMPETENCY_IDS.map((id) => [id, [] as Observation[]])) as CompetencyEvidence;
}

/** Which competency area a critical error belongs to: it zeroes those competencies in that attempt. */
export const CRITICAL_AREA: Record<CriticalErrorKind, CategoryId> = {
  'unsafe-diversion': 'routing',
  'missed-medical': 'routing',
  'abandoned-caller': 'routing',
  'no-safety-screen': 'safety-screen',
};

interface Part {
  id: CompetencyId;
  earned: number;
  possible: number;
  pointsLost: PointLost[];
}

/**
 * The facts a lost safety-screen point was about: the bank question quoted in it, else the
 * "(screens for …)" list the scorer wrote into `expected` (which survives a later rewording).
 */
export function screenedFacts(lost: PointLost, questions: QuestionBank): readonly SafetyFact[] {
  const asked = questions.questions.find(
    (q) => q.group === 'safety-screen' && lost.what.includes(`"${q.text}"`),
  );
  if (asked) return asked.screens;
  const listed = /\(screens for ([^)]*)\)/.exec(lost.expected)?.[1] ?? '';
  return listed.split(', ').filter((f): f is SafetyFact => (SAFETY_FACTS as readonly string[]).includes(f));
}

function requiredSafetyQuestions(scenario: Scenario, questions: QuestionBank): Question[] {
  return scenario.answerKey.requiredQuestions
    .map((id) => questions.questions.find((q) => q.id === id))
    .filter((q): q is Question => q?.group === 'safety-screen');
}

/**
 * Safety-screen points split by competency. Each required safety question is worth an equal share
 * of the category, as scored; a competency's possible points are the shares of the required
 * questions screening for its facts, and it loses the deductions on those questions. The scorer
 * takes a full share for a question never asked and half for one asked late, and the report rounds
 * points to one decimal, so each deduction is read back as the nearest half share.
 */
function safetyParts(report: ScoreReport, scenario: Scenario, questions: QuestionBank): Part[] {
  const weight = report.categories.find((c) => c.id === 'safety-screen')?.weight ?? 0;
  const required = requiredSafetyQuestions(scenario, questions);
  const share = weight / required.length;
  const lost = report.pointsLost.filter((p) => p.category === 'safety-screen');
  return safetyCompetencies(required.flatMap((q) => q.screens)).map((id) => {
    const belongs = (facts: readonly SafetyFact[]) => safetyCompetencies(facts).includes(id);
    const count = required.filter((q) => belongs(q.screens)).length;
    const mine = lost.filter((p) => belongs(screenedFacts(p, questions)));
    const shares = mine.reduce((sum, p) => sum + Math.min(1, Math.round((p.points / share) * 2) / 2), 0);
    return { id, possible: share * count, earned: share * Math.max(0, count - shares), pointsLost: mine };
  });
}

/**
 * The competencies an attempt evidences, in model order, as COMPETENCIES says: decided by which
 * rubric categories applied (the ids of its report's applicable categories), the scenario as it is
 * now (undefined: removed from the library) and its center's dispatch model, never by how it went.
 * A summary keeps the applicable categories, so this is known without the report
 * (progress/reports-needed.ts).
 */
export function competenciesEvidenced(
  applicable: readonly string[],
  scenario: Scenario | undefined,
  model: DispatchModel | undefined,
  questions: QuestionBank,
): CompetencyId[] {
  const screened = scenario ? requiredSafetyQuestions(scenario, questions).flatMap((q) => q.screens) : [];
  const safety = safetyCompetencies(screened);
  return COMPETENCIES.filter((def: CompetencyDefinition & { id: CompetencyId }) => {
    if (!applicable.includes(def.category)) return false;
    if (def.facts) return safety.includes(def.id);
    if (def.behavioralHealthOnly && !scenario?.facts.behavioralHealth) return false;
    return !def.model || def.model === model;
  }).map((def) => def.id);
}

/** The competencies one attempt exercised, with their points. */
function parts(
  report: ScoreReport,
  scenario: Scenario | undefined,
  model: DispatchModel | undefined,
  questions: QuestionBank,
): Part[] {
  const applicable = report.categories.filter((c) => c.applicable).map((c) => c.id);
  const safety = scenario ? safetyParts(report, scenario, questions) : [];
  return competenciesEvidenced(applicable, scenario, model, questions).flatMap((id): Part[] => {
    const def = competency(id);
    if (def.facts) return safety.filter((p) => p.id === id);
    const category = report.categories.find((c) => c.id === def.category && c.applicable);
    if (!category) return [];
    return [
      {
        id,
        earned: category.earned,
        possible: category.weight,
        pointsLost: report.pointsLost.filter((p) => p.category === def.category),
      },
    ];
  });
}

export type FinishedAttempt = AttemptInput & { finishedAt: number; report: ScoreReport };

/** Attempts with a report and a finish time, oldest first (then by id). Throws on attempts of several trainees. */
export function finishedInOrder<
  T extends Pick<AttemptInput, 'id' | 'traineeId' | 'finishedAt'> & { report?: unknown } = AttemptInput,
>(attempts: readonly T[]): (T & { finishedAt: number; report: NonNullable<T['report']> })[] {
  const trainees = new Set(attempts.flatMap((a) => (a.traineeId === undefined ? [] : [a.traineeId])));
  if (trainees.size > 1) {
    throw new Error(`attempts of more than one trainee: ${[...trainees].sort().join(', ')}`);
  }
  return attempts
    .filter(
      (a): a is T & { finishedAt: number; report: NonNullable<T['report']> } =>
        a.finishedAt !== undefined && a.report !== undefined,
    )
    .sort((a, b) => a.finishedAt - b.finishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Turn one trainee's finished attempts into per-competency observations. Only what an attempt
 * exercised counts: handoff only when a transfer went ahead, hidden-BH recognition only on
 * behavioral-health scenarios, routing under the model of the attempt's center, safety
 * competencies only for the facts the scenario's required questions screen for. Scenario and
 * profile are looked up by the ids in the report; without the scenario (removed from the library)
 * the safety and recognition competencies are skipped, without the profile the routing one. The
 * scenario is read as it is now, so a later edit of its required questions changes how old safety
 * points are split.
 */
export function competencyEvidence(
  attempts: readonly AttemptInput[],
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
  questions: QuestionBank,
): CompetencyEvidence {
  const evidence = emptyEvidence();
  for (const attempt of finishedInOrder(attempts)) {
    const { report } = attempt;
    const scenario = scenarios.find((s) => s.id === report.scenarioId);
    const model = profiles.find((p) => p.id === report.profileId)?.model;
    for (const part of parts(report, scenario, model, questions)) {
      const criticalErrors = report.criticalErrors.filter(
        (c) => CRITICAL_AREA[c.kind] === competency(part.id).category,
      );
      const ratio = part.possible > 0 ? Math.min(1, Math.max(0, part.earned / part.possible)) : 1;
      evidence[part.id].push({
        attemptId: attempt.id,
        scenarioId: report.scenarioId,
        at: attempt.finishedAt,
        ...(attempt.mode ? { mode: attempt.mode } : {}),
        score: criticalErrors.length > 0 ? 0 : round(ratio, 3),
        earned: round(part.earned, 1),
        possible: round(part.possible, 1),
        pointsLost: part.pointsLost,
        criticalErrors,
      });
    }
  }
  return evidence;
}
