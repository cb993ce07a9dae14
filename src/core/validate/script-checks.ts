import type { ActionScript } from '../format/actions';
import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import { isRuleOrPrefix } from '../scoring/rubric';
import type { Problem } from './problem';

export interface ScriptContext {
  questions: QuestionBank;
  /** Profiles an expectation may name. Omit to skip that check. */
  profiles?: readonly CenterProfile[];
}

/**
 * A scripted attempt names questions, phrases, profiles and rules by id: a mistyped one would make
 * the script silently do something else (a question "not asked", an expectation that never applies).
 */
export function scriptProblems(script: ActionScript, wrapped: boolean, context: ScriptContext): Problem[] {
  const problems: Problem[] = [];
  const at = (i: number) => (wrapped ? `$.actions[${i}]` : `$[${i}]`);
  const questionIds = new Set(context.questions.questions.map((q) => q.id));
  const phraseIds = new Set(context.questions.phrases.map((p) => p.id));
  script.actions.forEach((action, i) => {
    if (action.type === 'ask' && !questionIds.has(action.question)) {
      problems.push({
        path: `${at(i)}.question`,
        message: `unknown question id "${action.question}" (not in the question bank)`,
      });
    }
    if (action.type === 'deescalate' && !phraseIds.has(action.phrase)) {
      problems.push({
        path: `${at(i)}.phrase`,
        message: `unknown phrase id "${action.phrase}" (not in the question bank)`,
      });
    }
  });
  const profileIds = context.profiles && new Set(context.profiles.map((p) => p.id));
  script.expect.forEach((e, i) => {
    const base = `$.expect[${i}]`;
    e.profiles?.forEach((id, j) => {
      if (profileIds && !profileIds.has(id)) {
        problems.push({
          path: `${base}.profiles[${j}]`,
          message: `unknown profile "${id}" (known: ${[...profileIds].join(', ')})`,
        });
      }
    });
    for (const key of ['loses', 'keeps'] as const) {
      e[key]?.forEach((rule, j) => {
        if (!isRuleOrPrefix(rule)) {
          problems.push({
            path: `${base}.${key}[${j}]`,
            message: `unknown rule "${rule}" (a rule id such as "routing.missed-diversion", or a prefix such as "routing.")`,
          });
        }
      });
    }
  });
  return problems;
}
