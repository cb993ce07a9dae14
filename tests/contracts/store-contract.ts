import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import { hashPin, verifyPin } from '$core/records/pin';
import { parseRecordsFile, type RecordsFile } from '$core/records/records-file';
import { resultOf, summaryOf } from '$core/records/summary';
import type { ScoreReport } from '$core/scoring/score';
import { COLD_TRANSFER, TEXTBOOK, played } from '../support/records';
import type { ScriptedAction } from '$core/format/actions';
import type { AttemptRecord, AttemptStore, NewAttempt } from '$app/platform/storage/types';

// Test helper (not app code): the behaviour every AttemptStore shares, registered by each store's spec.

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

/** The trainee attempts belong to unless a test says otherwise (the store does not check it exists). */
export const TRAINEE = 'trainee-a';

export function newAttempt(scenarioId = 'si-no-means-clinician', traineeId = TRAINEE): NewAttempt {
  return {
    traineeId,
    scenarioId,
    scenarioHash: `hash-${scenarioId}`,
    profileId: 'default',
    callTime: '14:30',
    mode: 'practice',
  };
}

export function entry(seq: number): LogEntry {
  return seq % 2
    ? { seq, at: seq * 1000, state: 'opening', kind: 'trainee', action: { type: 'ask', question: `q${seq}` } }
    : { seq, at: seq * 1000, state: 'opening', kind: 'system', event: 'timeout' };
}

export function entries(from: number, to: number): LogEntry[] {
  return Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
}

export function saved(at: number, scenarioId = 'si-no-means-clinician'): SavedCall {
  return { scenarioId, at, snapshot: { status: 'active', output: undefined, error: undefined } };
}

export function report(scenarioId = 'si-no-means-clinician', total = 84.5): ScoreReport {
  return {
    scoringVersion: 1,
    scenarioId,
    profileId: 'default',
    callTime: '14:30',
    total,
    level: 'compliant',
    levelLabel: 'Compliant',
    categories: [{ id: 'routing', label: 'Routing decision', weight: 30, earned: 30, applicable: true }],
    criticalErrors: [],
    pointsLost: [],
    expected: {
      best: { resources: ['embedded-clinician'], disposition: 'clinician-phone' },
      acceptable: [],
      policeRequired: false,
      emsRequired: false,
      priority: 3,
      priorityLabel: 'P3',
      reasons: [],
    },
    decision: { resources: ['embedded-clinician'], priority: 3, callType: undefined, routedAtMs: 42_000 },
  };
}

/** Plays the factory call for real, stores it as one trainee's attempt and finishes it with its report. */
export async function playedAttempt(
  store: AttemptStore,
  traineeId: string,
  actions: readonly ScriptedAction[] = TEXTBOOK,
): Promise<AttemptRecord> {
  const { log, report } = played(actions);
  const attempt = await store.createAttempt({
    ...newAttempt(report.scenarioId, traineeId),
    profileId: report.profileId,
    callTime: report.callTime,
  });
  const end = log.at(-1)?.at ?? 0;
  await store.appendEvents(attempt.id, 0, log.slice(0, 3), saved(log[2]?.at ?? 0, report.scenarioId));
  await store.appendEvents(attempt.id, 0, log.slice(3), saved(end, report.scenarioId));
  later();
  await store.finishAttempt(attempt.id, 0, report, saved(end, report.scenarioId));
  return (await store.getAttempt(attempt.id))!;
}

/** Through JSON and back, as a file on another device would be. */
export function viaFile(file: RecordsFile): RecordsFile {
  const parsed = parseRecordsFile(JSON.stringify(file), 'records.json');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
}

/** What a file carries of an attempt: not its resume state, nor what only its device keeps. */
const asExported = ({ saved: _saved, imported: _imported, revision: _revision, ...rest }: AttemptRecord) =>
  rest;

/** Moves the (faked) wall clock forward. */
export function later(ms = 1000): void {
  vi.setSystemTime(Date.now() + ms);
}

