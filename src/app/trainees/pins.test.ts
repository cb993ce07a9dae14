import { describe, expect, it } from 'vitest';
import { MIN_PIN_ITERATIONS, hashPin, verifyPin } from '$core/records/pin';
import { createMemoryStore } from '../platform/storage/memory-store';
import { TRAINER_PIN_SETTING, type TraineeProfile } from '../platform/storage/types';
import { changePin, changeTrainerPin, checkTraineePin, trainerPin, unlockTrainer } from './pins';

const fast = { iterations: MIN_PIN_ITERATIONS };
const trainee = async (pin?: string): Promise<TraineeProfile> => ({
  id: 't1',
  name: 'Test Trainee B',
  createdAt: 1,
  ...(pin ? { pin: await hashPin(pin, fast) } : {}),
});

describe('trainee PINs', () => {
  it('lets anyone into a profile without a PIN', async () => {
    expect(await checkTraineePin(await trainee(), '')).toEqual({ ok: true });
  });

  it('accepts the right PIN and refuses a wrong one by name', async () => {
    const t = await trainee('4321');
    expect(await checkTraineePin(t, '4321')).toEqual({ ok: true });
    expect(await checkTraineePin(t, '1234')).toEqual({
      ok: false,
      problem: 'That is not the PIN of Test Trainee B. Try again.',
    });
    expect(await checkTraineePin(t, '')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Enter a PIN/),
    });
  });

  it('sets a PIN, needs the current one to change or remove it, and a trainer does not', async () => {
    const none = await trainee();
    const set = await changePin(none, { current: '', next: '5555', repeat: '5555', trainer: false }, fast);
    expect(set.ok && set.pin && (await verifyPin('5555', set.pin))).toBe(true);
    expect(await changePin(none, { current: '', next: '', repeat: '', trainer: false })).toEqual({
      ok: false,
      problem: 'New PIN: enter a PIN to set one.',
    });

    const locked = await trainee('4321');
    expect(await changePin(locked, { current: '0000', next: '', repeat: '', trainer: false })).toEqual({
      ok: false,
      problem: 'Current PIN: That is not the PIN of Test Trainee B. Try again.',
    });
    expect(await changePin(locked, { current: '4321', next: '', repeat: '', trainer: false })).toEqual({
      ok: true,
      pin: null,
    });
    expect(
      await changePin(locked, { current: '4321', next: '9999', repeat: '9990', trainer: false }),
    ).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^New PIN: The two PINs are not the same/),
    });
    expect(await changePin(locked, { current: '', next: '', repeat: '', trainer: true })).toEqual({
      ok: true,
      pin: null,
    });
  });
});

describe('trainer PIN', () => {
  it('is set on first use, then must match', async () => {
    const store = createMemoryStore('test');
    expect(await trainerPin(store)).toBeUndefined();
    expect(await unlockTrainer(store, '2468', '2460', fast)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not the same/),
    });
    expect(await trainerPin(store)).toBeUndefined();
    expect(await unlockTrainer(store, '2468', '2468', fast)).toEqual({ ok: true });
    expect(await store.getSetting(TRAINER_PIN_SETTING, null)).toMatchObject({
      iterations: MIN_PIN_ITERATIONS,
    });

    expect(await unlockTrainer(store, '1357', '')).toEqual({
      ok: false,
      problem: 'That is not the trainer PIN. Try again.',
    });
    expect(await unlockTrainer(store, 'abcd', '')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/digits only/),
    });
    expect(await unlockTrainer(store, '2468', '')).toEqual({ ok: true });
  });
});

describe('changing the trainer PIN', () => {
  async function withTrainerPin(pin = '2468') {
    const store = createMemoryStore('test');
    expect(await unlockTrainer(store, pin, pin, fast)).toEqual({ ok: true });
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
    expect(await unlockTrainer(store, '2468', '')).toEqual({
      ok: false,
      problem: 'That is not the trainer PIN. Try again.',
    });
    expect(await unlockTrainer(store, '135790', '')).toEqual({ ok: true });
  });

  it('refuses a wrong current PIN, a mismatch and a PIN of the wrong form, each by name, and changes nothing', async () => {
    const { store, before } = await withTrainerPin();
    const attempts: [{ current: string; next: string; repeat: string }, string][] = [
      [
        { current: '1357', next: '5555', repeat: '5555' },
        'Current trainer PIN: That is not the trainer PIN. Nothing was changed.',
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
    expect(await unlockTrainer(store, '2468', '')).toEqual({ ok: true });
  });

  it('cannot change a trainer PIN that was never set, and sets none', async () => {
    const store = createMemoryStore('test');
    expect(await changeTrainerPin(store, { current: '2468', next: '5555', repeat: '5555' }, fast)).toEqual({
      ok: false,
      problem: 'No trainer PIN is set on this browser yet: set one by turning on trainer mode.',
    });
    expect(await trainerPin(store)).toBeUndefined();
  });
});
