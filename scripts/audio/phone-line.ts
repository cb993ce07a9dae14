/**
 * Dry speech to what a 911 call-taker hears: the emotion's pitch and tremolo, a telephone band
 * (300-3400 Hz), light line noise, light compression, peaks normalised, mono 16 kHz MP3.
 */
import { join } from 'node:path';
import { duration, sox } from './run';
import type { EmotionSettings } from './voices';

export const SAMPLE_RATE = 16000;
export const MP3_KBPS = 24;
/** Line hiss before the caller speaks and after they stop, seconds. */
const LEAD_IN = 0.25;
const TAIL = 0.35;
/** A line that is only a stage direction ("(the phone clatters)") is this long: just the line. */
const EMPTY_LINE_SECONDS = 1.5;
/** Brown noise amplitude, mixed under speech peaking at -6 dBFS; heard as a faint hiss after the band-pass. */
const NOISE_AMPLITUDE = 0.012;
/** Speech is brought to this peak before the noise goes in, so the noise sits at a fixed level below it. */
const SPEECH_PEAK_DB = -6;
export const OUTPUT_PEAK_DB = -3;

const TELEPHONE_BAND = ['sinc', '300-3400'];

/** Gentle compression above -30 dB at the given ratio, soft knee, fast attack, slower release. */
function compressor(ratio: number): string[] {
  const out0 = (-30 + 30 / ratio).toFixed(1);
  return ['compand', '0.01,0.20', `6:-80,-80,-30,-30,0,${out0}`, '0', '-90', '0.01'];
}

/** MP3 output options: mono, 16 kHz, constant bit rate, no comment tag. */
function mp3Output(path: string, kbps = MP3_KBPS): string[] {
  return ['-r', String(SAMPLE_RATE), '-c', '1', '-C', String(kbps), '--comment', '', path];
}

/** Emotion colour and level, resampled to the line rate, with room for the hiss around it. */
async function prepareSpeech(
  speech: string | undefined,
  semitones: number,
  emotion: EmotionSettings,
  dir: string,
): Promise<string> {
  const out = join(dir, 'line-speech.wav');
  if (speech === undefined) {
    await sox(['-n', '-r', String(SAMPLE_RATE), '-c', '1', out, 'trim', '0', String(EMPTY_LINE_SECONDS)]);
    return out;
  }
  const effects: string[] = ['remix', '-'];
  if (semitones !== 0) effects.push('pitch', String(Math.round(semitones * 100)));
  if (emotion.tremolo) effects.push('tremolo', String(emotion.tremolo.speed), String(emotion.tremolo.depth));
  effects.push(
    'rate',
    '-v',
    String(SAMPLE_RATE),
    'pad',
    String(LEAD_IN),
    String(TAIL),
    'gain',
    '-n',
    String(SPEECH_PEAK_DB),
  );
  await sox([speech, '-b', '16', out, ...effects]);
  return out;
}

async function lineNoise(seconds: number, dir: string): Promise<string> {
  const out = join(dir, 'line-noise.wav');
  await sox([
    '-r',
    String(SAMPLE_RATE),
    '-c',
    '1',
    '-n',
    '-b',
    '16',
    out,
    'synth',
    seconds.toFixed(4),
    'brownnoise',
    'vol',
    String(NOISE_AMPLITUDE),
  ]);
  return out;
}

/** Writes the finished clip. `semitones` is the pitch shift still to apply (0 when the engine did it). */
export async function toPhoneLine(
  speech: string | undefined,
  semitones: number,
  emotion: EmotionSettings,
  dir: string,
  outPath: string,
): Promise<void> {
  const voice = await prepareSpeech(speech, semitones, emotion, dir);
  const noise = await lineNoise(await duration(voice), dir);
  const effects = [
    ...TELEPHONE_BAND,
    ...compressor(emotion.compression),
    'gain',
    '-n',
    String(OUTPUT_PEAK_DB),
  ];
  if (emotion.gainDb !== 0) effects.push('gain', String(emotion.gainDb));
  await sox(['-m', '-v', '1', voice, '-v', '1', noise, ...mp3Output(outPath), ...effects]);
}

/** US ring-back: 440 + 480 Hz together, 2 s on (the app spaces the rings). Through the same phone band. */
export async function ringTone(outPath: string): Promise<void> {
  const tone = ['synth', '2', 'sine', '440', 'sine', '480', 'remix', '-', 'fade', '0.02', '2', '0.02'];
  await sox([
    '-r',
    String(SAMPLE_RATE),
    '-c',
    '2',
    '-n',
    ...mp3Output(outPath, 32),
    ...tone,
    ...TELEPHONE_BAND,
    'gain',
    '-n',
    '-6',
  ]);
}
