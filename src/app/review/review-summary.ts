import type { QuestionBank } from '$core/format/question-bank';
import { CRITICAL_ERROR_LABELS, type Scenario } from '$core/format/scenario';
import { DISPOSITION_LABELS, FACT_LABELS } from '$core/format/vocabulary';
import { listWords } from '$core/format/words';

/** The answer key as the reviewing clinician reads it: people's words, never the file's ids. */
export interface ReviewSummary {
  disposition: string;
  facts: string;
  required: string[];
  critical: { label: string; rationale: string }[];
}

export function reviewSummary(scenario: Scenario, bank: QuestionBank | undefined): ReviewSummary {
  const key = scenario.answerKey;
  const alternatives = key.alternatives.map((d) => DISPOSITION_LABELS[d]);
  const present = scenario.facts.present.map((f) => FACT_LABELS[f]);
  return {
    disposition: `${DISPOSITION_LABELS[key.disposition]}${
      alternatives.length ? ` (also acceptable: ${listWords(alternatives, 'or')})` : ''
    }, priority ${key.priority}`,
    facts: `${present.length ? listWords(present) : 'none'}; behavioral-health component: ${
      scenario.facts.behavioralHealth ? 'yes' : 'no'
    }`,
    required: key.requiredQuestions.map(
      (id) => bank?.questions.find((q) => q.id === id)?.text ?? 'a question no longer in the bank',
    ),
    critical: key.criticalErrors.map((c) => ({
      label: CRITICAL_ERROR_LABELS[c.kind],
      rationale: c.rationale,
    })),
  };
}
