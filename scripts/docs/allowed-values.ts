import { ScriptedAction, LEVEL_IDS } from '../../src/core/format/actions';
import type { CenterProfile } from '../../src/core/format/profile';
import { DISPATCH_MODELS, DispatchModel } from '../../src/core/format/profile';
import { QUESTION_GROUPS } from '../../src/core/format/question-bank';
import {
  ActionMatch,
  CadContext,
  CallerState,
  CALLER_RELATIONSHIPS,
  CREDENTIALS,
  CRITICAL_ERRORS,
  FORMAT_VERSION,
  REVIEW_STATUSES,
} from '../../src/core/format/scenario';
import { SEED_ANCHORS } from '../../src/core/format/sources';
import {
  CALL_TYPES,
  DIFFICULTIES,
  DISPOSITIONS,
  EMOTIONS,
  FACT_LABELS,
  Priority,
  RESOURCE_NAMES,
  RESOURCES,
  SAFETY_FACTS,
  TRANSFER_RESOURCES,
  UNIT_RESOURCES,
} from '../../src/core/format/vocabulary';
import { DISTRESSED, LEVELS, RULE_IDS } from '../../src/core/scoring/rubric';
import { COUNSELOR_REF, SYSTEM_CLIPS } from '../audio/clips';

/**
 * The "Allowed values" section of docs/scenario-format.md: every field an author fills from a closed
 * list, with the list the code accepts. Generated from the code (npm run docs), and a test checks the
 * page still says what the code does. The few words after a value come from the code's own names and
 * doc comments; they are not a place for protocol advice.
 */

type Value = string | number;

const code = (v: Value) => `\`${v}\``;

/** "`a`, `b` (gloss), `c`": a gloss only where `gloss` gives one. */
function values(list: readonly Value[], gloss: (v: Value) => string | undefined = () => undefined): string {
  return list
    .map((v) => {
      const g = gloss(v);
      return g ? `${code(v)} (${g})` : code(v);
    })
    .join(', ');
}

/** Nested list items "`a`: what a is", for glosses too long to read in parentheses. */
function described(entries: readonly (readonly [Value, string])[]): string {
  return entries.map(([v, text]) => `\n  - ${code(v)}: ${text}`).join('');
}

/** A label as gloss, unless it only repeats the value ("a weapon" for `weapon`, "EMS" for `ems`). */
function labelled(labels: Record<string, string>) {
  const plain = (s: string) =>
    s
      .toLowerCase()
      .replace(/^(a|an|the) /, '')
      .replace(/-/g, ' ');
  return (v: Value) => {
    const label = labels[String(v)];
    return label !== undefined && plain(label) !== plain(String(v)) ? label : undefined;
  };
}

/** The literal `type` of each member of a discriminated union of objects. */
const typesOf = (options: readonly { shape: { type: { value: string } } }[]) =>
  options.map((o) => o.shape.type.value);

/** "`a`, `b` and `c`". */
function and(list: readonly string[]): string {
  return list.length < 2
    ? list.map(code).join('')
    : `${list.slice(0, -1).map(code).join(', ')} and ${code(list.at(-1)!)}`;
}
/** "`a`, `b` and `c` are" ("`a` is" for one). */
const are = (list: readonly string[]) => `${and(list)} ${list.length === 1 ? 'is' : 'are'}`;

/** "- field: values", one item a field (or fields sharing one list). */
const list = (rows: readonly (readonly [string, string])[]) =>
  rows.map(([f, v]) => `- ${f}:${v.startsWith('\n') ? '' : ' '}${v}`).join('\n');

