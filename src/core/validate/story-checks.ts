import type { Scenario } from '../format/scenario';
import { withinHours } from '../profiles/hours';
import { linesOf } from './lines';
import type { Problem } from './problem';

/**
 * Words that tie a caller's line to the hour it is said at. Not "tonight" or "this morning": those
 * fit most hours ("he'll be alone tonight" at 14:00).
 */
const TIME_WORDS =
  /\b(?:so late|this late|at this hour|it's late|middle of the night|in the dark|good morning|good afternoon|good evening|good night)\b/i;

/**
 * The call time a trainer picks must fit the caller's words: "sorry to call so late" at 14:00 breaks
 * the story. A scenario whose lines name a time of day says so in `cad.storyHours`, and its own call
 * time sits inside them.
 */
export function storyProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const hours = s.cad.storyHours;
  if (hours && !withinHours(hours, s.cad.callTime)) {
    problems.push({
      path: '$.cad.callTime',
      message: `the call time ${s.cad.callTime} is outside the story's hours ${hours.from}–${hours.to} (cad.storyHours)`,
    });
  }
  if (!hours) {
    for (const [line, path] of linesOf(s)) {
      const word = TIME_WORDS.exec(line.text)?.[0];
      if (word) {
        problems.push({
          path: `${path}.text`,
          message: `says "${word}", which fits only some hours: set cad.storyHours to the hours the call's words fit, or reword the line`,
          severity: 'warning',
        });
      }
    }
  }
  return problems;
}
