/**
 * audio/manifest.json: the clips this pipeline generated. For each reference, the hash of what went
 * in (spoken text, voice and emotion settings, pipeline version) and the hash of the file it wrote.
 * A clip file with no entry, or whose bytes differ from what was written, is somebody's recording:
 * the pipeline never overwrites or deletes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface ManifestEntry {
  /** sha256 of the inputs: a change of text or settings gives another hash, and a rebuild. */
  inputHash: string;
  /** sha256 of the generated file: a different file at the same path was put there by a person. */
  fileHash: string;
  /** The generated file, relative to audio/. */
  file: string;
  voice?: string;
  emotion?: string;
  seconds: number;
}

export interface Manifest {
  $comment: string;
  pipelineVersion: number;
  clips: Record<string, ManifestEntry>;
}

const COMMENT = 'Written by `npm run audio:build`: the clips it generated. Do not edit; see audio/README.md.';

export function sha256(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function fileHash(path: string): string {
  return sha256(readFileSync(path));
}

/** JSON with object keys sorted, so equal inputs hash equally whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function readManifest(path: string, pipelineVersion: number): Manifest {
  if (!existsSync(path)) return { $comment: COMMENT, pipelineVersion, clips: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  return { $comment: COMMENT, pipelineVersion, clips: parsed.clips ?? {} };
}

/** Written whole, then renamed over the old one: an interrupted build never leaves half a manifest. */
export function writeManifest(path: string, manifest: Manifest): void {
  const clips = Object.fromEntries(
    Object.entries(manifest.clips).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...manifest, clips }, null, 2)}\n`);
  renameSync(tmp, path);
}
