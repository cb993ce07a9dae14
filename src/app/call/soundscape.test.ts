// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock } from 'xstate';
import type { Scenario } from '$core/format/scenario';
import { contentHash } from '$core/review/content-hash';
import { line, withStates } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { FakePlayer } from '../platform/audio/fake-player';
import { createMemoryStore } from '../platform/storage/memory-store';
import type { AttemptRecord, AttemptStore } from '../platform/storage/types';
import { CallController } from './call-controller.svelte';

const center = profile('embedded-clinician-day');
const questions = bundledQuestions();
const clip = (id: string) => `test-scenario/${id}`;
const TV = { audio: 'sounds/tv', levelDb: -24 };
const PARTY = { audio: 'sounds/party', levelDb: -12 };
const HALLWAY = { audio: 'sounds/music-behind-door', levelDb: -22 };

/**
 * A caller in a room with the TV on. Asked about a weapon, a knock at the door; asked their address,
 * they walk away from a party into a hallway; left alone 30 s, they drop the phone and hang up.
 */
function noisyCall(): Scenario {
  return withStates(
    {
      opening: {
        lines: [line('open', 'Hello? Can you hear me?')],
        responses: [
          {
            on: { type: 'ask', question: 'safety.weapon' },
            say: [
              line('door', '(pounding on a door) Someone is at the door!', {
                sound: { audio: 'sounds/pounding-door', levelDb: -6 },
              }),
            ],
          },
          {
            on: { type: 'ask', question: 'case.address' },
            say: [line('moving', 'Hold on— (moving, the music fades) 12 Elm.', { background: HALLWAY })],
          },
        ],
        timeouts: [
          {
            afterSeconds: 30,
            say: [
              line('drop', 'I have to— (the phone clatters to the floor)', {
                sound: { audio: 'sounds/phone-drop', levelDb: 0, at: 'end' },
              }),
              line('dead', '(wood splintering, a scream; the line goes dead)', {
                audio: 'sounds/door-break',
              }),
            ],
            goto: 'hung-up',
          },
        ],
      },
      'hung-up': { end: 'hangup' },
    },
    { caller: { description: 'Sister, 30s', voice: 'female-1', background: TV } },
  );
}

const controllers: CallController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
});

async function open(
  played: Scenario,
  player: FakePlayer,
  resume?: { store: AttemptStore; attempt: AttemptRecord },
) {
  const store = resume?.store ?? createMemoryStore('unit test');
  const attempt =
    resume?.attempt ??
    (await store.createAttempt({
      traineeId: 'trainee',
      scenarioId: played.id,
      scenarioHash: contentHash(played),
      profileId: center.id,
      callTime: '14:00',
      mode: 'practice',
    }));
  const clock = new SimulatedClock();
  const controller = new CallController({
    scenario: played,
    profile: center,
    questions,
    attempt,
    store,
    player,
    clock,
  });
  controllers.push(controller);
  return { controller, clock, store, attempt };
}

