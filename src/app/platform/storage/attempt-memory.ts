import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import type { AttemptWithEvents } from '$core/records/attempt';
import { summaryOf, type AttemptSummary } from '$core/records/summary';
import type { ScoreReport } from '$core/scoring/score';
import { touched } from './shared';
import type { AttemptRecord, TraineeProfile } from './types';

/**
 * Trainees, attempts, logs and settings held in memory. Values are cloned in and out, as IndexedDB
 * would. The memory store's data, and the Dexie store's copy of what its tab wrote.
 */
export class AttemptMemory {
  private readonly trainees = new Map<string, TraineeProfile>();
  private readonly attempts = new Map<string, AttemptRecord>();
  private readonly logs = new Map<string, Map<number, LogEntry>>();
  private readonly settings = new Map<string, unknown>();

  trainee(id: string): TraineeProfile | undefined {
    const trainee = this.trainees.get(id);
    return trainee && structuredClone(trainee);
  }

  allTrainees(): TraineeProfile[] {
    return [...this.trainees.values()].map((t) => structuredClone(t));
  }

  putTrainee(trainee: TraineeProfile): void {
    this.trainees.set(trainee.id, structuredClone(trainee));
  }

  /** Removes a profile, its attempts with their logs, and the given settings. Returns how many attempts went. */
  removeTrainee(id: string, settings: readonly string[] = []): number {
    this.trainees.delete(id);
    let removed = 0;
    for (const [attemptId, record] of this.attempts) {
      if (record.traineeId !== id) continue;
      this.attempts.delete(attemptId);
      this.logs.delete(attemptId);
      removed++;
    }
    for (const key of settings) this.settings.delete(key);
    return removed;
  }

  /** Adds what the plan adds, all or nothing (everything is copied before anything is stored). */
  importPlan(trainees: readonly TraineeProfile[], attempts: readonly AttemptWithEvents[]): void {
    const copy = structuredClone({ trainees, attempts });
    for (const trainee of copy.trainees) this.trainees.set(trainee.id, trainee);
    for (const { events, ...record } of copy.attempts) {
      this.attempts.set(record.id, record);
      this.logs.set(record.id, new Map(events.map((e) => [e.seq, e])));
    }
  }

  /** Lets go of an attempt (and its log): it is taken in again, as stored, when next touched. */
  forget(id: string): void {
    this.attempts.delete(id);
    this.logs.delete(id);
  }

  has(id: string): boolean {
    return this.attempts.has(id);
  }

  get(id: string): AttemptRecord | undefined {
    const record = this.attempts.get(id);
    return record && structuredClone(record);
  }

  all(): AttemptRecord[] {
    return [...this.attempts.values()].map((r) => structuredClone(r));
  }

  /** Every attempt without its heavy parts (copies). */
  summaries(): AttemptSummary[] {
    return [...this.attempts.values()].map((r) => structuredClone(summaryOf(r)));
  }

  report(id: string): ScoreReport | undefined {
    const report = this.attempts.get(id)?.report;
    return report && structuredClone(report);
  }

  put(record: AttemptRecord): void {
    this.attempts.set(record.id, structuredClone(record));
  }

  /** Takes in an attempt read back from storage; what memory already holds wins. */
  adopt(record: AttemptRecord, entries: readonly LogEntry[]): void {
    if (!this.attempts.has(record.id)) this.put(record);
    const log = this.log(record.id);
    for (const entry of entries) if (!log.has(entry.seq)) log.set(entry.seq, structuredClone(entry));
  }

  append(attemptId: string, entries: readonly LogEntry[], saved: SavedCall, now: number): void {
    const copies = structuredClone({ entries, saved });
    const log = this.log(attemptId);
    for (const entry of copies.entries) log.set(entry.seq, entry);
    const record = this.attempts.get(attemptId);
    if (record) this.attempts.set(attemptId, touched(record, copies.saved, now));
  }

  update(id: string, change: (record: AttemptRecord) => AttemptRecord): void {
    const record = this.attempts.get(id);
    if (record) this.attempts.set(id, structuredClone(change(record)));
  }

  /** In seq order. */
  events(attemptId: string): LogEntry[] {
    const log = this.logs.get(attemptId);
    return log ? structuredClone([...log.values()]).sort((a, b) => a.seq - b.seq) : [];
  }

  hasSetting(key: string): boolean {
    return this.settings.has(key);
  }

  getSetting<T>(key: string, fallback: T): T {
    return this.settings.has(key) ? (structuredClone(this.settings.get(key)) as T) : fallback;
  }

  setSetting(key: string, value: unknown): void {
    this.settings.set(key, structuredClone(value));
  }

  private log(attemptId: string): Map<number, LogEntry> {
    let log = this.logs.get(attemptId);
    if (!log) this.logs.set(attemptId, (log = new Map()));
    return log;
  }
}
