import type { ClipPlayer } from '../platform/audio/types';

/**
 * Caller lines arrive in bursts (a response of two lines); they play one after another. A new
 * burst interrupts what is still playing, as a caller talks over the call-taker's silence.
 */
export class LineQueue {
  private pending: string[] = [];
  private current: string | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly player: ClipPlayer) {
    this.unsubscribe = player.onEvent((event) => {
      if ((event.type === 'end' || event.type === 'unavailable') && event.ref === this.current) this.next();
    });
  }

  /** Play these clips in order, replacing anything still queued. */
  say(refs: readonly string[]): void {
    this.pending = [...refs];
    this.next();
  }

  stop(): void {
    this.pending = [];
    this.current = undefined;
    this.player.stop();
  }

  dispose(): void {
    this.stop();
    this.unsubscribe();
  }

  private next(): void {
    const ref = this.pending.shift();
    this.current = ref;
    if (ref === undefined) return;
    void this.player.play(ref);
  }
}
