// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock } from 'xstate';
import type { LogEntry } from '$core/engine/events';
import { CallSession } from '$core/engine/session';
import type { Scenario } from '$core/format/scenario';
import { contentHash } from '$core/review/content-hash';
import { scoreAttempt, type ScoreReport } from '$core/scoring/score';
import { line, scenario, withStates } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { FakePlayer } from '../platform/audio/fake-player';
import { createMemoryStore } from '../platform/storage/memory-store';
import type { AttemptRecord, AttemptStore, AttemptWrite } from '../platform/storage/types';
import { CallController, SYSTEM_CLIPS } from './call-controller.svelte';

const center = profile('embedded-clinician-day');
const questions = bundledQuestions();
const clip = (id: string) => `test-scenario/${id}`;

const controllers: CallController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
});

/** A memory store that also keeps, in order, the log entries the controller handed it. */
function recordingStore() {
  const store = createMemoryStore('unit test');
  const appended: LogEntry[] = [];
  const writes: Promise<AttemptWrite>[] = [];
  const append = store.appendEvents.bind(store);
  vi.spyOn(store, 'appendEvents').mockImplementation((id, revision, entries, saved) => {
    appended.push(...entries);
    const write = append(id, revision, entries, saved);
    writes.push(write);
    return write;
  });
  return { store, appended, written: () => Promise.all(writes) };
}

function newAttempt(store: AttemptStore, played: Scenario): Promise<AttemptRecord> {
  return store.createAttempt({
    traineeId: 'trainee',
    scenarioId: played.id,
    scenarioHash: contentHash(played),
    profileId: center.id,
    callTime: '14:00',
    mode: 'practice',
  });
}

async function stored(store: AttemptStore, id: string): Promise<AttemptRecord> {
  const record = await store.getAttempt(id);
  if (!record) throw new Error(`attempt ${id} is not stored`);
  return record;
}

interface Options {
  scenario?: Scenario;
  store?: AttemptStore;
  attempt?: AttemptRecord;
  player?: FakePlayer;
  clock?: SimulatedClock;
}

/** Opens a call as the call page does, on a fake player and a simulated clock. */
async function open(options: Options = {}) {
  const played = options.scenario ?? scenario();
  const store = options.store ?? createMemoryStore('unit test');
  const attempt = options.attempt ?? (await newAttempt(store, played));
  const player = options.player ?? new FakePlayer();
  const clock = options.clock ?? new SimulatedClock();
  const finished: ScoreReport[] = [];
  let reported: (report: ScoreReport) => void = () => undefined;
  /** Resolves with the report passed to onFinished (the attempt is stored as finished by then). */
  const whenFinished = new Promise<ScoreReport>((resolve) => (reported = resolve));
  const controller = new CallController({
    scenario: played,
    profile: center,
    questions,
    attempt,
    store,
    player,
    clock,
    onFinished: (report) => {
      finished.push(report);
      reported(report);
    },
  });
  controllers.push(controller);
  return { controller, store, attempt, player, clock, finished, whenFinished };
}

