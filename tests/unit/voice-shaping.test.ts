// The spectral voice shaping of the audio pipeline on a synthetic vowel (a 120 Hz glottal pulse
// train through two formant resonators): a whisper keeps the vowel's spectral envelope but loses
// its pitch; a formant shift moves the envelope but keeps the pitch.
import { describe, expect, it } from 'vitest';
import { shapeVoice } from '../../scripts/audio/voice-shaping';

const RATE = 16000;

/** One second of an /a/-like vowel: pulses at `f0` through resonators at 700 and 1200 Hz. */
function vowel(f0: number): Float32Array {
  const pulses = new Float64Array(RATE);
  for (let t = 0; t < RATE; t += RATE / f0) pulses[Math.round(t)] = 1;
  let signal = Array.from(pulses);
  for (const [freq, bandwidth] of [
    [700, 90],
    [1200, 110],
  ] as const) {
    const r = Math.exp((-Math.PI * bandwidth) / RATE);
    const a1 = 2 * r * Math.cos((2 * Math.PI * freq) / RATE);
    const a2 = -r * r;
    const out: number[] = [];
    for (let n = 0; n < signal.length; n++) {
      out.push(signal[n]! + a1 * (out[n - 1] ?? 0) + a2 * (out[n - 2] ?? 0));
    }
    signal = out;
  }
  const peak = Math.max(...signal.map(Math.abs));
  return Float32Array.from(signal, (v) => (0.5 * v) / peak);
}

/** Middle half second, so the edges of the frames don't count. */
const middle = (x: Float32Array) => x.subarray(RATE / 4, (3 * RATE) / 4);

/** Highest normalised autocorrelation at a pitch period of 70-400 Hz, and the frequency it is at. */
function periodicity(x: Float32Array): { peak: number; hz: number } {
  let best = { peak: 0, hz: 0 };
  const n = x.length - RATE / 70;
  for (let lag = Math.floor(RATE / 400); lag <= Math.ceil(RATE / 70); lag++) {
    let c = 0;
    let e0 = 0;
    let e1 = 0;
    for (let i = 0; i < n; i++) {
      c += x[i]! * x[i + lag]!;
      e0 += x[i]! ** 2;
      e1 += x[i + lag]! ** 2;
    }
    const r = c / Math.sqrt(e0 * e1);
    if (r > best.peak) best = { peak: r, hz: RATE / lag };
  }
  return best;
}

/** Mean frequency weighted by energy in the 300-3400 Hz band (a DFT every 20 Hz). */
function centroid(x: Float32Array): number {
  let weighted = 0;
  let total = 0;
  for (let f = 300; f <= 3400; f += 20) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < x.length; i++) {
      const w = (2 * Math.PI * f * i) / RATE;
      re += x[i]! * Math.cos(w);
      im -= x[i]! * Math.sin(w);
    }
    const energy = re * re + im * im;
    weighted += f * energy;
    total += energy;
  }
  return weighted / total;
}

describe('voice shaping', () => {
  const voiced = vowel(120);

  it("whispers: the pitch is gone, the vowel's spectral shape stays", () => {
    const whisper = shapeVoice(voiced, { formant: 1, whisper: true, seed: 7 });
    expect(periodicity(middle(voiced)).peak).toBeGreaterThan(0.9);
    expect(periodicity(middle(whisper)).peak).toBeLessThan(0.5);
    expect(Math.abs(centroid(middle(whisper)) - centroid(middle(voiced)))).toBeLessThan(250);
  });

  it('is repeatable: the same seed gives the same samples', () => {
    const a = shapeVoice(voiced, { formant: 1, whisper: true, seed: 7 });
    const b = shapeVoice(voiced, { formant: 1, whisper: true, seed: 7 });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('moves the formants up by the factor and leaves the pitch where it was', () => {
    const shifted = shapeVoice(voiced, { formant: 1.15, whisper: false, seed: 0 });
    const before = periodicity(middle(voiced));
    const after = periodicity(middle(shifted));
    expect(after.peak).toBeGreaterThan(0.8);
    expect(Math.abs(after.hz - before.hz)).toBeLessThan(2);
    const ratio = centroid(middle(shifted)) / centroid(middle(voiced));
    expect(ratio).toBeGreaterThan(1.08);
    expect(ratio).toBeLessThan(1.22);
  });

  it('leaves the samples alone at factor 1 without a whisper', () => {
    expect(shapeVoice(voiced, { formant: 1, whisper: false, seed: 0 })).toEqual(voiced);
  });
});
