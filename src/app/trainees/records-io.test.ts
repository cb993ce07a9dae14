import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../platform/storage/memory-store';
import { newAttempt, playedAttempt } from '$tests/contracts/store-contract';
import type { AttemptSummary } from '../platform/storage/types';
import { attemptCounts, exportFileName, exportText, importSummary, importText } from './records-io';

describe('records export and import', () => {
  it('names the file by the local date', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('dispatch-trainer-records-2026-01-05.json');
  });

  it('exports one trainee and imports into another store: same history; twice adds nothing', async () => {
    const here = createMemoryStore('test');
    const a = await here.createTrainee({ name: 'Test Trainee A' });
    const b = await here.createTrainee({ name: 'Test Trainee B' });
    await playedAttempt(here, a.id);
    await playedAttempt(here, b.id);
    const { text, summary } = await exportText(here, [a.id]);
    expect(summary).toBe('1 trainee, 1 finished call');

    const there = createMemoryStore('test');
    const first = await importText(there, text, 'records.json');
    expect(first).toMatchObject({
      ok: true,
      summary:
        'Added 1 trainee and 1 attempt, each read back from storage. Skipped 0 trainees and 0 attempts already here. Scores: 1 call kept as imported, not re-scored (the debrief says why).',
    });
    expect((await there.listAttempts({ traineeId: a.id })).map((x) => x.id)).toEqual(
      (await here.listAttempts({ traineeId: a.id })).map((x) => x.id),
    );
    expect(await there.listAttempts({ traineeId: b.id })).toEqual([]);
    expect(await importText(there, text, 'records.json')).toMatchObject({
      ok: true,
      summary: 'Added 0 trainees and 0 attempts. Skipped 1 trainee and 1 attempt already here.',
    });
  });

  it('leaves out the calls it is told to (an assessment run under way), and says so', async () => {
    const here = createMemoryStore('test');
    const a = await here.createTrainee({ name: 'Test Trainee A' });
    const kept = await playedAttempt(here, a.id);
    const withheld = await playedAttempt(here, a.id);
    const { text, summary } = await exportText(here, [a.id], new Set([withheld.id]));
    expect(summary).toBe(
      '1 trainee, 1 finished call (1 call of the assessment under way left out until its results)',
    );
    expect((JSON.parse(text) as { attempts: { id: string }[] }).attempts.map((x) => x.id)).toEqual([kept.id]);
  });

  it('reports a conflict and keeps this device’s copy', async () => {
    const here = createMemoryStore('test');
    const a = await here.createTrainee({ name: 'Test Trainee A' });
    const { text } = await exportText(here, [a.id]);
    await here.updateTrainee(a.id, { name: 'Test Trainee A2' });
    const outcome = await importText(here, text, 'records.json');
    expect(outcome.ok && outcome.result.conflicts).toEqual([
      expect.stringMatching(/^trainee "Test Trainee A" .*kept this device's profile$/),
    ]);
    expect(outcome.ok && outcome.summary).toMatch(/1 conflict: this device's copy was kept\.$/);
    expect((await here.getTrainee(a.id))?.name).toBe('Test Trainee A2');
  });

  it('rejects a corrupt file with file: path: message lines and changes nothing', async () => {
    const store = createMemoryStore('test');
    await store.ensureTrainee();
    const before = await store.listTrainees();
    expect(await importText(store, '{"format": "dispatch-trainer-records",', 'broken.json')).toMatchObject({
      ok: false,
      problems: [
        'broken.json: $: malformed JSON at line 1, column 39: expected a property name in double quotes (is there a trailing comma?)',
      ],
    });
    const wrongName = JSON.stringify({
      format: 'dispatch-trainer-records',
      version: 1,
      exportedAt: new Date(0).toISOString(),
      trainees: [{ id: 'x', name: ' ', createdAt: 0 }],
      attempts: [],
    });
    expect(await importText(store, wrongName, 'bad.json')).toEqual({
      ok: false,
      kind: 'file',
      problems: ['bad.json: $.trainees[0].name: must not be blank'],
    });
    expect(await store.listTrainees()).toEqual(before);
  });

  it('counts every trainee’s attempts, and the scored ones', () => {
    const rec = (traineeId: string, finished: boolean): AttemptSummary => ({
      ...newAttempt('s', traineeId),
      id: Math.random().toString(),
      startedAt: 0,
      updatedAt: 0,
      status: finished ? 'finished' : 'in-progress',
      ...(finished
        ? {
            result: {
              total: 90,
              level: 'high',
              levelLabel: 'High compliance',
              criticalErrors: 0,
              scoringVersion: 1,
            },
          }
        : {}),
    });
    const counts = attemptCounts([rec('a', true), rec('a', false), rec('b', true)]);
    expect(counts.get('a')).toEqual({ total: 2, finished: 1 });
    expect(counts.get('b')).toEqual({ total: 1, finished: 1 });
    expect(counts.get('c')).toBeUndefined();
  });

  it('words a summary in singular and plural', () => {
    expect(
      importSummary({
        added: { trainees: 2, attempts: 1 },
        skipped: { trainees: 0, attempts: 3 },
        conflicts: [],
        marks: [
          { at: 0, score: 'rescored' },
          { at: 0, score: 'rescored', fileTotal: 100 },
          { at: 0, score: 'as-imported', why: 'scored by scoring version 1' },
        ],
      }),
    ).toBe(
      "Added 2 trainees and 1 attempt, each read back from storage. Skipped 0 trainees and 3 attempts already here. Scores: 2 calls re-scored here from their log (1 had another score in the file; this app's is kept); 1 call kept as imported, not re-scored (the debrief says why).",
    );
  });
});
