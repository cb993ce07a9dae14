import Dexie from 'dexie';
import type { LogEntry } from '../../../core/engine/events';
import type { SavedCall } from '../../../core/engine/session';
import type { ScoreReport } from '../../../core/scoring/score';
import type { TrainerDb } from './db';
import {
  AttemptMemory,
  StatusHub,
  discarded,
  finished,
  latestInProgress,
  newAttemptRecord,
  newestFirst,
  touched,
} from './memory-store';
import type { AttemptRecord, AttemptStore, NewAttempt, StorageStatus } from './types';

const KEPT_IN_TAB = 'progress from now on is kept only until this tab is closed.';
export const STORAGE_FULL = `This device's storage is full: ${KEPT_IN_TAB}`;
export const UPDATED_ELSEWHERE = 'The app was updated in another tab; reload to keep saving.';
export const DELETED_ELSEWHERE = 'Saved progress was deleted by the browser or another tab; reload to keep saving.';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** A quota error, however deep Dexie wrapped it (AbortError.inner, BulkError.failures, cause). */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { name, inner, cause, failures } = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
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

async function eventsOf(db: TrainerDb, attemptId: string): Promise<LogEntry[]> {
  const rows = await db.events.where('[attemptId+seq]').between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey]).toArray();
  return rows.map((row) => row.entry);
}

/** Opens the database (rejects if it cannot be opened) and returns a store over it. */
export async function openDexieStore(db: TrainerDb): Promise<AttemptStore> {
  await db.open();
  return new DexieStore(db);
}

/**
 * Attempts in IndexedDB. Every write goes to an in-memory mirror first, then to the database; the
 * first failed write (a full disk, another tab upgrading the database) stops database writes, says
 * why through the status, and the mirror carries on, so a call in progress loses nothing. Reads
 * merge what the database still gives with the mirror, the mirror winning.
 */
export class DexieStore implements AttemptStore {
  private readonly hub = new StatusHub({ persistent: true });
  /** Every attempt this session has touched. */
  private readonly mirror = new AttemptMemory();
  /** False once closed for another tab: from then on only the mirror answers. */
  private dbOpen = true;

  constructor(private readonly db: TrainerDb) {
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

  async createAttempt(attempt: NewAttempt): Promise<AttemptRecord> {
    const record = newAttemptRecord(attempt, Date.now());
    if (!this.remember(() => this.mirror.put(record))) return record;
    await this.write((db) => db.attempts.add(record));
    return record;
  }

  async appendEvents(attemptId: string, entries: readonly LogEntry[], saved: SavedCall): Promise<void> {
    const now = Date.now();
    await this.adopt(attemptId);
    if (!this.remember(() => this.mirror.append(attemptId, entries, saved, now))) return;
    await this.write((db) =>
      db.transaction('rw', db.attempts, db.events, async () => {
        await db.events.bulkPut(entries.map((entry) => ({ attemptId, seq: entry.seq, entry })));
        const record = await db.attempts.get(attemptId);
        if (record) await db.attempts.put(touched(record, saved, now));
      }),
    );
  }

  async finishAttempt(attemptId: string, report: ScoreReport, saved: SavedCall): Promise<void> {
    const now = Date.now();
    await this.change(attemptId, (r) => finished(r, now, report, saved));
  }

  async discardAttempt(id: string): Promise<void> {
    const now = Date.now();
    await this.change(id, (r) => discarded(r, now));
  }

  async getAttempt(id: string): Promise<AttemptRecord | undefined> {
    const stored = await this.read((db) => db.attempts.get(id), undefined);
    return this.mirror.get(id) ?? stored;
  }

  async listAttempts(): Promise<AttemptRecord[]> {
    const stored = await this.read((db) => db.attempts.orderBy('startedAt').reverse().toArray(), []);
    return this.withMirror(stored).sort(newestFirst);
  }

  async events(attemptId: string): Promise<LogEntry[]> {
    const stored = await this.read((db) => eventsOf(db, attemptId), []);
    const bySeq = new Map(stored.map((e) => [e.seq, e]));
    for (const entry of this.mirror.events(attemptId)) bySeq.set(entry.seq, entry);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  async latestInProgress(): Promise<AttemptRecord | undefined> {
    const stored = await this.read(
      (db) =>
        db.attempts
          .where('[status+updatedAt]')
          .between(['in-progress', Dexie.minKey], ['in-progress', Dexie.maxKey])
          .toArray(),
      [],
    );
    return latestInProgress(this.withMirror(stored));
  }

  async getSetting<T>(key: string, fallback: T): Promise<T> {
    if (this.mirror.hasSetting(key)) return this.mirror.getSetting(key, fallback);
    const row = await this.read((db) => db.settings.get(key), undefined);
    return row ? (row.value as T) : fallback;
  }

  async setSetting<T>(key: string, value: T): Promise<void> {
    if (!this.remember(() => this.mirror.setSetting(key, value))) return;
    await this.write((db) => db.settings.put({ key, value }));
  }

  /** Changes one attempt, in the mirror and in the database. */
  private async change(id: string, next: (record: AttemptRecord) => AttemptRecord): Promise<void> {
    await this.adopt(id);
    if (!this.remember(() => this.mirror.update(id, next))) return;
    await this.write((db) =>
      db.transaction('rw', db.attempts, async () => {
        const record = await db.attempts.get(id);
        if (record) await db.attempts.put(next(record));
      }),
    );
  }

  /** The first time this session touches a stored attempt, the mirror takes it in, log and all. */
  private async adopt(id: string): Promise<void> {
    if (this.mirror.has(id)) return;
    const stored = await this.read(
      (db) =>
        db.transaction('r', db.attempts, db.events, async () => {
          const record = await db.attempts.get(id);
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

  /** A database write, while writes still work. Never rejects: a failure switches to memory. */
  private async write(op: (db: TrainerDb) => Promise<unknown>): Promise<void> {
    if (!this.hub.get().persistent) return;
    try {
      await op(this.db);
    } catch (error) {
      this.fail(error);
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

  private fail(error: unknown): void {
    if (this.hub.get().persistent) this.hub.set({ persistent: false, reason: failureReason(error) });
  }

  private withMirror(stored: readonly AttemptRecord[]): AttemptRecord[] {
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const record of this.mirror.all()) byId.set(record.id, record);
    return [...byId.values()];
  }
}
