import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRAINER_IDLE_MS, watchTrainerIdle } from './trainer-idle';

describe('watchTrainerIdle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends trainer mode after 15 minutes without a key or pointer press', () => {
    const onIdle = vi.fn();
    watchTrainerIdle(new EventTarget(), onIdle);
    vi.advanceTimersByTime(TRAINER_IDLE_MS - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledOnce();
    expect(TRAINER_IDLE_MS).toBe(15 * 60_000);
  });

  it('counts from the last key or pointer press', () => {
    const page = new EventTarget();
    const onIdle = vi.fn();
    watchTrainerIdle(page, onIdle, 1000);
    vi.advanceTimersByTime(900);
    page.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(900);
    page.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('stops watching when trainer mode ends another way', () => {
    const page = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchTrainerIdle(page, onIdle, 1000);
    stop();
    page.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
