import { join } from 'node:path';
import { readProfiles, readQuestionBank, readSource, scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { runScript } from '$core/engine/run-script';
import { loadActions, loadScenario } from '$core/library/load';
import type { AttemptRecord } from '$core/records/attempt';
import { summaryOf, type AttemptSummary, type ScoredAttempt } from '$core/records/summary';
import { scoreAttempt, type ScoreReport } from '$core/scoring/score';

/** Test data: random but repeatable trainee histories of real scored calls, for Node tests. */

export const questions = readQuestionBank();
export const profiles = readProfiles();
export const scenarios = scenarioFiles([SCENARIO_DIR]).flatMap((f) => {
  const loaded = loadScenario(readSource(f), { questions });
  return loaded.ok ? [loaded.value] : [];
});
export const T0 = Date.UTC(2026, 0, 5, 9);
export const MIN = 60_000;

/** Bundled scenarios played by their expert and "police, no screen" scripts at every center, scored for real. */
const pool: { scenarioId: string; profileId: string; report: ScoreReport }[] = scenarios
  .slice(0, 10)
  .flatMap((scenario) =>
    profiles.flatMap((profile) =>
      (['expert', 'police-no-screen'] as const).map((kind) => {
        const actions = loadActions(
          readSource(join(SCENARIO_DIR, 'actions', `${scenario.id}.${kind}.json`)),
          {
            questions,
          },
        );
        if (!actions.ok) throw new Error(actions.problems.join('\n'));
        const log = runScript(scenario, actions.value.actions, { profile }).log;
        return {
          scenarioId: scenario.id,
          profileId: profile.id,
          report: scoreAttempt({ scenario, profile, questions, log }),
        };
      }),
    ),
  );

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One trainee's history: finished calls (some on the same minute), calls in progress, some summaries of older data. */
export function history(
  seed: number,
  count: number,
): { records: AttemptRecord[]; summaries: AttemptSummary[] } {
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
export const readOnly = (h: ReturnType<typeof history>, ids: ReadonlySet<string>): ScoredAttempt[] =>
  h.summaries.map((s, i) =>
    ids.has(s.id) && h.records[i]!.report ? { ...s, report: h.records[i]!.report } : s,
  );
