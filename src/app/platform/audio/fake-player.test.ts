import { describe, expect, it } from 'vitest';
import { FakePlayer } from './fake-player';
import type { ClipEvent } from './types';

function listen(player: FakePlayer): ClipEvent[] {
  const seen: ClipEvent[] = [];
  player.onEvent((e) => seen.push(e));
  return seen;
}

describe('FakePlayer', () => {
  it('plays at once, records calls and emits synchronously', async () => {
    const player = new FakePlayer();
    const seen = listen(player);
    const result = player.play('s/open');
    expect(seen).toEqual([{ type: 'play', ref: 's/open' }]);
    expect(player.playing).toBe('s/open');
    expect(await result).toBe('playing');
    player.finish();
    expect(seen.at(-1)).toEqual({ type: 'end', ref: 's/open' });
    expect(player.playing).toBeUndefined();
    player.preload(['s/a', 's/b']);
    player.setVolume(0.5);
    player.setRate(1.25);
    expect(player.played).toEqual(['s/open']);
    expect(player.preloaded).toEqual(['s/a', 's/b']);
    expect([player.volume, player.rate]).toEqual([0.5, 1.25]);
    expect(player.calls.map((c) => c.method)).toEqual(['play', 'preload', 'setVolume', 'setRate']);
  });

  it('reports unavailable clips on every play', async () => {
    const player = new FakePlayer({ unavailable: ['s/gone'] });
    player.markUnavailable('s/bad', 'undecodable');
    const seen = listen(player);
    expect(await player.play('s/gone')).toBe('unavailable');
    expect(await player.play('s/bad')).toBe('unavailable');
    expect(await player.play('s/bad')).toBe('unavailable');
    expect(await player.play('s/open')).toBe('playing');
    expect(seen).toEqual([
      { type: 'unavailable', ref: 's/gone', reason: 'no audio file' },
      { type: 'unavailable', ref: 's/bad', reason: 'undecodable' },
      { type: 'unavailable', ref: 's/bad', reason: 'undecodable' },
      { type: 'play', ref: 's/open' },
    ]);
  });

  it('ends a replaced or stopped clip, but not when the same clip restarts', () => {
    const player = new FakePlayer();
    const seen = listen(player);
    void player.play('s/a');
    void player.play('s/a');
    void player.play('s/b');
    player.stop();
    player.stop();
    expect(seen).toEqual([
      { type: 'play', ref: 's/a' },
      { type: 'play', ref: 's/a' },
      { type: 'end', ref: 's/a' },
      { type: 'play', ref: 's/b' },
      { type: 'end', ref: 's/b' },
    ]);
  });

  it('can hold a clip loading; a replaced loading clip resolves unavailable without events', async () => {
    const player = new FakePlayer({ startImmediately: false });
    const seen = listen(player);
    const first = player.play('s/a');
    expect(player.loading).toBe('s/a');
    expect(player.playing).toBeUndefined();
    const second = player.play('s/b');
    expect(await first).toBe('unavailable');
    player.start();
    expect(await second).toBe('playing');
    expect(seen).toEqual([{ type: 'play', ref: 's/b' }]);
    expect(() => player.start()).toThrow();
    // The replaced clip was not marked unavailable: asked for again, it plays.
    const again = player.play('s/a');
    player.start();
    expect(await again).toBe('playing');
  });

  it('unsubscribes listeners', () => {
    const player = new FakePlayer();
    const seen: ClipEvent[] = [];
    const off = player.onEvent((e) => seen.push(e));
    expect(player.listenerCount).toBe(1);
    off();
    void player.play('s/a');
    expect(seen).toEqual([]);
    expect(player.listenerCount).toBe(0);
    expect(player.events).toEqual([{ type: 'play', ref: 's/a' }]);
  });
});
