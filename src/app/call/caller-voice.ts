import type { CallClock, CallSession } from '$core/engine/session';
import { speakingMs } from '$core/engine/turn-taking';
import type { ClipPlayer } from '../platform/audio/types';

/** A clip asked for that has not started after this long is shown as a caption instead. */
const START_WITHIN_MS = 6000;

/**
 * Gives the caller a voice: plays what the caller has still to say, one line at a time, and tells
 * the session when each line starts being heard and when it ends, so the caption and what counts as
 * revealed follow the voice. A line without a playable clip is shown as a caption and holds the floor
 * for the time it would take to say. System clips (the ring, the counselor) play between caller lines.
 */
export class CallerVoice {
  /** The caller line asked of the player and not started yet. */
  private starting: string | undefined;
  /** The caller line being heard. */
  private current: string | undefined;
  private system: string | undefined;
  private readonly systemQueue: string[] = [];
  private timer: unknown;
  private stopped = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly session: CallSession,
    private readonly player: ClipPlayer,
    private readonly clock: CallClock,
    /** The playback speed chosen, so a caption-only line keeps the same pace as the voice. */
    private readonly rate: () => number = () => 1,
  ) {
    this.stops.push(player.onEvent((event) => this.onPlayer(event.type, event.ref)));
    // Spoken over by the trainee: the caller stops at once.
    this.stops.push(
      session.onCut(() => {
        this.current = undefined;
        this.starting = undefined;
        this.clearTimer();
        player.stop();
      }),
    );
  }

  /** Something new may be due: start it if nothing is playing. */
  next(): void {
    if (this.stopped || this.starting || this.current) return;
    const line = this.session.speech[0]?.line;
    if (line && this.system) {
      // The caller comes first: the ring stops when the call is answered.
      this.system = undefined;
      this.player.stop();
    }
    if (this.system) return;
    if (line) {
      this.starting = line.audio;
      this.clearTimer();
      this.timer = this.clock.setTimeout(() => {
        // Still loading: stop waiting for it, so the caption does not wait on the network.
        this.player.stop();
        this.startAsCaption(line.audio);
      }, START_WITHIN_MS);
      void this.player.play(line.audio);
      return;
    }
    const clip = this.systemQueue.shift();
    if (clip) {
      this.system = clip;
      void this.player.play(clip);
    }
  }

  /** Play a clip that is not the caller's (the ring, the counselor, a replay) at the next gap. */
  playSystem(ref: string): void {
    if (this.systemQueue.includes(ref) || this.system === ref) return;
    this.systemQueue.push(ref);
    this.next();
  }

  /** Nothing of the caller's is playing or waiting to play. */
  get idle(): boolean {
    return !this.starting && !this.current && this.session.speech.length === 0;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.starting = this.current = this.system = undefined;
    this.systemQueue.length = 0;
    this.player.stop();
  }

  dispose(): void {
    this.stop();
    for (const stop of this.stops.splice(0)) stop();
  }

  private onPlayer(type: 'play' | 'end' | 'unavailable', ref: string): void {
    if (this.stopped) return;
    if (ref === this.starting && type === 'play') {
      this.clearTimer();
      this.starting = undefined;
      this.current = ref;
      this.session.lineStarted();
    } else if (ref === this.starting && type === 'unavailable') {
      this.startAsCaption(ref);
    } else if (ref === this.current && type !== 'play') {
      this.finishLine();
    } else if (ref === this.system && type !== 'play') {
      this.system = undefined;
      this.next();
    }
  }

  /** No clip to hear: the caption shows now and the line takes the time it would take to say. */
  private startAsCaption(ref: string): void {
    if (this.starting !== ref) return;
    const line = this.session.speech[0]?.line;
    this.starting = undefined;
    this.current = ref;
    this.session.lineStarted();
    this.clearTimer();
    const ms = speakingMs(line?.text ?? '') / Math.max(0.25, this.rate());
    this.timer = this.clock.setTimeout(() => {
      if (this.current === ref) this.finishLine();
    }, ms);
  }

  private finishLine(): void {
    this.clearTimer();
    this.current = undefined;
    this.session.lineEnded();
    this.next();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
