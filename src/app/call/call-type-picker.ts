import { CALL_TYPE_LABELS, CALL_TYPES, type CallType } from '$core/format/vocabulary';

/** A call type as the picker lists it: the name a call-taker reads, and the code CAD records. */
export interface CallTypeOption {
  code: CallType;
  name: string;
}

/** Every call type, in the order of the vocabulary. */
export const CALL_TYPE_OPTIONS: readonly CallTypeOption[] = CALL_TYPES.map((code) => ({
  code,
  name: CALL_TYPE_LABELS[code],
}));

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * The call types a typed query matches: each word typed must begin a word of the name or of the
 * code ("wel ch" finds welfare-check, "od" nothing, "over" overdose). Those whose name begins with
 * the query come first, so the likeliest choice is the one highlighted; an empty query lists all.
 */
export function filterCallTypes(options: readonly CallTypeOption[], query: string): CallTypeOption[] {
  const typed = words(query);
  if (typed.length === 0) return [...options];
  const matches = options.filter((o) => {
    const own = [...words(o.name), ...words(o.code)];
    return typed.every((t) => own.some((w) => w.startsWith(t)));
  });
  const start = query.trim().toLowerCase();
  const leading = (o: CallTypeOption) =>
    o.name.toLowerCase().startsWith(start) || o.code.startsWith(start) ? 0 : 1;
  // Array.prototype.sort is stable: within each half the vocabulary order stays.
  return matches.sort((a, b) => leading(a) - leading(b));
}

export type HighlightKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/**
 * Where the highlight goes on an arrow key in a list of `count` options; -1 is "none". Down from
 * the last wraps to the first and Up from the first to the last, as the WAI-ARIA combobox pattern
 * allows; moving the highlight never chooses anything.
 */
export function moveHighlight(current: number, count: number, key: HighlightKey): number {
  if (count === 0) return -1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 || current >= count ? count - 1 : current - 1;
  }
}
