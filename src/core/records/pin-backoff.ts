/**
 * Wrong-PIN backoff: a few tries free, then a wait that doubles with every further wrong PIN.
 * Kept per PIN (the trainer's, each trainee's) in the browser's storage, so a reload does not reset
 * it. With these figures, trying all 10,000 four-digit PINs through the app's form takes over a
 * year of waiting instead of about 40 minutes.
 */
export interface PinFailures {
  /** Wrong PINs in a row since the last right one. */
  count: number;
  /** Epoch ms before which no PIN is checked. */
  lockedUntil: number;
}

export const FREE_TRIES = 5;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 60 * 60_000;

/** How long to wait before the next PIN is checked (0: now). */
export function waitLeft(failures: PinFailures | undefined, now: number): number {
  return failures ? Math.max(0, failures.lockedUntil - now) : 0;
}

/** After one more wrong PIN. */
export function afterWrongPin(failures: PinFailures | undefined, now: number): PinFailures {
  const count = (failures?.count ?? 0) + 1;
  const over = count - FREE_TRIES;
  const wait = over < 0 ? 0 : Math.min(FIRST_WAIT_MS * 2 ** over, LONGEST_WAIT_MS);
  return { count, lockedUntil: now + wait };
}

/** A stored value that is not a PinFailures (damaged) counts as the most cautious one: a full wait. */
export function readFailures(value: unknown, now: number): PinFailures | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    typeof value === 'object' &&
    typeof (value as PinFailures).count === 'number' &&
    typeof (value as PinFailures).lockedUntil === 'number' &&
    Number.isFinite((value as PinFailures).lockedUntil)
  ) {
    const { count, lockedUntil } = value as PinFailures;
    // A lock further ahead than the longest wait was not set by afterWrongPin: hold it to the longest.
    return { count, lockedUntil: Math.min(lockedUntil, now + LONGEST_WAIT_MS) };
  }
  return { count: FREE_TRIES, lockedUntil: now + LONGEST_WAIT_MS };
}

/** "Too many wrong PINs: try again in 2 minutes." */
export function waitWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const when =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `Too many wrong PINs: no PIN is checked for ${when}. Each further wrong PIN doubles the wait.`;
}

/** Said after a wrong PIN: how many tries are left before a wait, or the wait. */
export function afterWrongWords(failures: PinFailures, now: number): string {
  const left = FREE_TRIES - failures.count;
  if (left > 0) return `${left} more ${left === 1 ? 'try' : 'tries'} before a wait.`;
  return waitWords(waitLeft(failures, now));
}
