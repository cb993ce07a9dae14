import { describe, expect, it } from 'vitest';
import type { Scenario } from '$core/format/scenario';
import type { AttemptRecord } from '$core/records/attempt';
import { scenario, scenarioInput } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions, profile } from '$tests/support/profiles';
import { attempt as exported, T0 } from '$tests/support/records';
import {
  planSession,
  readStoredSession,
  refresherSettingKey,
  sessionProgress,
  storedSession,
  type StoredSession,
} from './session';

const questions = bundledQuestions();
const center = profile('embedded-clinician-day');
const make = (id: string, minutes: number, requiredQuestions: string[]): Scenario =>
  scenario({
    id,
    title: `Call ${id}`,
    estimatedMinutes: minutes,
    answerKey: { ...scenarioInput().answerKey, requiredQuestions },
  });
const library = [
  make('weapons', 4, ['case.address', 'safety.weapon']),
  make('self-harm', 5, ['case.address', 'safety.self-harm-thoughts']),
  make('medical', 4, ['case.address', 'safety.medical']),
  make('threats', 3, ['case.address', 'safety.danger-to-others']),
];

/** A stored attempt (the records-file factory's, without its log), at a scenario, started at `startedAt`. */
function attemptAt(
  id: string,
  scenarioId: string,
  startedAt: number,
  extra: Partial<AttemptRecord> = {},
): AttemptRecord {
  const { events: _events, ...record } = exported(id, 't1', undefined, startedAt);
  return { ...record, scenarioId, report: { ...record.report!, scenarioId }, ...extra };
}

const SESSION: StoredSession = {
  version: 1,
  traineeId: 't1',
  startedAt: T0,
  profileId: 'embedded-clinician-day',
  minutes: 12,
  picks: [
    { scenarioId: 'weapons', title: 'Call weapons', minutes: 4, reasons: ['r'] },
    { scenarioId: 'medical', title: 'Call medical', minutes: 4, reasons: ['r'] },
    { scenarioId: 'threats', title: 'Call threats', minutes: 4, reasons: ['r'] },
  ],
};

describe('planning a refresher', () => {
  it('gives a fresh trainee a starter session within 10–15 minutes, every pick with a reason', () => {
    const s = planSession({
      traineeId: 't1',
      attempts: [],
      scenarios: library,
      profiles: [...bundledProfiles().values()],
      profile: center,
      questions,
      now: T0,
    });
    expect(s.starter).toBe(true);
    expect(s.minutes).toBeGreaterThanOrEqual(10);
    expect(s.minutes).toBeLessThanOrEqual(15);
    for (const p of s.picks) expect(p.reasons.length).toBeGreaterThan(0);
  });

  it('ignores other trainees’ attempts', () => {
    const other = { ...attemptAt('x', 'weapons', T0 - 86_400_000), traineeId: 't2' };
    const s = planSession({
      traineeId: 't1',
      attempts: [other],
      scenarios: library,
      profiles: [...bundledProfiles().values()],
      profile: center,
      questions,
      now: T0,
    });
    expect(s.starter).toBe(true);
  });

  it('stores the picks with their reasons as text, and refuses an empty session', () => {
    const s = planSession({
      traineeId: 't1',
      attempts: [],
      scenarios: library,
      profiles: [...bundledProfiles().values()],
      profile: center,
      questions,
      now: T0,
    });
    const stored = storedSession(s, 't1', center.id, T0);
    expect(stored.picks.map((p) => p.scenarioId)).toEqual(s.picks.map((p) => p.scenarioId));
    expect(readStoredSession(stored, 'k')).toEqual({ ok: true, value: stored });
    expect(() => storedSession({ ...s, picks: [] }, 't1', center.id, T0)).toThrow(/at least one/);
  });
});

describe('reading the stored plan', () => {
  it('is nothing when absent, and a named problem when malformed', () => {
    expect(readStoredSession(undefined, 'k')).toEqual({ ok: true, value: undefined });
    const bad = readStoredSession({ ...SESSION, picks: [{ scenarioId: 'a' }] }, refresherSettingKey('t1'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/^Setting "refresher-session:t1": \$\.picks\[0\]\.title/);
  });
});

describe('session progress', () => {
  it('counts a pick done once a scored attempt at it started after the session began', () => {
    const attempts = [
      attemptAt('before', 'medical', T0 - 1), // before the session: not counted
      attemptAt('a1', 'weapons', T0 + 1000),
      attemptAt('a2', 'threats', T0 + 2000, {
        status: 'in-progress',
        report: undefined,
        finishedAt: undefined,
      }),
    ];
    const p = sessionProgress(SESSION, attempts);
    expect(p.items.map((i) => i.status)).toEqual(['done', 'to-do', 'in-progress']);
    expect([p.done, p.total, p.complete]).toEqual([1, 3, false]);
    expect(p.next?.pick.scenarioId).toBe('medical');
  });

  it('does not count a discarded call, another center or another trainee', () => {
    const attempts = [
      attemptAt('d', 'weapons', T0 + 1, { report: undefined }),
      attemptAt('c', 'medical', T0 + 1, { profileId: 'crisis-line-988' }),
      { ...attemptAt('o', 'threats', T0 + 1), traineeId: 't2' },
    ];
    const p = sessionProgress(SESSION, attempts);
    expect(p.done).toBe(0);
    expect(p.next?.pick.scenarioId).toBe('weapons');
  });

  it('is complete when every pick is done, in any order', () => {
    const attempts = [
      attemptAt('3', 'threats', T0 + 1),
      attemptAt('1', 'weapons', T0 + 2),
      attemptAt('2', 'medical', T0 + 3),
    ];
    const p = sessionProgress(SESSION, attempts);
    expect([p.done, p.complete, p.next]).toEqual([3, true, undefined]);
  });
});
