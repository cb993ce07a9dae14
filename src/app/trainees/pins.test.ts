import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_PIN_ITERATIONS, hashPin, verifyPin } from '$core/records/pin';
import { FIRST_WAIT_MS, FREE_TRIES } from '$core/records/pin-backoff';
import { createMemoryStore } from '../platform/storage/memory-store';
import { openStore } from '../platform/storage';
import { TRAINER_PIN_SETTING, type TraineeProfile } from '../platform/storage/types';
import {
  TRAINER_PIN_DAMAGED,
  TRAINER_SETUP_SETTING,
  changePin,
  changeTrainerPin,
  checkTraineePin,
  pinFailuresKey,
  readTrainerPin,
  setUpTrainerPin,
  unlockTrainer,
} from './pins';

const fast = { iterations: MIN_PIN_ITERATIONS };
const T0 = Date.UTC(2026, 11, 3, 9);
const trainee = async (pin?: string): Promise<TraineeProfile> => ({
  id: 't1',
  name: 'Test Trainee B',
  createdAt: 1,
  ...(pin ? { pin: await hashPin(pin, fast) } : {}),
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('trainee PINs', () => {
  it('lets anyone into a profile without a PIN', async () => {
    expect(await checkTraineePin(createMemoryStore('test'), await trainee(), '')).toEqual({ ok: true });
  });

  it('accepts the right PIN and refuses a wrong one by name, saying how many tries are left', async () => {
    const store = createMemoryStore('test');
    const t = await trainee('4321');
    expect(await checkTraineePin(store, t, '4321')).toEqual({ ok: true });
    expect(await checkTraineePin(store, t, '1234')).toEqual({
      ok: false,
      problem: 'That is not the PIN of Test Trainee B. 4 more tries before a wait.',
    });
    expect(await checkTraineePin(store, t, '')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Enter a PIN/),
    });
  });

  it('sets a PIN, needs the current one to change or remove it, and a trainer does not', async () => {
    const store = createMemoryStore('test');
    const none = await trainee();
    const set = await changePin(
      store,
      none,
      { current: '', next: '5555', repeat: '5555', trainer: false },
      fast,
    );
    expect(set.ok && set.pin && (await verifyPin('5555', set.pin))).toBe(true);
    expect(await changePin(store, none, { current: '', next: '', repeat: '', trainer: false })).toEqual({
      ok: false,
      problem: 'New PIN: enter a PIN to set one.',
    });

    const locked = await trainee('4321');
    expect(await changePin(store, locked, { current: '0000', next: '', repeat: '', trainer: false })).toEqual(
      {
        ok: false,
        problem: 'Current PIN: That is not the PIN of Test Trainee B. 4 more tries before a wait.',
      },
    );
    expect(await changePin(store, locked, { current: '4321', next: '', repeat: '', trainer: false })).toEqual(
      {
        ok: true,
        pin: null,
      },
    );
    expect(
      await changePin(store, locked, { current: '4321', next: '9999', repeat: '9990', trainer: false }),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^New PIN: The two PINs are not the same/),
    });
    expect(await changePin(store, locked, { current: '', next: '', repeat: '', trainer: true })).toEqual({
      ok: true,
      pin: null,
    });
  });
});

