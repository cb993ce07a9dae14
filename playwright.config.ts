import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/browser.mjs';

// Port 4174 so a running `npm start` (4173) does not collide. E2E_PORT and E2E_OUT let two runs
// on one machine (e.g. two people's checks) keep out of each other's way.
const PORT = Number(process.env.E2E_PORT ?? 4174);
const OUT = process.env.E2E_OUT;
const DIST = OUT ? `${OUT}/dist` : 'dist';
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: OUT ? `${OUT}/results` : 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Calls are played in real time (a 6 s handoff, timed caller events); CI runs two workers on 2 cores.
  timeout: 60_000,
  workers: 2,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: OUT ? `${OUT}/report` : 'playwright-report' }],
  ],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // scripts/browser.mjs says which Chromium (scripts/ensure-deps.mjs --browser installs one).
        launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: `npx vite build --outDir ${DIST} --emptyOutDir && npx vite preview --outDir ${DIST} --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
