import type { z } from 'zod';
import { ActionList, ActionsObject, toScript, type ActionScript } from '../format/actions';
import { CenterProfileFile, type CenterProfile } from '../format/profile';
import { QuestionBankFile, type QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import { parseJson } from '../validate/parse-json';
import { formatProblem, isWarning, type Problem } from '../validate/problem';
import { scriptProblems, type ScriptContext } from '../validate/script-checks';
import { validateScenario, zodProblems, type ValidationContext } from '../validate/validate-scenario';

/** A file's path (as the author knows it) and its text. Reading it is the caller's job: core has no fs. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A file loaded: its value and any warnings (`file: json-path: warning: message`), or every problem
 * that kept it from loading, errors and warnings alike.
 */
export type Loaded<T> = { ok: true; value: T; warnings: string[] } | { ok: false; problems: string[] };

type Checked<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

function loadWith<T>(file: SourceFile, check: (value: unknown) => Checked<T>): Loaded<T> {
  const json = parseJson(file.text);
  if (!json.ok) return { ok: false, problems: [formatProblem(file.path, json.problem)] };
  const result = check(json.value);
  const format = (problems: Problem[]) =>
    [...json.warnings, ...problems].map((p) => formatProblem(file.path, p));
  return result.ok
    ? { ok: true, value: result.value, warnings: format(result.warnings) }
    : { ok: false, problems: format(result.problems) };
}

function schemaCheck<T>(schema: z.ZodType<T>) {
  return (value: unknown): Checked<T> => {
    const parsed = schema.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data, warnings: [] }
      : { ok: false, problems: zodProblems(parsed.error, value) };
  };
}

export const loadQuestionBank = (file: SourceFile): Loaded<QuestionBank> =>
  loadWith(file, schemaCheck(QuestionBankFile));
export const loadProfile = (file: SourceFile): Loaded<CenterProfile> =>
  loadWith(file, schemaCheck(CenterProfileFile));
/** A scripted attempt, its ids checked against the question bank (and profiles, if given). */
export const loadActions = (file: SourceFile, context: ScriptContext): Loaded<ActionScript> =>
  loadWith(file, (value) => {
    // Checked against the shape the file has, so a bad action is named ("$[1].resource: …"), not
    // reported as "$: Invalid input" because neither shape of the union matched.
    const parsed = Array.isArray(value) ? schemaCheck(ActionList)(value) : schemaCheck(ActionsObject)(value);
    if (!parsed.ok) return parsed;
    const script = toScript(parsed.value);
    const problems = scriptProblems(script, !Array.isArray(parsed.value), context);
    return problems.length === 0 ? { ok: true, value: script, warnings: [] } : { ok: false, problems };
  });

export function loadScenario(file: SourceFile, context: ValidationContext): Loaded<Scenario> {
  return loadWith(file, (value) => {
    const result = validateScenario(value, context);
    return result.ok
      ? { ok: true, value: result.scenario, warnings: result.problems.filter(isWarning) }
      : result;
  });
}
