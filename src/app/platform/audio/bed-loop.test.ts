import { describe, expect, it } from 'vitest';
import { BED_WRAP_SECONDS, bedLoop } from './bed-loop';

describe('bedLoop: the stretch of a bed file that loops', () => {
  it('is exactly the period, whatever delay and padding the decoder added', () => {
    // A 20 s loop and its 1 s wrap, decoded with 37 ms of encoder delay and up to 72 ms of padding.
    for (const extra of [0, 0.037, 0.109]) {
      const { start, length } = bedLoop(20 + BED_WRAP_SECONDS + extra);
      expect(length).toBe(20);
      // It starts inside the wrap, past the delay, and ends before the wrap runs out.
      expect(start).toBeGreaterThan(extra);
      expect(start + length).toBeLessThanOrEqual(20 + BED_WRAP_SECONDS);
    }
  });

  it('loops a file too short to hold a loop and its wrap whole', () => {
    expect(bedLoop(1.5)).toEqual({ start: 0, length: 1.5 });
  });
});
