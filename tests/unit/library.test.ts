import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  audioExists,
  readProfiles,
  readQuestionBank,
  readSource,
  scenarioFiles,
  SCENARIO_DIR,
} from '$cli/fs-library';
import { runScript } from '$core/engine/run-script';
import type { Scenario } from '$core/format/scenario';
import { loadActions, loadScenario } from '$core/library/load';
import { scoreAttempt } from '$core/scoring/score';
import { withSurface } from '$core/variants/surface';

const questions = readQuestionBank();
const profiles = readProfiles();
const NIGHT = '02:00';

const scenarios: Scenario[] = scenarioFiles([SCENARIO_DIR]).map((file) => {
  const loaded = loadScenario(readSource(file), { questions, audioExists });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.value;
});

function script(scenario: Scenario, kind: 'expert' | 'police-no-screen') {
  const path = join(SCENARIO_DIR, 'actions', `${scenario.id}.${kind}.json`);
  expect(existsSync(path), `${path} exists`).toBe(true);
  const loaded = loadActions(readSource(path), { questions, profiles });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.value.actions;
}

describe('the bundled library', () => {
  it('has scenarios, profiles for every dispatch model, and only draft or genuinely approved content', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
    expect(new Set(profiles.map((p) => p.model))).toEqual(new Set(['1A', '1B', '1C', '1F']));
    // Sample content is never shipped as approved: only a center's clinician signs it.
    for (const s of scenarios) expect(s.review.status, s.id).toBe('draft');
  });

  it('has surface variants for replays in refreshers', () => {
    expect(scenarios.filter((s) => (s.variants ?? []).length > 0).length).toBeGreaterThanOrEqual(8);
  });

  // A variant is the same call in other words: every one scores exactly as the file as written.
  const variants = scenarios.flatMap((s) =>
    (s.variants ?? []).map((v) => [`${s.id} as "${v.id}"`, s, v.id] as const),
  );
  it.each(variants)('%s scores as written under every profile, day and night', (_, scenario, variant) => {
    const surfaced = withSurface(scenario, variant);
    if (!surfaced.ok) throw new Error(surfaced.problem);
    for (const profile of profiles) {
      for (const callTime of [scenario.cad.callTime, NIGHT]) {
        for (const kind of ['expert', 'police-no-screen'] as const) {
          const score = (s: Scenario) => {
            const run = runScript(s, script(s, kind), { profile, callTime });
            const report = scoreAttempt({ scenario: s, profile, questions, log: run.log, callTime });
            return { report, callerLines: run.log.filter((e) => e.kind === 'caller').length };
          };
          expect(score(surfaced.scenario), `${profile.id} ${callTime} ${kind}`).toEqual(score(scenario));
        }
      }
    }
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_, scenario) => {
    const times = [scenario.cad.callTime, NIGHT];

    it.each(profiles.flatMap((p) => times.map((t) => [p.id, t] as const)))(
      'expert reaches the top level at %s, %s',
      (profileId, callTime) => {
        const profile = profiles.find((p) => p.id === profileId)!;
        const run = runScript(scenario, script(scenario, 'expert'), { profile, callTime });
        expect(run.rejected).toEqual([]);
        expect(run.ended).toBe(true);
        const report = scoreAttempt({ scenario, profile, questions, log: run.log, callTime });
        expect(report.criticalErrors).toEqual([]);
        expect(report.level, JSON.stringify(report.pointsLost, null, 1)).toBe('high');
      },
    );

    it.each(profiles.flatMap((p) => times.map((t) => [p.id, t] as const)))(
      'police without screening is scored as the answer key says at %s, %s',
      (profileId, callTime) => {
        const profile = profiles.find((p) => p.id === profileId)!;
        const run = runScript(scenario, script(scenario, 'police-no-screen'), { profile, callTime });
        const report = scoreAttempt({ scenario, profile, questions, log: run.log, callTime });
        const rules = report.pointsLost.map((p) => p.rule);
        expect(rules).toContain('safety-screen.not-asked');
        const key = scenario.answerKey.criticalErrors.map((c) => c.kind);
        if (key.includes('missed-medical')) {
          expect(report.criticalErrors.map((c) => c.kind)).toContain('missed-medical');
        }
        const best = report.expected.best.resources;
        const divertible = best.some((r) => r !== 'police' && r !== 'fire' && r !== 'ems');
        const routingRules = rules.filter((r) => r.startsWith('routing.'));
        // Police is the right unit where the center's rules require it, or where it has nothing else
        // that can reach the person (e.g. a passer-by's call at a center with only a phone line).
        if (best.length === 1 && best[0] === 'police') expect(routingRules).toEqual([]);
        else if (report.expected.policeRequired) expect(rules).not.toContain('routing.missed-diversion');
        else if (divertible) expect(rules).toContain('routing.missed-diversion');
        else expect(rules).toContain('routing.wrong');
        expect(report.level).not.toBe('high');
      },
    );
  });
});
