// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { MIN_PIN_ITERATIONS, hashPin } from '$core/records/pin';
import { DEFAULT_TRAINEE_NAME } from '$core/records/trainee';
import { standInApp } from '$tests/support/stand-in-app';
import { newAttempt } from '$tests/contracts/store-contract';
import { createMemoryStore } from '../platform/storage/memory-store';
import { TRAINER_PIN_SETTING, type AttemptStore } from '../platform/storage/types';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

/** A memory store that says it keeps what it is given, as IndexedDB does: the first visit's questions are asked only there. */
function keptStore(): AttemptStore {
  const store = createMemoryStore('test: kept in memory');
  return Object.assign(Object.create(store) as AttemptStore, {
    status: () => ({ persistent: true as const }),
  });
}

/** A browser past the first start's trainer PIN. */
async function afterSetup(store = keptStore()) {
  await store.setSetting(TRAINER_PIN_SETTING, await hashPin('1357', { iterations: MIN_PIN_ITERATIONS }));
  return store;
}

describe('First visit: who is training', () => {
  it('is asked after the trainer PIN, once: a new name goes on the placeholder profile', async () => {
    const store = await afterSetup();
    const { app } = await standInApp({ store });
    expect(app.needsSetup).toBe(false);
    expect(app.needsTrainee).toBe(true);
    expect(app.currentTrainee?.name).toBe(DEFAULT_TRAINEE_NAME);

    const named = await app.startAsNewTrainee('Test Trainee A');
    expect(named.ok).toBe(true);
    expect(app.needsTrainee).toBe(false);
    expect(app.trainees.map((t) => t.name)).toEqual(['Test Trainee A']);
    expect(app.currentTrainee?.name).toBe('Test Trainee A');

    // The next visit does not ask again.
    const { app: again } = await standInApp({ store });
    expect(again.needsTrainee).toBe(false);
    expect(again.currentTrainee?.name).toBe('Test Trainee A');
  });

  it('is not asked before the trainer PIN is set, nor where nothing is kept', async () => {
    const { app: first } = await standInApp({ store: keptStore() });
    expect(first.needsSetup).toBe(true);
    expect(first.needsTrainee).toBe(false);
    const { app: memory } = await standInApp({ store: await afterSetup(createMemoryStore('test')) });
    expect(memory.needsTrainee).toBe(false);
  });

  it('keeps a profile that has calls: a new name is a new profile, and the calls stay with theirs', async () => {
    const store = await afterSetup();
    const placeholder = await store.ensureTrainee();
    await store.createAttempt(newAttempt('call-a', placeholder.id));
    const { app } = await standInApp({ store });
    expect(app.needsTrainee).toBe(true);

    expect((await app.startAsNewTrainee('Test Trainee B')).ok).toBe(true);
    expect(app.trainees.map((t) => t.name)).toEqual([DEFAULT_TRAINEE_NAME, 'Test Trainee B']);
    expect(app.currentTrainee?.name).toBe('Test Trainee B');
    expect(app.attempts).toEqual([]);
  });

  it('picks a profile already here, with its PIN when it has one, and refuses an empty name', async () => {
    const store = await afterSetup();
    await store.ensureTrainee();
    const ben = await store.createTrainee({
      name: 'Test Trainee B',
      pin: await hashPin('2468', { iterations: MIN_PIN_ITERATIONS }),
    });
    const { app } = await standInApp({ store });
    expect((await app.startAsNewTrainee('  ')).ok).toBe(false);
    expect((await app.startAsTrainee(ben.id, '1111')).ok).toBe(false);
    expect(app.needsTrainee).toBe(true);
    expect((await app.startAsTrainee(ben.id, '2468')).ok).toBe(true);
    expect(app.needsTrainee).toBe(false);
    expect(app.currentTrainee?.name).toBe('Test Trainee B');
  });
});
