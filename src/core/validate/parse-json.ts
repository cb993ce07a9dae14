import { parse as parseTolerant, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { jsonPath, type Problem } from './problem';

/** A parsed file, with warnings about its form (a byte-order mark); or why it could not be parsed. */
export type ParseResult = { ok: true; value: unknown; warnings: Problem[] } | { ok: false; problem: Problem };

const BOM = '\uFEFF';

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
 * JSON.parse, and when it fails, where the text breaks as line and column (1-based): V8's own
 * messages do not always give a position, so a tolerant parser (jsonc-parser) locates the first
 * error. Duplicate keys are errors too; a leading byte-order mark is a warning.
 */
export function parseJson(source: string): ParseResult {
  // Some Windows editors save UTF-8 with a byte-order mark: accepted, and named so the author knows.
  const bom = source.startsWith(BOM);
  const text = bom ? source.slice(1) : source;
  const warnings: Problem[] = bom
    ? [
        {
          path: '$',
          message: 'the file starts with a byte-order mark (BOM), which is ignored',
          severity: 'warning',
        },
      ]
    : [];
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: syntaxProblem(text) };
  }
  // JSON.parse keeps the last of two equal keys and drops the first without a word: a state, a
  // response, a line the author wrote would vanish.
  const duplicate = duplicateKey(text);
  return duplicate ? { ok: false, problem: duplicate } : { ok: true, value, warnings };
}

function duplicateKey(text: string): Problem | undefined {
  const open: Set<string>[] = [];
  let found: Problem | undefined;
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (property, _offset, _length, startLine, startCharacter, pathSupplier) => {
      const keys = open.at(-1);
      if (!keys || found) return;
      if (keys.has(property)) {
        found = {
          path: jsonPath([...pathSupplier(), property]),
          message: `duplicate key "${property}" at line ${startLine + 1}, column ${startCharacter + 1}: JSON keeps only the last one, so the earlier is lost`,
        };
      }
      keys.add(property);
    },
  });
  return found;
}

/** Where the text breaks, as line and column (1-based), found by a tolerant parser. */
function syntaxProblem(text: string): Problem {
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
  return { path: '$', message: `malformed JSON at line ${line}, column ${column}: ${reason}` };
}
