/**
 * `npm run audio:build`: caller audio from the transcripts. One MP3 per caller line of every
 * scenario (audio/<ref>.mp3) plus the system clips, through a telephone-line effect. Incremental:
 * a clip is rebuilt only when its text, voice or emotion settings, or this pipeline change.
 * Recordings (clip files the manifest did not write) are never overwritten. See audio/README.md.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { AUDIO_DIR, AUDIO_EXTENSIONS } from '../src/cli/fs-library';
import {
  clipFiles,
  isSoundRef,
  scenarioClips,
  SYSTEM_CLIPS,
  type Clip,
  type SoundClip,
  type SpeechClip,
} from './audio/clips';
import {
  canonicalJson,
  fileHash,
  readManifest,
  sha256,
  writeManifest,
  type Manifest,
  type ManifestEntry,
} from './audio/manifest';
import { MP3_KBPS, OUTPUT_PEAK_DB, ringTone, SAMPLE_RATE, toPhoneLine } from './audio/phone-line';
import { duration, hasProgram, soxWritesMp3 } from './audio/run';
import { sentences, spokenText } from './audio/speech-text';
import { needsSoxPitch, synthesizeSpeech } from './audio/synth';
import { readVoices, rendering, type VoicesFile } from './audio/voices';

/** Bump when the processing changes in a way the settings do not show: every generated clip is rebuilt. */
const PIPELINE_VERSION = 3;
const MAX_LIBRARY_BYTES = 20_000_000;
/** The machines have 2 cores. */
const WORKERS = 2;
const VOICES_PATH = join(AUDIO_DIR, 'voices.json');
const MANIFEST_PATH = join(AUDIO_DIR, 'manifest.json');
const MB = 1_000_000;

type Decision =
  | { kind: 'build'; inputHash: string }
  | { kind: 'skip' }
  /** A sound asset under audio/sounds/: never built, never touched. */
  | { kind: 'sound' }
  /** A recording serves this clip. `forget`: drop the manifest entry; `removeGenerated`: delete our .mp3 that would shadow it. */
  | { kind: 'kept'; why: string; forget: boolean; removeGenerated: boolean };

interface Planned {
  clip: Clip;
  decision: Decision;
}

interface Outcome {
  built: number;
  skipped: number;
  kept: string[];
  removed: string[];
  failed: string[];
}

// ---------------------------------------------------------------- what to do

const generatedPath = (ref: string) => join(AUDIO_DIR, `${ref}.mp3`);
const shown = (path: string) => relative(process.cwd(), path) || path;

function inputHash(clip: Exclude<Clip, SoundClip>, voices: VoicesFile): string {
  if (clip.kind === 'ring') {
    return sha256(canonicalJson({ pipelineVersion: PIPELINE_VERSION, ring: 'us-ringback-440+480-2s' }));
  }
  const { description: _voiceNote, ...voice } = voices.voices[clip.voice]!;
  return sha256(
    canonicalJson({
      pipelineVersion: PIPELINE_VERSION,
      spoken: spokenText(clip.text),
      voice: { name: clip.voice, ...voice },
      emotion: { name: clip.emotion, ...voices.emotions[clip.emotion] },
      ...(clip.delivery === 'whisper' ? { whisper: voices.whisper } : {}),
      output: { sampleRate: SAMPLE_RATE, kbps: MP3_KBPS, peakDb: OUTPUT_PEAK_DB },
    }),
  );
}

/** Build, skip, or leave to a recording: the rules of audio/README.md. */
function decide(clip: Clip, entry: ManifestEntry | undefined, hash: string): Decision {
  const files = clipFiles(clip.ref);
  const generated = generatedPath(clip.ref);
  if (!entry) {
    if (files.length === 0) return { kind: 'build', inputHash: hash };
    return {
      kind: 'kept',
      why: `${files.map((f) => basename(f)).join(', ')} not made by this pipeline`,
      forget: false,
      removeGenerated: false,
    };
  }
  const hasGenerated = existsSync(generated);
  const intact = hasGenerated && fileHash(generated) === entry.fileHash;
  if (hasGenerated && !intact) {
    return {
      kind: 'kept',
      why: `${basename(generated)} was replaced by a recording`,
      forget: true,
      removeGenerated: false,
    };
  }
  const recordings = files.filter((f) => f !== generated);
  if (recordings.length > 0) {
    return {
      kind: 'kept',
      why: `recording ${recordings.map((f) => basename(f)).join(', ')}`,
      forget: true,
      removeGenerated: intact,
    };
  }
  if (intact && entry.inputHash === hash) return { kind: 'skip' };
  return { kind: 'build', inputHash: hash };
}

function plan(clips: readonly Clip[], voices: VoicesFile, manifest: Manifest): Planned[] {
  return clips.map((clip) => ({
    clip,
    decision:
      clip.kind === 'sound'
        ? { kind: 'sound' }
        : decide(clip, manifest.clips[clip.ref], inputHash(clip, voices)),
  }));
}