describe('Soundscape: the bed under the caller', () => {
  it("loops the caller's bed at its level from the answer, not while the line rings, and stops it when the call ends", async () => {
    const player = new FakePlayer();
    const { controller } = await open(noisyCall(), player);
    expect(player.looping).toBeUndefined();
    controller.act({ type: 'answer' });
    expect(player.looping).toEqual({ ref: 'sounds/tv', gainDb: -24 });
    controller.act({ type: 'ask', question: 'safety.weapon' });
    // Caller lines come and go over one bed, started once.
    expect(player.calls.filter((c) => c.method === 'loop')).toHaveLength(1);
    controller.act({ type: 'end' });
    expect(player.looping).toBeUndefined();
  });

  it('moves to the bed a line brings when that line starts, and keeps it after', async () => {
    const player = new FakePlayer({ startImmediately: false });
    const { controller } = await open(noisyCall(), player);
    controller.act({ type: 'answer' });
    player.start(); // the opening line
    controller.act({ type: 'ask', question: 'case.address' });
    // Not while the caller's words are still loading: the move is heard with them.
    expect(player.looping).toEqual({ ref: 'sounds/tv', gainDb: -24 });
    player.start();
    expect(player.loading).toBeUndefined();
    expect(player.looping).toEqual({ ref: HALLWAY.audio, gainDb: HALLWAY.levelDb });
    player.finish();
    controller.act({ type: 'ask', question: 'safety.weapon' });
    expect(player.looping).toEqual({ ref: HALLWAY.audio, gainDb: HALLWAY.levelDb });
  });

  it('picks a reloaded call up with the bed its last line set', async () => {
    const first = new FakePlayer();
    const played = noisyCall();
    const { controller, store, attempt } = await open(played, first);
    controller.act({ type: 'answer' });
    controller.act({ type: 'ask', question: 'case.address' });
    const saved = await vi.waitFor(async () => {
      const record = await store.getAttempt(attempt.id);
      expect(JSON.stringify(record?.saved)).toContain(clip('moving'));
      return record!;
    });
    controller.dispose();
    expect(first.looping).toBeUndefined();

    const again = new FakePlayer();
    await open(played, again, { store, attempt: saved });
    expect(again.looping).toEqual({ ref: HALLWAY.audio, gainDb: HALLWAY.levelDb });
  });

  it('plays no bed for a caller somewhere quiet', async () => {
    const quiet = withStates({
      opening: { lines: [line('open')], responses: [], timeouts: [], routing: true },
    });
    const player = new FakePlayer();
    const { controller } = await open(quiet, player);
    controller.act({ type: 'answer' });
    expect(player.calls.filter((c) => c.method === 'loop' || c.method === 'playUnder')).toEqual([]);
  });

  it('stops and lets go of the player when the call is closed', async () => {
    const player = new FakePlayer();
    const listeners = player.listenerCount;
    const { controller } = await open(noisyCall(), player);
    controller.act({ type: 'answer' });
    controller.dispose();
    expect(player.looping).toBeUndefined();
    expect(player.listenerCount).toBe(listeners);
  });
});

describe('Soundscape: sounds a line describes', () => {
  it("plays a line's sound at its level as the words start, and not before", async () => {
    const player = new FakePlayer({ startImmediately: false });
    const { controller } = await open(noisyCall(), player);
    controller.act({ type: 'answer' });
    player.start();
    player.finish();
    controller.act({ type: 'ask', question: 'safety.weapon' });
    expect(player.playedUnder).toEqual([]);
    player.start();
    expect(player.playing).toBe(clip('door'));
    expect(player.playedUnder).toEqual([{ ref: 'sounds/pounding-door', gainDb: -6 }]);
  });

  it('when the caller hangs up: their last words are heard, the phone drops as they end, a stage-direction line plays its sound, then the bed stops', async () => {
    const player = new FakePlayer({ startImmediately: false });
    const { controller, clock } = await open(noisyCall(), player);
    controller.act({ type: 'answer' });
    player.start();
    player.finish();
    clock.increment(31_000);
    controller.act({ type: 'note', text: 'time passes' });
    expect(controller.phase).toBe('disconnected');

    expect(player.loading).toBe(clip('drop'));
    player.start();
    expect(player.playedUnder).toEqual([]);
    player.finish();
    expect(player.playedUnder).toEqual([{ ref: 'sounds/phone-drop', gainDb: 0 }]);
    // The stage direction is its own sound clip, played as the line: not an empty stretch of line.
    expect(player.loading).toBe('sounds/door-break');
    expect(player.looping).toEqual({ ref: 'sounds/tv', gainDb: -24 });
    player.start();
    player.finish();
    expect(player.looping).toBeUndefined();
  });

  it('stops the bed at once when the caller hangs up without a word', async () => {
    const silent = withStates(
      {
        opening: {
          lines: [line('open')],
          responses: [],
          timeouts: [{ afterSeconds: 10, goto: 'hung-up' }],
        },
        'hung-up': { end: 'hangup' },
      },
      { caller: { description: 'Sister, 30s', voice: 'female-1', background: PARTY } },
    );
    const player = new FakePlayer();
    const { controller, clock } = await open(silent, player);
    controller.act({ type: 'answer' });
    expect(player.looping).toEqual({ ref: PARTY.audio, gainDb: PARTY.levelDb });
    clock.increment(11_000);
    controller.act({ type: 'note', text: 'hello?' });
    expect(controller.phase).toBe('disconnected');
    expect(player.looping).toBeUndefined();
  });
});
