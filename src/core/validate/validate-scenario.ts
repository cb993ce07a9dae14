import type { z } from 'zod';
import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import { ScenarioFile, type Scenario } from '../format/scenario';
import { isSoundClip } from '../format/sounds';
import { isKnownCitation } from '../format/sources';
import type { SafetyFact } from '../format/vocabulary';
import { contentHash } from '../review/content-hash';
import { factProblems } from './fact-checks';
import { allLinesOf, linesOf, responsesOf } from './lines';
import { isWarning, jsonPath, type Problem } from './problem';
import { rationaleProblems } from './rationale-checks';
import { screenProblems } from './screen-checks';
import { soundProblems } from './sound-checks';
import { storyProblems } from './story-checks';

export interface ValidationContext {
  questions: QuestionBank;
  /**
   * Does a clip exist for this reference ("folder/name", no extension)? Omit to skip the audio check.
   * A missing clip is an error in an approved scenario and a warning in a draft (captions carry it).
   */
  audioExists?: (ref: string) => boolean;
  /** The caller voices the audio pipeline knows (audio/voices.json). Omit to skip the check. */
  voices?: readonly string[];
  /** Center profiles to check the routing rationale against. Omit to skip the check. */
  profiles?: readonly CenterProfile[];
}

/** Valid (perhaps with warnings in `problems`), or not, with every problem: errors and warnings. */
export type ScenarioValidation =
  { ok: true; scenario: Scenario; problems: Problem[] } | { ok: false; problems: Problem[] };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod's issues as problems an author can act on: a missing field says so, a bad key says why. */