/** Registers the AttemptStore contract tests for stores made by `open` (a fresh, empty store each call). */
export function storeContract(open: () => Promise<AttemptStore>): void {
  describe('AttemptStore contract', () => {
    beforeEach(() => {
      // Only Date: fake-indexeddb schedules with real timers.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('appends events idempotently by seq and returns the log in seq order', async () => {
      const store = await open();
      const attempt = await store.createAttempt(newAttempt());
      expect(attempt).toMatchObject({
        status: 'in-progress',
        startedAt: T0,
        updatedAt: T0,
        scenarioHash: 'hash-si-no-means-clinician',
      });

      later();
      await store.appendEvents(attempt.id, 0, entries(1, 3), saved(3000));
      later();
      await store.appendEvents(attempt.id, 0, entries(2, 5), saved(5000)); // 2 and 3 again
      later();
      await store.appendEvents(attempt.id, 0, [entry(7), entry(6), entry(5)], saved(7000)); // out of order, 5 again
      await store.appendEvents(attempt.id, 0, [], saved(7000));

      expect(await store.events(attempt.id)).toEqual(entries(1, 7));
      const updated = await store.getAttempt(attempt.id);
      expect(updated?.saved).toEqual(saved(7000));
      expect(updated?.updatedAt).toBe(T0 + 3000);
      expect(updated?.startedAt).toBe(T0);
    });

    it('keeps each attempt’s log apart', async () => {
      const store = await open();
      const a = await store.createAttempt(newAttempt('a'));
      const b = await store.createAttempt(newAttempt('b'));
      await store.appendEvents(a.id, 0, entries(1, 2), saved(2000, 'a'));
      await store.appendEvents(b.id, 0, entries(1, 4), saved(4000, 'b'));
      expect(await store.events(a.id)).toEqual(entries(1, 2));
      expect(await store.events(b.id)).toEqual(entries(1, 4));
      expect(await store.events('no-such-attempt')).toEqual([]);
      expect(await store.getAttempt('no-such-attempt')).toBeUndefined();
    });

    it('finishes an attempt with its report, lists newest first, and offers only an in-progress one to resume', async () => {
      const store = await open();
      expect(await store.latestInProgress()).toBeUndefined();
      const first = await store.createAttempt(newAttempt('first'));
      later();
      const second = await store.createAttempt(newAttempt('second'));
      later();
      const third = await store.createAttempt(newAttempt('third'));

      expect((await store.listAttempts()).map((a) => a.scenarioId)).toEqual(['third', 'second', 'first']);
      expect((await store.latestInProgress())?.id).toBe(third.id);

      later();
      await store.finishAttempt(third.id, 0, report('third'), saved(9000, 'third'));
      const done = await store.getAttempt(third.id);
      expect(done).toMatchObject({
        status: 'finished',
        finishedAt: Date.now(),
        report: report('third'),
        saved: saved(9000, 'third'),
      });
      expect((await store.latestInProgress())?.id).toBe(second.id);

      // The one played last is offered, even if it started earlier.
      later();
      await store.appendEvents(first.id, 0, entries(1, 1), saved(1000, 'first'));
      expect((await store.latestInProgress())?.id).toBe(first.id);
      expect((await store.listAttempts()).map((a) => a.scenarioId)).toEqual(['third', 'second', 'first']);
    });

    it('discards an in-progress attempt: finished, no report, kept in history', async () => {
      const store = await open();
      const attempt = await store.createAttempt(newAttempt());
      await store.appendEvents(attempt.id, 0, entries(1, 2), saved(2000));
      later();
      await store.discardAttempt(attempt.id);

      const discarded = await store.getAttempt(attempt.id);
      expect(discarded).toMatchObject({ status: 'finished', finishedAt: T0 + 1000 });
      expect(discarded?.report).toBeUndefined();
      expect(await store.latestInProgress()).toBeUndefined();
      expect((await store.listAttempts()).map((a) => a.id)).toEqual([attempt.id]);
      expect(await store.events(attempt.id)).toEqual(entries(1, 2));
    });

    it('does not let a discard wipe a finished attempt’s report', async () => {
      const store = await open();
      const attempt = await store.createAttempt(newAttempt());
      await store.finishAttempt(attempt.id, 0, report(), saved(1000));
      later();
      await store.discardAttempt(attempt.id);
      expect(await store.getAttempt(attempt.id)).toMatchObject({ report: report(), finishedAt: T0 });
    });

    it('refuses writes for an unknown attempt, saying so, without rejecting', async () => {
      const store = await open();
      await expect(store.appendEvents('no-such-attempt', 0, entries(1, 1), saved(0))).resolves.toBe(
        'missing',
      );
      await expect(store.finishAttempt('no-such-attempt', 0, report(), saved(0))).resolves.toBe('missing');
      await store.discardAttempt('no-such-attempt');
      expect(await store.getAttempt('no-such-attempt')).toBeUndefined();
      expect(await store.listAttempts()).toEqual([]);
    });

    describe('one writer per attempt', () => {
      it('claims an attempt in progress with the next revision; writes with an older one are refused and change nothing', async () => {
        const store = await open();
        const attempt = await store.createAttempt(newAttempt());
        const first = await store.claimAttempt(attempt.id);
        if (!first.ok) throw new Error(first.why);
        expect(first.attempt.revision).toBe(1);
        await expect(store.appendEvents(attempt.id, 1, entries(0, 2), saved(2000))).resolves.toBe('ok');

        const second = await store.claimAttempt(attempt.id);
        if (!second.ok) throw new Error(second.why);
        expect(second.attempt.revision).toBe(2);
        expect(second.attempt.saved).toEqual(saved(2000));

        // The first opening, out of date, tries to go on: nothing of it is kept.
        await expect(store.appendEvents(attempt.id, 1, entries(3, 4), saved(4000))).resolves.toBe('stale');
        await expect(store.appendEvents(attempt.id, 1, [], saved(9000))).resolves.toBe('stale');
        await expect(store.finishAttempt(attempt.id, 1, report(), saved(4000))).resolves.toBe('stale');
        expect((await store.events(attempt.id)).map((e) => e.seq)).toEqual([0, 1, 2]);
        expect(await store.getAttempt(attempt.id)).toMatchObject({
          status: 'in-progress',
          saved: saved(2000),
        });

        await expect(store.appendEvents(attempt.id, 2, entries(3, 3), saved(3000))).resolves.toBe('ok');
        expect((await store.events(attempt.id)).map((e) => e.seq)).toEqual([0, 1, 2, 3]);
      });

      it('never rewrites a finished attempt: no claim, no append, no second finish', async () => {
        const store = await open();
        const attempt = await store.createAttempt(newAttempt());
        const claim = await store.claimAttempt(attempt.id);
        if (!claim.ok) throw new Error(claim.why);
        await store.appendEvents(attempt.id, 1, entries(0, 1), saved(1000));
        await expect(
          store.finishAttempt(attempt.id, 1, report('si-no-means-clinician', 24.1), saved(1000)),
        ).resolves.toBe('ok');

        await expect(store.claimAttempt(attempt.id)).resolves.toEqual({ ok: false, why: 'finished' });
        await expect(store.appendEvents(attempt.id, 1, entries(2, 3), saved(3000))).resolves.toBe('finished');
        await expect(
          store.finishAttempt(attempt.id, 1, report('si-no-means-clinician', 15.6), saved(3000)),
        ).resolves.toBe('finished');
        expect((await store.getAttempt(attempt.id))?.report?.total).toBe(24.1);
        expect((await store.events(attempt.id)).map((e) => e.seq)).toEqual([0, 1]);
      });

      it('refuses the writes of an opening after its call was discarded', async () => {
        const store = await open();
        const attempt = await store.createAttempt(newAttempt());
        await store.claimAttempt(attempt.id);
        await store.discardAttempt(attempt.id);
        await expect(store.appendEvents(attempt.id, 1, entries(0, 0), saved(0))).resolves.toBe('finished');
        await expect(store.claimAttempt(attempt.id)).resolves.toEqual({ ok: false, why: 'finished' });
        await expect(store.claimAttempt('no-such-attempt')).resolves.toEqual({ ok: false, why: 'missing' });
      });
    });

    it('hands out copies: changing a returned record or a sent entry changes nothing stored', async () => {
      const store = await open();
      const attempt = await store.createAttempt(newAttempt());
      const sent = entries(1, 1);
      await store.appendEvents(attempt.id, 0, sent, saved(1000));
      sent[0]!.state = 'changed';
      const got = await store.getAttempt(attempt.id);
      if (got) got.scenarioId = 'changed';
      expect((await store.getAttempt(attempt.id))?.scenarioId).toBe('si-no-means-clinician');
      expect(await store.events(attempt.id)).toEqual(entries(1, 1));
    });

    it('lists, filters and offers to resume each trainee’s own attempts', async () => {
      const store = await open();
      const a1 = await store.createAttempt(newAttempt('a1', 'ana'));
      later();
      const b1 = await store.createAttempt(newAttempt('b1', 'ben'));
      later();
      const a2 = await store.createAttempt(newAttempt('a2', 'ana'));
      await store.finishAttempt(a2.id, 0, report('a2'), saved(1000, 'a2'));

      expect((await store.listAttempts()).map((a) => a.id)).toEqual([a2.id, b1.id, a1.id]);
      expect((await store.listAttempts({})).map((a) => a.id)).toEqual([a2.id, b1.id, a1.id]);
      expect((await store.listAttempts({ traineeId: 'ana' })).map((a) => a.id)).toEqual([a2.id, a1.id]);
      expect((await store.listAttempts({ traineeId: 'ben' })).map((a) => a.id)).toEqual([b1.id]);
      expect(await store.listAttempts({ traineeId: 'nobody' })).toEqual([]);
      expect((await store.getAttempt(a1.id))?.traineeId).toBe('ana');

      expect((await store.latestInProgress())?.id).toBe(b1.id);
      expect((await store.latestInProgress('ana'))?.id).toBe(a1.id);
      expect((await store.latestInProgress('ben'))?.id).toBe(b1.id);
      expect(await store.latestInProgress('nobody')).toBeUndefined();
    });

    it('lists summaries (no saved call; of each report its headline) as listAttempts lists the attempts, and gives reports by id', async () => {
      const store = await open();
      const scored = await playedAttempt(store, 'ana', COLD_TRANSFER);
      later();
      const going = await store.createAttempt({ ...newAttempt('going', 'ana'), variant: 'night' });
      await store.appendEvents(going.id, 0, entries(1, 2), saved(2000, 'going'));
      later();
      const gone = await store.createAttempt(newAttempt('gone', 'ben'));
      await store.discardAttempt(gone.id);

      const summaries = await store.listSummaries();
      expect(summaries).toEqual((await store.listAttempts()).map(summaryOf));
      expect(summaries.map((s) => s.id)).toEqual([gone.id, going.id, scored.id]);
      expect(summaries.some((s) => 'saved' in s || 'report' in s)).toBe(false);
      const report = scored.report!;
      expect(report.criticalErrors.length + report.pointsLost.length).toBeGreaterThan(0);
      expect(summaries[2]!.result).toEqual(resultOf(report)); // what a summary keeps of a report: summary.test.ts
      expect(summaries[1]).toMatchObject({ status: 'in-progress', variant: 'night', updatedAt: T0 + 2000 });
      expect(summaries[1]!.result).toBeUndefined();
      expect(summaries[0]).toMatchObject({ status: 'finished', finishedAt: T0 + 3000 });
      expect(summaries[0]!.result).toBeUndefined();
      expect(await store.listSummaries({ traineeId: 'ana' })).toEqual(
        (await store.listAttempts({ traineeId: 'ana' })).map(summaryOf),
      );
      expect(await store.listSummaries({ traineeId: 'nobody' })).toEqual([]);

      // Reports: those that exist, by id; unknown ids and attempts with no report are left out.
      expect(await store.reports([going.id, scored.id, 'unknown', gone.id])).toEqual(
        new Map([[scored.id, report]]),
      );
      expect(await store.reports([])).toEqual(new Map());
      // Copies, as everything the store hands out.
      (await store.reports([scored.id])).get(scored.id)!.total = 0;
      summaries[2]!.result!.total = 0;
      expect((await store.reports([scored.id])).get(scored.id)?.total).toBe(report.total);
      expect((await store.listSummaries())[2]?.result?.total).toBe(report.total);

      // A summary follows its attempt: finished with a report, it has the headline.
      later();
      await store.finishAttempt(going.id, 0, report, saved(3000, 'going'));
      expect((await store.listSummaries({ traineeId: 'ana' }))[0]).toMatchObject({
        id: going.id,
        status: 'finished',
        result: { total: report.total },
      });
      expect((await store.reports([going.id])).get(going.id)).toEqual(report);
    });

    describe('trainee profiles', () => {
      it('starts with none; ensureTrainee makes "Trainee 1" once and then returns the oldest', async () => {
        const store = await open();
        expect(await store.listTrainees()).toEqual([]);
        const first = await store.ensureTrainee();
        expect(first).toEqual({ id: expect.any(String), name: 'Trainee 1', createdAt: T0 });
        later();
        expect(await store.ensureTrainee()).toEqual(first);
        await store.createTrainee({ name: 'Ana' });
        expect(await store.ensureTrainee()).toEqual(first);
        expect((await store.listTrainees()).map((t) => t.name)).toEqual(['Trainee 1', 'Ana']);
      });

      it('creates, lists oldest first, and changes profiles; never two with the same id', async () => {
        const store = await open();
        const ana = await store.createTrainee({
          name: ' Ana Silva ',
          badge: ' 4411 ',
          academyClass: 'Spring 2026',
        });
        expect(ana).toEqual({
          id: expect.any(String),
          name: 'Ana Silva',
          badge: '4411',
          academyClass: 'Spring 2026',
          createdAt: T0,
        });
        later();
        const ben = await store.createTrainee({ name: 'Ben', badge: '' });
        expect(ben).toEqual({ id: expect.any(String), name: 'Ben', createdAt: T0 + 1000 });
        expect(ben.id).not.toBe(ana.id);
        expect(await store.listTrainees()).toEqual([ana, ben]);
        expect(await store.getTrainee(ben.id)).toEqual(ben);
        expect(await store.getTrainee('nobody')).toBeUndefined();

        const renamed = await store.updateTrainee(ana.id, { name: 'Ana S.', badge: null });
        expect(renamed).toEqual({ id: ana.id, name: 'Ana S.', academyClass: 'Spring 2026', createdAt: T0 });
        expect(await store.getTrainee(ana.id)).toEqual(renamed);
        expect(await store.listTrainees()).toEqual([renamed, ben]);
      });

      it('rejects details that cannot be saved, and an unknown profile, changing nothing', async () => {
        const store = await open();
        await expect(store.createTrainee({ name: '   ' })).rejects.toThrow('A trainee needs a name.');
        expect(await store.listTrainees()).toEqual([]);
        const ana = await store.createTrainee({ name: 'Ana' });
        await expect(store.updateTrainee(ana.id, { name: '' })).rejects.toThrow('A trainee needs a name.');
        await expect(store.updateTrainee('nobody', { name: 'X' })).rejects.toThrow(
          'No trainee profile with id "nobody" is stored in this browser.',
        );
        expect(await store.listTrainees()).toEqual([ana]);
      });

      it('keeps a PIN hash that still verifies, and removes it on request', async () => {
        const store = await open();
        const pin = await hashPin('8642', { iterations: 100_000 });
        const ana = await store.createTrainee({ name: 'Ana', pin });
        const stored = (await store.getTrainee(ana.id))!.pin!;
        expect(stored).toEqual(pin);
        expect(await verifyPin('8642', stored)).toBe(true);
        expect(await verifyPin('8641', stored)).toBe(false);
        expect(await store.updateTrainee(ana.id, { pin: null })).toEqual({
          id: ana.id,
          name: 'Ana',
          createdAt: T0,
        });
        expect((await store.getTrainee(ana.id))?.pin).toBeUndefined();
      });
    });

    describe('deleting a profile', () => {
      /** Ana: two finished calls and one in progress, two settings of her own; Ben: one finished, one in progress, his settings. */
      async function anaAndBen(store: AttemptStore) {
        const ana = await store.createTrainee({ name: 'Ana' });
        later();
        const ben = await store.createTrainee({ name: 'Ben' });
        const a1 = await playedAttempt(store, ana.id, TEXTBOOK);
        later();
        const b1 = await playedAttempt(store, ben.id);
        later();
        const a2 = await playedAttempt(store, ana.id, COLD_TRANSFER);
        later();
        const aOpen = await store.createAttempt(newAttempt('ana-going', ana.id));
        await store.appendEvents(aOpen.id, 0, entries(0, 2), saved(2000, 'ana-going'));
        later();
        const bOpen = await store.createAttempt(newAttempt('ben-going', ben.id));
        await store.appendEvents(bOpen.id, 0, entries(0, 1), saved(1000, 'ben-going'));
        for (const t of [ana, ben]) {
          await store.setSetting(`assessment-results:${t.id}`, [{ of: t.name }]);
          await store.setSetting(`refresher-session:${t.id}`, { of: t.name });
        }
        await store.setSetting('preferences', { volume: 0.5 });
        const anaSettings = [`assessment-results:${ana.id}`, `refresher-session:${ana.id}`];
        return { ana, ben, anaAttempts: [a1.id, a2.id, aOpen.id], b1, bOpen, anaSettings };
      }

      it('removes the profile, every attempt of it (finished or in progress) with its log, and the named settings; others keep theirs', async () => {
        const store = await open();
        const { ana, ben, anaAttempts, b1, bOpen, anaSettings } = await anaAndBen(store);
        const bensAttempts = await store.listAttempts({ traineeId: ben.id });
        const bensLogs = await Promise.all([b1.id, bOpen.id].map((id) => store.events(id)));
        expect(bensLogs[0]!.length).toBeGreaterThan(0);

        expect(await store.deleteTrainee(ana.id, { settings: anaSettings })).toEqual({
          trainee: ana,
          attempts: 3,
        });

        expect(await store.listTrainees()).toEqual([ben]);
        expect(await store.getTrainee(ana.id)).toBeUndefined();
        expect(await store.listAttempts({ traineeId: ana.id })).toEqual([]);
        for (const id of anaAttempts) {
          expect(await store.getAttempt(id)).toBeUndefined();
          expect(await store.events(id)).toEqual([]);
        }
        expect(await store.latestInProgress(ana.id)).toBeUndefined();
        for (const key of anaSettings) expect(await store.getSetting(key, 'gone')).toBe('gone');

        // Ben, and what belongs to no one, exactly as before.
        expect(await store.listAttempts()).toEqual(bensAttempts);
        expect(await Promise.all([b1.id, bOpen.id].map((id) => store.events(id)))).toEqual(bensLogs);
        expect((await store.latestInProgress())?.id).toBe(bOpen.id);
        expect(await store.getSetting(`assessment-results:${ben.id}`, 'gone')).toEqual([{ of: 'Ben' }]);
        expect(await store.getSetting(`refresher-session:${ben.id}`, 'gone')).toEqual({ of: 'Ben' });
        expect(await store.getSetting('preferences', {})).toEqual({ volume: 0.5 });
        expect(viaFile(await store.exportRecords([ana.id]))).toMatchObject({ trainees: [], attempts: [] });
        expect(viaFile(await store.exportRecords())).toMatchObject({
          trainees: [ben],
          attempts: [{ id: b1.id }],
        });
      });

      it('can be undone only from an export made first: importing it brings back the finished calls', async () => {
        const store = await open();
        const { ana, anaAttempts } = await anaAndBen(store);
        const file = viaFile(await store.exportRecords([ana.id]));
        await store.deleteTrainee(ana.id);
        expect(await store.importRecords(file)).toMatchObject({
          added: { trainees: 1, attempts: 2 },
          conflicts: [],
        });
        expect(await store.getTrainee(ana.id)).toEqual(ana);
        expect((await store.listAttempts({ traineeId: ana.id })).map((a) => a.id).sort()).toEqual(
          anaAttempts.slice(0, 2).sort(),
        );
      });

      it('rejects an unknown profile, or one already deleted, and deletes nothing', async () => {
        const store = await open();
        const { ana, ben } = await anaAndBen(store);
        const before = await store.listAttempts();
        await expect(store.deleteTrainee('nobody')).rejects.toThrow(
          'No trainee profile with id "nobody" is stored in this browser.',
        );
        expect(await store.listTrainees()).toEqual([ana, ben]);
        expect(await store.listAttempts()).toEqual(before);

        await store.deleteTrainee(ben.id);
        await expect(store.deleteTrainee(ben.id)).rejects.toThrow(
          `No trainee profile with id "${ben.id}" is stored in this browser.`,
        );
        expect(await store.listTrainees()).toEqual([ana]);
        expect(await store.listAttempts({ traineeId: ana.id })).toHaveLength(3);
      });

      it('can delete the last profile; ensureTrainee then makes a new "Trainee 1"', async () => {
        const store = await open();
        const first = await store.ensureTrainee();
        expect(await store.deleteTrainee(first.id)).toEqual({ trainee: first, attempts: 0 });
        expect(await store.listTrainees()).toEqual([]);
        later();
        const next = await store.ensureTrainee();
        expect(next).toEqual({ id: expect.any(String), name: 'Trainee 1', createdAt: T0 + 1000 });
        expect(next.id).not.toBe(first.id);
      });
    });

    describe('export and import', () => {
      /** Ana: two finished calls and one in progress; Ben: one finished call. */
      async function twoTrainees(store: AttemptStore) {
        const ana = await store.createTrainee({ name: 'Ana', academyClass: 'Spring 2026' });
        later();
        const ben = await store.createTrainee({ name: 'Ben' });
        const a1 = await playedAttempt(store, ana.id, TEXTBOOK);
        later();
        const a2 = await playedAttempt(store, ana.id, COLD_TRANSFER);
        later();
        const open = await store.createAttempt(newAttempt('still-going', ana.id));
        await store.appendEvents(open.id, 0, played().log.slice(0, 2), saved(3000, 'still-going'));
        later();
        const b1 = await playedAttempt(store, ben.id);
        later();
        const gone = await store.createAttempt(newAttempt('given-up', ben.id));
        await store.discardAttempt(gone.id);
        return { ana, ben, a1, a2, open, b1, gone: (await store.getAttempt(gone.id))! };
      }

      it('exports one trainee’s finished attempts with their logs, as a valid file', async () => {
        const store = await open();
        const { ana, a1, a2 } = await twoTrainees(store);
        const file = viaFile(await store.exportRecords([ana.id]));
        expect(file).toMatchObject({
          format: 'dispatch-trainer-records',
          version: 2,
          exportedAt: new Date(Date.now()).toISOString(),
        });
        expect(file.trainees).toEqual([ana]);
        expect(file.attempts.map((a) => a.id)).toEqual([a1.id, a2.id]); // oldest first; not the one in progress
        const [first] = file.attempts;
        const { saved: _saved, ...record } = a1;
        expect(first).toEqual({ ...record, events: await store.events(a1.id) });
        expect(first?.events).toEqual(played(TEXTBOOK).log);
      });

      it('exports everyone (trainer mode) without ids, and nothing for an unknown id', async () => {
        const store = await open();
        const { ana, ben, a1, a2, b1, gone } = await twoTrainees(store);
        const all = viaFile(await store.exportRecords());
        expect(all.trainees).toEqual([ana, ben]);
        expect(all.attempts.map((a) => a.id)).toEqual([a1.id, a2.id, b1.id, gone.id]);
        expect(all.attempts.at(-1)?.report).toBeUndefined(); // a discarded call: finished, no report
        expect(viaFile(await store.exportRecords([]))).toMatchObject({ trainees: [], attempts: [] });
        expect(viaFile(await store.exportRecords(['nobody']))).toMatchObject({ trainees: [], attempts: [] });
      });

      it('imports into another device everything, once: a second import adds nothing', async () => {
        const from = await open();
        const { ana, ben } = await twoTrainees(from);
        const file = viaFile(await from.exportRecords());

        const to = await open();
        expect(await to.importRecords(file)).toEqual({
          added: { trainees: 2, attempts: 4 },
          skipped: { trainees: 0, attempts: 0 },
          conflicts: [],
          marks: Array.from({ length: 4 }, () => ({
            at: Date.now(),
            score: 'as-imported',
            why: 'imported without re-scoring',
          })),
        });
        expect(await to.listTrainees()).toEqual([ana, ben]);
        const finishedThere = (await from.listAttempts()).filter((a) => a.status === 'finished');
        const importedHere = await to.listAttempts();
        expect(importedHere.map((a) => a.imported?.score)).toEqual([
          'as-imported',
          'as-imported',
          'as-imported',
          'as-imported',
        ]);
        expect(importedHere.map(asExported)).toEqual(finishedThere.map(asExported));
        for (const attempt of finishedThere) {
          expect(await to.events(attempt.id)).toEqual(await from.events(attempt.id));
        }
        expect((await to.listAttempts({ traineeId: ben.id })).map((a) => a.scenarioId)).toEqual([
          'given-up',
          'test-scenario',
        ]);
        expect(await to.latestInProgress()).toBeUndefined();

        expect(await to.importRecords(file)).toEqual({
          added: { trainees: 0, attempts: 0 },
          skipped: { trainees: 2, attempts: 4 },
          conflicts: [],
          marks: [],
        });
        expect(await to.listAttempts()).toHaveLength(4);
        // And back: the device it came from already has all of it.
        expect(await from.importRecords(viaFile(await to.exportRecords()))).toMatchObject({
          added: { trainees: 0, attempts: 0 },
          conflicts: [],
        });
        expect(await from.listAttempts()).toHaveLength(5);
      });

      it('reports a conflict, keeps its own copy, and still adds what is new', async () => {
        const from = await open();
        const { ana, a1, a2 } = await twoTrainees(from);
        const to = await open();
        await to.importRecords(viaFile(await from.exportRecords([ana.id])));

        await from.updateTrainee(ana.id, { name: 'Ana Silva' });
        later();
        const a3 = await playedAttempt(from, ana.id);
        const changed = viaFile(await from.exportRecords([ana.id]));
        changed.attempts[1]!.report!.total = 99; // as if rescored elsewhere
        const result = await to.importRecords(changed);
        expect(result.added).toEqual({ trainees: 0, attempts: 1 });
        expect(result.skipped).toEqual({ trainees: 0, attempts: 1 });
        expect(result.conflicts).toEqual([
          `trainee "Ana Silva" (id ${ana.id}) is already on this device with other details (here: "Ana"); kept this device's profile`,
          `attempt ${a2.id} ("test-scenario" by Ana Silva, started 2026-11-23 09:00 UTC) is already on this device with other content; kept this device's copy`,
        ]);
        expect((await to.getTrainee(ana.id))?.name).toBe('Ana');
        expect((await to.getAttempt(a2.id))?.report?.total).toBe(a2.report?.total);
        expect((await to.listAttempts({ traineeId: ana.id })).map((a) => a.id)).toEqual([
          a3.id,
          a2.id,
          a1.id,
        ]);
      });

      it('rejects a file with one bad attempt and changes nothing', async () => {
        const from = await open();
        const { ana } = await twoTrainees(from);
        const file = viaFile(await from.exportRecords());
        const to = await open();
        const existing = await to.createTrainee({ name: 'Cat' });
        file.attempts[1]!.events.splice(2, 1);
        await expect(to.importRecords(file)).rejects.toThrow(
          'Nothing was imported: the records are not valid. $.attempts[1].events[2].seq: expected seq 2 (the log must run 0, 1, 2, … with none missing), found 3',
        );
        expect(await to.listTrainees()).toEqual([existing]);
        expect(await to.listAttempts()).toEqual([]);
        expect(await to.getTrainee(ana.id)).toBeUndefined();
        await expect(to.importRecords({ format: 'x' } as unknown as RecordsFile)).rejects.toThrow(
          'Nothing was imported: the records are not valid. $.format: not a Dispatch Trainer records file (format "x")',
        );
      });
    });

    it('round-trips settings, with the fallback for a missing key', async () => {
      const store = await open();
      expect(await store.getSetting('preferences', { volume: 1 })).toEqual({ volume: 1 });
      await store.setSetting('preferences', { volume: 0.5, captions: true });
      expect(await store.getSetting('preferences', { volume: 1 })).toEqual({ volume: 0.5, captions: true });
      await store.setSetting('preferences', { volume: 0 });
      expect(await store.getSetting('preferences', {})).toEqual({ volume: 0 });
      await store.setSetting('falsy', 0);
      expect(await store.getSetting('falsy', 7)).toBe(0);
    });

    it('tells and stops telling status listeners', async () => {
      const store = await open();
      const listener = vi.fn();
      const unsubscribe = store.onStatus(listener);
      expect(typeof store.status().persistent).toBe('boolean');
      unsubscribe();
      expect(listener).not.toHaveBeenCalled();
    });
  });
}
