// The sounds under audio/sounds/ against the scenarios: every sound a line describes is heard, every
// sound a scenario plays is there, every file is played by some scenario and made by a recipe, and
// all of them fit their share of the library. Whether they decode and loop is checked in the browser.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOUNDS } from '../../scripts/audio/sounds-recipes';
import { AUDIO_DIR, audioExists, readSource, scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { ScenarioFile } from '$core/format/scenario';
import { soundClipsOf, soundProblems } from '$core/validate/sound-checks';

const SOUNDS_DIR = join(AUDIO_DIR, 'sounds');
const scenarios = scenarioFiles([SCENARIO_DIR]).map((file) => ({
  file,
  scenario: ScenarioFile.parse(JSON.parse(readSource(file).text)),
}));
const played = new Set(scenarios.flatMap(({ scenario }) => soundClipsOf(scenario)));
const files = readdirSync(SOUNDS_DIR);

describe('the sound library', () => {
  it('has a clip for every sound a line describes, as the validator reads the stage directions', () => {
    const problems = scenarios.flatMap(({ file, scenario }) =>
      soundProblems(scenario, audioExists, undefined).map((p) => `${file}: ${p.path}: ${p.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('gives the noisy places of the library a bed', () => {
    expect(played.size).toBeGreaterThan(0);
    expect(scenarios.filter(({ scenario }) => scenario.caller.background).length).toBeGreaterThanOrEqual(4);
  });

  it('holds only sounds some scenario plays, and every sound its recipes make', () => {
    const stray = files.filter((f) => !played.has(`sounds/${f.replace(/\.[a-z0-9]+$/, '')}`));
    expect(stray, 'files under audio/sounds/ that no scenario plays').toEqual([]);
    const unmade = files.filter((f) => f.endsWith('.mp3') && !Object.hasOwn(SOUNDS, f.slice(0, -4)));
    expect(unmade, 'generated sounds with no recipe to make them again').toEqual([]);
    const missing = Object.keys(SOUNDS).filter((name) => !files.includes(`${name}.mp3`));
    expect(missing, 'run `npm run audio:sounds`').toEqual([]);
  });

  it('keeps every sound within 2.5 MB together', () => {
    const total = files.reduce((sum, f) => sum + statSync(join(SOUNDS_DIR, f)).size, 0);
    expect(total).toBeLessThanOrEqual(2.5 * 1024 * 1024);
  });
});
