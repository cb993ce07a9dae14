import libraryIndex from 'virtual:library-index';
import type { SourceFile } from '../../core/library/load';
import { loadLibrary, type Library } from './load-library';

/**
 * The library shipped with the app (scripts/vite-library-plugin.ts serves scenarios/ under
 * /library/). Read as text so a bad file gets a precise message and the others still load.
 */
async function fetchFile(path: string): Promise<SourceFile | string> {
  const name = `scenarios/${path}`;
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}library/${path}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { path: name, text: await response.text() };
  } catch (error) {
    return `${name}: $: could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function bundledLibrary(): Promise<Library> {
  const fetched = await Promise.all(libraryIndex.map(fetchFile));
  const files = fetched.filter((f): f is SourceFile => typeof f !== 'string');
  const unreadable = fetched.filter((f): f is string => typeof f === 'string');
  const library = loadLibrary({
    questions: files.find((f) => f.path === 'scenarios/questions.json'),
    profiles: files.filter((f) => f.path.startsWith('scenarios/profiles/')),
    scenarios: files.filter((f) => !f.path.slice('scenarios/'.length).includes('/') && f.path !== 'scenarios/questions.json'),
  });
  return { ...library, problems: [...unreadable, ...library.problems] };
}
