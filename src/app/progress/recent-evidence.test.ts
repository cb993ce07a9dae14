import { describe, expect, it } from 'vitest';
import { readProfiles, readQuestionBank, readSource, scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { runScript } from '$core/engine/run-script';
import { loadActions, loadScenario } from '$core/library/load';
import { COMPETENCY_IDS, competencyEvidence, type AttemptInput } from '$core/progress/competencies';
import { scoreAttempt } from '$core/scoring/score';
import { join } from 'node:path';
import { recentEvidence } from './recent-evidence';

const questions = readQuestionBank();
const profiles = readProfiles();
const scenarios = scenarioFiles([SCENARIO_DIR]).flatMap((f) => {
  const loaded = loadScenario(readSource(f), { questions });
  return loaded.ok ? [loaded.value] : [];
});
const T0 = Date.UTC(2026, 0, 5, 9);
const MIN = 60_000;

/** Bundled scenarios played by their expert and "police, no screen" scripts at every center. */
const attempts: AttemptInput[] = scenarios.slice(0, 8).flatMap((scenario, s) =>
  profiles.flatMap((profile, p) =>
    (['expert', 'police-no-screen'] as const).map((kind, k) => {
      const actions = loadActions(readSource(join(SCENARIO_DIR, 'actions', `${scenario.id}.${kind}.json`)), {
        questions,
      });
      if (!actions.ok) throw new Error(actions.problems.join('\n'));
      const log = runScript(scenario, actions.value.actions, { profile }).log;
      const i = s * 100 + p * 10 + k;
      // Dates shuffled against the order of creation.
      return {
        id: `a${i}`,
        traineeId: 't1',
        finishedAt: T0 + ((i * 37) % 1000) * MIN,
        report: scoreAttempt({ scenario, profile, questions, log }),
      };
    }),
  ),
);

describe('recentEvidence', () => {
  it('equals competencyEvidence cut to the latest calls of each competency, with the full counts', () => {
    const full = competencyEvidence(attempts, scenarios, profiles, questions);
    for (const keep of [1, 3, 20]) {
      const { evidence, counts } = recentEvidence(
        attempts,
        scenarios,
        profiles,
        questions,
        T0 + 2000 * MIN,
        keep,
      );
      for (const id of COMPETENCY_IDS) {
        expect(evidence[id], `${id}, keep ${keep}`).toEqual(full[id].slice(-keep));
        expect(counts[id], id).toBe(full[id].length);
      }
    }
    expect(COMPETENCY_IDS.filter((id) => full[id].length > 0).length).toBeGreaterThan(8);
  });

  it('keeps attempts dated after now on top of the latest ones before it', () => {
    const now = T0 + 500 * MIN;
    const full = competencyEvidence(attempts, scenarios, profiles, questions);
    const { evidence } = recentEvidence(attempts, scenarios, profiles, questions, now, 2);
    for (const id of COMPETENCY_IDS) {
      const past = full[id].filter((o) => o.at <= now);
      expect(evidence[id]).toEqual([...past.slice(-2), ...full[id].filter((o) => o.at > now)]);
    }
  });
});
