import { describe, expect, it } from 'vitest';
import type { LogEntry } from '$core/engine/events';
import type { TraineeAction } from '$core/engine/events';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { line, scenario, withStates } from '$tests/support/factories';
import { describeEntry } from './describe-entry';

const bank = bundledQuestions();
const center = profile('embedded-clinician-day');
const did = (action: TraineeAction): LogEntry => ({
  seq: 0,
  at: 0,
  state: 'opening',
  kind: 'trainee',
  action,
});
const words = (action: TraineeAction) => describeEntry(did(action), bank, center);

describe('describeEntry', () => {
  it('names units and counselors by the center’s own labels', () => {
    expect(words({ type: 'dispatch', resource: 'ems' })).toBe('Dispatched EMS');
    expect(words({ type: 'cancel', resource: 'police' })).toBe('Called off Police');
    expect(words({ type: 'transfer', to: 'crisis-line' })).toBe(
      'Transferred the caller to 988 crisis line (warm transfer)',
    );
    expect(words({ type: 'brief', to: 'embedded-clinician' })).toBe(
      'Briefed Center clinician (warm handoff) before bringing the caller in',
    );
    expect(words({ type: 'recall' })).toBe('Took the caller back from the transfer.');
  });

  it('quotes questions and phrasings from the bank, and never prints an id', () => {
    expect(words({ type: 'ask', question: 'safety.weapon' })).toBe(
      bank.questions.find((q) => q.id === 'safety.weapon')!.text,
    );
    expect(words({ type: 'ask', question: 'safety.gone-from-bank' })).toBe(
      'Asked a question no longer in the bank.',
    );
    expect(words({ type: 'deescalate', phrase: 'calm.gone' })).toBe('Used a phrasing no longer in the bank.');
  });

  it('gives the priority in the center’s own scale', () => {
    expect(describeEntry(did({ type: 'priority', priority: 1 }), bank, profile('dispatcher-routing'))).toBe(
      'Set the priority: P1 active safety threat',
    );
  });

  it('every action and system event reads without an internal id', () => {
    const ids = [
      ...center.resources.map((r) => r.resource),
      ...bank.questions.map((q) => q.id),
      ...bank.phrases.map((p) => p.id),
    ];
    const actions: TraineeAction[] = [
      { type: 'answer' },
      ...bank.questions.map((q): TraineeAction => ({ type: 'ask', question: q.id })),
      ...bank.phrases.map((p): TraineeAction => ({ type: 'deescalate', phrase: p.id })),
      ...center.resources.flatMap((r): TraineeAction[] => [
        { type: 'dispatch', resource: r.resource },
        { type: 'cancel', resource: r.resource },
        { type: 'transfer', to: r.resource },
        { type: 'brief', to: r.resource },
      ]),
      { type: 'priority', priority: 3 },
      { type: 'recall' },
      { type: 'callback' },
      { type: 'end' },
    ];
    for (const action of actions) {
      const text = words(action);
      for (const id of ids) expect(text.split(/[\s,.():]+/), `${action.type}: ${text}`).not.toContain(id);
    }
  });

  it('says what the caller was waiting for when time ran out: what would have moved them on', () => {
    const s = scenario();
    const timeout: LogEntry = { seq: 3, at: 30_000, state: 'opening', kind: 'system', event: 'timeout' };
    expect(describeEntry(timeout, bank, center, s)).toBe(
      `Time ran out while the caller waited for the question “${bank.questions.find((q) => q.id === 'safety.weapon')!.text}”.`,
    );
    // A state that answers only calming words.
    const calmOnly = withStates({
      opening: {
        lines: [line('open')],
        responses: [{ on: { type: 'deescalate' }, say: [line('calmer')] }],
        timeouts: [{ afterSeconds: 20, say: [line('gone')], goto: 'hung-up' }],
      },
    });
    expect(describeEntry(timeout, bank, center, calmOnly)).toBe(
      'Time ran out while the caller waited for calming words.',
    );
  });

  it('puts a question to a caller about themselves in their own words, and to a third party in theirs', () => {
    const ask: LogEntry = {
      seq: 2,
      at: 9_000,
      state: 'opening',
      kind: 'trainee',
      action: { type: 'ask', question: 'safety.self-harm-plan' },
    };
    const thirdParty = scenario();
    const self = scenario({ cad: { ...thirdParty.cad, callerRelationship: 'self' } });
    expect(describeEntry(ask, bank, center, thirdParty)).toBe('Have they said how they would do it?');
    expect(describeEntry(ask, bank, center, self)).toBe('Have you thought about how you would do it?');
    // A question without a wording of its own for self-callers reads the same to both.
    const weapon: LogEntry = { ...ask, action: { type: 'ask', question: 'safety.weapon' } };
    expect(describeEntry(weapon, bank, center, self)).toBe(describeEntry(weapon, bank, center, thirdParty));
  });
});
