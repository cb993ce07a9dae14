import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from './memory-store';
import { entries, newAttempt, saved, storeContract } from '$tests/contracts/store-contract';

const REASON = 'IndexedDB is not available in this browser (private mode?): progress is not being saved.';

describe('memory store', () => {
  storeContract(async () => createMemoryStore(REASON));

  it('says it is not saving, and why', () => {
    expect(createMemoryStore(REASON).status()).toEqual({ persistent: false, reason: REASON });
  });

  it('does not reject when an entry cannot be copied, and says so', async () => {
    const store = createMemoryStore(REASON);
    const attempt = await store.createAttempt(newAttempt());
    const listener = vi.fn();
    store.onStatus(listener);
    const [first] = entries(1, 1);
    const bad = {
      ...saved(0),
      snapshot: { status: 'error' as const, output: undefined, error: () => 'not cloneable' },
    };
    await expect(store.appendEvents(attempt.id, 0, first ? [first] : [], bad)).resolves.toBe('ok');
    expect(listener).toHaveBeenCalledWith({
      persistent: false,
      reason: 'Progress could not be kept (DataCloneError).',
    });
  });
});