export function zodProblems(error: z.ZodError, input: unknown): Problem[] {
  return error.issues.map((issue) => {
    const path = jsonPath(issue.path);
    if (issue.code === 'invalid_key') {
      const reason = issue.issues[0]?.message ?? issue.message;
      return { path, message: `invalid name "${String(issue.path.at(-1))}": ${reason}` };
    }
    if (issue.code === 'unrecognized_keys') {
      return {
        path,
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (misspelt?)`,
      };
    }
    const missing =
      issue.path.length > 0 &&
      valueAt(input, issue.path) === undefined &&
      /^Invalid (input|option)/.test(issue.message);
    if (missing) {
      const expected = issue.message
        .replace(/^Invalid (input|option): /, '')
        .replace(/, received undefined$/, '');
      return { path, message: `required field is missing (${expected})` };
    }
    return { path, message: issue.message };
  });
}

/** Schema check, then every semantic check; all problems are reported, not just the first. */
export function validateScenario(input: unknown, context: ValidationContext): ScenarioValidation {
  const parsed = ScenarioFile.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, input) };
  const problems = semanticProblems(parsed.data, context);
  return problems.every(isWarning) ? { ok: true, scenario: parsed.data, problems } : { ok: false, problems };
}

/** States reachable from `from` through responses, timed events and (after a hang-up) the callback. */
export function successors(s: Scenario, id: string): string[] {
  const state = Object.hasOwn(s.states, id) ? s.states[id] : undefined;
  if (!state) return [];
  if (state.end === 'hangup') {
    return s.callback && Object.hasOwn(s.states, s.callback.goto) ? [s.callback.goto] : [];
  }
  const next = [
    ...state.responses.map((r) => r.goto),
    ...state.timeouts.map((t) => t.goto),
    ...s.defaultResponses.map((r) => r.goto),
  ];
  return next.filter((g): g is string => g !== undefined && Object.hasOwn(s.states, g));
}

export function reachableFrom(s: Scenario, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id) || !Object.hasOwn(s.states, id)) continue;
    seen.add(id);
    queue.push(...successors(s, id));
  }
  return seen;
}

/** A state is decisive when the trainee can route from it or the caller's side ends there. */
export function isDecisive(s: Scenario, id: string): boolean {
  const state = Object.hasOwn(s.states, id) ? s.states[id] : undefined;
  return state !== undefined && (state.routing || state.end !== undefined);
}

/** Facts whose presence makes a critical error possible; the answer key must name it. */
const CRITICAL_FOR_FACT: Partial<Record<SafetyFact, 'unsafe-diversion' | 'missed-medical'>> = {
  weapon: 'unsafe-diversion',
  'threat-to-others': 'unsafe-diversion',
  'crime-in-progress': 'unsafe-diversion',
  'imminent-risk': 'unsafe-diversion',
  'medical-emergency': 'missed-medical',
};

function semanticProblems(s: Scenario, context: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  // What a draft can live with for now (a clip not recorded yet) an approved scenario cannot.
  const approved = s.review.status === 'approved';
  const draftWarning = approved ? {} : ({ severity: 'warning' } as const);
  if (context.voices && !context.voices.includes(s.caller.voice)) {
    add('$.caller.voice', `unknown voice "${s.caller.voice}" (known: ${context.voices.join(', ')})`);
  }
  const questionIds = new Set(context.questions.questions.map((q) => q.id));
  const phraseIds = new Set(context.questions.phrases.map((p) => p.id));
  const stateIds = new Set(Object.keys(s.states));

  const checkQuestion = (id: string, path: string) => {
    if (!questionIds.has(id)) add(path, `unknown question id "${id}" (not in the question bank)`);
  };
  const checkState = (id: string, path: string) => {
    if (!stateIds.has(id)) add(path, `transition to missing state "${id}"`);
  };

  checkState(s.start, '$.start');
  if (s.callback) checkState(s.callback.goto, '$.callback.goto');

  for (const [response, path] of responsesOf(s)) {
    if (response.on.type === 'ask') checkQuestion(response.on.question, `${path}.on.question`);
    if (
      response.on.type === 'deescalate' &&
      response.on.phrase !== undefined &&
      !phraseIds.has(response.on.phrase)
    ) {
      add(`${path}.on.phrase`, `unknown phrase id "${response.on.phrase}" (not in the question bank)`);
    }
    for (const [i, q] of (response.when?.asked ?? []).entries()) checkQuestion(q, `${path}.when.asked[${i}]`);
    for (const [i, q] of (response.when?.notAsked ?? []).entries()) {
      checkQuestion(q, `${path}.when.notAsked[${i}]`);
    }
    if (response.goto !== undefined) checkState(response.goto, `${path}.goto`);
  }
  for (const [i, q] of s.answerKey.requiredQuestions.entries()) {
    checkQuestion(q, `$.answerKey.requiredQuestions[${i}]`);
  }

  for (const [id, state] of Object.entries(s.states)) {
    const base = jsonPath(['states', id]);
    for (const [t, timeout] of state.timeouts.entries()) {
      for (const [i, q] of (timeout.when?.asked ?? []).entries()) {
        checkQuestion(q, `${base}.timeouts[${t}].when.asked[${i}]`);
      }
      for (const [i, q] of (timeout.when?.notAsked ?? []).entries()) {
        checkQuestion(q, `${base}.timeouts[${t}].when.notAsked[${i}]`);
      }
      if (timeout.goto === undefined) {
        add(`${base}.timeouts[${t}]`, 'timed event has no target state ("goto")');
      } else checkState(timeout.goto, `${base}.timeouts[${t}].goto`);
    }
    if (
      state.end === 'hangup' &&
      (state.responses.length > 0 || state.timeouts.length > 0 || state.routing)
    ) {
      add(
        base,
        'a hang-up state ends the caller\'s side: it cannot have responses, timed events or "routing"',
      );
    }
  }

  const reachable = reachableFrom(s, s.start);
  for (const id of stateIds) {
    if (!reachable.has(id)) {
      add(jsonPath(['states', id]), `unreachable state "${id}" (no path from "${s.start}")`);
    }
  }
  for (const id of reachable) {
    const canDecide = [...reachableFrom(s, id)].some((r) => isDecisive(s, r));
    if (!canDecide) {
      add(
        jsonPath(['states', id]),
        `dead end: no way from "${id}" to a routing decision or the end of the call (mark a state "routing": true or "end": "hangup")`,
      );
    }
  }

  const seenLines = new Map<string, string>();
  for (const [l, path] of linesOf(s)) {
    const earlier = seenLines.get(l.id);
    if (earlier !== undefined && earlier !== path) {
      add(`${path}.id`, `duplicate line id "${l.id}" (also at ${earlier})`);
    } else seenLines.set(l.id, path);
  }
  const seenAudio = new Map<string, string>();
  const revealed = new Set<SafetyFact>();
  for (const [l, path] of allLinesOf(s)) {
    const sameClip = seenAudio.get(l.audio);
    // A sound (the phone hitting the floor) may serve lines described differently; caller words may not.
    if (sameClip === undefined) seenAudio.set(l.audio, l.text);
    else if (sameClip !== l.text && !isSoundClip(l.audio)) {
      add(`${path}.audio`, `clip "${l.audio}" is used for two different texts`);
    }
    if (context.audioExists && !context.audioExists(l.audio)) {
      problems.push({
        path: `${path}.audio`,
        message: `missing audio file for "${l.audio}" (looked for audio/${l.audio}.{opus,ogg,mp3,wav})`,
        ...draftWarning,
      });
    }
    for (const f of l.reveals) revealed.add(f);
  }
  problems.push(...variantProblems(s), ...factProblems(s), ...storyProblems(s));
  problems.push(...soundProblems(s, context.audioExists, draftWarning.severity));
  if (context.profiles) {
    problems.push(...rationaleProblems(s, context.profiles, draftWarning.severity));
    problems.push(...screenProblems(s, context.questions, context.profiles));
  }

  for (const [i, fact] of s.facts.present.entries()) {
    if (!revealed.has(fact)) {
      add(
        `$.facts.present[${i}]`,
        `fact "${fact}" is never revealed by any caller line, so no trainee can uncover it`,
      );
    }
    const critical = CRITICAL_FOR_FACT[fact];
    if (critical && !s.answerKey.criticalErrors.some((c) => c.kind === critical)) {
      add(
        '$.answerKey.criticalErrors',
        `fact "${fact}" is present, so the answer key must list the critical error "${critical}"`,
      );
    }
  }
  if (!s.answerKey.requiredQuestions.some((q) => q.startsWith('safety.'))) {
    add('$.answerKey.requiredQuestions', 'must include at least one safety-screen question ("safety.…")');
  }

  const citations: [string, string][] = [
    ...s.sources.map((c, i): [string, string] => [c.ref, `$.sources[${i}].ref`]),
    ...s.answerKey.sources.map((c, i): [string, string] => [c.ref, `$.answerKey.sources[${i}].ref`]),
  ];
  for (const [ref, path] of citations) if (!isKnownCitation(ref)) add(path, `unknown seed citation "${ref}"`);

  if (s.review.status === 'approved') {
    if (!s.review.reviewer) {
      add('$.review.reviewer', 'an approved scenario names its reviewer and credential');
    }
    if (!s.review.date) add('$.review.date', 'an approved scenario has a review date');
    if (!s.review.contentHash) {
      add('$.review.contentHash', 'an approved scenario carries the hash of the content that was reviewed');
    } else if (s.review.contentHash !== contentHash(s)) {
      add(
        '$.review.contentHash',
        'approval is void: the content changed after review (hash differs); set status to "in-review" and have it reviewed again',
      );
    }
  }
  return problems;
}

/** Words of a written surface detail that a line still saying them would give away: "1420 Alder", "Greg", "Tallis", "555-0167". */
function tellTales(written: Scenario['cad'], variant: NonNullable<Scenario['variants']>[number]): string[] {
  const out: string[] = [];
  const changed = (key: 'address' | 'callerName' | 'callbackNumber') =>
    variant.cad?.[key] !== undefined && variant.cad[key] !== written[key];
  if (changed('address')) {
    const [number, street] = written.address.split(/[\s,]+/);
    if (number && /\d/.test(number) && street) out.push(`${number} ${street}`);
  }
  if (changed('callerName') && written.callerName) {
    out.push(...written.callerName.split(/\s+/).filter((w) => /^[A-Z][a-z]{2,}/.test(w)));
  }
  if (changed('callbackNumber')) out.push(written.callbackNumber);
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Variants change surface details only, consistently: each names real lines and leaves no line saying the old detail. */
function variantProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const written = new Map([...linesOf(s)].map(([l]) => [l.id, l]));
  const seen = new Map<string, number>();
  for (const [i, variant] of (s.variants ?? []).entries()) {
    const base = jsonPath(['variants', i]);
    const earlier = seen.get(variant.id);
    if (earlier !== undefined) {
      problems.push({
        path: `${base}.id`,
        message: `duplicate variant id "${variant.id}" (also $.variants[${earlier}])`,
      });
    } else seen.set(variant.id, i);
    const changesCad = Object.entries(variant.cad ?? {}).some(
      ([k, v]) => v !== s.cad[k as keyof typeof s.cad],
    );
    if (!changesCad && variant.involved === undefined && Object.keys(variant.lines).length === 0) {
      problems.push({
        path: base,
        message: 'the variant changes nothing (give it "cad", "involved" or "lines")',
      });
    }
    for (const [id, wording] of Object.entries(variant.lines)) {
      const line = written.get(id);
      const path = jsonPath(['variants', i, 'lines', id]);
      if (!line) problems.push({ path, message: `no caller line "${id}" in this scenario to reword` });
      else if (wording.audio === line.audio) {
        problems.push({
          path: `${path}.audio`,
          message: `reworded line reuses the written clip "${line.audio}": give it its own`,
        });
      }
    }
    for (const word of tellTales(s.cad, variant)) {
      const pattern = new RegExp(`(^|[^\\w])${escapeRegExp(word)}($|[^\\w])`);
      for (const [id, line] of written) {
        if (!Object.hasOwn(variant.lines, id) && pattern.test(line.text)) {
          problems.push({
            path: `${base}.lines`,
            message: `line "${id}" says "${word}", which this variant changes: reword it here`,
          });
        }
      }
    }
  }
  return problems;
}
