// What the synthesizer reads for a transcript line (scripts/audio/speech-text.ts).
import { describe, expect, it } from 'vitest';
import { sentences, spokenText } from '../../scripts/audio/speech-text';

describe('spokenText', () => {
  it('drops stage directions, which stay in the transcript and captions only', () => {
    expect(spokenText('(away from the phone) Danny, honey, please! (back to the phone) Please hurry.')).toBe(
      'Danny, honey, please! Please hurry.',
    );
    expect(spokenText('(the phone clatters to the floor)')).toBe('');
  });

  it('turns typography into plain ASCII the engines read, dashes into spoken breaks', () => {
    expect(spokenText('He\u2019s\u2014 he\u2019s not himself\u2014')).toBe("He's, he's not himself");
    expect(spokenText('He said, \u201cI don\u2019t know.\u201d')).toBe("He said, I don't know.");
  });

  it('reads shouting as words and keeps acronyms', () => {
    expect(spokenText('RICK, GET BACK! The TV\u2019s on. Call EMS.')).toBe(
      "Rick, Get Back! The TV's on. Call EMS.",
    );
  });

  it('says crisis numbers digit by digit and house numbers in pairs', () => {
    expect(spokenText('I called 911, not 988.')).toBe('I called 9 1 1, not 9 8 8.');
    expect(spokenText('4407 Larkspur Lane, 2800 Elm, 2817 Birchwood.')).toBe(
      '44 oh seven Larkspur Lane, 28 hundred Elm, 28 17 Birchwood.',
    );
  });
});

describe('sentences', () => {
  it('splits at sentence ends, not after titles, and marks hesitations', () => {
    expect(sentences(spokenText('Hello? ...Sorry. Dr. Patel said so. Okay. ... Okay.'))).toEqual([
      { text: 'Hello?', hesitation: false },
      { text: 'Sorry.', hesitation: true },
      { text: 'Dr. Patel said so.', hesitation: false },
      { text: 'Okay.', hesitation: false },
      { text: 'Okay.', hesitation: true },
    ]);
  });

  it('has nothing to say for a line that is only a stage direction', () => {
    expect(sentences(spokenText('(a crash)'))).toEqual([]);
  });
});
