import { describe, expect, it } from 'vitest';
import type { AttemptRecord, TraineeProfile } from '../platform/storage/types';
import { confirmsName, deletedNotice, deletionSummary, traineeSettingKeys } from './delete-profile';

const ana: TraineeProfile = { id: 'ana', name: 'Test Trainee A', createdAt: 1 };

function attempt(id: string, traineeId: string, status: AttemptRecord['status']): AttemptRecord {
  return {
    id,
    traineeId,
    scenarioId: 's',
    scenarioHash: 'h',
    profileId: 'p',
    callTime: '14:00',
    mode: 'practice',
    startedAt: 1,
    updatedAt: 1,
    status,
  };
}

describe('deleting a profile', () => {
  it('counts only this trainee’s attempts, finished and in progress, and says what goes', () => {
    const all = [
      attempt('1', 'ana', 'finished'),
      attempt('2', 'ana', 'finished'),
      attempt('3', 'ana', 'in-progress'),
      attempt('4', 'ben', 'finished'),
    ];
    const summary = deletionSummary(ana, all);
    expect(summary).toMatchObject({ attempts: 3, finished: 2, inProgress: 1 });
    expect(summary.removes).toBe(
      "This removes from this browser Test Trainee A's profile and 3 attempts (2 finished, 1 in progress), with each call's event log and debrief, " +
        "and Test Trainee A's assessment results and refresher session. It cannot be undone. No other trainee's records are touched.",
    );
    expect(summary.exportKeeps).toBe(
      'The export holds the profile and the 2 finished attempts; the call still in progress cannot be exported. Importing it later brings them back.',
    );
  });

  it('says so when there is nothing but the profile', () => {
    const summary = deletionSummary(ana, [attempt('4', 'ben', 'finished')]);
    expect(summary).toMatchObject({ attempts: 0, finished: 0, inProgress: 0 });
    expect(summary.removes).toMatch(
      /^This removes from this browser Test Trainee A's profile and 0 attempts, with/,
    );
    expect(summary.exportKeeps).toBe(
      'Test Trainee A has no finished attempt: the export holds the profile only.',
    );
    expect(deletionSummary(ana, [attempt('1', 'ana', 'finished')]).removes).toContain(
      'and 1 attempt (1 finished, 0 in progress),',
    );
    expect(deletionSummary(ana, [attempt('1', 'ana', 'finished')]).exportKeeps).toBe(
      'The export holds the profile and the 1 finished attempt. Importing it later brings them back.',
    );
  });

  it('needs the profile’s name typed exactly', () => {
    expect(confirmsName('Test Trainee A', ana)).toBe(true);
    expect(confirmsName('  Test Trainee A ', ana)).toBe(true);
    expect(confirmsName('test trainee a', ana)).toBe(false);
    expect(confirmsName('Test Trainee', ana)).toBe(false);
    expect(confirmsName('', ana)).toBe(false);
  });

  it('takes the trainee’s own settings with the profile', () => {
    expect(traineeSettingKeys('ana')).toEqual([
      'assessment-results:ana',
      'refresher-session:ana',
      'pin-failures:ana',
    ]);
  });

  it('says what was deleted, and whose calls new ones are when the current profile went', () => {
    expect(deletedNotice('Test Trainee A', 3)).toBe("Deleted Test Trainee A's profile and 3 attempts.");
    expect(deletedNotice('Test Trainee A', 1, 'Trainee 1')).toBe(
      "Deleted Test Trainee A's profile and 1 attempt. New calls are now Trainee 1's.",
    );
  });
});
