import type { Page } from '@playwright/test';

// What the app's IndexedDB holds, read (or damaged) directly, as a tester with the browser's
// developer tools would: these tests check what is stored, not only what the page shows.

const DB_NAME = 'dispatch-trainer';

export interface StoredEntry {
  seq: number;
  kind: string;
  action?: { type: string; text?: string; question?: string };
}

/** One request on one table of the app's database, in the page. */
type Request =
  | { op: 'get'; table: string; key: string }
  | { op: 'delete'; table: string; key: string }
  | { op: 'events'; attemptId: string };

function run(page: Page, request: Request): Promise<unknown> {
  return page.evaluate(
    async ({ name, request }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const table = request.op === 'events' ? 'events' : request.table;
        const tx = db.transaction(table, request.op === 'delete' ? 'readwrite' : 'readonly');
        const store = tx.objectStore(table);
        const req =
          request.op === 'events'
            ? store.getAll(IDBKeyRange.bound([request.attemptId, -Infinity], [request.attemptId, Infinity]))
            : request.op === 'get'
              ? store.get(request.key)
              : store.delete(request.key);
        const result = await new Promise<unknown>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        return result;
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, request },
  );
}

/** The attempt's log as stored, in seq order. */
export async function storedLog(page: Page, attemptId: string): Promise<StoredEntry[]> {
  const rows = (await run(page, { op: 'events', attemptId })) as { entry: StoredEntry }[];
  return rows.map((r) => r.entry);
}

/** The attempt's summary row as stored (status, revision, result, import mark). */
export async function storedAttempt(
  page: Page,
  attemptId: string,
): Promise<Record<string, unknown> | undefined> {
  return (await run(page, { op: 'get', table: 'attempts', key: attemptId })) as
    Record<string, unknown> | undefined;
}

/** Deletes one row of the settings table ("deleting the trainer-pin row" with developer tools). */
export async function deleteSetting(page: Page, key: string): Promise<void> {
  await run(page, { op: 'delete', table: 'settings', key });
}

/** The id of the call open on the page (its #/call/<id> or #/debrief/<id> URL). */
export function attemptIdIn(page: Page): string {
  const match = /#\/(?:call|debrief)\/([^/?#]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`no call in ${page.url()}`);
  return decodeURIComponent(match[1]);
}
