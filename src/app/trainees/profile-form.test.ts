import { describe, expect, it } from 'vitest';
import type { TraineeProfile } from '../platform/storage/types';
import {
  changeFrom,
  describeTrainee,
  emptyFields,
  fieldsOf,
  fieldsProblem,
  newPinProblem,
  newTraineeFrom,
} from './profile-form';

const trainee = (over: Partial<TraineeProfile> = {}): TraineeProfile => ({
  id: 't1',
  name: 'Test Trainee A',
  createdAt: 1,
  ...over,
});

describe('profile form', () => {
  it('round-trips a profile through the fields', () => {
    const t = trainee({ badge: '123', academyClass: '2026-B' });
    expect(fieldsOf(t)).toEqual({ name: 'Test Trainee A', badge: '123', academyClass: '2026-B' });
    expect(changeFrom(t, fieldsOf(t))).toEqual({});
  });

  it('names what is wrong with the fields', () => {
    expect(fieldsProblem(emptyFields())).toBe('A trainee needs a name.');
    expect(fieldsProblem({ name: '  ', badge: '', academyClass: '' })).toBe('A trainee needs a name.');
    expect(fieldsProblem({ name: 'x'.repeat(81), badge: '', academyClass: '' })).toMatch(/at most 80/);
    expect(fieldsProblem({ name: 'Test Trainee', badge: '', academyClass: '' })).toBeUndefined();
  });

  it('leaves empty optional fields out of a new profile', () => {
    expect(newTraineeFrom({ name: 'Test Trainee', badge: ' ', academyClass: '' })).toEqual({
      name: 'Test Trainee',
    });
    expect(newTraineeFrom({ name: 'Test Trainee', badge: '42', academyClass: 'A' })).toEqual({
      name: 'Test Trainee',
      badge: '42',
      academyClass: 'A',
    });
  });

  it('changes only what differs, and removes an emptied optional field', () => {
    const t = trainee({ badge: '123' });
    expect(changeFrom(t, { name: 'Test Trainee B', badge: '', academyClass: 'C1' })).toEqual({
      name: 'Test Trainee B',
      badge: null,
      academyClass: 'C1',
    });
    expect(changeFrom(t, { name: ' Test Trainee A ', badge: '123', academyClass: '' })).toEqual({});
  });

  it('checks a new PIN typed twice', () => {
    expect(newPinProblem('', '', true)).toBeUndefined();
    expect(newPinProblem('', '')).toMatch(/^Enter a PIN/);
    expect(newPinProblem('12a4', '12a4')).toMatch(/digits only/);
    expect(newPinProblem('123', '123')).toMatch(/too short/);
    expect(newPinProblem('1234', '1235')).toMatch(/not the same/);
    expect(newPinProblem('1234', '1234')).toBeUndefined();
  });

  it('describes a profile with what tells people apart', () => {
    expect(describeTrainee(trainee())).toBe('Test Trainee A');
    expect(describeTrainee(trainee({ badge: '7', academyClass: 'Fall' }))).toBe(
      'Test Trainee A (badge 7, class Fall)',
    );
  });
});
