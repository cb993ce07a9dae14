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

/** Is this program installed (runs and exits at all)? */
export function hasProgram(program: string, probeArgs: readonly string[] = ['--version']): boolean {
  const result = spawnSync(program, probeArgs, { stdio: 'ignore' });
  return result.error === undefined;
}

/** Duration of an audio file in seconds, as sox reads it. */
export async function duration(path: string): Promise<number> {
  return Number((await run('soxi', ['-D', path])).trim());
}
