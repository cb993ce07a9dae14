import type { CallerLogEntry } from '$core/engine/events';
import type { CallSession } from '$core/engine/session';
import type { BackgroundSound, CallerLine } from '$core/format/scenario';
import type { ClipEvent, ClipPlayer } from '../platform/audio/types';

/**
 * What is heard around the caller's words (src/core/format/scenario.ts: `caller.background`, a
 * line's `sound` and `background`): the bed loops under the caller from the answer until the line
 * goes dead or the call ends, and changes when a line that moves the caller starts; a line's sound
 * plays as its words start (or end). The caller's clips themselves are the controller's.
 *
 * When the caller hangs up, their last words are still heard, so the bed stops when the last of
 * them ends, as a line going dead does; when the trainee ends the call, at once.
 */
export class Soundscape {
  /** The bed for where the caller is now. */
  private bed: BackgroundSound | undefined;
  /** The bed the player loops, if any. */
  private looping: BackgroundSound | undefined;
  /** Every line the caller said so far, by clip: a clip event names only the clip. */
  private readonly lines = new Map<string, CallerLine>();
  private seen = 0;
  /** After a hang-up: the clip whose end leaves the line dead. */
  private lastWords: string | undefined;
  /** The caller line whose clip is playing. */
  private speaking: string | undefined;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly player: ClipPlayer,
    private readonly session: CallSession,
  ) {
    this.bed = session.scenario.caller.background;
    // A call picked up again after a reload: the caller is where their last line put them.
    for (const line of this.newLines()) if (line.background) this.bed = line.background;
    const subscription = session.actor.subscribe(() => this.onChange());
    this.stops.push(() => subscription.unsubscribe());
    this.stops.push(player.onEvent((event) => this.onClip(event)));
    this.follow([]);
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.silence();
  }

  private newLines(): CallerLine[] {
    const fresh = this.session.log.slice(this.seen);
    this.seen = this.session.log.length;
    const lines = fresh.filter((e): e is CallerLogEntry => e.kind === 'caller').map((e) => e.line);
    for (const line of lines) this.lines.set(line.audio, line);
    return lines;
  }

  private onChange(): void {
    this.follow(this.newLines());
  }

  /** Brings the bed in line with the call's phase; `fresh` are the lines this change added. */
  private follow(fresh: readonly CallerLine[]): void {
    switch (this.session.phase) {
      case 'ringing':
        return;
      case 'ended':
        this.silence();
        return;
      case 'disconnected':
        if (this.lastWords === undefined && this.looping) {
          // The caller may still have words to say (paced calls say them after the hang-up is decided).
          const last = this.session.speech.at(-1)?.line ?? fresh.at(-1);
          if (last) this.lastWords = last.audio;
          else if (this.session.callerTalking && this.speaking) this.lastWords = this.speaking;
          else this.silence();
        }
        return;
      default:
        this.lastWords = undefined;
        this.loopBed();
    }
  }

  /** The caller is on the line: answered, not hung up, not ended. */
  private connected(): boolean {
    const phase = this.session.phase;
    return phase === 'live' || phase === 'handoff' || phase === 'handedOff';
  }

  private onClip(event: ClipEvent): void {
    const line = this.lines.get(event.ref);
    if (line) this.speaking = event.type === 'play' ? event.ref : undefined;
    if (event.type === 'play' && line) {
      if (line.background) {
        this.bed = line.background;
        if (this.connected()) this.loopBed();
      }
      if (line.sound && line.sound.at !== 'end') this.player.playUnder(line.sound.audio, line.sound.levelDb);
    }
    if (event.type === 'end' && line?.sound?.at === 'end' && this.session.phase !== 'ended') {
      this.player.playUnder(line.sound.audio, line.sound.levelDb);
    }
    if (event.type !== 'play' && event.ref === this.lastWords) this.silence();
  }

  private loopBed(): void {
    const bed = this.bed;
    if (!bed || (this.looping?.audio === bed.audio && this.looping.levelDb === bed.levelDb)) return;
    this.looping = bed;
    this.player.loop(bed.audio, bed.levelDb);
  }

  private silence(): void {
    this.lastWords = undefined;
    if (!this.looping) return;
    this.looping = undefined;
    this.player.stopLoop();
  }
}
