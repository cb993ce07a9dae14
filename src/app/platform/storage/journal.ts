import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';

/** The synchronous part of Web Storage the journal uses: localStorage in the browser. */
export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** What one attempt has in the journal: actions not yet confirmed stored, and the call as saved after them. */
export interface JournalPage {
  /** The revision of the opening of the call that took them (AttemptRecord.revision). */
  revision: number;
  /** In seq order. */
  entries: LogEntry[];
  saved: SavedCall;
}

/** A page as read, with its exact text: it is removed only if nobody changed it since (see removeIf). */
export interface ReadPage {
  page: JournalPage;
  text: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Enough of a page's shape to replay it; anything else (a damaged or foreign value) is not a page. */
function asPage(value: unknown): JournalPage | undefined {
  if (!isObject(value) || typeof value.revision !== 'number' || !Array.isArray(value.entries)) {
    return undefined;
  }
  const saved = value.saved;
  if (!isObject(saved) || typeof saved.scenarioId !== 'string' || typeof saved.at !== 'number') {
    return undefined;
  }
  if (!isObject(saved.snapshot)) return undefined;
  if (!value.entries.every((e) => isObject(e) && typeof e.seq === 'number')) return undefined;
  return value as unknown as JournalPage;
}

export function browserLocalStorage(): SyncStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined; // the getter throws where storage is blocked
  } catch {
    return undefined;
  }
}

/**
 * Actions taken on a call but not yet confirmed stored by IndexedDB, one page per attempt.
 *
 * IndexedDB commits a transaction some milliseconds after it is asked to: a reload, a closed tab or
 * a crashed page in between would lose the action just taken. localStorage is written
 * synchronously, in the key press's own task, so the action is kept through any of those; the
 * next opening of the store (or of the call) writes the page into IndexedDB and clears it. An entry
 * leaves the page as soon as IndexedDB confirms it, so pages stay small and short-lived.
 *
 * What it does not cover: the whole browser killed (or the power cut) within the browser's own
 * delay in writing localStorage to disk.
 */
export class Journal {
  private readonly prefix: string;

  constructor(
    private readonly storage: SyncStorage | undefined,
    dbName: string,
  ) {
    this.prefix = `${dbName}:journal:`;
  }

  /** Adds entries (and the call as saved after them) to the attempt's page. A page of another revision is replaced. */
  record(attemptId: string, revision: number, entries: readonly LogEntry[], saved: SavedCall): void {
    const before = this.read(attemptId)?.page;
    const kept = before && before.revision === revision ? before.entries : [];
    const bySeq = new Map(kept.map((e) => [e.seq, e]));
    for (const entry of entries) bySeq.set(entry.seq, entry);
    const page: JournalPage = { revision, entries: [...bySeq.values()].sort((a, b) => a.seq - b.seq), saved };
    this.write(attemptId, page);
  }

  /** IndexedDB has stored these entries: they leave the page (and the page goes when it is empty). */
  confirm(attemptId: string, seqs: readonly number[]): void {
    const read = this.read(attemptId);
    if (!read) return;
    const done = new Set(seqs);
    const entries = read.page.entries.filter((e) => !done.has(e.seq));
    if (entries.length === 0) this.drop(attemptId);
    else this.write(attemptId, { ...read.page, entries });
  }

  drop(attemptId: string): void {
    try {
      this.storage?.removeItem(this.prefix + attemptId);
    } catch {
      // Nothing to do: a page that stays is replayed idempotently, or refused as stale.
    }
  }

  /** Removes the page only if it is still exactly what was read (another tab may have added to it since). */
  removeIf(attemptId: string, text: string): void {
    if (this.storage?.getItem(this.prefix + attemptId) === text) this.drop(attemptId);
  }

  /** The attempt's page; a damaged one is removed (it cannot be replayed) and reads as none. */
  read(attemptId: string): ReadPage | undefined {
    let text: string | null;
    try {
      text = this.storage?.getItem(this.prefix + attemptId) ?? null;
    } catch {
      return undefined;
    }
    if (text === null) return undefined;
    let page: JournalPage | undefined;
    try {
      page = asPage(JSON.parse(text));
    } catch {
      page = undefined;
    }
    if (!page) {
      this.drop(attemptId);
      return undefined;
    }
    return { page, text };
  }

  /** The attempts that have a page. */
  attempts(): string[] {
    const ids: string[] = [];
    try {
      const storage = this.storage;
      if (!storage) return [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(this.prefix)) ids.push(key.slice(this.prefix.length));
      }
    } catch {
      return ids;
    }
    return ids;
  }

  private write(attemptId: string, page: JournalPage): void {
    try {
      this.storage?.setItem(this.prefix + attemptId, JSON.stringify(page));
    } catch {
      // localStorage full or blocked: the IndexedDB write still goes ahead; only the window before
      // it commits is unprotected, as it was without a journal.
    }
  }
}
