import { z } from 'zod';
import { Id, SafetyFact, SourceCitation } from './vocabulary';

/**
 * The shared question bank (scenarios/questions.json). Question ids are stable across scenarios so
 * that scores compare: "asked about weapons" means the same thing in every call.
 */
export const QUESTION_GROUPS = ['case-entry', 'safety-screen', 'clinical-screen'] as const;
export const QuestionGroup = z.enum(QUESTION_GROUPS);
export type QuestionGroup = z.infer<typeof QuestionGroup>;

export const Question = z.strictObject({
  id: Id,
  group: QuestionGroup,
  /** What the trainee says, as shown on the button and in the debrief. */
  text: z.string().min(1),
  /** A short button label (a few words) where the full text is too long for a button; the text is still what is said. */
  label: z.string().min(1).max(24).optional(),
  /** The hidden facts this question screens for; scoring uses it to explain a missed screen. */
  screens: z.array(SafetyFact).default([]),
  /** Where asking it comes from: a seed section or a named public standard. */
  source: SourceCitation.optional(),
  /**
   * The same question put to a caller who is the person the call is about (`cad.callerRelationship:
   * "self"`), where `text` speaks of someone else ("Have you thought about how you would do it?").
   */
  toSelf: z.string().min(1).optional(),
});
export type Question = z.infer<typeof Question>;

/** The question as said on this call: to a caller about themselves, its `toSelf` wording if it has one. */
export function questionText(
  question: Pick<Question, 'text' | 'toSelf'>,
  scenario: { cad: { callerRelationship: string } } | undefined,
): string {
  return scenario?.cad.callerRelationship === 'self' && question.toSelf ? question.toSelf : question.text;
}

export const Phrase = z.strictObject({
  id: Id,
  text: z.string().min(1),
  /** A short button label, as for a question. */
  label: z.string().min(1).max(24).optional(),
});
export type Phrase = z.infer<typeof Phrase>;

export const QuestionBankFile = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  questions: z.array(Question).min(1),
  /** De-escalation phrasings. */
  phrases: z.array(Phrase).default([]),
});
export type QuestionBank = z.infer<typeof QuestionBankFile>;
