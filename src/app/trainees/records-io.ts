import { parseRecordsFile } from '$core/records/records-file';
import type {
  AttemptStore,
  AttemptSummary,
  ImportMark,
  ImportResult,
  PrepareImport,
  RecordsFile,
} from '../platform/storage/types';

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
  leaveOut: ReadonlySet<string> = new Set(),
): Promise<{ text: string; summary: string }> {
  const whole = await store.exportRecords(traineeIds);
  const file = { ...whole, attempts: whole.attempts.filter((a) => !leaveOut.has(a.id)) };
  const left = whole.attempts.length - file.attempts.length;
  return {
    text: recordsJson(file),
    summary: `${count(file.trainees.length, 'trainee')}, ${count(file.attempts.length, 'finished call')}${
      left > 0 ? ` (${count(left, 'call')} of the assessment under way left out until its results)` : ''
    }`,
  };
}

/**
 * What an import came to. Not imported: `file`, the file is not a valid records file (every
 * problem as a `file: json-path: message` line); `refused`, it would write where the person at the
 * screen may not; `storage`, the browser did not keep it.
 */
export type ImportOutcome =
  | { ok: true; result: ImportResult; summary: string }
  | { ok: false; kind: 'file' | 'refused' | 'storage'; problems: string[] };

/** The largest records file an import reads: about 2,000 calls. Larger ones are refused before reading. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a file of this size is not read (undefined: it is read). */
export function sizeProblem(fileName: string, bytes: number): string | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return `${fileName}: the file is ${megabytes(bytes)}; an import reads at most ${megabytes(MAX_IMPORT_BYTES)}. Export fewer trainees per file (a trainer exports one trainee at a time from the trainee's row).`;
}

export interface ImportRules {
  /** How each added attempt is stored (core/records/rescore). */
  prepare?: PrepareImport;
  /** Why this file may not be written here by the person at the screen (undefined: it may). */
  refusal?: (file: RecordsFile) => Promise<string | undefined>;
}

/**
 * Reads and merges a records file. On any problem nothing changes and the outcome says which kind
 * of problem, each as a `file: …` line.
 */
export async function importText(
  store: AttemptStore,
  text: string,
  fileName: string,
  rules: ImportRules = {},
): Promise<ImportOutcome> {
  const parsed = parseRecordsFile(text, fileName);
  if (!parsed.ok) return { ok: false, kind: 'file', problems: parsed.problems };
  const refusal = await rules.refusal?.(parsed.value);
  if (refusal) return { ok: false, kind: 'refused', problems: [`${fileName}: ${refusal}`] };
  try {
    const result = await store.importRecords(parsed.value, rules.prepare);
    return { ok: true, result, summary: importSummary(result) };
  } catch (error) {
    return {
      ok: false,
      kind: 'storage',
      problems: [`${fileName}: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function importSummary(result: ImportResult): string {
  const added = `Added ${count(result.added.trainees, 'trainee')} and ${count(result.added.attempts, 'attempt')}${
    result.added.trainees + result.added.attempts > 0 ? ', each read back from storage' : ''
  }.`;
  const skipped = `Skipped ${count(result.skipped.trainees, 'trainee')} and ${count(result.skipped.attempts, 'attempt')} already here.`;
  const conflicts = result.conflicts.length
    ? ` ${count(result.conflicts.length, 'conflict')}: this device's copy was kept.`
    : '';
  return `${added} ${skipped}${conflicts}${scoring(result.marks)}`;
}

/** How the added attempts' scores were arrived at, when any of them is not simply re-scored to the file's own score. */
function scoring(marks: readonly ImportMark[]): string {
  const rescored = marks.filter((m) => m.score === 'rescored');
  const differed = rescored.filter((m) => m.fileTotal !== undefined).length;
  const asImported = marks.filter((m) => m.score === 'as-imported').length;
  const parts: string[] = [];
  if (rescored.length > 0) {
    parts.push(
      `${count(rescored.length, 'call')} re-scored here from ${rescored.length === 1 ? 'its' : 'their'} log${
        differed > 0 ? ` (${differed} had another score in the file; this app's is kept)` : ''
      }`,
    );
  }
  if (asImported > 0) {
    parts.push(`${count(asImported, 'call')} kept as imported, not re-scored (the debrief says why)`);
  }
  return parts.length > 0 ? ` Scores: ${parts.join('; ')}.` : '';
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
