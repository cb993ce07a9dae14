import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summaryOf } from '$core/records/summary';
import { ATTEMPTS, EVENTS, REPORTS, SAVED_CALLS, SETTINGS, TRAINEES, createDb, type TrainerDb } from './db';
import {
  DELETE_NEEDS_RELOAD,
  STORAGE_FULL,
  deleteFailure,
  UPDATED_ELSEWHERE,
  isQuotaError,
  openDexieStore,
} from './dexie-store';
import { NO_INDEXEDDB, openStore } from './index';
import { newestFirst } from './shared';
import type { StorageManagerLike } from './persistence';
import {
  T0,
  entries,
  later,
  newAttempt,
  playedAttempt,
  report,
  saved,
  storeContract,
  viaFile,
} from '$tests/contracts/store-contract';
import type { AttemptRecord, AttemptStore } from './types';

const uniqueName = () => `test-${crypto.randomUUID()}`;

/**
 * Makes every write to the database (to `only` that table, if given) fail with `errorName` while
 * `on` is set, as a full disk would.
 */
function failingWrites(db: TrainerDb, errorName = 'QuotaExceededError', only?: string): { on: boolean } {
  const state = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'test-failing-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            state.on && (only === undefined || only === name)
              ? Promise.reject(new DOMException('Write failed in test.', errorName))
              : table.mutate(req),
        };
      },
    }),
  });
  return state;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
  if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
  return request(req);
}

interface StoreSchema {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: Record<string, { keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
}

/** Schema version 1 as IndexedDB sees it (Dexie's version(1) is IndexedDB version 10). Shipped: never edit. */
const V1: { version: number; stores: Record<string, StoreSchema> } = {
  version: 10,
  stores: {
    [ATTEMPTS]: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        scenarioId: { keyPath: 'scenarioId', unique: false, multiEntry: false },
        startedAt: { keyPath: 'startedAt', unique: false, multiEntry: false },
        '[status+updatedAt]': { keyPath: ['status', 'updatedAt'], unique: false, multiEntry: false },
      },
    },
    [EVENTS]: { keyPath: ['attemptId', 'seq'], autoIncrement: false, indexes: {} },
    [SETTINGS]: { keyPath: 'key', autoIncrement: false, indexes: {} },
  },
};

/** Schema version 2 (trainee profiles) as IndexedDB sees it. Once shipped: never edit. */
const V2: typeof V1 = {
  version: 20,
  stores: {
    [ATTEMPTS]: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        scenarioId: { keyPath: 'scenarioId', unique: false, multiEntry: false },
        startedAt: { keyPath: 'startedAt', unique: false, multiEntry: false },
        '[status+updatedAt]': { keyPath: ['status', 'updatedAt'], unique: false, multiEntry: false },
        '[traineeId+startedAt]': { keyPath: ['traineeId', 'startedAt'], unique: false, multiEntry: false },
      },
    },
    [EVENTS]: { keyPath: ['attemptId', 'seq'], autoIncrement: false, indexes: {} },
    [SETTINGS]: { keyPath: 'key', autoIncrement: false, indexes: {} },
    [TRAINEES]: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: { name: { keyPath: 'name', unique: false, multiEntry: false } },
    },
  },
};

/** Schema version 3 (attempt summaries, with each report and saved call apart) as IndexedDB sees it. Once shipped: never edit. */
const V3: typeof V1 = {
  version: 30,
  stores: {
    ...V2.stores,
    [REPORTS]: { keyPath: 'id', autoIncrement: false, indexes: {} },
    [SAVED_CALLS]: { keyPath: 'id', autoIncrement: false, indexes: {} },
  },
};

/** The schema the code declares now. */
const CURRENT = V3;

/** Creates a database exactly as `schema` describes it, with plain IndexedDB (no Dexie). */
function rawCreate(name: string, schema: typeof V1): Promise<IDBDatabase> {
  return rawOpen(name, schema.version, (db) => {
    for (const [storeName, { keyPath, autoIncrement, indexes }] of Object.entries(schema.stores)) {
      const store = db.createObjectStore(storeName, { keyPath, autoIncrement });
      for (const [index, { keyPath: indexKeyPath, unique, multiEntry }] of Object.entries(indexes)) {
        store.createIndex(index, indexKeyPath, { unique, multiEntry });
      }
    }
  });
}

