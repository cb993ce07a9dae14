import { readFileSync } from 'node:fs';
import { parse, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '$core/validate/validate-scenario';
import { bundledQuestions } from '../support/profiles';

describe('docs/scenario-format.md', () => {
  it('shows a complete example that is a valid scenario', () => {
    const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    const example = /```jsonc\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example, 'the page has a ```jsonc example').toBeDefined();
    const errors: ParseError[] = [];
    const value: unknown = parse(example!, errors, { allowTrailingComma: false });
    expect(errors).toEqual([]);
    const result = validateScenario(value, { questions: bundledQuestions() });
    expect(result.problems).toEqual([]);
  });
});
