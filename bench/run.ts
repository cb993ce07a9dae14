/**
 * npm run bench: prints timings; asserts nothing. Targets (from the issues) are printed beside the
 * measured numbers so a regression is visible, but a slow machine does not fail CI.
 */
import { compileScenario } from '$core/engine/compile';
import { runScript } from '$core/engine/run-script';
import type { Scenario } from '$core/format/scenario';
import { loadActions, loadScenario } from '$core/library/load';
import { explorePaths } from '$core/paths/explore';
import { scoreAttempt } from '$core/scoring/score';
import { validateScenario } from '$core/validate/validate-scenario';
import {
  audioExists,
  readProfiles,
  readQuestionBank,
  readSource,
  scenarioFiles,
  SCENARIO_DIR,
} from '$cli/fs-library';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateScenario } from './generate';
import { benchApp } from './app';
import { benchProgress } from './progress';

const questions = readQuestionBank();
const profiles = readProfiles();

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

function row(label: string, value: string, target = '') {
  console.log(`${label.padEnd(58)} ${value.padStart(12)}  ${target}`);
}

function benchLibrary() {
  const files = scenarioFiles([SCENARIO_DIR]);
  const [loadedFiles, validateMs] = time(() =>
    files.map((f) => loadScenario(readSource(f), { questions, audioExists })),
  );
  // Missing audio is a problem for validate, not for exploring or scoring: measure those on every file.
  const scenarios = files.flatMap((f) => {
    const loaded = loadScenario(readSource(f), { questions });
    return loaded.ok ? [loaded.value] : [];
  });
  const invalid = loadedFiles.filter((l) => !l.ok).length;
  const [, compileMs] = time(() => scenarios.forEach((s) => compileScenario(s)));
  const [paths, exploreMs] = time(() =>
    scenarios.flatMap((s) => profiles.map((p) => explorePaths(s, p).pathCount)),
  );
  console.log(
    `\nBundled library: ${scenarios.length} scenarios × ${profiles.length} profiles${invalid ? ` (${invalid} with problems, e.g. missing audio)` : ''}`,
  );
  row('validate (schema + semantics + audio files)', ms(validateMs));
  row('compile to XState machines', ms(compileMs));
  row(`explore every path (${paths.reduce((a, b) => a + b, 0)} paths)`, ms(exploreMs));
  return scenarios;
}

function benchGenerated(count: number) {
  const inputs = Array.from({ length: count }, (_, i) => generateScenario(i));
  const profile = profiles.find((p) => p.id === 'embedded-clinician-day') ?? profiles[0]!;
  // Warm up the JIT on a few, as a long-running CLI would be.
  for (const input of inputs.slice(0, 20)) {
    const r = validateScenario(input, { questions });
    if (r.ok) explorePaths(r.scenario, profile);
  }
  const [scenarios, validateMs] = time(() =>
    inputs.map((input) => {
      const r = validateScenario(input, { questions });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.scenario;
    }),
  );
  const [, compileMs] = time(() => scenarios.forEach((s) => compileScenario(s)));
  const [pathCounts, exploreMs] = time(() => scenarios.map((s) => explorePaths(s, profile).pathCount));
  const states = Object.keys(scenarios[0]!.states).length;
  const lines = JSON.stringify(inputs[0]).match(/"audio"/g)?.length ?? 0;
  console.log(
    `\n${count} generated scenarios (${states} caller states, ${lines} lines, ${pathCounts[0]} paths each) at ${profile.id}`,
  );
  row('validate', ms(validateMs));
  row('explore every path', ms(exploreMs));
  row('validate + explore', ms(validateMs + exploreMs), 'aim < 2000 ms');
  row('compile to XState machines', ms(compileMs));
}

function benchScoring(scenarios: Scenario[]) {
  const scenario = scenarios[0];
  if (!scenario) return;
  const expertPath = join(SCENARIO_DIR, 'actions', `${scenario.id}.expert.json`);
  if (!existsSync(expertPath)) return;
  const actions = loadActions(readSource(expertPath), { questions });
  if (!actions.ok) throw new Error(actions.problems.join('\n'));
  const profile = profiles[0]!;
  const [run, playMs] = time(() => runScript(scenario, actions.value.actions, { profile }));
  const n = 5000;
  const [, scoreMs] = time(() => {
    for (let i = 0; i < n; i++) scoreAttempt({ scenario, profile, questions, log: run.log });
  });
  console.log(`\nScoring (${scenario.id}, ${run.log.length} log entries)`);
  row('play the expert script headlessly', ms(playMs));
  row(`score ${n} attempts`, ms(scoreMs));
  row('scoring throughput', `${Math.round((n / scoreMs) * 1000)} /s`);
}

console.log(`Node ${process.version}, ${new Date().toISOString()}`);
const library = benchLibrary();
benchGenerated(1000);
benchScoring(library);
await benchApp();
await benchProgress();