/** Writes rows with plain IndexedDB, in one transaction. */
async function rawPut(db: IDBDatabase, rows: Record<string, unknown[]>): Promise<void> {
  const tx = db.transaction(Object.keys(rows), 'readwrite');
  for (const [store, values] of Object.entries(rows)) {
    for (const value of values) tx.objectStore(store).put(value);
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

async function rawAll(db: IDBDatabase, store: string): Promise<unknown[]> {
  return request(db.transaction(store, 'readonly').objectStore(store).getAll());
}

/** A fake navigator.storage. */
function storageManager(
  state: { persisted: boolean; grant: boolean },
  estimate?: StorageEstimate,
): StorageManagerLike & { asked: number } {
  const manager = {
    asked: 0,
    persisted: async () => state.persisted,
    persist: async () => {
      manager.asked++;
      state.persisted ||= state.grant;
      return state.grant;
    },
    ...(estimate ? { estimate: async () => estimate } : {}),
  };
  return manager;
}

function schemaOf(db: IDBDatabase): typeof V1 {
  const names = Array.from(db.objectStoreNames);
  const tx = db.transaction(names, 'readonly');
  const stores = names.map((name): [string, StoreSchema] => {
    const store = tx.objectStore(name);
    const indexes = Array.from(store.indexNames).map((i) => {
      const { keyPath, unique, multiEntry } = store.index(i);
      return [i, { keyPath, unique, multiEntry }] as const;
    });
    return [
      name,
      { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes: Object.fromEntries(indexes) },
    ];
  });
  return { version: db.version, stores: Object.fromEntries(stores) };
}

describe('Dexie store', () => {
  storeContract(() => openDexieStore(createDb(uniqueName())));

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('is persistent', async () => {
    expect((await openDexieStore(createDb(uniqueName()))).status()).toEqual({ persistent: true });
  });

  it('keeps everything across a reload (a new store on the same database)', async () => {
    const name = uniqueName();
    const before = await openStore({ name });
    const done = await before.createAttempt(newAttempt('done'));
    await before.appendEvents(done.id, 0, entries(1, 4), saved(4000, 'done'));
    await before.finishAttempt(done.id, 0, report('done'), saved(4000, 'done'));
    later();
    const open = await before.createAttempt(newAttempt('open'));
    await before.appendEvents(open.id, 0, entries(1, 2), saved(2000, 'open'));
    await before.appendEvents(open.id, 0, entries(2, 3), saved(3000, 'open'));
    await before.setSetting('preferences', { volume: 0.25 });

    const after = await openStore({ name });
    expect(after.status()).toEqual({ persistent: true });
    expect(await after.listAttempts()).toEqual(await before.listAttempts());
    expect((await after.listAttempts()).map((a) => a.scenarioId)).toEqual(['open', 'done']);
    expect(await after.getAttempt(done.id)).toMatchObject({ status: 'finished', report: report('done') });
    expect(await after.latestInProgress()).toMatchObject({ id: open.id, saved: saved(3000, 'open') });
    expect(await after.events(done.id)).toEqual(entries(1, 4));
    expect(await after.events(open.id)).toEqual(entries(1, 3));
    expect(await after.getSetting('preferences', {})).toEqual({ volume: 0.25 });

    // The resumed attempt goes on in the new tab.
    await after.appendEvents(open.id, 0, entries(4, 5), saved(5000, 'open'));
    expect(await (await openStore({ name })).events(open.id)).toEqual(entries(1, 5));
  });

  it("reads the database alone while it takes every write, so another tab's changes show here", async () => {
    const name = uniqueName();
    const here = await openStore({ name });
    const ana = await here.createTrainee({ name: 'Ana' });
    const attempt = await here.createAttempt(newAttempt('one', ana.id));
    await here.appendEvents(attempt.id, 0, entries(1, 2), saved(2000, 'one'));
    await here.setSetting('preferences', { volume: 0.5 });

    const there = await openStore({ name }); // another tab on the same database
    later();
    const renamed = await there.updateTrainee(ana.id, { name: 'Ana B.' });
    await there.appendEvents(attempt.id, 0, entries(3, 4), saved(4000, 'one'));
    await there.finishAttempt(attempt.id, 0, report('one'), saved(4000, 'one'));
    await there.setSetting('preferences', { volume: 1 });

    expect(await here.listTrainees()).toEqual([renamed]);
    expect(await here.getTrainee(ana.id)).toEqual(renamed);
    expect(await here.getAttempt(attempt.id)).toEqual(await there.getAttempt(attempt.id));
    expect(await here.listAttempts()).toEqual(await there.listAttempts());
    expect(await here.listSummaries()).toEqual([
      expect.objectContaining({ id: attempt.id, status: 'finished' }),
    ]);
    expect(await here.reports([attempt.id])).toEqual(new Map([[attempt.id, report('one')]]));
    expect(await here.events(attempt.id)).toEqual(entries(1, 4));
    expect(await here.latestInProgress()).toBeUndefined();
    expect(await here.getSetting('preferences', {})).toEqual({ volume: 1 });

    await there.deleteTrainee(ana.id);
    expect(await here.listTrainees()).toEqual([]);
    expect(await here.listAttempts()).toEqual([]);
    expect(await here.getAttempt(attempt.id)).toBeUndefined();
  });

  describe('when storage is full', () => {
    it('keeps the call going in memory, says why once, and loses nothing already stored', async () => {
      const name = uniqueName();
      const db = createDb(name);
      const disk = failingWrites(db);
      const store = await openDexieStore(db);
      const attempt = await store.createAttempt(newAttempt());
      await store.appendEvents(attempt.id, 0, entries(1, 3), saved(3000));
      await store.setSetting('preferences', { volume: 0.5 });
      const listener = vi.fn();
      store.onStatus(listener);

      disk.on = true;
      later();
      await expect(store.appendEvents(attempt.id, 0, entries(3, 5), saved(5000))).resolves.toBe('ok');
      expect(store.status()).toEqual({ persistent: false, reason: STORAGE_FULL });
      expect(STORAGE_FULL).toMatch(/storage is full/i);
      later();
      await store.appendEvents(attempt.id, 0, entries(6, 7), saved(7000));
      await store.setSetting('preferences', { volume: 1 });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener).toHaveBeenCalledWith({ persistent: false, reason: STORAGE_FULL });

      expect(await store.events(attempt.id)).toEqual(entries(1, 7));
      expect(await store.getAttempt(attempt.id)).toMatchObject({ saved: saved(7000), updatedAt: T0 + 2000 });
      expect(await store.latestInProgress()).toMatchObject({ id: attempt.id });
      expect(await store.getSetting('preferences', {})).toEqual({ volume: 1 });
      later();
      await store.finishAttempt(attempt.id, 0, report(), saved(8000));
      expect(await store.getAttempt(attempt.id)).toMatchObject({ status: 'finished', report: report() });
      const other = await store.createAttempt(newAttempt('other'));
      expect((await store.listAttempts()).map((a) => a.id)).toEqual([other.id, attempt.id]);
      expect((await store.listSummaries()).map((a) => a.id)).toEqual([other.id, attempt.id]);
      expect((await store.listSummaries())[1]).toMatchObject({
        status: 'finished',
        result: { total: report().total },
      });
      expect(await store.reports([attempt.id, other.id])).toEqual(new Map([[attempt.id, report()]]));

      // After a reload: what was stored before the disk filled is all there.
      const reloaded = await openStore({ name });
      expect(await reloaded.events(attempt.id)).toEqual(entries(1, 3));
      expect(await reloaded.getAttempt(attempt.id)).toMatchObject({
        status: 'in-progress',
        saved: saved(3000),
      });
      expect(await reloaded.listSummaries()).toEqual([
        expect.objectContaining({ id: attempt.id, status: 'in-progress' }),
      ]);
      expect(await reloaded.reports([attempt.id])).toEqual(new Map());
      expect(await reloaded.getSetting('preferences', {})).toEqual({ volume: 0.5 });
    });

    it('still gives a usable attempt when the very first write fails', async () => {
      const db = createDb(uniqueName());
      failingWrites(db).on = true;
      const store = await openDexieStore(db);
      const attempt = await store.createAttempt(newAttempt());
      await store.appendEvents(attempt.id, 0, entries(1, 2), saved(2000));
      expect(store.status()).toEqual({ persistent: false, reason: STORAGE_FULL });
      expect(await store.events(attempt.id)).toEqual(entries(1, 2));
      expect(await store.latestInProgress()).toMatchObject({ id: attempt.id, saved: saved(2000) });
    });

    it('can finish or discard, in memory, an attempt stored before the disk filled', async () => {
      const name = uniqueName();
      const first = await openStore({ name });
      const a = await first.createAttempt(newAttempt('a'));
      const b = await first.createAttempt(newAttempt('b'));

      const db = createDb(name);
      failingWrites(db).on = true;
      const store = await openDexieStore(db);
      await store.setSetting('x', 1);
      await store.finishAttempt(a.id, 0, report('a'), saved(1000, 'a'));
      await store.discardAttempt(b.id);
      expect(await store.getAttempt(a.id)).toMatchObject({ status: 'finished', report: report('a') });
      expect(await store.getAttempt(b.id)).toMatchObject({ status: 'finished' });
      expect(await store.latestInProgress()).toBeUndefined();
    });

    it('recognises quota errors however Dexie wraps them', () => {
      const quota = new DOMException('full', 'QuotaExceededError');
      expect(isQuotaError(quota)).toBe(true);
      expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
      expect(isQuotaError({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true);
      expect(isQuotaError(new Error('wrapped', { cause: quota }))).toBe(true);
      expect(isQuotaError(new DOMException('no', 'UnknownError'))).toBe(false);
      expect(isQuotaError(undefined)).toBe(false);
    });
  });

  it('names any other write failure', async () => {
    const db = createDb(uniqueName());
    failingWrites(db, 'UnknownError').on = true;
    const store = await openDexieStore(db);
    await store.createAttempt(newAttempt());
    expect(store.status()).toEqual({
      persistent: false,
      reason: 'Saving failed (UnknownError): progress from now on is kept only until this tab is closed.',
    });
  });

  it('steps aside when another tab upgrades the database, and the call goes on in memory', async () => {
    const name = uniqueName();
    const earlier = await openStore({ name });
    const attempt = await earlier.createAttempt(newAttempt());
    await earlier.appendEvents(attempt.id, 0, entries(1, 2), saved(2000));

    const store = await openStore({ name }); // this tab, after a reload: resumes the attempt
    await store.appendEvents(attempt.id, 0, entries(3, 3), saved(3000));
    const listener = vi.fn();
    store.onStatus(listener);

    const newer = await rawOpen(name, CURRENT.version + 10); // resolves only once every open connection has closed
    newer.close();
    expect(store.status()).toEqual({ persistent: false, reason: UPDATED_ELSEWHERE });
    expect(listener).toHaveBeenCalledTimes(1);

    await store.appendEvents(attempt.id, 0, entries(4, 5), saved(5000));
    expect(await store.events(attempt.id)).toEqual(entries(1, 5));
    expect(await store.getAttempt(attempt.id)).toMatchObject({ saved: saved(5000) });
    expect((await store.listAttempts()).map((a) => a.id)).toEqual([attempt.id]);
  });

  describe('deleting a profile', () => {
    /** Ana with a finished call, one in progress and a setting; Ben with a finished call. */
    async function stored(store: AttemptStore) {
      const ana = await store.createTrainee({ name: 'Ana' });
      later();
      const ben = await store.createTrainee({ name: 'Ben' });
      const done = await playedAttempt(store, ana.id);
      const going = await store.createAttempt(newAttempt('going', ana.id));
      await store.appendEvents(going.id, 0, entries(0, 2), saved(2000, 'going'));
      const bens = await playedAttempt(store, ben.id);
      await store.setSetting(`refresher-session:${ana.id}`, { of: 'Ana' });
      return { ana, ben, done, going, bens, settings: [`refresher-session:${ana.id}`] };
    }

    /** Everything the database itself holds (as a reload would see it), table by table, every table. */
    async function rows(name: string): Promise<Record<string, unknown[]>> {
      const raw = await rawOpen(name);
      const tables = Array.from(raw.objectStoreNames);
      expect(tables).toEqual(expect.arrayContaining([TRAINEES, ATTEMPTS, EVENTS, SETTINGS]));
      const all = Object.fromEntries(
        await Promise.all(tables.map(async (t) => [t, await rawAll(raw, t)] as const)),
      );
      raw.close();
      return all;
    }

    it('is for good: a reload brings nothing back', async () => {
      const name = uniqueName();
      const store = await openStore({ name });
      const { ana, ben, done, going, bens, settings } = await stored(store);
      expect(await store.deleteTrainee(ana.id, { settings })).toEqual({ trainee: ana, attempts: 2 });

      const reloaded = await openStore({ name });
      expect(await reloaded.listTrainees()).toEqual([ben]);
      expect(await reloaded.getAttempt(done.id)).toBeUndefined();
      expect(await reloaded.events(going.id)).toEqual([]);
      expect(await reloaded.listAttempts()).toEqual([bens]);
      expect(await reloaded.getSetting(settings[0]!, 'gone')).toBe('gone');
      const left = await rows(name);
      expect(left[EVENTS]!.every((row) => (row as { attemptId: string }).attemptId === bens.id)).toBe(true);
      for (const table of [ATTEMPTS, REPORTS, SAVED_CALLS]) {
        expect(left[table]!.map((row) => (row as { id: string }).id)).toEqual([bens.id]);
      }
      expect(left[EVENTS]!.length).toBe((await reloaded.events(bens.id)).length);
    });

    it('deletes nothing when the write fails part-way, says so, and deletes on a second try', async () => {
      const name = uniqueName();
      const db = createDb(name);
      const disk = failingWrites(db, 'QuotaExceededError', TRAINEES); // the trainee goes last: events, attempts, settings are deleted first
      const store = await openDexieStore(db);
      const { ana, ben, done, going, settings } = await stored(store);
      const before = await rows(name);
      const seen = {
        trainees: await store.listTrainees(),
        attempts: await store.listAttempts(),
        done: await store.events(done.id),
      };

      disk.on = true;
      await expect(store.deleteTrainee(ana.id, { settings })).rejects.toThrow(
        "Nothing was deleted: this device's storage is full.",
      );
      expect(await rows(name)).toEqual(before);
      expect(await store.listTrainees()).toEqual(seen.trainees);
      expect(await store.listAttempts()).toEqual(seen.attempts);
      expect(await store.events(done.id)).toEqual(seen.done);
      expect(await store.getSetting(settings[0]!, 'gone')).toEqual({ of: 'Ana' });
      expect(store.status()).toEqual({ persistent: true }); // the delete failed, not saving

      expect((await store.getAttempt(going.id))?.status).toBe('in-progress');

      disk.on = false;
      expect(await store.deleteTrainee(ana.id, { settings })).toEqual({ trainee: ana, attempts: 2 });
      expect(await (await openStore({ name })).listTrainees()).toEqual([ben]);
      expect(await store.listTrainees()).toEqual([ben]);
    });

    it('names the failure', () => {
      expect(deleteFailure(new DOMException('x', 'UnknownError')).message).toBe(
        'Nothing was deleted: saving failed (UnknownError).',
      );
      expect(
        deleteFailure({ name: 'AbortError', inner: new DOMException('x', 'QuotaExceededError') }).message,
      ).toBe("Nothing was deleted: this device's storage is full.");
    });

    it('still deletes from the database after a write failed (a delete frees space)', async () => {
      const name = uniqueName();
      const db = createDb(name);
      const disk = failingWrites(db);
      const store = await openDexieStore(db);
      const { ana, ben, settings } = await stored(store);
      disk.on = true;
      await store.setSetting('preferences', { volume: 0.5 });
      expect(store.status()).toEqual({ persistent: false, reason: STORAGE_FULL });
      disk.on = false;

      expect(await store.deleteTrainee(ana.id, { settings })).toEqual({ trainee: ana, attempts: 2 });
      expect(await store.listTrainees()).toEqual([ben]);
      expect(await (await openStore({ name })).listTrainees()).toEqual([ben]);
    });

    it('refuses, deleting nothing, once another tab upgraded the database (a reload would bring it back)', async () => {
      const name = uniqueName();
      const store = await openStore({ name });
      const { ana, ben } = await stored(store);
      const probe = await rawOpen(name);
      const version = probe.version;
      probe.close();
      const newer = await rawOpen(name, version + 10); // another tab, one schema version on
      newer.close();
      await expect(store.deleteTrainee(ana.id)).rejects.toThrow(DELETE_NEEDS_RELOAD);
      expect(await store.listTrainees()).toEqual([ana, ben]);
      expect(await store.listAttempts({ traineeId: ana.id })).toHaveLength(2);
    });
  });

  describe('openStore', () => {
    it('opens IndexedDB when it can', async () => {
      expect((await openStore({ name: uniqueName() })).status()).toEqual({ persistent: true });
    });

    it('falls back to memory, with the reason, when there is no IndexedDB', async () => {
      const store = await openStore({ indexedDB: undefined, name: uniqueName() });
      expect(store.status()).toEqual({ persistent: false, reason: NO_INDEXEDDB });
      expect(NO_INDEXEDDB).toBe(
        'IndexedDB is not available in this browser (private mode?): progress is not being saved.',
      );
    });

    it('falls back to memory, with the reason, when IndexedDB refuses to open (private mode)', async () => {
      const refusing: IDBFactory = {
        open: () => {
          throw new DOMException(
            'A mutation operation was attempted on a database that did not allow mutations.',
            'InvalidStateError',
          );
        },
        deleteDatabase: (name) => indexedDB.deleteDatabase(name),
        cmp: (a, b) => indexedDB.cmp(a, b),
        databases: () => indexedDB.databases(),
      };
      const store = await openStore({ indexedDB: refusing, name: uniqueName() });
      expect(store.status()).toEqual({ persistent: false, reason: NO_INDEXEDDB });
      const attempt = await store.createAttempt(newAttempt());
      await store.appendEvents(attempt.id, 0, entries(1, 2), saved(2000));
      expect(await store.events(attempt.id)).toEqual(entries(1, 2));
    });
  });

  describe('schema', () => {
    it('is version 3 exactly as declared (changing it needs a new version and a migration)', async () => {
      const name = uniqueName();
      await openStore({ name });
      const raw = await rawOpen(name);
      expect(schemaOf(raw)).toEqual(CURRENT);
      raw.close();
    });

    const log = (attemptId: string, from: number, to: number) =>
      entries(from, to).map((entry) => ({ attemptId, seq: entry.seq, entry }));

    /** Three attempts (finished with a report, in progress, discarded); without a trainee, as schema 1 stored them. */
    function threeAttempts(traineeId?: string): Record<string, unknown>[] {
      const { traineeId: _none, ...v1 } = newAttempt();
      const mine = traineeId === undefined ? v1 : { ...v1, traineeId };
      const done = {
        ...mine,
        id: 'a-done',
        scenarioId: 'done',
        startedAt: T0 + 60_000,
        updatedAt: T0 + 65_000,
        finishedAt: T0 + 65_000,
        status: 'finished',
        report: report('done'),
        saved: saved(5000, 'done'),
      };
      const open = {
        ...mine,
        id: 'a-open',
        startedAt: T0 + 120_000,
        updatedAt: T0 + 125_000,
        status: 'in-progress',
        saved: saved(2000),
      };
      const gone = {
        ...mine,
        id: 'a-gone',
        scenarioId: 'gone',
        startedAt: T0,
        updatedAt: T0 + 1000,
        finishedAt: T0 + 1000,
        status: 'finished',
      };
      return [done, open, gone];
    }

    /** Ben's scored calls: more than two batches of the version-3 upgrade (250 attempts each). */
    const bens = Array.from({ length: 520 }, (_, i) => ({
      ...newAttempt('many', 'ben'),
      id: `b-${String(i).padStart(4, '0')}`,
      startedAt: T0 + 200_000 + i * 1000,
      updatedAt: T0 + 200_500 + i * 1000,
      finishedAt: T0 + 200_500 + i * 1000,
      status: 'finished',
      report: {
        ...report('many', i % 101),
        criticalErrors: i % 7 ? [] : [{ kind: 'unsafe-diversion', what: 'x', rationale: 'y' }],
      },
      saved: saved(500, 'many'),
    }));

    /** A user's data as every shipped schema version stored it, to open with today's code. */
    const SHIPPED: { schema: typeof V1; rows: Record<string, unknown[]> }[] = [
      {
        schema: V1,
        rows: {
          [ATTEMPTS]: threeAttempts(),
          [EVENTS]: [...log('a-done', 0, 5), ...log('a-open', 0, 2), ...log('a-gone', 0, 0)],
          [SETTINGS]: [
            { key: 'preferences', value: { volume: 0.75, captions: false } },
            { key: 'review-signatures', value: [{ scenarioId: 'done', reviewer: { name: 'R. Lee' } }] },
          ],
        },
      },
      {
        schema: V2,
        rows: {
          [TRAINEES]: [
            { id: 'ana', name: 'Ana', createdAt: T0 - 5000 },
            {
              id: 'ben',
              name: 'Ben',
              badge: '4411',
              createdAt: T0,
              pin: { salt: 'c2FsdA==', hash: 'aGFzaA==', iterations: 600_000 },
            },
          ],
          [ATTEMPTS]: [...threeAttempts('ana'), ...bens],
          [EVENTS]: [
            ...log('a-done', 0, 5),
            ...log('a-open', 0, 2),
            ...log('a-gone', 0, 0),
            ...log('b-0000', 0, 3),
            ...log('b-0519', 0, 1),
          ],
          [SETTINGS]: [
            { key: 'preferences', value: { volume: 0.75, captions: false } },
            { key: 'current-trainee', value: 'ben' },
            { key: 'refresher-session:ana', value: { version: 1 } },
          ],
        },
      },
    ];

    /** Rows in primary key order, as IndexedDB lists them (these ids are plain ASCII). */
    const byId = <T extends { id: string }>(rows: readonly T[]) =>
      [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    for (const { schema, rows } of SHIPPED) {
      it(`upgrades a version-${schema.version / 10} database written by plain IndexedDB code, losing nothing`, async () => {
        const name = uniqueName();
        const raw = await rawCreate(name, schema);
        await rawPut(raw, rows);
        const before = Object.fromEntries(
          await Promise.all(Object.keys(schema.stores).map(async (s) => [s, await rawAll(raw, s)] as const)),
        );
        raw.close();

        const warn = vi.spyOn(console, 'warn');
        const store = await openStore({ name });
        expect(store.status()).toEqual({ persistent: true });
        expect(warn).not.toHaveBeenCalled(); // Dexie warns when the stored schema differs from the declared one

        const trainees = await store.listTrainees();
        let upgraded: AttemptRecord[];
        if (before[TRAINEES]) {
          expect(trainees).toEqual(before[TRAINEES]);
          upgraded = before[ATTEMPTS] as AttemptRecord[];
        } else {
          // Every pre-profile attempt now belongs to one default trainee, dated from the earliest one.
          const earliest = Math.min(...(before[ATTEMPTS] as AttemptRecord[]).map((a) => a.startedAt));
          expect(trainees).toEqual([{ id: expect.any(String), name: 'Trainee 1', createdAt: earliest }]);
          upgraded = before[ATTEMPTS]!.map((a) => ({ ...(a as AttemptRecord), traineeId: trainees[0]!.id }));
        }
        const traineeId = upgraded.find((a) => a.id === 'a-done')!.traineeId;

        // Every attempt in full, exactly as it was.
        expect(await store.listAttempts()).toEqual([...upgraded].sort(newestFirst));
        expect(await store.listAttempts({ traineeId })).toHaveLength(3);
        for (const attempt of upgraded.filter((a) => a.id.startsWith('a-'))) {
          expect(await store.getAttempt(attempt.id)).toEqual(attempt);
        }
        expect(await store.latestInProgress(traineeId)).toMatchObject({ id: 'a-open', saved: saved(2000) });
        // As summaries: of each report its headline only; the reports themselves by id.
        const scored = upgraded.filter((a) => a.report);
        expect(await store.listSummaries()).toEqual([...upgraded].sort(newestFirst).map(summaryOf));
        expect(await store.reports(upgraded.map((a) => a.id))).toEqual(
          new Map(scored.map((a) => [a.id, a.report])),
        );

        // Stored as schema 3 keeps them: summaries in the attempts table, the heavy parts apart.
        const after = await rawOpen(name);
        expect(schemaOf(after)).toEqual(CURRENT);
        expect(await rawAll(after, ATTEMPTS)).toEqual(byId(upgraded.map(summaryOf)));
        expect(await rawAll(after, REPORTS)).toEqual(byId(scored.map(({ id, report }) => ({ id, report }))));
        expect(await rawAll(after, SAVED_CALLS)).toEqual(
          byId(upgraded.flatMap(({ id, saved }) => (saved ? [{ id, saved }] : []))),
        );
        // Events and settings (and trainees, once there were any) exactly as they were, row for row.
        for (const table of [EVENTS, SETTINGS, TRAINEES]) {
          if (before[table]) expect(await rawAll(after, table)).toEqual(before[table]);
        }
        after.close();
        for (const { key, value } of before[SETTINGS] as { key: string; value: unknown }[]) {
          expect(await store.getSetting(key, undefined)).toEqual(value);
        }
        expect(await store.events('a-done')).toEqual(entries(0, 5));

        // The upgrade runs once: a reload makes no second trainee and finds the same attempts.
        const reloaded = await openStore({ name });
        expect(await reloaded.listTrainees()).toEqual(trainees);
        expect(await reloaded.listSummaries()).toEqual(await store.listSummaries());
        // And the upgraded history exports as a valid records file.
        expect(viaFile(await store.exportRecords([traineeId])).attempts.map((a) => a.id)).toEqual([
          'a-gone',
          'a-done',
        ]);
      });
    }

    it('upgrades an empty version-1 database to one "Trainee 1" made now', async () => {
      const name = uniqueName();
      (await rawCreate(name, V1)).close();
      const store = await openStore({ name });
      expect(await store.listTrainees()).toEqual([
        { id: expect.any(String), name: 'Trainee 1', createdAt: T0 },
      ]);
      expect(await store.listAttempts()).toEqual([]);
    });

    it('makes no trainee in a new database (the app asks ensureTrainee)', async () => {
      const store = await openStore({ name: uniqueName() });
      expect(await store.listTrainees()).toEqual([]);
    });
  });

  describe('import', () => {
    it('writes nothing when the disk fills part-way, says so, and keeps saving afterwards', async () => {
      const from = await openStore({ name: uniqueName() });
      const ana = await from.createTrainee({ name: 'Ana' });
      await playedAttempt(from, ana.id);
      const file = viaFile(await from.exportRecords());

      const name = uniqueName();
      const db = createDb(name);
      const disk = failingWrites(db, 'QuotaExceededError', EVENTS); // trainees and attempts go in; the events do not
      const store = await openDexieStore(db);
      disk.on = true;
      await expect(store.importRecords(file)).rejects.toThrow(
        "Nothing was imported: this device's storage is full.",
      );
      expect(await store.listTrainees()).toEqual([]);
      expect(await store.listAttempts()).toEqual([]);
      expect(await (await openStore({ name })).listAttempts()).toEqual([]);
      expect(store.status()).toEqual({ persistent: true }); // the import failed, not the call in progress

      disk.on = false;
      expect((await store.importRecords(file)).added).toEqual({ trainees: 1, attempts: 1 });
      expect(await (await openStore({ name })).listTrainees()).toEqual([ana]);
    });

    it('imports nothing once the disk has failed, and says why instead of claiming success', async () => {
      const from = await openStore({ name: uniqueName() });
      const ana = await from.createTrainee({ name: 'Ana' });
      await playedAttempt(from, ana.id);
      const file = viaFile(await from.exportRecords());

      const name = uniqueName();
      const db = createDb(name);
      failingWrites(db).on = true;
      const store = await openDexieStore(db);
      await store.setSetting('x', 1);
      expect(store.status()).toEqual({ persistent: false, reason: STORAGE_FULL });
      await expect(store.importRecords(file)).rejects.toThrow(
        `Nothing was imported: this browser stopped saving. ${STORAGE_FULL}`,
      );
      expect(await store.listTrainees()).toEqual([]);
      expect(await (await openStore({ name })).listTrainees()).toEqual([]);
    });

    it('reads back what it wrote, and says so when a write that claimed success kept nothing', async () => {
      const from = await openStore({ name: uniqueName() });
      const ana = await from.createTrainee({ name: 'Ana' });
      await playedAttempt(from, ana.id);
      const file = viaFile(await from.exportRecords());

      const db = createDb(uniqueName());
      // A storage layer that answers "done" to every event write and keeps none of it.
      db.use({
        stack: 'dbcore',
        name: 'test-dropping-writes',
        create: (down: DBCore): DBCore => ({
          ...down,
          table(tableName) {
            const table = down.table(tableName);
            return {
              ...table,
              mutate: (req: DBCoreMutateRequest) =>
                tableName === EVENTS && req.type === 'put'
                  ? Promise.resolve({ numFailures: 0, failures: {}, lastResult: undefined, results: [] })
                  : table.mutate(req),
            };
          },
        }),
      });
      const store = await openDexieStore(db);
      await expect(store.importRecords(file)).rejects.toThrow(
        "The import was written but 1 of 2 records cannot be read back from this browser's storage.",
      );
    });
  });

  describe('persistent storage', () => {
    it('asks the browser once, and tells whether it was granted', async () => {
      const state = { persisted: false, grant: true };
      const storage = storageManager(state, { usage: 2048, quota: 1_000_000 });
      const store = await openStore({ name: uniqueName(), storage });
      expect(await store.persistence()).toEqual({ state: 'not-granted', usage: 2048, quota: 1_000_000 });
      expect(await store.requestPersistence()).toBe('granted');
      expect(await store.persistence()).toEqual({ state: 'granted', usage: 2048, quota: 1_000_000 });
      expect(await store.requestPersistence()).toBe('granted');
      expect(storage.asked).toBe(1); // already granted: not asked again
    });

    it('reports a refusal', async () => {
      const store = await openStore({
        name: uniqueName(),
        storage: storageManager({ persisted: false, grant: false }),
      });
      expect(await store.requestPersistence()).toBe('denied');
      expect(await store.persistence()).toEqual({ state: 'not-granted' });
    });

    it('counts a failing request as a refusal', async () => {
      const storage: StorageManagerLike = {
        persisted: async () => false,
        persist: () => Promise.reject(new Error('no')),
      };
      expect(await (await openStore({ name: uniqueName(), storage })).requestPersistence()).toBe('denied');
    });

    it('says when the browser has no StorageManager (old browser, or plain HTTP)', async () => {
      const store = await openStore({ name: uniqueName(), storage: undefined });
      expect(await store.requestPersistence()).toBe('unsupported');
      expect(await store.persistence()).toEqual({ state: 'unsupported' });
    });

    it('has nothing to keep when IndexedDB is missing', async () => {
      const storage = storageManager({ persisted: false, grant: true });
      const store = await openStore({ indexedDB: undefined, name: uniqueName(), storage });
      expect(await store.requestPersistence()).toBe('unsupported');
      expect(await store.persistence()).toEqual({ state: 'unsupported' });
      expect(storage.asked).toBe(0);
    });
  });
});
