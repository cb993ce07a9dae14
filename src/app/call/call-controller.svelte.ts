import type { CallerLogEntry, LogEntry, TraineeAction } from '$core/engine/events';
import { CallSession, wallClock, type CallClock, type Phase } from '$core/engine/session';
import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { scoreAttempt, type ScoreReport } from '$core/scoring/score';
import type { ClipPlayer } from '../platform/audio/types';
import type { AttemptRecord, AttemptStore, AttemptWrite } from '../platform/storage/types';
import { CallerVoice } from './caller-voice';
import { Soundscape } from './soundscape';

export interface CallSetup {
  scenario: Scenario;
  profile: CenterProfile;
  questions: QuestionBank;
  /** As claimed (AttemptStore.claimAttempt): its revision is the one this call's writes carry. */
  attempt: AttemptRecord;
  store: AttemptStore;
  player: ClipPlayer;
  /** The playback speed the trainee chose; a caption-only line keeps the same pace. */
  playbackRate?: () => number;
  clock?: CallClock;
  /** Called once the call has ended and its report is stored. */
  onFinished?: (report: ScoreReport) => void;
}

/** Clips of the line itself rather than a caller (audio/system/). */
export const SYSTEM_CLIPS = { ring: 'system/ring', counselorAccepts: 'system/counselor-accepts' } as const;
const CHECKPOINT_EVERY_MS = 2000;
/** A ring every this many ms while the line rings: 2 s of tone, then silence. */
const RING_EVERY_MS = 4000;

/** Clips the caller may need next: this state's lines and reactions, then the defaults. */
function likelyClips(scenario: Scenario, callerState: string): string[] {
  const state = scenario.states[callerState];
  const refs = [
    ...(state?.lines ?? []),
    ...(state?.responses.flatMap((r) => r.say) ?? []),
    ...(state?.timeouts.flatMap((t) => t.say) ?? []),
    ...scenario.defaultResponses.flatMap((r) => r.say),
  ].map((l) => l.audio);
  return [...new Set(refs)].slice(0, 30);
}

/** Runs `fn` every `ms` on the call clock until the returned function is called. */
function every(clock: CallClock, ms: number, fn: () => void): () => void {
  let id: unknown;
  const arm = (): void => {
    id = clock.setTimeout(() => {
      arm();
      fn();
    }, ms);
  };
  arm();
  return () => clock.clearTimeout(id);
}

/**
 * One call on screen: owns the CallSession, writes every new log entry to storage as it happens,
 * plays the caller's new lines, and scores the call when it ends. Components read its fields and
 * call `act`; they hold no rules of their own.
 */
export class CallController {
  log = $state.raw<readonly LogEntry[]>([]);
  phase = $state<Phase>('ringing');
  elapsedMs = $state(0);
  playing = $state<string | undefined>(undefined);
  unavailableClips = $state.raw<ReadonlySet<string>>(new Set());
  report = $state.raw<ScoreReport | undefined>(undefined);
  /** What the trainee said while the caller was talking, to be said at the caller's next pause. */
  waiting = $state.raw<readonly TraineeAction[]>([]);
  /**
   * Set when this copy of the call may no longer write: the call was opened again elsewhere
   * (`stale`), finished or discarded elsewhere (`finished`), or deleted (`missing`). The call stops
   * here; what was stored stays as it was.
   */
  stopped = $state<Exclude<AttemptWrite, 'ok'> | undefined>(undefined);

