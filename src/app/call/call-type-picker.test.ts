import { describe, expect, it } from 'vitest';
import { CALL_TYPES } from '$core/format/vocabulary';
import { CALL_TYPE_OPTIONS, filterCallTypes, moveHighlight } from './call-type-picker';

const codes = (query: string) => filterCallTypes(CALL_TYPE_OPTIONS, query).map((o) => o.code);

describe('call-type picker', () => {
  it('lists every call type once, each with a name', () => {
    expect(CALL_TYPE_OPTIONS.map((o) => o.code)).toEqual([...CALL_TYPES]);
    for (const o of CALL_TYPE_OPTIONS) expect(o.name, o.code).not.toBe('');
  });

  it('lists them all for an empty query', () => {
    expect(codes('')).toEqual([...CALL_TYPES]);
    expect(codes('   ')).toEqual([...CALL_TYPES]);
  });

  it('finds a type by the start of any word of its name or code, ignoring case', () => {
    expect(codes('w')).toEqual(['welfare-check', 'weapon-call']);
    expect(codes('CHECK')).toEqual(['welfare-check']);
    expect(codes('wel ch')).toEqual(['welfare-check']);
    expect(codes('behavioral-health')).toEqual(['behavioral-health-other']);
    expect(codes('suicid')).toEqual(['suicidal-ideation', 'suicide-attempt']);
  });

  it('does not match letters inside a word', () => {
    expect(codes('eck')).toEqual([]);
    expect(codes('xyz')).toEqual([]);
  });

  it('puts the types whose name begins with the query first', () => {
    // "attempt" begins "Suicide attempt" only in its second word; "a" begins Assault's name.
    expect(codes('a')).toEqual(['assault', 'suicide-attempt']);
    expect(codes('d')).toEqual(['domestic-dispute', 'disturbance', 'public-distress']);
  });

  it('moves the highlight down and up, wrapping at the ends', () => {
    expect(moveHighlight(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveHighlight(0, 3, 'ArrowDown')).toBe(1);
    expect(moveHighlight(2, 3, 'ArrowDown')).toBe(0);
    expect(moveHighlight(-1, 3, 'ArrowUp')).toBe(2);
    expect(moveHighlight(0, 3, 'ArrowUp')).toBe(2);
    expect(moveHighlight(2, 3, 'ArrowUp')).toBe(1);
    expect(moveHighlight(1, 3, 'Home')).toBe(0);
    expect(moveHighlight(1, 3, 'End')).toBe(2);
  });

  it('keeps a highlight left past a shorter list inside it, and has none in an empty list', () => {
    expect(moveHighlight(7, 3, 'ArrowDown')).toBe(0);
    expect(moveHighlight(7, 3, 'ArrowUp')).toBe(2);
    expect(moveHighlight(0, 0, 'ArrowDown')).toBe(-1);
  });
});
