import type { LogEntry } from '$core/engine/events';
import type { Phase } from '$core/engine/session';
import { DISTRESSED } from '$core/scoring/rubric';

/**
 * Practice-mode coaching: generic call-taking practice from the seeds, never the scenario's answer
 * (assessment shows none of it).
 */
export function practiceHints(log: readonly LogEntry[], phase: Phase): string[] {
  if (phase === 'ringing' || phase === 'ended') return [];
  if (phase === 'disconnected') {
    return ['The caller hung up. Call back (Space), and decide who still needs to go to the address.'];
  }
  if (phase === 'handoff') {
    const stay = 'Stay on the line until the counselor has the caller.';
    return newSinceTransfer(log)
      ? [
          stay,
          'The caller said something new after you started the transfer. If it changes who should respond, take the caller back (Shift+R) before the counselor has them.',
        ]
      : [stay];
  }
  // Nothing here may point toward a particular response: that is the call-taker's decision.
  if (phase === 'handedOff') return [];

  const hints: string[] = [];
  const trainee = log.filter((e) => e.kind === 'trainee').map((e) => e.action);
  const routed = trainee.some((a) => a.type === 'dispatch' || a.type === 'transfer');
  const screened = trainee.some((a) => a.type === 'ask' && a.question.startsWith('safety.'));
  if (!screened && !routed) {
    hints.push(
      'Before any routing: weapon? danger to others? medical emergency? crime in progress? (Q W E R)',
    );
  }

  const lastCaller = log.findLast((e) => e.kind === 'caller' && !e.unsaid);
  const lastCalm = log.findLast((e) => e.kind === 'trainee' && e.action.type === 'deescalate');
  if (
    lastCaller?.kind === 'caller' &&
    (DISTRESSED as readonly string[]).includes(lastCaller.line.emotion) &&
    (!lastCalm || lastCalm.seq < lastCaller.seq)
  ) {
    hints.push(
      `The caller sounds ${lastCaller.line.emotion}: acknowledge them and slow the call down (Z X C V B).`,
    );
  }

  if (screened && !routed && !trainee.some((a) => a.type === 'code')) {
    hints.push('Code the call by what is happening, not only by what the caller calls it (J).');
  }
  return hints;
}

/**
 * Did a caller line after the latest transfer bring out a fact? (Which one is not said: hearing it
 * is the call-taker's part.)
 */
function newSinceTransfer(log: readonly LogEntry[]): boolean {
  const transfer = log.findLast((e) => e.kind === 'trainee' && e.action.type === 'transfer');
  return (
    transfer !== undefined &&
    log.some((e) => e.kind === 'caller' && e.seq > transfer.seq && e.line.reveals.length > 0)
  );
}