describe('CallController: the caller heard through the player', () => {
  it('rings every few seconds until answered, and not after', async () => {
    const { controller, player, clock } = await open();
    expect(player.played).toEqual([SYSTEM_CLIPS.ring]);
    player.finish(); // 2 s of tone, then silence until the next ring
    clock.increment(4_000);
    expect(player.played).toEqual([SYSTEM_CLIPS.ring, SYSTEM_CLIPS.ring]);
    // Answered mid-ring: the ring stops and the caller speaks at once.
    controller.act({ type: 'answer' });
    expect(player.playing).toBe(clip('open'));
    player.finish();
    clock.increment(4_000);
    clock.increment(4_000);
    expect(player.played.filter((ref) => ref === SYSTEM_CLIPS.ring)).toHaveLength(2);
  });

  it('plays a burst of caller lines one after another; an unavailable clip is marked and skipped', async () => {
    const talkative = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          {
            on: { type: 'ask', question: 'safety.weapon' },
            say: [line('no-weapon'), line('kitchen'), line('scared')],
            goto: 'screened',
          },
        ],
        timeouts: [],
      },
    });
    const player = new FakePlayer({ unavailable: [clip('kitchen')] });
    const { controller, clock } = await open({ scenario: talkative, player });

    controller.act({ type: 'answer' });
    expect(controller.playing).toBe(clip('open'));
    player.finish();
    expect(controller.playing).toBeUndefined();

    controller.act({ type: 'ask', question: 'safety.weapon' });
    // Only the first line of the answer starts; the rest wait for it.
    expect(player.played.at(-1)).toBe(clip('no-weapon'));
    expect(controller.playing).toBe(clip('no-weapon'));
    player.finish();
    // "kitchen" has no clip: it is marked, its caption shows at once, and it holds the floor for
    // the time it would take to say before the next line plays.
    expect(controller.unavailableClips).toEqual(new Set([clip('kitchen')]));
    expect(controller.callerLines.at(-1)?.line.id).toBe('kitchen');
    expect(controller.playing).toBeUndefined();
    clock.increment(1_199);
    expect(controller.callerLines.at(-1)?.line.id).toBe('kitchen');
    clock.increment(1);
    expect(controller.playing).toBe(clip('scared'));
    player.finish();
    expect(controller.playing).toBe(clip('screened'));
    player.finish();

    expect(player.played).toEqual([
      SYSTEM_CLIPS.ring,
      clip('open'),
      clip('no-weapon'),
      clip('kitchen'),
      clip('scared'),
      clip('screened'),
    ]);
    expect(controller.callerLines.map((e) => e.line.id)).toEqual([
      'open',
      'no-weapon',
      'kitchen',
      'scared',
      'screened',
    ]);
  });

  it('shows a caption only when its clip starts playing, and the next line only after it', async () => {
    const player = new FakePlayer({ startImmediately: false });
    const { controller } = await open({ player });
    player.start(); // the ring
    controller.act({ type: 'answer' });
    expect(player.loading).toBe(clip('open'));
    expect(controller.callerLines).toEqual([]);
    player.start();
    expect(controller.callerLines.map((e) => e.line.id)).toEqual(['open']);
  });

  it('a question over a caller who stops cuts the clip; the caller answers the question', async () => {
    const talkative = withStates({
      opening: {
        lines: [line('open'), line('more')],
        responses: [{ on: { type: 'ask', question: 'case.address' }, say: [line('address')] }],
        timeouts: [],
      },
    });
    const { controller, player } = await open({ scenario: talkative });
    controller.act({ type: 'answer' });
    expect(controller.playing).toBe(clip('open'));
    controller.act({ type: 'ask', question: 'case.address' });
    expect(player.playing).toBe(clip('address'));
    expect(controller.callerLines.map((e) => e.line.id)).toEqual(['open', 'address']);
    expect(controller.log.some((e) => e.kind === 'caller' && e.unsaid && e.line.id === 'more')).toBe(true);
  });

  it('a question over a caller who keeps talking waits for the pause, and is shown as waiting', async () => {
    const talkative = withStates(
      {
        opening: {
          lines: [line('open')],
          responses: [{ on: { type: 'ask', question: 'case.address' }, say: [line('address')] }],
          timeouts: [],
        },
      },
      { caller: { description: 'Sister, 30s', voice: 'female-1', whenInterrupted: 'keeps-talking' } },
    );
    const { controller, player } = await open({ scenario: talkative });
    controller.act({ type: 'answer' });
    expect(controller.act({ type: 'ask', question: 'case.address' })).toBe(true);
    expect(controller.waiting).toEqual([{ type: 'ask', question: 'case.address' }]);
    expect(player.playing).toBe(clip('open'));
    player.finish();
    expect(controller.waiting).toEqual([]);
    expect(player.playing).toBe(clip('address'));
  });

  it('replays the last caller line on request', async () => {
    const { controller, player } = await open();
    controller.act({ type: 'answer' });
    player.finish();
    controller.replayLastLine();
    expect(player.played.slice(-2)).toEqual([clip('open'), clip('open')]);
  });
});

