import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import { readProfiles, readQuestionBank } from '$cli/fs-library';

/** The bundled center profiles and question bank, for tests that run in Node. */

export function bundledProfiles(): Map<string, CenterProfile> {
  return new Map(readProfiles().map((p) => [p.id, p]));
}

export function profile(id: string): CenterProfile {
  const found = bundledProfiles().get(id);
  if (!found) throw new Error(`no bundled profile "${id}"`);
  return found;
}

export function bundledQuestions(): QuestionBank {
  return readQuestionBank();
}
