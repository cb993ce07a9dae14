import { z } from 'zod';
import type { CenterProfile } from '$core/format/profile';
import type { Scenario } from '$core/format/scenario';
import { ClockTime } from '$core/format/vocabulary';
import { reviewState } from '$core/review/content-hash';
import { zodProblems } from '$core/validate/validate-scenario';

/**
 * A trainer-set assessment: a fixed set of approved scenarios, played at one center, each at its
 * own call time or one the trainer sets, with a pass mark. Stored as a list in setting "assessments".
 */

export const ASSESSMENTS_SETTING = 'assessments';
export const NAME_MAX = 80;

export const AssessmentDefinition = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(NAME_MAX),
  profileId: z.string().min(1),
  /** In the order they are played. */
  scenarios: z.array(z.object({ scenarioId: z.string().min(1), callTime: ClockTime.optional() })).min(1),
  /** Percent, 0–100: the overall score at or above which the assessment is passed. */
  passMark: z.number().min(0).max(100),
  createdAt: z.number(),
});
export type AssessmentDefinition = z.infer<typeof AssessmentDefinition>;

/** Only scenarios whose clinical approval holds for their content as it is now may be assessed. */
export function approvedScenarios(scenarios: readonly Scenario[]): Scenario[] {
  return scenarios.filter((s) => reviewState(s).status === 'approved');
}

/** What the trainer fills in. Strings as typed; a call time of '' is the scenario's own. */
export interface AssessmentDraft {
  name: string;
  profileId: string;
  scenarios: { scenarioId: string; callTime: string }[];
  passMark: string;
}

export type DraftField = 'name' | 'profileId' | 'scenarios' | 'passMark';
export interface FieldProblem {
  field: DraftField;
  message: string;
}

/** Why the draft cannot be saved, one problem per field, in words for the trainer; [] when it can. */
export function draftProblems(
  draft: AssessmentDraft,
  context: { scenarios: readonly Scenario[]; profiles: readonly CenterProfile[] },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = draft.name.trim();
  if (name === '') problems.push({ field: 'name', message: 'Name: an assessment needs a name.' });
  else if (name.length > NAME_MAX) {
    problems.push({ field: 'name', message: `Name: at most ${NAME_MAX} characters.` });
  }
  if (!context.profiles.some((p) => p.id === draft.profileId)) {
    problems.push({ field: 'profileId', message: 'Center profile: choose one of the listed centers.' });
  }
  const approved = approvedScenarios(context.scenarios);
  if (draft.scenarios.length === 0) {
    problems.push({ field: 'scenarios', message: 'Scenarios: tick at least one approved scenario.' });
  } else {
    const notApproved = draft.scenarios.filter((d) => !approved.some((s) => s.id === d.scenarioId));
    const badTime = draft.scenarios.filter(
      (d) => d.callTime !== '' && !ClockTime.safeParse(d.callTime).success,
    );
    if (notApproved.length > 0) {
      problems.push({
        field: 'scenarios',
        message: `Scenarios: not approved by a clinician: ${notApproved.map((d) => d.scenarioId).join(', ')}.`,
      });
    } else if (badTime.length > 0) {
      problems.push({
        field: 'scenarios',
        message: `Scenarios: call time must be "HH:MM" (24-hour) for ${badTime.map((d) => d.scenarioId).join(', ')}.`,
      });
    }
  }
  const mark = draft.passMark.trim();
  const n = Number(mark);
  if (mark === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    problems.push({ field: 'passMark', message: 'Pass mark: a percentage from 0 to 100.' });
  }
  return problems;
}

/** The definition to store. Throws with the first problem when the draft cannot be saved. */
export function definitionFrom(
  draft: AssessmentDraft,
  context: { scenarios: readonly Scenario[]; profiles: readonly CenterProfile[] },
  id: string,
  now: number,
): AssessmentDefinition {
  const problem = draftProblems(draft, context)[0];
  if (problem) throw new Error(problem.message);
  return {
    id,
    name: draft.name.trim(),
    profileId: draft.profileId,
    scenarios: draft.scenarios.map((d) =>
      d.callTime === '' ? { scenarioId: d.scenarioId } : { scenarioId: d.scenarioId, callTime: d.callTime },
    ),
    passMark: Number(draft.passMark.trim()),
    createdAt: now,
  };
}

/**
 * Why this assessment cannot be taken now (a scenario removed, or its approval void after an edit,
 * or its center gone); undefined when it can.
 */
export function cannotTake(
  definition: AssessmentDefinition,
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
): string | undefined {
  if (!profiles.some((p) => p.id === definition.profileId)) {
    return `Its center profile "${definition.profileId}" is no longer in the library.`;
  }
  const approved = approvedScenarios(scenarios);
  const missing = definition.scenarios.filter((d) => !approved.some((s) => s.id === d.scenarioId));
  if (missing.length > 0) {
    return `Not approved now (removed, or edited since approval): ${missing.map((d) => d.scenarioId).join(', ')}.`;
  }
  return undefined;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A stored list, checked; a value that does not fit is reported (and never overwritten), not guessed at. */
export function readList<T>(schema: z.ZodType<T>, value: unknown, key: string): Read<T[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  const parsed = z.array(schema).safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = zodProblems(parsed.error, value)[0];
  return {
    ok: false,
    problem: `Setting "${key}": ${first ? `${first.path}: ${first.message}` : 'not the expected list'}`,
  };
}

export const readDefinitions = (value: unknown): Read<AssessmentDefinition[]> =>
  readList(AssessmentDefinition, value, ASSESSMENTS_SETTING);
