import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docRegions, regionIn } from '../../scripts/docs/regions';

/** Markdown with table padding removed, as Prettier aligns columns: "| a   | b |" and "|a|b|" compare equal. */
const unpadded = (text: string) =>
  text
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n')
    .trim();

describe('docs/scenario-format.md', () => {
  const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
  for (const region of docRegions()) {
    it(`shows ${region.shows} (${region.name}; regenerate with npm run docs)`, () => {
      expect(unpadded(regionIn(doc, region.name))).toBe(unpadded(region.markdown));
    });
  }
});
