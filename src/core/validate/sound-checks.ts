import type { Scenario } from '../format/scenario';
import { describedSounds, isOnlyStageDirection, isSoundClip } from '../format/sounds';
import { allLinesOf } from './lines';
import type { Problem } from './problem';

const missingFile = (ref: string) =>
  `missing audio file for "${ref}" (looked for audio/${ref}.{opus,ogg,mp3,wav})`;

/**
 * Every sound a line describes is heard: a line whose stage directions describe a sound carries a
 * sound clip (its `audio` under sounds/, a `sound`, or a `background`); a line that is only such a
 * stage direction plays the sound as its clip (otherwise it is a stretch of empty line); a line with
 * words is never replaced by a sound clip. Sound clips exist like any clip: a missing one is an error
 * in an approved scenario, a warning in a draft (`missingSeverity`).
 */
export function soundProblems(
  s: Scenario,
  audioExists: ((ref: string) => boolean) | undefined,
  missingSeverity: 'warning' | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const missing = (path: string, ref: string) => {
    if (audioExists && !audioExists(ref)) {
      problems.push({
        path,
        message: missingFile(ref),
        ...(missingSeverity ? { severity: missingSeverity } : {}),
      });
    }
  };
  if (s.caller.background) missing('$.caller.background.audio', s.caller.background.audio);
  for (const [line, path] of allLinesOf(s)) {
    if (line.sound) missing(`${path}.sound.audio`, line.sound.audio);
    if (line.background) missing(`${path}.background.audio`, line.background.audio);
    const described = describedSounds(line.text);
    const soundClip = isSoundClip(line.audio);
    const onlyDirection = isOnlyStageDirection(line.text);
    const words = described.map((w) => `"${w}"`).join(', ');
    if (soundClip && !onlyDirection) {
      problems.push({
        path: `${path}.audio`,
        message: `the caller's words would never be heard: a sound clip ("${line.audio}") is the audio only of a line that is only a stage direction; give the line its own clip and the sound as "sound"`,
      });
    } else if (described.length > 0 && onlyDirection && !soundClip) {
      problems.push({
        path: `${path}.audio`,
        message: `the line is only a stage direction describing a sound (${words}), so its clip is the sound: "audio": "sounds/<name>"`,
      });
    } else if (described.length > 0 && !soundClip && !line.sound && !line.background) {
      problems.push({
        path,
        message: `the stage direction describes a sound (${words}) that is never heard: give the line a "sound": { "audio": "sounds/<name>", "levelDb": … } (or a "background" when it changes what runs under the caller)`,
      });
    }
  }
  return problems;
}

/** Every sound clip the scenario plays: its bed, and each line's sound, bed, or clip under sounds/. */
export function soundClipsOf(s: Scenario): string[] {
  const refs = new Set<string>();
  if (s.caller.background) refs.add(s.caller.background.audio);
  for (const [line] of allLinesOf(s)) {
    if (isSoundClip(line.audio)) refs.add(line.audio);
    if (line.sound) refs.add(line.sound.audio);
    if (line.background) refs.add(line.background.audio);
  }
  return [...refs];
}
