import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scenario } from '../format/scenario';
import { compileScenario, HANDOFF_ACCEPT_MS, type CallMachine, type PendingLine } from './compile';
import { NOTE_MAX, toEvent, type LogEntry, type TraineeAction } from './events';
import { interruptionOf, isSpeech } from './turn-taking';

const tooLong = (action: TraineeAction): boolean => action.type === 'note' && action.text.length > NOTE_MAX;

/** Time for the call. The app passes the wall clock; tests pass xstate's SimulatedClock. */
export interface CallClock {
  now(): number;
  setTimeout(fn: (...args: unknown[]) => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export const wallClock: CallClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** A call in progress as it is saved: enough to resume exactly where it was. */
export interface SavedCall {
  scenarioId: string;
  /** Call-clock time when saved; the clock resumes from here (time away is not counted). */
  at: number;
  snapshot: Snapshot<unknown>;
  /** Paced calls: questions the trainee asked while the caller talked, still to be put (oldest first). */
  waiting?: TraineeAction[];
}

export interface SessionOptions {
  /**
   * The caller's lines are logged as they start being heard (the app reports it: `lineStarted`,
   * `lineEnded`), and the trainee's questions meet a caller who may still be talking: see
   * `interruptionOf`. Without it every line counts as said the moment the caller decides to say it.
   */
  paced?: boolean;
}

export type Phase = 'ringing' | 'live' | 'handoff' | 'handedOff' | 'disconnected' | 'ended';

/**
 * One trainee taking one call. Stamps every action with the call clock, so the machine itself never
 * reads time, and exposes the log that scoring and the debrief read.
 */
export class CallSession {
  readonly machine: CallMachine;
  readonly actor: Actor<CallMachine>;
  private readonly origin: number;
  private timers: unknown[] = [];
  private timersFor = '';
  /** Timers of the current state visit already sent. */
  private readonly fired = new Set<string>();
  /** A line has started being heard and has not finished. */
  private talking = false;
  private queued: TraineeAction[];
  private readonly cutListeners = new Set<() => void>();
  private readonly waitListeners = new Set<() => void>();

  constructor(
    readonly scenario: Scenario,
    private readonly clock: CallClock = wallClock,
    saved?: SavedCall,
    options: SessionOptions = {},
  ) {
    if (saved && saved.scenarioId !== scenario.id) {
      throw new Error(`saved call is for scenario "${saved.scenarioId}", not "${scenario.id}"`);
    }
    this.machine = compileScenario(scenario);
    this.origin = clock.now() - (saved?.at ?? 0);
    this.queued = [...(saved?.waiting ?? [])];
    this.actor = createActor(this.machine, {
      input: { scenarioId: scenario.id, paced: options.paced ?? false },
      ...(saved ? { snapshot: saved.snapshot as never } : {}),
    });
    this.actor.subscribe(() => this.scheduleTimers());
    this.actor.start();
    this.scheduleTimers();
  }

  /** The timers of the state the call is in now: which, and when each is due on the call clock. */
  private timersOfState(): { key: string; timers: { timer: number | 'handoff'; at: number }[] } {
    const { callerState, enteredAt } = this.actor.getSnapshot().context;
    const phase = this.phase;
    const timers: { timer: number | 'handoff'; at: number }[] =
      phase === 'live'
        ? (this.scenario.states[callerState]?.timeouts ?? []).map((t, i) => ({
            timer: i,
            at: enteredAt + Math.round(t.afterSeconds * 1000),
          }))
        : phase === 'handoff'
          ? [{ timer: 'handoff', at: enteredAt + HANDOFF_ACCEPT_MS }]
          : [];
    return { key: `${phase}:${callerState}:${enteredAt}`, timers: timers.sort((a, b) => a.at - b.at) };
  }

  /**
   * Timers belong to the state the caller is in and count from when it was entered, so they are
   * derived from the snapshot: a restored call gets back exactly the time it had left.
   */
  private scheduleTimers(): void {
    const { key, timers } = this.timersOfState();
    if (key === this.timersFor) return;
    this.clearTimers();
    this.timersFor = key;
    this.fired.clear();
    for (const { at } of timers) {
      this.timers.push(this.clock.setTimeout(() => this.fireDueTimers(), Math.max(0, at - this.elapsed())));
    }
  }

  /**
   * Send every timer that is due, earliest first, each stamped with the time it was due. A chain
   * (one timed event leading to a state whose own timer is already due) fires in one go, so time
   * that passed in a single step (a reload, a long silence) is never skipped.
   *
   * The clock's own timeouts call this; a caller whose clock may run late (a throttled background
   * tab) calls it too, so the call catches up without waiting for the next action.
   */
  fireDueTimers(): void {
    for (;;) {
      const { key, timers } = this.timersOfState();
      const due = timers.find((t) => t.at <= this.elapsed() && !this.fired.has(`${key}:${t.timer}`));
      if (!due) return;
      this.fired.add(`${key}:${due.timer}`);
      this.actor.send({ type: 'timer.expired', timer: due.timer, at: due.at });
    }
  }

  private clearTimers(): void {
    for (const id of this.timers) this.clock.clearTimeout(id);
    this.timers = [];
  }

  /** Milliseconds on the call clock since the line first rang. */
  elapsed(): number {
    return this.clock.now() - this.origin;
  }

  /**
   * Send a trainee action. Returns false (and changes nothing) if the action is not possible now.
   * Timers already due fire first: the action meets the caller where the time that passed left them.
   */
  send(action: TraineeAction): boolean {
    if (tooLong(action)) return false;
    this.fireDueTimers();
    const event = toEvent(action, this.elapsed());
    if (!this.actor.getSnapshot().can(event)) return false;
    if (this.callerTalking && isSpeech(action)) {
      if (interruptionOf(this.scenario, this.callerState) === 'keeps-talking') {
        this.queued = [...this.queued, action];
        this.notify();
        return true;
      }
      this.cut(event.at);
    }
    this.actor.send(event);
    return true;
  }

  /** The caller stops mid-line: the rest of what they had to say is logged unsaid. */
  private cut(at: number): void {
    this.talking = false;
    this.actor.send({ type: 'caller.cut', at });
    for (const listener of this.cutListeners) listener();
  }

  /** Called when the trainee speaks over a caller who stops: whatever is playing must stop. */
  onCut(listener: () => void): () => void {
    this.cutListeners.add(listener);
    return () => this.cutListeners.delete(listener);
  }

  /** Paced calls: lines the caller has still to say, the next first. */
  get speech(): readonly PendingLine[] {
    return this.actor.getSnapshot().context.speech ?? [];
  }

  /** Paced calls: questions put while the caller talked, asked at the caller's next pause. */
  get waiting(): readonly TraineeAction[] {
    return this.queued;
  }

  /** The caller is saying something, or has something still to say. */
  get callerTalking(): boolean {
    return this.talking || this.speech.length > 0;
  }

  /** The next line starts being heard (its clip started, or its caption is shown): it is logged now. */
  lineStarted(): boolean {
    if (this.speech.length === 0) return false;
    this.talking = true;
    this.actor.send({ type: 'caller.spoken', at: this.elapsed() });
    return true;
  }

  /** The line being heard has finished: at a pause, the oldest waiting question is put. */
  lineEnded(): void {
    this.talking = false;
    while (!this.callerTalking && this.queued.length > 0) {
      const [next, ...rest] = this.queued;
      this.queued = rest;
      const event = toEvent(next!, this.elapsed());
      // A question the call has moved past (a transfer began, the caller hung up) is not put.
      if (this.actor.getSnapshot().can(event)) this.actor.send(event);
      else this.notify();
    }
  }

  /** Subscribers hear of a change that is not in the machine (the waiting questions). */
  private notify(): void {
    this.waitListeners.forEach((listener) => listener());
  }

  /** Called when the waiting questions change. */
  onWaitingChanged(listener: () => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  /**
   * Would the call accept this action as it stands? A query: it changes nothing, so a timer that is
   * due but has not fired yet is not counted (send fires it first, and may then refuse).
   */
  can(action: TraineeAction): boolean {
    if (tooLong(action)) return false;
    return this.actor.getSnapshot().can(toEvent(action, this.elapsed()));
  }

  get log(): readonly LogEntry[] {
    return this.actor.getSnapshot().context.log;
  }

  get phase(): Phase {
    const value = this.actor.getSnapshot().value;
    return (typeof value === 'string' ? value : Object.keys(value)[0]) as Phase;
  }

  get callerState(): string {
    return this.actor.getSnapshot().context.callerState;
  }

  get done(): boolean {
    return this.actor.getSnapshot().status === 'done';
  }

  save(): SavedCall {
    return {
      scenarioId: this.scenario.id,
      at: this.elapsed(),
      snapshot: this.actor.getPersistedSnapshot(),
      ...(this.queued.length > 0 ? { waiting: [...this.queued] } : {}),
    };
  }

  stop(): void {
    this.clearTimers();
    this.actor.stop();
  }
}
