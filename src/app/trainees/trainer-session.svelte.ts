import type { AttemptStore } from '../platform/storage/types';
import { changeTrainerPin, trainerPin, unlockTrainer, type Check } from './pins';

/** Thrown by a trainer-only operation outside trainer mode; the message is for the person at the screen. */
export class TrainerModeRequired extends Error {
  constructor(what: string) {
    super(`${what} needs trainer mode: a trainer turns it on on the Trainees page.`);
    this.name = 'TrainerModeRequired';
  }
}

/**
 * Whether trainer mode is on: the one place that decides it. On only once the trainer PIN was given
 * (the first use on a browser sets it), off on leave() (also after 15 minutes idle: App). Not kept
 * across reloads, so a trainer who walks away leaves nothing on. Readable by anyone, switched only here.
 */
export class TrainerSession {
  #on = $state(false);
  /** Whether this browser has a trainer PIN; undefined until read. */
  #pinSet = $state<boolean | undefined>(undefined);

  constructor(
    private readonly store: () => AttemptStore | undefined,
    private readonly pinOptions: { iterations?: number } = {},
  ) {}

  get on(): boolean {
    return this.#on;
  }

  get pinSet(): boolean | undefined {
    return this.#pinSet;
  }

  async readPin(): Promise<void> {
    const store = this.store();
    if (store) this.#pinSet = (await trainerPin(store)) !== undefined;
  }

  /** Turn trainer mode on with the trainer PIN; with none set yet, `pin` typed twice (`repeat`) sets it. */
  async enter(pin: string, repeat = ''): Promise<Check> {
    const store = this.store();
    if (!store) return { ok: false, problem: 'Storage is not open yet.' };
    const result = await unlockTrainer(store, pin, repeat, this.pinOptions);
    if (result.ok) {
      this.#pinSet = true;
      this.#on = true;
    }
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
