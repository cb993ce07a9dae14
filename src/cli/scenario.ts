import { parseArgs } from 'node:util';
import { runScript } from '$core/engine/run-script';
import { loadActions, loadScenario } from '$core/library/load';
import { explorePaths } from '$core/paths/explore';
import { applicableExpectations, unmetExpectation } from '$core/scoring/expectations';
import { scoreAttempt } from '$core/scoring/score';
import { ClockTime } from '$core/format/vocabulary';
import { withinHours } from '$core/profiles/hours';
import { surfaces, withSurface } from '$core/variants/surface';
import {
  audioExists,
  readProfiles,
  readQuestionBank,
  readSource,
  readVoices,
  scenarioFiles,
} from './fs-library';

const USAGE = `usage:
  npm run scenario -- validate <files or dirs>...
  npm run scenario -- paths <file> [--profile <id>]
  npm run scenario -- play <file> --profile <id> [--at HH:MM] [--variant <id>] --actions <actions.json>`;

class UsageError extends Error {}

/** For paths and play: audio does not change what a call can do, so missing clips do not block them. */
function loadOne(file: string) {
  const questions = readQuestionBank();
  const loaded = loadScenario(readSource(file), { questions });
  if (!loaded.ok) {
    for (const p of loaded.problems) console.error(p);
    return undefined;
  }
  return { scenario: loaded.value, questions };
}

function profileById(id: string | undefined) {
  const profiles = readProfiles();
  if (id === undefined) return profiles;
  const found = profiles.find((p) => p.id === id);
  if (!found) {
    throw new UsageError(`unknown profile "${id}" (known: ${profiles.map((p) => p.id).join(', ')})`);
  }
  return [found];
}

/**
 * Every problem of every file, one per line; exit 1 if any file has an error. Warnings (a draft's
 * missing clip, wording to look at) are printed too but do not fail the run.
 */
function validate(args: string[]): number {
  if (args.length === 0) throw new UsageError('validate needs at least one file or directory');
  const questions = readQuestionBank();
  const context = { questions, audioExists, voices: readVoices(), profiles: readProfiles() };
  const files = scenarioFiles(args);
  let bad = 0;
  let warnings = 0;
  for (const file of files) {
    const loaded = loadScenario(readSource(file), context);
    const lines = loaded.ok ? loaded.warnings : loaded.problems;
    if (!loaded.ok) bad += 1;
    warnings += lines.filter((l) => l.includes(': warning: ')).length;
    for (const line of lines) console.log(line);
  }
  const warned = warnings > 0 ? `, ${warnings} warning(s)` : '';
  console.error(`${files.length - bad} of ${files.length} scenario file(s) valid${warned}`);
  return bad === 0 ? 0 : 1;
}

function paths(args: string[], profile: string | undefined): number {
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError('paths takes exactly one scenario file');
  const loaded = loadOne(file);
  if (!loaded) return 1;
  let deadEnds = 0;
  for (const p of profileById(profile)) {
    const result = explorePaths(loaded.scenario, p);
    deadEnds += result.deadEnds.length;
    const ended = result.paths.filter((x) => x.outcome === 'ended').length;
    const loops = result.paths.filter((x) => x.outcome === 'loop').length;
    console.log(
      `${loaded.scenario.id} @ ${p.id}: ${result.stateCount} states, ${result.capped ? 'at least ' : ''}${result.pathCount} paths: ${ended} reach a scoreable end, ${loops} loop back, ${result.deadEnds.length} dead end(s)`,
    );
    for (const d of result.deadEnds) {
      console.log(`  dead end after: ${d.steps.join(' > ')} (caller states ${d.states.join(' > ')})`);
    }
  }
  return deadEnds === 0 ? 0 : 1;
}

function play(
  args: string[],
  profileId: string | undefined,
  at: string | undefined,
  actionsPath: string | undefined,
  variant: string | undefined,
): number {
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError('play takes exactly one scenario file');
  if (!profileId) throw new UsageError('play needs --profile <id>');
  if (!actionsPath) throw new UsageError('play needs --actions <actions.json>');
  if (at !== undefined && !ClockTime.safeParse(at).success) {
    throw new UsageError(`--at must be HH:MM (24-hour), got "${at}"`);
  }
  const loaded = loadOne(file);
  if (!loaded) return 1;
  const story = loaded.scenario.cad.storyHours;
  if (at !== undefined && !withinHours(story, at)) {
    // The caller's words fit only some hours ("sorry to call so late"): the app never plays it
    // outside them either.
    throw new UsageError(
      `--at ${at} is outside this scenario's story hours ${story?.from}–${story?.to} (cad.storyHours): the caller's words do not fit that time. Play it at a time inside them, e.g. its own call time ${loaded.scenario.cad.callTime}.`,
    );
  }
  const actions = loadActions(readSource(actionsPath), {
    questions: loaded.questions,
    profiles: readProfiles(),
  });
  if (!actions.ok) {
    for (const p of actions.problems) console.error(p);
    return 1;
  }
  const [profile] = profileById(profileId);
  const surfaced = withSurface(loaded.scenario, variant);
  if (!surfaced.ok) {
    throw new UsageError(
      `unknown --variant "${variant}" (known: ${surfaces(loaded.scenario).filter(Boolean).join(', ') || 'none'})`,
    );
  }
  const scenario = surfaced.scenario;
  const run = runScript(scenario, actions.value.actions, {
    profile: profile!,
    ...(at ? { callTime: at } : {}),
  });
  for (const r of run.rejected) {
    console.error(
      `${actionsPath}: $[${r.index}]: action "${r.action.type}" not possible while the call is ${r.phase}; skipped`,
    );
  }
  const report = scoreAttempt({
    scenario,
    profile: profile!,
    questions: loaded.questions,
    log: run.log,
    ...(at ? { callTime: at } : {}),
  });
  console.log(JSON.stringify(report, null, 2));
  // A flawed script says what it should lose: say where it does not, and fail.
  const played = at ?? scenario.cad.callTime;
  let unmet = 0;
  for (const { index, expectation } of applicableExpectations(actions.value, profile!.id, played)) {
    for (const problem of unmetExpectation(expectation, report)) {
      unmet += 1;
      console.error(`${actionsPath}: $.expect[${index}]: not met at ${profile!.id} ${played}: ${problem}`);
    }
  }
  return unmet === 0 ? 0 : 1;
}

// Piped into `head` or a pager that closes early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      at: { type: 'string' },
      actions: { type: 'string' },
      variant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'paths':
      return paths(rest, values.profile);
    case 'play':
      return play(rest, values.profile, values.at, values.actions, values.variant);
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? `${message}\n${USAGE}` : message);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
