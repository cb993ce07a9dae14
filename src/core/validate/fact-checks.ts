import type { CallerLine, Condition, Response, Scenario, TimedEvent } from '../format/scenario';
import type { SafetyFact } from '../format/vocabulary';
import { jsonPath, type Problem } from './problem';

/**
 * Checks of what the caller reveals: that every fact present can really come out, that a line never
 * reveals a fact the call does not have, and (a warning, where the words tell) that the caller does
 * not talk about something they have not yet said.
 */
export function factProblems(s: Scenario): Problem[] {
  return [...revealProblems(s), ...mentionProblems(s)];
}

/** Can a condition ever hold? Not if it asks for a question both asked and not asked. */
function satisfiable(when: Condition | undefined): boolean {
  return !when?.asked?.some((q) => when.notAsked?.includes(q));
}

/** Does `earlier` answer every action `later` answers, whatever the trainee has done? Then `later` never fires. */
function shadows(earlier: Response, later: Response): boolean {
  if (earlier.when !== undefined) return false;
  const a = earlier.on;
  const b = later.on;
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'ask':
      return b.type === 'ask' && a.question === b.question;
    case 'deescalate':
      return a.phrase === undefined || (b.type === 'deescalate' && a.phrase === b.phrase);
    case 'dispatch':
      return a.resource === undefined || (b.type === 'dispatch' && a.resource === b.resource);
    case 'transfer':
      return a.to === undefined || (b.type === 'transfer' && a.to === b.to);
  }
}

interface SaidWhere {
  line: CallerLine;
  path: string;
  /** False when the line sits in a response or timed event that can never fire. */
  canBeSaid: boolean;
  /** The caller state it is said in; undefined for default responses and the callback (any state). */
  state?: string;
  /** Said on entering the state (its `lines`), rather than in answer to something. */
  onEntry?: boolean;
}

/** Every line with whether the response or timed event it sits in can ever fire. */
function linesWithReach(s: Scenario): SaidWhere[] {
  const out: SaidWhere[] = [];
  const responses = (list: Response[], base: string, state?: string) =>
    list.forEach((r, i) => {
      const fires = satisfiable(r.when) && !list.slice(0, i).some((e) => shadows(e, r));
      r.say.forEach((line, j) =>
        out.push({ line, path: `${base}[${i}].say[${j}]`, canBeSaid: fires, ...(state ? { state } : {}) }),
      );
    });
  const timeouts = (list: TimedEvent[], base: string, state: string) =>
    list.forEach((t, i) =>
      t.say.forEach((line, j) =>
        out.push({ line, path: `${base}[${i}].say[${j}]`, canBeSaid: satisfiable(t.when), state }),
      ),
    );
  for (const [id, state] of Object.entries(s.states)) {
    const base = jsonPath(['states', id]);
    state.lines.forEach((line, i) =>
      out.push({ line, path: `${base}.lines[${i}]`, canBeSaid: true, state: id, onEntry: true }),
    );
    responses(state.responses, `${base}.responses`, id);
    timeouts(state.timeouts, `${base}.timeouts`, id);
  }
  responses(s.defaultResponses, '$.defaultResponses');
  (s.callback?.say ?? []).forEach((line, i) =>
    out.push({ line, path: `$.callback.say[${i}]`, canBeSaid: true }),
  );
  return out;
}

function revealProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const present = new Set(s.facts.present);
  const lines = linesWithReach(s);
  for (const { line, path } of lines) {
    for (const [i, fact] of line.reveals.entries()) {
      if (!present.has(fact)) {
        problems.push({
          path: `${path}.reveals[${i}]`,
          message: `reveals "${fact}", which is not in facts.present: add it there or remove it here`,
        });
      }
    }
  }
  for (const [i, fact] of s.facts.present.entries()) {
    const revealing = lines.filter((l) => l.line.reveals.includes(fact));
    if (revealing.length > 0 && revealing.every((l) => !l.canBeSaid)) {
      problems.push({
        path: `$.facts.present[${i}]`,
        message: `fact "${fact}" is revealed only by lines that can never be said (${revealing.map((l) => l.path).join(', ')}): their condition cannot hold, or an earlier response always answers first`,
      });
    }
  }
  if (present.has('imminent-risk') && s.answerKey.priority !== 1) {
    problems.push({
      path: '$.answerKey.priority',
      message: 'imminent risk is an active threat to life: the priority must be 1',
    });
  }
  return problems;
}

/**
 * Words that name a concrete thing a fact is about. When a line that reveals a fact uses one, any
 * other line using it talks about that fact; said before the fact came out, it gives it away.
 */