export function allowedValues(voices: readonly string[], profiles: readonly CenterProfile[]): string {
  const counselor = SYSTEM_CLIPS.flatMap((c) =>
    c.kind === 'speech' && c.ref === COUNSELOR_REF ? [c.voice] : [],
  );
  const callerVoices = voices.filter((v) => !counselor.includes(v));
  const counselorVoices = voices.filter((v) => counselor.includes(v));

  const { minValue, maxValue } = Priority;
  if (minValue === null || maxValue === null) throw new Error('Priority has no bounds');
  const priorities: number[] = [];
  for (let p = minValue; p <= maxValue; p++) priorities.push(p);
  const priority = values(priorities, (p) =>
    p === priorities[0]
      ? 'an active threat to life'
      : p === priorities.at(-1)
        ? 'the least urgent'
        : undefined,
  );

  const resources = `${values(RESOURCES, labelled(RESOURCE_NAMES))}. ${are(TRANSFER_RESOURCES)} reached by warm transfer (the caller is handed to a person), the others by dispatch`;
  const facts = values(SAFETY_FACTS, labelled(FACT_LABELS));
  const callTypes = values(CALL_TYPES);
  const criticalErrors = values(CRITICAL_ERRORS);
  const rulePrefixes = [...new Set(RULE_IDS.map((r) => `${r.slice(0, r.indexOf('.'))}.`))];

  const scenario = list([
    ['`formatVersion`', values([FORMAT_VERSION])],
    ['`difficulty`', values(DIFFICULTIES)],
    ['`callTypes`, `cad.autoFlag.callType`, `answerKey.callTypes`', callTypes],
    ['`review.status`', values(REVIEW_STATUSES)],
    ['`review.reviewer.credential`', values(CREDENTIALS)],
    [
      '`caller.voice` (`audio/voices.json`)',
      `${values(callerVoices)}${counselorVoices.length ? `; ${are(counselorVoices)} the crisis counselor's own` : ''}`,
    ],
    ['`cad.locationConfidence`', values(CadContext.shape.locationConfidence.options)],
    [
      '`cad.callerRelationship`',
      values(CALLER_RELATIONSHIPS, (v) =>
        v === 'self' ? 'the caller is the person the call is about' : undefined,
      ),
    ],
    ["`facts.present`, every line's `reveals`", facts],
    ["every line's `emotion`", `${values(EMOTIONS)}; ${and(DISTRESSED)} ask for de-escalation`],
    ["a state's `end`", values([CallerState.shape.end.unwrap().value])],
    ["a response's `on.type`", values(typesOf(ActionMatch.options))],
    ["a response's `on.resource`, `on.to`", resources],
    ['`answerKey.disposition`, `answerKey.alternatives`', values(DISPOSITIONS)],
    ['`answerKey.priority`', priority],
    ['`answerKey.criticalErrors[].kind`', criticalErrors],
    [
      '`answerKey.rationale.routingByModel` keys (dispatch models)',
      `${described(DispatchModel.options.map((m) => [m, DISPATCH_MODELS[m]] as const))}`,
    ],
    [
      '`sources[].ref`, `answerKey.sources[].ref`',
      `a named public protocol or publication, or one of these seed anchors:${described(Object.entries(SEED_ANCHORS))}`,
    ],
  ]);

  const script = list([
    ['`type`', values(typesOf(ScriptedAction.options))],
    ['`resource` (in `dispatch`, `cancel`)', values(UNIT_RESOURCES, labelled(RESOURCE_NAMES))],
    ['`to` (in `brief`, `transfer`)', values(TRANSFER_RESOURCES, labelled(RESOURCE_NAMES))],
    ['`callType` (in `code`)', callTypes],
    ['`priority` (in `priority`)', values(priorities)],
    ['`expect[].criticalErrors`', criticalErrors],
    [
      '`expect[].profiles`, `scenario play --profile` (the bundled center profiles)',
      described(profiles.map((p) => [p.id, p.name])),
    ],
    ['`expect[].level`', values(LEVEL_IDS, labelled(Object.fromEntries(LEVELS.map((l) => [l.id, l.label]))))],
    [
      '`expect[].loses`, `expect[].keeps`',
      `${values(RULE_IDS)}, or a prefix naming several: ${values(rulePrefixes)}`,
    ],
  ]);

  const bank = list([
    ['`questions[].group`', values(QUESTION_GROUPS)],
    ['`questions[].screens`', facts],
  ]);

  return [
    '**Scenario files:**',
    '',
    scenario,
    '',
    '**Scripted attempts** (each action, and `expect`; see [Scripted attempts](#scripted-attempts)):',
    '',
    script,
    '',
    '**The question bank** (`scenarios/questions.json`):',
    '',
    bank,
  ].join('\n');
}
