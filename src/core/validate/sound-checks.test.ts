import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../format/scenario';
import { describedSounds, isOnlyStageDirection } from '../format/sounds';
import { line, scenarioInput } from '$tests/support/factories';
import { bundledQuestions } from '$tests/support/profiles';
import type { Problem } from './problem';
import { validateScenario, type ValidationContext } from './validate-scenario';

const questions = bundledQuestions();

/** The factory scenario with its opening line replaced by `opening`, and its other changes. */
function withOpening(opening: ReturnType<typeof line>, change: (s: ScenarioInput) => void = () => {}) {
  const s = structuredClone(scenarioInput());
  s.states.opening!.lines = [opening];
  change(s);
  return s;
}

function problemsOf(input: unknown, context: Partial<ValidationContext> = {}): Problem[] {
  return validateScenario(input, { questions, ...context }).problems;
}

const PATH = '$.states.opening.lines[0]';

describe('describedSounds: the words of a stage direction that describe a sound', () => {
  it('finds sounds other than the caller, in every stage direction of the line', () => {
    expect(describedSounds('(pounding on a door, muffled shouting) He is here— (away) Stop!')).toEqual([
      'pounding',
      'muffled shouting',
    ]);
    expect(describedSounds('No— (the phone clatters on the concrete; traffic)')).toEqual([
      'clatters',
      'traffic',
    ]);
    expect(describedSounds('(loud music, people shouting behind him) Yeah, hi.')).toEqual([
      'music',
      'people shouting',
    ]);
  });

  it("does not count how the caller speaks, nor a sound the caller's words mention", () => {
    expect(describedSounds('(whispering, crying) Please hurry.')).toEqual([]);
    expect(describedSounds('(screaming) DANNY, NO—')).toEqual([]);
    expect(describedSounds('(shouting away) Somebody grab his legs!')).toEqual([]);
    expect(describedSounds('I hear the siren. They are here.')).toEqual([]);
  });

  it('tells a line that is only a stage direction from one with words', () => {
    expect(isOnlyStageDirection('(wood splintering, a scream; the line goes dead)')).toBe(true);
    expect(isOnlyStageDirection('(away) (back)')).toBe(true);
    expect(isOnlyStageDirection('(pause) Okay.')).toBe(false);
  });
});

describe('validateScenario: every sound a line describes is heard', () => {
  it('reports a line whose stage direction describes a sound with no sound clip, at the line', () => {
    const s = withOpening(line('open', '(pounding on a door) He is at the door!'));
    expect(problemsOf(s)).toEqual([
      {
        path: PATH,
        message:
          'the stage direction describes a sound ("pounding") that is never heard: give the line a "sound": { "audio": "sounds/<name>", "levelDb": … } (or a "background" when it changes what runs under the caller)',
      },
    ]);
  });

  it('accepts the line once it has a sound, or a background', () => {
    const withSound = withOpening(
      line('open', '(pounding on a door) He is at the door!', {
        sound: { audio: 'sounds/pounding-door', levelDb: -6 },
      }),
    );
    expect(problemsOf(withSound)).toEqual([]);
    const withBed = withOpening(
      line('open', '(loud music) Hi, yeah.', { background: { audio: 'sounds/party', levelDb: -12 } }),
    );
    expect(problemsOf(withBed)).toEqual([]);
  });

  it('makes a line that is only a stage direction describing a sound play the sound as its clip', () => {
    const open = withOpening(line('open', '(wood splintering, a scream)'));
    expect(problemsOf(open)).toEqual([
      {
        path: `${PATH}.audio`,
        message:
          'the line is only a stage direction describing a sound ("splintering", "a scream"), so its clip is the sound: "audio": "sounds/<name>"',
      },
    ]);
    // A sound under an empty line is still an empty line: the clip itself must be the sound.
    const under = withOpening(
      line('open', '(wood splintering, a scream)', { sound: { audio: 'sounds/door-break', levelDb: 0 } }),
    );
    expect(problemsOf(under).map((p) => p.path)).toEqual([`${PATH}.audio`]);
    const played = withOpening(line('open', '(wood splintering, a scream)', { audio: 'sounds/door-break' }));
    expect(problemsOf(played)).toEqual([]);
  });

  it('refuses a sound clip in place of words the caller says', () => {
    const s = withOpening(
      line('open', '(pounding on a door) He is at the door!', { audio: 'sounds/pounding-door' }),
    );
    expect(problemsOf(s)).toEqual([
      {
        path: `${PATH}.audio`,
        message:
          'the caller\'s words would never be heard: a sound clip ("sounds/pounding-door") is the audio only of a line that is only a stage direction; give the line its own clip and the sound as "sound"',
      },
    ]);
  });

  it('lets one sound serve two lines described in different words', () => {
    const s = withOpening(line('open', '(the phone clatters)', { audio: 'sounds/phone-drop' }), (s) => {
      s.states.screened!.lines = [line('screened', '(the phone drops)', { audio: 'sounds/phone-drop' })];
    });
    expect(problemsOf(s).filter((p) => p.message.includes('two different texts'))).toEqual([]);
  });
});

describe('validateScenario: sound clips exist like any clip', () => {
  const s = withOpening(
    line('open', '(pounding on a door) He is at the door!', {
      sound: { audio: 'sounds/pounding-door', levelDb: -6 },
      background: { audio: 'sounds/hallway', levelDb: -20 },
    }),
    (s) => Object.assign(s.caller, { background: { audio: 'sounds/street', levelDb: -18 } }),
  );
  const audioExists = (ref: string) => !ref.startsWith('sounds/');

  it('warns of a missing sound in a draft, naming the field and the files looked for', () => {
    expect(problemsOf(s, { audioExists })).toEqual([
      {
        path: '$.caller.background.audio',
        message: 'missing audio file for "sounds/street" (looked for audio/sounds/street.{opus,ogg,mp3,wav})',
        severity: 'warning',
      },
      {
        path: `${PATH}.sound.audio`,
        message:
          'missing audio file for "sounds/pounding-door" (looked for audio/sounds/pounding-door.{opus,ogg,mp3,wav})',
        severity: 'warning',
      },
      {
        path: `${PATH}.background.audio`,
        message:
          'missing audio file for "sounds/hallway" (looked for audio/sounds/hallway.{opus,ogg,mp3,wav})',
        severity: 'warning',
      },
    ]);
    expect(problemsOf(s, { audioExists: () => true })).toEqual([]);
  });

  it('refuses a sound reference outside audio/sounds/ and a level above the caller', () => {
    const bad = withOpening(line('open', 'Hello?', { sound: { audio: 'test-scenario/open', levelDb: 3 } }));
    expect(problemsOf(bad)).toEqual([
      {
        path: `${PATH}.sound.audio`,
        message: 'must be "sounds/name" without extension (a clip under audio/sounds/)',
      },
      { path: `${PATH}.sound.levelDb`, message: 'Too big: expected number to be <=0' },
    ]);
  });
});
