import type { PersistenceInfo, PersistenceRequest } from './types';

/** The part of the browser's StorageManager used here (absent in old browsers and insecure contexts). */
export type StorageManagerLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

export function browserStorageManager(): StorageManagerLike | undefined {
  try {
    return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
  } catch {
    return undefined;
  }
}

/** Asks for persistent storage, unless it is already granted. A failing call counts as a refusal. */
export async function requestPersistence(
  manager: StorageManagerLike | undefined,
): Promise<PersistenceRequest> {
  if (typeof manager?.persist !== 'function') return 'unsupported';
  try {
    if (typeof manager.persisted === 'function' && (await manager.persisted())) return 'granted';
    return (await manager.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

export async function readPersistence(manager: StorageManagerLike | undefined): Promise<PersistenceInfo> {
  let state: PersistenceInfo['state'] = 'unsupported';
  if (typeof manager?.persisted === 'function') {
    try {
      state = (await manager.persisted()) ? 'granted' : 'not-granted';
    } catch {
      state = 'not-granted';
    }
  }
  let estimate: StorageEstimate = {};
  if (typeof manager?.estimate === 'function') {
    try {
      estimate = await manager.estimate();
    } catch {
      // usage and quota stay unknown
    }
  }
  return {
    state,
    ...(typeof estimate.usage === 'number' ? { usage: estimate.usage } : {}),
    ...(typeof estimate.quota === 'number' ? { quota: estimate.quota } : {}),
  };
}
