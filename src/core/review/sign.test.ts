import { describe, expect, it } from 'vitest';
import { scenario, line } from '$tests/support/factories';
import { reviewState } from './content-hash';
import { applySignature, signatureFor, withSignatures } from './sign';
import { validateScenario } from '../validate/validate-scenario';
import { bundledQuestions } from '$tests/support/profiles';

// Test data only: no real reviewer is named anywhere in the product's content.
const reviewer = { name: 'Test Reviewer', credential: 'LCSW' as const };

describe('signing a review in the app', () => {
  it('approves exactly the content that was reviewed, and the result validates', () => {
    const s = scenario();
    const signed = applySignature(s, signatureFor(s, reviewer, '2026-11-23'))!;
    expect(reviewState(signed)).toEqual({
      status: 'approved',
      reviewer: 'Test Reviewer, LCSW',
      date: '2026-11-23',
    });
    expect(validateScenario(signed, { questions: bundledQuestions() }).problems).toEqual([]);
  });

  it('leaves a scenario edited after signing unapproved', () => {
    const s = scenario();
    const signature = signatureFor(s, reviewer, '2026-11-23');
    const edited = {
      ...s,
      states: { ...s.states, opening: { ...s.states.opening!, lines: [line('open', 'Changed words.')] } },
    };
    expect(applySignature(edited, signature)).toBeUndefined();
    expect(withSignatures([edited], [signature])[0]!.review.status).toBe('draft');
  });

  it('refuses an unnamed reviewer', () => {
    expect(() => signatureFor(scenario(), { name: '  ', credential: 'LPC' }, '2026-11-23')).toThrow(
      'the reviewer must be named',
    );
  });
});
