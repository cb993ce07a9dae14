import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, SCENARIO_DIR } from '$cli/fs-library';
import { runScript } from '$core/engine/run-script';
import type { ScriptedAction } from '$core/format/actions';
import { loadScenario } from '$core/library/load';
import { scoreAttempt } from '$core/scoring/score';
import { bundledProfiles, bundledQuestions } from '$tests/support/profiles';
import { actionCatalog } from '../call/action-catalog';
import { currentStep, textParts, TUTORIAL_STEPS } from './steps';
import { isTutorial } from './tutorial';

const questions = bundledQuestions();
const profiles = [...bundledProfiles().values()];
const loaded = loadScenario(readSource(join(SCENARIO_DIR, 'tutorial-first-call.json')), {
  questions,
  profiles,
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const tutorial = loaded.value;

/** What a trainee does who follows the coach, one step after the other. */
const FOLLOWS_THE_COACH: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'case.address' },
  { type: 'ask', question: 'case.callback' },
  { type: 'ask', question: 'case.what-happened' },
  { type: 'note', text: 'Neighbor in his yard with a knife, threatening people' },
  { type: 'code', callType: 'weapon-call' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'ask', question: 'safety.danger-to-others' },
  { type: 'ask', question: 'safety.medical' },
  { type: 'priority', priority: 1 },
  { type: 'dispatch', resource: 'police' },
  { type: 'end' },
];

describe('the tutorial coach', () => {
  it('is for the bundled tutorial scenario only', () => {
    expect(isTutorial(tutorial)).toBe(true);
    expect(isTutorial({ id: 'weapon-threat-knife' })).toBe(false);
  });

  it('moves one step on as each thing is done, and a step done early is not asked again', () => {
    const log = runScript(tutorial, FOLLOWS_THE_COACH).log;
    const trainee = log.filter((e) => e.kind === 'trainee');
    const seen: string[] = [];
    for (let n = 0; n <= trainee.length; n += 1) {
      const upTo = n === 0 ? [] : log.slice(0, log.indexOf(trainee[n - 1]!) + 1);
      const step = currentStep(upTo)?.step.id ?? 'done';
      if (seen.at(-1) !== step) seen.push(step);
    }
    expect(seen).toEqual([...TUTORIAL_STEPS.map((s) => s.id), 'done']);

    // The safety screen asked before the case entry: the coach skips it when it gets there.
    const early = runScript(tutorial, [
      { type: 'answer' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'ask', question: 'safety.danger-to-others' },
      { type: 'ask', question: 'safety.medical' },
      { type: 'ask', question: 'case.address' },
      { type: 'ask', question: 'case.callback' },
      { type: 'ask', question: 'case.what-happened' },
      { type: 'note', text: 'knife' },
      { type: 'code', callType: 'weapon-call' },
    ]).log;
    expect(currentStep(early)?.step.id).toBe('priority');
  });

  it('names a real key for every button it mentions, at every center', () => {
    for (const profile of profiles) {
      const buttons = actionCatalog(questions, profile, tutorial.cad.callTime);
      for (const step of TUTORIAL_STEPS) {
        const parts = textParts(step.text, buttons);
        expect(
          parts.some((p) => p.kind === 'text' && p.text.includes('its button')),
          `${profile.id} ${step.id}`,
        ).toBe(false);
        expect(parts.filter((p) => p.kind === 'key').length, `${profile.id} ${step.id}`).toBe(
          step.text.match(/\{[^}]+\}/g)?.length ?? 0,
        );
      }
    }
    const answer = textParts(TUTORIAL_STEPS[0]!.text, actionCatalog(questions, profiles[0]!, '16:20'));
    expect(answer.find((p) => p.kind === 'key')).toEqual({ kind: 'key', label: 'Space' });
  });

  it('leads to a call scored at the top level with no critical error, at every center', () => {
    for (const profile of profiles) {
      const run = runScript(tutorial, FOLLOWS_THE_COACH, { profile });
      expect(run.rejected, profile.id).toEqual([]);
      const report = scoreAttempt({
        scenario: tutorial,
        profile,
        questions,
        log: run.log,
        callTime: '16:20',
      });
      expect(report.criticalErrors, profile.id).toEqual([]);
      expect(report.level, profile.id).toBe('high');
    }
  });

  it('states rules with their source in the seeds', () => {
    const withRules = TUTORIAL_STEPS.filter((s) => /police|priority|weapon/i.test(s.text));
    expect(withRules.length).toBeGreaterThan(0);
    for (const step of withRules.filter((s) => s.id !== 'end')) {
      expect(step.source, step.id).toMatch(/seed 001/);
    }
  });
});
