import type { RecordsChange } from './types';

/**
 * Tells the other tabs of this browser what changed in the records (BroadcastChannel: same origin,
 * other tabs only). Where the browser has no BroadcastChannel, nothing is told; the revision check
 * of every write still refuses a stale tab.
 */
export class TabChannel {
  private readonly channel: BroadcastChannel | undefined;
  private readonly listeners = new Set<(change: RecordsChange) => void>();

  constructor(name: string) {
    try {
      this.channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(name);
    } catch {
      this.channel = undefined;
    }
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const change = asChange(event.data);
      if (!change) return;
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch (error) {
          console.error(error); // a listener's bug must not stop the others
        }
      }
    });
  }

  post(change: RecordsChange): void {
    try {
      this.channel?.postMessage(change);
    } catch {
      // A closed channel: this tab is going away.
    }
  }

  subscribe(listener: (change: RecordsChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

function asChange(data: unknown): RecordsChange | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.kind === 'records') return { kind: 'records' };
  if (d.kind !== 'attempt' || typeof d.id !== 'string') return undefined;
  if (d.status === 'finished') return { kind: 'attempt', id: d.id, status: 'finished' };
  if (d.status === 'in-progress' && typeof d.revision === 'number') {
    return { kind: 'attempt', id: d.id, status: 'in-progress', revision: d.revision };
  }
  return undefined;
}
