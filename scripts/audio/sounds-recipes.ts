/**
 * How each sound under audio/sounds/ is made: synthesised with sox, people in the background spoken
 * by espeak-ng. All generated here, so they are ours to ship. A bed (`loop`) repeats under the
 * caller for the whole call; an effect plays once, as a line's own clip or under a line.
 */
import type { Placed, Workbench } from './sounds-kit';

export interface SoundRecipe {
  /** What a listener hears, for audio/README.md and the build's listing. */
  description: string;
  /** A bed: the period in whole seconds it repeats with. Absent: a one-off effect. */
  loop?: number;
  /** Writes the sound, before the phone line, and returns its file. */
  build: (w: Workbench) => Promise<string>;
}

// ------------------------------------------------------------ knocks, bangs and the phone itself

/**
 * One blow on a door: a low knock with enough overtones (overdrive) to come through the phone's
 * 300 Hz floor, and a short rattle of the door in its frame.
 */
async function thud(w: Workbench, freq: number, seconds = 0.35) {
  return w.synth(
    'thud',
    seconds,
    ['sine', String(freq), 'synth', String(seconds), 'pinknoise', 'mix'],
    ['fade', 'l', '0.003', String(seconds), String(seconds - 0.01), 'lowpass', '1500', 'overdrive', '15'],
  );
}

/** A sharp crack of wood or plastic: a few milliseconds of bright noise. */
async function crack(w: Workbench, seconds = 0.05, band = '1500-4500') {
  return w.synth(
    'crack',
    seconds,
    ['whitenoise'],
    ['sinc', band, 'fade', 'l', '0.001', String(seconds), String(seconds - 0.002), 'overdrive', '10'],
  );
}

/** The caller's own phone hitting a hard floor: a loud clack close to the microphone, then bounces. */
async function phoneHits(w: Workbench, band: string) {
  const hit = await w.synth(
    'clack',
    0.09,
    ['whitenoise'],
    ['sinc', band, 'fade', 'l', '0', '0.09', '0.085', 'overdrive', '25'],
  );
  const knock = await thud(w, 180, 0.12);
  return w.place('phone-hits', 1.2, [
    { file: hit, at: 0 },
    { file: knock, at: 0, db: -4 },
    { file: hit, at: 0.24, db: -7 },
    { file: hit, at: 0.4, db: -13 },
    { file: hit, at: 0.5, db: -19 },
  ]);
}

/** A room heard from a phone lying on the floor: a low, muffled rumble. */
async function floorRoom(w: Workbench, seconds: number) {
  return w.synth('floor-room', seconds, ['brownnoise'], ['lowpass', '600', 'vol', '0.08']);
}

async function pounding(w: Workbench) {
  const blows = [0.1, 0.55, 1.0, 1.45, 2.2, 2.6];
  const events: Placed[] = [];
  for (const [i, at] of blows.entries()) {
    events.push({ file: await thud(w, [92, 100, 88, 104, 96, 90][i]!), at, db: [-1, 0, -2, 0, -1, -3][i] });
  }
  const knocks = await w.place('knocks', 3.2, events);
  return w.apply('pounding', knocks, ['reverb', '25', '50', '40']);
}

/** Something heavy falling and glass breaking: a thud, a burst of noise, clinks scattering. */
async function crashOf(w: Workbench) {
  const smash = await w.synth(
    'smash',
    0.6,
    ['whitenoise'],
    ['sinc', '1200-3400', 'fade', 'l', '0', '0.6', '0.55'],
  );
  const clink = await w.synth(
    'clink',
    0.12,
    ['sine', '2900', 'sine', '3170', 'sine', '2430'],
    ['remix', '-', 'fade', 'l', '0', '0.12', '0.11', 'gain', '-6'],
  );
  return w.place('crash', 1.3, [
    { file: await thud(w, 80, 0.5), at: 0.05 },
    { file: smash, at: 0.05, db: -3 },
    ...[0.18, 0.31, 0.47, 0.6, 0.77].map((at, i) => ({ file: clink, at, db: -i * 2 })),
  ]);
}

// ------------------------------------------------------------ people in the background

/** Someone shouting on the far side of a door: words blur, the low voice and the anger come through. */
async function behindDoor(w: Workbench, label: string, speech: string, lowpassHz: number) {
  return w.apply(label, speech, [
    'lowpass',
    String(lowpassHz),
    'lowpass',
    String(lowpassHz),
    'reverb',
    '40',
    '50',
    '60',
  ]);
}