// ---------------------------------------------------------------- checks before starting

function unknownVoices(clips: readonly Clip[], voices: VoicesFile): string[] {
  const missing = clips.filter(
    (c): c is SpeechClip => c.kind === 'speech' && !Object.hasOwn(voices.voices, c.voice),
  );
  return [...new Set(missing.map((c) => `voice "${c.voice}" (${c.usedAt}) is not in ${shown(VOICES_PATH)}`))];
}

/** The programs the clips to build need, with the Debian packages that provide them. */
function missingTools(toBuild: readonly Clip[], voices: VoicesFile): string[] {
  const needs = new Map<string, string>([['sox', 'sox libsox-fmt-mp3']]);
  for (const clip of toBuild) {
    if (clip.kind !== 'speech') continue;
    const engine = voices.voices[clip.voice]!.engine;
    if (engine === 'hts') {
      needs.set('festival', 'festival festvox-us-slt-hts');
      needs.set('hts_engine', 'htsengine');
    } else if (engine === 'flite') needs.set('flite', 'flite');
    else needs.set('espeak-ng', 'espeak-ng');
  }
  const missing = [...needs]
    .filter(([program]) => !hasProgram(program, program === 'hts_engine' ? [] : ['--version']))
    .map(([, pkg]) => pkg);
  if (!missing.some((pkg) => pkg.startsWith('sox')) && toBuild.length > 0 && !soxWritesMp3()) {
    missing.push('libsox-fmt-mp3');
  }
  return missing;
}

// ---------------------------------------------------------------- building

/** Synthesizes one clip into a scratch folder, then moves it into place. */
async function buildClip(clip: Exclude<Clip, SoundClip>, voices: VoicesFile, outPath: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'audio-build-'));
  try {
    const scratch = join(dir, 'clip.mp3');
    if (clip.kind === 'ring') await ringTone(scratch);
    else {
      const whisper = clip.delivery === 'whisper' ? voices.whisper : undefined;
      const r = rendering(voices.voices[clip.voice]!, voices.emotions[clip.emotion], whisper);
      const speech = await synthesizeSpeech(r, sentences(spokenText(clip.text)), dir);
      const seed = Number.parseInt(sha256(clip.ref).slice('sha256:'.length, 'sha256:'.length + 8), 16);
      await toPhoneLine(speech, needsSoxPitch(r) ? r.semitones : 0, r, seed, dir, scratch);
    }
    mkdirSync(dirname(outPath), { recursive: true });
    copyFileSync(scratch, `${outPath}.tmp`);
    renameSync(`${outPath}.tmp`, outPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `work` over the items with at most `workers` running at once. */
async function pool<T>(
  items: readonly T[],
  workers: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}

async function buildAll(
  todo: readonly Planned[],
  voices: VoicesFile,
  manifest: Manifest,
  outcome: Outcome,
): Promise<void> {
  let done = 0;
  await pool(todo, WORKERS, async ({ clip, decision }) => {
    if (decision.kind !== 'build' || clip.kind === 'sound') return;
    const out = generatedPath(clip.ref);
    const label = clip.kind === 'speech' ? `${clip.voice}, ${clip.emotion}` : 'tone';
    try {
      await buildClip(clip, voices, out);
      const seconds = Math.round((await duration(out)) * 100) / 100;
      const entry: ManifestEntry = {
        inputHash: decision.inputHash,
        fileHash: fileHash(out),
        file: `${clip.ref}.mp3`,
        seconds,
      };
      if (clip.kind === 'speech') Object.assign(entry, { voice: clip.voice, emotion: clip.emotion });
      manifest.clips[clip.ref] = entry;
      writeManifest(MANIFEST_PATH, manifest);
      outcome.built++;
      console.log(`[${++done}/${todo.length}] built ${clip.ref} (${label}) ${seconds.toFixed(1)} s`);
    } catch (error) {
      outcome.failed.push(`${clip.ref}: ${(error as Error).message}`);
      console.error(`[${++done}/${todo.length}] FAILED ${clip.ref} (${label}): ${(error as Error).message}`);
    }
  });
}

// ---------------------------------------------------------------- recordings and stale clips

function applyKept(planned: readonly Planned[], manifest: Manifest, outcome: Outcome): void {
  for (const { clip, decision } of planned) {
    if (decision.kind !== 'kept') continue;
    let why = decision.why;
    if (decision.removeGenerated) {
      rmSync(generatedPath(clip.ref));
      why += `; removed the generated ${basename(generatedPath(clip.ref))}`;
    }
    if (decision.forget) delete manifest.clips[clip.ref];
    outcome.kept.push(`${clip.ref}: ${why}`);
  }
}

/** Deletes generated clips no scenario uses any more. A file a person replaced is left, with a note. */
function pruneStale(wanted: ReadonlySet<string>, manifest: Manifest, outcome: Outcome): void {
  for (const [ref, entry] of Object.entries(manifest.clips)) {
    if (wanted.has(ref)) continue;
    if (isSoundRef(ref)) {
      // Sound assets are never the pipeline's to delete, whatever an old manifest says.
      delete manifest.clips[ref];
      continue;
    }
    const path = join(AUDIO_DIR, entry.file);
    if (existsSync(path) && fileHash(path) === entry.fileHash) {
      rmSync(path);
      removeEmptyFolders(dirname(path));
      outcome.removed.push(`${ref} (${shown(path)})`);
    } else if (existsSync(path)) {
      outcome.kept.push(`${ref}: ${shown(path)} is a recording no scenario uses; left in place`);
    }
    delete manifest.clips[ref];
  }
}

function removeEmptyFolders(dir: string): void {
  for (
    let d = dir;
    d.startsWith(AUDIO_DIR) && d !== AUDIO_DIR && readdirSync(d).length === 0;
    d = dirname(d)
  ) {
    rmdirSync(d);
  }
}

// ---------------------------------------------------------------- report

/** Every clip file under audio/ except the test fixtures (which never ship). */
function libraryBytes(dir: string = AUDIO_DIR): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'test-fixture' && dir === AUDIO_DIR) continue;
      const sub = libraryBytes(path);
      bytes += sub.bytes;
      files += sub.files;
    } else if (AUDIO_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      bytes += statSync(path).size;
      files++;
    }
  }
  return { bytes, files };
}

