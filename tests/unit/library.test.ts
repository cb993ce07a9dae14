// The bundled library, played as a trainer would: every scenario under every center profile at
// several hours (its own, overnight, the edges of the 06:00–22:00 coverage window, the morning
// commute). The expert must reach the top level with no critical error; every reason the debrief
// gives must be true for the profile and hour played; a flawed script must lose what its file says.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readProfiles,
  readQuestionBank,
  readSource,
  readVoices,
  scenarioFiles,
  SCENARIO_DIR,
} from '$cli/fs-library';
import { runScript } from '$core/engine/run-script';
import type { ActionScript } from '$core/format/actions';
import type { CenterProfile } from '$core/format/profile';
import type { Scenario } from '$core/format/scenario';
import type { ClockTime } from '$core/format/vocabulary';
import { loadActions, loadScenario } from '$core/library/load';
import type { ExpectedRouting } from '$core/profiles/expected-routing';
import { withinHours } from '$core/profiles/hours';
import { OPTIONS } from '$core/profiles/options';
import { applicableExpectations, unmetExpectation } from '$core/scoring/expectations';
import { scoreAttempt } from '$core/scoring/score';
import { withSurface } from '$core/variants/surface';

const questions = readQuestionBank();
const profiles = readProfiles();
const HOURS: ClockTime[] = ['02:00', '07:50', '21:59', '22:00'];

const scenarios: Scenario[] = scenarioFiles([SCENARIO_DIR]).map((file) => {
  const loaded = loadScenario(readSource(file), { questions, profiles, voices: readVoices() });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.value;
});

/** The hours a scenario is played at here: its own and the probe hours its story allows. */
function hoursOf(s: Scenario): ClockTime[] {
  return [...new Set([s.cad.callTime, ...HOURS])].filter((t) => withinHours(s.cad.storyHours, t));
}

function scriptsOf(s: Scenario): { name: string; script: ActionScript }[] {
  const dir = join(SCENARIO_DIR, 'actions');
  return readdirSync(dir)
    .filter((n) => n.startsWith(`${s.id}.`) && n.endsWith('.json'))
    .map((name) => {
      const loaded = loadActions(readSource(join(dir, name)), { questions, profiles });
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      return { name, script: loaded.value };
    });
}

function play(s: Scenario, script: ActionScript, profile: CenterProfile, callTime: ClockTime) {
  const run = runScript(s, script.actions, { profile, callTime });
  return { run, report: scoreAttempt({ scenario: s, profile, questions, log: run.log, callTime }) };
}

/** Every claim a reason makes, checked against the profile, the hour and the call: [] when all hold. */
function falseReasons(
  s: Scenario,
  profile: CenterProfile,
  time: ClockTime,
  expected: ExpectedRouting,
): string[] {
  const known = new Set(expected.known ?? []);
  const has = (r: string) => profile.resources.some((p) => p.resource === r);
  const onDuty = (r: string) => profile.resources.some((p) => p.resource === r && withinHours(p.hours, time));
  return expected.reasons.flatMap((reason) => {
    const c = reason.claim;
    const holds = ((): boolean => {
      switch (c.kind) {
        case 'disposition':
          return s.answerKey.disposition === c.disposition;
        case 'exclusion':
          return (
            c.facts.length > 0 &&
            c.facts.every((f) => known.has(f)) &&
            profile.safetyScreen.exclusions.some((e) => c.facts.every((f) => e.facts.includes(f)))
          );
        case 'imminent-risk':
          return known.has('imminent-risk');
        case 'priority-rule':
          return (
            profile.safetyScreen.policeAtOrAbovePriority === c.atOrAbove &&
            s.answerKey.priority <= c.atOrAbove &&
            s.answerKey.priority === c.priority
          );
        case 'medical-emergency':
          return known.has('medical-emergency');
        case 'medical-signs':
          return known.has('medical-signs');
        case 'unavailable':
          return (
            c.time === time &&
            c.offDuty.every((r) => has(r) && !onDuty(r)) &&
            c.absent.every((r) => !has(r)) &&
            c.offDuty.length + c.absent.length > 0
          );
        case 'option':
          return c.time === time && c.resources.every(onDuty);
        case 'not-on-line':
          return s.cad.callerRelationship !== 'self' && !s.cad.callerWithPerson;
        case 'no-response':
          return c.time === time && OPTIONS[s.answerKey.disposition].every((o) => !o.resources.every(onDuty));
      }
    })();
    return holds ? [] : [`${c.kind}: "${reason.text}"`];
  });
}

