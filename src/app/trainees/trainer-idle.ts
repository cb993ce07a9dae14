/** Trainer mode ends by itself after this long without a key or pointer press: a trainer who walks away does not leave it on. */
export const TRAINER_IDLE_MS = 15 * 60_000;

const ACTIVITY = ['keydown', 'pointerdown'] as const;

/**
 * Calls `onIdle` once `idleMs` pass with no key or pointer press on `target`. Returns a function
 * that stops watching (call it when trainer mode ends some other way).
 */
export function watchTrainerIdle(
  target: EventTarget,
  onIdle: () => void,
  idleMs: number = TRAINER_IDLE_MS,
): () => void {
  let timer = setTimeout(onIdle, idleMs);
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, idleMs);
  };
  for (const type of ACTIVITY) target.addEventListener(type, restart, { capture: true, passive: true });
  return () => {
    clearTimeout(timer);
    for (const type of ACTIVITY) target.removeEventListener(type, restart, { capture: true });
  };
}
