import type { ClipEvent, ClipPlayer } from './types';

export type FakePlayerCall =
  | { method: 'preload'; refs: string[] }
  | { method: 'play'; ref: string }
  | { method: 'stop' }
  | { method: 'loop'; ref: string; gainDb: number }
  | { method: 'stopLoop' }
  | { method: 'playUnder'; ref: string; gainDb: number }
  | { method: 'setVolume'; volume: number }
  | { method: 'setRate'; rate: number };

export interface FakePlayerOptions {
  /** Refs that have no clip. */
  unavailable?: readonly string[];
  /**
   * true (default): play() starts at once. false: the clip stays loading until `start()`, as a clip
   * that is still being fetched.
   */
  startImmediately?: boolean;
}

/**
 * In-memory ClipPlayer for unit tests. Records every call, plays nothing, emits events synchronously
 * with the same rules as the howler player: 'end' for a started clip that finishes, is stopped or is
 * replaced by another ref; 'unavailable' on every play() of a ref marked unavailable; a play() replaced
 * before it started resolves 'unavailable'. Beds and sounds under a clip report no events, as there.
 */
export class FakePlayer implements ClipPlayer {
  readonly calls: FakePlayerCall[] = [];
  readonly events: ClipEvent[] = [];
  volume = 1;
  rate = 1;
  private readonly missing = new Map<string, string>();
  private readonly listeners = new Set<(event: ClipEvent) => void>();
  private readonly startImmediately: boolean;
  private now:
    { ref: string; started: boolean; settle: (result: 'playing' | 'unavailable') => void } | undefined;

  constructor(options: FakePlayerOptions = {}) {
    this.startImmediately = options.startImmediately ?? true;
    for (const ref of options.unavailable ?? []) this.markUnavailable(ref);
  }

  /** Refs passed to play(), in order. */
  get played(): string[] {
    return this.calls.flatMap((c) => (c.method === 'play' ? [c.ref] : []));
  }

  /** Refs passed to preload(), in order. */
  get preloaded(): string[] {
    return this.calls.flatMap((c) => (c.method === 'preload' ? c.refs : []));
  }

  /** The bed looping under the call, if any, at its level. */
  looping: { ref: string; gainDb: number } | undefined;

  /** Sounds passed to playUnder(), in order, with their levels. */
  get playedUnder(): { ref: string; gainDb: number }[] {
    return this.calls.flatMap((c) => (c.method === 'playUnder' ? [{ ref: c.ref, gainDb: c.gainDb }] : []));
  }

  /** The clip being heard, if any. */
  get playing(): string | undefined {
    return this.now?.started ? this.now.ref : undefined;
  }

  /** The clip asked for last and not yet started (only with `startImmediately: false`). */
  get loading(): string | undefined {
    return this.now && !this.now.started ? this.now.ref : undefined;
  }

  /** From now on, play(ref) reports the clip unavailable. */
  markUnavailable(ref: string, reason = 'no audio file'): void {
    this.missing.set(ref, reason);
  }

  /** The loading clip starts: resolves its play() with 'playing' and emits 'play'. */
  start(): void {
    const now = this.now;
    if (!now || now.started) throw new Error('FakePlayer.start(): no clip is loading');
    now.started = true;
    now.settle('playing');
    this.emit({ type: 'play', ref: now.ref });
  }

  /** The playing clip reaches its end: emits 'end'. */
  finish(): void {
    const now = this.now;
    if (!now?.started) throw new Error('FakePlayer.finish(): no clip is playing');
    this.now = undefined;
    this.emit({ type: 'end', ref: now.ref });
  }

  preload(refs: readonly string[]): void {
    this.calls.push({ method: 'preload', refs: [...refs] });
  }

  play(ref: string): Promise<'playing' | 'unavailable'> {
    this.calls.push({ method: 'play', ref });
    const ended = this.halt(ref);
    const reason = this.missing.get(ref);
    if (reason !== undefined) {
      if (ended) this.emit({ type: 'end', ref: ended });
      this.emit({ type: 'unavailable', ref, reason });
      return Promise.resolve('unavailable');
    }
    const result = new Promise<'playing' | 'unavailable'>((resolve) => {
      this.now = { ref, started: false, settle: resolve };
    });
    if (ended) this.emit({ type: 'end', ref: ended });
    if (this.startImmediately && this.now?.ref === ref && !this.now.started) this.start();
    return result;
  }

  stop(): void {
    this.calls.push({ method: 'stop' });
    const ended = this.halt(undefined);
    if (ended) this.emit({ type: 'end', ref: ended });
  }

  loop(ref: string, gainDb: number): void {
    this.calls.push({ method: 'loop', ref, gainDb });
    this.looping = { ref, gainDb };
  }

  stopLoop(): void {
    this.calls.push({ method: 'stopLoop' });
    this.looping = undefined;
  }

  playUnder(ref: string, gainDb: number): void {
    this.calls.push({ method: 'playUnder', ref, gainDb });
  }

  setVolume(volume: number): void {
    this.calls.push({ method: 'setVolume', volume });
    this.volume = volume;
  }

  setRate(rate: number): void {
    this.calls.push({ method: 'setRate', rate });
    this.rate = rate;
  }

  onEvent(listener: (event: ClipEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many listeners are subscribed (to check that a controller unsubscribes). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  private halt(next: string | undefined): string | undefined {
    const now = this.now;
    if (!now) return undefined;
    this.now = undefined;
    if (!now.started) now.settle('unavailable');
    return now.started && now.ref !== next ? now.ref : undefined;
  }

  private emit(event: ClipEvent): void {
    this.events.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }
}
