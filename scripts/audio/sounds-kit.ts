/**
 * Building blocks for the generated sounds (scripts/audio/sounds.ts): sox synthesis and mixing,
 * espeak-ng voices for people heard in the background, and the finishing that puts every sound on
 * the same phone line as the callers. Every step runs sox in repeatable mode (-R), so a rebuild
 * writes the same bytes.
 */
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BED_WRAP_SECONDS } from '../../src/app/platform/audio/bed-loop';

export const SAMPLE_RATE = 16000;
/** Noise and music need a little more than speech's 24 kbps to stay free of warbling. */
const MP3_KBPS = 32;
/** Peaks of every finished sound, as caller clips: a scenario's `levelDb` is then relative to the caller. */
const PEAK_DB = -3;

function run(program: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')}\n${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** What is missing to build the sounds, as the Debian packages to install; empty when nothing is. */
export function missingTools(): string[] {
  const missing: string[] = [];
  const help = spawnSync('sox', ['-h'], { encoding: 'utf8' });
  if (help.error) missing.push('sox');
  if (!/AUDIO FILE FORMATS:.*\bmp3\b/.test(help.stdout ?? '')) missing.push('libsox-fmt-mp3');
  if (spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).error) missing.push('espeak-ng');
  return missing;
}

export const sox = (args: readonly string[]): Promise<string> => run('sox', ['-R', ...args]);

/** A sound placed on a timeline: its file, when it starts (seconds), how much louder or quieter (dB). */
export interface Placed {
  file: string;
  at: number;
  db?: number;
}

/** A working folder and a counter, so each step writes its own file. */
export class Workbench {
  private n = 0;
  constructor(readonly dir: string) {}

  file(label: string): string {
    this.n += 1;
    return join(this.dir, `${String(this.n).padStart(3, '0')}-${label}.wav`);
  }

  /** `sox -n` synthesis: `synth` arguments, then effects. Mono 16 kHz. */
  async synth(label: string, seconds: number, synth: readonly string[], effects: readonly string[] = []) {
    const out = this.file(label);
    await sox([
      '-r',
      String(SAMPLE_RATE),
      '-c',
      '1',
      '-b',
      '16',
      '-n',
      out,
      'synth',
      seconds.toFixed(3),
      ...synth,
      ...effects,
    ]);
    return out;
  }

  /** Runs effects over a file. */
  async apply(label: string, input: string, effects: readonly string[]) {
    const out = this.file(label);
    await sox([input, '-b', '16', out, ...effects]);
    return out;
  }

  /**
   * A person in the background, spoken by espeak-ng (`voice` such as "en-us+f3"), at 16 kHz. Shouting
   * is a raised pitch and a fast rate; distance and walls come from the effects.
   */
  async speak(
    label: string,
    text: string,
    voice: string,
    opts: { pitch: number; speed: number },
    effects: readonly string[] = [],
  ) {
    const raw = this.file(`${label}-raw`);
    await run('espeak-ng', [
      '-v',
      voice,
      '-p',
      String(opts.pitch),
      '-s',
      String(opts.speed),
      '-a',
      '180',
      '-w',
      raw,
      text,
    ]);
    return this.apply(label, raw, ['rate', '-v', String(SAMPLE_RATE), ...effects]);
  }

  /**
   * Places sounds on a timeline `seconds` long: each starts at `at` seconds, `db` louder or quieter
   * than its file. Anything past the end is cut.
   */
  async place(label: string, seconds: number, events: readonly Placed[]) {
    const silence = await this.synth(`${label}-silence`, seconds, ['sine', '0'], ['vol', '0']);
    const tracks: string[] = [silence];
    for (const [i, e] of events.entries()) {
      tracks.push(
        await this.apply(`${label}-${i}`, e.file, [
          'gain',
          String(e.db ?? 0),
          'pad',
          e.at.toFixed(3),
          '0',
          'trim',
          '0',
          seconds.toFixed(3),
        ]),
      );
    }
    const out = this.file(label);
    // -m divides by the number of inputs unless each gets volume 1: levels stay as placed.
    await sox([
      '-m',
      ...tracks.flatMap((t) => ['-v', '1', t]),
      '-b',
      '16',
      out,
      'trim',
      '0',
      seconds.toFixed(3),
    ]);
    return out;
  }

  /** Mixes files from their start, each `db` up or down; as long as the longest. */
  async mix(label: string, inputs: readonly { file: string; db?: number }[]) {
    const out = this.file(label);
    const tracks: string[] = [];
    for (const [i, input] of inputs.entries()) {
      tracks.push(await this.apply(`${label}-${i}`, input.file, ['gain', String(input.db ?? 0)]));
    }
    await sox(['-m', ...tracks.flatMap((t) => ['-v', '1', t]), '-b', '16', out]);
    return out;
  }

  async concat(label: string, inputs: readonly string[], effects: readonly string[] = []) {
    const out = this.file(label);
    await sox([...inputs, '-b', '16', out, ...effects]);
    return out;
  }

  /**
   * Makes `raw` (exactly `period` whole seconds of sound that may repeat) into a bed that loops
   * without a seam: three turns are processed together, so reverb tails and filters carry over the
   * joins, and the middle turn is kept followed by the first BED_WRAP_SECONDS of the next
   * (src/app/platform/audio/bed-loop.ts says why).
   */
  async loopable(label: string, raw: string, period: number, effects: readonly string[]) {
    const three = await this.concat(`${label}-x3`, [raw, raw, raw], effects);
    return this.apply(label, three, ['trim', String(period), String(period + BED_WRAP_SECONDS)]);
  }
}

/** The phone line every sound is heard through, as the callers are: 300-3400 Hz, peaks at -3 dBFS, mono MP3. */
export async function toPhoneMp3(input: string, outPath: string): Promise<void> {
  await sox([
    input,
    '-r',
    String(SAMPLE_RATE),
    '-c',
    '1',
    '-C',
    String(MP3_KBPS),
    '--comment',
    '',
    outPath,
    'sinc',
    '300-3400',
    'gain',
    '-n',
    String(PEAK_DB),
  ]);
}
