import type { LogEntry, TraineeAction } from '$core/engine/events';
import { buttonIdOf, isButtonAction, type ActionButton } from './action-catalog';

/** The call as the position's buttons see it: what was done, and what it would accept now. */
export interface CallForButtons {
  readonly log: readonly LogEntry[];
  can(action: TraineeAction): boolean;
}

/** What each button of the catalog shows at this moment of the call, by button id. */
export interface ButtonStates {
  /** Can be pressed now: its action is possible, or it only moves the keyboard (notes, replay). */
  enabled: ReadonlySet<string>;
  /** Done and still standing: each question asked, phrase used, routing step taken; the priority in force. */
  used: ReadonlySet<string>;
}

export const NO_BUTTON_STATES: ButtonStates = { enabled: new Set(), used: new Set() };

/** A button off duty at this center and time is never enabled, whatever the call would accept. */
export function buttonStates(buttons: readonly ActionButton[], call: CallForButtons): ButtonStates {
  const enabled = new Set<string>();
  for (const b of buttons) {
    if (b.unavailable) continue;
    if (b.command.kind === 'ui' || call.can(b.command.action)) enabled.add(b.id);
  }
  return { enabled, used: usedButtons(call.log) };
}

/**
 * The buttons the position shows: all of them, except those that mean something only while they
 * can be pressed (answer, call back, take the caller back, end, call a unit off), which show then.
 */
export function shownButtons(buttons: readonly ActionButton[], states: ButtonStates): ActionButton[] {
  return buttons.filter((b) => !b.whenPossible || states.enabled.has(b.id));
}

const LINE_ACTIONS: ReadonlySet<TraineeAction['type']> = new Set(['answer', 'callback', 'end', 'recall']);

function usedButtons(log: readonly LogEntry[]): Set<string> {
  const used = new Set<string>();
  // A later priority replaces the earlier one: only the one in force shows as set.
  let priority: string | undefined;
  // The transfer in progress, which a recall undoes.
  let transfer: string | undefined;
  for (const entry of log) {
    if (entry.kind !== 'trainee' || !isButtonAction(entry.action)) continue;
    const action = entry.action;
    // A unit called off is no longer sent; a transfer taken back no longer made.
    if (action.type === 'cancel') used.delete(buttonIdOf({ type: 'dispatch', resource: action.resource }));
    if (action.type === 'recall' && transfer) used.delete(transfer);
    // Answering, calling back, taking back and ending are moments of the line, not steps that
    // stay done; a cancel shows as its unit no longer marked sent.
    if (LINE_ACTIONS.has(action.type) || action.type === 'cancel') continue;
    const id = buttonIdOf(action);
    if (action.type === 'priority') priority = id;
    else used.add(id);
    if (action.type === 'transfer') transfer = id;
  }
  if (priority) used.add(priority);
  return used;
}
