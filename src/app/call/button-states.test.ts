import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { CallSession } from '$core/engine/session';
import type { ClockTime } from '$core/format/vocabulary';
import { scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { actionCatalog } from './action-catalog';
import { buttonStates, shownButtons } from './button-states';

const sessions: CallSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
});

/** A call of the test scenario at the embedded-clinician center (clinician staffed 06:00–22:00). */
function call(callTime: ClockTime = '14:00') {
  const clock = new SimulatedClock();
  const session = new CallSession(scenario(), clock);
  sessions.push(session);
  const buttons = actionCatalog(bundledQuestions(), profile('embedded-clinician-day'), callTime);
  return {
    session,
    clock,
    states: () => buttonStates(buttons, session),
    shown: () => shownButtons(buttons, buttonStates(buttons, session)).map((b) => b.id),
  };
}

describe('buttonStates', () => {
  it('while the line rings, only Answer and the keyboard helpers can be pressed', () => {
    const { states } = call();
    expect([...states().enabled].sort()).toEqual(['call:answer', 'ui:code', 'ui:notes', 'ui:replay']);
    expect(states().used.size).toBe(0);
  });

  it('once answered: questions, phrases, priority, routing and End, but not Answer or Call back', () => {
    const { session, states } = call();
    session.send({ type: 'answer' });
    const { enabled } = states();
    for (const id of [
      'ask:safety.weapon',
      'ask:case.address',
      'calm:calm.acknowledge',
      'priority:1',
      'dispatch:police',
      'brief:embedded-clinician',
      'transfer:crisis-line',
      'call:end',
    ]) {
      expect(enabled.has(id), id).toBe(true);
    }
    expect(enabled.has('call:answer')).toBe(false);
    expect(enabled.has('call:callback')).toBe(false);
  });

  it('keeps an off-duty resource disabled although the call would take the transfer', () => {
    const { session, states } = call('02:00');
    session.send({ type: 'answer' });
    expect(session.can({ type: 'transfer', to: 'embedded-clinician' })).toBe(true);
    expect(states().enabled.has('transfer:embedded-clinician')).toBe(false);
    expect(states().enabled.has('brief:embedded-clinician')).toBe(false);
    expect(states().enabled.has('transfer:crisis-line')).toBe(true);
  });

  it('after the caller hangs up, offers Call back and End, and no more questions', () => {
    const { session, clock, states } = call();
    session.send({ type: 'answer' });
    clock.increment(30_000);
    expect(session.phase).toBe('disconnected');
    const { enabled } = states();
    expect(enabled.has('call:callback')).toBe(true);
    expect(enabled.has('call:end')).toBe(true);
    expect(enabled.has('ask:case.address')).toBe(false);
    expect(enabled.has('call:answer')).toBe(false);
  });

  it('shows every question, phrase and routing step taken as done, and only the priority in force', () => {
    const { session, states } = call();
    session.send({ type: 'answer' });
    session.send({ type: 'ask', question: 'case.address' });
    session.send({ type: 'deescalate', phrase: 'calm.acknowledge' });
    session.send({ type: 'priority', priority: 2 });
    session.send({ type: 'ask', question: 'safety.weapon' });
    session.send({ type: 'note', text: 'alone at home' });
    session.send({ type: 'dispatch', resource: 'police' });
    session.send({ type: 'brief', to: 'crisis-line' });
    session.send({ type: 'priority', priority: 3 });
    expect([...states().used].sort()).toEqual([
      'ask:case.address',
      'ask:safety.weapon',
      'brief:crisis-line',
      'calm:calm.acknowledge',
      'dispatch:police',
      'priority:3',
    ]);
  });

  it('shows a cancel button for each unit on its way, and none once it is called off', () => {
    const { session, states, shown } = call();
    session.send({ type: 'answer' });
    expect(shown().filter((id) => id.startsWith('cancel:'))).toEqual([]);
    session.send({ type: 'dispatch', resource: 'police' });
    session.send({ type: 'dispatch', resource: 'ems' });
    expect(shown().filter((id) => id.startsWith('cancel:'))).toEqual(['cancel:police', 'cancel:ems']);
    session.send({ type: 'cancel', resource: 'police' });
    expect(shown().filter((id) => id.startsWith('cancel:'))).toEqual(['cancel:ems']);
    // Called off, police no longer shows as sent; sent again, it does.
    expect(states().used.has('dispatch:police')).toBe(false);
    expect(states().used.has('dispatch:ems')).toBe(true);
    session.send({ type: 'dispatch', resource: 'police' });
    expect(states().used.has('dispatch:police')).toBe(true);
  });

  it('shows "Take the caller back" only while the handoff is in progress', () => {
    const { session, clock, states, shown } = call();
    session.send({ type: 'answer' });
    session.send({ type: 'ask', question: 'case.address' });
    session.send({ type: 'ask', question: 'safety.weapon' });
    expect(shown()).not.toContain('call:recall');
    session.send({ type: 'transfer', to: 'embedded-clinician' });
    expect(shown()).toContain('call:recall');
    expect(states().used.has('transfer:embedded-clinician')).toBe(true);
    session.send({ type: 'recall' });
    expect(shown()).not.toContain('call:recall');
    // Taken back, the transfer no longer shows as made.
    expect(states().used.has('transfer:embedded-clinician')).toBe(false);
    session.send({ type: 'transfer', to: 'embedded-clinician' });
    clock.increment(10_000);
    expect(session.phase).toBe('handedOff');
    expect(shown()).not.toContain('call:recall');
  });

  it('shows the line buttons only when they can be pressed: Answer while ringing, End once connected', () => {
    const { session, shown } = call();
    expect(shown().filter((id) => id.startsWith('call:'))).toEqual(['call:answer']);
    session.send({ type: 'answer' });
    expect(shown().filter((id) => id.startsWith('call:'))).toEqual(['call:end']);
  });
});
