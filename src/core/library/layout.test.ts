import { describe, expect, it } from 'vitest';
import { libraryFileKind } from './layout';

describe('which library files are what', () => {
  it.each([
    ['si-no-means-clinician.json', 'scenario'],
    ['academy/first-call.json', 'scenario'],
    ['questions.json', 'questions'],
    ['profiles/embedded-clinician-day.json', 'profile'],
    ['academy/questions.json', 'scenario'],
  ] as const)('%s is a %s', (path, kind) => {
    expect(libraryFileKind(path)).toBe(kind);
  });

  it.each([
    'actions/si-no-means-clinician.expert.json',
    'schema/scenario.schema.json',
    'academy/actions/first-call.expert.json',
    '_draft.json',
    'academy/_scratch.json',
    'README.md',
    'profiles/README.md',
  ])('%s is not loaded', (path) => {
    expect(libraryFileKind(path)).toBeUndefined();
  });
});
