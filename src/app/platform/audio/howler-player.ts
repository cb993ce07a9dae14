// The core build: the spatial-audio plugin in the default entry is never used here.
import { Howl, Howler } from 'howler/dist/howler.core.min.js';
import { bedLoop } from './bed-loop';
import type { ClipEvent, ClipPlayer } from './types';

/** Decoded clips kept in memory; the least recently used beyond this are unloaded. */
const CACHE_SIZE = 40;

/** Gain for a level in dB, as howler's volume (0..1): sounds are never played louder than their file. */
const gainOf = (db: number): number => Math.min(1, 10 ** (db / 20));

/** The bed asked for: its file is probed for its length, then looped (`howl`, `id`) once decoded. */
interface Bed {
  ref: string;
  gain: number;
  howl?: Howl;
  id?: number;
}

/** The clip asked for last: loading, or playing once `started`. */
interface Current {
  ref: string;
  howl: Howl;
  id: number;
  started: boolean;
  settle: (result: 'playing' | 'unavailable') => void;
}

/**
 * ClipPlayer over howler, in Web Audio mode (decoded buffers start without a gap).
 *
 * Events: 'play' when a clip is heard; 'end' when a clip that was heard finishes, is stopped, or is
 * replaced by another clip (not when the same clip is asked for again: a new 'play' follows);
 * 'unavailable' once when a clip is found missing or undecodable (also during preload), and again on
 * every play() of it. Events are emitted after the player's own state is updated, so a listener may
 * call play() or stop().
 *
 * A play() replaced or stopped before its clip started resolves 'unavailable' (it will not be heard)
 * without marking the clip unavailable.
 */
class HowlerPlayer implements ClipPlayer {
  private readonly howls = new Map<string, Howl>();
  private readonly unavailable = new Map<string, string>();
  private readonly listeners = new Set<(event: ClipEvent) => void>();
  private current: Current | undefined;
  /** Sounds played under clips, kept decoded: a call uses a handful. Never rate-changed. */
  private readonly sounds = new Map<string, Howl>();
  private readonly under = new Set<{ howl: Howl; id: number }>();
  /** Looping beds by ref, each with its loop set from its own length. */
  private readonly beds = new Map<string, Howl>();
  private bed: Bed | undefined;
  private rate = 1;
  private volume: number | undefined;

  constructor(private readonly urls: (ref: string) => string[]) {}

  preload(refs: readonly string[]): void {
    for (const ref of refs) {
      if (this.unavailable.has(ref) || this.howls.has(ref)) continue;
      if (this.urls(ref).length === 0) {
        this.markUnavailable(ref, 'no audio file');
        continue;
      }
      this.howlFor(ref);
    }
  }

  play(ref: string): Promise<'playing' | 'unavailable'> {
    const ended = this.halt(ref);
    const known = this.unavailable.get(ref);
    const reason = known ?? (this.urls(ref).length === 0 ? 'no audio file' : undefined);
    if (reason !== undefined) {
      this.unavailable.set(ref, reason);
      if (ended) this.emit({ type: 'end', ref: ended });
      this.emit({ type: 'unavailable', ref, reason });
      return Promise.resolve('unavailable');
    }
    const howl = this.howlFor(ref);
    this.resumeContext();
    const id = howl.play();
    const result = new Promise<'playing' | 'unavailable'>((resolve) => {
      this.current = { ref, howl, id, started: false, settle: resolve };
    });
    if (ended) this.emit({ type: 'end', ref: ended });
    return result;
  }

  stop(): void {
    for (const { howl, id } of this.under) howl.stop(id);
    this.under.clear();
    const ended = this.halt(undefined);
    if (ended) this.emit({ type: 'end', ref: ended });
  }

  loop(ref: string, gainDb: number): void {
    const gain = gainOf(gainDb);
    if (this.bed?.ref === ref) {
      this.bed.gain = gain;
      if (this.bed.howl && this.bed.id !== undefined) this.bed.howl.volume(gain, this.bed.id);
      return;
    }
    this.stopLoop();
    const bed: Bed = { ref, gain };
    this.bed = bed;
    const urls = this.urls(ref);
    if (urls.length === 0) return;
    this.resumeContext();
    const start = (howl: Howl) => {
      if (this.bed !== bed) return; // replaced or stopped while loading
      bed.howl = howl;
      bed.id = howl.play('bed');
      howl.volume(bed.gain, bed.id);
    };
    const known = this.beds.get(ref);
    if (known) {
      start(known);
      return;
    }
    // The loop is set from the decoded length, which only a loaded file tells: a first Howl reads it,
    // the looping one then reuses howler's decoded buffer for the same URL.
    const probe: Howl = new Howl({
      src: urls,
      html5: false,
      preload: true,
      onload: () => {
        const { start: from, length } = bedLoop(probe.duration());
        const howl = new Howl({
          src: urls,
          html5: false,
          sprite: { bed: [from * 1000, length * 1000, true] },
        });
        this.beds.set(ref, howl);
        this.volumeOnce();
        start(howl);
        probe.unload();
      },
      onloaderror: () => setTimeout(() => probe.unload(), 0),
    });
    this.volumeOnce();
  }

