import type { TraineeAction } from '$core/engine/events';
import type { CenterProfile } from '$core/format/profile';
import { questionText, type QuestionBank, type QuestionGroup } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { isTransferResource, type ClockTime, type Resource } from '$core/format/vocabulary';
import { withinHours } from '$core/profiles/hours';

/** A key as KeyboardEvent.code plus modifiers, and how it is shown on the button. */
export interface KeyBinding {
  code: string;
  shift?: boolean;
  alt?: boolean;
  label: string;
}

export type UiCommand = { type: 'focus'; target: 'notes' | 'code' } | { type: 'replay' };

export type ButtonGroup = QuestionGroup | 'deescalate' | 'priority' | 'routing' | 'cancel' | 'call';

/** Actions taken with a button; notes and the call type are typed or chosen in the case entry. */
export type ButtonAction = Exclude<TraineeAction, { type: 'note' } | { type: 'code' }>;

export interface ActionButton {
  id: string;
  group: ButtonGroup;
  label: string;
  /** Longer text shown as the button's description (the exact words the trainee says). */
  detail?: string;
  key?: KeyBinding;
  command: { kind: 'action'; action: ButtonAction } | { kind: 'ui'; command: UiCommand };
  /** Why the button is not usable at this center and time, if it is not. */
  unavailable?: string;
  /**
   * Shown only while it can be pressed: a moment of the line (answer, call back, take the caller
   * back) or a unit to call off, which means nothing before the unit is on its way.
   */
  whenPossible?: true;
}

export function isButtonAction(action: TraineeAction): action is ButtonAction {
  return action.type !== 'note' && action.type !== 'code';
}

/**
 * The id of the button that takes this action. The catalog names its buttons with it, so an action
 * in the log finds its button (to show it done) without a second spelling of the ids.
 */
export function buttonIdOf(action: ButtonAction): string {
  switch (action.type) {
    case 'ask':
      return `ask:${action.question}`;
    case 'deescalate':
      return `calm:${action.phrase}`;
    case 'priority':
      return `priority:${action.priority}`;
    case 'brief':
      return `brief:${action.to}`;
    case 'transfer':
      return `transfer:${action.to}`;
    case 'dispatch':
      return `dispatch:${action.resource}`;
    case 'cancel':
      return `cancel:${action.resource}`;
    case 'recall':
      return 'call:recall';
    case 'answer':
    case 'callback':
    case 'end':
      return `call:${action.type}`;
  }
}

function actionButton(action: ButtonAction, button: Omit<ActionButton, 'id' | 'command'>): ActionButton {
  return { id: buttonIdOf(action), command: { kind: 'action', action }, ...button };
}

function plain(label: string): KeyBinding {
  return { code: /^\d$/.test(label) ? `Digit${label}` : `Key${label}`, label };
}
const shifted = (label: string): KeyBinding => ({ ...plain(label), shift: true, label: `Shift+${label}` });
const alted = (label: string): KeyBinding => ({ ...plain(label), alt: true, label: `Alt+${label}` });
const altShifted = (label: string): KeyBinding => ({
  ...plain(label),
  alt: true,
  shift: true,
  label: `Alt+Shift+${label}`,
});

/**
 * Each group of questions and phrasings has a row of the keyboard: its first keys plain, and the
 * same keys with Alt for the questions after them (the ninth safety question is Alt+Q, the seventh
 * clinical one Alt+A). A bank with more questions than a row holds leaves the rest without a key.
 * Alt+C and Alt+L (briefing) sit outside these rows, so the two never meet.
 */
