import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProfiles, ROOT } from '../src/cli/fs-library';
import { routingTables } from './docs/routing-table';

/** Rewrites the generated parts of docs/scenario-format.md (between the routing-table markers). */
export const START = '<!-- routing-table:start (npm run docs) -->';
export const END = '<!-- routing-table:end -->';

const path = join(ROOT, 'docs', 'scenario-format.md');
const doc = readFileSync(path, 'utf8');
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from === -1 || to === -1) throw new Error(`${path}: the markers ${START} and ${END} are missing`);
writeFileSync(
  path,
  `${doc.slice(0, from + START.length)}\n\n${routingTables(readProfiles())}\n\n${doc.slice(to)}`,
);
console.log(`wrote the routing tables into ${path}`);
