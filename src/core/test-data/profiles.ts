import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CenterProfileFile, type CenterProfile } from '../format/profile';
import { QuestionBankFile, type QuestionBank } from '../format/question-bank';

/** The bundled profiles and question bank, for tests that run in Node. */
const SCENARIOS = join(import.meta.dirname, '../../../scenarios');

export function bundledProfiles(): Map<string, CenterProfile> {
  const dir = join(SCENARIOS, 'profiles');
  const profiles = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => CenterProfileFile.parse(JSON.parse(readFileSync(join(dir, n), 'utf8'))));
  return new Map(profiles.map((p) => [p.id, p]));
}

export function profile(id: string): CenterProfile {
  const found = bundledProfiles().get(id);
  if (!found) throw new Error(`no bundled profile "${id}"`);
  return found;
}

export function bundledQuestions(): QuestionBank {
  return QuestionBankFile.parse(JSON.parse(readFileSync(join(SCENARIOS, 'questions.json'), 'utf8')));
}
