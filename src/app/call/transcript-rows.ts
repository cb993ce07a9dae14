import type { LogEntry, TraineeAction } from '$core/engine/events';

/** One row of the live transcript. */
export type TranscriptRow =
  | { kind: 'entry'; key: string; entry: LogEntry }
  /** The trainee spoke over the caller, who stopped: what they did not say is not shown. */
  | { kind: 'cut'; key: string; at: number }
  /** Said by the trainee while the caller talked: it is said at the caller's next pause. */
  | { kind: 'waiting'; key: string; action: TraineeAction };

/**
 * The transcript as the trainee lived it: what was heard and said, a mark where the caller was cut
 * off (never the words they did not say), the end of the call left to the call bar, and the
 * trainee's words still waiting for a pause at the bottom.
 */
export function transcriptRows(log: readonly LogEntry[], waiting: readonly TraineeAction[]): TranscriptRow[] {
  const rows: TranscriptRow[] = [];
  for (const entry of log) {
    if (entry.kind === 'system' && entry.event === 'ended') continue;
    if (entry.kind === 'caller' && entry.unsaid) {
      const previous = rows.at(-1);
      if (previous?.kind !== 'cut') rows.push({ kind: 'cut', key: `cut-${entry.seq}`, at: entry.at });
      continue;
    }
    rows.push({ kind: 'entry', key: `e-${entry.seq}`, entry });
  }
  waiting.forEach((action, i) => rows.push({ kind: 'waiting', key: `w-${i}`, action }));
  return rows;
}
