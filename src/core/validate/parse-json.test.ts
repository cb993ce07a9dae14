import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json';

/** The reason after the location is a plain-words name of the first error the tolerant parser finds. */
function problemOf(text: string): string {
  const result = parseJson(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be malformed`);
  expect(result.problem.path).toBe('$');
  return result.problem.message;
}

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{\n  "a": [1, 2, {"b": null}],\n  "c": "d"\n}\n')).toEqual({
      ok: true,
      value: { a: [1, 2, { b: null }], c: 'd' },
      warnings: [],
    });
    expect(parseJson('  "just a string"  ')).toEqual({ ok: true, value: 'just a string', warnings: [] });
  });

  it('accepts a byte-order mark and names it in a warning', () => {
    expect(parseJson('\uFEFF{"a": 1}')).toEqual({
      ok: true,
      value: { a: 1 },
      warnings: [
        {
          path: '$',
          message: 'the file starts with a byte-order mark (BOM), which is ignored',
          severity: 'warning',
        },
      ],
    });
  });

  it('rejects a duplicate key, naming where it is, since JSON would silently keep only the last', () => {
    expect(parseJson('{\n  "states": {\n    "a": {},\n    "b": {},\n    "a": {"lines": []}\n  }\n}')).toEqual(
      {
        ok: false,
        problem: {
          path: '$.states.a',
          message:
            'duplicate key "a" at line 5, column 5: JSON keeps only the last one, so the earlier is lost',
        },
      },
    );
    // The same key in two different objects is fine.
    expect(parseJson('{"a": {"x": 1}, "b": {"x": 2}}').ok).toBe(true);
  });

  it('locates a trailing comma on line 3 at the brace it runs into', () => {
    const text = ['{', '  "formatVersion": 1,', '  "id": "x", }', ''].join('\n');
    expect(problemOf(text)).toBe(
      'malformed JSON at line 3, column 14: expected a property name in double quotes (is there a trailing comma?)',
    );
  });

  it('locates a trailing comma at the end of line 3 on the next line, where the parser breaks', () => {
    const text = ['{', '  "a": 1,', '  "b": 2,', '}', ''].join('\n');
    expect(problemOf(text)).toBe(
      'malformed JSON at line 4, column 1: expected a property name in double quotes (is there a trailing comma?)',
    );
  });

  it('reports an unterminated object at the end of the text', () => {
    expect(problemOf('{"a": 1')).toBe("malformed JSON at line 1, column 8: expected '}' to close the object");
    expect(problemOf('{\n  "a": {\n    "b": 1\n')).toBe(
      "malformed JSON at line 4, column 1: expected '}' to close the object",
    );
  });

  it('reports an empty or blank file at its end', () => {
    expect(problemOf('')).toBe('malformed JSON at line 1, column 1: the file is empty');
    expect(problemOf('   ')).toBe('malformed JSON at line 1, column 4: the file is empty');
  });

  it('locates a missing colon', () => {
    expect(problemOf('{\n  "a" 1\n}')).toBe(
      "malformed JSON at line 2, column 7: expected ':' after the property name",
    );
  });

  it('locates text after the value without repeating the raw position', () => {
    expect(problemOf('{"a": 1}\n}')).toBe(
      'malformed JSON at line 2, column 1: unexpected text after the end of the JSON',
    );
  });

  it('locates an unexpected token where it is, not at the end of the file', () => {
    const text = ['{', '  "a": 1,', '  "b": yes,', '  "c": 3', '}'].join('\n');
    expect(problemOf(text)).toMatch(/^malformed JSON at line 3, column 8: /);
  });

  it('keeps the message on one line', () => {
    const text = ['{', '  "a": 1,', '  "b": yes,', '  "c": 3', '}'].join('\n');
    expect(problemOf(text)).not.toContain('\n');
  });
});
