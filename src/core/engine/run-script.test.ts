import { describe, expect, it } from 'vitest';
import { DEFAULT_GAP_SECONDS, type ScriptedAction } from '../format/actions';
import type { Scenario, ScenarioInput } from '../format/scenario';
import { line, scenario, scenarioInput } from '$tests/support/factories';
import { HANDOFF_ACCEPT_MS } from './compile';
import type { LogEntry } from './events';
import { runScript } from './run-script';

const trainee = (log: readonly LogEntry[]) =>
  log.flatMap((e) => (e.kind === 'trainee' ? [{ type: e.action.type, at: e.at, state: e.state }] : []));
const systemAt = (log: readonly LogEntry[], event: string) =>
  log.flatMap((e) => (e.kind === 'system' && e.event === event ? [e.at] : []));

function withStates(states: ScenarioInput['states']): Scenario {
  return scenario({ states: { ...scenarioInput().states, ...states } });
}

/** The screened caller's route to a handoff that the factory scenario accepts. */
const TO_HANDOFF: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'ask', question: 'case.address' },
  { type: 'transfer', to: 'embedded-clinician' },
];

describe('runScript timing', () => {
  it('uses the default 3 s gap between actions without `at`, the first at 0', () => {
    expect(DEFAULT_GAP_SECONDS).toBe(3);
    const run = runScript(scenario(), [
      { type: 'answer' },
      { type: 'note', text: 'sister calling' },
      { type: 'ask', question: 'safety.weapon' },
    ]);
    expect(trainee(run.log).map((a) => a.at)).toEqual([0, 3_000, 6_000]);
    expect(run.rejected).toEqual([]);
  });

  it('places actions with `at` at that many seconds on the call clock', () => {
    const run = runScript(scenario(), [
      { type: 'answer', at: 5 },
      { type: 'ask', question: 'safety.weapon', at: 12.5 },
      { type: 'note', text: 'next' },
    ]);
    expect(trainee(run.log)).toEqual([
      { type: 'answer', at: 5_000, state: 'ringing' },
      { type: 'ask', at: 12_500, state: 'opening' },
      { type: 'note', at: 15_500, state: 'screened' },
    ]);
  });

  it('the first action may come later than the first ring', () => {
    const run = runScript(scenario(), [{ type: 'answer', at: 8 }]);
    expect(run.log[0]).toMatchObject({ kind: 'trainee', at: 8_000 });
  });

  it('never moves the clock backwards for an `at` in the past', () => {
    const run = runScript(scenario(), [
      { type: 'answer', at: 10 },
      { type: 'note', text: 'late entry', at: 2 },
    ]);
    expect(trainee(run.log).map((a) => a.at)).toEqual([10_000, 10_000]);
  });

  it('timed events fire between actions spaced far enough apart', () => {
    const run = runScript(scenario(), [{ type: 'answer' }, { type: 'note', text: 'thinking', at: 30 }]);
    expect(systemAt(run.log, 'timeout')).toEqual([30_000]);
    // The timer was due at 30 s, before the note at 30 s: the caller is gone by then.
    expect(trainee(run.log)[1]).toMatchObject({ type: 'note', state: 'hung-up' });
  });

  it('a caller who gets an answer in time does not time out', () => {
    const run = runScript(scenario(), [
      { type: 'answer' },
      { type: 'ask', question: 'safety.weapon', at: 29.999 },
      { type: 'note', text: 'screened', at: 120 },
    ]);
    expect(systemAt(run.log, 'timeout')).toEqual([]);
    expect(run.rejected).toEqual([]);
  });
});

