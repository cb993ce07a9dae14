// The audio library against the scenarios: every clip a scenario plays is there (in any accepted
// format), every clip file is played by some scenario, and the app's own clips exist. Whether the
// files decode is checked in the browser tests.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clipFiles,
  NON_CLIP_FILES,
  NON_SCENARIO_DIRS,
  scenarioClips,
  SYSTEM_CLIPS,
} from '../../scripts/audio/clips';
import { readVoices } from '../../scripts/audio/voices';
import { AUDIO_DIR, AUDIO_EXTENSIONS } from '$cli/fs-library';

const { clips, problems, conflicts } = scenarioClips();
const referenced = new Set(clips.map((c) => c.ref));

/** Every file under audio/ except the folders and files that hold no scenario clips, relative, with "/". */
function audioFiles(dir: string = AUDIO_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(AUDIO_DIR, path).split(sep).join('/');
    if (statSync(path).isDirectory()) {
      // audio/sounds/ holds beds and effects, not caller clips: tests/unit/sound-library.test.ts checks them.
      return [...NON_SCENARIO_DIRS, 'sounds'].includes(rel) ? [] : audioFiles(path);
    }
    return dir === AUDIO_DIR && (NON_CLIP_FILES as readonly string[]).includes(name) ? [] : [rel];
  });
}

describe('the audio library', () => {
  it('reads every scenario, and no clip is used for two different lines', () => {
    expect(problems).toEqual([]);
    expect(conflicts).toEqual([]);
    expect(clips.length).toBeGreaterThan(0);
  });

  it('has a clip for every line of every scenario', () => {
    const missing = clips.filter((c) => clipFiles(c.ref).length === 0).map((c) => `${c.ref} (${c.usedAt})`);
    expect(missing, 'run `npm run audio:build`').toEqual([]);
  });

  it('holds only clips some scenario plays', () => {
    const stray = audioFiles().filter((file) => {
      const ext = AUDIO_EXTENSIONS.find((e) => file.endsWith(e));
      return ext === undefined || !referenced.has(file.slice(0, -ext.length));
    });
    expect(
      stray,
      'files under audio/ that no scenario line references (or that are not .opus/.ogg/.mp3/.wav)',
    ).toEqual([]);
  });

  it('has the system clips the app plays', () => {
    for (const clip of SYSTEM_CLIPS) expect(clipFiles(clip.ref), clip.ref).not.toEqual([]);
  });

  it('has a voice for every caller', () => {
    const voices = readVoices(join(AUDIO_DIR, 'voices.json'));
    const used = new Set([...clips, ...SYSTEM_CLIPS].flatMap((c) => (c.kind === 'speech' ? [c.voice] : [])));
    for (const voice of used) expect(Object.keys(voices.voices), `voice "${voice}"`).toContain(voice);
  });
});
