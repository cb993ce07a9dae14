import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readProfiles } from '$cli/fs-library';
import { routingTables } from '../../scripts/docs/routing-table';

/** Markdown with table padding removed, as Prettier aligns columns: "| a   | b |" and "|a|b|" compare equal. */
const unpadded = (text: string) =>
  text
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---') : line))
    .join('\n');

describe('docs/scenario-format.md', () => {
  it('shows the expected routing the code derives (regenerate with npm run docs)', () => {
    const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    expect(unpadded(doc)).toContain(unpadded(routingTables(readProfiles())));
  });
});
