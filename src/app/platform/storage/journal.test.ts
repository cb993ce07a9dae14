import { describe, expect, it } from 'vitest';
import { entries, newAttempt, saved } from '$tests/contracts/store-contract';
import { createDb } from './db';
import { openDexieStore } from './dexie-store';
import { Journal, type SyncStorage } from './journal';

/** localStorage's interface over a Map: what survives the page, in these tests. */
class MapStorage implements SyncStorage {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const uniqueName = () => `journal-${crypto.randomUUID()}`;

/** A store, the database name and the storage standing for localStorage: open again to "reload". */
async function page(name: string, storage: MapStorage) {
  return openDexieStore(createDb(name), { storage: undefined, journal: storage });
}

async function claimedAttempt(store: Awaited<ReturnType<typeof page>>) {
  const attempt = await store.createAttempt(newAttempt());
  const claim = await store.claimAttempt(attempt.id);
  if (!claim.ok) throw new Error(claim.why);
  return claim.attempt;
}

describe('Journal: actions kept through a reload before IndexedDB confirms them', () => {
  it('journals the entries in the caller’s own task, and clears them once IndexedDB has them', async () => {
    const storage = new MapStorage();
    const name = uniqueName();
    const store = await page(name, storage);
    const attempt = await claimedAttempt(store);

    const write = store.appendEvents(attempt.id, attempt.revision, entries(0, 1), saved(1000));
    // Nothing awaited yet: this is what a reload at this instant would leave.
    expect(new Journal(storage, name).read(attempt.id)?.page.entries.map((e) => e.seq)).toEqual([0, 1]);
    await expect(write).resolves.toBe('ok');
    expect(storage.items.size).toBe(0);
  });

  it('stores, on the next opening, what a page that went away had journaled', async () => {
    const storage = new MapStorage();
    const name = uniqueName();
    const before = await page(name, storage);
    const attempt = await claimedAttempt(before);
    await before.appendEvents(attempt.id, attempt.revision, entries(0, 2), saved(2000));
    // The key press of seq 3 and 4: journaled, and the page gone before the transaction committed.
    new Journal(storage, name).record(attempt.id, attempt.revision, entries(3, 4), saved(4000));

    const after = await page(name, storage);
    expect((await after.events(attempt.id)).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect((await after.getAttempt(attempt.id))?.saved).toEqual(saved(4000));
    expect(storage.items.size).toBe(0);
  });

  it('stores a page when the call is opened again, before the opening takes the next revision', async () => {
    const storage = new MapStorage();
    const name = uniqueName();
    const store = await page(name, storage);
    const attempt = await claimedAttempt(store);
    new Journal(storage, name).record(attempt.id, attempt.revision, entries(0, 0), saved(500));

    const again = await store.claimAttempt(attempt.id);
    if (!again.ok) throw new Error(again.why);
    expect(again.attempt.revision).toBe(attempt.revision + 1);
    expect(again.attempt.saved).toEqual(saved(500)); // toEqual: JSON has no undefined fields
    expect((await store.events(attempt.id)).map((e) => e.seq)).toEqual([0]);
    expect(storage.items.size).toBe(0);
  });

  it('does not store a page of an opening superseded since (those actions were refused), nor one of a finished call', async () => {
    const storage = new MapStorage();
    const name = uniqueName();
    const store = await page(name, storage);
    const attempt = await claimedAttempt(store);
    await store.claimAttempt(attempt.id); // another tab took it over
    new Journal(storage, name).record(attempt.id, attempt.revision, entries(0, 1), saved(1000));

    const after = await page(name, storage);
    expect(await after.events(attempt.id)).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it('keeps a later saved call over an earlier one from the journal', async () => {
    const storage = new MapStorage();
    const name = uniqueName();
    const store = await page(name, storage);
    const attempt = await claimedAttempt(store);
    new Journal(storage, name).record(attempt.id, attempt.revision, entries(0, 0), saved(1000));
    await store.appendEvents(attempt.id, attempt.revision, [], saved(3000)); // a checkpoint went through

    const after = await page(name, storage);
    expect((await after.events(attempt.id)).map((e) => e.seq)).toEqual([0]);
    expect((await after.getAttempt(attempt.id))?.saved).toEqual(saved(3000));
  });

  it('drops a damaged page and opens as usual', async () => {
    const storage = new MapStorage();
    const name = uniqueName();
    storage.setItem(`${name}:journal:some-attempt`, '{"revision": 1, "entries": [tru');
    const store = await page(name, storage);
    expect(await store.listAttempts()).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it('merges pages of one opening and replaces a page of another', () => {
    const storage = new MapStorage();
    const journal = new Journal(storage, 'db');
    journal.record('a', 1, entries(0, 1), saved(1000));
    journal.record('a', 1, entries(2, 2), saved(2000));
    expect(journal.read('a')?.page.revision).toBe(1);
    expect(journal.read('a')?.page.saved).toEqual(saved(2000));
    expect(journal.read('a')?.page.entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    journal.confirm('a', [0, 1]);
    expect(journal.read('a')?.page.entries.map((e) => e.seq)).toEqual([2]);
    journal.record('a', 2, entries(5, 5), saved(5000));
    expect(journal.read('a')?.page.entries.map((e) => e.seq)).toEqual([5]);
    const read = journal.read('a');
    journal.record('a', 2, entries(6, 6), saved(6000)); // another tab added to it meanwhile
    journal.removeIf('a', read!.text);
    expect(journal.read('a')?.page.entries.map((e) => e.seq)).toEqual([5, 6]);
  });
});
