import type { AttemptStore } from '../platform/storage/types';
import { changeTrainerPin, readTrainerPin, setUpTrainerPin, unlockTrainer, type Check } from './pins';

/** Thrown by a trainer-only operation outside trainer mode; the message is for the person at the screen. */
export class TrainerModeRequired extends Error {
  constructor(what: string) {
    super(`${what} needs trainer mode: a trainer turns it on on the Trainees page.`);
    this.name = 'TrainerModeRequired';
  }
}

/**
 * Whether trainer mode is on: the one place that decides it. On only once the trainer PIN was given
 * (set up at the first start, before any trainer feature exists), off on leave() (also after 15
 * minutes idle: App). Not kept across reloads, so a trainer who walks away leaves nothing on.
 * Readable by anyone, switched only here.
 */
export class TrainerSession {
  #on = $state(false);
  /** This browser's trainer PIN: set, not set yet (first start), or damaged (fails closed); undefined until read. */
  #pinState = $state<'set' | 'not-set' | 'damaged' | undefined>(undefined);

  constructor(
    private readonly store: () => AttemptStore | undefined,
    private readonly pinOptions: { iterations?: number } = {},
  ) {}

  get on(): boolean {
    return this.#on;
  }

  get pinState(): 'set' | 'not-set' | 'damaged' | undefined {
    return this.#pinState;
  }

  async readPin(): Promise<void> {
    const store = this.store();
    if (store) this.#pinState = (await readTrainerPin(store)).state;
  }

  /** The first start: choose the trainer PIN (typed twice). Trainer mode stays off until it is given. */
  async setUp(pin: string, repeat: string): Promise<Check> {
    const store = this.store();
    if (!store) return { ok: false, problem: 'Storage is not open yet.' };
    const result = await setUpTrainerPin(store, pin, repeat, this.pinOptions);
    await this.readPin();
    return result;
  }

  /** Turn trainer mode on with the trainer PIN. */
  async enter(pin: string): Promise<Check> {
    const store = this.store();
    if (!store) return { ok: false, problem: 'Storage is not open yet.' };
    const result = await unlockTrainer(store, pin);
    await this.readPin();
    if (result.ok) this.#on = true;
    return result;
  }

  leave(): void {
    this.#on = false;
  }

  /** Throws TrainerModeRequired unless trainer mode is on; `what` names the operation refused. */
  require(what: string): void {
    if (!this.#on) throw new TrainerModeRequired(what);
  }

  /** In trainer mode only, and with the current trainer PIN even then (pins.ts changeTrainerPin). */
  async changePin(input: { current: string; next: string; repeat: string }): Promise<Check> {
    if (!this.#on) return { ok: false, problem: new TrainerModeRequired('Changing the trainer PIN').message };
    const store = this.store();
    if (!store) return { ok: false, problem: 'Storage is not open yet.' };
    return changeTrainerPin(store, input, this.pinOptions);
  }
}
