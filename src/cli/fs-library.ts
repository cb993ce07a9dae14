import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProfile, loadQuestionBank, type Loaded, type SourceFile } from '../core/library/load';
import type { CenterProfile } from '../core/format/profile';
import type { QuestionBank } from '../core/format/question-bank';

/** The repository root: where scenarios/, audio/ and package.json live. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DIR = join(ROOT, 'scenarios');
export const AUDIO_DIR = join(ROOT, 'audio');
export const PROFILE_DIR = join(SCENARIO_DIR, 'profiles');
export const QUESTION_BANK = join(SCENARIO_DIR, 'questions.json');
export const AUDIO_EXTENSIONS = ['.opus', '.ogg', '.mp3', '.wav'] as const;

/** Files in scenarios/ that are not scenarios. */
const NOT_SCENARIOS = new Set(['questions.json']);
const NOT_SCENARIO_DIRS = new Set(['profiles', 'actions', 'schema']);

export function readSource(path: string): SourceFile {
  const shown = relative(process.cwd(), path);
  return { path: shown && !shown.startsWith('..') ? shown : path, text: readFileSync(path, 'utf8') };
}

/** Scenario files named on the command line: files as given, directories searched for *.json. */
export function scenarioFiles(args: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!NOT_SCENARIO_DIRS.has(name)) walk(path);
      } else if (name.endsWith('.json') && !NOT_SCENARIOS.has(name) && !name.startsWith('_')) out.push(path);
    }
  };
  for (const arg of args) {
    const path = resolve(arg);
    if (!existsSync(path)) throw new Error(`${arg}: no such file or directory`);
    if (statSync(path).isDirectory()) walk(path);
    else out.push(path);
  }
  return out;
}

export function audioExists(ref: string): boolean {
  return AUDIO_EXTENSIONS.some((ext) => existsSync(join(AUDIO_DIR, `${ref}${ext}`)));
}

function must<T>(loaded: Loaded<T>): T {
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.value;
}

export function readQuestionBank(): QuestionBank {
  return must(loadQuestionBank(readSource(QUESTION_BANK)));
}

export function readProfiles(): CenterProfile[] {
  return readdirSync(PROFILE_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => must(loadProfile(readSource(join(PROFILE_DIR, n)))));
}
