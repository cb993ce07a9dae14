/**
 * Spectral voice shaping that sox cannot do, on mono float samples (16 kHz): moving the formants
 * without moving the pitch (a longer or shorter vocal tract), and whispering (the voice's spectral
 * envelope excited by noise instead of the vocal folds). Short-time Fourier transform, 32 ms frames,
 * 75 % overlap; the envelope is the cepstrally smoothed magnitude spectrum. Deterministic: the
 * whisper noise comes from a seeded generator, so a rebuild gives the same bytes.
 */

const FRAME = 512;
const HOP = FRAME / 4;
/** Cepstral coefficients kept for the envelope: 1.5 ms at 16 kHz, under the period of any voice (<= 400 Hz). */
const LIFTER = 24;
/** A whisper has little low end (no voicing, a breathy source): below 1 kHz (bin 32 at 16 kHz) it falls 6 dB an octave. */
const WHISPER_TILT_BIN = 32;

export interface Shaping {
  /** Multiplies every formant frequency: > 1 a shorter vocal tract (smaller, younger), < 1 a longer one. */
  formant: number;
  /** Replace the voiced excitation by noise: the same words, whispered. */
  whisper: boolean;
  /** Seed of the whisper noise. */
  seed: number;
}

/** In-place radix-2 complex FFT (inverse when `inverse`, unscaled). */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / size;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let start = 0; start < n; start += size) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < size / 2; k++) {
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smoothed log-magnitude envelope of one spectrum (bins 0..FRAME/2), by cepstral liftering. */
function logEnvelope(re: Float64Array, im: Float64Array): Float64Array {
  const cr = new Float64Array(FRAME);
  const ci = new Float64Array(FRAME);
  for (let k = 0; k < FRAME; k++) cr[k] = Math.log(Math.hypot(re[k]!, im[k]!) + 1e-9);
  fft(cr, ci, true);
  for (let q = 0; q < FRAME; q++) {
    const kept = q < LIFTER || q > FRAME - LIFTER;
    cr[q] = kept ? cr[q]! / FRAME : 0;
    ci[q] = 0;
  }
  fft(cr, ci, false);
  return cr.subarray(0, FRAME / 2 + 1);
}

/** The envelope read at bin k / factor (linear interpolation): formants move up by `factor`. */
function warped(env: Float64Array, k: number, factor: number): number {
  const x = Math.min(k / factor, FRAME / 2);
  const i = Math.floor(x);
  const f = x - i;
  return i >= FRAME / 2 ? env[FRAME / 2]! : env[i]! * (1 - f) + env[i + 1]! * f;
}

/** The shaped samples, same length. `shaping.formant === 1 && !shaping.whisper` returns a copy. */
export function shapeVoice(samples: Float32Array, shaping: Shaping): Float32Array {
  if (shaping.formant === 1 && !shaping.whisper) return Float32Array.from(samples);
  const window = Float64Array.from(
    { length: FRAME },
    (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / FRAME),
  );
  // Hann analysis and synthesis at 75 % overlap sum to 1.5: divide it out.
  const overlapGain = 1.5;
  const padded = new Float64Array(samples.length + 2 * FRAME);
  padded.set(samples, FRAME);
  const out = new Float64Array(padded.length);
  const noise = random(shaping.seed);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  for (let start = 0; start + FRAME <= padded.length; start += HOP) {
    for (let n = 0; n < FRAME; n++) {
      re[n] = padded[start + n]! * window[n]!;
      im[n] = 0;
    }
    fft(re, im, false);
    const env = logEnvelope(re, im);
    for (let k = 0; k <= FRAME / 2; k++) {
      const target = warped(env, k, shaping.formant);
      let mr: number;
      let mi: number;
      if (shaping.whisper) {
        // Unit-magnitude noise with a random phase, shaped by the (moved) envelope.
        const phase = 2 * Math.PI * noise();
        const gain = Math.exp(target) * Math.min(1, k / WHISPER_TILT_BIN);
        mr = gain * Math.cos(phase);
        mi = gain * Math.sin(phase);
      } else {
        const gain = Math.exp(target - env[k]!);
        mr = re[k]! * gain;
        mi = im[k]! * gain;
      }
      re[k] = mr;
      im[k] = mi;
      if (k > 0 && k < FRAME / 2) {
        re[FRAME - k] = mr;
        im[FRAME - k] = -mi;
      }
    }
    im[0] = 0;
    im[FRAME / 2] = 0;
    fft(re, im, true);
    for (let n = 0; n < FRAME; n++) {
      out[start + n] = out[start + n]! + ((re[n]! / FRAME) * window[n]!) / overlapGain;
    }
  }
  return Float32Array.from(out.subarray(FRAME, FRAME + samples.length));
}
