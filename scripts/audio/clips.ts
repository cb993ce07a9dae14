/**
 * What the audio library must hold: one clip per caller line of every scenario, plus the system
 * clips the app plays itself. Shared by `npm run audio:build` and tests/unit/audio-library.test.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUDIO_DIR,
  AUDIO_EXTENSIONS,
  readSource,
  scenarioFiles,
  SCENARIO_DIR,
} from '../../src/cli/fs-library';
import { ScenarioFile, type Scenario } from '../../src/core/format/scenario';
import type { Emotion } from '../../src/core/format/vocabulary';
import type { SourceFile } from '../../src/core/library/load';
import { parseJson } from '../../src/core/validate/parse-json';
import { formatProblem } from '../../src/core/validate/problem';
import { allLinesOf } from '../../src/core/validate/lines';
import { zodProblems } from '../../src/core/validate/validate-scenario';

/** A clip to synthesize from text. */
export interface SpeechClip {
  kind: 'speech';
  ref: string;
  text: string;
  voice: string;
  emotion: Emotion;
  /** The line's `delivery`: whispered, or (absent) out loud. */
  delivery?: 'whisper';
  /** Where it is used, for messages: "scenarios/x.json $.states.opening.lines[0]". */
  usedAt: string;
}

/**
 * A sound a line plays instead of speech (`"audio": "sounds/<name>"`): an asset under audio/sounds/,
 * never synthesized, deleted or counted as an orphan by the pipeline. Many lines may share one.
 */
export interface SoundClip {
  kind: 'sound';
  ref: string;
  usedAt: string;
}

/** A clip made by a sox recipe (no speech). */
export interface ToneClip {
  kind: 'ring';
  ref: string;
  usedAt: string;
}

export type Clip = SpeechClip | ToneClip | SoundClip;

/** The folder under audio/ whose files are sound assets, not generated clips. */
export const SOUNDS_DIR = 'sounds';
export const isSoundRef = (ref: string) => ref.startsWith(`${SOUNDS_DIR}/`);

/** The counselor's line the app plays when a warm transfer to 988/crisis line goes through. */
export const COUNSELOR_REF = 'system/counselor-accepts';
export const RING_REF = 'system/ring';
export const SYSTEM_CLIPS: readonly Clip[] = [
  {
    kind: 'speech',
    ref: COUNSELOR_REF,
    text: 'This is the crisis counselor. I have them now, thank you.',
    voice: 'counselor',
    emotion: 'calm',
    usedAt: 'system clip',
  },
  { kind: 'ring', ref: RING_REF, usedAt: 'system clip' },
];

/** Folders under audio/ that hold no scenario clips. */
export const NON_SCENARIO_DIRS = ['system', 'test-fixture', SOUNDS_DIR] as const;
/** Files under audio/ that are not clips. */
export const NON_CLIP_FILES = ['README.md', 'voices.json', 'manifest.json'] as const;

export interface ScenarioClips {
  /** Caller lines to synthesize, then the sound assets lines play (each once). */
  clips: (SpeechClip | SoundClip)[];
  /** Files that could not be read as scenarios: their clips are unknown, so nothing may be pruned. */
  problems: string[];
  /** Same clip reference with different text, voice or emotion. */
  conflicts: string[];
}

/**
 * A scenario's format only (not the semantic checks of `npm run scenario -- validate`): a scenario
 * still being written can get its audio as soon as its lines are well-formed.
 */
function readScenario(
  source: SourceFile,
): { ok: true; scenario: Scenario } | { ok: false; problems: string[] } {
  const json = parseJson(source.text);
  if (!json.ok) return { ok: false, problems: [formatProblem(source.path, json.problem)] };
  const parsed = ScenarioFile.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: zodProblems(parsed.error, json.value).map((p) => formatProblem(source.path, p)),
    };
  }
  return { ok: true, scenario: parsed.data };
}

/** Every caller line of every scenario under `dir`, one entry per clip reference. */
export function scenarioClips(dir: string = SCENARIO_DIR): ScenarioClips {
  const byRef = new Map<string, SpeechClip>();
  const sounds = new Map<string, SoundClip>();
  const problems: string[] = [];
  const conflicts: string[] = [];
  for (const file of scenarioFiles([dir])) {
    const source = readSource(file);
    const loaded = readScenario(source);
    if (!loaded.ok) {
      problems.push(...loaded.problems);
      continue;
    }
    const scenario = loaded.scenario;
    for (const [line, path] of allLinesOf(scenario)) {
      const usedAt = `${source.path} ${path}`;
      if (isSoundRef(line.audio)) {
        if (!sounds.has(line.audio)) sounds.set(line.audio, { kind: 'sound', ref: line.audio, usedAt });
        continue;
      }
      const clip: SpeechClip = {
        kind: 'speech',
        ref: line.audio,
        text: line.text,
        voice: scenario.caller.voice,
        emotion: line.emotion,
        ...(line.delivery ? { delivery: line.delivery } : {}),
        usedAt,
      };
      const earlier = byRef.get(clip.ref);
      if (!earlier) byRef.set(clip.ref, clip);
      else if (
        earlier.text !== clip.text ||
        earlier.voice !== clip.voice ||
        earlier.emotion !== clip.emotion ||
        earlier.delivery !== clip.delivery
      ) {
        conflicts.push(
          `clip "${clip.ref}" at ${clip.usedAt} differs from ${earlier.usedAt} (text, voice, emotion or delivery)`,
        );
      }
    }
  }
  return { clips: [...byRef.values(), ...sounds.values()], problems, conflicts };
}

/** Existing files for a clip reference, in the app's order of preference (the first one plays). */
export function clipFiles(ref: string, audioDir: string = AUDIO_DIR): string[] {
  return AUDIO_EXTENSIONS.map((ext) => join(audioDir, `${ref}${ext}`)).filter((path) => existsSync(path));
}
