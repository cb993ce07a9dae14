import { DB_NAME, createDb } from './db';
import { openDexieStore } from './dexie-store';
import { createMemoryStore } from './memory-store';
import type { AttemptStore } from './types';

export type { AttemptRecord, AttemptStatus, AttemptStore, Mode, NewAttempt, StorageStatus } from './types';

export const NO_INDEXEDDB = 'IndexedDB is not available in this browser (private mode?): progress is not being saved.';

export interface OpenStoreOptions {
  /** Defaults to the browser's. Passing the key with `undefined` means "no IndexedDB". */
  indexedDB?: IDBFactory;
  name?: string;
}

function browserIndexedDB(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB; // undefined in some browsers' private mode; the getter can throw in sandboxes
  } catch {
    return undefined;
  }
}

/** IndexedDB through Dexie when it opens; otherwise memory, with the reason in its status. */
export async function openStore(options: OpenStoreOptions = {}): Promise<AttemptStore> {
  const indexedDB = 'indexedDB' in options ? options.indexedDB : browserIndexedDB();
  if (!indexedDB) return createMemoryStore(NO_INDEXEDDB);
  const db = createDb(options.name ?? DB_NAME, { indexedDB });
  try {
    return await openDexieStore(db);
  } catch {
    db.close();
    return createMemoryStore(NO_INDEXEDDB);
  }
}
