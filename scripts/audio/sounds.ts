/**
 * `npm run audio:sounds [name ...]`: writes the background beds and sound effects under
 * audio/sounds/ from their recipes (scripts/audio/sounds-recipes.ts), all of them or the ones named.
 * Generated, so the files are ours to ship; the same tools give the same bytes. Prints each sound's
 * length and size, and the total, which must stay within SOUNDS_BUDGET_BYTES.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTools, toPhoneMp3, Workbench } from './sounds-kit';
import { SOUNDS } from './sounds-recipes';

const SOUNDS_DIR = join(import.meta.dirname, '..', '..', 'audio', 'sounds');
/** Sounds share the library's 20 MB with the caller clips; they get at most this much of it. */
export const SOUNDS_BUDGET_BYTES = 2.5 * 1024 * 1024;

async function main(names: string[]): Promise<number> {
  const missing = missingTools();
  if (missing.length > 0) {
    console.error(`missing tools: apt-get install -y ${missing.join(' ')}`);
    return 1;
  }
  const unknown = names.filter((n) => !Object.hasOwn(SOUNDS, n));
  if (unknown.length > 0) {
    console.error(`unknown sound(s): ${unknown.join(', ')} (known: ${Object.keys(SOUNDS).join(', ')})`);
    return 1;
  }
  mkdirSync(SOUNDS_DIR, { recursive: true });
  for (const name of names.length > 0 ? names : Object.keys(SOUNDS)) {
    const recipe = SOUNDS[name]!;
    const dir = mkdtempSync(join(tmpdir(), `sound-${name}-`));
    try {
      const out = join(SOUNDS_DIR, `${name}.mp3`);
      await toPhoneMp3(await recipe.build(new Workbench(dir)), out);
      const kind = recipe.loop ? `bed, loops every ${recipe.loop} s` : 'effect';
      console.log(
        `${name}.mp3  ${(statSync(out).size / 1024).toFixed(1)} kB  (${kind}): ${recipe.description}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (names.length === 0) {
    // A full build leaves only the sounds it has recipes for.
    for (const file of readdirSync(SOUNDS_DIR)) {
      if (!Object.hasOwn(SOUNDS, file.replace(/\.mp3$/, ''))) {
        rmSync(join(SOUNDS_DIR, file));
        console.log(`${file}  deleted: no recipe makes it`);
      }
    }
  }
  const total = readdirSync(SOUNDS_DIR).reduce((sum, f) => sum + statSync(join(SOUNDS_DIR, f)).size, 0);
  console.log(`audio/sounds/: ${(total / 1024).toFixed(0)} kB (budget ${SOUNDS_BUDGET_BYTES / 1024} kB)`);
  return total > SOUNDS_BUDGET_BYTES ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
