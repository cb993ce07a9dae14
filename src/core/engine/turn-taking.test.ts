import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import type { ScenarioInput } from '../format/scenario';
import { readKnowledge } from '../scoring/knowledge';
import { line, scenario, scenarioInput } from '$tests/support/factories';
import type { LogEntry, TraineeAction } from './events';
import { CallSession, type CallClock, type SavedCall } from './session';

const sessions: CallSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
});

/**
 * A call whose opening is two lines long and whose weapon answer reveals a knife on its second line;
 * `interruption` is how the caller takes being spoken over.
 */
function paced(
  interruption?: 'stops' | 'keeps-talking',
  saved?: SavedCall,
  clock: CallClock = new SimulatedClock(),
) {
  const base = scenarioInput();
  const states = base.states as Record<string, NonNullable<ScenarioInput['states']>[string]>;
  const s = scenario({
    caller: { ...base.caller, ...(interruption ? { whenInterrupted: interruption } : {}) },
    facts: { present: ['self-harm-ideation', 'weapon'], behavioralHealth: true, involved: ['brother, 34'] },
    states: {
      ...states,
      opening: {
        ...states.opening!,
        lines: [line('open', 'My brother keeps texting me.'), line('open-2', 'He says he wants to die.')],
        responses: [
          {
            on: { type: 'ask', question: 'safety.weapon' },
            say: [line('um', 'Um, hold on.'), line('knife', 'He has a knife.', { reveals: ['weapon'] })],
          },
          { on: { type: 'ask', question: 'case.address' }, say: [line('address', '12 Elm Street.')] },
          { on: { type: 'deescalate' }, say: [line('calmer', 'Okay. Okay.')] },
        ],
      },
    },
  });
  const session = new CallSession(s, clock, saved, { paced: true });
  sessions.push(session);
  return { session, clock: clock as SimulatedClock, scenario: s };
}

const ask = (question: string): TraineeAction => ({ type: 'ask', question });
const heard = (log: readonly LogEntry[]) =>
  log.flatMap((e) => (e.kind === 'caller' && !e.unsaid ? [`${e.line.id}@${e.at}`] : []));
const unsaid = (log: readonly LogEntry[]) =>
  log.flatMap((e) => (e.kind === 'caller' && e.unsaid ? [`${e.line.id}@${e.at}`] : []));
const asked = (log: readonly LogEntry[]) =>
  log.flatMap((e) =>
    e.kind === 'trainee' && e.action.type === 'ask' ? [`${e.action.question}@${e.at}`] : [],
  );

describe('a paced call: the caller is heard line by line', () => {
  it('logs each line when it starts being heard, not when the caller decides to say it', () => {
    const { session, clock } = paced();
    session.send({ type: 'answer' });
    expect(heard(session.log)).toEqual([]);
    expect(session.speech.map((p) => p.line.id)).toEqual(['open', 'open-2']);
    clock.increment(300);
    session.lineStarted();
    clock.increment(2500);
    session.lineEnded();
    clock.increment(200);
    session.lineStarted();
    expect(heard(session.log)).toEqual(['open@300', 'open-2@3000']);
    expect(session.callerTalking).toBe(true);
    session.lineEnded();
    expect(session.callerTalking).toBe(false);
    expect(session.lineStarted()).toBe(false);
  });

  it('judges a decision on the lines heard before it: a knife still to be said is not yet known', () => {
    const { session, clock, scenario: s } = paced();
    session.send({ type: 'answer' });
    for (let i = 0; i < 2; i++) {
      session.lineStarted();
      session.lineEnded();
    }
    session.send(ask('safety.weapon'));
    session.lineStarted(); // "Um, hold on."
    clock.increment(1000);
    session.send({ type: 'dispatch', resource: 'ems' }); // not speech: the caller goes on
    const dispatch = session.log.at(-1)!;
    session.lineEnded();
    session.lineStarted(); // "He has a knife."
    const knowledge = readKnowledge(s, session.log);
    expect(knowledge.before(dispatch.seq).has('weapon')).toBe(false);
    expect(knowledge.before(session.log.length).has('weapon')).toBe(true);
  });
});

