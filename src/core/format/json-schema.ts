import { z } from 'zod';
import { ActionsFile } from './actions';
import { CenterProfileFile } from './profile';
import { QuestionBankFile } from './question-bank';
import { ScenarioFile } from './scenario';

/** The published JSON Schemas and the zod definitions they are generated from. */
export const SCHEMA_FILES = {
  'scenario.schema.json': ScenarioFile,
  'question-bank.schema.json': QuestionBankFile,
  'center-profile.schema.json': CenterProfileFile,
  'actions.schema.json': ActionsFile,
} as const;

export function schemaJson(name: keyof typeof SCHEMA_FILES): string {
  // "input": the schema describes what authors write, where fields with defaults may be left out.
  return `${JSON.stringify(z.toJSONSchema(SCHEMA_FILES[name], { io: 'input' }), null, 2)}\n`;
}
