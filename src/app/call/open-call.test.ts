import { describe, expect, it } from 'vitest';
import { contentHash } from '$core/review/content-hash';
import { scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import type { Library } from '../library/load-library';
import { createMemoryStore } from '../platform/storage/memory-store';
import type { AttemptStore, NewAttempt } from '../platform/storage/types';
import { openCall } from './open-call';

const written = scenario({
  variants: [
    {
      id: 'ridge',
      description: 'Another family, on Ridge Rd',
      cad: { address: '40 Ridge Rd' },
      lines: { address: { text: '40 Ridge Road.', audio: 'test-scenario/address-ridge' } },
    },
  ],
});
const center = profile('dispatcher-routing');
const library: Library = {
  scenarios: [written],
  profiles: [center],
  questions: bundledQuestions(),
  problems: [],
  warnings: [],
};

async function opened(
  change: Partial<NewAttempt>,
  libraryChange: Partial<Library> = {},
  mayOpen: (attempt: { traineeId: string }) => boolean = () => true,
) {
  const played = { ...library, ...libraryChange };
  const store: AttemptStore = createMemoryStore('unit test');
  const attempt = await store.createAttempt({
    traineeId: 't',
    scenarioId: written.id,
    scenarioHash: contentHash(written),
    profileId: center.id,
    callTime: '14:00',
    mode: 'practice',
    ...change,
  });
  return openCall({ library: played, scenarios: played.scenarios, store, mayOpen }, attempt.id);
}

describe('openCall', () => {
  it('claims the call it opens: its writes carry the next revision', async () => {
    const call = await opened({});
    if (call.kind !== 'ready') throw new Error(call.kind);
    expect(call.setup.attempt.revision).toBe(1);
    const again = await call.store.claimAttempt(call.setup.attempt.id);
    expect(again).toMatchObject({ ok: true, attempt: { revision: 2 } });
  });

  it('does not open, nor claim, another trainee’s call', async () => {
    const call = await opened({ traineeId: 'someone-else' }, {}, (a) => a.traineeId === 't');
    expect(call).toEqual({
      kind: 'problem',
      message: "This call is another trainee's: it opens only in their profile.",
    });
  });

  it('plays the call as written when the attempt has no variant', async () => {
    const call = await opened({});
    if (call.kind !== 'ready') throw new Error(call.kind);
    expect(call.setup.scenario).toBe(written);
  });

  it('plays the attempt’s surface variant: its CAD details and wording', async () => {
    const call = await opened({ variant: 'ridge' });
    if (call.kind !== 'ready') throw new Error(call.kind);
    expect(call.setup.scenario.cad.address).toBe('40 Ridge Rd');
    expect(call.setup.scenario.defaultResponses[0]?.say[0]).toMatchObject({
      id: 'address',
      text: '40 Ridge Road.',
      audio: 'test-scenario/address-ridge',
    });
    expect(call.setup.attempt.variant).toBe('ridge');
  });

  it('names the variant when the library no longer has it, and opens nothing', async () => {
    const withoutIt = scenario();
    const call = await opened(
      { variant: 'ridge', scenarioHash: contentHash(withoutIt) },
      { scenarios: [withoutIt] },
    );
    expect(call).toEqual({
      kind: 'problem',
      message:
        'The scenario "Test scenario" no longer has the variant "ridge" this call was played with. Discard it from the library page and start again.',
    });
  });

  it('blames the question bank, not the scenario, when the bank did not load (and then no scenario loads either)', async () => {
    const call = await opened({}, { scenarios: [], questions: undefined });
    expect(call).toEqual({
      kind: 'problem',
      message:
        'No call can be opened while the question bank cannot be loaded: the library page says what is wrong with it. This call is kept.',
    });
  });
});
