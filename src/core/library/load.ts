import type { z } from 'zod';
import { ActionsFile, type ScriptedAction } from '../format/actions';
import { CenterProfileFile, type CenterProfile } from '../format/profile';
import { QuestionBankFile, type QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import { parseJson } from '../validate/parse-json';
import { formatProblem, type Problem } from '../validate/problem';
import { validateScenario, zodProblems, type ValidationContext } from '../validate/validate-scenario';

/** A file's path (as the author knows it) and its text. Reading it is the caller's job: core has no fs. */
export interface SourceFile {
  path: string;
  text: string;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function loadWith<T>(
  file: SourceFile,
  check: (value: unknown) => { ok: true; value: T } | { ok: false; problems: Problem[] },
): Loaded<T> {
  const json = parseJson(file.text);
  if (!json.ok) return { ok: false, problems: [formatProblem(file.path, json.problem)] };
  const result = check(json.value);
  return result.ok
    ? result
    : { ok: false, problems: result.problems.map((p) => formatProblem(file.path, p)) };
}

function schemaCheck<T>(schema: z.ZodType<T>) {
  return (value: unknown): { ok: true; value: T } | { ok: false; problems: Problem[] } => {
    const parsed = schema.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, problems: zodProblems(parsed.error, value) };
  };
}

export const loadQuestionBank = (file: SourceFile): Loaded<QuestionBank> =>
  loadWith(file, schemaCheck(QuestionBankFile));
export const loadProfile = (file: SourceFile): Loaded<CenterProfile> =>
  loadWith(file, schemaCheck(CenterProfileFile));
export const loadActions = (file: SourceFile): Loaded<ScriptedAction[]> =>
  loadWith(file, schemaCheck(ActionsFile));

export function loadScenario(file: SourceFile, context: ValidationContext): Loaded<Scenario> {
  return loadWith(file, (value) => {
    const result = validateScenario(value, context);
    return result.ok ? { ok: true, value: result.scenario } : result;
  });
}
