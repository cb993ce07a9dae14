import { guessablePin, hashPin, isPinHash, pinProblem, verifyPin, type PinHash } from '$core/records/pin';
import { afterWrongPin, afterWrongWords, readFailures, waitLeft, waitWords } from '$core/records/pin-backoff';
import { TRAINER_PIN_SETTING, type AttemptStore, type TraineeProfile } from '../platform/storage/types';
import { exclusively } from '../platform/exclusive';
import { newPinProblem } from './profile-form';

/** Said wherever a PIN is set or asked for. */
export const PIN_NOTICE =
  'A PIN is a privacy screen on a shared computer, not strong security against someone with the device.';

/**
 * Settings key of the record that this browser's trainer PIN was set up (epoch ms): written with
 * the PIN, so a PIN record that goes missing later is told from one never set (docs/security.md).
 */
export const TRAINER_SETUP_SETTING = 'trainer-setup';

/** Whose PIN a wrong-PIN count is of. */
export type PinOwner = { trainer: true } | { traineeId: string };

/**
 * Settings key of a wrong-PIN count. Trainer and trainees have keys of different shapes: a trainee
 * id comes from records files too, and one spelt "trainer" must not share (and so reset) the
 * trainer's count.
 */
export const pinFailuresKey = (owner: PinOwner): string =>
  'trainer' in owner ? 'pin-failures-trainer' : `pin-failures:${owner.traineeId}`;

const TRAINER: PinOwner = { trainer: true };

export type Check = { ok: true } | { ok: false; problem: string };

const fail = (problem: string): Check => ({ ok: false, problem });
const OK: Check = { ok: true };

/**
 * A PIN check with backoff (core/records/pin-backoff): refused unchecked while a wait is on; a wrong
 * PIN counts (kept in the store, so a reload does not reset it); a right one clears the count.
 * One check of a PIN at a time across this browser's tabs, and the try counted before the PIN is
 * checked: guesses typed in several tabs at once, or a tab closed during the check, still count.
 */
function withBackoff(
  store: AttemptStore,
  who: PinOwner,
  matches: () => Promise<boolean>,
  wrong: string,
): Promise<Check> {
  const key = pinFailuresKey(who);
  return exclusively(`dispatch-trainer:${key}`, async () => {
    const failures = readFailures(await store.getSetting<unknown>(key, null), Date.now());
    const wait = waitLeft(failures, Date.now());
    if (wait > 0) return fail(waitWords(wait));
    const counted = afterWrongPin(failures, Date.now());
    await store.setSetting(key, counted);
    if (await matches()) {
      await store.setSetting(key, null);
      return OK;
    }
    return fail(`${wrong} ${afterWrongWords(counted, Date.now())}`);
  });
}

/** May this person open `trainee`'s profile with `pin`? A profile without a PIN needs none. */
export async function checkTraineePin(
  store: AttemptStore,
  trainee: TraineeProfile,
  pin: string,
): Promise<Check> {
  const stored = trainee.pin;
  if (!stored) return OK;
  const problem = pinProblem(pin);
  if (problem) return fail(problem);
  return withBackoff(
    store,
    { traineeId: trainee.id },
    () => verifyPin(pin, stored),
    `That is not the PIN of ${trainee.name}.`,
  );
}

export type PinChange = { ok: true; pin: PinHash | null } | { ok: false; problem: string };

/**
 * A trainee setting, changing or removing their PIN. The current PIN is asked for when there is one
 * (unless a trainer does it: `trainer`), so someone passing by cannot take the profile over.
 * `next` empty (both fields) removes the PIN.
 */
export async function changePin(
  store: AttemptStore,
  trainee: TraineeProfile,
  input: { current: string; next: string; repeat: string; trainer: boolean },
  options: { iterations?: number } = {},
): Promise<PinChange> {
  if (trainee.pin && !input.trainer) {
    const current = await checkTraineePin(store, trainee, input.current);
    if (!current.ok) return { ok: false, problem: `Current PIN: ${current.problem}` };
  }
  const problem = newPinProblem(input.next, input.repeat, true);
  if (problem) return { ok: false, problem: `New PIN: ${problem}` };
  if (input.next === '') {
    return trainee.pin ? { ok: true, pin: null } : { ok: false, problem: 'New PIN: enter a PIN to set one.' };
  }
  return { ok: true, pin: await hashPin(input.next, options) };
}

/**
 * The trainer PIN of this browser: `set`; `not-set` (a first start: nothing says one was ever set);
 * or `damaged`: the setup record says one was set, but the PIN record is missing or unreadable.
 * Damaged fails closed: trainer mode stays unavailable (docs/security.md says how to recover).
 */
export type TrainerPinState = { state: 'set'; pin: PinHash } | { state: 'not-set' } | { state: 'damaged' };

