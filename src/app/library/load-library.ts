import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { loadProfile, loadQuestionBank, loadScenario, type SourceFile } from '$core/library/load';

export interface Library {
  scenarios: Scenario[];
  profiles: CenterProfile[];
  questions: QuestionBank | undefined;
  /** One line per problem, `file: json-path: message`; the files with problems are left out, the rest load. */
  problems: string[];
  /** Warnings about files that did load (`file: json-path: warning: message`): for authors, not trainees. */
  warnings: string[];
}

/**
 * Load a library from file texts. A bad file is reported and skipped; it never stops the others.
 * Audio is not checked here: a missing clip only costs that line its sound (the caption stays).
 */
export function loadLibrary(files: {
  questions: SourceFile | undefined;
  profiles: SourceFile[];
  scenarios: SourceFile[];
}): Library {
  const problems: string[] = [];
  const warnings: string[] = [];
  const bank = files.questions ? loadQuestionBank(files.questions) : undefined;
  if (!files.questions) problems.push('scenarios/questions.json: $: the question bank is missing');
  else if (bank && !bank.ok) problems.push(...bank.problems);
  const questions = bank?.ok ? bank.value : undefined;

  const profiles: CenterProfile[] = [];
  for (const file of files.profiles) {
    const loaded = loadProfile(file);
    if (loaded.ok) profiles.push(loaded.value);
    else problems.push(...loaded.problems);
  }

  const scenarios: Scenario[] = [];
  if (questions) {
    const seen = new Map<string, string>();
    for (const file of files.scenarios) {
      const loaded = loadScenario(file, { questions, profiles });
      if (!loaded.ok) {
        problems.push(...loaded.problems);
        continue;
      }
      warnings.push(...loaded.warnings);
      const earlier = seen.get(loaded.value.id);
      if (earlier) {
        problems.push(`${file.path}: $.id: scenario id "${loaded.value.id}" is already used by ${earlier}`);
        continue;
      }
      seen.set(loaded.value.id, file.path);
      scenarios.push(loaded.value);
    }
  }
  return {
    scenarios: scenarios.sort((a, b) => a.title.localeCompare(b.title)),
    profiles: profiles.sort((a, b) => a.model.localeCompare(b.model)),
    questions,
    problems,
    warnings,
  };
}