describe('wrong-PIN backoff', () => {
  it('checks no PIN during a wait that doubles with every wrong PIN, kept in storage, and clears on the right one', async () => {
    const store = createMemoryStore('test');
    const t = await trainee('4321');
    for (let i = 1; i < FREE_TRIES; i++) expect((await checkTraineePin(store, t, '0000')).ok).toBe(false);
    expect(await checkTraineePin(store, t, '0000')).toEqual({
      ok: false,
      problem:
        'That is not the PIN of Test Trainee B. Too many wrong PINs: no PIN is checked for 30 seconds. Each further wrong PIN doubles the wait.',
    });
    // The right PIN is not even checked during the wait.
    expect(await checkTraineePin(store, t, '4321')).toMatchObject({
      ok: false,
      problem: /^Too many wrong PINs/,
    });
    expect(await store.getSetting(pinFailuresKey({ traineeId: 't1' }), null)).toEqual({
      count: FREE_TRIES,
      lockedUntil: T0 + FIRST_WAIT_MS,
    });

    vi.setSystemTime(T0 + FIRST_WAIT_MS);
    expect(await checkTraineePin(store, t, '0000')).toMatchObject({ problem: /for 1 minute/ });
    vi.setSystemTime(T0 + FIRST_WAIT_MS + 2 * FIRST_WAIT_MS);
    expect(await checkTraineePin(store, t, '4321')).toEqual({ ok: true });
    expect(await store.getSetting(pinFailuresKey({ traineeId: 't1' }), null)).toBeNull();
  });

  it('keeps the trainer’s count apart from a trainee’s, even one whose id is "trainer"', async () => {
    const store = await keepingStore();
    await setUpTrainerPin(store, '2468', '2468', fast);
    const named = { ...(await trainee('4321')), id: 'trainer' }; // ids come from records files too
    for (let i = 0; i < FREE_TRIES - 1; i++) await unlockTrainer(store, '1111');
    expect(await checkTraineePin(store, named, '4321')).toEqual({ ok: true }); // must not clear the trainer's count
    expect(await unlockTrainer(store, '1111')).toMatchObject({ problem: /no PIN is checked for 30 seconds/ });
  });

  it('counts every guess typed at once (in several tabs): they are checked one at a time', async () => {
    const store = createMemoryStore('test');
    const t = await trainee('4321');
    const guesses = ['0000', '0001', '0002', '0003', '0004', '0005', '0006', '0007'];
    const results = await Promise.all(guesses.map((g) => checkTraineePin(store, t, g)));
    const refusedUnchecked = results.filter((r) => !r.ok && r.problem.startsWith('Too many wrong PINs'));
    expect(refusedUnchecked).toHaveLength(guesses.length - FREE_TRIES);
    expect(await store.getSetting(pinFailuresKey({ traineeId: 't1' }), null)).toMatchObject({
      count: FREE_TRIES,
    });
  });

  it('counts trainer and trainee PINs apart, and treats a damaged count as a full wait', async () => {
    const store = await keepingStore();
    await setUpTrainerPin(store, '2468', '2468', fast);
    for (let i = 0; i < FREE_TRIES; i++) await unlockTrainer(store, '1111');
    expect(await unlockTrainer(store, '2468')).toMatchObject({ ok: false, problem: /^Too many wrong PINs/ });
    expect(await checkTraineePin(store, await trainee('4321'), '4321')).toEqual({ ok: true });

    await store.setSetting(pinFailuresKey({ traineeId: 't1' }), 'garbage');
    expect(await checkTraineePin(store, await trainee('4321'), '4321')).toMatchObject({
      problem: /no PIN is checked for 60 minutes/,
    });
  });
});

/** A store that keeps what it is given (IndexedDB; fake-indexeddb in unit tests), as a trainer PIN needs. */
const keepingStore = () => openStore({ name: `pins-${crypto.randomUUID()}`, storage: undefined });

describe('trainer PIN', () => {
  it('is chosen at the first start (typed twice), then must match', async () => {
    const store = await keepingStore();
    expect(await readTrainerPin(store)).toEqual({ state: 'not-set' });
    expect(await unlockTrainer(store, '2468')).toEqual({
      ok: false,
      problem: 'No trainer PIN is set on this browser yet.',
    });
    expect(await setUpTrainerPin(store, '2468', '2460', fast)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not the same/),
    });
    expect(await readTrainerPin(store)).toEqual({ state: 'not-set' });
    expect(await setUpTrainerPin(store, '2468', '2468', fast)).toEqual({ ok: true });
    expect(await readTrainerPin(store)).toMatchObject({
      state: 'set',
      pin: { iterations: MIN_PIN_ITERATIONS },
    });
    expect(await setUpTrainerPin(store, '1357', '1357', fast)).toEqual({
      ok: false,
      problem: 'A trainer PIN is already set on this browser.',
    });

    expect(await unlockTrainer(store, '1357')).toEqual({
      ok: false,
      problem: 'That is not the trainer PIN. 4 more tries before a wait.',
    });
    expect(await unlockTrainer(store, 'abcd')).toMatchObject({ ok: false, problem: /digits only/ });
    expect(await unlockTrainer(store, '2468')).toEqual({ ok: true });
  });

  it('fails closed when its record goes missing or is damaged: no trainer mode, and no new PIN can be set', async () => {
    for (const damage of [null, { salt: 'x' }, 'garbage']) {
      const store = await keepingStore();
      await setUpTrainerPin(store, '2468', '2468', fast);
      await store.setSetting(TRAINER_PIN_SETTING, damage);
      expect(await readTrainerPin(store)).toEqual({ state: 'damaged' });
      expect(await unlockTrainer(store, '2468')).toEqual({ ok: false, problem: TRAINER_PIN_DAMAGED });
      expect(await setUpTrainerPin(store, '1357', '1357', fast)).toEqual({
        ok: false,
        problem: TRAINER_PIN_DAMAGED,
      });
      expect(await store.getSetting(TRAINER_PIN_SETTING, undefined)).toEqual(damage);
    }
  });

  it('records the setup of a PIN set before setup records existed, so its later loss is noticed too', async () => {
    const store = createMemoryStore('test');
    await store.setSetting(TRAINER_PIN_SETTING, await hashPin('2468', fast));
    expect(await readTrainerPin(store)).toMatchObject({ state: 'set' });
    expect(await store.getSetting(TRAINER_SETUP_SETTING, undefined)).toBe(T0);
    await store.setSetting(TRAINER_PIN_SETTING, null);
    expect(await readTrainerPin(store)).toEqual({ state: 'damaged' });
  });

  it('refuses a trainer PIN anyone would try first: one digit repeated, or a straight run', async () => {
    const store = await keepingStore();
    for (const pin of ['0000', '1234', '98765', '123456789012']) {
      expect(await setUpTrainerPin(store, pin, pin, fast)).toEqual({
        ok: false,
        problem:
          'That PIN is among the first anyone would try (one digit repeated, or a run like 1234). Choose another.',
      });
    }
    expect(await readTrainerPin(store)).toEqual({ state: 'not-set' });
    expect(await setUpTrainerPin(store, '2469', '2469', fast)).toEqual({ ok: true });
  });

  it('is not set while the browser is not saving: it would be forgotten, and the next person would set theirs', async () => {
    const store = createMemoryStore('IndexedDB is not available in this browser (private mode?).');
    expect(await setUpTrainerPin(store, '2468', '2468', fast)).toEqual({
      ok: false,
      problem: expect.stringMatching(
        /^The trainer PIN cannot be set while this browser is not saving records: .* IndexedDB is not available/,
      ),
    });
    expect(await readTrainerPin(store)).toEqual({ state: 'not-set' });
  });
});

