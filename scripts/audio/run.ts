/** Running the audio tools: always an argument array, never a shell, so caller text is never interpreted. */
import { execFile, spawnSync } from 'node:child_process';

/** Runs a program and resolves with its stdout; rejects with its stderr when it fails. */
export function run(program: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')}\n${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** sox in repeatable mode (-R): its noise and dither come out the same on every run, so a rebuild gives the same bytes. */
export function sox(args: readonly string[]): Promise<string> {
  return run('sox', ['-R', ...args]);
}

/** Is this program installed (runs and exits at all)? */
export function hasProgram(program: string, probeArgs: readonly string[] = ['--version']): boolean {
  const result = spawnSync(program, probeArgs, { stdio: 'ignore' });
  return result.error === undefined;
}

/** Can this sox write MP3 (libsox-fmt-mp3)? */
export function soxWritesMp3(): boolean {
  const help = spawnSync('sox', ['-h'], { encoding: 'utf8' });
  return /AUDIO FILE FORMATS:.*\bmp3\b/.test(help.stdout ?? '');
}

/** Duration of an audio file in seconds, as sox reads it. */
export async function duration(path: string): Promise<number> {
  return Number((await run('soxi', ['-D', path])).trim());
}
