import { ScenarioFile, type Scenario } from '../../src/core/format/scenario';
import type { CenterProfile } from '../../src/core/format/profile';
import {
  DISPOSITIONS,
  type ClockTime,
  type Disposition,
  type SafetyFact,
} from '../../src/core/format/vocabulary';
import { expectedRouting, type ResourceSet } from '../../src/core/profiles/expected-routing';

/**
 * The tables in docs/scenario-format.md that let an author predict the expected routing without
 * reading expected-routing.ts. Generated from the code (npm run docs), and a test checks the page
 * still says what the code does.
 */

const SHORT: Record<string, string> = {
  police: 'police',
  fire: 'fire',
  ems: 'EMS',
  'embedded-clinician': 'clinician',
  'crisis-line': '988',
  'mobile-crisis': 'BH team',
  'co-responder': 'co-responder',
};
const TIMES: ClockTime[] = ['14:00', '02:00'];

function call(disposition: Disposition, present: SafetyFact[] = [], priority = 3): Scenario {
  const line = (id: string, text: string, reveals: SafetyFact[] = []) => ({
    id,
    text,
    audio: `doc/${id}`,
    emotion: 'worried' as const,
    reveals,
  });
  return ScenarioFile.parse({
    formatVersion: 1,
    id: 'doc',
    title: 'Doc',
    summary: 'Doc',
    callTypes: ['welfare-check'],
    difficulty: 'academy',
    learningObjectives: ['Doc'],
    estimatedMinutes: 1,
    sources: [{ ref: 'seed:001#decision-5' }],
    review: { status: 'draft' },
    caller: { description: 'Doc', voice: 'female-adult' },
    cad: {
      callTime: '14:00',
      callbackNumber: '555-0100',
      address: '1 Main St',
      locationConfidence: 'high',
      callerRelationship: 'self',
      callerWithPerson: true,
    },
    facts: { present, behavioralHealth: true, involved: ['caller'] },
    start: 'only',
    states: { only: { lines: [line('open', 'Doc.', present)], routing: true } },
    answerKey: {
      disposition,
      priority,
      callTypes: ['welfare-check'],
      requiredQuestions: ['safety.weapon'],
      rationale: { safetyScreen: 'Doc', recognition: 'Doc', routing: 'Doc', priority: 'Doc' },
      sources: [{ ref: 'seed:001#decision-5' }],
    },
  });
}

const set = (resources: ResourceSet) => resources.map((r) => SHORT[r] ?? r).join(' + ');

function cell(s: Scenario, profile: CenterProfile, time: ClockTime): string {
  const e = expectedRouting(s, profile, time);
  const also = e.acceptable.map((o) => set(o.resources));
  return `**${set(e.best.resources)}**${also.length ? ` (also ${also.join('; ')})` : ''}`;
}

function table(rows: { label: string; scenario: Scenario }[], profiles: readonly CenterProfile[]): string {
  const head = `| | ${profiles.flatMap((p) => TIMES.map((t) => `${p.model} ${t}`)).join(' | ')} |`;
  const rule = `|---|${profiles.flatMap(() => TIMES.map(() => '---')).join('|')}|`;
  const body = rows.map(
    ({ label, scenario }) =>
      `| ${label} | ${profiles.flatMap((p) => TIMES.map((t) => cell(scenario, p, t))).join(' | ')} |`,
  );
  return [head, rule, ...body].join('\n');
}

export function routingTables(profiles: readonly CenterProfile[]): string {
  const ordered = [...profiles].sort((a, b) => a.model.localeCompare(b.model));
  const byDisposition = table(
    DISPOSITIONS.map((d) => ({ label: `\`${d}\``, scenario: call(d) })),
    ordered,
  );
  const byFacts = table(
    [
      { label: 'no fact that changes routing', scenario: call('clinician-phone') },
      {
        label: '`weapon`, `threat-to-others` or `crime-in-progress`',
        scenario: call('clinician-phone', ['weapon']),
      },
      { label: '`medical-emergency`', scenario: call('clinician-phone', ['medical-emergency']) },
      { label: '`medical-signs`', scenario: call('clinician-phone', ['medical-signs']) },
      { label: '`imminent-risk` (priority 1)', scenario: call('clinician-phone', ['imminent-risk'], 1) },
      { label: 'no fact, but priority 1', scenario: call('clinician-phone', [], 1) },
    ],
    ordered,
  );
  return [
    '**By disposition** (no fact that changes routing; the caller is the person, or with them):',
    '',
    byDisposition,
    '',
    '**By what the trainee knows**, for a `clinician-phone` call:',
    '',
    byFacts,
  ].join('\n');
}
