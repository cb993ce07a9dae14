// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { MIN_PIN_ITERATIONS, hashPin } from '$core/records/pin';
import { createMemoryStore } from '../platform/storage/memory-store';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import { TRAINER_PIN_SETTING } from '../platform/storage/types';
import { render, type Rendered } from '$tests/support/render';
import { standInApp } from '$tests/support/stand-in-app';
import TraineesPage from './TraineesPage.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

const fast = { iterations: MIN_PIN_ITERATIONS };
const TRAINER_PIN = '1357';

/** The page on a browser with Test Trainee A (current, no PIN) and Test Trainee B (a PIN, one call). */
async function trainees() {
  const store = createMemoryStore('test: kept in memory');
  const ana = await store.createTrainee({ name: 'Test Trainee A' });
  const ben = await store.createTrainee({ name: 'Test Trainee B', pin: await hashPin('2468', fast) });
  const call = await store.createAttempt(newAttempt('call-a', ben.id));
  await store.finishAttempt(call.id, 0, report('call-a'), saved(1000, 'call-a'));
  await store.setSetting(TRAINER_PIN_SETTING, await hashPin(TRAINER_PIN, fast));
  const { app } = await standInApp({ store });
  page = render(TraineesPage, app, {});
  await vi.waitFor(() => expect(page!.texts('tbody th[scope="row"]')).toHaveLength(2));
  return { app, page, ana: ana.id, ben: ben.id };
}

let page: Rendered | undefined;
afterEach(() => {
  page?.destroy();
  page = undefined;
});

const deleteButtons = (p: Rendered) => p.texts('button').filter((t) => t.startsWith('Delete '));

describe('Trainees page', () => {
  it('outside trainer mode offers no delete, shows no one’s attempt counts, and asks for a PIN before switching', async () => {
    const { app, page, ana } = await trainees();
    expect(deleteButtons(page)).toEqual([]);
    expect(page.texts('thead th')).not.toContain('Attempts (scored)');
    expect(page.button('Edit Test Trainee B')).toBeUndefined();

    page.button('Switch to Test Trainee B')?.click();
    flushSync();
    expect(page.texts('h2')).toContain('Switch to Test Trainee B');
    expect(page.root.querySelector('label[for="switch-pin"]')?.textContent).toBe('PIN for Test Trainee B');
    expect(app.currentTraineeId).toBe(ana);
  });

  it('in trainer mode offers delete and the counts, and opens a profile without its PIN; leaving hides them', async () => {
    const { app, page, ben } = await trainees();
    await app.enterTrainerMode(TRAINER_PIN);
    flushSync();
    expect(deleteButtons(page)).toEqual(['Delete Test Trainee A', 'Delete Test Trainee B']);
    await vi.waitFor(() => expect(page.texts('[data-testid="attempt-count"]')).toEqual(['0 (0)', '1 (1)']));

    page.button('Switch to Test Trainee B')?.click();
    await vi.waitFor(() => expect(app.currentTraineeId).toBe(ben));
    expect(page.texts('h2')).not.toContain('Switch to Test Trainee B');

    app.leaveTrainerMode();
    flushSync();
    expect(deleteButtons(page)).toEqual([]);
    expect(page.texts('thead th')).not.toContain('Attempts (scored)');
  });
});
