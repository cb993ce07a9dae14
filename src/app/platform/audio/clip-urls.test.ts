import { describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS as CLI_EXTENSIONS } from '$cli/fs-library';
import { AUDIO_EXTENSIONS, buildClipIndex, clipOf, parseClipIndex, serializeClipIndex } from './clip-index';
import { ClipUrls } from './clip-urls';

describe('clipOf', () => {
  it('ships only clips in a folder under audio/, in the audio formats, outside the test fixtures', () => {
    expect(clipOf('sister-texts/open.opus')).toEqual({ ref: 'sister-texts/open', rank: 0 });
    expect(clipOf('system/ring.wav')).toEqual({ ref: 'system/ring', rank: 3 });
    expect(clipOf('a/b/c.mp3')).toEqual({ ref: 'a/b/c', rank: 2 });
    for (const file of [
      'ring.mp3',
      'voices.json',
      'README.md',
      'test-fixture/open.wav',
      's/notes.txt',
      's/.mp3',
      '/s/one.mp3',
      's/one.MP3',
    ]) {
      expect(clipOf(file), file).toBeUndefined();
    }
  });
});

describe('buildClipIndex', () => {
  it('keys clips by reference, preferred format first', () => {
    const index = buildClipIndex({
      'sister-texts/open.wav': 'sister-texts/open-1.wav',
      'sister-texts/open.mp3': 'sister-texts/open-2.mp3',
      'sister-texts/open.opus': 'sister-texts/open-3.opus',
      'sister-texts/open.ogg': 'sister-texts/open-4.ogg',
      'sister-texts/gone.mp3': 'sister-texts/gone-5.mp3',
    });
    expect(index.get('sister-texts/open')).toEqual([
      'sister-texts/open-3.opus',
      'sister-texts/open-4.ogg',
      'sister-texts/open-2.mp3',
      'sister-texts/open-1.wav',
    ]);
    expect(index.get('sister-texts/gone')).toEqual(['sister-texts/gone-5.mp3']);
    expect(index.size).toBe(2);
  });

  it('leaves out the test fixtures, files outside a folder and other files', () => {
    const index = buildClipIndex({
      'test-fixture/open.wav': 'x',
      'sister-texts/open.mp3': 'open.mp3',
      'loose.mp3': 'x',
      'voices.json': 'x',
      's/notes.txt': 'x',
      's/.mp3': 'x',
    });
    expect([...index.entries()]).toEqual([['sister-texts/open', ['open.mp3']]]);
  });

  it('keeps dots and dashes in references and strips only the audio extension', () => {
    const index = buildClipIndex({
      'welfare-check.v2/line-3.b.mp3': '1.mp3',
      'system/ring-tone.ogg': '2.ogg',
      'a-b/c.d.e.opus': '3.opus',
    });
    expect(index.get('welfare-check.v2/line-3.b')).toEqual(['1.mp3']);
    expect(index.get('system/ring-tone')).toEqual(['2.ogg']);
    expect(index.get('a-b/c.d.e')).toEqual(['3.opus']);
  });
});

describe('the index as JSON', () => {
  it('is written with references in order, and read back with files resolved against its folder', () => {
    const index = buildClipIndex({
      'b/two.mp3': 'b/two-h2.mp3',
      'a/one.wav': 'a/one-h1.wav',
      'a/one.opus': 'a/one-h0.opus',
    });
    const json = serializeClipIndex(index);
    expect(json).toBe('{"a/one":["a/one-h0.opus","a/one-h1.wav"],"b/two":["b/two-h2.mp3"]}');
    expect(serializeClipIndex(new Map([...index].reverse()))).toBe(json);
    const read = parseClipIndex(JSON.parse(json), '/app/audio/');
    expect(read).toEqual(
      new Map([
        ['a/one', ['/app/audio/a/one-h0.opus', '/app/audio/a/one-h1.wav']],
        ['b/two', ['/app/audio/b/two-h2.mp3']],
      ]),
    );
  });

  it('names what is wrong with a malformed index', () => {
    expect(parseClipIndex([], '/')).toBe('$: expected an object of clip reference → files');
    expect(parseClipIndex(null, '/')).toBe('$: expected an object of clip reference → files');
    expect(parseClipIndex({ 'a/one': 'a/one.mp3' }, '/')).toBe(
      '$["a/one"]: expected a non-empty list of files',
    );
    expect(parseClipIndex({ 'a/one': [] }, '/')).toBe('$["a/one"]: expected a non-empty list of files');
    expect(parseClipIndex({ 'a/one': ['a/one.mp3', 3] }, '/')).toBe('$["a/one"][1]: expected a file name');
  });
});