describe('the bundled library', () => {
  it('has scenarios, profiles for every dispatch model, and only draft content', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
    expect(new Set(profiles.map((p) => p.model))).toEqual(new Set(['1A', '1B', '1C', '1F']));
    // Sample content is never shipped as approved: only a center's clinician signs it.
    for (const s of scenarios) expect(s.review.status, s.id).toBe('draft');
  });

  it('validates with no warnings (audio is checked in audio-library.test.ts)', () => {
    const warnings = scenarioFiles([SCENARIO_DIR]).flatMap((file) => {
      const loaded = loadScenario(readSource(file), { questions, profiles, voices: readVoices() });
      return loaded.ok ? loaded.warnings : loaded.problems;
    });
    expect(warnings).toEqual([]);
  });

  it('gives each caller a name of their own', () => {
    const named = scenarios.filter((s) => s.cad.callerName !== undefined);
    const names = named.map((s) => s.cad.callerName);
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
  });

  it('has surface variants for replays in refreshers', () => {
    expect(scenarios.filter((s) => (s.variants ?? []).length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('exercises imminent risk and the priority-1 rule on a call with a behavioral-health component', () => {
    const p1 = scenarios.filter(
      (s) =>
        s.facts.behavioralHealth &&
        s.answerKey.priority === 1 &&
        s.answerKey.disposition !== 'police-required' &&
        s.answerKey.disposition !== 'ems-required',
    );
    expect(p1.map((s) => s.id)).not.toEqual([]);
    expect(scenarios.some((s) => s.facts.present.includes('imminent-risk'))).toBe(true);
  });

  // A variant is the same call in other words: every one scores exactly as the file as written.
  const variants = scenarios.flatMap((s) =>
    (s.variants ?? []).map((v) => [`${s.id} as "${v.id}"`, s, v.id] as const),
  );
  // Every profile × hour × script, played twice: seconds of work on a loaded 2-core machine, so more
  // room than the default 5 s before it counts as hung (a limit, not a speed target).
  it.each(variants)(
    '%s scores as written under every profile and hour',
    { timeout: 30_000 },
    (_, scenario, variant) => {
      const surfaced = withSurface(scenario, variant);
      if (!surfaced.ok) throw new Error(surfaced.problem);
      for (const profile of profiles) {
        for (const callTime of hoursOf(scenario)) {
          for (const { name, script } of scriptsOf(scenario)) {
            const score = (s: Scenario) => {
              const { run, report } = play(s, script, profile, callTime);
              return { report, callerLines: run.log.filter((e) => e.kind === 'caller').length };
            };
            expect(score(surfaced.scenario), `${profile.id} ${callTime} ${name}`).toEqual(score(scenario));
          }
        }
      }
    },
  );

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_, scenario) => {
    const cases = profiles.flatMap((p) => hoursOf(scenario).map((t) => [p.id, t, p] as const));
    const scripts = scriptsOf(scenario);
    const expert = scripts.find((s) => s.name === `${scenario.id}.expert.json`);
    const flawed = scripts.filter((s) => s !== expert);

    it('has an expert script and a flawed one that says what it should lose', () => {
      expect(expert, `scenarios/actions/${scenario.id}.expert.json`).toBeDefined();
      expect(flawed.length).toBeGreaterThan(0);
      for (const f of flawed) expect(f.script.expect.length, f.name).toBeGreaterThan(0);
      expect(existsSync(join(SCENARIO_DIR, 'actions', `${scenario.id}.expert.json`))).toBe(true);
    });

    it.each(cases)(
      'at %s, %s: the expert reaches the top level and every reason is true',
      (_p, time, profile) => {
        const { run, report } = play(scenario, expert!.script, profile, time);
        expect(run.rejected).toEqual([]);
        expect(run.ended).toBe(true);
        expect(report.criticalErrors).toEqual([]);
        expect(report.level, JSON.stringify(report.pointsLost, null, 1)).toBe('high');
        expect(falseReasons(scenario, profile, time, report.expected)).toEqual([]);
      },
    );

    it.each(cases)('at %s, %s: each flawed script loses what its file says', (_p, time, profile) => {
      for (const { name, script } of flawed) {
        const { report } = play(scenario, script, profile, time);
        expect(falseReasons(scenario, profile, time, report.expected), name).toEqual([]);
        const applies = applicableExpectations(script, profile.id, time);
        expect(applies.length, `${name}: no expectation applies`).toBeGreaterThan(0);
        expect(
          applies.flatMap(({ expectation }) => unmetExpectation(expectation, report)),
          name,
        ).toEqual([]);
      }
    });
  });
});
