/**
 * Trainee and trainer PINs, stored as a salted PBKDF2-SHA-256 hash through WebCrypto
 * (globalThis.crypto.subtle: browsers, and Node 20 and later).
 *
 * This is a privacy screen for a shared training-room machine, not strong security: anyone who can
 * read the browser's storage can try every PIN offline. A 4-digit PIN has 10,000 values; at about
 * 0.1 s a guess (600,000 iterations on a desktop) trying them all takes under half an hour on one
 * core. The iterations make casual guessing slow and longer PINs expensive to search (8 digits:
 * years), nothing more. The UI must say so.
 */

export interface PinHash {
  /** base64, 16 random bytes. */
  salt: string;
  /** base64, 32 bytes of PBKDF2-HMAC-SHA-256 output. */
  hash: string;
  iterations: number;
}

/**
 * 600,000: OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA-256 (2023). Well above
 * the 100,000 floor; about 0.1 s per hash in Node on a laptop and up to about 1 s on an old
 * training-room PC, which is fine for an unlock step that happens once per session.
 */
export const PIN_ITERATIONS = 600_000;
/** Lowest and highest counts accepted from a stored or imported hash (the highest bounds the time to check one). */
export const MIN_PIN_ITERATIONS = 100_000;
export const MAX_PIN_ITERATIONS = 10_000_000;

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 12;
export const PIN_RULE = `A PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits (0–9), nothing else.`;

const SALT_BYTES = 16;
const HASH_BITS = 256;

/** Why this PIN cannot be used, in words for the person typing it; undefined when it can. */
export function pinProblem(pin: string): string | undefined {
  if (pin === '') return `Enter a PIN. ${PIN_RULE}`;
  if (!/^\d*$/.test(pin)) return `A PIN has digits only: no letters, spaces or symbols. ${PIN_RULE}`;
  if (pin.length < PIN_MIN_DIGITS) return `That PIN is too short. ${PIN_RULE}`;
  if (pin.length > PIN_MAX_DIGITS) return `That PIN is too long. ${PIN_RULE}`;
  return undefined;
}

/**
 * Whether a PIN is among the first anyone would try: one digit repeated (0000) or a straight run
 * up or down (1234, 98765, 789012). Refused for the trainer PIN, which guards every trainee's records.
 */
export function guessablePin(pin: string): boolean {
  const digits = [...pin].map(Number);
  // Steps modulo 10, so a run that wraps (…8901…) is a run too.
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
  return steps.size === 1 && [0, 1, 9].includes([...steps][0]!);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text); // throws on anything that is not base64
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error(
      'This browser cannot hash a PIN (WebCrypto is missing; is the page served over plain HTTP?).',
    );
  }
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(
    await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS),
  );
}

/** Compares every byte whatever the first difference, so the time taken does not tell where it is. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** A new salted hash of `pin`. Rejects, with PIN_RULE's words, a PIN that breaks the rules. */
export async function hashPin(pin: string, options: { iterations?: number } = {}): Promise<PinHash> {
  const problem = pinProblem(pin);
  if (problem) throw new Error(problem);
  const iterations = options.iterations ?? PIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_PIN_ITERATIONS || iterations > MAX_PIN_ITERATIONS) {
    throw new Error(
      `PIN hashing needs ${MIN_PIN_ITERATIONS} to ${MAX_PIN_ITERATIONS} iterations, not ${iterations}.`,
    );
  }
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { salt: toBase64(salt), hash: toBase64(await derive(pin, salt, iterations)), iterations };
}

/** Whether a stored value is a PinHash (of a usable shape: verifyPin checks the rest). */
export function isPinHash(value: unknown): value is PinHash {
  if (typeof value !== 'object' || value === null) return false;
  const { salt, hash, iterations } = value as Record<string, unknown>;
  return (
    typeof salt === 'string' &&
    typeof hash === 'string' &&
    Number.isInteger(iterations) &&
    (iterations as number) >= MIN_PIN_ITERATIONS &&
    (iterations as number) <= MAX_PIN_ITERATIONS
  );
}

/** True when `pin` is the one `stored` was made from. A malformed stored hash never matches. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (pinProblem(pin)) return false;
  const { iterations } = stored;
  if (!Number.isInteger(iterations) || iterations < MIN_PIN_ITERATIONS || iterations > MAX_PIN_ITERATIONS) {
    return false;
  }
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
    expected = fromBase64(stored.hash);
  } catch {
    return false;
  }
  if (salt.length === 0 || expected.length !== HASH_BITS / 8) return false;
  return sameBytes(await derive(pin, salt, iterations), expected);
}