/** Someone shouting across a room or a street: quieter, more room than voice. */
async function distant(w: Workbench, label: string, speech: string) {
  return w.apply(label, speech, ['lowpass', '2200', 'reverb', '-w', '70', '50', '90', 'gain', '-4']);
}

async function scream(w: Workbench) {
  // A held vowel with the pitch thrown up and falling away, shaking: no speech engine screams.
  const voice = await w.speak('scream', 'Aaaaah!', 'en-us+f4', { pitch: 99, speed: 80 }, [
    'pitch',
    '500',
    'bend',
    '0,500,0.2',
    '0.5,-900,0.5',
    'tremolo',
    '9',
    '35',
    'overdrive',
    '12',
  ]);
  return w.apply('scream-room', voice, ['reverb', '30', '50', '50']);
}

// ------------------------------------------------------------ traffic, wind, music, voices

/** A car going by: a swell of road noise that rises and falls over `seconds`. */
async function carPass(w: Workbench, seconds: number, lowpassHz: number) {
  const half = (seconds / 2).toFixed(2);
  return w.synth(
    'car',
    seconds,
    ['pinknoise'],
    ['lowpass', String(lowpassHz), 'highpass', '200', 'fade', 'h', half, String(seconds), half],
  );
}

/** Wind on a phone's microphone out in the open: roar and gusts, buffeting at low frequencies. */
async function wind(w: Workbench, period: number) {
  // Modulation rates of whole turns per period, so the gusts repeat with the bed.
  const roar = await w.synth(
    'wind-roar',
    period,
    ['pinknoise'],
    ['sinc', '250-1400', 'tremolo', (3 / period).toFixed(4), '70', 'tremolo', (7 / period).toFixed(4), '40'],
  );
  const buffet = await w.synth(
    'wind-buffet',
    period,
    ['brownnoise'],
    ['lowpass', '500', 'overdrive', '20', 'tremolo', (5 / period).toFixed(4), '90'],
  );
  return w.mix('wind', [{ file: roar }, { file: buffet, db: -6 }]);
}

const BPM_120_BAR = 2;

/** Two seconds of a four-on-the-floor beat: kick on every beat, snare on two and four, hats between. */
async function drumBar(w: Workbench) {
  const kick = await w.synth(
    'kick',
    0.25,
    ['sine', '150:50'],
    ['fade', 'l', '0', '0.25', '0.22', 'overdrive', '30', 'gain', '-3'],
  );
  const snare = await w.synth(
    'snare',
    0.14,
    ['whitenoise'],
    ['sinc', '900-3500', 'fade', 'l', '0', '0.14', '0.13'],
  );
  const hat = await w.synth(
    'hat',
    0.04,
    ['whitenoise'],
    ['highpass', '2800', 'fade', 'l', '0', '0.04', '0.035', 'gain', '-8'],
  );
  const events: Placed[] = [];
  for (let beat = 0; beat < 4; beat++) {
    events.push({ file: kick, at: beat * 0.5 });
    if (beat % 2 === 1) events.push({ file: snare, at: beat * 0.5, db: -2 });
    events.push({ file: hat, at: beat * 0.5 + 0.25 });
  }
  return w.place('drum-bar', BPM_120_BAR, events);
}

/** Eight bars of a pop loop at 120 bpm: drums, a driven bass line and chord stabs; 16 s. */
async function partyMusic(w: Workbench) {
  const bar = await drumBar(w);
  const drums = await w.apply('drums', bar, ['repeat', '7']);
  // A–A–F–F–C–C–G–G, one root per bar, played as eighth notes.
  const roots = [110, 110, 87.31, 87.31, 130.81, 130.81, 98, 98];
  const bassBars: string[] = [];
  const chordBars: string[] = [];
  for (const root of roots) {
    const note = await w.synth(
      'bass-note',
      0.25,
      ['sawtooth', String(root)],
      ['fade', 'l', '0.005', '0.25', '0.1', 'overdrive', '10', 'lowpass', '900'],
    );
    bassBars.push(await w.apply('bass-bar', note, ['repeat', '7']));
    const third = root * (root === 110 ? 1.189 : 1.26);
    const chord = await w.synth(
      'chord',
      0.3,
      ['square', String(root * 2), 'square', String(third * 2), 'square', String(root * 3)],
      ['remix', '-', 'fade', 'l', '0.005', '0.3', '0.2', 'lowpass', '2500', 'gain', '-10'],
    );
    chordBars.push(
      await w.place(
        'chord-bar',
        BPM_120_BAR,
        [0.25, 0.75, 1.25, 1.75].map((at) => ({ file: chord, at })),
      ),
    );
  }
  const bass = await w.concat('bass', bassBars);
  const chords = await w.concat('chords', chordBars);
  return w.mix('party-music', [{ file: drums }, { file: bass, db: -3 }, { file: chords, db: -4 }]);
}

