import { readFileSync } from 'node:fs';
import { parse, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { readProfiles, readVoices } from '$cli/fs-library';
import { validateScenario } from '$core/validate/validate-scenario';
import { bundledQuestions } from '../support/profiles';

describe('docs/scenario-format.md', () => {
  it('shows a complete example that is a valid scenario', () => {
    const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## A complete example'));
    const example = /```jsonc\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example, 'the page has a ```jsonc example').toBeDefined();
    const errors: ParseError[] = [];
    const value: unknown = parse(example!, errors, { allowTrailingComma: false });
    expect(errors).toEqual([]);
    // With the bundled profiles and voices: the example is free of warnings too.
    const result = validateScenario(value, {
      questions: bundledQuestions(),
      profiles: readProfiles(),
      voices: readVoices(),
    });
    expect(result.problems).toEqual([]);
  });
});
