/**
 * Text to dry speech: one WAV per sentence from the engine the voice names, then the sentences
 * joined with the emotion's pauses. Tools: festival + hts_engine (HTS voices), flite, espeak-ng, sox.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, sox } from './run';
import type { Sentence } from './speech-text';
import type { Rendering } from './voices';

/** A Scheme string literal (the text is plain ASCII by now; quotes and backslashes are escaped). */
function schemeString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const fixed = (n: number) => n.toFixed(3);

/** festival's text analysis, stopped before waveform synthesis, writes one HTS label file per sentence. */
function festivalLabelScript(
  festivalVoice: string,
  texts: readonly string[],
  labels: readonly string[],
): string {
  const dumps = texts.map((text, i) => `(dump ${schemeString(text)} ${schemeString(labels[i]!)})`);
  return [
    `(voice_${festivalVoice})`,
    '(define (dump text file)',
    "  (set! utt (eval (list 'Utterance 'Text text)))",
    '  (Initialize utt) (Text utt) (Token_POS utt) (Token utt) (POS utt) (Phrasify utt) (Word utt)',
    '  (Pauses utt) (Intonation utt) (PostLex utt) (Duration utt) (Int_Targets utt)',
    '  (hts_dump_feats utt hts_feats_list file))',
    ...dumps,
    '',
  ].join('\n');
}

async function synthHts(
  r: Rendering & { voice: { engine: 'hts' } },
  texts: readonly string[],
  dir: string,
): Promise<string[]> {
  const labels = texts.map((_, i) => join(dir, `s${i}.lab`));
  const script = join(dir, 'labels.scm');
  writeFileSync(script, festivalLabelScript(r.voice.festivalVoice, texts, labels));
  await run('festival', ['-b', script]);
  const wavs: string[] = [];
  for (const [i, label] of labels.entries()) {
    const wav = join(dir, `s${i}.wav`);
    const args = [
      '-m',
      r.voice.model,
      '-r',
      fixed(r.rate),
      '-fm',
      fixed(r.semitones),
      '-jf',
      fixed(r.intonation),
    ];
    if (r.voice.allPass !== undefined) args.push('-a', fixed(r.voice.allPass));
    await run('hts_engine', [...args, '-ow', wav, label]);
    wavs.push(wav);
  }
  return wavs;
}

async function synthFlite(
  r: Rendering & { voice: { engine: 'flite' } },
  texts: readonly string[],
  dir: string,
): Promise<string[]> {
  const wavs: string[] = [];
  for (const [i, text] of texts.entries()) {
    const txt = join(dir, `s${i}.txt`);
    const wav = join(dir, `s${i}.wav`);
    writeFileSync(txt, `${text}\n`);
    await run('flite', [
      '-voice',
      r.voice.voice,
      '--setf',
      `duration_stretch=${fixed(1 / r.rate)}`,
      '-f',
      txt,
      '-o',
      wav,
    ]);
    wavs.push(wav);
  }
  return wavs;
}

async function synthEspeak(
  r: Rendering & { voice: { engine: 'espeak-ng' } },
  texts: readonly string[],
  dir: string,
): Promise<string[]> {
  const wavs: string[] = [];
  for (const [i, text] of texts.entries()) {
    const txt = join(dir, `s${i}.txt`);
    const wav = join(dir, `s${i}.wav`);
    writeFileSync(txt, `${text}\n`);
    await run('espeak-ng', [
      '-v',
      r.voice.voice,
      '-s',
      String(Math.round(175 * r.rate)),
      '-f',
      txt,
      '-w',
      wav,
    ]);
    wavs.push(wav);
  }
  return wavs;
}

/** One dry WAV per sentence, in the engine's own sample rate. */
function synthSentences(r: Rendering, texts: readonly string[], dir: string): Promise<string[]> {
  switch (r.voice.engine) {
    case 'hts':
      return synthHts({ ...r, voice: r.voice }, texts, dir);
    case 'flite':
      return synthFlite({ ...r, voice: r.voice }, texts, dir);
    case 'espeak-ng':
      return synthEspeak({ ...r, voice: r.voice }, texts, dir);
  }
}

/** Engines that cannot shift pitch themselves get it from sox afterwards. */
export function needsSoxPitch(r: Rendering): boolean {
  return r.voice.engine !== 'hts' && r.semitones !== 0;
}

/** Leading and trailing silence off; the pause that follows the sentence added instead. */
async function trimSentence(wav: string, out: string, pauseAfter: number): Promise<void> {
  const silence = ['silence', '1', '0.01', '-50d'];
  await sox([wav, out, ...silence, 'reverse', ...silence, 'reverse', 'pad', '0', fixed(pauseAfter)]);
}

/**
 * The spoken line, dry: sentences synthesized, trimmed, joined with the emotion's pauses (twice as
 * long before a hesitation). Returns the WAV path, or undefined when there is nothing to say.
 */
export async function synthesizeSpeech(
  r: Rendering,
  sentences: readonly Sentence[],
  dir: string,
): Promise<string | undefined> {
  if (sentences.length === 0) return undefined;
  const raw = await synthSentences(
    r,
    sentences.map((s) => s.text),
    dir,
  );
  const trimmed: string[] = [];
  for (const [i, wav] of raw.entries()) {
    const next = sentences[i + 1];
    const pause = next === undefined ? 0 : r.emotion.sentenceGap * (next.hesitation ? 2 : 1);
    const out = join(dir, `t${i}.wav`);
    await trimSentence(wav, out, pause);
    trimmed.push(out);
  }
  const speech = join(dir, 'speech.wav');
  await sox([...trimmed, speech]);
  return speech;
}