const TELLING_WORDS = [
  'gun',
  'guns',
  'pistol',
  'rifle',
  'shotgun',
  'revolver',
  'firearm',
  'knife',
  'knives',
  'blade',
  'machete',
  'pills',
  'tablets',
  'overdose',
  'rope',
  'noose',
  'razor',
  'bleeding',
  'blood',
  'bridge',
  'ledge',
];

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);

/**
 * What a line puts on the record: the facts it reveals, and each telling word it says ("said:knife"),
 * so a word the caller has already used on every path is no longer news.
 */
const tokensOf = (line: CallerLine): string[] => {
  const words = wordsOf(line.text);
  return [...line.reveals, ...TELLING_WORDS.filter((w) => words.has(w)).map((w) => `said:${w}`)];
};

/** Tokens (facts revealed, telling words said) sure to be out by the time the caller is in each state (before its own lines). */
function saidOnEveryPath(s: Scenario): Map<string, Set<string>> {
  const allLines = linesWithReach(s).map((l) => l.line);
  const all = new Set<string>(allLines.flatMap(tokensOf));
  const tokens = (lines: CallerLine[]) => lines.flatMap(tokensOf);
  const ids = Object.keys(s.states);
  const known = new Map<string, Set<string>>(ids.map((id) => [id, new Set(id === s.start ? [] : all)]));
  type Edge = { from: string; to: string; say: CallerLine[] };
  const edges: Edge[] = [];
  for (const [id, state] of Object.entries(s.states)) {
    for (const t of [...state.responses, ...state.timeouts, ...s.defaultResponses]) {
      if (t.goto) edges.push({ from: id, to: t.goto, say: t.say });
    }
    if (state.end === 'hangup' && s.callback) {
      edges.push({ from: id, to: s.callback.goto, say: s.callback.say });
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const to of ids) {
      if (to === s.start) continue;
      const incoming = edges.filter((e) => e.to === to && known.has(e.from));
      if (incoming.length === 0) continue;
      const next = incoming
        .map((e) => new Set([...known.get(e.from)!, ...tokens(s.states[e.from]!.lines), ...tokens(e.say)]))
        .reduce((a, b) => new Set([...a].filter((f) => b.has(f))));
      if (next.size < known.get(to)!.size) {
        known.set(to, next);
        changed = true;
      }
    }
  }
  return known;
}

function mentionProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const lines = linesWithReach(s);
  // Which telling words each fact's revealing lines use.
  const wordsFor = new Map<SafetyFact, Set<string>>();
  for (const { line } of lines) {
    const words = wordsOf(line.text);
    for (const fact of line.reveals) {
      const set = wordsFor.get(fact) ?? new Set();
      for (const w of TELLING_WORDS) if (words.has(w)) set.add(w);
      wordsFor.set(fact, set);
    }
  }
  const atEntry = saidOnEveryPath(s);
  // A default response or the callback can come in any state, after that state's own lines.
  const anywhere = [...atEntry]
    .map(([id, entry]) => new Set([...entry, ...(s.states[id]?.lines ?? []).flatMap(tokensOf)]))
    .reduce((a, b) => new Set([...a].filter((f) => b.has(f))));
  /** What is sure to be out already when this line is said (before the line itself). */
  const before = ({ line, state, onEntry }: SaidWhere): Set<string> => {
    if (state === undefined) return anywhere;
    const own = s.states[state]?.lines ?? [];
    const said = onEntry ? own.slice(0, own.indexOf(line)) : own;
    return new Set([...(atEntry.get(state) ?? []), ...said.flatMap(tokensOf)]);
  };
  // Each telling word with the facts it goes with ("knife": weapon, threat-to-others).
  const factsFor = new Map<string, SafetyFact[]>();
  for (const [fact, words] of wordsFor) {
    for (const w of words) factsFor.set(w, [...(factsFor.get(w) ?? []), fact]);
  }
  for (const where of lines) {
    const { line, path, canBeSaid } = where;
    if (!canBeSaid) continue;
    const known = before(where);
    for (const word of wordsOf(line.text)) {
      const facts = factsFor.get(word);
      // Fine if the line brings one of them out itself, one is out already, or the word was said before.
      if (!facts || known.has(`said:${word}`)) continue;
      if (facts.some((f) => line.reveals.includes(f) || known.has(f))) continue;
      problems.push({
        path: `${path}.text`,
        message: `says "${word}", which the caller otherwise mentions only when revealing ${facts.map((f) => `"${f}"`).join(' or ')}; on some path this line comes first and gives it away (reword it, or add the fact to its reveals)`,
        severity: 'warning',
      });
    }
  }
  return problems;
}