describe('CallController: the record', () => {
  it('hands every entry to the store as it happens, and nothing for a refused action', async () => {
    const { store, appended, written } = recordingStore();
    const { controller, attempt, clock } = await open({ store });

    controller.act({ type: 'answer' });
    expect(appended).toEqual(controller.log);
    clock.increment(3_000);
    controller.act({ type: 'note', text: 'brother texting' });
    expect(appended).toEqual(controller.log);
    expect(appended.at(-1)).toMatchObject({ kind: 'trainee', at: 3_000 });

    const before = appended.length;
    expect(controller.act({ type: 'answer' })).toBe(false);
    expect(appended).toHaveLength(before);

    await written();
    expect(await store.events(attempt.id)).toEqual(controller.log);
    expect((await stored(store, attempt.id)).saved?.at).toBe(3_000);
  });

  it('scores the call when it ends, stores the report and finishes the attempt, once', async () => {
    const { controller, store, attempt, finished, whenFinished } = await open();
    controller.act({ type: 'answer' });
    controller.act({ type: 'ask', question: 'safety.weapon' });
    controller.act({ type: 'ask', question: 'case.address' });
    controller.act({ type: 'priority', priority: 3 });
    controller.act({ type: 'end' });

    const report = controller.report;
    expect(report).toEqual(
      scoreAttempt({
        scenario: scenario(),
        profile: center,
        questions,
        log: controller.log,
        callTime: '14:00',
      }),
    );
    expect(await whenFinished).toBe(report);
    expect(await stored(store, attempt.id)).toMatchObject({ status: 'finished', report });
    expect((await store.events(attempt.id)).at(-1)).toMatchObject({ kind: 'system', event: 'ended' });

    expect(controller.act({ type: 'end' })).toBe(false);
    expect(finished).toHaveLength(1);
  });

  it('scores a call that ended but was never marked finished (the tab closed in between) when reopened', async () => {
    const store = createMemoryStore('unit test');
    const attempt = await newAttempt(store, scenario());
    const session = new CallSession(scenario(), new SimulatedClock());
    session.send({ type: 'answer' });
    session.send({ type: 'end' });
    await store.appendEvents(attempt.id, 0, session.log, session.save());
    session.stop();
    const ended = await stored(store, attempt.id);
    expect(ended.status).toBe('in-progress');

    const { whenFinished } = await open({ store, attempt: ended });
    const report = await whenFinished;
    expect(report.scenarioId).toBe('test-scenario');
    expect(await stored(store, attempt.id)).toMatchObject({ status: 'finished', report });
  });
});

describe('CallController: resuming after a reload', () => {
  it('resumes with the same log and exactly the time the call had left', async () => {
    const { store, written } = recordingStore();
    const first = await open({ store });
    first.controller.act({ type: 'answer' });
    first.clock.increment(4_000);
    first.controller.act({ type: 'note', text: 'alone at home' });
    first.clock.increment(1_500);
    // The page goes away 5.5 s into the call, between two checkpoints, 24.5 s before the caller
    // would give up.
    dispatchEvent(new Event('pagehide'));
    await written();
    first.controller.dispose();

    const saved = await stored(store, first.attempt.id);
    const later = new SimulatedClock();
    later.set(3_600_000);
    const second = await open({ store, attempt: saved, clock: later });
    expect(second.controller.log).toEqual(first.controller.log);
    expect(second.controller.phase).toBe('live');
    expect(second.controller.elapsedMs).toBe(5_500);
    // A resumed call does not ring again.
    expect(second.player.played).toEqual([]);

    later.increment(24_499);
    expect(second.controller.phase).toBe('live');
    later.increment(1);
    expect(second.controller.phase).toBe('disconnected');
    expect(second.controller.log.find((e) => e.kind === 'system' && e.event === 'timeout')?.at).toBe(30_000);
  });
});

