import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Ships the scenario library (scenarios/**.json) as plain files under /library/ — copied into the
 * build, served as-is in dev — and exposes their paths as `virtual:library-index`. The app fetches
 * and validates them at start-up, so a broken file gets a precise message instead of breaking the
 * build, and the library's weight stays out of the script bundle.
 */
const VIRTUAL = 'virtual:library-index';
const RESOLVED = `\0${VIRTUAL}`;
const SKIP_DIRS = new Set(['actions', 'schema']);

function libraryFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(path);
      } else if (name.endsWith('.json') && !name.startsWith('_')) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

export function libraryPlugin(scenarioDir: string): Plugin {
  return {
    name: 'dispatch-trainer-library',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const file of libraryFiles(scenarioDir)) this.addWatchFile(join(scenarioDir, file));
      return `export default ${JSON.stringify(libraryFiles(scenarioDir))};`;
    },
    configureServer(server) {
      server.middlewares.use('/library/', (req, res, next) => {
        const file = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        if (!libraryFiles(scenarioDir).includes(file)) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(readFileSync(join(scenarioDir, file)));
      });
    },
    generateBundle() {
      for (const file of libraryFiles(scenarioDir)) {
        this.emitFile({ type: 'asset', fileName: `library/${file}`, source: readFileSync(join(scenarioDir, file)) });
      }
    },
  };
}
