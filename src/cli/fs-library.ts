import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { libraryFileKind, PROFILES_DIR, QUESTION_BANK_FILE } from '$core/library/layout';
import { loadProfile, loadQuestionBank, type Loaded, type SourceFile } from '$core/library/load';
import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';

/** The repository root: where scenarios/, audio/ and package.json live. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DIR = join(ROOT, 'scenarios');
export const AUDIO_DIR = join(ROOT, 'audio');
export const PROFILE_DIR = join(SCENARIO_DIR, PROFILES_DIR);
export const QUESTION_BANK = join(SCENARIO_DIR, QUESTION_BANK_FILE);
export const AUDIO_EXTENSIONS = ['.opus', '.ogg', '.mp3', '.wav'] as const;

export function readSource(path: string): SourceFile {
  const shown = relative(process.cwd(), path);
  return { path: shown && !shown.startsWith('..') ? shown : path, text: readFileSync(path, 'utf8') };
}

/** Files under `dir` (absolute paths, sorted) and what each is, by the library's one rule. */
function libraryFilesUnder(dir: string): { path: string; kind: ReturnType<typeof libraryFileKind> }[] {
  const out: { path: string; kind: ReturnType<typeof libraryFileKind> }[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push({ path, kind: libraryFileKind(relative(dir, path).split(sep).join('/')) });
    }
  };
  walk(dir);
  return out;
}

/** Scenario files named on the command line: files as given, directories searched for scenario files. */
export function scenarioFiles(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const path = resolve(arg);
    if (!existsSync(path)) throw new Error(`${arg}: no such file or directory`);
    if (statSync(path).isDirectory()) {
      out.push(...libraryFilesUnder(path).flatMap((f) => (f.kind === 'scenario' ? [f.path] : [])));
    } else out.push(path);
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
  return libraryFilesUnder(SCENARIO_DIR)
    .filter((f) => f.kind === 'profile')
    .map((f) => must(loadProfile(readSource(f.path))));
}

/** The caller voices the audio pipeline knows: the keys of audio/voices.json. */
export function readVoices(): string[] {
  const parsed: unknown = JSON.parse(readFileSync(join(AUDIO_DIR, 'voices.json'), 'utf8'));
  const voices =
    parsed !== null && typeof parsed === 'object' && 'voices' in parsed ? parsed.voices : undefined;
  return voices !== null && typeof voices === 'object' ? Object.keys(voices) : [];
}
