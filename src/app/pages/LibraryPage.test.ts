// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { MIN_PIN_ITERATIONS, hashPin } from '$core/records/pin';
import { TRAINER_PIN_SETTING } from '../platform/storage/types';
import { createMemoryStore } from '../platform/storage/memory-store';
import { scenario, scenarioInput } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions } from '$tests/support/profiles';
import type { Library } from '../library/load-library';
import { render, type Rendered } from '$tests/support/render';
import { standInApp } from '$tests/support/stand-in-app';
import LibraryPage from './LibraryPage.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

/** A call whose caller apologises for the hour: it fits only the night. */
const night = scenario({
  id: 'late-call',
  title: 'Late call',
  cad: { ...scenarioInput().cad!, callTime: '23:35', storyHours: { from: '21:00', to: '05:00' } },
});
const library: Library = {
  scenarios: [night, scenario()],
  profiles: [...bundledProfiles().values()],
  questions: bundledQuestions(),
  problems: [],
  warnings: [],
};

let page: Rendered | undefined;
afterEach(() => page?.destroy());

describe('Library page: story hours', () => {
  it('says which scenario plays at its own time because its story does not fit the time chosen, and starts it then', async () => {
    const { app } = await standInApp({ library });
    await app.setPrefs({ callTime: '14:00' });
    page = render(LibraryPage, app, {});
    expect(page.texts('[data-testid="story-time"]')).toEqual([
      "plays at 23:35: the caller's words fit night hours 21:00–05:00",
    ]);
    expect(
      page.root.querySelector('tr[data-scenario-id="late-call"] [data-testid="story-time"]'),
    ).not.toBeNull();

    // The app state applies the same rule, whoever starts the call.
    expect((await app.startAttempt(night))?.callTime).toBe('23:35');
    expect((await app.startAttempt(scenario()))?.callTime).toBe('14:00');
    const again = await app.startAttempt(night, {
      profileId: 'dispatcher-routing',
      mode: 'practice',
      callTime: '08:30',
    });
    expect(again?.callTime).toBe('23:35');
    const inside = await app.startAttempt(night, {
      profileId: 'dispatcher-routing',
      mode: 'practice',
      callTime: '02:00',
    });
    expect(inside?.callTime).toBe('02:00');
  });

  it('says nothing when the time chosen fits, or none is chosen', async () => {
    const { app } = await standInApp({ library });
    await app.setPrefs({ callTime: '02:00' });
    page = render(LibraryPage, app, {});
    expect(page.texts('[data-testid="story-time"]')).toEqual([]);
  });
});

describe('Library page: what a trainee reads before the call', () => {
  const briefed = scenario({
    id: 'briefed',
    title: 'Briefed call',
    brief: 'A sister calls from work about her brother.',
    summary: 'Send the mobile crisis team.',
  });
  const older = scenario({ id: 'older', title: 'Older file', summary: 'Police at priority 1.' });
  const withBriefs: Library = { ...library, scenarios: [briefed, older] };

  it('shows the trainee the brief, never the summary; a file without a brief shows its title only', async () => {
    const { app } = await standInApp({ library: withBriefs });
    page = render(LibraryPage, app, {});
    const text = page.root.querySelector('tbody')?.textContent ?? '';
    expect(text).toContain('A sister calls from work about her brother.');
    expect(text).toContain('Older file');
    expect(text).not.toContain('Send the mobile crisis team.');
    expect(text).not.toContain('Police at priority 1.');
  });

  it('shows the trainer the summary too', async () => {
    const store = createMemoryStore('test: kept in memory');
    await store.setSetting(TRAINER_PIN_SETTING, await hashPin('1357', { iterations: MIN_PIN_ITERATIONS }));
    const { app } = await standInApp({ store, library: withBriefs });
    expect((await app.enterTrainerMode('1357')).ok).toBe(true);
    page = render(LibraryPage, app, {});
    flushSync();
    expect(page.texts('.summary.trainer')).toEqual([
      'Trainer’s summary: Send the mobile crisis team.',
      'Trainer’s summary: Police at priority 1.',
    ]);
  });
});
