/**
 * Sounds on the line other than the caller's words: beds (a TV, traffic, a party) and effects
 * (pounding on a door, a scream, the phone hitting the floor). They are clips under audio/sounds/,
 * referenced as "sounds/<name>" (audio/README.md, "Sounds").
 *
 * A scenario describes sounds in its lines' stage directions, "(pounding on a door) He's at the
 * door—"; the words below are what the validator reads as "this line describes a sound", so that a
 * described sound is always heard, not silently dropped. Only sounds something other than the
 * caller's own voice makes are listed: "(crying)", "(whispering)", "(screaming)" are how the caller
 * speaks, which the voice renders.
 */

/** The folder of sound clips: a clip reference starting with it names a sound, not caller words. */
export const SOUND_FOLDER = 'sounds/';

export const isSoundClip = (ref: string): boolean => ref.startsWith(SOUND_FOLDER);

/** Each kind of sound a stage direction may describe, and the words that describe it. */
export const SOUND_WORDS: readonly { sound: string; words: RegExp }[] = [
  { sound: 'music', words: /\bmusic\b/ },
  {
    sound: 'blows on a door',
    words: /\b(pounding|banging|knocking|hammering)\b|\bkick\w* (at |in )?the door\b/,
  },
  { sound: 'a bang or crash', words: /\b(bangs?|crash\w*|thud\w*|slam\w*)\b/ },
  { sound: 'something breaking', words: /\b(splinter\w*|shatter\w*|breaking glass|glass breaking)\b/ },
  { sound: 'the phone falling', words: /\bclatter\w*|\bphone (drops|falls|hits)\b|\bdrops the phone\b/ },
  { sound: 'the line going dead', words: /\bline goes dead\b|\bdial tone\b/ },
  { sound: 'a scream', words: /\ba scream\b/ },
  {
    sound: 'another voice',
    words:
      /\bin the background\b|\b(muffled|distant) (shouting|yelling|voices?)\b|\b(a|another) (man|woman|child|boy|girl|baby) (shouting|yelling|screaming|crying)\b|\bpeople (shouting|talking|yelling|laughing)\b/,
  },
  { sound: 'a siren', words: /\bsirens?\b/ },
  { sound: 'traffic', words: /\btraffic\b|\bcars? (passing|going by)\b|\bhorns?\b|\bhonking\b/ },
  { sound: 'wind', words: /\bwind\b/ },
  { sound: 'a TV or radio', words: /\b(tv|television|radio)\b/ },
  { sound: 'a crowd', words: /\bcrowd\b/ },
  { sound: 'a dog', words: /\bbark\w*\b/ },
  { sound: 'an alarm', words: /\balarm\b/ },
  { sound: 'gunshots', words: /\bgun ?shots?\b|\bshots fired\b/ },
];

const DIRECTION = /\(([^)]*)\)/g;

/** The stage directions of a line's text, without their parentheses. */
export function stageDirections(text: string): string[] {
  return [...text.matchAll(DIRECTION)].map((m) => m[1]!.trim());
}

/** A line that is only stage directions ("(the phone clatters)"): nothing for a voice to say. */
export function isOnlyStageDirection(text: string): boolean {
  return text.replace(DIRECTION, '').trim() === '' && stageDirections(text).length > 0;
}

/**
 * The words in a line's stage directions that describe a sound, as written: "(pounding on a door,
 * muffled shouting)" → ["pounding", "muffled shouting"]. Empty when the directions describe none.
 */
export function describedSounds(text: string): string[] {
  const found: string[] = [];
  for (const direction of stageDirections(text)) {
    const lower = direction.toLowerCase();
    for (const { words } of SOUND_WORDS) {
      const match = words.exec(lower);
      if (match && !found.includes(match[0])) found.push(match[0]);
    }
  }
  return found;
}
