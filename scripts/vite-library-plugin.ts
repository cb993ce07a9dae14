import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { buildClipIndex, clipOf, serializeClipIndex } from '../src/app/platform/audio/clip-index';
import { libraryFileKind } from '../src/core/library/layout';

/**
 * Ships what the app loads at start-up as plain files, so its weight stays out of the script bundle:
 *
 * - the scenario library (what src/core/library/layout.ts calls a library file) under /library/,
 *   copied as-is, its paths exposed as
 *   `virtual:library-index`. The app fetches and validates them, so a broken file gets a precise
 *   message instead of breaking the build;
 * - the caller clips (audio/<folder>/…{opus,ogg,mp3,wav}, not audio/test-fixture/) under /audio/,
 *   with a JSON index of them (src/app/platform/audio/clip-index.ts) whose path is
 *   `virtual:clip-index`. In the build every clip's name carries a hash of its content, and the
 *   index's name a hash of the index, so both can be cached for good; in dev they are served as
 *   they are on disk (/audio/index.json, /audio/<folder>/<line>.<ext>).
 */
const LIBRARY = 'virtual:library-index';
const CLIPS = 'virtual:clip-index';
const DEV_CLIP_INDEX = 'audio/index.json';
const CONTENT_TYPES: Record<string, string> = {
  '.opus': 'audio/ogg',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Files under `root`, relative with "/", that `keep` accepts. */
function filesUnder(root: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const file = relative(root, path).split(sep).join('/');
        if (keep(file)) out.push(file);
      }
    }
  };
  walk(root);
  return out;
}

function libraryFiles(root: string): string[] {
  return filesUnder(root, (file) => libraryFileKind(file) !== undefined);
}

/** The clips the app ships, relative to the audio folder. */
function clipFiles(audioDir: string): string[] {
  return filesUnder(audioDir, (file) => clipOf(file) !== undefined);
}

const hashOf = (source: Uint8Array | string) =>
  createHash('sha256').update(source).digest('hex').slice(0, 10);

/** "a/open-1.mp3" → "a/open-1-<hash>.mp3" */
function hashedName(file: string, source: Uint8Array): string {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}-${hashOf(source)}${file.slice(dot)}`;
}

interface ShippedClips {
  /** The index's path in the build, e.g. "audio/index-0123456789.json". */
  indexFile: string;
  indexJson: string;
  /** Each clip's path in the build (under audio/) and its file on disk. */
  files: { fileName: string; path: string }[];
}

function shippedClips(audioDir: string): ShippedClips {
  const names: Record<string, string> = {};
  const files: ShippedClips['files'] = [];
  for (const file of clipFiles(audioDir)) {
    const path = join(audioDir, file);
    const name = hashedName(file, readFileSync(path));
    names[file] = name;
    files.push({ fileName: `audio/${name}`, path });
  }
  const indexJson = serializeClipIndex(buildClipIndex(names));
  return { indexFile: `audio/index-${hashOf(indexJson)}.json`, indexJson, files };
}

export function libraryPlugin(scenarioDir: string, audioDir: string): Plugin {
  let command: 'build' | 'serve' = 'serve';
  /** Worked out once per build, so the index named in the script is the one emitted. */
  let shipped: ShippedClips | undefined;
  const clips = () => (shipped ??= shippedClips(audioDir));
  return {
    name: 'dispatch-trainer-library',
    configResolved(config) {
      command = config.command;
    },
    buildStart() {
      shipped = undefined;
    },
    resolveId: (id) => (id === LIBRARY || id === CLIPS ? `\0${id}` : undefined),
    load(id) {
      if (id === `\0${LIBRARY}`) {
        for (const file of libraryFiles(scenarioDir)) this.addWatchFile(join(scenarioDir, file));
        return `export default ${JSON.stringify(libraryFiles(scenarioDir))};`;
      }
      if (id === `\0${CLIPS}`) {
        return `export default ${JSON.stringify(command === 'build' ? clips().indexFile : DEV_CLIP_INDEX)};`;
      }
      return undefined;
    },
    configureServer(server) {
      server.middlewares.use('/library/', (req, res, next) => {
        const file = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        if (!libraryFiles(scenarioDir).includes(file)) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(readFileSync(join(scenarioDir, file)));
      });
      server.middlewares.use('/audio/', (req, res) => {
        const file = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '');
        const files = clipFiles(audioDir);
        res.setHeader('Cache-Control', 'no-cache');
        if (`audio/${file}` === DEV_CLIP_INDEX) {
          res.setHeader('Content-Type', 'application/json');
          res.end(serializeClipIndex(buildClipIndex(Object.fromEntries(files.map((f) => [f, f])))));
          return;
        }
        if (!files.includes(file)) {
          // Not a shipped clip (a test fixture, a file removed since): missing, as in the build.
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader(
          'Content-Type',
          CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream',
        );
        res.end(readFileSync(join(audioDir, file)));
      });
    },
    generateBundle() {
      for (const file of libraryFiles(scenarioDir)) {
        this.emitFile({
          type: 'asset',
          fileName: `library/${file}`,
          source: readFileSync(join(scenarioDir, file)),
        });
      }
      const { indexFile, indexJson, files } = clips();
      for (const { fileName, path } of files) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
      }
      this.emitFile({ type: 'asset', fileName: indexFile, source: indexJson });
    },
  };
}
