import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { cspPlugin, SECURITY_HEADERS } from './scripts/csp';
import { tsconfigAliases } from './scripts/tsconfig-aliases';
import { libraryPlugin } from './scripts/vite-library-plugin';

export default defineConfig({
  plugins: [
    svelte(),
    libraryPlugin(
      fileURLToPath(new URL('./scenarios', import.meta.url)),
      fileURLToPath(new URL('./audio', import.meta.url)),
    ),
    // The Content-Security-Policy <meta> in the built index.html (scripts/csp.ts says the policy).
    cspPlugin(),
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
    // The whole policy as a header (with frame-ancestors, which a <meta> cannot carry), and friends.
    headers: SECURITY_HEADERS,
  },
  build: {
    target: 'es2022',
  },
});
