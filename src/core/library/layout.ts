/**
 * Which files of a scenario library are what. The one rule the app, the build, the CLI and the tests
 * share, so a file is a scenario everywhere or nowhere. Paths are relative to the library folder
 * (scenarios/), with "/" as separator.
 */
export type LibraryFileKind = 'scenario' | 'profile' | 'questions';

/** Folders that hold other things: expert scripts, generated JSON Schemas. Their files are never loaded. */
const NOT_LOADED_DIRS = ['actions', 'schema'];
export const PROFILES_DIR = 'profiles';
export const QUESTION_BANK_FILE = 'questions.json';

/**
 * What `path` (relative to the library folder) is, or undefined when the app does not load it: not
 * JSON, a name starting with "_" (an author's scratch file), or under actions/ or schema/.
 * Scenarios may sit in subfolders; profiles sit in profiles/.
 */
export function libraryFileKind(path: string): LibraryFileKind | undefined {
  const parts = path.split('/');
  const name = parts.at(-1) ?? '';
  const dirs = parts.slice(0, -1);
  if (!name.endsWith('.json') || name.startsWith('_')) return undefined;
  if (dirs.some((d) => NOT_LOADED_DIRS.includes(d))) return undefined;
  if (dirs.includes(PROFILES_DIR)) return 'profile';
  if (dirs.length === 0 && name === QUESTION_BANK_FILE) return 'questions';
  return 'scenario';
}
