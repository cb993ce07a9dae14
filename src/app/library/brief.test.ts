import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR, scenarioFiles } from '$cli/fs-library';
import { libraryText } from './brief';

const bundled = scenarioFiles([SCENARIO_DIR]).map(
  (path) => JSON.parse(readFileSync(path, 'utf8')) as { id: string; brief?: string; summary: string },
);

/** Words of the answer: the response sent, how it is reached, how urgent it is. */
const ANSWER_WORDS =
  /\b(dispatch\w*|transfer\w*|route\w*|routing|priority|EMS|ambulance|clinician|counsel\w*|988|mobile crisis|co-responder|divert\w*|diversion)\b/i;

describe('library text', () => {
  it('shows a trainee the brief only, and the trainer the summary too', () => {
    const s = { brief: 'A mother calls from the hallway.', summary: 'Police at priority 1.' };
    expect(libraryText(s, false)).toEqual({ brief: s.brief, summary: undefined });
    expect(libraryText(s, true)).toEqual({ brief: s.brief, summary: s.summary });
    expect(libraryText({ summary: s.summary }, false)).toEqual({ brief: undefined, summary: undefined });
  });

  it('every bundled scenario has a brief that names no response, routing or priority', () => {
    expect(bundled.length).toBeGreaterThan(0);
    for (const s of bundled) {
      expect(s.brief, s.id).toBeTruthy();
      expect(s.brief, s.id).not.toMatch(ANSWER_WORDS);
      expect(s.brief, s.id).not.toBe(s.summary);
    }
  });
});
