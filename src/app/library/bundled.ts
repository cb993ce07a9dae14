import clipIndexFile from 'virtual:clip-index';
import libraryIndex from 'virtual:library-index';
import { libraryFileKind } from '$core/library/layout';
import type { SourceFile } from '$core/library/load';
import type { ClipUrls } from '../platform/audio/clip-urls';
import { loadLibrary, type Library } from './load-library';

/**
 * The library shipped with the app (scripts/vite-library-plugin.ts serves scenarios/ under
 * /library/). Read as text so a bad file gets a precise message and the others still load.
 */
async function fetchFile(path: string): Promise<SourceFile | string> {
  const name = `scenarios/${path}`;
  try {
    // Library files keep their names across releases: revalidate, so an update is never hidden by a cached copy.
    const response = await fetch(`${import.meta.env.BASE_URL}library/${path}`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // Decoded keeping a byte-order mark, so the file is named for it the same way the CLI names it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    return { path: name, text };
  } catch (error) {
    return `${name}: $: could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Fetches the library files and, at the same time, the index of the caller clips into `clips` (which
 * the audio player reads from then on). An index that can't be used is one more problem line; calls
 * then run without sound.
 */
export async function bundledLibrary(clips: ClipUrls): Promise<Library> {
  // The index is asked for first: the biggest file, it should not wait for a free connection.
  const [clipProblem, fetched] = await Promise.all([
    clips.load(clipIndexFile, `${import.meta.env.BASE_URL}${clipIndexFile}`),
    Promise.all(libraryIndex.map(fetchFile)),
  ]);
  const files = fetched.filter((f): f is SourceFile => typeof f !== 'string');
  const unreadable = fetched.filter((f): f is string => typeof f === 'string');
  const kind = (f: SourceFile) => libraryFileKind(f.path.slice('scenarios/'.length));
  const library = loadLibrary({
    questions: files.find((f) => kind(f) === 'questions'),
    profiles: files.filter((f) => kind(f) === 'profile'),
    scenarios: files.filter((f) => kind(f) === 'scenario'),
  });
  return {
    ...library,
    problems: [...unreadable, ...(clipProblem ? [clipProblem] : []), ...library.problems],
  };
}