function report(total: number, sounds: readonly SoundClip[], outcome: Outcome, seconds: number): boolean {
  const list = (title: string, items: readonly string[]) => {
    if (items.length > 0) console.log(`${title}:\n${items.map((i) => `  ${i}`).join('\n')}`);
  };
  list('kept (recorded)', outcome.kept);
  list('removed (no scenario uses them)', outcome.removed);
  list('FAILED', outcome.failed);
  const missingSounds = sounds.filter((c) => clipFiles(c.ref).length === 0);
  list(
    'sound assets with no file under audio/ (lines play captions only)',
    missingSounds.map((c) => `${c.ref} (${c.usedAt})`),
  );
  if (sounds.length > 0) {
    console.log(
      `sounds: ${sounds.length} sound assets under audio/sounds/ used by lines (not generated, never removed)`,
    );
  }
  const { bytes, files } = libraryBytes();
  console.log(
    `audio: ${total} clips: built ${outcome.built}, skipped ${outcome.skipped} (up to date), kept ${outcome.kept.length} (recorded), ` +
      `removed ${outcome.removed.length}, failed ${outcome.failed.length} — ${seconds.toFixed(1)} s`,
  );
  const over = bytes > MAX_LIBRARY_BYTES;
  console.log(
    `library: ${(bytes / MB).toFixed(2)} MB in ${files} files (limit ${MAX_LIBRARY_BYTES / MB} MB)${over ? ' — OVER THE LIMIT' : ''}`,
  );
  return !over && outcome.failed.length === 0;
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const started = performance.now();
  const voices = readVoices(VOICES_PATH);
  const { clips: callerClips, problems, conflicts } = scenarioClips();
  const clips: Clip[] = [...SYSTEM_CLIPS, ...callerClips];
  const errors = [...conflicts, ...unknownVoices(clips, voices)];
  if (errors.length > 0) {
    for (const e of errors) console.error(e);
    console.error(`audio: fix the ${errors.length} problem(s) above first (nothing was built or removed)`);
    return 1;
  }
  // An unreadable scenario's clips are unknown: build the others, but remove nothing.
  for (const p of problems) console.error(p);
  const manifest = readManifest(MANIFEST_PATH, PIPELINE_VERSION);
  const planned = plan(clips, voices, manifest);
  const todo = planned.filter((p) => p.decision.kind === 'build');
  const missing = missingTools(
    todo.map((p) => p.clip),
    voices,
  );
  if (missing.length > 0) {
    console.error(`audio: missing tools. Install them with:\n  apt-get install -y ${missing.join(' ')}`);
    return 1;
  }
  const outcome: Outcome = {
    built: 0,
    skipped: planned.filter((p) => p.decision.kind === 'skip').length,
    kept: [],
    removed: [],
    failed: [],
  };
  console.log(`audio: ${clips.length} clips, ${todo.length} to build (${WORKERS} workers)`);
  applyKept(planned, manifest, outcome);
  await buildAll(todo, voices, manifest, outcome);
  if (problems.length === 0) pruneStale(new Set(clips.map((c) => c.ref)), manifest, outcome);
  else {
    console.error(
      `audio: ${problems.length} problem(s) in scenario files (above): their clips were not built, and no clip was removed`,
    );
  }
  writeManifest(MANIFEST_PATH, manifest);
  const sounds = clips.filter((c): c is SoundClip => c.kind === 'sound');
  const ok = report(clips.length - sounds.length, sounds, outcome, (performance.now() - started) / 1000);
  return ok && problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
