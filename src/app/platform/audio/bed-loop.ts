/**
 * How a background bed loops without a gap. An MP3 decodes with the encoder's delay (silence) at the
 * start and padding at the end, so looping the whole file would drop out once per turn. A bed file
 * is therefore a loop of a whole number of seconds followed by its own first `BED_WRAP_SECONDS` again,
 * and the player loops a stretch exactly one period long that starts inside the file: since the
 * sound repeats with that period, the jump back is seamless wherever the decoder put the start.
 *
 * scripts/audio/sounds.ts writes beds this way; audio/README.md ("Sounds") tells anyone recording one.
 */

/** Seconds of the loop's beginning repeated at the end of a bed file. */
export const BED_WRAP_SECONDS = 1;

/** Where in the file the looped stretch starts: inside the wrap, clear of the decoder's delay. */
const LOOP_START_SECONDS = BED_WRAP_SECONDS / 2;

/**
 * The stretch to loop, in seconds, for a bed file that decodes to `durationSeconds` (encoder delay
 * and padding included, together well under a second). A file too short to hold a loop and its wrap
 * loops whole.
 */
export function bedLoop(durationSeconds: number): { start: number; length: number } {
  const period = Math.floor(durationSeconds - BED_WRAP_SECONDS);
  if (period < 1) return { start: 0, length: durationSeconds };
  return { start: LOOP_START_SECONDS, length: period };
}