/** Several people talking at once across a room: espeak voices, staggered, with the room's echo. */
async function babble(w: Workbench, period: number, lines: readonly string[]) {
  const voices = [
    'en-us+m3',
    'en-us+f2',
    'en-us+m5',
    'en-us+f4',
    'en-us+m1',
    'en-gb+f3',
    'en-us+m7',
    'en-us+f1',
  ];
  const events: Placed[] = [];
  for (const [i, text] of lines.entries()) {
    const speech = await w.speak('talk', text, voices[i % voices.length]!, {
      pitch: 35 + ((i * 17) % 50),
      speed: 165 + ((i * 11) % 40),
    });
    events.push({ file: speech, at: (i * period) / lines.length, db: -((i * 5) % 7) });
  }
  const talk = await w.place('babble', period, events);
  return w.apply('babble-room', talk, ['reverb', '60', '50', '100']);
}

/** A television across the room: a weather report, an anchor's tease, a few bars of a jingle. */
async function television(w: Workbench, period: number) {
  const weather = await w.speak(
    'tv-weather',
    "And here's a look at the weekend. Clouds move in tonight, with a chance of showers after midnight. Tomorrow, highs in the low fifties, winds out of the northwest at ten to fifteen.",
    'en-us+m2',
    { pitch: 45, speed: 170 },
  );
  const anchor = await w.speak(
    'tv-anchor',
    'Thanks, Dave. Coming up after the break, a neighborhood bakery marks fifty years on Main Street. Stay with us.',
    'en-us+f2',
    { pitch: 55, speed: 165 },
  );
  const note = (hz: number) =>
    w.synth(
      'jingle-note',
      0.5,
      ['sine', String(hz), 'sine', String(hz * 2)],
      ['remix', '-', 'fade', 'l', '0.01', '0.5', '0.3', 'gain', '-12'],
    );
  const jingle: Placed[] = [];
  for (const [i, hz] of [523.25, 659.25, 783.99, 1046.5, 783.99, 1046.5].entries()) {
    jingle.push({ file: await note(hz), at: 19 + i * 0.35 });
  }
  const show = await w.place('tv-show', period, [
    { file: weather, at: 0.3 },
    { file: anchor, at: 12.2 },
    ...jingle,
  ]);
  // A TV speaker heard from a few metres: boxy, roomy, no top end.
  return w.apply('tv', show, ['highpass', '250', 'lowpass', '2600', 'reverb', '50', '50', '80']);
}

// ------------------------------------------------------------ the sounds

