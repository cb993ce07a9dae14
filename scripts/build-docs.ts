import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/cli/fs-library';
import { docRegions, withRegion } from './docs/regions';

/** Rewrites the generated parts of docs/scenario-format.md: each region between its markers (scripts/docs/regions.ts). */
const path = join(ROOT, 'docs', 'scenario-format.md');
const regions = docRegions();
let doc = readFileSync(path, 'utf8');
for (const region of regions) {
  try {
    doc = withRegion(doc, region);
  } catch (e) {
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
writeFileSync(path, doc);
console.log(`wrote ${regions.map((r) => r.name).join(', ')} into ${path}`);
