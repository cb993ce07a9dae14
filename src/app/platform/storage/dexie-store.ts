import Dexie from 'dexie';
import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import type { MergePlan, RecordsFile } from '$core/records/records-file';
import type { AttemptWithEvents } from '$core/records/attempt';
import { recordOf, summaryOf, type AttemptSummary } from '$core/records/summary';
import { DEFAULT_TRAINEE_NAME, byCreation, changedTrainee, newTrainee } from '$core/records/trainee';
import type { ScoreReport } from '$core/scoring/score';
import type { TrainerDb } from './db';
import { newId } from './ids';
import { AttemptMemory } from './attempt-memory';
import {
  claimOf,
  discarded,
  finished,
  latestInProgress,
  loadRecords,
  newAttemptRecord,
  newestFirst,
  ofTrainee,
  touched,
  unknownTrainee,
  writeRefusal,
} from './shared';
import { Journal, browserLocalStorage, type JournalPage, type SyncStorage } from './journal';
import { TabChannel } from './tab-channel';
import { StatusHub } from './status-hub';
import {
  browserStorageManager,
  readPersistence,
  requestPersistence,
  type StorageManagerLike,
} from './persistence';
import type { RecordLookup } from './records';
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
  StorageStatus,
  TraineeChange,
  TraineeProfile,
} from './types';

const KEPT_IN_TAB = 'progress from now on is kept only until this tab is closed.';
export const STORAGE_FULL = `This device's storage is full: ${KEPT_IN_TAB}`;
export const UPDATED_ELSEWHERE = 'The app was updated in another tab; reload to keep saving.';
export const DELETED_ELSEWHERE =
  'Saved progress was deleted by the browser or another tab; reload to keep saving.';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** A quota error, however deep Dexie wrapped it (AbortError.inner, BulkError.failures, cause). */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { name, inner, cause, failures } = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  return (
    (typeof name === 'string' && QUOTA_NAMES.has(name)) ||
    isQuotaError(inner, depth + 1) ||
    isQuotaError(cause, depth + 1) ||
    (Array.isArray(failures) && failures.some((f) => isQuotaError(f, depth + 1)))
  );
}

export function failureReason(error: unknown): string {
  if (isQuotaError(error)) return STORAGE_FULL;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : 'Error';
  return `Saving failed (${name}): ${KEPT_IN_TAB}`;
}

/** Why an import wrote nothing. */
export function importFailure(error: unknown): Error {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : 'Error';
  const why = isQuotaError(error) ? "this device's storage is full" : `saving failed (${name})`;
  return new Error(`Nothing was imported: ${why}.`, { cause: error });
}

/** Why a deleteTrainee removed nothing. */
export function deleteFailure(error: unknown): Error {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : 'Error';
  const why = isQuotaError(error) ? "this device's storage is full" : `saving failed (${name})`;
  return new Error(`Nothing was deleted: ${why}.`, { cause: error });
}

export const DELETE_NEEDS_RELOAD =
  'Nothing was deleted: the app was updated or its saved data changed in another tab. Reload the page and try again.';

async function eventsOf(db: TrainerDb, attemptId: string): Promise<LogEntry[]> {
  const rows = await db.events
    .where('[attemptId+seq]')
    .between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey])
    .toArray();
  return rows.map((row) => row.entry);
}

/**
 * One trainee's attempt summaries (everyone's without an id), newest first (ties: the greater id
 * first, as newestFirst orders them). Read in index order and reversed here: a reverse read is a
 * cursor in browsers without IndexedDB's getAllRecords, several times slower than getAll.
 */
async function summariesIn(db: TrainerDb, traineeId: string | undefined): Promise<AttemptSummary[]> {
  const oldestFirst = await (traineeId === undefined
    ? db.attempts.orderBy('startedAt').toArray()
    : db.attempts
        .where('[traineeId+startedAt]')
        .between([traineeId, Dexie.minKey], [traineeId, Dexie.maxKey])
        .toArray());
  return oldestFirst.reverse();
}

/** An attempt in full: its summary with its report and saved call, read together. */
function attemptIn(db: TrainerDb, id: string): Promise<AttemptRecord | undefined> {
  return db.transaction('r', [db.attempts, db.reports, db.savedCalls], async () => {
    const [summary, report, saved] = await Promise.all([
      db.attempts.get(id),
      db.reports.get(id),
      db.savedCalls.get(id),
    ]);
    return summary && recordOf(summary, { report: report?.report, saved: saved?.saved });
  });
}