export const SOUNDS: Readonly<Record<string, SoundRecipe>> = {
  'pounding-door': {
    description: 'fists pounding on a door, six blows',
    build: pounding,
  },
  'pounding-shouting': {
    description:
      'pounding on a door and a man shouting behind it ("Open the door! Open this door right now!"), muffled',
    build: async (w) => {
      const knocks = await pounding(w);
      const man = await w.speak('man-shouts', 'Open the door! Open this door, right now!', 'en-us+m3', {
        pitch: 58,
        speed: 175,
      });
      const muffled = await behindDoor(w, 'man-behind-door', man, 900);
      return w.place('pounding-shouting', 4.6, [
        { file: knocks, at: 0 },
        { file: muffled, at: 0.9, db: -2 },
      ]);
    },
  },
  'door-kick': {
    description: 'one heavy bang: a door kicked, rattling in its frame',
    build: async (w) => {
      const bang = await thud(w, 72, 0.6);
      const split = await crack(w, 0.06);
      const rattle = await crack(w, 0.03, '800-2500');
      const hit = await w.place('kick', 1.6, [
        { file: bang, at: 0.05 },
        { file: split, at: 0.05, db: -6 },
        ...[0.2, 0.28, 0.34, 0.45].map((at, i) => ({ file: rattle, at, db: -10 - i * 3 })),
      ]);
      return w.apply('door-kick', hit, ['reverb', '30', '50', '50']);
    },
  },
  'crash-door': {
    description: 'a crash of things falling and breaking, then a door banging open against a wall',
    build: async (w) => {
      const creak = await w.synth(
        'creak',
        0.35,
        ['sawtooth', '85:130'],
        ['sinc', '700-2200', 'fade', 'q', '0.05', '0.35', '0.1', 'gain', '-8'],
      );
      const crash = await w.place('crash-then-door', 3.0, [
        { file: await crashOf(w), at: 0 },
        { file: creak, at: 1.35 },
        { file: await thud(w, 95, 0.4), at: 1.68 },
        { file: await crack(w, 0.04, '900-3000'), at: 1.68, db: -8 },
      ]);
      return w.apply('crash-door', crash, ['reverb', '35', '50', '60']);
    },
  },
  'crash-distant': {
    description: 'things thrown and breaking in another room',
    build: async (w) =>
      w.apply('crash-distant', await crashOf(w), ['lowpass', '1800', 'reverb', '-w', '60', '50', '90']),
  },
  'door-break': {
    description:
      'wood splintering, a woman screaming, the phone clattering to the floor, and the line going dead',
    build: async (w) => {
      const splinters = [0, 0.07, 0.16, 0.31, 0.34, 0.52];
      const events = [
        { file: await thud(w, 78, 0.5), at: 0 },
        { file: await thud(w, 84, 0.5), at: 0.31 },
        ...(await Promise.all(splinters.map((at) => crack(w, 0.06 + (at % 0.05))))).map((file, i) => ({
          file,
          at: splinters[i]!,
          db: -2 - (i % 3) * 3,
        })),
        { file: await scream(w), at: 0.75, db: -1 },
        { file: await phoneHits(w, '600-3400'), at: 2.05 },
        { file: await floorRoom(w, 0.6), at: 2.6 },
      ];
      // The line dies mid-sound: the clip stops dead after the phone lands.
      return w.place('door-break', 3.2, events);
    },
  },
  'phone-drop': {
    description: "the caller's phone dropping onto a floor and bouncing, then the room, muffled",
    build: async (w) =>
      w.place('phone-drop', 2.2, [
        { file: await phoneHits(w, '500-3000'), at: 0.05 },
        { file: await floorRoom(w, 1.3), at: 0.8 },
      ]),
  },
  'phone-drop-street': {
    description: "the caller's phone clattering onto concrete, then her voice shouting away from it",
    build: async (w) => {
      const scrape = await w.synth(
        'scrape',
        0.35,
        ['whitenoise'],
        ['sinc', '1800-3400', 'fade', 't', '0', '0.35', '0.3', 'gain', '-12'],
      );
      const shout = await w.speak('shouts-away', "No! Please, don't! Hold on, please!", 'en-us+f3', {
        pitch: 80,
        speed: 185,
      });
      return w.place('phone-drop-street', 4.5, [
        { file: await phoneHits(w, '1000-3400'), at: 0.05 },
        { file: scrape, at: 0.3 },
        { file: await distant(w, 'shout-away', shout), at: 0.9 },
      ]);
    },
  },
  'woman-shouting': {
    description: 'a woman shouting in another room ("Get out! Leave me alone! Get out of my house!")',
    build: async (w) => {
      const shout = await w.speak(
        'woman-shouts',
        'Get out! Leave me alone! Get out of my house!',
        'en-us+f4',
        { pitch: 78, speed: 190 },
      );
      return distant(w, 'woman-shouting', shout);
    },
  },
  'teen-yelling-door': {
    description: 'a teenage boy yelling behind a bathroom door ("Leave me alone! Go away! I hate this!")',
    build: async (w) => {
      const yell = await w.speak('teen-yells', 'Leave me alone! Go away! I hate this!', 'en-us+m1', {
        pitch: 68,
        speed: 185,
      });
      return behindDoor(w, 'teen-yelling', yell, 1100);
    },
  },
  siren: {
    description: 'a siren approaching: a wail rising and falling, growing louder',
    build: async (w) => {
      const up = await w.synth('wail-up', 2, ['sine', '700:1450'], ['fade', 'q', '0.05', '2', '0']);
      const down = await w.synth('wail-down', 2, ['sine', '1450:700'], ['fade', 'q', '0', '2', '0.05']);
      const wail = await w.concat(
        'wail',
        [up, down, up, down],
        ['overdrive', '8', 'fade', 't', '6', '8', '0.3'],
      );
      return w.apply('siren', wail, ['reverb', '-w', '60', '50', '100']);
    },
  },
  'man-shouting-distant': {
    description: 'a man shouting in the kitchen down the hall, on and off, a cupboard banging',
    loop: 20,
    build: async (w) => {
      const shout = (label: string, text: string, pitch: number) =>
        w.speak(label, text, 'en-us+m3', { pitch, speed: 175 });
      const events: Placed[] = [
        { file: await shout('where', 'Where are you? Get out here!', 55), at: 0.5 },
        { file: await shout('walk-away', "Don't you walk away from me!", 60), at: 6.2, db: -2 },
        { file: await thud(w, 110, 0.3), at: 10.4, db: -6 },
        { file: await shout('not-done', "I'm not done talking to you!", 58), at: 12.8 },
      ];
      const kitchen = await w.place('kitchen', 20, events);
      return w.loopable('man-shouting-bed', kitchen, 20, [
        'lowpass',
        '1500',
        'reverb',
        '-w',
        '70',
        '50',
        '90',
      ]);
    },
  },
  tv: {
    description: 'a television on across the room: a weather report, a news anchor, a jingle',
    loop: 24,
    build: async (w) => w.loopable('tv-bed', await television(w, 24), 24, []),
  },
  street: {
    description: 'a street corner: cars passing, a bus going by, a horn far off',
    loop: 20,
    build: async (w) => {
      const hum = await w.synth('street-hum', 20, ['brownnoise'], ['lowpass', '900', 'vol', '0.35']);
      const events = [
        { file: hum, at: 0 },
        { file: await carPass(w, 3.6, 1600), at: 0.4 },
        { file: await carPass(w, 4.2, 1300), at: 4.1, db: -3 },
        { file: await carPass(w, 6, 900), at: 7.5, db: 1 },
        { file: await carPass(w, 3.2, 1800), at: 13.2, db: -2 },
        { file: await carPass(w, 3.8, 1500), at: 15.9, db: -4 },
        {
          file: await w.synth(
            'horn',
            0.45,
            ['square', '392', 'square', '494'],
            ['remix', '-', 'lowpass', '2000', 'fade', 't', '0.02', '0.45', '0.05', 'gain', '-16'],
          ),
          at: 11.1,
        },
      ];
      const street = await w.place('street', 20, events);
      return w.loopable('street-bed', street, 20, ['reverb', '40', '50', '100']);
    },
  },
  bridge: {
    description: 'a bridge deck in the wind: gusts on the microphone and fast traffic going by',
    loop: 20,
    build: async (w) => {
      const gusts = await wind(w, 20);
      const events: Placed[] = [{ file: gusts, at: 0 }];
      for (const [i, at] of [0.8, 3.5, 6.1, 9.7, 12.4, 15.0].entries()) {
        events.push({ file: await carPass(w, 2.4, 1700), at, db: -2 - (i % 3) * 2 });
      }
      // A truck, slower and lower.
      events.push({ file: await carPass(w, 3.6, 800), at: 16.0 });
      const bridge = await w.place('bridge', 20, events);
      return w.loopable('bridge-bed', bridge, 20, []);
    },
  },
  party: {
    description: 'a house party: pop music loud in the room, people talking and shouting over it',
    loop: 16,
    build: async (w) => {
      const music = await partyMusic(w);
      const talk = await babble(w, 16, [
        'No way, are you serious?',
        'Who brought the speaker? Turn it up!',
        'I told him, I said, not tonight.',
        'Hey! Over here!',
        'Where did everybody go?',
        'That is so funny, oh my god.',
        'Can somebody get the door?',
        'Woo! Yeah!',
      ]);
      const party = await w.mix('party', [{ file: music }, { file: talk, db: -3 }]);
      return w.loopable('party-bed', party, 16, []);
    },
  },
  'music-behind-door': {
    description: 'the same pop music playing loud behind a closed door: thumping bass, muffled',
    loop: 16,
    build: async (w) => {
      const music = await partyMusic(w);
      return w.loopable('music-behind-door-bed', music, 16, [
        'lowpass',
        '700',
        'lowpass',
        '700',
        'reverb',
        '40',
        '50',
        '60',
        'gain',
        '6',
      ]);
    },
  },
};
