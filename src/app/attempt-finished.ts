/**
 * The call position (call/call-controller.svelte.ts) announces each attempt it has just stored as
 * finished by dispatching this event on the window, with the attempt's id as its detail. It holds
 * no reference to the app state; the app state listens and applies what follows from a call's end
 * (AppState.onAttemptFinished). The name is spelt out there: keep the two the same.
 */
export const ATTEMPT_FINISHED = 'attempt-finished';

/** Calls `listener` with the id of every attempt announced as finished on `target`. Returns a function that stops listening. */
export function listenForFinishedAttempts(
  target: EventTarget,
  listener: (attemptId: string) => void,
): () => void {
  const handle = (event: Event) => {
    if (event instanceof CustomEvent && typeof event.detail === 'string') listener(event.detail);
  };
  target.addEventListener(ATTEMPT_FINISHED, handle);
  return () => target.removeEventListener(ATTEMPT_FINISHED, handle);
}
