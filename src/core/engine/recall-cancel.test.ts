import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { scenario } from '$tests/support/factories';
import { HANDOFF_ACCEPT_MS } from './compile';
import { CallSession } from './session';

function screenedCall() {
  const clock = new SimulatedClock();
  const session = new CallSession(scenario(), clock);
  session.send({ type: 'answer' });
  session.send({ type: 'ask', question: 'case.address' });
  session.send({ type: 'ask', question: 'safety.weapon' });
  return { clock, session };
}

describe('taking a caller back from a transfer', () => {
  it('returns the caller to where they were, without them repeating themselves', () => {
    const { clock, session } = screenedCall();
    const linesBefore = session.log.filter((e) => e.kind === 'caller').length;
    expect(session.send({ type: 'transfer', to: 'embedded-clinician' })).toBe(true);
    expect(session.phase).toBe('handoff');
    clock.increment(HANDOFF_ACCEPT_MS - 1000);
    expect(session.send({ type: 'recall' })).toBe(true);
    expect(session.phase).toBe('live');
    expect(session.callerState).toBe('screened');
    expect(session.log.filter((e) => e.kind === 'caller')).toHaveLength(linesBefore);
    // The counselor never takes over a recalled caller.
    clock.increment(HANDOFF_ACCEPT_MS * 2);
    expect(session.log.some((e) => e.kind === 'system' && e.event === 'handoff-accepted')).toBe(false);
    expect(session.send({ type: 'dispatch', resource: 'police' })).toBe(true);
    session.stop();
  });

  it('cannot recall once the counselor has the caller, or when nothing was transferred', () => {
    const { clock, session } = screenedCall();
    expect(session.can({ type: 'recall' })).toBe(false);
    session.send({ type: 'transfer', to: 'embedded-clinician' });
    clock.increment(HANDOFF_ACCEPT_MS + 100);
    expect(session.phase).toBe('handedOff');
    expect(session.send({ type: 'recall' })).toBe(false);
    session.stop();
  });
});

describe('cancelling a unit', () => {
  it('is possible only for a unit on its way, and once per dispatch', () => {
    const { session } = screenedCall();
    expect(session.send({ type: 'cancel', resource: 'police' })).toBe(false);
    session.send({ type: 'dispatch', resource: 'police' });
    expect(session.send({ type: 'cancel', resource: 'police' })).toBe(true);
    expect(session.send({ type: 'cancel', resource: 'police' })).toBe(false);
    session.send({ type: 'dispatch', resource: 'police' });
    expect(session.can({ type: 'cancel', resource: 'police' })).toBe(true);
    session.stop();
  });

  it('survives a save and restore', () => {
    const { clock, session } = screenedCall();
    session.send({ type: 'dispatch', resource: 'mobile-crisis' });
    const saved = session.save();
    session.stop();
    const restored = new CallSession(scenario(), clock, saved);
    expect(restored.send({ type: 'cancel', resource: 'mobile-crisis' })).toBe(true);
    restored.stop();
  });
});
