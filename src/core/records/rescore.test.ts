import { describe, expect, it } from 'vitest';
import { contentHash } from '../review/content-hash';
import { scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { COLD_TRANSFER, PROFILE_ID, TEXTBOOK, attempt, played } from '$tests/support/records';
import { rescore, type RescoreLibrary } from './rescore';
import type { ExportedAttempt } from './records-file';

const NOW = Date.UTC(2026, 11, 3);
const written = scenario();
const library: RescoreLibrary = {
  scenarios: [written],
  profiles: [profile(PROFILE_ID)],
  questions: bundledQuestions(),
};

/** An attempt of the factory scenario as a file carries it, with the scenario's real content hash. */
function fromFile(actions = TEXTBOOK, change: Partial<ExportedAttempt> = {}): ExportedAttempt {
  return { ...attempt('a1', 't1', actions), scenarioHash: contentHash(written), ...change };
}

describe('rescore: an imported call is scored again from its log', () => {
  it('replaces a forged total with the score the log earns, and says the file claimed another', () => {
    const honest = played(COLD_TRANSFER).report;
    const forged = fromFile(COLD_TRANSFER);
    forged.report = {
      ...forged.report!,
      total: 100,
      level: 'high',
      levelLabel: 'High compliance',
      criticalErrors: [],
    };

    const stored = rescore(forged, library, NOW);
    expect(stored.report?.total).toBe(honest.total);
    expect(stored.report).toEqual(honest);
    expect(stored.imported).toEqual({ at: NOW, score: 'rescored', fileTotal: 100 });
  });

  it('keeps an honest file’s score, re-scored to the same total', () => {
    const honest = fromFile();
    const stored = rescore(honest, library, NOW);
    expect(stored.report).toEqual(honest.report);
    expect(stored.imported).toEqual({ at: NOW, score: 'rescored' });
  });

  it('keeps a report of another scoring version as imported, not re-scored, saying why', () => {
    const old = fromFile();
    old.report = { ...old.report!, scoringVersion: 1 };
    expect(rescore(old, library, NOW)).toEqual({
      report: old.report,
      imported: {
        at: NOW,
        score: 'as-imported',
        why: 'scored by scoring version 1; this app scores with version 2',
      },
    });
  });

  it('does not re-score against another version of the scenario, nor without the center', () => {
    const edited = fromFile(TEXTBOOK, { scenarioHash: 'sha256:another-version' });
    expect(rescore(edited, library, NOW).imported).toMatchObject({
      score: 'as-imported',
      why: 'the scenario "test-scenario" as it was played is not in this library',
    });
    const elsewhere = fromFile(TEXTBOOK, { profileId: 'a-center-of-elsewhere' });
    expect(rescore(elsewhere, library, NOW).imported).toMatchObject({
      score: 'as-imported',
      why: 'the center profile "a-center-of-elsewhere" is not in this library',
    });
  });

  it('marks a call with no score (abandoned) as imported, unscored', () => {
    const { report: _report, ...abandoned } = fromFile();
    expect(rescore(abandoned, library, NOW)).toEqual({ imported: { at: NOW, score: 'unscored' } });
  });
});
