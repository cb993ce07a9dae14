import { describe, expect, it, vi } from 'vitest';
import {
  MAX_PIN_ITERATIONS,
  MIN_PIN_ITERATIONS,
  PIN_ITERATIONS,
  PIN_RULE,
  fromBase64,
  hashPin,
  pinProblem,
  toBase64,
  verifyPin,
} from './pin';

describe('PIN rules', () => {
  it('accepts 4 to 12 digits', () => {
    for (const pin of ['0000', '1234', '0123456789', '999999999999']) expect(pinProblem(pin)).toBeUndefined();
  });

  it('says plainly what is wrong', () => {
    expect(PIN_RULE).toBe('A PIN is 4 to 12 digits (0–9), nothing else.');
    expect(pinProblem('')).toBe(`Enter a PIN. ${PIN_RULE}`);
    expect(pinProblem('123')).toBe(`That PIN is too short. ${PIN_RULE}`);
    expect(pinProblem('1234567890123')).toBe(`That PIN is too long. ${PIN_RULE}`);
    for (const pin of ['12a4', '12 34', ' 1234', '1234\n', '١٢٣٤', '12.34', '-1234']) {
      expect(pinProblem(pin)).toBe(`A PIN has digits only: no letters, spaces or symbols. ${PIN_RULE}`);
    }
  });
});

describe('hashPin and verifyPin', () => {
  it('hashes with PBKDF2-SHA-256, a random 16-byte salt and at least 100,000 iterations', async () => {
    const stored = await hashPin('2468');
    expect(stored.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    expect(fromBase64(stored.salt)).toHaveLength(16);
    expect(fromBase64(stored.hash)).toHaveLength(32);
    // The same derivation, done independently.
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('2468'), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(stored.salt), iterations: PIN_ITERATIONS },
      key,
      256,
    );
    expect(toBase64(new Uint8Array(bits))).toBe(stored.hash);
  });

  it('salts every hash: the same PIN twice gives different hashes', async () => {
    const [a, b] = await Promise.all([hashPin('2468'), hashPin('2468')]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('verifies the right PIN only', async () => {
    const stored = await hashPin('024680');
    expect(await verifyPin('024680', stored)).toBe(true);
    expect(await verifyPin('24680', stored)).toBe(false); // a leading zero matters
    expect(await verifyPin('024681', stored)).toBe(false);
    expect(await verifyPin('0246800', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    expect(await verifyPin('abcd', stored)).toBe(false);
  });

  it('verifies with the iteration count stored with the hash', async () => {
    const stored = await hashPin('1357', { iterations: MIN_PIN_ITERATIONS });
    expect(stored.iterations).toBe(MIN_PIN_ITERATIONS);
    expect(await verifyPin('1357', stored)).toBe(true);
  });

  it('compares every byte of the derived hash, not just up to the first difference', async () => {
    const stored = await hashPin('1357');
    // A hash differing only in its last byte must not match.
    const bytes = fromBase64(stored.hash);
    bytes[31] = bytes[31]! ^ 1;
    expect(await verifyPin('1357', { ...stored, hash: toBase64(bytes) })).toBe(false);
  });

  it('never matches a malformed or out-of-bounds stored hash (an edited or imported one)', async () => {
    const stored = await hashPin('1357');
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    expect(await verifyPin('1357', { ...stored, iterations: MAX_PIN_ITERATIONS + 1 })).toBe(false);
    expect(await verifyPin('1357', { ...stored, iterations: 10 })).toBe(false);
    expect(await verifyPin('1357', { ...stored, iterations: 1.5 * MIN_PIN_ITERATIONS + 0.5 })).toBe(false);
    expect(await verifyPin('1357', { ...stored, salt: '***' })).toBe(false);
    expect(await verifyPin('1357', { ...stored, salt: '' })).toBe(false);
    expect(await verifyPin('1357', { ...stored, hash: toBase64(new Uint8Array(16)) })).toBe(false);
    expect(derive).not.toHaveBeenCalled(); // rejected before any slow work
    derive.mockRestore();
  });

  it('refuses to hash a PIN that breaks the rules, or with too few iterations', async () => {
    await expect(hashPin('12')).rejects.toThrow(`That PIN is too short. ${PIN_RULE}`);
    await expect(hashPin('12ab')).rejects.toThrow(PIN_RULE);
    await expect(hashPin('1234', { iterations: 1000 })).rejects.toThrow(
      'PIN hashing needs 100000 to 10000000 iterations, not 1000.',
    );
  });
});