/** These attempts in full, in the same order (call inside a transaction over the three tables). */
async function inFull(db: TrainerDb, summaries: readonly AttemptSummary[]): Promise<AttemptRecord[]> {
  const ids = summaries.map((s) => s.id);
  const [reports, saved] = await Promise.all([db.reports.bulkGet(ids), db.savedCalls.bulkGet(ids)]);
  return summaries.map((s, i) => recordOf(s, { report: reports[i]?.report, saved: saved[i]?.saved }));
}

/** Writes an attempt in full: its summary, and its report and saved call apart (call inside a transaction over the three tables). */
async function putAttempt(db: TrainerDb, record: AttemptRecord): Promise<void> {
  const { id, report, saved } = record;
  await db.attempts.put(summaryOf(record));
  await (report ? db.reports.put({ id, report }) : db.reports.delete(id));
  await (saved ? db.savedCalls.put({ id, saved }) : db.savedCalls.delete(id));
}

/**
 * Stores a journal page (call inside a transaction over attempts, events and saved calls): the
 * entries, and the saved call unless the one stored is later. Only while the attempt is still in
 * progress at the page's revision: entries of an opening since superseded were refused when taken.
 */
async function replayPage(db: TrainerDb, id: string, page: JournalPage): Promise<void> {
  const summary = await db.attempts.get(id);
  if (writeRefusal(summary, page.revision) || !summary) return;
  const stored = await db.savedCalls.get(id);
  await db.events.bulkPut(page.entries.map((entry) => ({ attemptId: id, seq: entry.seq, entry })));
  if (!stored || page.saved.at >= stored.saved.at) await db.savedCalls.put({ id, saved: page.saved });
  await db.attempts.put({ ...summary, updatedAt: Math.max(Date.now(), summary.updatedAt) });
}

function lookupIn(db: TrainerDb): RecordLookup {
  return {
    getTrainee: (id) => db.trainees.get(id),
    getAttempt: (id) => attemptIn(db, id),
    events: (id) => eventsOf(db, id),
  };
}

export interface DexieStoreOptions {
  /** Defaults to navigator.storage. Passing the key with `undefined` means "no StorageManager". */
  storage?: StorageManagerLike;
  /** Where actions wait for IndexedDB (journal.ts). Defaults to localStorage; the key with `undefined`: none. */
  journal?: SyncStorage;
}

/**
 * Opens the database (rejects if it cannot be opened; upgrades an older one), stores what the
 * journal kept from before a reload or crash, and returns a store over it.
 */
export async function openDexieStore(db: TrainerDb, options: DexieStoreOptions = {}): Promise<AttemptStore> {
  await db.open();
  const store = new DexieStore(
    db,
    'storage' in options ? options.storage : browserStorageManager(),
    'journal' in options ? options.journal : browserLocalStorage(),
  );
  await store.recoverJournal();
  return store;
}

/**
 * Attempts in IndexedDB. While the database takes every write, it alone answers reads.
 *
 * Every write also goes to memory first, for one reason: the database can stop part-way through a
 * session. The first failed write (a full disk) stops database writes, and another tab's upgrade
 * closes the database here at once, after which nothing can be read from it. The status says why,
 * writes go on in memory only, and reads merge what the database still gives with memory, memory
 * winning, so the call in progress (and whatever else this tab wrote) loses nothing. The copy
 * cannot be taken when the failure comes: after an upgrade elsewhere there is nothing left to copy
 * from. It is small: the attempts this tab wrote to (each read in whole, log included, on first
 * touch), and the profiles and settings it wrote.
 */
export class DexieStore implements AttemptStore {
  private readonly hub = new StatusHub({ persistent: true });
  /** What this tab wrote; read only once the database stopped taking writes (see above). */
  private readonly mirror = new AttemptMemory();
  /** False once closed for another tab: from then on only the mirror answers. */
  private dbOpen = true;
  private readonly journal: Journal;
  private readonly tabs: TabChannel;

