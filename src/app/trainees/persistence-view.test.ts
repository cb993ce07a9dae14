import { describe, expect, it } from 'vitest';
import { describePersistence, describeRequest, megabytes } from './persistence-view';

describe('persistence view', () => {
  it('shows sizes in MB', () => {
    expect(megabytes(2_150_000)).toBe('2.1 MB');
    expect(megabytes(1_234_000_000)).toBe('1,234 MB');
  });

  it('warns unless the browser keeps the data', () => {
    expect(describePersistence({ state: 'granted', usage: 1_000_000, quota: 500_000_000 })).toEqual({
      state: 'Granted: the browser keeps this data even when the disk runs low.',
      usage: '1.0 MB of 500 MB used',
      warning: undefined,
    });
    const not = describePersistence({ state: 'not-granted' });
    expect(not.state).toBe('Not granted.');
    expect(not.usage).toBeUndefined();
    expect(not.warning).toMatch(/may delete this data when the computer runs low on storage/);
    expect(describePersistence({ state: 'unsupported', usage: 3_000_000 })).toMatchObject({
      usage: '3.0 MB used',
      warning: expect.stringMatching(/may delete/),
    });
  });

  it('words the browser’s answer', () => {
    expect(describeRequest('granted')).toBe('The browser agreed to keep this data.');
    expect(describeRequest('denied')).toMatch(/did not agree/);
    expect(describeRequest('unsupported')).toMatch(/cannot be asked/);
  });
});
