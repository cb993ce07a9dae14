/**
 * Where each caller clip lives once bundled. Clips are files under the repository's top-level audio/
 * folder, named after their reference: audio/<scenario-id>/<line-id>.<ext> holds the clip
 * "scenario-id/line-id" (audio/system/<name>.<ext> holds "system/<name>"). Vite turns every such file
 * into a URL at build time; a reference may exist in several formats, tried in order of preference.
 */

/** Preferred formats first. Same order as src/cli/fs-library.ts, which can't be imported here (node:fs). */
export const AUDIO_EXTENSIONS = ['.opus', '.ogg', '.mp3', '.wav'] as const;

/** Clips only the test suite uses; never shipped. */
const EXCLUDED_DIRS = ['test-fixture/'];

/** A glob key up to the audio folder: "../../../../audio/" (relative) or "/audio/" (root-relative). */
const AUDIO_PREFIX = /^(?:\.{1,2}\/)*\/?audio\//;

/**
 * Turns an `import.meta.glob` result (file path → URL) into reference → URLs, preferred format first.
 * Paths outside audio/, with another extension, or under an excluded folder are left out.
 */
export function buildClipIndex(globResult: Readonly<Record<string, string>>): Map<string, string[]> {
  const found = new Map<string, { rank: number; url: string }[]>();
  for (const [path, url] of Object.entries(globResult)) {
    const prefix = AUDIO_PREFIX.exec(path);
    if (!prefix) continue;
    const file = path.slice(prefix[0].length);
    if (EXCLUDED_DIRS.some((dir) => file.startsWith(dir))) continue;
    const rank = AUDIO_EXTENSIONS.findIndex((ext) => file.endsWith(ext));
    if (rank < 0) continue;
    const ref = file.slice(0, -AUDIO_EXTENSIONS[rank]!.length);
    if (ref === '' || ref.endsWith('/')) continue;
    const list = found.get(ref) ?? [];
    list.push({ rank, url });
    found.set(ref, list);
  }
  const index = new Map<string, string[]>();
  for (const [ref, list] of found) index.set(ref, list.sort((a, b) => a.rank - b.rank).map((c) => c.url));
  return index;
}

// `?url&no-inline`: every clip stays a separate file. Without `no-inline`, clips under Vite's
// assetsInlineLimit (4 kB: a short "Okay." in opus or mp3) would be base64-inlined into the JS bundle.
// The negative pattern keeps the test fixtures out of the build.
const index = buildClipIndex(
  import.meta.glob<string>(['../../../../audio/**/*.{opus,ogg,mp3,wav}', '!../../../../audio/test-fixture/**'], {
    eager: true,
    query: '?url&no-inline',
    import: 'default',
  }),
);

/** URLs of this clip, preferred format first; empty when the clip has no audio file. */
export function clipUrls(ref: string): string[] {
  return [...(index.get(ref) ?? [])];
}

/** How many clips the build holds (for diagnostics). */
export function clipCount(): number {
  return index.size;
}
