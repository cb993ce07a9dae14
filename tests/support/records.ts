import type { ScriptedAction } from '$core/format/actions';
import { runScript } from '$core/engine/run-script';
import type { LogEntry } from '$core/engine/events';
import type { TraineeProfile } from '$core/records/attempt';
import {
  RECORDS_FORMAT,
  RECORDS_VERSION,
  type ExportedAttempt,
  type RecordsFile,
} from '$core/records/records-file';
import type { Scenario } from '$core/format/scenario';
import { scoreAttempt, type ScoreReport } from '$core/scoring/score';
import { scenario } from './factories';
import { bundledQuestions, profile } from './profiles';

/** Test data: trainees, and attempts played by the real engine and scored by the real rubric. */

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
export const PROFILE_ID = 'embedded-clinician-day';

/** The factory call handled by the book: screen, code, warm transfer to the clinician. */
export const TEXTBOOK: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'case.address' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'code', callType: 'suicidal-ideation' },
  { type: 'priority', priority: 3 },
  { type: 'brief', to: 'embedded-clinician' },
  { type: 'transfer', to: 'embedded-clinician' },
  { type: 'wait', seconds: 7 },
  { type: 'end' },
];

/** Screened, then a cold transfer and hung up early: points lost, each with the log entry as evidence. */
export const COLD_TRANSFER: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'case.address' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'transfer', to: 'embedded-clinician' },
  { type: 'end' },
];

export function trainee(
  id: string,
  name = `Trainee ${id}`,
  extra: Partial<TraineeProfile> = {},
): TraineeProfile {
  return { id, name, createdAt: T0, ...extra };
}

/** A call played and scored (of the factory scenario unless given): its log and its report. */
export function played(
  actions: readonly ScriptedAction[] = TEXTBOOK,
  s: Scenario = scenario(),
): {
  log: LogEntry[];
  report: ScoreReport;
} {
  const log = [...runScript(s, actions).log];
  const report = scoreAttempt({
    scenario: s,
    profile: profile(PROFILE_ID),
    questions: bundledQuestions(),
    log,
  });
  return { log, report };
}

/** A finished attempt as it appears in a records file. */
export function attempt(
  id: string,
  traineeId: string,
  actions: readonly ScriptedAction[] = TEXTBOOK,
  startedAt = T0,
): ExportedAttempt {
  const { log, report } = played(actions);
  const end = startedAt + (log.at(-1)?.at ?? 0);
  return {
    id,
    traineeId,
    scenarioId: report.scenarioId,
    scenarioHash: `hash-${report.scenarioId}`,
    profileId: PROFILE_ID,
    callTime: report.callTime,
    mode: 'practice',
    startedAt,
    updatedAt: end,
    finishedAt: end,
    status: 'finished',
    report,
    events: log,
  };
}

export function file(trainees: TraineeProfile[], attempts: ExportedAttempt[]): RecordsFile {
  return {
    format: RECORDS_FORMAT,
    version: RECORDS_VERSION,
    exportedAt: new Date(T0).toISOString(),
    trainees,
    attempts,
  };
}
