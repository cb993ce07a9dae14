import type { CallerLine, Response, Scenario } from '../format/scenario';
import { jsonPath } from './problem';

/** Every caller line in the file with the path it sits at. */
export function* linesOf(s: Scenario): Generator<[CallerLine, string]> {
  for (const [id, state] of Object.entries(s.states)) {
    const base = jsonPath(['states', id]);
    for (const [i, l] of state.lines.entries()) yield [l, `${base}.lines[${i}]`];
    for (const [r, response] of state.responses.entries()) {
      for (const [i, l] of response.say.entries()) yield [l, `${base}.responses[${r}].say[${i}]`];
    }
    for (const [t, timeout] of state.timeouts.entries()) {
      for (const [i, l] of timeout.say.entries()) yield [l, `${base}.timeouts[${t}].say[${i}]`];
    }
  }
  for (const [r, response] of s.defaultResponses.entries()) {
    for (const [i, l] of response.say.entries()) yield [l, `$.defaultResponses[${r}].say[${i}]`];
  }
  for (const [i, l] of (s.callback?.say ?? []).entries()) yield [l, `$.callback.say[${i}]`];
}

/** Caller lines as the surface variants word them (only the reworded ones), each with its path. */
function* variantLinesOf(s: Scenario): Generator<[CallerLine, string]> {
  const written = new Map([...linesOf(s)].map(([l]) => [l.id, l]));
  for (const [i, variant] of (s.variants ?? []).entries()) {
    for (const [id, wording] of Object.entries(variant.lines)) {
      const line = written.get(id);
      if (line) yield [{ ...line, ...wording }, jsonPath(['variants', i, 'lines', id])];
    }
  }
}

/** Every clip the scenario plays: its own lines, then its variants' rewordings. */
export function* allLinesOf(s: Scenario): Generator<[CallerLine, string]> {
  yield* linesOf(s);
  yield* variantLinesOf(s);
}

export function* responsesOf(s: Scenario): Generator<[Response, string]> {
  for (const [id, state] of Object.entries(s.states)) {
    for (const [r, response] of state.responses.entries()) {
      yield [response, `${jsonPath(['states', id])}.responses[${r}]`];
    }
  }
  for (const [r, response] of s.defaultResponses.entries()) yield [response, `$.defaultResponses[${r}]`];
}