describe('CallController: the call clock', () => {
  it('is saved every few seconds while nothing happens, so a closed tab loses little time', async () => {
    const { store, written } = recordingStore();
    const { controller, attempt, clock } = await open({ store });
    controller.act({ type: 'answer' });
    clock.increment(10_000);
    expect(controller.elapsedMs).toBe(10_000);
    await written();
    expect((await stored(store, attempt.id)).saved?.at).toBe(10_000);
  });
});

describe('CallController: what the trainee can do', () => {
  it('accepts an action only when the call can take it', async () => {
    const { controller } = await open();
    expect(controller.can({ type: 'ask', question: 'safety.weapon' })).toBe(false);
    expect(controller.act({ type: 'ask', question: 'safety.weapon' })).toBe(false);
    expect(controller.log).toEqual([]);
    expect(controller.can({ type: 'answer' })).toBe(true);

    expect(controller.act({ type: 'answer' })).toBe(true);
    expect(controller.can({ type: 'answer' })).toBe(false);
    expect(controller.can({ type: 'ask', question: 'safety.weapon' })).toBe(true);

    controller.act({ type: 'end' });
    const final = controller.log;
    expect(controller.can({ type: 'note', text: 'late' })).toBe(false);
    expect(controller.act({ type: 'note', text: 'late' })).toBe(false);
    expect(controller.log).toBe(final);
  });

  it('once disposed, stops listening, ringing and timing the call', async () => {
    const { store, appended } = recordingStore();
    const { controller, player, clock } = await open({ store });
    controller.dispose();
    expect(player.listenerCount).toBe(0);
    const played = player.played.length;
    clock.increment(60_000);
    expect(player.played).toHaveLength(played);
    expect(appended).toEqual([]);
  });
});

describe('CallController: one writer per call', () => {
  it('stops, saving nothing more, once the call was opened again elsewhere', async () => {
    const store = createMemoryStore('unit test');
    const attempt = await newAttempt(store, scenario());
    const claim = await store.claimAttempt(attempt.id);
    if (!claim.ok) throw new Error(claim.why);
    const { controller } = await open({ store, attempt: claim.attempt });
    controller.act({ type: 'answer' });
    await vi.waitFor(async () => expect((await store.events(attempt.id)).length).toBeGreaterThan(0));
    const kept = await store.events(attempt.id);

    await store.claimAttempt(attempt.id); // another tab resumes it
    controller.act({ type: 'ask', question: 'address' });
    await vi.waitFor(() => expect(controller.stopped).toBe('stale'));

    expect(await store.events(attempt.id)).toEqual(kept);
    expect(controller.act({ type: 'ask', question: 'callback-number' })).toBe(false);
    expect(controller.can({ type: 'end' })).toBe(false);
  });

  it('does not score over a call finished elsewhere', async () => {
    const store = createMemoryStore('unit test');
    const attempt = await newAttempt(store, scenario());
    const claim = await store.claimAttempt(attempt.id);
    if (!claim.ok) throw new Error(claim.why);
    const { controller, finished } = await open({ store, attempt: claim.attempt });
    controller.act({ type: 'answer' });
    await store.discardAttempt(attempt.id); // ended in another tab

    controller.act({ type: 'end' });
    await vi.waitFor(() => expect(controller.stopped).toBe('finished'));
    expect(finished).toEqual([]);
    expect(controller.report).toBeUndefined();
    expect(await store.getAttempt(attempt.id)).toMatchObject({ status: 'finished' });
    expect((await store.getAttempt(attempt.id))?.report).toBeUndefined();
  });
});
