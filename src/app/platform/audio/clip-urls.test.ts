import { describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS as CLI_EXTENSIONS } from '../../../cli/fs-library';
import { AUDIO_EXTENSIONS, buildClipIndex, clipUrls } from './clip-urls';

const at = (file: string) => `../../../../audio/${file}`;

describe('buildClipIndex', () => {
  it('keys clips by reference, preferred format first', () => {
    const index = buildClipIndex({
      [at('sister-texts/open.wav')]: '/a/open.wav',
      [at('sister-texts/open.mp3')]: '/a/open.mp3',
      [at('sister-texts/open.opus')]: '/a/open.opus',
      [at('sister-texts/open.ogg')]: '/a/open.ogg',
      [at('sister-texts/gone.mp3')]: '/a/gone.mp3',
    });
    expect(index.get('sister-texts/open')).toEqual(['/a/open.opus', '/a/open.ogg', '/a/open.mp3', '/a/open.wav']);
    expect(index.get('sister-texts/gone')).toEqual(['/a/gone.mp3']);
    expect(index.size).toBe(2);
  });

  it('leaves out the test fixtures', () => {
    const index = buildClipIndex({
      [at('test-fixture/open.wav')]: '/a/fixture-open.wav',
      [at('sister-texts/open.mp3')]: '/a/open.mp3',
    });
    expect([...index.keys()]).toEqual(['sister-texts/open']);
  });

  it('keeps dots and dashes in references and strips only the audio extension', () => {
    const index = buildClipIndex({
      [at('welfare-check.v2/line-3.b.mp3')]: '/a/1.mp3',
      [at('system/ring-tone.ogg')]: '/a/2.ogg',
      [at('a-b/c.d.e.opus')]: '/a/3.opus',
    });
    expect(index.get('welfare-check.v2/line-3.b')).toEqual(['/a/1.mp3']);
    expect(index.get('system/ring-tone')).toEqual(['/a/2.ogg']);
    expect(index.get('a-b/c.d.e')).toEqual(['/a/3.opus']);
  });

  it('accepts root-relative keys and ignores other files', () => {
    const index = buildClipIndex({
      '/audio/s/one.mp3': '/a/one.mp3',
      [at('s/notes.txt')]: '/a/notes.txt',
      [at('voices.json')]: '/a/voices.json',
      '../../elsewhere/s/two.mp3': '/a/two.mp3',
      [at('s/.mp3')]: '/a/empty.mp3',
    });
    expect([...index.entries()]).toEqual([['s/one', ['/a/one.mp3']]]);
  });
});

describe('clipUrls', () => {
  it('prefers formats in the same order as the scenario CLI', () => {
    expect(AUDIO_EXTENSIONS).toEqual(CLI_EXTENSIONS);
  });

  it('has no URL for test fixtures or unknown clips, and returns a copy', () => {
    expect(clipUrls('test-fixture/open')).toEqual([]);
    expect(clipUrls('no-such-scenario/no-such-line')).toEqual([]);
    const urls = clipUrls('no-such-scenario/no-such-line');
    urls.push('x');
    expect(clipUrls('no-such-scenario/no-such-line')).toEqual([]);
  });
});
