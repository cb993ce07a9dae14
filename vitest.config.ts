import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { tsconfigAliases } from './scripts/tsconfig-aliases';

// Kept apart from vite.config.ts so build-only plugins stay out of unit tests.
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    // tsconfig.json's `paths`: $core, $app, $cli, $tests.
    alias: tsconfigAliases(),
    // Rune files (*.svelte.ts) must compile for the client, or effects never run.
    // Such specs also need `// @vitest-environment happy-dom` at the top.
    conditions: ['browser'],
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // Must load before Dexie.
    setupFiles: ['fake-indexeddb/auto'],
  },
});