describe('runScript wait', () => {
  it('lets the caller time out while the trainee stays silent', () => {
    const run = runScript(scenario(), [{ type: 'answer' }, { type: 'wait', seconds: 30 }]);
    expect(systemAt(run.log, 'timeout')).toEqual([30_000]);
    expect(systemAt(run.log, 'hangup')).toEqual([30_000]);
    expect(run.log.some((e) => e.kind === 'caller' && e.line.id === 'gone')).toBe(true);
    expect(run.ended).toBe(false);
  });

  it('is a step like any other: it starts the default gap after the previous action and lasts its seconds', () => {
    const run = runScript(scenario(), [
      { type: 'answer' },
      { type: 'wait', seconds: 10 },
      { type: 'note', text: 'after the wait' },
      { type: 'wait', seconds: 5, at: 40 },
      { type: 'note', text: 'after the second wait' },
    ]);
    // answer 0; wait 3 → 13; note 16; wait 40 → 45; note 48.
    expect(trainee(run.log).map((a) => a.at)).toEqual([0, 16_000, 48_000]);
  });

  it('lets the counselor take the caller before the call-taker leaves', () => {
    const run = runScript(scenario(), [
      ...TO_HANDOFF,
      { type: 'wait', seconds: HANDOFF_ACCEPT_MS / 1000 },
      { type: 'end' },
    ]);
    expect(systemAt(run.log, 'handoff-started')).toEqual([9_000]);
    expect(systemAt(run.log, 'handoff-accepted')).toEqual([9_000 + HANDOFF_ACCEPT_MS]);
    expect(systemAt(run.log, 'handoff-dropped')).toEqual([]);
    expect(run.ended).toBe(true);
    expect(run.rejected).toEqual([]);
  });

  it('without the wait, leaving during the handoff drops it', () => {
    const run = runScript(scenario(), [...TO_HANDOFF, { type: 'end' }]);
    expect(systemAt(run.log, 'handoff-dropped')).toEqual([12_000]);
    expect(systemAt(run.log, 'handoff-accepted')).toEqual([]);
    expect(run.ended).toBe(true);
  });

  it('a long wait lets a chain of timed events fire, each when due', () => {
    // The caller gives up in two steps: 30 s after answering, then 10 s later hangs up.
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [{ afterSeconds: 30, say: [line('hello-q')], goto: 'waiting' }],
      },
      waiting: {
        lines: [line('waiting')],
        timeouts: [{ afterSeconds: 10, say: [line('gone')], goto: 'hung-up' }],
      },
    });
    const run = runScript(s, [{ type: 'answer' }, { type: 'wait', seconds: 60 }]);
    expect(systemAt(run.log, 'timeout')).toEqual([30_000, 40_000]);
    expect(systemAt(run.log, 'hangup')).toEqual([40_000]);
  });

  it('a chain of timed events also fires when the next action is far off', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [{ afterSeconds: 30, say: [line('hello-q')], goto: 'waiting' }],
      },
      waiting: {
        lines: [line('waiting')],
        timeouts: [{ afterSeconds: 10, say: [line('gone')], goto: 'hung-up' }],
      },
    });
    const run = runScript(s, [{ type: 'answer' }, { type: 'ask', question: 'safety.weapon', at: 60 }]);
    // The caller hung up at 40 s, so the question at 60 s cannot be put to them.
    expect(systemAt(run.log, 'hangup')).toEqual([40_000]);
    expect(run.rejected).toEqual([
      { index: 1, action: { type: 'ask', question: 'safety.weapon', at: 60 }, phase: 'disconnected' },
    ]);
  });
});

describe('runScript rejected actions', () => {
  it('reports each with its index in the script and the phase at the time, and does not log it', () => {
    const script: ScriptedAction[] = [
      { type: 'ask', question: 'case.address' },
      { type: 'answer' },
      { type: 'wait', seconds: 40 },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'answer' },
      { type: 'end' },
    ];
    const run = runScript(scenario(), script);
    expect(run.rejected).toEqual([
      { index: 0, action: script[0], phase: 'ringing' },
      { index: 3, action: script[3], phase: 'disconnected' },
      { index: 4, action: script[4], phase: 'disconnected' },
    ]);
    expect(trainee(run.log).map((a) => a.type)).toEqual(['answer', 'end']);
    expect(run.ended).toBe(true);
  });

  it('reports actions after the end as rejected in phase ended', () => {
    const script: ScriptedAction[] = [{ type: 'answer' }, { type: 'end' }, { type: 'note', text: 'after' }];
    const run = runScript(scenario(), script);
    expect(run.rejected).toEqual([{ index: 2, action: script[2], phase: 'ended' }]);
    expect(run.ended).toBe(true);
  });

  it('says the call did not end when the script leaves it open', () => {
    const run = runScript(scenario(), [{ type: 'answer' }, { type: 'ask', question: 'safety.weapon' }]);
    expect(run.ended).toBe(false);
    expect(run.rejected).toEqual([]);
  });

  it('returns a well-formed log', () => {
    const run = runScript(scenario({ callback: { say: [line('hello-again')], goto: 'screened' } }), [
      { type: 'answer' },
      { type: 'wait', seconds: 40 },
      { type: 'callback' },
      { type: 'ask', question: 'case.address' },
      { type: 'transfer', to: 'embedded-clinician' },
      { type: 'wait', seconds: 10 },
      { type: 'end' },
    ]);
    expect(run.rejected).toEqual([]);
    expect(run.log.map((e) => e.seq)).toEqual(run.log.map((_, i) => i));
    for (let i = 1; i < run.log.length; i++) {
      expect(run.log[i]!.at).toBeGreaterThanOrEqual(run.log[i - 1]!.at);
    }
    expect(systemAt(run.log, 'handoff-accepted')).toHaveLength(1);
  });
});
