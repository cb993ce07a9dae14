// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
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