describe('speaking over the caller', () => {
  it('a caller who stops (the default) breaks off; what they had still to say is logged unsaid and still counts as known', () => {
    const { session, clock, scenario: s } = paced();
    let cuts = 0;
    session.onCut(() => cuts++);
    session.send({ type: 'answer' });
    session.lineStarted();
    session.lineEnded();
    session.lineStarted();
    session.lineEnded();
    session.send(ask('safety.weapon'));
    session.lineStarted(); // "Um, hold on." ... and the trainee talks over it
    clock.increment(800);
    expect(session.send(ask('case.address'))).toBe(true);
    expect(cuts).toBe(1);
    expect(unsaid(session.log)).toEqual(['knife@800']);
    expect(asked(session.log)).toEqual(['safety.weapon@0', 'case.address@800']);
    expect(session.speech.map((p) => p.line.id)).toEqual(['address']);
    expect(readKnowledge(s, session.log).before(session.log.length).has('weapon')).toBe(true);
  });

  it('keeps the log in time order when a cut and the question come on a clock that moves between reads', () => {
    let t = 0;
    const ticking: CallClock = { now: () => (t += 0.3), setTimeout: () => 0, clearTimeout: () => undefined };
    const { session } = paced(undefined, undefined, ticking);
    session.send({ type: 'answer' });
    session.lineStarted();
    session.send(ask('safety.weapon'));
    session.lineStarted();
    session.send(ask('case.address'));
    const times = session.log.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('a caller who keeps talking finishes; questions wait and are put at each pause, in order', () => {
    const { session, clock } = paced('keeps-talking');
    let changes = 0;
    session.onWaitingChanged(() => changes++);
    session.send({ type: 'answer' });
    session.lineStarted();
    clock.increment(500);
    expect(session.send(ask('safety.weapon'))).toBe(true);
    expect(session.send(ask('case.address'))).toBe(true);
    expect(changes).toBe(2);
    expect(session.waiting).toEqual([ask('safety.weapon'), ask('case.address')]);
    expect(asked(session.log)).toEqual([]);
    session.lineEnded();
    session.lineStarted(); // the rest of the opening: still no pause
    clock.increment(2000);
    session.lineEnded();
    // The pause: the first question is put now, and the caller answers it before the second.
    expect(asked(session.log)).toEqual(['safety.weapon@2500']);
    for (const _ of ['um', 'knife']) {
      session.lineStarted();
      clock.increment(1000);
      session.lineEnded();
    }
    expect(asked(session.log)).toEqual(['safety.weapon@2500', 'case.address@4500']);
    expect(unsaid(session.log)).toEqual([]);
    expect(session.waiting).toEqual([]);
  });

  it('a waiting question survives a reload', () => {
    const first = paced('keeps-talking');
    first.session.send({ type: 'answer' });
    first.session.lineStarted();
    first.session.send(ask('case.address'));
    const saved = first.session.save();
    expect(saved.waiting).toEqual([ask('case.address')]);
    const { session } = paced('keeps-talking', saved);
    expect(session.waiting).toEqual([ask('case.address')]);
    expect(session.speech.map((p) => p.line.id)).toEqual(['open-2']);
    session.lineStarted();
    session.lineEnded();
    expect(asked(session.log).map((a) => a.split('@')[0])).toEqual(['case.address']);
  });

  it('what the trainee does at the console never waits and never stops the caller', () => {
    const { session } = paced('keeps-talking');
    session.send({ type: 'answer' });
    session.lineStarted();
    expect(session.send({ type: 'note', text: 'caller upset' })).toBe(true);
    expect(session.send({ type: 'priority', priority: 2 })).toBe(true);
    expect(
      session.log.filter((e) => e.kind === 'trainee').map((e) => e.kind === 'trainee' && e.action.type),
    ).toEqual(['answer', 'note', 'priority']);
    expect(session.speech.map((p) => p.line.id)).toEqual(['open-2']);
  });

  it('a question waiting when the call moves on (a transfer began) is not put', () => {
    const { session } = paced('keeps-talking');
    session.send({ type: 'answer' });
    session.lineStarted();
    session.send(ask('case.address'));
    session.send({ type: 'transfer', to: 'embedded-clinician' });
    expect(session.phase).toBe('handoff');
    session.lineStarted();
    session.lineEnded();
    expect(asked(session.log)).toEqual([]);
    expect(session.waiting).toEqual([]);
  });

  it('a second calming phrase gets no reply rather than the same words again', () => {
    const { session } = paced();
    session.send({ type: 'answer' });
    for (let i = 0; i < 2; i++) {
      session.lineStarted();
      session.lineEnded();
    }
    session.send({ type: 'deescalate', phrase: 'calm.acknowledge' });
    expect(session.speech.map((p) => p.line.id)).toEqual(['calmer']);
    session.lineStarted();
    session.lineEnded();
    session.send({ type: 'deescalate', phrase: 'calm.not-alone' });
    expect(session.speech).toEqual([]);
  });
});
