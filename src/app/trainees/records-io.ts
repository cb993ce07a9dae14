import { parseRecordsFile } from '$core/records/records-file';
import type { AttemptStore, AttemptSummary, ImportResult, RecordsFile } from '../platform/storage/types';

/** `dispatch-trainer-records-2025-03-14.json`, by the local date. */
export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `dispatch-trainer-records-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export function recordsJson(file: RecordsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The file's text, and what it holds in words ("1 trainee, 2 finished calls"). */
export async function exportText(
  store: AttemptStore,
  traineeIds?: readonly string[],
): Promise<{ text: string; summary: string }> {
  const file = await store.exportRecords(traineeIds);
  return {
    text: recordsJson(file),
    summary: `${count(file.trainees.length, 'trainee')}, ${count(file.attempts.length, 'finished call')}`,
  };
}

export type ImportOutcome =
  { ok: true; result: ImportResult; summary: string } | { ok: false; problems: string[] };

/**
 * Reads and merges a records file. On any problem nothing changes and every problem comes back as
 * a `file: json-path: message` line (a failed write as `file: message`).
 */
export async function importText(
  store: AttemptStore,
  text: string,
  fileName: string,
): Promise<ImportOutcome> {
  const parsed = parseRecordsFile(text, fileName);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  try {
    const result = await store.importRecords(parsed.value);
    return { ok: true, result, summary: importSummary(result) };
  } catch (error) {
    return {
      ok: false,
      problems: [`${fileName}: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function importSummary(result: ImportResult): string {
  const added = `Added ${count(result.added.trainees, 'trainee')} and ${count(result.added.attempts, 'attempt')}.`;
  const skipped = `Skipped ${count(result.skipped.trainees, 'trainee')} and ${count(result.skipped.attempts, 'attempt')} already here.`;
  const conflicts = result.conflicts.length
    ? ` ${count(result.conflicts.length, 'conflict')}: this device's copy was kept.`
    : '';
  return `${added} ${skipped}${conflicts}`;
}

/** Attempts per trainee id, for the trainer's overview. */
export function attemptCounts(
  attempts: readonly AttemptSummary[],
): Map<string, { total: number; finished: number }> {
  const counts = new Map<string, { total: number; finished: number }>();
  for (const a of attempts) {
    const c = counts.get(a.traineeId) ?? { total: 0, finished: 0 };
    c.total += 1;
    if (a.status === 'finished' && a.result) c.finished += 1;
    counts.set(a.traineeId, c);
  }
  return counts;
}