const ROWS: Record<QuestionGroup | 'deescalate', { keys: string[]; second: boolean }> = {
  'case-entry': { keys: ['1', '2', '3', '4', '5'], second: false },
  'safety-screen': { keys: ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I'], second: true },
  'clinical-screen': { keys: ['A', 'S', 'D', 'F', 'G', 'H'], second: true },
  deescalate: { keys: ['Z', 'X', 'C', 'V', 'B'], second: false },
};

/** The shortcut of the `index`-th question (or phrasing) of a group, if it has one. */
export function rowKey(group: QuestionGroup | 'deescalate', index: number): KeyBinding | undefined {
  const { keys, second } = ROWS[group];
  const first = keys[index];
  if (first) return plain(first);
  const again = second ? keys[index - keys.length] : undefined;
  return again ? alted(again) : undefined;
}

/**
 * Routing keys: Shift + the resource's letter; briefing a counselor: Alt + the same letter; calling
 * a unit off: Alt+Shift + the same letter.
 */
const RESOURCE_KEYS: Record<Resource, string> = {
  police: 'P',
  fire: 'F',
  ems: 'E',
  'embedded-clinician': 'C',
  'crisis-line': 'L',
  'mobile-crisis': 'M',
  'co-responder': 'O',
};

const CALL_KEYS = {
  answer: { code: 'Space', label: 'Space' },
  end: { code: 'KeyH', shift: true, label: 'Shift+H' },
  recall: shifted('R'),
  notes: plain('N'),
  code: plain('J'),
  replay: plain('P'),
} satisfies Record<string, KeyBinding>;

/**
 * What a question or phrase button shows: its short label where the bank gives one (so the whole
 * position fits one screen), with the words actually said as the button's description.
 */
function spoken(item: { text: string; label?: string | undefined }): Pick<ActionButton, 'label' | 'detail'> {
  return item.label ? { label: item.label, detail: item.text } : { label: item.text };
}

/** Every button of the call-taking position for this center, with its keyboard shortcut. */
export function actionCatalog(
  bank: QuestionBank,
  profile: CenterProfile,
  callTime: ClockTime,
  /** The call's scenario: a question is worded for its caller (see `questionText`). */
  scenario?: Scenario,
): ActionButton[] {
  const buttons: ActionButton[] = [];
  const counters: Record<string, number> = {};
  for (const q of bank.questions) {
    const index = (counters[q.group] = (counters[q.group] ?? -1) + 1);
    const key = rowKey(q.group, index);
    buttons.push(
      actionButton(
        { type: 'ask', question: q.id },
        {
          group: q.group,
          ...spoken({ text: questionText(q, scenario), label: q.label }),
          ...(key ? { key } : {}),
        },
      ),
    );
  }
  bank.phrases.forEach((p, i) => {
    const key = rowKey('deescalate', i);
    buttons.push(
      actionButton(
        { type: 'deescalate', phrase: p.id },
        { group: 'deescalate', ...spoken(p), ...(key ? { key } : {}) },
      ),
    );
  });
  profile.priorityLabels.forEach((label, i) => {
    buttons.push(
      actionButton(
        { type: 'priority', priority: i + 1 },
        { group: 'priority', label, key: { code: `Digit${i + 1}`, shift: true, label: `Shift+${i + 1}` } },
      ),
    );
  });
  for (const r of profile.resources) {
    const letter = RESOURCE_KEYS[r.resource];
    const offDuty = withinHours(r.hours, callTime)
      ? undefined
      : `Off duty at ${callTime} (staffed ${r.hours?.from}–${r.hours?.to})`;
    const availability = offDuty ? { unavailable: offDuty } : {};
    if (isTransferResource(r.resource)) {
      buttons.push(
        actionButton(
          { type: 'brief', to: r.resource },
          {
            group: 'routing',
            label: `Brief: ${r.label}`,
            detail: 'Tell the counselor about the call before the caller joins.',
            key: alted(letter),
            ...availability,
          },
        ),
        actionButton(
          { type: 'transfer', to: r.resource },
          {
            group: 'routing',
            label: `Transfer: ${r.label}`,
            detail: 'Bring the caller in; stay on the line until the counselor has them.',
            key: shifted(letter),
            ...availability,
          },
        ),
      );
    } else {
      buttons.push(
        actionButton(
          { type: 'dispatch', resource: r.resource },
          { group: 'routing', label: `Dispatch: ${r.label}`, key: shifted(letter), ...availability },
        ),
      );
    }
  }
  // Calling a unit off: one button per unit, shown once it is on its way (a unit already sent can
  // be called off whatever its hours say).
  for (const r of profile.resources) {
    if (isTransferResource(r.resource)) continue;
    buttons.push(
      actionButton(
        { type: 'cancel', resource: r.resource },
        {
          group: 'cancel',
          label: `Cancel ${r.label}`,
          detail: 'Call the unit off: it is no longer needed, or it was sent by mistake.',
          key: altShifted(RESOURCE_KEYS[r.resource]),
          whenPossible: true,
        },
      ),
    );
  }
  buttons.push(
    actionButton(
      { type: 'answer' },
      { group: 'call', label: 'Answer', key: CALL_KEYS.answer, whenPossible: true },
    ),
    actionButton(
      { type: 'callback' },
      { group: 'call', label: 'Call back', key: CALL_KEYS.answer, whenPossible: true },
    ),
    actionButton(
      { type: 'recall' },
      {
        group: 'call',
        label: 'Take the caller back',
        detail: 'Recall the transfer: the counselor does not have the caller yet.',
        key: CALL_KEYS.recall,
        whenPossible: true,
      },
    ),
    actionButton(
      { type: 'end' },
      { group: 'call', label: 'End call / release', key: CALL_KEYS.end, whenPossible: true },
    ),
    {
      id: 'ui:notes',
      group: 'call',
      label: 'Notes',
      key: CALL_KEYS.notes,
      command: { kind: 'ui', command: { type: 'focus', target: 'notes' } },
    },
    {
      id: 'ui:code',
      group: 'call',
      label: 'Call type',
      key: CALL_KEYS.code,
      command: { kind: 'ui', command: { type: 'focus', target: 'code' } },
    },
    {
      id: 'ui:replay',
      group: 'call',
      label: 'Replay last line',
      key: CALL_KEYS.replay,
      command: { kind: 'ui', command: { type: 'replay' } },
    },
  );
  return buttons;
}

export interface KeyPress {
  code: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * The buttons a key press means. Several can share a key when only one can apply at a time
 * (Space answers a ringing line and calls back a dead one); the caller picks the one possible now.
 */
export function buttonsForKey(press: KeyPress, buttons: readonly ActionButton[]): ActionButton[] {
  if (press.ctrlKey || press.metaKey) return [];
  return buttons.filter(
    (b) =>
      b.key && b.key.code === press.code && !!b.key.shift === press.shiftKey && !!b.key.alt === press.altKey,
  );
}
