import { describe, expect, it } from 'vitest';
import { runScript } from '$core/engine/run-script';
import type { ScriptedAction } from '$core/format/actions';
import type { Scenario } from '$core/format/scenario';
import { SCORING_VERSION } from '$core/scoring/rubric';
import { scoreAttempt } from '$core/scoring/score';
import { armedScenario, scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { inWords, routingView, scoringNote, timeline } from './debrief';

const bank = bundledQuestions();

function play(s: Scenario, actions: ScriptedAction[], center = 'embedded-clinician-day', callTime?: string) {
  const log = runScript(s, actions).log;
  const report = scoreAttempt({
    scenario: s,
    profile: profile(center),
    questions: bank,
    log,
    ...(callTime ? { callTime } : {}),
  });
  return { log, report };
}

/** The armed call, with children in the home that nothing in the call brings out. */
const armed = armedScenario({
  facts: {
    present: ['self-harm-ideation', 'weapon', 'children-present'],
    behavioralHealth: true,
    involved: ['brother, 34'],
  },
});

describe('the game film: when each fact became known', () => {
  const { log, report } = play(armed, [
    { type: 'answer' },
    { type: 'dispatch', resource: 'police' },
    { type: 'ask', question: 'safety.weapon' },
    { type: 'end' },
  ]);
  const film = timeline(log, report, bank);
  const notesAt = (seq: number) => film.items.find((i) => i.entry.seq === seq)!.facts.map((f) => f.text);
  const seqOf = (match: (e: (typeof log)[number]) => boolean) => log.find(match)!.seq;

  it('pins a fact revealed by a caller line to that line', () => {
    const gun = seqOf((e) => e.kind === 'caller' && e.line.id === 'gun');
    expect(notesAt(gun)).toEqual(['The caller revealed a weapon.']);
    const home = seqOf((e) => e.kind === 'caller' && e.line.id === 'screened');
    expect(notesAt(home)).toEqual(['The caller revealed thoughts of suicide.']);
  });

  it('pins a fact counted as known to the routing decision, naming the question not yet asked', () => {
    const routed = seqOf((e) => e.kind === 'trainee' && e.action.type === 'dispatch');
    const weapon = bank.questions.find((q) => q.id === 'safety.weapon')!.text;
    expect(notesAt(routed)).toEqual([`Counted as known: a weapon. You routed before asking "${weapon}"`]);
  });

  it('lists the facts that never came up, in words', () => {
    expect(film.neverRevealed).toEqual([{ fact: 'children-present', label: 'children in the home' }]);
    expect(film.factsRecorded).toBe(true);
  });

  it('has no fact notes for a report scored before facts were recorded', () => {
    const { facts: _facts, ...older } = report;
    const old = timeline(log, { ...older, scoringVersion: 1 }, bank);
    expect(old.items.every((i) => i.facts.length === 0)).toBe(true);
    expect(old.neverRevealed).toEqual([]);
    expect(old.factsRecorded).toBe(false);
  });
});

describe('the routing section', () => {
  it('leads with the reasons for the center and the hour played, each with its source', () => {
    const { report } = play(
      scenario(),
      [{ type: 'answer' }, { type: 'end' }],
      'embedded-clinician-day',
      '02:00',
    );
    const view = routingView(report, profile('embedded-clinician-day'), scenario());
    expect(view.reasons[0]!.text).toMatch(/off duty at 02:00/);
    expect(view.reasons.map((r) => r.text)).toEqual(report.expected.reasons.map((r) => r.text));
    expect(view.reasons.some((r) => r.source !== undefined)).toBe(true);
    expect(view.best).toBe('988 crisis line (warm transfer)');
    expect(view.sent).toBe('nothing');
  });

  it("shows the author's reasoning for the center's dispatch model when there is one, labelled a draft until approved", () => {
    const base = scenario();
    const byModel = scenario({
      answerKey: {
        ...base.answerKey,
        rationale: {
          ...base.answerKey.rationale,
          routingByModel: { '1C': 'Test rationale: the clinician.' },
        },
      },
    });
    const { report } = play(byModel, [{ type: 'answer' }, { type: 'end' }]);
    expect(routingView(report, profile('embedded-clinician-day'), byModel).rationale).toEqual({
      label: "The answer key's reasoning (draft, not yet reviewed by a clinician)",
      text: 'Test rationale: the clinician.',
    });
    expect(routingView(report, profile('dispatcher-routing'), byModel).rationale?.text).toBe(
      'Test rationale: a phone assessment fits.',
    );
    const approved: Scenario = { ...byModel, review: { status: 'approved' } };
    expect(routingView(report, profile('embedded-clinician-day'), approved).rationale?.label).toBe(
      "The clinician's reasoning",
    );
  });

  it('says what any answer needed and the facts it was worked out on, in words', () => {
    const { report } = play(armed, [
      { type: 'answer' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'dispatch', resource: 'police' },
      { type: 'end' },
    ]);
    const view = routingView(report, profile('embedded-clinician-day'), armed);
    expect(view.needs).toEqual(['Police on the way']);
    expect(view.knownFacts).toEqual(['thoughts of suicide', 'a weapon']);
    expect(view.sent).toBe('Police');
  });
});

describe('scoringNote', () => {
  it('names the older version a report was scored with, and says it is not scored again', () => {
    const { report } = play(scenario(), [{ type: 'answer' }, { type: 'end' }]);
    expect(scoringNote(report)).toBeUndefined();
    expect(scoringNote({ ...report, scoringVersion: SCORING_VERSION - 1 })).toBe(
      `Scored with scoring version ${SCORING_VERSION - 1}. The current version is ${SCORING_VERSION}; this call is shown as it was scored then, not scored again.`,
    );
  });
});

describe('inWords', () => {
  it('puts the facts a missed question screens for in words', () => {
    expect(inWords('Ask before routing: "Q?" (screens for weapon, self-harm-means).')).toBe(
      'Ask before routing: "Q?" (it screens for a weapon, the means to carry it out).',
    );
    expect(inWords('Nothing to change.')).toBe('Nothing to change.');
    expect(inWords('(screens for something else)')).toBe('(screens for something else)');
  });
});
