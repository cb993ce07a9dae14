import type { LogEntry } from '$core/engine/events';
import type { CallType } from '$core/format/vocabulary';

/** What the trainee has entered on the case so far, as the case-entry panel shows it. */
export interface CaseEntry {
  /** The call type chosen last; a later choice replaces an earlier one. */
  callType: CallType | undefined;
  /** The priority set last (1 is the highest). */
  priority: number | undefined;
  /** Every note, in the order added. */
  notes: string[];
}

export function caseEntry(log: readonly LogEntry[]): CaseEntry {
  const entry: CaseEntry = { callType: undefined, priority: undefined, notes: [] };
  for (const e of log) {
    if (e.kind !== 'trainee') continue;
    const a = e.action;
    if (a.type === 'code') entry.callType = a.callType;
    else if (a.type === 'priority') entry.priority = a.priority;
    else if (a.type === 'note') entry.notes.push(a.text);
  }
  return entry;
}
