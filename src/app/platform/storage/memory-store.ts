import type { LogEntry } from '../../../core/engine/events';
import type { SavedCall } from '../../../core/engine/session';
import type { MergePlan, RecordsFile } from '../../../core/records/records-file';
import { summaryOf, type AttemptSummary } from '../../../core/records/summary';
import { DEFAULT_TRAINEE_NAME, byCreation, changedTrainee, newTrainee } from '../../../core/records/trainee';
import type { ScoreReport } from '../../../core/scoring/score';
import { newId } from './ids';
/** Import/export code (and its file schema) loads only when used, keeping it off the call path. Both stores use it. */
export const loadRecords = () => import('./records');
import type {
  AttemptRecord,
  AttemptStore,
  DeletedTrainee,
  ImportResult,
  NewAttempt,
  NewTrainee,
  PersistenceInfo,
  PersistenceRequest,
  StorageStatus,
  TraineeChange,
  TraineeProfile,
} from './types';

// Shared by both stores: record changes, orderings, the status, and the in-memory data itself
// (the whole memory store, and the Dexie store's mirror of what it writes).

export function newAttemptRecord(attempt: NewAttempt, now: number): AttemptRecord {
  return { ...attempt, id: newId(), startedAt: now, updatedAt: now, status: 'in-progress' };
}

export function touched(record: AttemptRecord, saved: SavedCall, now: number): AttemptRecord {
  return { ...record, saved, updatedAt: Math.max(now, record.updatedAt) };
}

export function finished(
  record: AttemptRecord,
  now: number,
  report: ScoreReport,
  saved: SavedCall,
): AttemptRecord {
  return {
    ...record,
    status: 'finished',
    finishedAt: now,
    updatedAt: Math.max(now, record.updatedAt),
    report,
    saved,
  };
}

/** Abandoned: finished with no report. An attempt already finished keeps its report. */
export function discarded(record: AttemptRecord, now: number): AttemptRecord {
  if (record.status !== 'in-progress') return record;
  return { ...record, status: 'finished', finishedAt: now, updatedAt: Math.max(now, record.updatedAt) };
}

/** Newest first by start time; ties by id, as an index on startedAt read in reverse would give. */
export function newestFirst(
  a: Pick<AttemptRecord, 'startedAt' | 'id'>,
  b: Pick<AttemptRecord, 'startedAt' | 'id'>,
): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export const unknownTrainee = (id: string): string =>
  `No trainee profile with id "${id}" is stored in this browser.`;

/** A filter keeping one trainee's attempts, or every attempt when no trainee is given. */
export function ofTrainee(
  traineeId: string | undefined,
): (record: Pick<AttemptRecord, 'traineeId'>) => boolean {
  return (record) => traineeId === undefined || record.traineeId === traineeId;
}

/** The in-progress attempt touched last (ties by id, as the [status+updatedAt] index gives). */
export function latestInProgress<T extends Pick<AttemptRecord, 'status' | 'updatedAt' | 'id'>>(
  records: Iterable<T>,
): T | undefined {
  let latest: T | undefined;
  for (const r of records) {
    if (r.status !== 'in-progress') continue;
    if (!latest || r.updatedAt > latest.updatedAt || (r.updatedAt === latest.updatedAt && r.id > latest.id)) {
      latest = r;
    }
  }
  return latest;
}

type Listener = (status: StorageStatus) => void;

/** The current status, and who is told when it changes. */
export class StatusHub {
  private readonly listeners = new Set<Listener>();

  constructor(private current: StorageStatus) {}

  get(): StorageStatus {
    return this.current;
  }

