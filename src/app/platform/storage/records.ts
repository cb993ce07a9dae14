import type { LogEntry } from '$core/engine/events';
import type { AttemptWithEvents } from '$core/records/attempt';
import {
  exportedAttempt,
  mergePlan,
  recordsFile,
  recordsProblems,
  type MergePlan,
  type RecordsFile,
} from '$core/records/records-file';
import { byCreation } from '$core/records/trainee';
import type { AttemptRecord, AttemptStore, ImportResult, PrepareImport, TraineeProfile } from './types';

// Export and import, shared by both stores.

/** The given trainees' profiles (all without ids) and their finished attempts, oldest first, with logs. */
export async function exportFrom(
  store: Pick<AttemptStore, 'listTrainees' | 'listAttempts' | 'events'>,
  traineeIds?: readonly string[],
): Promise<RecordsFile> {
  const wanted = traineeIds && new Set(traineeIds);
  const trainees = (await store.listTrainees()).filter((t) => !wanted || wanted.has(t.id));
  const included = new Set(trainees.map((t) => t.id));
  const finished = (await store.listAttempts())
    .filter((a) => a.status === 'finished' && included.has(a.traineeId))
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const attempts = [];
  for (const attempt of finished) attempts.push(exportedAttempt(attempt, await store.events(attempt.id)));
  return recordsFile(trainees.sort(byCreation), attempts, new Date());
}

/** The file, if it is valid; otherwise an Error saying so, and that nothing was imported. */
export function checkedImport(file: RecordsFile): RecordsFile {
  const problems = recordsProblems(file);
  if (problems.length === 0) return file;
  const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  throw new Error(`Nothing was imported: the records are not valid. ${shown.join('; ')}${more}`);
}

/** How a store finds what it already holds of the file's ids. */
export interface RecordLookup {
  getTrainee(id: string): Promise<TraineeProfile | undefined>;
  getAttempt(id: string): Promise<AttemptRecord | undefined>;
  events(attemptId: string): Promise<LogEntry[]>;
}

/** Looks up what is already here of the file's ids, and plans the merge. */
export async function planImport(lookup: RecordLookup, file: RecordsFile): Promise<MergePlan> {
  const trainees: TraineeProfile[] = [];
  for (const { id } of file.trainees) {
    const trainee = await lookup.getTrainee(id);
    if (trainee) trainees.push(trainee);
  }
  const attempts: AttemptWithEvents[] = [];
  for (const { id } of file.attempts) {
    const attempt = await lookup.getAttempt(id);
    if (attempt) attempts.push({ ...attempt, events: await lookup.events(id) });
  }
  return mergePlan({ trainees, attempts }, file);
}

/** What an import adds: the plan's attempts as `prepare` stores them (as the file has them, marked imported, without it). */
export function preparedAdds(
  plan: MergePlan,
  prepare: PrepareImport | undefined,
  now: number,
): AttemptWithEvents[] {
  return plan.attempts.add.map((attempt) => {
    const { report, imported } = prepare?.(attempt) ?? {
      report: attempt.report,
      imported: { at: now, score: 'as-imported' as const, why: 'imported without re-scoring' },
    };
    const { report: _fileReport, ...rest } = attempt;
    return { ...rest, ...(report ? { report } : {}), imported };
  });
}

/**
 * Reads back what an import added: every trainee and attempt, with its whole log. Throws, saying
 * how much is missing, when any of it is not there (a write that claimed success and kept nothing).
 */
export async function verifyImport(
  lookup: RecordLookup,
  trainees: readonly TraineeProfile[],
  attempts: readonly AttemptWithEvents[],
): Promise<void> {
  let missing = 0;
  for (const { id } of trainees) if (!(await lookup.getTrainee(id))) missing++;
  for (const attempt of attempts) {
    const back = await lookup.getAttempt(attempt.id);
    if (!back || (await lookup.events(attempt.id)).length !== attempt.events.length) missing++;
  }
  if (missing > 0) {
    throw new Error(
      `The import was written but ${missing} of ${trainees.length + attempts.length} records cannot be read back from this browser's storage. Check the storage status on this page, reload, and import the file again (records already here are skipped).`,
    );
  }
}

export function importResult(plan: MergePlan, added: readonly AttemptWithEvents[]): ImportResult {
  return {
    added: { trainees: plan.trainees.add.length, attempts: plan.attempts.add.length },
    skipped: { trainees: plan.trainees.skipped.length, attempts: plan.attempts.skipped.length },
    conflicts: plan.conflicts,
    marks: added.flatMap((a) => (a.imported ? [a.imported] : [])),
  };
}
