import { describe, expect, it } from 'vitest';
import { MIN_PIN_ITERATIONS, hashPin, verifyPin } from '../../core/records/pin';
import { createMemoryStore } from '../platform/storage/memory-store';
import { TRAINER_PIN_SETTING, type TraineeProfile } from '../platform/storage/types';
import { changePin, checkTraineePin, trainerPin, unlockTrainer } from './pins';

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
    expect(await checkTraineePin(t, '1234')).toEqual({ ok: false, problem: 'That is not the PIN of Test Trainee B. Try again.' });
    expect(await checkTraineePin(t, '')).toMatchObject({ ok: false, problem: expect.stringMatching(/^Enter a PIN/) });
  });

  it('sets a PIN, needs the current one to change or remove it, and a trainer does not', async () => {
    const none = await trainee();
    const set = await changePin(none, { current: '', next: '5555', repeat: '5555', trainer: false }, fast);
    expect(set.ok && set.pin && (await verifyPin('5555', set.pin))).toBe(true);
    expect(await changePin(none, { current: '', next: '', repeat: '', trainer: false })).toEqual({ ok: false, problem: 'New PIN: enter a PIN to set one.' });

    const locked = await trainee('4321');
    expect(await changePin(locked, { current: '0000', next: '', repeat: '', trainer: false })).toEqual({
      ok: false,
      problem: 'Current PIN: That is not the PIN of Test Trainee B. Try again.',
    });
    expect(await changePin(locked, { current: '4321', next: '', repeat: '', trainer: false })).toEqual({ ok: true, pin: null });
    expect(await changePin(locked, { current: '4321', next: '9999', repeat: '9990', trainer: false })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^New PIN: The two PINs are not the same/),
    });
    expect(await changePin(locked, { current: '', next: '', repeat: '', trainer: true })).toEqual({ ok: true, pin: null });
  });
});

describe('trainer PIN', () => {
  it('is set on first use, then must match', async () => {
    const store = createMemoryStore('test');
    expect(await trainerPin(store)).toBeUndefined();
    expect(await unlockTrainer(store, '2468', '2460', fast)).toMatchObject({ ok: false, problem: expect.stringMatching(/not the same/) });
    expect(await trainerPin(store)).toBeUndefined();
    expect(await unlockTrainer(store, '2468', '2468', fast)).toEqual({ ok: true });
    expect(await store.getSetting(TRAINER_PIN_SETTING, null)).toMatchObject({ iterations: MIN_PIN_ITERATIONS });

    expect(await unlockTrainer(store, '1357', '')).toEqual({ ok: false, problem: 'That is not the trainer PIN. Try again.' });
    expect(await unlockTrainer(store, 'abcd', '')).toMatchObject({ ok: false, problem: expect.stringMatching(/digits only/) });
    expect(await unlockTrainer(store, '2468', '')).toEqual({ ok: true });
  });
});
