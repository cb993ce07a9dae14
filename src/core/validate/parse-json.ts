import type { Problem } from './problem';

export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** JSON.parse that reports where the text breaks as line and column, 1-based. */
export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(raw);
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const reason = raw.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { ok: false, problem: { path: '$', message: `malformed JSON at line ${line}, column ${column}: ${reason}` } };
  }
}
