import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { tsconfigAliases } from './scripts/tsconfig-aliases';
import { libraryPlugin } from './scripts/vite-library-plugin';

export default defineConfig({
  plugins: [
    svelte(),
    libraryPlugin(
      fileURLToPath(new URL('./scenarios', import.meta.url)),
      fileURLToPath(new URL('./audio', import.meta.url)),
    ),
  ],
  // The import aliases ($core, $app, …) are tsconfig.json's `paths`: one place says them.
  resolve: { alias: tsconfigAliases() },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
  },
  preview: {
    // `npm start` serves on 4173; Playwright's web server passes --port 4174.
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
  build: {
    target: 'es2022',
  },
});
