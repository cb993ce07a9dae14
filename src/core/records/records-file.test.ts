import { describe, expect, it } from 'vitest';
import { NOTE_MAX } from '../engine/events';
import { scenarioInput } from '$tests/support/factories';
import { COLD_TRANSFER, T0, TEXTBOOK, attempt, file, trainee } from '$tests/support/records';
import type { AttemptWithEvents } from './attempt';
import {
  canonicalJson,
  exportedAttempt,
  mergePlan,
  parseRecordsFile,
  recordsFile,
  recordsProblems,
  splitAttempt,
  type RecordsFile,
} from './records-file';

const NAME = 'ana-records.json';

/** Two trainees, three real attempts: two textbook calls and one with critical errors. */
function sample(): RecordsFile {
  return file(
    [
      trainee('t-ana', 'Ana', { badge: '4411', academyClass: 'Spring 2026' }),
      trainee('t-ben', 'Ben', {
        pin: { salt: 'c2FsdHNhbHRzYWx0c2FsdA==', hash: 'aGFzaA==', iterations: 600_000 },
      }),
    ],
    [
      attempt('a1', 't-ana'),
      attempt('a2', 't-ana', COLD_TRANSFER, T0 + 60_000),
      attempt('b1', 't-ben', TEXTBOOK, T0 + 120_000),
    ],
  );
}

