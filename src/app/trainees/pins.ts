import { hashPin, pinProblem, verifyPin, type PinHash } from '$core/records/pin';
import { TRAINER_PIN_SETTING, type AttemptStore, type TraineeProfile } from '../platform/storage/types';
import { newPinProblem } from './profile-form';

/** Said wherever a PIN is set or asked for. */
export const PIN_NOTICE =
  'A PIN is a privacy screen on a shared computer, not strong security against someone with the device.';

export type Check = { ok: true } | { ok: false; problem: string };

const fail = (problem: string): Check => ({ ok: false, problem });
const OK: Check = { ok: true };

/** May this person open `trainee`'s profile with `pin`? A profile without a PIN needs none. */
export async function checkTraineePin(trainee: TraineeProfile, pin: string): Promise<Check> {
  if (!trainee.pin) return OK;
  const problem = pinProblem(pin);
  if (problem) return fail(problem);
  return (await verifyPin(pin, trainee.pin))
    ? OK
    : fail(`That is not the PIN of ${trainee.name}. Try again.`);
}

export type PinChange = { ok: true; pin: PinHash | null } | { ok: false; problem: string };

/**
 * A trainee setting, changing or removing their PIN. The current PIN is asked for when there is one
 * (unless a trainer does it: `trainer`), so someone passing by cannot take the profile over.
 * `next` empty (both fields) removes the PIN.
 */
export async function changePin(
  trainee: TraineeProfile,
  input: { current: string; next: string; repeat: string; trainer: boolean },
  options: { iterations?: number } = {},
): Promise<PinChange> {
  if (trainee.pin && !input.trainer) {
    const current = await checkTraineePin(trainee, input.current);
    if (!current.ok) return { ok: false, problem: `Current PIN: ${current.problem}` };
  }
  const problem = newPinProblem(input.next, input.repeat, true);
  if (problem) return { ok: false, problem: `New PIN: ${problem}` };
  if (input.next === '') {
    return trainee.pin ? { ok: true, pin: null } : { ok: false, problem: 'New PIN: enter a PIN to set one.' };
  }
  return { ok: true, pin: await hashPin(input.next, options) };
}

export async function trainerPin(store: AttemptStore): Promise<PinHash | undefined> {
  return (await store.getSetting<PinHash | null>(TRAINER_PIN_SETTING, null)) ?? undefined;
}

/**
 * Unlock trainer mode. When no trainer PIN is set on this browser yet, the first use sets it
 * (typed twice: `repeat`); afterwards the PIN must match.
 */
export async function unlockTrainer(
  store: AttemptStore,
  pin: string,
  repeat: string,
  options: { iterations?: number } = {},
): Promise<Check> {
  const stored = await trainerPin(store);
  if (!stored) {
    const problem = newPinProblem(pin, repeat);
    if (problem) return fail(problem);
    await store.setSetting(TRAINER_PIN_SETTING, await hashPin(pin, options));
    return OK;
  }
  const problem = pinProblem(pin);
  if (problem) return fail(problem);
  return (await verifyPin(pin, stored)) ? OK : fail('That is not the trainer PIN. Try again.');
}

/**
 * Change the trainer PIN (in trainer mode): the current trainer PIN, then the new one typed twice.
 * The current PIN is asked for even in trainer mode, so a trainer mode left on cannot be used to
 * take the PIN over. Nothing is stored unless every check passes.
 */
export async function changeTrainerPin(
  store: AttemptStore,
  input: { current: string; next: string; repeat: string },
  options: { iterations?: number } = {},
): Promise<Check> {
  const stored = await trainerPin(store);
  if (!stored) return fail('No trainer PIN is set on this browser yet: set one by turning on trainer mode.');
  const currentProblem = pinProblem(input.current);
  if (currentProblem) return fail(`Current trainer PIN: ${currentProblem} Nothing was changed.`);
  if (!(await verifyPin(input.current, stored))) {
    return fail('Current trainer PIN: That is not the trainer PIN. Nothing was changed.');
  }
  const nextProblem = newPinProblem(input.next, input.repeat);
  if (nextProblem) return fail(`New trainer PIN: ${nextProblem} Nothing was changed.`);
  if (input.next === input.current) {
    return fail(
      'New trainer PIN: That is the current trainer PIN. Choose a different one. Nothing was changed.',
    );
  }
  await store.setSetting(TRAINER_PIN_SETTING, await hashPin(input.next, options));
  return OK;
}
