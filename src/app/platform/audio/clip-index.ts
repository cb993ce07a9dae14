/**
 * The clip index: which files hold each caller clip. Clips are files under the repository's top-level
 * audio/ folder, named after their reference: audio/<scenario-id>/<line-id>.<ext> holds the clip
 * "scenario-id/line-id" (audio/system/<name>.<ext> holds "system/<name>"). A reference may exist in
 * several formats, tried in order of preference.
 *
 * The build (scripts/vite-library-plugin.ts) ships the clips as files and writes this index as JSON,
 * `{ "<ref>": ["<file>", …] }`, preferred format first, each file relative to the index's own folder;
 * the app fetches it at start-up (clip-urls.ts). Pure functions only: the build runs them in Node.
 */

/** Preferred formats first. Same order as src/cli/fs-library.ts, which can't be imported here (node:fs). */
export const AUDIO_EXTENSIONS = ['.opus', '.ogg', '.mp3', '.wav'] as const;

/** Clips only the test suite uses; never shipped. */
const EXCLUDED_DIRS = ['test-fixture/'];

/**
 * The clip a file under audio/ holds (`file` relative to audio/, with "/"), and the rank of its format
 * (0 = preferred); undefined for a file that is not shipped: not in a folder, in an excluded folder,
 * or not one of the audio formats.
 */
export function clipOf(file: string): { ref: string; rank: number } | undefined {
  if (!file.includes('/') || file.startsWith('/') || EXCLUDED_DIRS.some((dir) => file.startsWith(dir))) {
    return undefined;
  }
  const rank = AUDIO_EXTENSIONS.findIndex((ext) => file.endsWith(ext));
  if (rank < 0) return undefined;
  const ref = file.slice(0, -AUDIO_EXTENSIONS[rank]!.length);
  if (ref.endsWith('/')) return undefined;
  return { ref, rank };
}

/**
 * Turns files under audio/ (path relative to audio/ → where it is served) into reference → URLs,
 * preferred format first. Files `clipOf` does not ship are left out.
 */
export function buildClipIndex(files: Readonly<Record<string, string>>): Map<string, string[]> {
  const found = new Map<string, { rank: number; url: string }[]>();
  for (const [file, url] of Object.entries(files)) {
    const clip = clipOf(file);
    if (!clip) continue;
    const list = found.get(clip.ref) ?? [];
    list.push({ rank: clip.rank, url });
    found.set(clip.ref, list);
  }
  const index = new Map<string, string[]>();
  for (const [ref, list] of found) {
    index.set(
      ref,
      list.sort((a, b) => a.rank - b.rank).map((c) => c.url),
    );
  }
  return index;
}

/** The index as the build writes it: refs in order, so the same clips give the same bytes. */
export function serializeClipIndex(index: ReadonlyMap<string, readonly string[]>): string {
  return JSON.stringify(Object.fromEntries([...index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * Reads a fetched index: each file is resolved against `base` (the index's folder, ending in "/").
 * Returns the index, or `json-path: message` for the first thing that is wrong with it.
 */
export function parseClipIndex(json: unknown, base: string): Map<string, string[]> | string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return '$: expected an object of clip reference → files';
  }
  const index = new Map<string, string[]>();
  for (const [ref, files] of Object.entries(json as Record<string, unknown>)) {
    const at = `$[${JSON.stringify(ref)}]`;
    if (!Array.isArray(files) || files.length === 0) return `${at}: expected a non-empty list of files`;
    const bad = files.findIndex((f) => typeof f !== 'string' || f === '');
    if (bad >= 0) return `${at}[${bad}]: expected a file name`;
    index.set(
      ref,
      (files as string[]).map((f) => base + f),
    );
  }
  return index;
}
