import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import type { RecordsFile } from '$core/records/records-file';
import type { AttemptSummary } from '$core/records/summary';
import { DEFAULT_TRAINEE_NAME, byCreation, changedTrainee, newTrainee } from '$core/records/trainee';
import type { ScoreReport } from '$core/scoring/score';
import { AttemptMemory } from './attempt-memory';
import { newId } from './ids';
import {
  claimOf,
  discarded,
  finished,
  latestInProgress,
  loadRecords,
  newAttemptRecord,
  newestFirst,
  ofTrainee,
  unknownTrainee,
  writeRefusal,
} from './shared';
import { StatusHub, type Listener } from './status-hub';
import type {
  AttemptClaim,
  AttemptRecord,
  AttemptStore,
  AttemptWrite,
  DeletedTrainee,
  ImportResult,
  NewAttempt,
  NewTrainee,
  PersistenceInfo,
  PersistenceRequest,
  PrepareImport,
  RecordsChange,
  TraineeChange,
  TraineeProfile,
  StorageStatus,
} from './types';

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

  async claimAttempt(id: string): Promise<AttemptClaim> {
    const claim = claimOf(this.data.get(id));
    if (claim.ok) this.data.put(claim.attempt);
    return claim;
  }

  async appendEvents(
    attemptId: string,
    revision: number,
    entries: readonly LogEntry[],
    saved: SavedCall,
  ): Promise<AttemptWrite> {
    const refusal = writeRefusal(this.data.get(attemptId), revision);
    if (refusal) return refusal;
    try {
      this.data.append(attemptId, entries, saved, Date.now());
    } catch (error) {
      // Only a value that cannot be copied (a bug) gets here; the interface promises no rejection.
      const name = error instanceof Error ? error.name : 'Error';
      this.hub.set({ persistent: false, reason: `Progress could not be kept (${name}).` });
    }
    return 'ok';
  }

  async finishAttempt(
    attemptId: string,
    revision: number,
    report: ScoreReport,
    saved: SavedCall,
  ): Promise<AttemptWrite> {
    const refusal = writeRefusal(this.data.get(attemptId), revision);
    if (refusal) return refusal;
    const now = Date.now();
    this.data.update(attemptId, (r) => finished(r, now, report, saved));
    return 'ok';
  }

  /** One tab's memory: no other tab shares it. */
  onRecordsChanged(_listener: (change: RecordsChange) => void): () => void {
    return () => undefined;
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

  async importRecords(file: RecordsFile, prepare?: PrepareImport): Promise<ImportResult> {
    const { checkedImport, importResult, planImport, preparedAdds, verifyImport } = await loadRecords();
    const incoming = checkedImport(file);
    const plan = await planImport(this, incoming);
    const added = preparedAdds(plan, prepare, Date.now());
    this.data.importPlan(plan.trainees.add, added);
    await verifyImport(this, plan.trainees.add, added);
    return importResult(plan, added);
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