  private readonly session: CallSession;
  private readonly clock: CallClock;
  private readonly voice: CallerVoice;
  private persisted: number;
  private readonly revision: number;
  private finished = false;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly setup: CallSetup) {
    this.clock = setup.clock ?? wallClock;
    this.session = new CallSession(setup.scenario, this.clock, setup.attempt.saved, { paced: true });
    this.persisted = this.session.log.length;
    this.revision = setup.attempt.revision ?? 0;
    this.voice = new CallerVoice(this.session, setup.player, this.clock, () => setup.playbackRate?.() ?? 1);
    const soundscape = new Soundscape(setup.player, this.session);
    this.stops.push(() => soundscape.dispose());
    this.sync();
    const subscription = this.session.actor.subscribe(() => this.onChange());
    this.stops.push(() => subscription.unsubscribe());
    this.stops.push(
      this.session.onWaitingChanged(() => {
        this.waiting = this.session.waiting;
        void this.checkpoint();
      }),
    );
    // Another tab opened, finished or discarded this call: this copy is out of date from now on.
    this.stops.push(
      setup.store.onRecordsChanged((change) => {
        if (change.kind !== 'attempt' || change.id !== setup.attempt.id || this.finished) return;
        if (change.status === 'finished') this.stop('finished');
        else if (change.revision !== this.revision) this.stop('stale');
      }),
    );
    this.stops.push(
      setup.player.onEvent((event) => {
        if (event.type === 'play') this.playing = event.ref;
        if (event.type === 'end' && this.playing === event.ref) this.playing = undefined;
        if (event.type === 'unavailable') {
          this.unavailableClips = new Set([...this.unavailableClips, event.ref]);
          if (this.playing === event.ref) this.playing = undefined;
        }
      }),
    );
    // Repeating work runs on the call clock too, so tests drive all of the call's time with one clock.
    this.stops.push(
      every(this.clock, 250, () => {
        this.elapsedMs = this.session.elapsed();
        // Due timers fire on the clock; this also catches a timer that came due while the tab slept.
        this.session.fireDueTimers();
      }),
    );
    // The call clock is saved every few seconds and when the page goes away, so a reload resumes
    // at the time it left, not at the last event (which would hand back time to route).
    this.stops.push(every(this.clock, CHECKPOINT_EVERY_MS, () => void this.checkpoint()));
    const onHide = () => void this.checkpoint();
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    this.stops.push(() => {
      removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    });
    // Ended but never marked finished (the tab closed in between): score it now.
    if (this.session.done && setup.attempt.status === 'in-progress') void this.finish();
    setup.player.preload([
      SYSTEM_CLIPS.ring,
      SYSTEM_CLIPS.counselorAccepts,
      ...likelyClips(setup.scenario, this.session.callerState),
    ]);
    if (this.phase === 'ringing') this.ring();
    // A reopened call: what the caller had still to say is said now.
    this.voice.next();
  }

  /** Ring until answered. Browsers may hold the sound until the first key press; the visual cue stays. */
  private ring(): void {
    this.voice.playSystem(SYSTEM_CLIPS.ring);
    const stopRinging = every(this.clock, RING_EVERY_MS, () => {
      if (this.phase === 'ringing') this.voice.playSystem(SYSTEM_CLIPS.ring);
      else stopRinging();
    });
    this.stops.push(stopRinging);
  }

  get scenario(): Scenario {
    return this.setup.scenario;
  }

  get profile(): CenterProfile {
    return this.setup.profile;
  }

  get attempt(): AttemptRecord {
    return this.setup.attempt;
  }

  /** The caller's lines heard so far (not what the trainee's words cut off). */
  get callerLines(): CallerLogEntry[] {
    return this.log.filter((e): e is CallerLogEntry => e.kind === 'caller' && !e.unsaid);
  }

  /** Can the trainee do this now? Used to disable buttons. */
  can(action: TraineeAction): boolean {
    return !this.stopped && this.session.can(action);
  }

  /** A trainee action; false when it is not possible at this moment of the call. */
  act(action: TraineeAction): boolean {
    if (this.stopped) return false;
    return this.session.send(action);
  }

  /** Hear the caller's last line again, once the caller has nothing more to say. */
  replayLastLine(): void {
    const last = this.callerLines.at(-1);
    if (last && this.voice.idle) this.voice.playSystem(last.line.audio);
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.voice.dispose();
    this.session.stop();
  }

  /** This copy may no longer write (see `stopped`): silence, no timers, no more actions. */
  private stop(why: Exclude<AttemptWrite, 'ok'>): void {
    if (this.stopped) return;
    this.stopped = why;
    this.finished = true;
    this.dispose();
  }

  private written(result: AttemptWrite): boolean {
    if (result === 'ok') return true;
    this.stop(result);
    return false;
  }

  private sync(): void {
    this.log = this.session.log;
    this.phase = this.session.phase;
    this.elapsedMs = this.session.elapsed();
    this.waiting = this.session.waiting;
  }

  private onChange(): void {
    const before = this.log.length;
    this.sync();
    const fresh = this.log.slice(before);
    if (this.phase === 'ended') this.voice.stop();
    else {
      // The caller's words first (a caller who hangs up still says their last words), then the counselor.
      this.voice.next();
      if (fresh.some((e) => e.kind === 'system' && e.event === 'handoff-accepted')) {
        this.voice.playSystem(SYSTEM_CLIPS.counselorAccepts);
      }
    }
    if (fresh.length > 0) {
      this.setup.player.preload(likelyClips(this.setup.scenario, this.session.callerState));
    }
    void this.persist();
    if (this.session.done) void this.finish();
  }

  private async checkpoint(): Promise<void> {
    if (this.finished || this.session.done) return;
    this.written(
      await this.setup.store.appendEvents(this.setup.attempt.id, this.revision, [], this.session.save()),
    );
  }

  private async persist(): Promise<void> {
    const entries = this.log.slice(this.persisted);
    if (entries.length === 0) return;
    this.persisted = this.log.length;
    const { store, attempt } = this.setup;
    this.written(await store.appendEvents(attempt.id, this.revision, entries, this.session.save()));
  }

  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const { scenario, profile, questions, attempt, store } = this.setup;
    const report = scoreAttempt({ scenario, profile, questions, log: this.log, callTime: attempt.callTime });
    this.report = report;
    if (!this.written(await store.finishAttempt(attempt.id, this.revision, report, this.session.save()))) {
      this.report = undefined; // not this copy's to give: the call was taken on or ended elsewhere
      return;
    }
    this.setup.onFinished?.(report);
  }
}
