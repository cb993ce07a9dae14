import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'jsonc-parser';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * tsconfig.json's `paths` ("$core/*" → "./src/core/*") as Vite/Vitest aliases ("$core" → absolute
 * folder), so the import aliases are written in one place. Vite's own `resolve.tsconfigPaths`
 * resolves only for files the tsconfig includes, and tsconfig.json leaves out the specs.
 */
export function tsconfigAliases(): Record<string, string> {
  const tsconfig = parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions?.paths ?? {}).flatMap(([alias, [target]]) =>
      target ? [[alias.replace(/\/\*$/, ''), join(ROOT, target.replace(/\/\*$/, ''))]] : [],
    ),
  );
}