  stopLoop(): void {
    const bed = this.bed;
    this.bed = undefined;
    if (bed?.howl && bed.id !== undefined) bed.howl.stop(bed.id);
  }

  playUnder(ref: string, gainDb: number): void {
    const urls = this.urls(ref);
    if (urls.length === 0) return;
    let howl = this.sounds.get(ref);
    if (!howl) {
      const created: Howl = new Howl({
        src: urls,
        html5: false,
        preload: true,
        onend: (id) => this.forgetUnder(created, id),
        onstop: (id) => this.forgetUnder(created, id),
      });
      howl = created;
      this.sounds.set(ref, howl);
      this.volumeOnce();
    }
    this.resumeContext();
    const id = howl.play();
    howl.volume(gainOf(gainDb), id);
    this.under.add({ howl, id });
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
    // Howler.volume() creates the AudioContext; before any clip exists, wait (no context before a gesture).
    if (Howler.ctx) Howler.volume(this.volume);
  }

  /** The volume chosen before the first Howl existed, applied now that there is a context for it. */
  private volumeOnce(): void {
    if (this.volume !== undefined) Howler.volume(this.volume);
  }

  private forgetUnder(howl: Howl, id: number): void {
    for (const playing of this.under) {
      if (playing.howl === howl && playing.id === id) this.under.delete(playing);
    }
  }

  setRate(rate: number): void {
    this.rate = rate;
    for (const howl of this.howls.values()) howl.rate(rate);
  }

  onEvent(listener: (event: ClipEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stops the current clip (unless it is `next`, which is restarted). Settles a play() that never
   * started. Returns the ref whose 'end' the caller should emit, if any.
   */
  private halt(next: string | undefined): string | undefined {
    const current = this.current;
    if (!current) return undefined;
    this.current = undefined;
    current.howl.stop(current.id);
    if (!current.started) current.settle('unavailable');
    return current.started && current.ref !== next ? current.ref : undefined;
  }

  private howlFor(ref: string): Howl {
    const cached = this.howls.get(ref);
    if (cached) {
      this.howls.delete(ref);
      this.howls.set(ref, cached);
      return cached;
    }
    const howl: Howl = new Howl({
      src: this.urls(ref),
      html5: false,
      preload: true,
      rate: this.rate,
      onplay: (id) => this.started(howl, id),
      onend: (id) => this.ended(howl, id),
      onloaderror: (_id, error) => this.failed(ref, howl, describe(error, 'could not load')),
      onplayerror: (_id, error) => this.failed(ref, howl, describe(error, 'could not play')),
    });
    this.volumeOnce();
    this.howls.set(ref, howl);
    this.evict();
    return howl;
  }

  private evict(): void {
    for (const [ref, howl] of this.howls) {
      if (this.howls.size <= CACHE_SIZE) return;
      if (howl === this.current?.howl) continue;
      this.howls.delete(ref);
      howl.unload();
    }
  }

  private resumeContext(): void {
    // Within a key press this counts as the user gesture that lets audio start; howler's own unlock
    // listener may not have been installed yet when this is the first clip ever.
    const ctx = Howler.ctx as AudioContext | undefined;
    if (ctx && ctx.state !== 'running' && ctx.state !== 'closed') void ctx.resume().catch(() => undefined);
  }

  private started(howl: Howl, id: number): void {
    const current = this.current;
    if (!current || current.howl !== howl || current.id !== id || current.started) return;
    current.started = true;
    current.settle('playing');
    this.emit({ type: 'play', ref: current.ref });
  }

  private ended(howl: Howl, id: number): void {
    const current = this.current;
    if (!current || current.howl !== howl || current.id !== id) return;
    this.current = undefined;
    if (!current.started) {
      // An empty clip ends without howler reporting 'play'; it still counts as heard.
      current.settle('playing');
      this.emit({ type: 'play', ref: current.ref });
    }
    this.emit({ type: 'end', ref: current.ref });
  }

  private failed(ref: string, howl: Howl, reason: string): void {
    if (this.howls.get(ref) === howl) this.howls.delete(ref);
    // Unloading inside howler's own event dispatch is not safe; do it afterwards.
    setTimeout(() => howl.unload(), 0);
    const current = this.current;
    const wasCurrent = current !== undefined && current.howl === howl;
    if (wasCurrent) {
      this.current = undefined;
      current.settle('unavailable');
    }
    const known = this.unavailable.has(ref);
    this.unavailable.set(ref, reason);
    if (wasCurrent || !known) this.emit({ type: 'unavailable', ref, reason });
  }

  private markUnavailable(ref: string, reason: string): void {
    this.unavailable.set(ref, reason);
    this.emit({ type: 'unavailable', ref, reason });
  }

  private emit(event: ClipEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One faulty listener must not keep the others from hearing about the clip.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

function describe(error: unknown, fallback: string): string {
  if (typeof error === 'string' && error !== '') return error;
  if (typeof error === 'number') return `${fallback} (code ${error})`;
  return fallback;
}

/** `urls` says where a clip is served (the app's ClipUrls); no URL means the clip is unavailable. */
export function createHowlerPlayer(urls: (ref: string) => string[]): ClipPlayer {
  return new HowlerPlayer(urls);
}
