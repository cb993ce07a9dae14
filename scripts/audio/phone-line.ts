/**
 * Dry speech to what a 911 call-taker hears: pitch shift (engines without their own), the voice's
 * vocal-tract size, whispering, the emotion's tremolo, a telephone band (300-3400 Hz), light
 * compression, the level, a faint line hiss, mono 16 kHz MP3.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duration, sox } from './run';
import { shapeVoice } from './voice-shaping';
import type { Rendering } from './voices';

export const SAMPLE_RATE = 16000;
/** Telephone-band speech needs little: 16 kbps keeps the whole 300-3400 Hz band at 16 kHz (measured). */
export const MP3_KBPS = 16;
/** Line hiss before the caller speaks and after they stop, seconds. */
const LEAD_IN = 0.25;
const TAIL = 0.35;
/** A line that is only a stage direction ("(the phone clatters)") is this long: just the line. */
const EMPTY_LINE_SECONDS = 1.5;
/**
 * Brown noise amplitude of the line hiss, the same in every clip (a whispered line does not quiet the
 * line): after the band-pass about 30 dB under a normal line's speech.
 */
const NOISE_AMPLITUDE = 0.02;
/** Speech peaks here before compression. */
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

/** sox's pitch shift moves the formants by the same ratio: the factor that moves them back. */
const formantUndo = (soxSemitones: number) => 2 ** (-soxSemitones / 12);

/** Runs shapeVoice over a WAV file (mono, SAMPLE_RATE). */
async function shapeFile(
  wav: string,
  formant: number,
  whisper: boolean,
  seed: number,
  dir: string,
): Promise<string> {
  const raw = join(dir, 'shape-in.f32');
  const shapedRaw = join(dir, 'shape-out.f32');
  const out = join(dir, 'shaped.wav');
  await sox([wav, '-t', 'f32', raw]);
  const bytes = readFileSync(raw);
  const samples = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  writeFileSync(shapedRaw, shapeVoice(samples, { formant, whisper, seed }));
  await sox(['-t', 'f32', '-r', String(SAMPLE_RATE), '-c', '1', shapedRaw, '-b', '16', out]);
  return out;
}

/**
 * The caller's voice alone at line rate: pitch (when sox does it), vocal tract, whisper, tremolo,
 * with room for the hiss around it, peaking at SPEECH_PEAK_DB.
 */
async function prepareSpeech(
  speech: string | undefined,
  soxSemitones: number,
  r: Rendering,
  seed: number,
  dir: string,
): Promise<string> {
  const out = join(dir, 'line-speech.wav');
  if (speech === undefined) {
    await sox(['-n', '-r', String(SAMPLE_RATE), '-c', '1', out, 'trim', '0', String(EMPTY_LINE_SECONDS)]);
    return out;
  }
  const atRate = join(dir, 'line-rate.wav');
  const first: string[] = ['remix', '-'];
  if (soxSemitones !== 0) first.push('pitch', String(Math.round(soxSemitones * 100)));
  first.push('rate', '-v', String(SAMPLE_RATE));
  await sox([speech, '-b', '16', atRate, ...first]);
  const formant = r.formant * formantUndo(soxSemitones);
  const shaped =
    Math.abs(formant - 1) > 1e-6 || r.whisper
      ? await shapeFile(atRate, formant, r.whisper !== undefined, seed, dir)
      : atRate;
  const effects: string[] = [];
  if (r.emotion.tremolo) {
    effects.push('tremolo', String(r.emotion.tremolo.speed), String(r.emotion.tremolo.depth));
  }
  effects.push('pad', String(LEAD_IN), String(TAIL), 'gain', '-n', String(SPEECH_PEAK_DB));
  await sox([shaped, '-b', '16', out, ...effects]);
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
    ...TELEPHONE_BAND,
  ]);
  return out;
}

/**
 * Writes the finished clip. `soxSemitones`: the pitch shift still to apply (0 when the engine did it).
 * A whisper takes the whisper's compression and level, never the emotion's: a frantic whisper is
 * still a whisper. `seed` makes the whisper noise of each clip its own, and repeatable.
 */
export async function toPhoneLine(
  speech: string | undefined,
  soxSemitones: number,
  r: Rendering,
  seed: number,
  dir: string,
  outPath: string,
): Promise<void> {
  const voice = await prepareSpeech(speech, soxSemitones, r, seed, dir);
  const leveled = join(dir, 'line-voice.wav');
  const ratio = r.whisper?.compression ?? r.emotion.compression;
  const level = r.whisper?.gainDb ?? r.emotion.gainDb;
  const effects = [...TELEPHONE_BAND, ...compressor(ratio), 'gain', '-n', String(OUTPUT_PEAK_DB)];
  if (level !== 0) effects.push('gain', String(level));
  await sox([voice, '-b', '16', leveled, ...effects]);
  const noise = await lineNoise(await duration(leveled), dir);
  await sox(['-m', '-v', '1', leveled, '-v', '1', noise, ...mp3Output(outPath)]);
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