  constructor(
    private readonly db: TrainerDb,
    private readonly storage: StorageManagerLike | undefined,
    journal: SyncStorage | undefined,
  ) {
    this.journal = new Journal(journal, db.name);
    this.tabs = new TabChannel(`${db.name}:records`);
    db.on('versionchange', (event) => {
      // Close at once, without auto-reopen, so the other tab's upgrade is not blocked.
      this.dbOpen = false;
      db.close({ disableAutoOpen: true });
      this.hub.set({ persistent: false, reason: event.newVersion ? UPDATED_ELSEWHERE : DELETED_ELSEWHERE });
      return false; // Dexie's own handler would only do the same and log a warning.
    });
  }

  status(): StorageStatus {
    return this.hub.get();
  }

  onStatus(listener: (status: StorageStatus) => void): () => void {
    return this.hub.subscribe(listener);
  }

  onRecordsChanged(listener: (change: RecordsChange) => void): () => void {
    return this.tabs.subscribe(listener);
  }

  /** Stores every journal page left by a page that went away before IndexedDB confirmed (see journal.ts). */
  async recoverJournal(): Promise<void> {
    for (const id of this.journal.attempts()) {
      const read = this.journal.read(id);
      if (!read) continue;
      const done = await this.write((db) =>
        db.transaction('rw', [db.attempts, db.events, db.savedCalls], async () => {
          await replayPage(db, id, read.page);
          return true;
        }),
      );
      if (done) this.journal.removeIf(id, read.text);
    }
  }

  async listTrainees(): Promise<TraineeProfile[]> {
    const stored = await this.read((db) => db.trainees.toArray(), []);
    if (this.dbHasAll()) return stored.sort(byCreation);
    const byId = new Map(stored.map((t) => [t.id, t]));
    for (const trainee of this.mirror.allTrainees()) byId.set(trainee.id, trainee);
    return [...byId.values()].sort(byCreation);
  }

  async getTrainee(id: string): Promise<TraineeProfile | undefined> {
    const stored = await this.read((db) => db.trainees.get(id), undefined);
    return (this.dbHasAll() ? undefined : this.mirror.trainee(id)) ?? stored;
  }

  async createTrainee(details: NewTrainee): Promise<TraineeProfile> {
    const trainee = newTrainee(details, newId(), Date.now());
    if (!this.remember(() => this.mirror.putTrainee(trainee))) return trainee;
    await this.write((db) => db.trainees.add(trainee));
    this.tabs.post({ kind: 'records' });
    return trainee;
  }

  async updateTrainee(id: string, change: TraineeChange): Promise<TraineeProfile> {
    const trainee = await this.getTrainee(id);
    if (!trainee) throw new Error(unknownTrainee(id));
    const next = changedTrainee(trainee, change);
    if (!this.remember(() => this.mirror.putTrainee(next))) return next;
    await this.write((db) => db.trainees.put(next));
    this.tabs.post({ kind: 'records' });
    return next;
  }

  async ensureTrainee(): Promise<TraineeProfile> {
    return (await this.listTrainees())[0] ?? this.createTrainee({ name: DEFAULT_TRAINEE_NAME });
  }

