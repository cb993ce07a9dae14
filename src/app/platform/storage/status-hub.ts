import type { StorageStatus } from './types';

export type Listener = (status: StorageStatus) => void;

/** The current status, and who is told when it changes. */
export class StatusHub {
  private readonly listeners = new Set<Listener>();

  constructor(private current: StorageStatus) {}

  get(): StorageStatus {
    return this.current;
  }

  set(next: StorageStatus): void {
    const reason = (s: StorageStatus) => (s.persistent ? undefined : s.reason);
    if (next.persistent === this.current.persistent && reason(next) === reason(this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        console.error(error); // a listener's bug must not stop the store
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
