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
import type { AttemptRecord, AttemptStore, ImportResult, TraineeProfile } from './types';

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

export function importResult(plan: MergePlan): ImportResult {
  return {
    added: { trainees: plan.trainees.add.length, attempts: plan.attempts.add.length },
    skipped: { trainees: plan.trainees.skipped.length, attempts: plan.attempts.skipped.length },
    conflicts: plan.conflicts,
  };
}
