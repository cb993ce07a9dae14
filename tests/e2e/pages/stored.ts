import type { Page } from '@playwright/test';

// What the app's IndexedDB holds, read (or damaged) directly, as a tester with the browser's
// developer tools would: these tests check what is stored, not only what the page shows.

const DB_NAME = 'dispatch-trainer';

export interface StoredEntry {
  seq: number;
  kind: string;
  action?: { type: string; text?: string; question?: string };
}

/** The attempt's log as stored, in seq order. */
export function storedLog(page: Page, attemptId: string): Promise<StoredEntry[]> {
  return page.evaluate(
    async ({ name, id }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const rows = await new Promise<{ entry: StoredEntry }[]>((resolve, reject) => {
          const req = db
            .transaction('events', 'readonly')
            .objectStore('events')
            .getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
          req.onsuccess = () => resolve(req.result as { entry: StoredEntry }[]);
          req.onerror = () => reject(req.error);
        });
        return rows.map((r) => r.entry);
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, id: attemptId },
  );
}

/** The attempt's summary row as stored (status, revision, result, import mark). */
export function storedAttempt(page: Page, attemptId: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(
    async ({ name, id }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        return await new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
          const req = db.transaction('attempts', 'readonly').objectStore('attempts').get(id);
          req.onsuccess = () => resolve(req.result as Record<string, unknown> | undefined);
          req.onerror = () => reject(req.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, id: attemptId },
  );
}

/** Deletes one row of the settings table ("deleting the trainer-pin row" with developer tools). */
export function deleteSetting(page: Page, key: string): Promise<void> {
  return page.evaluate(
    async ({ name, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('settings', 'readwrite');
        tx.objectStore('settings').delete(key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: DB_NAME, key },
  );
}

/** The id of the call open on the page (its #/call/<id> or #/debrief/<id> URL). */
export function attemptIdIn(page: Page): string {
  const match = /#\/(?:call|debrief)\/([^/?#]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`no call in ${page.url()}`);
  return decodeURIComponent(match[1]);
}
