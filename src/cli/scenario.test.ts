import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The `npm run scenario` command, run as authors and CI run it: a child process in the repo root.
 * Each spawn costs about half a second, so the invalid fixtures are validated in one run and its
 * output is split by file. The fixtures' audio is in audio/test-fixture/ (0.2 s of silence each).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TIMEOUT = 30_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scenarioCli(...args: string[]): Run {
  // `node --import tsx` is what `npx tsx` runs, without npm's start-up time and warnings on stderr.
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/scenario.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

const INVALID_DIR = 'tests/fixtures/invalid';
const VALID = 'tests/fixtures/valid/minimal.json';
const ACTIONS = 'tests/fixtures/actions/minimal.expert.json';

const DISPOSITION_OPTIONS =
  'Invalid option: expected one of "police-required"|"ems-required"|"clinician-phone"|"crisis-line-988"|"mobile-crisis"|"co-responder"';
const RESOURCE_OPTIONS =
  'Invalid option: expected one of "police"|"fire"|"ems"|"embedded-clinician"|"crisis-line"|"mobile-crisis"|"co-responder"';

/** Every invalid fixture, each a copy of valid/minimal.json with one thing wrong: its exact problem lines. */
const EXPECTED: Record<string, string[]> = {
  'malformed-json.json': [
    '$: malformed JSON at line 3, column 35: expected a property name in double quotes (is there a trailing comma?)',
  ],
  'schema-wrong-type.json': ['$.estimatedMinutes: Invalid input: expected number, received string'],
  'schema-missing-field.json': ['$.title: required field is missing (expected string)'],
  'schema-unknown-disposition.json': [`$.answerKey.disposition: ${DISPOSITION_OPTIONS}`],
  'schema-unknown-resource.json': [`$.states.screened.responses[0].on.resource: ${RESOURCE_OPTIONS}`],
  'unknown-question-response.json': [
    '$.states.opening.responses[0].on.question: unknown question id "safety.weapons" (not in the question bank)',
  ],
  'unknown-question-when.json': [
    '$.states.opening.responses[0].when.asked[0]: unknown question id "case.adress" (not in the question bank)',
  ],
  'unknown-question-required.json': [
    '$.answerKey.requiredQuestions[3]: unknown question id "safety.self-harm" (not in the question bank)',
  ],
  'unknown-phrase.json': [
    '$.states.opening.responses[1].on.phrase: unknown phrase id "calm.hug" (not in the question bank)',
  ],
  'missing-state-response.json': ['$.states.opening.responses[1].goto: transition to missing state "calmed"'],
  'missing-state-timeout.json': ['$.states.screened.timeouts[0].goto: transition to missing state "hangup"'],
  'missing-state-callback.json': ['$.callback.goto: transition to missing state "called-back"'],
  'unreachable-state.json': ['$.states.orphan: unreachable state "orphan" (no path from "opening")'],
  'dead-end.json': [
    '$.states.stuck: dead end: no way from "stuck" to a routing decision or the end of the call (mark a state "routing": true or "end": "hangup")',
  ],
  'timed-event-no-target.json': ['$.states.screened.timeouts[0]: timed event has no target state ("goto")'],
  'hangup-state-not-final.json': [
    '$.states["hung-up"]: a hang-up state ends the caller\'s side: it cannot have responses, timed events or "routing"',
  ],
  'unknown-voice.json': [
    '$.caller.voice: unknown voice "robot-9" (known: female-young, female-adult, female-older, male-young, male-adult, male-older, counselor, ' +
      'girl-14, woman-20-student, woman-23, woman-20s-passerby, woman-late-20s, woman-30s-coworker, woman-30s-passerby, woman-40s, ' +
      'mother-mid-40s, mother-late-50s, woman-60s, woman-67, man-20, man-22-roommate, man-40s-manager, man-mid-40s, son-mid-40s, ' +
      'man-56, father-61, man-70s-neighbor)',
  ],
  'reveals-not-present.json': [
    '$.states.screened.lines[0].reveals[1]: reveals "weapon", which is not in facts.present: add it there or remove it here',
  ],
  'unsatisfiable-reveal.json': [
    '$.facts.present[1]: fact "self-harm-means" is revealed only by lines that can never be said ($.states.screened.responses[0].say[0]): their condition cannot hold, or an earlier response always answers first',
  ],
  'imminent-not-priority-1.json': [
    '$.answerKey.priority: imminent risk is an active threat to life: the priority must be 1',
  ],
  'call-time-outside-story.json': [
    "$.cad.callTime: the call time 14:00 is outside the story's hours 21:00–05:00 (cad.storyHours)",
  ],
  'duplicate-key.json': [
    '$.states.screened: duplicate key "screened" at line 117, column 5: JSON keeps only the last one, so the earlier is lost',
  ],
  'duplicate-line-id.json': [
    '$.states.screened.lines[1].id: duplicate line id "open" (also at $.states.opening.lines[0])',
  ],
  'clip-two-texts.json': [
    '$.defaultResponses[0].say[0].audio: clip "test-fixture/calmer" is used for two different texts',
  ],
  'fact-never-revealed.json': [
    '$.facts.present[1]: fact "intoxication" is never revealed by any caller line, so no trainee can uncover it',
  ],
  'missing-critical-weapon.json': [
    '$.answerKey.criticalErrors: fact "weapon" is present, so the answer key must list the critical error "unsafe-diversion"',
  ],
  'missing-critical-medical.json': [
    '$.answerKey.criticalErrors: fact "medical-emergency" is present, so the answer key must list the critical error "missed-medical"',
  ],
  'no-safety-question.json': [
    '$.answerKey.requiredQuestions: must include at least one safety-screen question ("safety.…")',
  ],
  'unknown-seed-citation.json': ['$.answerKey.sources[1].ref: unknown seed citation "seed:001#decision-9"'],
  'approved-without-reviewer.json': [
    '$.review.reviewer: an approved scenario names its reviewer and credential',
  ],
  'approval-void.json': [
    '$.review.contentHash: approval is void: the content changed after review (hash differs); set status to "in-review" and have it reviewed again',
  ],
};

