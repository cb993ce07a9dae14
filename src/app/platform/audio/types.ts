/** Events a player reports, so the UI can mark a clip unavailable or show what is playing. */
export type ClipEvent =
  | { type: 'play'; ref: string }
  | { type: 'end'; ref: string }
  | { type: 'unavailable'; ref: string; reason: string };

/**
 * Plays caller clips by reference ("scenario-id/line-id"). The app uses the howler implementation;
 * unit tests use a fake. A missing or undecodable clip never throws: it is reported unavailable and
 * the transcript carries the line.
 */
export interface ClipPlayer {
  /** Start loading clips likely to be needed next so a caller's answer starts without a gap. */
  preload(refs: readonly string[]): void;
  /** Stop whatever plays and play this clip; resolves when playback starts or the clip is unavailable. */
  play(ref: string): Promise<'playing' | 'unavailable'>;
  stop(): void;
  setVolume(volume: number): void;
  setRate(rate: number): void;
  onEvent(listener: (event: ClipEvent) => void): () => void;
}
