import type { LogEntry, TraineeAction } from '$core/engine/events';

/**
 * The coach's steps for the guided first call, in order. Each teaches a part of the screen and its
 * keys, and is done when the call's log shows the trainee did it. The rules a step states are the
 * seeds' (seed 001, Decision 5), not the coach's own.
 *
 * In a step's text, `{button-id}` stands for that button's key (its id in call/action-catalog.ts),
 * so the coach shows the keys the position really has.
 */
export interface CoachStep {
  id: string;
  heading: string;
  text: string;
  /** Where the rule the step states comes from, in words. */
  source?: string;
  done: (actions: readonly TraineeAction[]) => boolean;
}

const did = (type: TraineeAction['type']) => (actions: readonly TraineeAction[]) =>
  actions.some((a) => a.type === type);
const asked =
  (...questions: string[]) =>
  (actions: readonly TraineeAction[]) =>
    questions.every((q) => actions.some((a) => a.type === 'ask' && a.question === q));

export const TUTORIAL_STEPS: readonly CoachStep[] = [
  {
    id: 'answer',
    heading: 'A call is ringing',
    text: 'The line bar at the top shows the call ringing and its timer. Answer it: press {call:answer}.',
    done: did('answer'),
  },
  {
    id: 'address',
    heading: 'Where is the emergency?',
    text: 'The caller’s words appear in the transcript. The CAD panel shows the number and address the phone system reports: confirm the address with the caller. Press {ask:case.address}.',
    done: asked('case.address'),
  },
  {
    id: 'case-entry',
    heading: 'Case entry',
    text: 'Ask for the callback number, {ask:case.callback}, and what happened, {ask:case.what-happened}. Each question button shows its key.',
    source: 'Austin’s call-takers start with “our standard case entry questions” (seed 001, Decision 5).',
    done: asked('case.callback', 'case.what-happened'),
  },
  {
    id: 'note',
    heading: 'Take a note',
    text: 'Press {ui:notes}, type what you heard, Enter to add it, then Esc to come back to the position.',
    done: did('note'),
  },
  {
    id: 'code',
    heading: 'Call type',
    text: 'Press {ui:code}, choose the call type that fits what you heard, Enter, then Esc.',
    done: did('code'),
  },
  {
    id: 'safety',
    heading: 'Safety screen',
    text: 'Before any routing, screen for safety: a weapon, {ask:safety.weapon}; anyone threatened or in danger, {ask:safety.danger-to-others}; anyone hurt, or anything taken, {ask:safety.medical}.',
    source:
      'Austin’s call-takers ask “does the person have a weapon and is there any danger?” before any mental-health response (seed 001, Decision 5).',
    done: asked('safety.weapon', 'safety.danger-to-others', 'safety.medical'),
  },
  {
    id: 'priority',
    heading: 'Priority',
    text: 'Set the priority with Shift and a number, 1 the most urgent: {priority:1} for priority 1.',
    source:
      'Albuquerque’s 1–5 scale makes active safety threats Priority 1 and keeps them with police (seed 001, Decision 5).',
    done: did('priority'),
  },
  {
    id: 'route',
    heading: 'Route the call',
    text: 'A weapon and a threat keep a call with police at every center here: send police, {dispatch:police}. Routing keys are Shift and the unit’s letter.',
    source:
      'Durham’s HEART program excludes “anything with a weapon or threat of violence” (seed 001, Decision 5).',
    done: (actions) => actions.some((a) => a.type === 'dispatch' || a.type === 'transfer'),
  },
  {
    id: 'end',
    heading: 'End the call',
    text: 'Police are on the way. Release the line: press {call:end}. The debrief that follows shows what you did and what the answer key expects.',
    done: did('end'),
  },
];

/** The trainee's actions so far, in order. */
export function actionsIn(log: readonly LogEntry[]): TraineeAction[] {
  return log.flatMap((e) => (e.kind === 'trainee' ? [e.action] : []));
}

/** The step to show: the first not yet done (steps done out of order count), or undefined when all are. */
export function currentStep(
  log: readonly LogEntry[],
  steps: readonly CoachStep[] = TUTORIAL_STEPS,
): { index: number; step: CoachStep } | undefined {
  const actions = actionsIn(log);
  const index = steps.findIndex((s) => !s.done(actions));
  return index === -1 ? undefined : { index, step: steps[index]! };
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'key'; label: string };

/**
 * A step's text in parts, each `{button-id}` as that button's key. A button the position lacks
 * (another center's unit) or one without a key is named in words instead.
 */
export function textParts(
  text: string,
  buttons: readonly { id: string; label: string; key?: { label: string } }[],
): TextPart[] {
  const parts: TextPart[] = [];
  let rest = text;
  for (let match = /\{([^}]+)\}/.exec(rest); match; match = /\{([^}]+)\}/.exec(rest)) {
    if (match.index > 0) parts.push({ kind: 'text', text: rest.slice(0, match.index) });
    const button = buttons.find((b) => b.id === match![1]);
    if (button?.key) parts.push({ kind: 'key', label: button.key.label });
    else parts.push({ kind: 'text', text: button ? `“${button.label}”` : 'its button' });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) parts.push({ kind: 'text', text: rest });
  return parts;
}
