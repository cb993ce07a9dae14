/** Events a player reports, so the UI can mark a clip unavailable or show what is playing. */
export type ClipEvent =
  | { type: 'play'; ref: string }
  | { type: 'end'; ref: string }
  | { type: 'unavailable'; ref: string; reason: string };

/**
 * Plays caller clips by reference ("scenario-id/line-id"). The app uses the howler implementation;
 * unit tests use a fake. A missing or undecodable clip never throws: it is reported unavailable and
 * the transcript carries the line.
 *
 * Besides the clip being heard (one at a time), it mixes sounds under it (audio/sounds/): a bed that
 * loops for as long as the caller is somewhere noisy, and one-off sounds under a line. Those report no
 * events (the call's state is about the caller's words) and a missing one is simply not heard. Levels
 * are in dB relative to a clip; the volume applies to everything, the rate to clips only.
 */
export interface ClipPlayer {
  /** Start loading clips likely to be needed next so a caller's answer starts without a gap. */
  preload(refs: readonly string[]): void;
  /** Stop whatever plays and play this clip; resolves when playback starts or the clip is unavailable. */
  play(ref: string): Promise<'playing' | 'unavailable'>;
  /** Stops the clip and any sound playing under it; the bed goes on. */
  stop(): void;
  /**
   * Loops this bed under everything at `gainDb` (at most 0) until stopLoop(), in place of any other
   * bed; asking for the bed already looping only changes its level. Seamless for a bed made as
   * bed-loop.ts describes.
   */
  loop(ref: string, gainDb: number): void;
  stopLoop(): void;
  /** Plays a sound once at `gainDb` (at most 0), mixed under the clip playing: it interrupts nothing. */
  playUnder(ref: string, gainDb: number): void;
  setVolume(volume: number): void;
  setRate(rate: number): void;
  onEvent(listener: (event: ClipEvent) => void): () => void;
}