export async function readTrainerPin(store: AttemptStore): Promise<TrainerPinState> {
  const [pin, setup] = await Promise.all([
    store.getSetting<unknown>(TRAINER_PIN_SETTING, undefined),
    store.getSetting<unknown>(TRAINER_SETUP_SETTING, undefined),
  ]);
  if (isPinHash(pin)) {
    // A PIN set before the setup record existed: record it now, so its loss is noticed too.
    if (setup === undefined) await store.setSetting(TRAINER_SETUP_SETTING, Date.now());
    return { state: 'set', pin };
  }
  if ((pin !== undefined && pin !== null) || setup !== undefined) return { state: 'damaged' };
  return { state: 'not-set' };
}

export const TRAINER_PIN_DAMAGED =
  "This browser's trainer PIN record is missing or damaged, so trainer mode stays off. Trainees can go on training; their records are kept. To recover without showing anyone's records: each trainee exports their own records (Export and import, on this page), then the browser's data for this site is cleared (browser settings, site data), which erases every record here; at the next start the app asks for a new trainer PIN, and the trainees' files are imported again. The files carry profiles and finished calls only: finish or discard calls in progress first, and note the assessments (and their results) and clinical approvals set on this browser, to set them again.";

/** The first start: the trainer PIN is chosen (typed twice) before any trainer feature can be used. */
export async function setUpTrainerPin(
  store: AttemptStore,
  pin: string,
  repeat: string,
  options: { iterations?: number } = {},
): Promise<Check> {
  const now = await readTrainerPin(store);
  if (now.state === 'set') return fail('A trainer PIN is already set on this browser.');
  if (now.state === 'damaged') return fail(TRAINER_PIN_DAMAGED);
  const problem = newTrainerPinProblem(pin, repeat);
  if (problem) return fail(problem);
  if (!keeps(store)) return fail(trainerPinNotKept(store));
  // The PIN first: a setup record without its PIN would read as damaged.
  await store.setSetting(TRAINER_PIN_SETTING, await hashPin(pin, options));
  await store.setSetting(TRAINER_SETUP_SETTING, Date.now());
  // setSetting never rejects (a failed write goes to memory): a PIN kept only in this tab would be
  // gone after a reload, and the next person would set their own.
  if (!keeps(store)) return fail(trainerPinNotKept(store));
  return OK;
}

const keeps = (store: AttemptStore): boolean => store.status().persistent;

/** A new trainer PIN's problem: a trainee PIN's, and not one of the first anyone would guess. */
function newTrainerPinProblem(pin: string, repeat: string): string | undefined {
  const problem = newPinProblem(pin, repeat);
  if (problem) return problem;
  if (guessablePin(pin)) {
    return 'That PIN is among the first anyone would try (one digit repeated, or a run like 1234). Choose another.';
  }
  return undefined;
}

/** Why the trainer PIN cannot be set while this browser is not saving. */
export function trainerPinNotKept(store: AttemptStore): string {
  const status = store.status();
  const why = status.persistent ? '' : ` ${status.reason}`;
  return `The trainer PIN cannot be set while this browser is not saving records: it would be forgotten when this tab closes, and the next person could set their own.${why} Trainer mode stays off until the browser saves again (reload then); trainees can take calls meanwhile.`;
}

/** Unlock trainer mode with the trainer PIN (with backoff). */
export async function unlockTrainer(store: AttemptStore, pin: string): Promise<Check> {
  const stored = await readTrainerPin(store);
  if (stored.state === 'damaged') return fail(TRAINER_PIN_DAMAGED);
  if (stored.state === 'not-set') return fail('No trainer PIN is set on this browser yet.');
  const problem = pinProblem(pin);
  if (problem) return fail(problem);
  return withBackoff(store, TRAINER, () => verifyPin(pin, stored.pin), 'That is not the trainer PIN.');
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
  const stored = await readTrainerPin(store);
  if (stored.state !== 'set') return fail(TRAINER_PIN_DAMAGED);
  const currentProblem = pinProblem(input.current);
  if (currentProblem) return fail(`Current trainer PIN: ${currentProblem} Nothing was changed.`);
  const current = await withBackoff(
    store,
    TRAINER,
    () => verifyPin(input.current, stored.pin),
    'That is not the trainer PIN.',
  );
  if (!current.ok) return fail(`Current trainer PIN: ${current.problem} Nothing was changed.`);
  const nextProblem = newTrainerPinProblem(input.next, input.repeat);
  if (nextProblem) return fail(`New trainer PIN: ${nextProblem} Nothing was changed.`);
  if (input.next === input.current) {
    return fail(
      'New trainer PIN: That is the current trainer PIN. Choose a different one. Nothing was changed.',
    );
  }
  await store.setSetting(TRAINER_PIN_SETTING, await hashPin(input.next, options));
  return OK;
}