/** A fetch that answers every URL with this status and body, and records the URLs asked for. */
function serving(status: number, body: string) {
  const asked: string[] = [];
  const get = (url: string) => {
    asked.push(url);
    return Promise.resolve(new Response(body, { status }));
  };
  return { get, asked };
}

describe('ClipUrls', () => {
  it('prefers formats in the same order as the scenario CLI', () => {
    expect(AUDIO_EXTENSIONS).toEqual(CLI_EXTENSIONS);
  });

  it('gives no clip a URL before its index is loaded, so every line is captions only', () => {
    expect(new ClipUrls().urls('s/open')).toEqual([]);
  });

  it('gives each clip its URLs once the index is loaded, and a copy each time', async () => {
    const clips = new ClipUrls();
    const { get, asked } = serving(200, '{"s/open":["s/open-h.opus","s/open-h.mp3"]}');
    expect(await clips.load('audio/index-h.json', '/base/audio/index-h.json', get)).toBeUndefined();
    expect(asked).toEqual(['/base/audio/index-h.json']);
    expect(clips.urls('s/open')).toEqual(['/base/audio/s/open-h.opus', '/base/audio/s/open-h.mp3']);
    expect(clips.urls('test-fixture/open')).toEqual([]);
    expect(clips.urls('no-such-scenario/no-such-line')).toEqual([]);
    const urls = clips.urls('s/open');
    urls.push('x');
    expect(clips.urls('s/open')).toHaveLength(2);
  });

  it('names the index file when it cannot be read, and then no clip has a URL', async () => {
    const clips = new ClipUrls();
    await clips.load(
      'audio/index-h.json',
      '/audio/index-h.json',
      serving(200, '{"s/open":["s/open.mp3"]}').get,
    );
    expect(clips.urls('s/open')).toHaveLength(1);

    const gone = await clips.load('audio/index-h.json', '/audio/index-h.json', serving(404, 'Not found').get);
    expect(gone).toBe(
      'audio/index-h.json: $: the clip index could not be read (HTTP 404); calls run without sound, the captions carry every line',
    );
    expect(clips.urls('s/open')).toEqual([]);

    const offline = await clips.load('audio/index-h.json', '/audio/index-h.json', () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    expect(offline).toMatch(
      /^audio\/index-h\.json: \$: the clip index could not be read \(Failed to fetch\); calls run without sound/,
    );

    const garbled = await clips.load(
      'audio/index-h.json',
      '/audio/index-h.json',
      serving(200, '<!doctype html>').get,
    );
    expect(garbled).toMatch(
      /^audio\/index-h\.json: \$: the clip index is not valid JSON \(.+\); calls run without sound/,
    );

    await clips.load(
      'audio/index-h.json',
      '/audio/index-h.json',
      serving(200, '{"s/open":["s/open.mp3"]}').get,
    );
    const malformed = await clips.load(
      'audio/index-h.json',
      '/audio/index-h.json',
      serving(200, '{"s/open":"s/open.mp3"}').get,
    );
    expect(malformed).toBe(
      'audio/index-h.json: $["s/open"]: expected a non-empty list of files; calls run without sound, the captions carry every line',
    );
    expect(clips.urls('s/open')).toEqual([]);
  });
});
