import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfiles, readQuestionBank, readSource, scenarioFiles, SCENARIO_DIR } from '../../cli/fs-library';
import { runScript } from '../engine/run-script';
import { loadActions, loadScenario } from '../library/load';
import type { AttemptRecord } from '../records/attempt';
import { summaryOf, type AttemptSummary, type ScoredAttempt } from '../records/summary';
import { scoreAttempt, type ScoreReport } from '../scoring/score';
import { COMPETENCY_IDS, competencyEvidence } from './competencies';
import { masteryByCompetency } from './mastery';
import { latestEvidence, ratedReport, reportsNeeded } from './reports-needed';
import { ratingFor, replayCards } from './schedule';

const questions = readQuestionBank();
const profiles = readProfiles();
const scenarios = scenarioFiles([SCENARIO_DIR]).flatMap((f) => {
  const loaded = loadScenario(readSource(f), { questions });
  return loaded.ok ? [loaded.value] : [];
});
const T0 = Date.UTC(2026, 0, 5, 9);
const MIN = 60_000;

/** Bundled scenarios played by their expert and "police, no screen" scripts at every center, scored for real. */
const pool: { scenarioId: string; profileId: string; report: ScoreReport }[] = scenarios.slice(0, 10).flatMap((scenario) =>
  profiles.flatMap((profile) =>
    (['expert', 'police-no-screen'] as const).map((kind) => {
      const actions = loadActions(readSource(join(SCENARIO_DIR, 'actions', `${scenario.id}.${kind}.json`)));
      if (!actions.ok) throw new Error(actions.problems.join('\n'));
      const log = runScript(scenario, actions.value, { profile }).log;
      return { scenarioId: scenario.id, profileId: profile.id, report: scoreAttempt({ scenario, profile, questions, log }) };
    }),
  ),
);

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One trainee's history: finished calls (some on the same minute), calls in progress, some summaries of older data. */
function history(seed: number, count: number): { records: AttemptRecord[]; summaries: AttemptSummary[] } {
  const next = random(seed);
  const records: AttemptRecord[] = [];
  for (let i = 0; i < count; i++) {
    const played = pool[Math.floor(next() * pool.length)]!;
    const startedAt = T0 + Math.floor(next() * count * 2) * MIN;
    const finished = next() > 0.05;
    records.push({
      id: `a${String(i).padStart(4, '0')}`,
      traineeId: 't1',
      scenarioId: played.scenarioId,
      scenarioHash: 'h',
      profileId: played.profileId,
      callTime: played.report.callTime,
      mode: next() < 0.2 ? 'assessment' : 'practice',
      startedAt,
      updatedAt: startedAt + MIN,
      status: finished ? 'finished' : 'in-progress',
      ...(finished ? { finishedAt: startedAt + MIN, report: played.report } : {}),
    });
  }
  const summaries = records.map((r) => {
    const s = summaryOf(r);
    // Older data: a summary without the new fields.
    if (s.result && next() < 0.03) {
      const { applicable: _a, pointsLost: _p, criticalKinds: _c, ...old } = s.result;
      return { ...s, result: old };
    }
    return s;
  });
  return { records, summaries };
}

/** The summaries with the reports of `ids` only, as the app reads them. */
const readOnly = (h: ReturnType<typeof history>, ids: ReadonlySet<string>): ScoredAttempt[] =>
  h.summaries.map((s, i) => (ids.has(s.id) && h.records[i]!.report ? { ...s, report: h.records[i]!.report } : s));

describe('reportsNeeded', () => {
  it.each([1, 2, 3, 4])('gives the same latest evidence and mastery as every report (history %i)', (seed) => {
    const h = history(seed, 400);
    const now = T0 + 700 * MIN; // some calls finish after it
    const full = competencyEvidence(h.records, scenarios, profiles, questions);
    for (const keep of [5, 10, 20]) {
      const ids = reportsNeeded(h.summaries, scenarios, profiles, questions, now, keep);
      expect(ids.size).toBeLessThan(h.records.length / 2);
      const some = readOnly(h, ids).filter((a) => a.report);
      const part = competencyEvidence(some, scenarios, profiles, questions);
      for (const id of COMPETENCY_IDS) {
        const after = (xs: typeof full[typeof id]) => xs.filter((o) => o.at > now);
        const cut = (xs: typeof full[typeof id]) => [...xs.filter((o) => o.at <= now).slice(-keep), ...after(xs)];
        expect(cut(part[id]), `${id}, keep ${keep}`).toEqual(cut(full[id]));
      }
      const mastery = masteryByCompetency(full, now);
      if (keep >= 10) expect(masteryByCompetency(part, now)).toEqual(mastery);
      // The counts of calls per competency, from summaries and the reports read.
      const { counts } = latestEvidence(readOnly(h, ids), scenarios, profiles, questions, now, keep);
      for (const id of COMPETENCY_IDS) expect(counts[id], id).toBe(full[id].length);
    }
  });

  it('reads every report of an older summary, and rates the others from their headline', () => {
    const h = history(7, 300);
    const ids = reportsNeeded(h.summaries, scenarios, profiles, questions, T0 + 1000 * MIN);
    const old = h.summaries.filter((s) => s.result && s.result.applicable === undefined);
    expect(old.length).toBeGreaterThan(0);
    for (const s of old) expect(ids.has(s.id)).toBe(true);
    const scored = readOnly(h, ids);
    for (const [i, s] of scored.entries()) {
      const report = h.records[i]!.report;
      if (report) expect(ratingFor(ratedReport(s)!, s.mode)).toEqual(ratingFor(report, s.mode));
    }
    expect(replayCards('t1', scored.map((s) => ({ ...s, report: ratedReport(s) })))).toEqual(replayCards('t1', h.records));
  });
});
