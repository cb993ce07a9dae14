import { describe, expect, it } from 'vitest';
import type { LogEntry } from '$core/engine/events';
import { line } from '$tests/support/factories';
import { transcriptRows } from './transcript-rows';

const at = (seq: number, ms: number, rest: Record<string, unknown>) =>
  ({ seq, at: ms, state: 'opening', ...rest }) as LogEntry;

describe('the live transcript', () => {
  const log: LogEntry[] = [
    at(0, 0, { kind: 'trainee', action: { type: 'answer' } }),
    at(1, 500, { kind: 'caller', line: line('open') }),
    at(2, 1500, { kind: 'caller', line: line('knife', 'He has a knife.'), unsaid: true }),
    at(3, 1500, { kind: 'caller', line: line('where', 'In the kitchen.'), unsaid: true }),
    at(4, 1500, { kind: 'trainee', action: { type: 'ask', question: 'case.address' } }),
    at(5, 9000, { kind: 'system', event: 'ended' }),
  ];

  it('never shows words the caller did not say: one mark where the trainee spoke over them', () => {
    const rows = transcriptRows(log, []);
    expect(rows.map((r) => r.kind)).toEqual(['entry', 'entry', 'cut', 'entry']);
    expect(rows[2]).toMatchObject({ kind: 'cut', at: 1500 });
    expect(JSON.stringify(rows)).not.toContain('knife');
  });

  it('lists what the trainee said over a caller who keeps talking, last, as waiting', () => {
    const rows = transcriptRows(log.slice(0, 2), [{ type: 'ask', question: 'safety.weapon' }]);
    expect(rows.at(-1)).toMatchObject({
      kind: 'waiting',
      action: { type: 'ask', question: 'safety.weapon' },
    });
  });
});
