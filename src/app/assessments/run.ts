import { z } from 'zod';
import type { Scenario } from '$core/format/scenario';
import { ClockTime } from '$core/format/vocabulary';
import type { AttemptRecord } from '$core/records/attempt';
import type { AssessmentDefinition, Read } from './definition';
import { readList } from './definition';
import { playTime } from '../library/call-time';

/**
 * One trainee taking one assessment: each scenario once, in assessment mode, in the trainer's
 * order. Runs are stored per trainee in setting "assessment-results:<traineeId>"; a run's result
 * is frozen when its last call is scored, with each attempt's scenario content hash and scoring
 * version, so a later edit of a scenario or of the rubric does not rewrite it.
 */

export const resultsSettingKey = (traineeId: string) => `assessment-results:${traineeId}`;

const CriticalErrorSummary = z.object({ kind: z.string(), what: z.string() });

export const ItemResult = z.object({
  scenarioId: z.string(),
  title: z.string(),
  callTime: ClockTime,
  attemptId: z.string(),
  /** Percent, as the debrief shows it; 0 for a call discarded before it was scored. */
  score: z.number(),
  levelLabel: z.string(),
  criticalErrors: z.array(CriticalErrorSummary),
  scenarioHash: z.string(),
  /** The rubric version that scored the call; absent for a discarded call. */
  scoringVersion: z.number().optional(),
  discarded: z.boolean(),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const AssessmentResult = z.object({
  completedAt: z.number(),
  items: z.array(ItemResult),
  /** Mean of the calls' scores, one decimal. */
  overall: z.number(),
  passMark: z.number(),
  passed: z.boolean(),
  /** Why it passed or failed, one sentence each. */
  reasons: z.array(z.string()),
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;

export const AssessmentRun = z.object({
  id: z.string().min(1),
  assessmentId: z.string().min(1),
  assessmentName: z.string(),
  traineeId: z.string().min(1),
  profileId: z.string().min(1),
  passMark: z.number(),
  startedAt: z.number(),
  items: z
    .array(
      z.object({
        scenarioId: z.string(),
        title: z.string(),
        callTime: ClockTime,
        attemptId: z.string().optional(),
      }),
    )
    .min(1),
  result: AssessmentResult.optional(),
});
export type AssessmentRun = z.infer<typeof AssessmentRun>;

export const readRuns = (value: unknown, traineeId: string): Read<AssessmentRun[]> =>
  readList(AssessmentRun, value, resultsSettingKey(traineeId));

/**
 * A new run of the assessment for this trainee; no call started yet. Each call at the time the
 * trainer set, unless the caller's words do not fit it (library/call-time.ts).
 */
export function newRun(
  definition: AssessmentDefinition,
  scenarios: readonly Scenario[],
  traineeId: string,
  id: string,
  now: number,
): AssessmentRun {
  return {
    id,
    assessmentId: definition.id,
    assessmentName: definition.name,
    traineeId,
    profileId: definition.profileId,
    passMark: definition.passMark,
    startedAt: now,
    items: definition.scenarios.map((d) => {
      const s = scenarios.find((x) => x.id === d.scenarioId);
      if (!s) throw new Error(`scenario "${d.scenarioId}" is not in the library`);
      return { scenarioId: s.id, title: s.title, callTime: playTime(s, d.callTime).time };
    }),
  };
}

/** The run with the attempt recorded for one scenario (it is taken once: an item keeps its first attempt). */
export function withAttempt(run: AssessmentRun, scenarioId: string, attemptId: string): AssessmentRun {
  return {
    ...run,
    items: run.items.map((i) => (i.scenarioId === scenarioId && !i.attemptId ? { ...i, attemptId } : i)),
  };
}

export type ItemStatus = 'to-do' | 'in-progress' | 'done' | 'discarded';
export interface ItemProgress {
  item: AssessmentRun['items'][number];
  status: ItemStatus;
  attempt?: AttemptRecord;
}
export interface RunProgress {
  items: ItemProgress[];
  /** Calls finished (scored or discarded). */
  done: number;
  total: number;
  complete: boolean;
  next?: ItemProgress;
}

/**
 * Where the run stands. An item whose attempt is not in the store (lost with a browser that keeps
 * no storage) is to do again.
 */
export function runProgress(run: AssessmentRun, attempts: readonly AttemptRecord[]): RunProgress {
  const items = run.items.map((item): ItemProgress => {
    const attempt = item.attemptId ? attempts.find((a) => a.id === item.attemptId) : undefined;
    if (!attempt) return { item, status: 'to-do' };
    if (attempt.status === 'in-progress') return { item, status: 'in-progress', attempt };
    return { item, status: attempt.report ? 'done' : 'discarded', attempt };
  });
  const done = items.filter((i) => i.status === 'done' || i.status === 'discarded').length;
  const next = items.find((i) => i.status === 'to-do' || i.status === 'in-progress');
  return { items, done, total: items.length, complete: done === items.length, ...(next ? { next } : {}) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The result of a finished run: each call's score and critical errors, the overall score (the
 * mean), and pass or fail. A critical error in any call fails the assessment whatever the scores;
 * a call discarded before it was scored counts as 0. Throws when a call is still to be taken.
 */
export function assessmentResult(
  run: AssessmentRun,
  attempts: readonly AttemptRecord[],
  now: number,
): AssessmentResult {
  const progress = runProgress(run, attempts);
  if (!progress.complete) {
    throw new Error(
      `assessment "${run.assessmentName}": ${progress.total - progress.done} call(s) still to take`,
    );
  }
  const items = progress.items.map(({ item, attempt }): ItemResult => {
    const a = attempt!;
    const report = a.report;
    return {
      scenarioId: item.scenarioId,
      title: item.title,
      callTime: item.callTime,
      attemptId: a.id,
      score: report ? report.total : 0,
      levelLabel: report ? report.levelLabel : 'Discarded before it was scored',
      criticalErrors: report ? report.criticalErrors.map((c) => ({ kind: c.kind, what: c.what })) : [],
      scenarioHash: a.scenarioHash,
      ...(report ? { scoringVersion: report.scoringVersion } : {}),
      discarded: !report,
    };
  });
  const overall = round1(items.reduce((s, i) => s + i.score, 0) / items.length);
  const critical = items.filter((i) => i.criticalErrors.length > 0);
  const reasons: string[] = [];
  if (critical.length > 0) {
    reasons.push(
      `Failed: a critical error in any call fails the assessment, whatever the score (${critical.map((i) => i.title).join('; ')}).`,
    );
  }
  if (overall < run.passMark) reasons.push(`Overall ${overall}% is below the pass mark of ${run.passMark}%.`);
  const discarded = items.filter((i) => i.discarded);
  if (discarded.length > 0) {
    reasons.push(
      `Counted as 0: ${discarded.map((i) => i.title).join('; ')} (discarded before it was scored).`,
    );
  }
  const passed = critical.length === 0 && overall >= run.passMark;
  if (passed) {
    reasons.unshift(
      `Passed: overall ${overall}% meets the pass mark of ${run.passMark}% with no critical error.`,
    );
  }
  return { completedAt: now, items, overall, passMark: run.passMark, passed, reasons };
}

/**
 * The run closed with its result once its last call has ended (scored or discarded), dated when
 * that call ended, however much later this is asked; undefined while a call is still to take, and
 * for a run already closed (its result is frozen).
 */
export function closedRun(run: AssessmentRun, attempts: readonly AttemptRecord[]): AssessmentRun | undefined {
  if (run.result) return undefined;
  const progress = runProgress(run, attempts);
  if (!progress.complete) return undefined;
  const ended = Math.max(
    ...progress.items.map(({ attempt }) => attempt?.finishedAt ?? attempt?.updatedAt ?? 0),
  );
  return { ...run, result: assessmentResult(run, attempts, ended) };
}

/** The trainee's run still being taken, if any (one at a time). */
export function openRun(runs: readonly AssessmentRun[]): AssessmentRun | undefined {
  return runs.find((r) => !r.result);
}
