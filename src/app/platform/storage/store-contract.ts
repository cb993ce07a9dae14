import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../../core/engine/events';
import type { SavedCall } from '../../../core/engine/session';
import type { ScoreReport } from '../../../core/scoring/score';
import type { AttemptStore, NewAttempt } from './types';

// Test helper (not app code): the behaviour every AttemptStore shares, registered by each store's spec.

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

export function newAttempt(scenarioId = 'si-no-means-clinician'): NewAttempt {
  return { scenarioId, scenarioHash: `hash-${scenarioId}`, profileId: 'default', callTime: '14:30', mode: 'practice' };
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
      expect(attempt).toMatchObject({ status: 'in-progress', startedAt: T0, updatedAt: T0, scenarioHash: 'hash-si-no-means-clinician' });

      later();
      await store.appendEvents(attempt.id, entries(1, 3), saved(3000));
      later();
      await store.appendEvents(attempt.id, entries(2, 5), saved(5000)); // 2 and 3 again
      later();
      await store.appendEvents(attempt.id, [entry(7), entry(6), entry(5)], saved(7000)); // out of order, 5 again
      await store.appendEvents(attempt.id, [], saved(7000));

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
      await store.appendEvents(a.id, entries(1, 2), saved(2000, 'a'));
      await store.appendEvents(b.id, entries(1, 4), saved(4000, 'b'));
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
      await store.finishAttempt(third.id, report('third'), saved(9000, 'third'));
      const done = await store.getAttempt(third.id);
      expect(done).toMatchObject({ status: 'finished', finishedAt: Date.now(), report: report('third'), saved: saved(9000, 'third') });
      expect((await store.latestInProgress())?.id).toBe(second.id);

      // The one played last is offered, even if it started earlier.
      later();
      await store.appendEvents(first.id, entries(1, 1), saved(1000, 'first'));
      expect((await store.latestInProgress())?.id).toBe(first.id);
      expect((await store.listAttempts()).map((a) => a.scenarioId)).toEqual(['third', 'second', 'first']);
    });

    it('discards an in-progress attempt: finished, no report, kept in history', async () => {
      const store = await open();
      const attempt = await store.createAttempt(newAttempt());
      await store.appendEvents(attempt.id, entries(1, 2), saved(2000));
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
      await store.finishAttempt(attempt.id, report(), saved(1000));
      later();
      await store.discardAttempt(attempt.id);
      expect(await store.getAttempt(attempt.id)).toMatchObject({ report: report(), finishedAt: T0 });
    });

    it('ignores writes for an unknown attempt without rejecting', async () => {
      const store = await open();
      await expect(store.appendEvents('no-such-attempt', entries(1, 1), saved(0))).resolves.toBeUndefined();
      await store.finishAttempt('no-such-attempt', report(), saved(0));
      await store.discardAttempt('no-such-attempt');
      expect(await store.getAttempt('no-such-attempt')).toBeUndefined();
      expect(await store.listAttempts()).toEqual([]);
    });

    it('hands out copies: changing a returned record or a sent entry changes nothing stored', async () => {
      const store = await open();
      const attempt = await store.createAttempt(newAttempt());
      const sent = entries(1, 1);
      await store.appendEvents(attempt.id, sent, saved(1000));
      sent[0]!.state = 'changed';
      const got = await store.getAttempt(attempt.id);
      if (got) got.scenarioId = 'changed';
      expect((await store.getAttempt(attempt.id))?.scenarioId).toBe('si-no-means-clinician');
      expect(await store.events(attempt.id)).toEqual(entries(1, 1));
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
