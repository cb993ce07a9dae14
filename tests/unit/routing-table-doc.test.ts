import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readProfiles } from '$cli/fs-library';
import { routingTables } from '../../scripts/docs/routing-table';

describe('docs/scenario-format.md', () => {
  it('shows the expected routing the code derives (regenerate with npm run docs)', () => {
    const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    expect(doc).toContain(routingTables(readProfiles()));
  });
});
