/**
 * audio/voices.json: how each caller voice (scenario `caller.voice`) and each emotion is rendered.
 * Every setting here goes into a clip's hash, so editing one rebuilds exactly the clips it affects.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EMOTIONS, type Emotion } from '../../src/core/format/vocabulary';

/** Words only: these names end up in a Scheme script and on command lines. */
const Name = z.string().regex(/^[A-Za-z0-9_+-]+$/, 'letters, digits, "_", "+" or "-" only');

const Common = {
  /** What the voice is and why it was chosen, for people. */
  description: z.string().min(1),
  /** Speaking rate, 1 = the engine's own. */
  rate: z.number().min(0.5).max(2).default(1),
  /** Pitch shift in semitones. Pitch only: where sox does the shift (flite, espeak-ng), the formants it moves are moved back. */
  semitones: z.number().min(-12).max(12).default(0),
  /**
   * Vocal-tract size, independent of pitch: every formant frequency is multiplied by this (spectral
   * envelope warp, scripts/audio/voice-shaping.ts). > 1 a shorter tract (smaller, younger), < 1 a longer one.
   */
  formant: z.number().min(0.8).max(1.25).default(1),
};

/** festival does the text analysis (full-context labels), hts_engine renders them with the HTS model. */
export const HtsVoice = z.strictObject({
  engine: z.literal('hts'),
  festivalVoice: Name,
  model: z.string().min(1),
  /** hts_engine all-pass constant (-a): lower = longer vocal tract (darker, older), higher = brighter. */
  allPass: z.number().min(0).max(0.9).optional(),
  /** hts_engine global-variance weight of log F0 (-jf): intonation range, 1 = the model's own. */
  intonation: z.number().min(0).max(3).default(1),
  ...Common,
});

export const FliteVoice = z.strictObject({
  engine: z.literal('flite'),
  /** A voice `flite -lv` lists, or a path to a .flitevox file. */
  voice: z.string().min(1),
  ...Common,
});

export const EspeakVoice = z.strictObject({
  engine: z.literal('espeak-ng'),
  /** An espeak-ng voice with variant, e.g. "en-us+f3". */
  voice: Name,
  ...Common,
});

export const VoiceSettings = z.discriminatedUnion('engine', [HtsVoice, FliteVoice, EspeakVoice]);
export type VoiceSettings = z.infer<typeof VoiceSettings>;

export const EmotionSettings = z.strictObject({
  /** Multiplies the voice's rate. */
  rate: z.number().min(0.5).max(2),
  /** Added to the voice's pitch shift. */
  semitones: z.number().min(-6).max(6),
  /** Multiplies the intonation range (HTS voices only; flite and espeak-ng have no such control). */
  intonation: z.number().min(0).max(3),
  /** Level after peak normalisation, in dB (0 = peaks at -3 dBFS). Keep it at most +2. */
  gainDb: z.number().min(-12).max(2),
  /** Compression ratio above -30 dB: more = denser, louder-sounding speech. */
  compression: z.number().min(1).max(10),
  /** Silence between sentences, seconds (doubled after a hesitation "..."). */
  sentenceGap: z.number().min(0).max(2),
  /** Amplitude wobble, as sox `tremolo SPEED DEPTH` (Hz, percent). */
  tremolo: z
    .strictObject({ speed: z.number().min(0.1).max(20), depth: z.number().min(0).max(100) })
    .optional(),
});
export type EmotionSettings = z.infer<typeof EmotionSettings>;

/** How a line marked `"delivery": "whisper"` is rendered. */
export const WhisperSettings = z.strictObject({
  /**
   * Level after peak normalisation, in dB, instead of the emotion's (0 = peaks at -3 dBFS): a whisper
   * stays this quiet whatever the emotion, frantic included.
   */
  gainDb: z.number().min(-24).max(0),
  /** Compression ratio, instead of the emotion's (a frantic line's denser compression would make the whisper loud). */
  compression: z.number().min(1).max(10),
  /** Multiplies the formant frequencies: a whisper's vocal tract is a little shorter (lips spread, larynx raised). */
  formant: z.number().min(0.8).max(1.25),
});
export type WhisperSettings = z.infer<typeof WhisperSettings>;

export const VoicesFile = z.strictObject({
  $comment: z.string().optional(),
  voices: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), VoiceSettings),
  /** One entry per emotion of the scenario format. */
  emotions: z.record(z.enum(EMOTIONS), EmotionSettings),
  whisper: WhisperSettings,
});
export type VoicesFile = z.infer<typeof VoicesFile>;

export function readVoices(path: string): VoicesFile {
  const parsed = VoicesFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** What one clip is rendered with: the voice and emotion settings combined. */
export interface Rendering {
  voice: VoiceSettings;
  emotion: EmotionSettings;
  rate: number;
  semitones: number;
  intonation: number;
  /** Formant factor of the voice, times the whisper's when whispered. */
  formant: number;
  /** Set when the line is whispered. */
  whisper?: WhisperSettings;
}

export function rendering(
  voice: VoiceSettings,
  emotion: EmotionSettings,
  whisper?: WhisperSettings,
): Rendering {
  const intonation = voice.engine === 'hts' ? voice.intonation * emotion.intonation : 1;
  return {
    voice,
    emotion,
    rate: voice.rate * emotion.rate,
    semitones: voice.semitones + emotion.semitones,
    intonation,
    formant: voice.formant * (whisper?.formant ?? 1),
    ...(whisper ? { whisper } : {}),
  };
}

export function emotionSettings(file: VoicesFile, emotion: Emotion): EmotionSettings {
  return file.emotions[emotion];
}