/** The sample as a file, with `edit` applied to its JSON value first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits the file's JSON freely, as a user might
function text(edit: (json: any) => void = () => {}): string {
  const json = JSON.parse(JSON.stringify(sample()));
  edit(json);
  return JSON.stringify(json, null, 2);
}

function problems(source: string): string[] {
  const result = parseRecordsFile(source, NAME);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problems;
}

describe('parseRecordsFile', () => {
  it('reads back an exported file exactly, real logs and reports included', () => {
    const original = sample();
    expect(original.attempts[1]!.report!.pointsLost.filter((p) => p.evidence)).not.toEqual([]); // evidence pointers are checked below
    const result = parseRecordsFile(JSON.stringify(original), NAME);
    expect(result).toEqual({ ok: true, value: JSON.parse(JSON.stringify(original)) });
  });

  it('keeps the surface variant an attempt was played with (version 2), and still reads version 1 files', () => {
    const withVariant = parseRecordsFile(
      text((j) => (j.attempts[0].variant = 'okafor')),
      NAME,
    );
    expect(withVariant.ok && withVariant.value.attempts[0]!.variant).toBe('okafor');
    const v1 = parseRecordsFile(
      text((j) => (j.version = 1)),
      NAME,
    );
    expect(v1.ok && v1.value.attempts.map((a) => a.id)).toEqual(['a1', 'a2', 'b1']);
    expect(problems(text((j) => (j.attempts[0].variant = 'Not An Id')))).toEqual([
      `${NAME}: $.attempts[0].variant: must be lower-case words joined by "." or "-"`,
    ]);
  });

  it('keeps report fields it does not know (a report from another scoring version)', () => {
    const result = parseRecordsFile(
      text((j) => (j.attempts[0].report.newMetric = { x: 1 })),
      NAME,
    );
    expect(result.ok && result.value.attempts[0]!.report).toMatchObject({ newMetric: { x: 1 } });
  });

  it('keeps a caller line the trainee spoke over (never said) as such', () => {
    const source = text((j) => {
      const caller = j.attempts[0].events.find((e: { kind: string }) => e.kind === 'caller');
      caller.unsaid = true;
    });
    const result = parseRecordsFile(source, NAME);
    expect(result.ok && result.value.attempts[0]!.events.some((e) => e.kind === 'caller' && e.unsaid)).toBe(
      true,
    );
    expect(
      problems(
        text((j) => (j.attempts[0].events.find((e: { kind: string }) => e.kind === 'caller').unsaid = 'yes')),
      ),
    ).toHaveLength(1);
  });

  it('locates malformed JSON', () => {
    expect(problems('{"format": "dispatch-trainer-records",\n  "version": 1,}')).toEqual([
      `${NAME}: $: malformed JSON at line 2, column 16: expected a property name in double quotes (is there a trailing comma?)`,
    ]);
    expect(problems('')).toEqual([`${NAME}: $: malformed JSON at line 1, column 1: the file is empty`]);
  });

  it('rejects a foreign file in one line, saying what it is', () => {
    expect(problems(JSON.stringify(scenarioInput()))).toEqual([
      `${NAME}: $: not a Dispatch Trainer records file (format missing; this looks like a scenario file)`,
    ]);
    expect(problems('{"name": "my-package", "version": "1.0.0"}')).toEqual([
      `${NAME}: $: not a Dispatch Trainer records file (format missing)`,
    ]);
    expect(problems('{"format": "anki-deck", "version": 1}')).toEqual([
      `${NAME}: $.format: not a Dispatch Trainer records file (format "anki-deck")`,
    ]);
    expect(problems('[1, 2]')).toEqual([
      `${NAME}: $: not a Dispatch Trainer records file (it holds a list, not an object)`,
    ]);
    expect(problems('"hello"')).toEqual([
      `${NAME}: $: not a Dispatch Trainer records file (it holds a string, not an object)`,
    ]);
    expect(problems('null')).toEqual([
      `${NAME}: $: not a Dispatch Trainer records file (it holds null, not an object)`,
    ]);
  });

  it('rejects a file from a newer app, asking for an update', () => {
    expect(problems(text((j) => ((j.version = 3), (j.somethingNew = true))))).toEqual([
      `${NAME}: $.version: made by a newer version of the app (version 3); update first`,
    ]);
    expect(problems(text((j) => (j.version = 0)))).toEqual([
      `${NAME}: $.version: Invalid option: expected one of 1|2`,
    ]);
    expect(problems(text((j) => delete j.version))).toEqual([
      `${NAME}: $.version: required field is missing (expected one of 1|2)`,
    ]);
  });

  it('rejects a broken log: a missing entry, time going backwards, an unknown action or kind', () => {
    expect(problems(text((j) => j.attempts[1].events.splice(1, 1)))).toEqual([
      `${NAME}: $.attempts[1].events[1].seq: expected seq 1 (the log must run 0, 1, 2, … with none missing), found 2`,
    ]);
    expect(problems(text((j) => (j.attempts[0].events[3].at = 0)))).toEqual([
      `${NAME}: $.attempts[0].events[3].at: goes back in time (0 ms after ${JSON.parse(text()).attempts[0].events[2].at} ms)`,
    ]);
    expect(problems(text((j) => (j.attempts[0].events[0].action = { type: 'teleport' })))).toEqual([
      `${NAME}: $.attempts[0].events[0].action.type: Invalid discriminator value. Expected 'answer' | 'ask' | 'deescalate' | 'note' | 'code' | 'priority' | 'brief' | 'dispatch' | 'cancel' | 'transfer' | 'recall' | 'callback' | 'end'`,
    ]);
    expect(problems(text((j) => (j.attempts[0].events[0].kind = 'robot')))).toEqual([
      `${NAME}: $.attempts[0].events[0].kind: Invalid discriminator value. Expected 'trainee' | 'caller' | 'system'`,
    ]);
    expect(problems(text((j) => (j.attempts[2].events[1].extra = 1)))).toEqual([
      `${NAME}: $.attempts[2].events[1]: unknown field "extra" (misspelt?)`,
    ]);
  });

  it('rejects a note longer than ten times what the app lets a trainee type, naming where it is', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file's JSON, edited as a user might
    const at = (j: any): number =>
      j.attempts[0].events.findIndex((e: { kind: string }) => e.kind === 'trainee');
    const noted = (length: number) =>
      text((j) => (j.attempts[0].events[at(j)].action = { type: 'note', text: 'x'.repeat(length) }));
    const index = at(JSON.parse(text()));
    expect(parseRecordsFile(noted(NOTE_MAX * 10), NAME).ok).toBe(true);
    expect(problems(noted(NOTE_MAX * 10 + 1))).toEqual([
      `${NAME}: $.attempts[0].events[${index}].action.text: Too big: expected string to have <=${NOTE_MAX * 10} characters`,
    ]);
  });

  it('rejects a corrupt report', () => {
    expect(problems(text((j) => (j.attempts[0].report.total = 150)))).toEqual([
      `${NAME}: $.attempts[0].report.total: Too big: expected number to be <=100`,
    ]);
    expect(problems(text((j) => delete j.attempts[0].report.categories))).toEqual([
      `${NAME}: $.attempts[0].report.categories: required field is missing (expected array)`,
    ]);
    expect(problems(text((j) => (j.attempts[0].report.scenarioId = 'other')))).toEqual([
      `${NAME}: $.attempts[0].report.scenarioId: is "other" but the attempt is of "test-scenario"`,
    ]);
    expect(problems(text((j) => (j.attempts[1].report.pointsLost.at(-1).evidence.seq = 999)))).toEqual([
      `${NAME}: $.attempts[1].report.pointsLost[3].evidence.seq: points at event 999, which the log does not have`,
    ]);
  });

  it('rejects attempts that do not fit the file: in progress, someone else’s, repeated', () => {
    expect(problems(text((j) => (j.attempts[0].status = 'in-progress')))).toEqual([
      `${NAME}: $.attempts[0].status: must be "finished" (an attempt still in progress stays on its device)`,
    ]);
    expect(problems(text((j) => (j.attempts[2].traineeId = 't-cat')))).toEqual([
      `${NAME}: $.attempts[2].traineeId: "t-cat" is not one of this file's trainees`,
    ]);
    expect(problems(text((j) => (j.attempts[2].id = 'a1')))).toEqual([
      `${NAME}: $.attempts[2].id: "a1" is already used at $.attempts[0]`,
    ]);
    expect(problems(text((j) => (j.trainees[1].id = 't-ana')))).toEqual([
      `${NAME}: $.trainees[1].id: "t-ana" is already used at $.trainees[0]`,
      `${NAME}: $.attempts[2].traineeId: "t-ben" is not one of this file's trainees`,
    ]);
  });

  it('rejects a bad trainee profile or PIN hash', () => {
    expect(problems(text((j) => (j.trainees[0].name = '   ')))).toEqual([
      `${NAME}: $.trainees[0].name: must not be blank`,
    ]);
    expect(problems(text((j) => (j.trainees[1].pin.iterations = 1000)))).toEqual([
      `${NAME}: $.trainees[1].pin.iterations: Too small: expected number to be >=100000`,
    ]);
    expect(problems(text((j) => (j.trainees[1].pin.hash = 'not base64!')))).toEqual([
      `${NAME}: $.trainees[1].pin.hash: must be base64`,
    ]);
  });

  it('reports every problem, not just the first', () => {
    const all = problems(
      text((j) => {
        j.exportedAt = 'yesterday';
        j.attempts[0].mode = 'exam';
        delete j.trainees[0].createdAt;
      }),
    );
    expect(all).toEqual([
      `${NAME}: $.exportedAt: Invalid ISO datetime`,
      `${NAME}: $.trainees[0].createdAt: required field is missing (expected number)`,
      `${NAME}: $.attempts[0].mode: Invalid option: expected one of "practice"|"assessment"`,
    ]);
  });

  it('checks an in-memory value the same way', () => {
    expect(recordsProblems(sample())).toEqual([]);
    expect(recordsProblems({ format: 'x' })).toEqual([
      { path: '$.format', message: 'not a Dispatch Trainer records file (format "x")' },
    ]);
  });
});

describe('exportedAttempt and recordsFile', () => {
  it('drop the resume state and carry the log', () => {
    const a = attempt('a1', 't-ana');
    const { record, events } = splitAttempt(a);
    const withSaved = {
      ...record,
      saved: {
        scenarioId: a.scenarioId,
        at: 1,
        snapshot: { status: 'done' as const, output: undefined, error: undefined },
      },
    };
    expect(exportedAttempt(withSaved, events)).toEqual(a);
    const made = recordsFile([trainee('t-ana')], [a], new Date(T0));
    expect(made).toEqual(file([trainee('t-ana')], [a]));
    expect(recordsProblems(JSON.parse(JSON.stringify(made)))).toEqual([]);
  });
});

describe('mergePlan', () => {
  const withEvents = (a: ReturnType<typeof attempt>): AttemptWithEvents => ({ ...a });

  it('adds everything into an empty device', () => {
    const incoming = sample();
    const plan = mergePlan({ trainees: [], attempts: [] }, incoming);
    expect(plan.trainees.add).toEqual(incoming.trainees);
    expect(plan.attempts.add).toEqual(incoming.attempts);
    expect(plan.conflicts).toEqual([]);
  });

  it('skips what is already here, however its keys are ordered and whatever its resume state', () => {
    const incoming = sample();
    const here = JSON.parse(JSON.stringify(incoming)) as RecordsFile;
    const reordered = here.attempts.map(
      (a) => Object.fromEntries(Object.entries(a).reverse()) as unknown as AttemptWithEvents,
    );
    reordered[0]!.saved = {
      scenarioId: 'test-scenario',
      at: 5,
      snapshot: { status: 'done', output: undefined, error: undefined },
    };
    const plan = mergePlan({ trainees: here.trainees, attempts: reordered }, incoming);
    expect(plan.trainees).toEqual({ add: [], skipped: ['t-ana', 't-ben'], conflicts: [] });
    expect(plan.attempts).toEqual({ add: [], skipped: ['a1', 'a2', 'b1'], conflicts: [] });
    expect(plan.conflicts).toEqual([]);
  });

  it('adds only what is new', () => {
    const incoming = sample();
    const plan = mergePlan(
      { trainees: [incoming.trainees[0]!], attempts: [withEvents(incoming.attempts[0]!)] },
      incoming,
    );
    expect(plan.trainees.add.map((t) => t.id)).toEqual(['t-ben']);
    expect(plan.attempts.add.map((a) => a.id)).toEqual(['a2', 'b1']);
    expect(plan.attempts.skipped).toEqual(['a1']);
  });

  it('reports the same id with other content as a conflict and keeps this device’s copy', () => {
    const incoming = sample();
    const here = structuredClone(incoming);
    here.trainees[0]!.name = 'Ana M.';
    here.attempts[1]!.report!.total = 12;
    here.attempts[2]!.events = here.attempts[2]!.events.slice(0, -1);
    const plan = mergePlan(here, incoming);
    expect(plan.trainees).toEqual({ add: [], skipped: ['t-ben'], conflicts: ['t-ana'] });
    expect(plan.attempts).toEqual({ add: [], skipped: ['a1'], conflicts: ['a2', 'b1'] });
    expect(plan.conflicts).toEqual([
      'trainee "Ana" (id t-ana) is already on this device with other details (here: "Ana M."); kept this device\'s profile',
      'attempt a2 ("test-scenario" by Ana, started 2026-11-23 09:01 UTC) is already on this device with other content; kept this device\'s copy',
      'attempt b1 ("test-scenario" by Ben, started 2026-11-23 09:02 UTC) is already on this device with other content; kept this device\'s copy',
    ]);
  });

  it('still adds the new attempts of a trainee whose profile conflicts', () => {
    const incoming = sample();
    const plan = mergePlan(
      { trainees: [{ ...incoming.trainees[1]!, pin: undefined }], attempts: [] },
      incoming,
    );
    expect(plan.trainees.conflicts).toEqual(['t-ben']);
    expect(plan.attempts.add.map((a) => a.id)).toEqual(['a1', 'a2', 'b1']);
  });

  it('treats an attempt still in progress here as a conflict with a finished one', () => {
    const incoming = sample();
    const { status: _s, finishedAt: _f, report: _r, ...rest } = incoming.attempts[0]!;
    const plan = mergePlan(
      { trainees: incoming.trainees, attempts: [{ ...rest, status: 'in-progress' }] },
      incoming,
    );
    expect(plan.attempts.conflicts).toEqual(['a1']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"x":2,"y":1}]},"b":1}',
    );
  });
});
