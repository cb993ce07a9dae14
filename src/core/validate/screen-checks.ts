import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import type { Problem } from './problem';

/**
 * Does the key's screen ask about only part of what a center excludes together? Austin's screen is
 * "does the person have a weapon and is there any danger?" (seed:001 decision-5): a key that requires
 * the weapon question but no danger question lets a transfer through on half the screen, and the
 * scoring takes the key's required questions as the screen this call needs. A warning: the key is
 * the clinician's, and a call where one half cannot apply is theirs to judge.
 */
export function screenProblems(
  s: Scenario,
  questions: QuestionBank,
  profiles: readonly CenterProfile[],
): Problem[] {
  const disposition = s.answerKey.disposition;
  if (disposition === 'police-required' || disposition === 'ems-required') return [];
  const screened = new Set(
    questions.questions
      .filter((q) => q.group === 'safety-screen' && s.answerKey.requiredQuestions.includes(q.id))
      .flatMap((q) => q.screens),
  );
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const profile of profiles) {
    for (const exclusion of profile.safetyScreen.exclusions) {
      const missing = exclusion.facts.filter((f) => !screened.has(f));
      if (missing.length === 0 || missing.length === exclusion.facts.length) continue;
      const key = missing.join(',');
      if (reported.has(key)) continue;
      reported.add(key);
      const ask = questions.questions
        .filter((q) => q.group === 'safety-screen' && q.screens.some((f) => missing.includes(f)))
        .map((q) => q.id);
      problems.push({
        path: '$.answerKey.requiredQuestions',
        message: `screens for ${exclusion.facts.filter((f) => screened.has(f)).join(', ')} but not ${missing.join(', ')}, which ${profile.id} screens for together ("${exclusion.description}"): require one of ${ask.join(', ')}, or the scoring lets a transfer through on half the screen`,
        severity: 'warning',
      });
    }
  }
  return problems;
}