describe('scenario validate', () => {
  let invalidRun: Run;
  /** stdout of the directory run, grouped by the file each line names. */
  const byFile = new Map<string, string[]>();

  beforeAll(() => {
    invalidRun = scenarioCli('validate', INVALID_DIR);
    for (const l of lines(invalidRun.stdout)) {
      const file = l.slice(0, l.indexOf(': '));
      byFile.set(file, [...(byFile.get(file) ?? []), l]);
    }
  }, TIMEOUT);

  it('has an expectation for every invalid fixture', () => {
    const fixtures = readdirSync(join(ROOT, INVALID_DIR)).filter((n) => n.endsWith('.json'));
    expect(fixtures.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('validates a directory: exit 1, every file invalid, problems on stdout and a count on stderr', () => {
    expect(invalidRun.status).toBe(1);
    const count = Object.keys(EXPECTED).length;
    expect(invalidRun.stderr.trim()).toBe(`0 of ${count} scenario file(s) valid`);
    expect([...byFile.keys()].sort()).toEqual(
      Object.keys(EXPECTED)
        .map((n) => `${INVALID_DIR}/${n}`)
        .sort(),
    );
  });

  it.each(Object.entries(EXPECTED))(
    '%s: prints exactly its problems as `file: json-path: message`',
    (name, expected) => {
      const file = `${INVALID_DIR}/${name}`;
      expect(byFile.get(file)).toEqual(expected.map((p) => `${file}: ${p}`));
    },
  );

  it(
    'exits 0 for the valid fixture and prints no problems',
    () => {
      const run = scenarioCli('validate', VALID);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim()).toBe('1 of 1 scenario file(s) valid');
      expect(run.status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'prints warnings but exits 0 for a draft with a clip not recorded yet, or a file with a byte-order mark',
    () => {
      const run = scenarioCli('validate', 'tests/fixtures/warnings');
      expect(lines(run.stdout)).toEqual([
        'tests/fixtures/warnings/byte-order-mark.json: $: warning: the file starts with a byte-order mark (BOM), which is ignored',
        'tests/fixtures/warnings/missing-audio.json: $.states.screened.lines[0].audio: warning: missing audio file for "test-fixture/not-recorded" (looked for audio/test-fixture/not-recorded.{opus,ogg,mp3,wav})',
      ]);
      expect(run.stderr.trim()).toBe('2 of 2 scenario file(s) valid, 2 warning(s)');
      expect(run.status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'reports malformed JSON with line and column, and exits 1',
    () => {
      const file = `${INVALID_DIR}/malformed-json.json`;
      const run = scenarioCli('validate', file);
      expect(lines(run.stdout)).toEqual([
        `${file}: $: malformed JSON at line 3, column 35: expected a property name in double quotes (is there a trailing comma?)`,
      ]);
      expect(run.stderr.trim()).toBe('0 of 1 scenario file(s) valid');
      expect(run.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'exits 1 when one of several files is invalid, and names only that one',
    () => {
      const file = `${INVALID_DIR}/unknown-phrase.json`;
      const run = scenarioCli('validate', VALID, file);
      expect(lines(run.stdout)).toEqual(EXPECTED['unknown-phrase.json']!.map((p) => `${file}: ${p}`));
      expect(run.stderr.trim()).toBe('1 of 2 scenario file(s) valid');
      expect(run.status).toBe(1);
    },
    TIMEOUT,
  );
});

describe('scenario: usage', () => {
  it(
    'exits 2 with the usage text for an unknown command',
    () => {
      const run = scenarioCli('frobnicate', VALID);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toEqual([
        'unknown command "frobnicate"',
        'usage:',
        '  npm run scenario -- validate <files or dirs>...',
        '  npm run scenario -- paths <file> [--profile <id>]',
        '  npm run scenario -- play <file> --profile <id> [--at HH:MM] [--variant <id>] --actions <actions.json>',
      ]);
    },
    TIMEOUT,
  );
});

describe('scenario paths', () => {
  it(
    'explores the valid fixture at one center: a summary line and no dead ends',
    () => {
      const run = scenarioCli('paths', VALID, '--profile', 'embedded-clinician-day');
      expect(run.stderr).toBe('');
      expect(lines(run.stdout)).toHaveLength(1);
      const summary = lines(run.stdout)[0]!;
      expect(summary).toMatch(
        /^test-fixture @ embedded-clinician-day: \d+ states, (\d+) paths: \1 reach a scoreable end, 0 loop back, 0 dead end\(s\)$/,
      );
      expect(run.status).toBe(0);
    },
    TIMEOUT,
  );
});

describe('scenario play', () => {
  /** What scoring reports; only the fields asserted here. */
  interface Report {
    total: number;
    level: string;
    criticalErrors: unknown[];
    categories: { id: string; earned: number; applicable: boolean }[];
    pointsLost: { category: string; points: number; rule: string }[];
    decision: { resources: string[]; routedAtMs: number };
  }

  function play(...extra: string[]): Report {
    const run = scenarioCli(
      'play',
      VALID,
      '--profile',
      'embedded-clinician-day',
      '--actions',
      ACTIONS,
      ...extra,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as Report;
  }

  const earned = (r: Report) =>
    Object.fromEntries(r.categories.map((c) => [c.id, c.applicable ? c.earned : null]));

  /*
   * The expert script: answer, de-escalate the tearful caller, ask the address and the weapon screen
   * (both required), code suicidal-ideation, priority 3, brief the clinician, transfer at 21 s, wait
   * out the 6 s handoff and end. At 14:00 the clinician is on duty (06:00-22:00) and is the best
   * answer for "clinician-phone": full marks in all seven categories (rubric.ts weights 10+25+15+30+
   * 10+5+5 = 100).
   */
  it(
    'scores the expert script at the scenario call time (14:00): 100, high compliance',
    () => {
      const report = play();
      expect(report.total).toBe(100);
      expect(report.level).toBe('high');
      expect(report.criticalErrors).toEqual([]);
      expect(report.pointsLost).toEqual([]);
      expect(earned(report)).toEqual({
        'case-entry': 10,
        'safety-screen': 25,
        recognition: 15,
        routing: 30,
        handoff: 10,
        timeliness: 5,
        communication: 5,
      });
      expect(report.decision.resources).toEqual(['embedded-clinician']);
      expect(report.decision.routedAtMs).toBe(24_000);
    },
    TIMEOUT,
  );

  /*
   * The same script at 02:00: the clinician is off duty, so the transfer reaches nobody: routing
   * scores 0 ("routing.off-duty"), no handoff is judged, and the call ended with nobody responding,
   * the critical error "abandoned-caller", which caps the result at 50 and makes it non-compliant.
   */
  it(
    'scores the same script at 02:00, when the clinician is off duty: the transfer reaches nobody',
    () => {
      const report = play('--at', '02:00');
      expect(report.total).toBe(50);
      expect(report.level).toBe('non-compliant');
      expect(report.criticalErrors).toMatchObject([{ kind: 'abandoned-caller' }]);
      expect(report.pointsLost.map((p) => [p.category, p.points, p.rule])).toEqual([
        ['routing', 30, 'routing.off-duty'],
      ]);
      expect(earned(report)).toMatchObject({ routing: 0, handoff: null });
    },
    TIMEOUT,
  );

  it(
    "checks a script's expectations where they apply, and fails naming each one not met",
    () => {
      const script = 'tests/fixtures/actions/minimal.wrong-expectation.json';
      const run = scenarioCli('play', VALID, '--profile', 'embedded-clinician-day', '--actions', script);
      expect(lines(run.stderr)).toEqual([
        `${script}: $.expect[0]: not met at embedded-clinician-day 14:00: critical errors [], expected [unsafe-diversion]`,
        `${script}: $.expect[0]: not met at embedded-clinician-day 14:00: does not lose routing.`,
      ]);
      expect((JSON.parse(run.stdout) as Report).level).toBe('high');
      expect(run.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'refuses a script with a mistyped question or phrase id instead of playing it as "not asked"',
    () => {
      const script = 'tests/fixtures/actions/mistyped.json';
      const run = scenarioCli('play', VALID, '--profile', 'embedded-clinician-day', '--actions', script);
      expect(lines(run.stderr)).toEqual([
        `${script}: $[1].question: unknown question id "safety.wepaon" (not in the question bank)`,
        `${script}: $[2].phrase: unknown phrase id "calm.breath" (not in the question bank)`,
      ]);
      expect(run.stdout).toBe('');
      expect(run.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'refuses a script that dispatches a counselor or transfers to a unit, naming each field',
    () => {
      const script = 'tests/fixtures/actions/wrong-channel.json';
      const run = scenarioCli('play', VALID, '--profile', 'embedded-clinician-day', '--actions', script);
      expect(lines(run.stderr)).toEqual([
        `${script}: $[1].resource: Invalid option: expected one of "police"|"fire"|"ems"|"mobile-crisis"|"co-responder"`,
        `${script}: $[2].to: Invalid option: expected one of "embedded-clinician"|"crisis-line"`,
      ]);
      expect(run.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'plays a surface variant when asked, and names the known ones for an unknown --variant',
    () => {
      const run = scenarioCli(
        'play',
        'scenarios/si-no-means-clinician.json',
        '--profile',
        'embedded-clinician-day',
        '--variant',
        'szabo-mulbery',
        '--actions',
        'scenarios/actions/si-no-means-clinician.expert.json',
      );
      expect(run.status).toBe(2);
      expect(lines(run.stderr)[0]).toBe(
        'unknown --variant "szabo-mulbery" (known: szabo-mulberry, ferreira-oakmont)',
      );
      const played = scenarioCli(
        'play',
        'scenarios/si-no-means-clinician.json',
        '--profile',
        'embedded-clinician-day',
        '--variant',
        'szabo-mulberry',
        '--actions',
        'scenarios/actions/si-no-means-clinician.expert.json',
      );
      expect(played.status).toBe(0);
      expect((JSON.parse(played.stdout) as Report).level).toBe('high');
    },
    TIMEOUT,
  );

  it(
    "refuses an --at outside the scenario's story hours, and plays a time inside them",
    () => {
      // The valid fixture with words that fit only the day (its own call time, 14:00, inside them).
      const dir = mkdtempSync(join(tmpdir(), 'story-hours-'));
      try {
        const file = join(dir, 'daytime.json');
        const fixture = JSON.parse(readFileSync(join(ROOT, VALID), 'utf8')) as {
          cad: Record<string, unknown>;
        };
        fixture.cad.storyHours = { from: '08:00', to: '20:00' };
        writeFileSync(file, JSON.stringify(fixture));
        const args = ['play', file, '--profile', 'embedded-clinician-day', '--actions', ACTIONS];
        const refused = scenarioCli(...args, '--at', '02:00');
        expect(refused.status).toBe(2);
        expect(refused.stdout).toBe('');
        expect(lines(refused.stderr)[0]).toBe(
          "--at 02:00 is outside this scenario's story hours 08:00–20:00 (cad.storyHours): the caller's words do not fit that time. Play it at a time inside them, e.g. its own call time 14:00.",
        );
        const inside = scenarioCli(...args, '--at', '19:59');
        expect(inside.status).toBe(0);
        expect((JSON.parse(inside.stdout) as { callTime: string }).callTime).toBe('19:59');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});
