#!/usr/bin/env node
// Installs what a fresh clone is missing. Plain Node ESM, no dependencies.
//
//   node scripts/ensure-deps.mjs            npm packages (npm ci when needed)
//   node scripts/ensure-deps.mjs --browser  also a Chromium for the browser tests (scripts/browser.mjs
//                                           says which; Debian's chromium is installed when none is)
//
// npm ci runs when node_modules is absent, or when package-lock.json is newer than
// node_modules/.package-lock.json (npm's record of what is installed).
// Browsers never come from Playwright's download (unreachable here): Playwright's own Chromium is
// used when a developer has installed it, else Debian's chromium.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const known = new Set(['--browser']);
const unknown = args.filter((arg) => !known.has(arg));
if (unknown.length > 0) {
  fail(`unknown argument(s): ${unknown.join(' ')} (usage: ensure-deps.mjs [--browser])`);
}
const wantBrowser = args.includes('--browser');

/** @param {string} message */
function log(message) {
  console.log(`[ensure-deps] ${message}`);
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`[ensure-deps] ERROR: ${message}`);
  process.exit(1);
}

/**
 * Runs a command with inherited stdio; exits the process if it fails.
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {NodeJS.ProcessEnv} [extraEnv]
 */
function run(command, commandArgs, extraEnv = {}) {
  log(`$ ${[command, ...commandArgs].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    fail(`${command} ${commandArgs.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  log(`  done in ${seconds(Date.now() - started)}`);
}

/** @param {number} ms */
function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** @param {string} path @returns {number | undefined} */
function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function ensureNodeModules() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(lock)) fail('package-lock.json is missing; run `npm install` and commit it');

  /** @type {string | undefined} */
  let reason;
  const lockTime = mtime(lock);
  const installedTime = mtime(installed);
  if (!existsSync(join(root, 'node_modules'))) reason = 'node_modules is absent';
  else if (installedTime === undefined) reason = 'node_modules/.package-lock.json is absent';
  else if (lockTime !== undefined && lockTime > installedTime) {
    reason = 'package-lock.json is newer than node_modules/.package-lock.json';
  }

  if (reason === undefined) {
    log('npm packages: up to date (node_modules matches package-lock.json)');
    return;
  }
  log(`npm packages: installing, because ${reason}`);
  run('npm', ['ci', '--no-audit', '--no-fund'], { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
}

/** @param {string} path */
function chromiumVersion(path) {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

async function ensureChromium() {
  // Imported only now: it needs @playwright/test, which ensureNodeModules has just installed.
  const { chromiumExecutable, DEBIAN_CHROMIUM: CHROMIUM } = await import('./browser.mjs');
  const chosen = chromiumExecutable();
  if (existsSync(chosen)) {
    log(`browser: ${chromiumVersion(chosen) ?? chosen} already installed (${chosen})`);
    return;
  }
  if (chosen !== CHROMIUM) fail(`CHROMIUM_PATH is ${chosen}, which does not exist`);
  log(`browser: ${CHROMIUM} is absent; installing Debian's chromium with apt-get`);
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    fail(`${CHROMIUM} is absent and apt-get is not available; install chromium there by hand`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    fail(`${CHROMIUM} is absent and apt-get needs root; run: apt-get update && apt-get install -y chromium`);
  }
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  run('apt-get', [...lockWait, 'update'], aptEnv);
  run('apt-get', [...lockWait, 'install', '-y', 'chromium'], aptEnv);
  if (!existsSync(CHROMIUM)) fail(`apt-get finished but ${CHROMIUM} is still absent`);
  log(`browser: installed ${chromiumVersion(CHROMIUM) ?? CHROMIUM}`);
}

const started = Date.now();
log(`node ${process.version} in ${root}`);
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node ${process.version} is too old; Node 20 or newer is required`);

ensureNodeModules();
if (wantBrowser) await ensureChromium();
log(`all dependencies present (${seconds(Date.now() - started)})`);
