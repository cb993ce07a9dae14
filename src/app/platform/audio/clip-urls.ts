/**
 * Where each caller clip is served. The build ships the clips as files with a JSON index of them
 * (clip-index.ts, scripts/vite-library-plugin.ts); the app loads the index at start-up, with the
 * scenario library, and the player asks here for a clip's URLs. Until the index is loaded, or when it
 * could not be, no clip has a URL: every line is marked "audio unavailable" and its caption carries it.
 */
import { parseClipIndex } from './clip-index';

/**
 * The clip index the app loaded: one instance, created at start-up, that the library loader fills
 * and the player reads.
 */
export class ClipUrls {
  private index: ReadonlyMap<string, readonly string[]> = new Map();

  /**
   * Fetches the clip index from `url` and makes it the one urls() reads. `file` names the index in
   * the message returned when it can't be used (`file: json-path: message`); undefined when it
   * loaded. Failing leaves no clip with a URL: calls still run, without sound.
   */
  async load(
    file: string,
    url: string,
    get: (url: string) => Promise<Response> = (u) => fetch(u),
  ): Promise<string | undefined> {
    this.index = new Map();
    const withoutSound = 'calls run without sound, the captions carry every line';
    let text: string;
    try {
      const response = await get(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      return `${file}: $: the clip index could not be read (${error instanceof Error ? error.message : String(error)}); ${withoutSound}`;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return `${file}: $: the clip index is not valid JSON (${error instanceof Error ? error.message : String(error)}); ${withoutSound}`;
    }
    const parsed = parseClipIndex(json, url.slice(0, url.lastIndexOf('/') + 1));
    if (typeof parsed === 'string') return `${file}: ${parsed}; ${withoutSound}`;
    this.index = parsed;
    return undefined;
  }

  /** URLs of this clip, preferred format first; empty when the clip has no audio file. */
  urls(ref: string): string[] {
    return [...(this.index.get(ref) ?? [])];
  }
}
