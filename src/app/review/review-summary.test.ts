import { describe, expect, it } from 'vitest';
import { scenario } from '$tests/support/factories';
import { bundledQuestions } from '$tests/support/profiles';
import { reviewSummary } from './review-summary';

describe('the answer key as the reviewing clinician reads it', () => {
  it('names dispositions, facts, questions and critical errors in words, never by id', () => {
    const s = scenario({
      answerKey: {
        ...scenario().answerKey,
        criticalErrors: [{ kind: 'unsafe-diversion', rationale: 'A weapon means police.' }],
      },
    });
    const summary = reviewSummary(s, bundledQuestions());
    expect(summary.disposition).toBe(
      'Clinician by phone (also acceptable: Behavioral-health team in person), priority 3',
    );
    expect(summary.facts).toBe('thoughts of suicide; behavioral-health component: yes');
    expect(summary.required).toEqual([
      'What is the address of your emergency?',
      'Does anyone there have a weapon, or access to one?',
    ]);
    expect(summary.critical).toEqual([{ label: 'Unsafe diversion', rationale: 'A weapon means police.' }]);
    expect(JSON.stringify(summary)).not.toMatch(/clinician-phone|self-harm|case\.|safety\.|unsafe-diversion/);
  });
});
