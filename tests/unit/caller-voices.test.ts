// Every bundled call sounds like its own person: no two scenarios' callers are rendered with the
// same voice settings, and the crisis counselor who takes a warm transfer is a speaker no caller is.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNSELOR_REF, SYSTEM_CLIPS } from '../../scripts/audio/clips';
import { canonicalJson } from '../../scripts/audio/manifest';
import { readVoices, type VoiceSettings } from '../../scripts/audio/voices';
import { AUDIO_DIR, readSource, scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { ScenarioFile } from '$core/format/scenario';

const voices = readVoices(join(AUDIO_DIR, 'voices.json'));

/** The bundled scenarios, read as the pipeline reads them (questions.json and other non-scenarios left out). */
const scenarios = scenarioFiles([SCENARIO_DIR]).flatMap((file) => {
  const parsed = ScenarioFile.safeParse(JSON.parse(readSource(file).text));
  return parsed.success ? [parsed.data] : [];
});

/** What makes the sound: every setting but the description. */
function sound(voice: VoiceSettings): string {
  const { description: _note, ...settings } = voice;
  return canonicalJson(settings);
}

/** The recorded speaker a voice starts from: the same speaker with other settings is still that speaker. */
function speaker(voice: VoiceSettings): string {
  return voice.engine === 'hts' ? `hts:${voice.model}` : `${voice.engine}:${voice.voice}`;
}

describe('caller voices', () => {
  it('reads every bundled scenario', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every scenario a caller voice audio/voices.json defines', () => {
    const unknown = scenarios
      .filter((s) => !Object.hasOwn(voices.voices, s.caller.voice))
      .map((s) => `${s.id}: ${s.caller.voice}`);
    expect(unknown).toEqual([]);
  });

  it('renders no two scenarios’ callers with the same voice settings', () => {
    const byId = new Map<string, string>();
    const shared: string[] = [];
    for (const s of scenarios) {
      const key = sound(voices.voices[s.caller.voice]!);
      const other = byId.get(key);
      if (other !== undefined) shared.push(`${s.id} sounds like ${other} (voice "${s.caller.voice}")`);
      else byId.set(key, s.id);
    }
    expect(shared).toEqual([]);
  });

  it('gives the crisis counselor a speaker no caller is', () => {
    const counselorClip = SYSTEM_CLIPS.find((c) => c.ref === COUNSELOR_REF);
    expect(counselorClip?.kind).toBe('speech');
    const counselor = voices.voices[counselorClip!.kind === 'speech' ? counselorClip!.voice : '']!;
    const callers = scenarios.filter((s) => speaker(voices.voices[s.caller.voice]!) === speaker(counselor));
    expect(callers.map((s) => s.id)).toEqual([]);
  });
});
