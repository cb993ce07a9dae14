import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { CallSession } from '$core/engine/session';
import { scenario } from '$tests/support/factories';
import { caseEntry } from './case-entry';

describe('caseEntry', () => {
  it('is empty until the trainee enters something', () => {
    const session = new CallSession(scenario(), new SimulatedClock());
    session.send({ type: 'answer' });
    expect(caseEntry(session.log)).toEqual({ callType: undefined, priority: undefined, notes: [] });
    session.stop();
  });

  it('shows the call type and priority chosen last, and every note in order', () => {
    const session = new CallSession(scenario(), new SimulatedClock());
    session.send({ type: 'answer' });
    session.send({ type: 'note', text: 'brother texting' });
    session.send({ type: 'code', callType: 'welfare-check' });
    session.send({ type: 'priority', priority: 2 });
    session.send({ type: 'ask', question: 'safety.weapon' });
    session.send({ type: 'note', text: 'no weapons' });
    session.send({ type: 'code', callType: 'suicidal-ideation' });
    session.send({ type: 'priority', priority: 3 });
    expect(caseEntry(session.log)).toEqual({
      callType: 'suicidal-ideation',
      priority: 3,
      notes: ['brother texting', 'no weapons'],
    });
    session.stop();
  });
});