  /**
   * One transaction over trainees, attempts, events and settings: a failure part-way aborts it and
   * everything stays, here and in the mirror. Tried even once writes have failed (a delete frees
   * space), but not once the database was closed for another tab: the records would come back on
   * reload.
   */
  async deleteTrainee(id: string, options: { settings?: readonly string[] } = {}): Promise<DeletedTrainee> {
    const settings = [...(options.settings ?? [])];
    const trainee = await this.getTrainee(id);
    if (!trainee) throw new Error(unknownTrainee(id));
    if (!this.dbOpen) throw new Error(DELETE_NEEDS_RELOAD);
    const db = this.db;
    let stored: string[];
    try {
      stored = await db.transaction(
        'rw',
        [db.trainees, db.attempts, db.reports, db.savedCalls, db.events, db.settings],
        async () => {
          const ids = await db.attempts
            .where('[traineeId+startedAt]')
            .between([id, Dexie.minKey], [id, Dexie.maxKey])
            .primaryKeys();
          for (const attemptId of ids) {
            await db.events
              .where('[attemptId+seq]')
              .between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey])
              .delete();
          }
          await db.reports.bulkDelete(ids);
          await db.savedCalls.bulkDelete(ids);
          await db.attempts.bulkDelete(ids);
          await db.settings.bulkDelete(settings);
          await db.trainees.delete(id);
          return ids;
        },
      );
    } catch (error) {
      throw deleteFailure(error);
    }
    const inMirror = this.mirror
      .all()
      .filter(ofTrainee(id))
      .map((r) => r.id);
    this.mirror.removeTrainee(id, settings);
    this.tabs.post({ kind: 'records' });
    return { trainee, attempts: new Set([...stored, ...inMirror]).size };
  }

  async createAttempt(attempt: NewAttempt): Promise<AttemptRecord> {
    const record = newAttemptRecord(attempt, Date.now());
    if (!this.remember(() => this.mirror.put(record))) return record;
    await this.write((db) => db.attempts.add(summaryOf(record)));
    this.tabs.post({ kind: 'records' });
    return record;
  }

  async claimAttempt(id: string): Promise<AttemptClaim> {
    const read = this.journal.read(id);
    const db = this.db;
    const result = await this.write(() =>
      db.transaction(
        'rw',
        [db.attempts, db.reports, db.savedCalls, db.events],
        async (): Promise<AttemptClaim> => {
          if (read) await replayPage(db, id, read.page);
          const claim = claimOf(await attemptIn(db, id));
          if (claim.ok) await db.attempts.put(summaryOf(claim.attempt));
          return claim;
        },
      ),
    );
    if (result) {
      if (read) this.journal.removeIf(id, read.text);
      // The mirror takes the attempt in again, as claimed, at its next write.
      this.mirror.forget(id);
      if (result.ok) {
        this.tabs.post({ kind: 'attempt', id, revision: result.attempt.revision, status: 'in-progress' });
      }
      return result;
    }
    // Memory only (see the class comment): the claim is checked against this tab's copy.
    await this.adopt(id);
    const claim = claimOf(this.mirror.get(id));
    if (claim.ok) this.remember(() => this.mirror.put(claim.attempt));
    return claim;
  }

  async appendEvents(
    attemptId: string,
    revision: number,
    entries: readonly LogEntry[],
    saved: SavedCall,
  ): Promise<AttemptWrite> {
    // First, synchronously, in the caller's own task: the action survives the page (journal.ts).
    if (entries.length > 0 && this.dbHasAll()) this.journal.record(attemptId, revision, entries, saved);
    const now = Date.now();
    await this.adopt(attemptId);
    const db = this.db;
    const result = await this.write(() =>
      db.transaction('rw', [db.attempts, db.events, db.savedCalls], async (): Promise<AttemptWrite> => {
        const summary = await db.attempts.get(attemptId);
        const refusal = writeRefusal(summary, revision);
        if (refusal || !summary) return refusal ?? 'missing';
        await db.events.bulkPut(entries.map((entry) => ({ attemptId, seq: entry.seq, entry })));
        // touched(), on the summary and the saved call: the report, if any, stays as it is.
        const next = touched(recordOf(summary), saved, now);
        await db.attempts.put({ ...summary, updatedAt: next.updatedAt });
        await db.savedCalls.put({ id: attemptId, saved });
        return 'ok';
      }),
    );
    return this.afterWrite(
      attemptId,
      revision,
      result,
      (m) => m.append(attemptId, entries, saved, now),
      () =>
        this.journal.confirm(
          attemptId,
          entries.map((e) => e.seq),
        ),
    );
  }

  async finishAttempt(
    attemptId: string,
    revision: number,
    report: ScoreReport,
    saved: SavedCall,
  ): Promise<AttemptWrite> {
    const now = Date.now();
    await this.adopt(attemptId);
    const db = this.db;
    const result = await this.write(() =>
      db.transaction('rw', [db.attempts, db.reports, db.savedCalls], async (): Promise<AttemptWrite> => {
        const record = await attemptIn(db, attemptId);
        const refusal = writeRefusal(record, revision);
        if (refusal || !record) return refusal ?? 'missing';
        await putAttempt(db, finished(record, now, report, saved));
        return 'ok';
      }),
    );
    const write = this.afterWrite(
      attemptId,
      revision,
      result,
      (m) => m.update(attemptId, (r) => finished(r, now, report, saved)),
      () => this.journal.drop(attemptId),
    );
    if (write === 'ok') this.tabs.post({ kind: 'attempt', id: attemptId, status: 'finished' });
    return write;
  }

  async discardAttempt(id: string): Promise<void> {
    const now = Date.now();
    await this.change(id, (r) => discarded(r, now));
    this.tabs.post({ kind: 'attempt', id, status: 'finished' });
  }

  async getAttempt(id: string): Promise<AttemptRecord | undefined> {
    const stored = await this.read((db) => attemptIn(db, id), undefined);
    return (this.dbHasAll() ? undefined : this.mirror.get(id)) ?? stored;
  }

  async listAttempts(filter: { traineeId?: string } = {}): Promise<AttemptRecord[]> {
    const { traineeId } = filter;
    const stored = await this.read(
      (db) =>
        db.transaction('r', [db.attempts, db.reports, db.savedCalls], async () =>
          inFull(db, await summariesIn(db, traineeId)),
        ),
      [],
    );
    if (this.dbHasAll()) return stored;
    return this.withMirror(stored).filter(ofTrainee(traineeId)).sort(newestFirst);
  }

  async listSummaries(filter: { traineeId?: string } = {}): Promise<AttemptSummary[]> {
    const { traineeId } = filter;
    const stored = await this.read((db) => summariesIn(db, traineeId), []);
    if (this.dbHasAll()) return stored;
    return this.withMirrorSummaries(stored).filter(ofTrainee(traineeId)).sort(newestFirst);
  }

  async reports(attemptIds: readonly string[]): Promise<Map<string, ScoreReport>> {
    const stored = await this.read((db) => db.reports.bulkGet([...attemptIds]), []);
    const mirrored = (id: string) => !this.dbHasAll() && this.mirror.has(id);
    const found = new Map<string, ScoreReport>();
    attemptIds.forEach((id, i) => {
      const report = mirrored(id) ? this.mirror.report(id) : stored[i]?.report;
      if (report) found.set(id, report);
    });
    return found;
  }

  async events(attemptId: string): Promise<LogEntry[]> {
    const stored = await this.read((db) => eventsOf(db, attemptId), []);
    if (this.dbHasAll()) return stored;
    const bySeq = new Map(stored.map((e) => [e.seq, e]));
    for (const entry of this.mirror.events(attemptId)) bySeq.set(entry.seq, entry);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  async latestInProgress(traineeId?: string): Promise<AttemptRecord | undefined> {
    const stored = await this.read(
      (db) =>
        db.attempts
          .where('[status+updatedAt]')
          .between(['in-progress', Dexie.minKey], ['in-progress', Dexie.maxKey])
          .toArray(),
      [],
    );
    const all = this.dbHasAll() ? stored : this.withMirrorSummaries(stored);
    const latest = latestInProgress(all.filter(ofTrainee(traineeId)));
    return latest && this.getAttempt(latest.id);
  }

  async exportRecords(traineeIds?: readonly string[]): Promise<RecordsFile> {
    const { exportFrom } = await loadRecords();
    return exportFrom(this, traineeIds);
  }

  /**
   * One read-check-write transaction over trainees, attempts and events: a failure part-way (a full
   * disk) aborts it and nothing is stored; then what it added is read back. Once writes have
   * failed, nothing is imported: it would be kept only until the tab closes, and an import is
   * done to keep records.
   */
  async importRecords(file: RecordsFile, prepare?: PrepareImport): Promise<ImportResult> {
    const { checkedImport, importResult, planImport, preparedAdds, verifyImport } = await loadRecords();
    const incoming = checkedImport(file);
    const status = this.hub.get();
    if (!status.persistent) {
      throw new Error(`Nothing was imported: this browser stopped saving. ${status.reason}`);
    }
    const db = this.db;
    let written: { plan: MergePlan; added: AttemptWithEvents[] };
    try {
      written = await db.transaction(
        'rw',
        [db.trainees, db.attempts, db.reports, db.savedCalls, db.events],
        async () => {
          const plan = await planImport(lookupIn(db), incoming);
          const added = preparedAdds(plan, prepare, Date.now());
          const records: AttemptRecord[] = added.map(({ events: _events, ...record }) => record);
          await db.trainees.bulkAdd(plan.trainees.add);
          await db.attempts.bulkAdd(records.map(summaryOf));
          await db.reports.bulkPut(records.flatMap(({ id, report }) => (report ? [{ id, report }] : [])));
          await db.events.bulkPut(
            added.flatMap((a) => a.events.map((entry) => ({ attemptId: a.id, seq: entry.seq, entry }))),
          );
          return { plan, added };
        },
      );
    } catch (error) {
      throw importFailure(error);
    }
    this.tabs.post({ kind: 'records' });
    await verifyImport(lookupIn(db), written.plan.trainees.add, written.added);
    return importResult(written.plan, written.added);
  }

  async requestPersistence(): Promise<PersistenceRequest> {
    return requestPersistence(this.storage);
  }

  async persistence(): Promise<PersistenceInfo> {
    return readPersistence(this.storage);
  }

  async getSetting<T>(key: string, fallback: T): Promise<T> {
    if (!this.dbHasAll() && this.mirror.hasSetting(key)) return this.mirror.getSetting(key, fallback);
    const row = await this.read((db) => db.settings.get(key), undefined);
    return row ? (row.value as T) : fallback;
  }

  async setSetting<T>(key: string, value: T): Promise<void> {
    if (!this.remember(() => this.mirror.setSetting(key, value))) return;
    await this.write((db) => db.settings.put({ key, value }));
  }

  /**
   * What a checked write to an attempt comes to. `result` undefined: the database did not take it
   * (or no longer takes writes), so it is checked against this tab's copy and kept there (the
   * status already says progress is not being saved). Refused: this tab's copy is out of date and
   * is dropped, with the journal page that came with it. Stored: the mirror follows, and `stored` runs.
   */
  private afterWrite(
    id: string,
    revision: number,
    result: AttemptWrite | undefined,
    apply: (mirror: AttemptMemory) => void,
    stored: () => void,
  ): AttemptWrite {
    if (result === undefined) {
      const refusal = writeRefusal(this.mirror.get(id), revision);
      if (refusal) return refusal;
      this.remember(() => apply(this.mirror));
      return 'ok';
    }
    if (result === 'ok') {
      stored();
      this.remember(() => apply(this.mirror));
    } else {
      this.journal.drop(id);
      this.mirror.forget(id);
    }
    return result;
  }

  /** Changes one attempt, in the mirror and in the database. */
  private async change(id: string, next: (record: AttemptRecord) => AttemptRecord): Promise<void> {
    await this.adopt(id);
    if (!this.remember(() => this.mirror.update(id, next))) return;
    await this.write((db) =>
      db.transaction('rw', [db.attempts, db.reports, db.savedCalls], async () => {
        const record = await attemptIn(db, id);
        if (record) await putAttempt(db, next(record));
      }),
    );
  }

  /** The first time this session touches a stored attempt, the mirror takes it in, log and all. */
  private async adopt(id: string): Promise<void> {
    if (this.mirror.has(id)) return;
    const stored = await this.read(
      (db) =>
        db.transaction('r', [db.attempts, db.reports, db.savedCalls, db.events], async () => {
          const record = await attemptIn(db, id);
          return record && { record, entries: await eventsOf(db, id) };
        }),
      undefined,
    );
    if (stored) this.mirror.adopt(stored.record, stored.entries);
  }

  /** Runs a mirror update; false (and the status says why) if the value cannot even be copied. */
  private remember(update: () => void): boolean {
    try {
      update();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /**
   * A database write, while writes still work: what it resolved to, or undefined when it was not
   * made (writes stopped before, or this one failed). Never rejects: a failure switches to memory.
   */
  private async write<T>(op: (db: TrainerDb) => Promise<T>): Promise<T | undefined> {
    if (!this.hub.get().persistent) return undefined;
    try {
      return await op(this.db);
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  /** A database read, while the database is open; a failure counts as the database failing. */
  private async read<T>(query: (db: TrainerDb) => Promise<T>, none: T): Promise<T> {
    if (!this.dbOpen) return none;
    try {
      return await query(this.db);
    } catch (error) {
      this.fail(error);
      return none;
    }
  }

  /** Whether the database holds every write of this tab, so that it alone answers reads. */
  private dbHasAll(): boolean {
    return this.hub.get().persistent;
  }

  private fail(error: unknown): void {
    if (this.hub.get().persistent) this.hub.set({ persistent: false, reason: failureReason(error) });
  }

  private withMirror(stored: readonly AttemptRecord[]): AttemptRecord[] {
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const record of this.mirror.all()) byId.set(record.id, record);
    return [...byId.values()];
  }

  private withMirrorSummaries(stored: readonly AttemptSummary[]): AttemptSummary[] {
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const summary of this.mirror.summaries()) byId.set(summary.id, summary);
    return [...byId.values()];
  }
}