describe('changing the trainer PIN', () => {
  async function withTrainerPin(pin = '2468') {
    const store = await keepingStore();
    expect(await setUpTrainerPin(store, pin, pin, fast)).toEqual({ ok: true });
    return { store, before: await store.getSetting(TRAINER_PIN_SETTING, null) };
  }

  it('needs the current trainer PIN and the new one twice; afterwards only the new one unlocks', async () => {
    const { store, before } = await withTrainerPin();
    expect(
      await changeTrainerPin(store, { current: '2468', next: '135790', repeat: '135790' }, fast),
    ).toEqual({ ok: true });
    const after = await store.getSetting(TRAINER_PIN_SETTING, null);
    expect(after).not.toEqual(before);
    expect(after).toMatchObject({ iterations: MIN_PIN_ITERATIONS });
    expect(await unlockTrainer(store, '2468')).toMatchObject({
      ok: false,
      problem: /^That is not the trainer PIN/,
    });
    expect(await unlockTrainer(store, '135790')).toEqual({ ok: true });
  });

  it('refuses a wrong current PIN, a mismatch and a PIN of the wrong form, each by name, and changes nothing', async () => {
    const { store, before } = await withTrainerPin();
    const attempts: [{ current: string; next: string; repeat: string }, string][] = [
      [
        { current: '1357', next: '5555', repeat: '5555' },
        'Current trainer PIN: That is not the trainer PIN. 4 more tries before a wait. Nothing was changed.',
      ],
      [
        { current: '', next: '5555', repeat: '5555' },
        'Current trainer PIN: Enter a PIN. A PIN is 4 to 12 digits (0–9), nothing else. Nothing was changed.',
      ],
      [
        { current: '24a8', next: '5555', repeat: '5555' },
        'Current trainer PIN: A PIN has digits only: no letters, spaces or symbols. A PIN is 4 to 12 digits (0–9), nothing else. Nothing was changed.',
      ],
      [
        { current: '2468', next: '5555', repeat: '5556' },
        'New trainer PIN: The two PINs are not the same. Type the same PIN in both fields. Nothing was changed.',
      ],
      [
        { current: '2468', next: '555', repeat: '555' },
        'New trainer PIN: That PIN is too short. A PIN is 4 to 12 digits (0–9), nothing else. Nothing was changed.',
      ],
      [
        { current: '2468', next: '1234567890123', repeat: '1234567890123' },
        'New trainer PIN: That PIN is too long. A PIN is 4 to 12 digits (0–9), nothing else. Nothing was changed.',
      ],
      [
        { current: '2468', next: '55 55', repeat: '55 55' },
        'New trainer PIN: A PIN has digits only: no letters, spaces or symbols. A PIN is 4 to 12 digits (0–9), nothing else. Nothing was changed.',
      ],
      [
        { current: '2468', next: '', repeat: '' },
        'New trainer PIN: Enter a PIN. A PIN is 4 to 12 digits (0–9), nothing else. Nothing was changed.',
      ],
      [
        { current: '2468', next: '2468', repeat: '2468' },
        'New trainer PIN: That is the current trainer PIN. Choose a different one. Nothing was changed.',
      ],
    ];
    for (const [input, problem] of attempts) {
      expect(await changeTrainerPin(store, input, fast), JSON.stringify(input)).toEqual({
        ok: false,
        problem,
      });
      expect(await store.getSetting(TRAINER_PIN_SETTING, null)).toEqual(before);
    }
    expect(await unlockTrainer(store, '2468')).toEqual({ ok: true });
  });

  it('cannot change a trainer PIN that was never set, and sets none', async () => {
    const store = createMemoryStore('test');
    expect(await changeTrainerPin(store, { current: '2468', next: '5555', repeat: '5555' }, fast)).toEqual({
      ok: false,
      problem: TRAINER_PIN_DAMAGED,
    });
    expect(await readTrainerPin(store)).toEqual({ state: 'not-set' });
  });
});
