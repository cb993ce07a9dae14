/**
 * From a transcript line to what the synthesizer reads. The transcript (and so the captions) keeps
 * everything; the voice drops stage directions, speaks plain ASCII the engines understand, and says
 * numbers the way a caller would.
 */

/** One sentence to synthesize, and whether a hesitation ("...") comes before it. */
export interface Sentence {
  text: string;
  hesitation: boolean;
}

/** Acronyms that stay spelled out; any other all-caps word is shouting and is read as a word. */
const ACRONYMS = new Set([
  'EMS',
  'CPR',
  'ICU',
  'ADHD',
  'PTSD',
  'OCD',
  'DUI',
  'ATM',
  'SUV',
  'GPS',
  'HIV',
  'ASAP',
  'ID',
  'ER',
  'VA',
  'TV',
  'OK',
  'AA',
  'NA',
]);

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "(away from the phone) Danny!" → "Danny!": parentheses are stage directions, never spoken. */
export function stripStageDirections(text: string): string {
  let out = text;
  // Repeat for nested parentheses, innermost first.
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(/\([^()]*\)/g, ' ');
  }
  return out.replace(/[()]/g, ' ');
}

/** Typographic characters to ASCII; dashes become a spoken break; anything else non-ASCII goes. */
export function toAscii(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033"]/g, ' ')
    .replace(/\u2026/g, '...')
    .replace(/\s*[\u2013\u2014\u2015]+\s*/g, ', ')
    .replace(/\s+--+\s+/g, ', ')
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, ' ');
}

/** Numbers said the way people say them on the phone. Festival handles the rest (phone numbers, times). */
export function speakNumbers(text: string): string {
  return (
    text
      // Crisis lines are said digit by digit: "nine eight eight", "nine one one".
      .replace(/\b(988|911)\b/g, (n) => n.split('').join(' '))
      // A house number before a street name: "4407 Fifth" → "44 oh 7 Fifth", "2800 Elm" → "28 hundred Elm".
      .replace(/\b([1-9]\d)(\d)(\d)\b(?= [A-Z])/g, (_m, hi: string, tens: string, ones: string) => {
        if (tens === '0' && ones === '0') return `${hi} hundred`;
        if (tens === '0') return `${hi} oh ${ONES[Number(ones)]!}`;
        return `${hi} ${tens}${ones}`;
      })
  );
}

/** Shouted words ("GET BACK") are read as words, not spelled; real acronyms stay as they are. */
export function unshout(text: string): string {
  return text.replace(/\b[A-Z]{3,}\b/g, (word) =>
    ACRONYMS.has(word) ? word : word[0] + word.slice(1).toLowerCase(),
  );
}

/** Punctuation left dangling by the steps above: ", ," ", ." leading commas, runs of spaces. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,!?;:]|\.(?!\.))/g, '$1')
    .replace(/,(\s*,)+/g, ',')
    .replace(/,\s*([.!?])/g, '$1')
    .replace(/([.!?])\s*,/g, '$1')
    .replace(/^[\s,;:]+/, '')
    .replace(/[\s,;:]+$/, '')
    .trim();
}

/** The text a voice reads for a transcript line. Empty when the line is only stage directions. */
export function spokenText(text: string): string {
  return tidy(unshout(speakNumbers(toAscii(stripStageDirections(text)))));
}

/** A full stop after these is not the end of a sentence. */
const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|St|Apt|Jr|Sr|vs|Ave|Rd)\.$/;

/** Pieces of text ending at a sentence end (. ! ? or an ellipsis), abbreviations not counted. */
function sentencePieces(spoken: string): string[] {
  const pieces: string[] = [];
  for (const piece of spoken.split(/(?<=[.!?])\s+|(?<=\.\.\.)(?=[^\s.])/)) {
    const last = pieces.length - 1;
    if (last >= 0 && ABBREVIATION.test(pieces[last]!)) pieces[last] = `${pieces[last]!} ${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}

/** Splits spoken text into sentences; an ellipsis (or a fragment with no words) marks a hesitation. */
export function sentences(spoken: string): Sentence[] {
  const out: Sentence[] = [];
  let hesitation = false;
  for (const raw of sentencePieces(spoken)) {
    const text = raw
      .replace(/^[\s.,]+/, '')
      .replace(/([!?])\.+$/, '$1')
      .replace(/\.{2,}$/, '.')
      .trim();
    if (!/[A-Za-z0-9]/.test(text)) {
      hesitation ||= raw.trim() !== '';
      continue;
    }
    out.push({ text, hesitation: hesitation || /^\s*\.\./.test(raw) });
    hesitation = /\.\.\s*$/.test(raw);
  }
  return out;
}
