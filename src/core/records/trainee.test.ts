import { describe, expect, it } from 'vitest';
import { byCreation, changedTrainee, newTrainee, traineeProblem } from './trainee';

const pin = { salt: 'c2FsdA==', hash: 'aGFzaA==', iterations: 600_000 };

describe('trainee profiles', () => {
  it('trims the details and leaves out empty optional ones', () => {
    expect(newTrainee({ name: '  Sam  ', badge: ' 4411 ', academyClass: '   ' }, 'id-1', 5)).toEqual({
      id: 'id-1',
      name: 'Sam',
      badge: '4411',
      createdAt: 5,
    });
    expect(newTrainee({ name: 'Sam', academyClass: 'Spring 2026', pin }, 'id-1', 5)).toEqual({
      id: 'id-1',
      name: 'Sam',
      academyClass: 'Spring 2026',
      createdAt: 5,
      pin,
    });
  });

  it('says what is wrong with details that cannot be saved', () => {
    expect(traineeProblem({ name: '  ' })).toBe('A trainee needs a name.');
    expect(traineeProblem({ name: 'x'.repeat(81) })).toBe('A name is at most 80 characters.');
    expect(traineeProblem({ name: 'Sam', badge: 'x'.repeat(41) })).toBe(
      'A badge or employee number is at most 40 characters.',
    );
    expect(traineeProblem({ name: 'Sam', academyClass: 'x'.repeat(81) })).toBe(
      'An academy class is at most 80 characters.',
    );
    expect(() => newTrainee({ name: '' }, 'id', 0)).toThrow('A trainee needs a name.');
  });

  it('changes only what is given; null removes an optional field', () => {
    const sam = newTrainee({ name: 'Sam', badge: '4411', academyClass: 'Spring', pin }, 'id-1', 5);
    expect(changedTrainee(sam, {})).toEqual(sam);
    expect(changedTrainee(sam, { name: ' Samira ' })).toEqual({ ...sam, name: 'Samira' });
    expect(changedTrainee(sam, { badge: null, pin: null })).toEqual({
      id: 'id-1',
      name: 'Sam',
      academyClass: 'Spring',
      createdAt: 5,
    });
    expect(changedTrainee(sam, { academyClass: '' })).toEqual({
      id: 'id-1',
      name: 'Sam',
      badge: '4411',
      createdAt: 5,
      pin,
    });
    expect(() => changedTrainee(sam, { name: ' ' })).toThrow('A trainee needs a name.');
  });

  it('orders oldest first, ties by id', () => {
    const list = [
      newTrainee({ name: 'b' }, 'b', 2),
      newTrainee({ name: 'c' }, 'c', 1),
      newTrainee({ name: 'a' }, 'a', 2),
    ];
    expect(list.sort(byCreation).map((t) => t.id)).toEqual(['c', 'a', 'b']);
  });
});
