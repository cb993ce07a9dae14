import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Problem } from './problem';

export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** Plain words for jsonc-parser's error codes. */
const REASONS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes (is there a trailing comma?)',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between items",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the list",
  EndOfFileExpected: 'unexpected text after the end of the JSON',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/**
 * JSON.parse, and when it fails, where the text breaks as line and column (1-based). V8's own
 * messages do not always give a position, so a tolerant parser (jsonc-parser) locates the first error.
 */
export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const reason = text.trim() === '' ? 'the file is empty' : (REASONS[code] ?? code);
    return {
      ok: false,
      problem: { path: '$', message: `malformed JSON at line ${line}, column ${column}: ${reason}` },
    };
  }
}