  set(next: StorageStatus): void {
    const reason = (s: StorageStatus) => (s.persistent ? undefined : s.reason);
    if (next.persistent === this.current.persistent && reason(next) === reason(this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        console.error(error); // a listener's bug must not stop the store
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** Trainees, attempts, logs and settings held in memory. Values are cloned in and out, as IndexedDB would. */
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
  importPlan(plan: MergePlan): void {
    const copy = structuredClone({ trainees: plan.trainees.add, attempts: plan.attempts.add });
    for (const trainee of copy.trainees) this.trainees.set(trainee.id, trainee);
    for (const { events, ...record } of copy.attempts) {
      this.attempts.set(record.id, record);
      this.logs.set(record.id, new Map(events.map((e) => [e.seq, e])));
    }
  }

  has(id: string): boolean {
    return this.attempts.has(id);
  }

  /** How many attempts are held. */
  size(): number {
    return this.attempts.size;
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

/** Keeps attempts for as long as the tab is open: used when IndexedDB cannot be. */
export class MemoryStore implements AttemptStore {
  private readonly data = new AttemptMemory();
  private readonly hub: StatusHub;

  constructor(reason: string) {
    this.hub = new StatusHub({ persistent: false, reason });
  }

  status(): StorageStatus {
    return this.hub.get();
  }

  onStatus(listener: Listener): () => void {
    return this.hub.subscribe(listener);
  }

  async listTrainees(): Promise<TraineeProfile[]> {
    return this.data.allTrainees().sort(byCreation);
  }

  async getTrainee(id: string): Promise<TraineeProfile | undefined> {
    return this.data.trainee(id);
  }

  async createTrainee(details: NewTrainee): Promise<TraineeProfile> {
    const trainee = newTrainee(details, newId(), Date.now());
    this.data.putTrainee(trainee);
    return trainee;
  }

  async updateTrainee(id: string, change: TraineeChange): Promise<TraineeProfile> {
    const trainee = this.data.trainee(id);
    if (!trainee) throw new Error(unknownTrainee(id));
    const next = changedTrainee(trainee, change);
    this.data.putTrainee(next);
    return next;
  }

  async ensureTrainee(): Promise<TraineeProfile> {
    return (await this.listTrainees())[0] ?? this.createTrainee({ name: DEFAULT_TRAINEE_NAME });
  }

  async deleteTrainee(id: string, options: { settings?: readonly string[] } = {}): Promise<DeletedTrainee> {
    const trainee = this.data.trainee(id);
    if (!trainee) throw new Error(unknownTrainee(id));
    return { trainee, attempts: this.data.removeTrainee(id, options.settings) };
  }

  async createAttempt(attempt: NewAttempt): Promise<AttemptRecord> {
    const record = newAttemptRecord(attempt, Date.now());
    this.data.put(record);
    return this.data.get(record.id) ?? record;
  }

  async appendEvents(attemptId: string, entries: readonly LogEntry[], saved: SavedCall): Promise<void> {
    try {
      this.data.append(attemptId, entries, saved, Date.now());
    } catch (error) {
      // Only a value that cannot be copied (a bug) gets here; the interface promises no rejection.
      const name = error instanceof Error ? error.name : 'Error';
      this.hub.set({ persistent: false, reason: `Progress could not be kept (${name}).` });
    }
  }

  async finishAttempt(attemptId: string, report: ScoreReport, saved: SavedCall): Promise<void> {
    const now = Date.now();
    this.data.update(attemptId, (r) => finished(r, now, report, saved));
  }

  async getAttempt(id: string): Promise<AttemptRecord | undefined> {
    return this.data.get(id);
  }

  async listAttempts(filter: { traineeId?: string } = {}): Promise<AttemptRecord[]> {
    return this.data.all().filter(ofTrainee(filter.traineeId)).sort(newestFirst);
  }

  async listSummaries(filter: { traineeId?: string } = {}): Promise<AttemptSummary[]> {
    return this.data.summaries().filter(ofTrainee(filter.traineeId)).sort(newestFirst);
  }

  async reports(attemptIds: readonly string[]): Promise<Map<string, ScoreReport>> {
    const found = new Map<string, ScoreReport>();
    for (const id of attemptIds) {
      const report = this.data.report(id);
      if (report) found.set(id, report);
    }
    return found;
  }

  async events(attemptId: string): Promise<LogEntry[]> {
    return this.data.events(attemptId);
  }

  async latestInProgress(traineeId?: string): Promise<AttemptRecord | undefined> {
    const latest = latestInProgress(this.data.summaries().filter(ofTrainee(traineeId)));
    return latest && this.data.get(latest.id);
  }

  async discardAttempt(id: string): Promise<void> {
    const now = Date.now();
    this.data.update(id, (r) => discarded(r, now));
  }

  async exportRecords(traineeIds?: readonly string[]): Promise<RecordsFile> {
    const { exportFrom } = await loadRecords();
    return exportFrom(this, traineeIds);
  }

  async importRecords(file: RecordsFile): Promise<ImportResult> {
    const { checkedImport, importResult, planImport } = await loadRecords();
    const incoming = checkedImport(file);
    const plan = await planImport(this, incoming);
    this.data.importPlan(plan);
    return importResult(plan);
  }

  /** Nothing is being saved, so there is nothing for the browser to keep. */
  async requestPersistence(): Promise<PersistenceRequest> {
    return 'unsupported';
  }

  async persistence(): Promise<PersistenceInfo> {
    return { state: 'unsupported' };
  }

  async getSetting<T>(key: string, fallback: T): Promise<T> {
    return this.data.getSetting(key, fallback);
  }

  async setSetting<T>(key: string, value: T): Promise<void> {
    this.data.setSetting(key, value);
  }
}

export function createMemoryStore(reason: string): AttemptStore {
  return new MemoryStore(reason);
}
