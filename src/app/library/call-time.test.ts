import { describe, expect, it } from 'vitest';
import { scenario, scenarioInput } from '$tests/support/factories';
import { playTime } from './call-time';

const withStory = (callTime: string, from: string, to: string) =>
  scenario({ cad: { ...scenarioInput().cad!, callTime, storyHours: { from, to } } });

describe('playTime', () => {
  it("plays at the scenario's own time unless another is chosen", () => {
    expect(playTime(scenario(), undefined)).toEqual({ time: '14:00' });
    expect(playTime(scenario(), '02:00')).toEqual({ time: '02:00' });
  });

  it('plays at the chosen time when the story fits it', () => {
    expect(playTime(withStory('23:35', '21:00', '05:00'), '02:00')).toEqual({ time: '02:00' });
    expect(playTime(withStory('23:35', '21:00', '05:00'), '21:00')).toEqual({ time: '21:00' });
  });

  it("plays at its own time when the caller's words do not fit the chosen one, and says why", () => {
    expect(playTime(withStory('23:35', '21:00', '05:00'), '14:00')).toEqual({
      time: '23:35',
      note: "plays at 23:35: the caller's words fit night hours 21:00–05:00",
    });
    // The end of the window is outside it.
    expect(playTime(withStory('23:35', '21:00', '05:00'), '05:00').time).toBe('23:35');
    expect(playTime(withStory('07:10', '06:00', '11:00'), '14:00').note).toBe(
      "plays at 07:10: the caller's words fit morning hours 06:00–11:00",
    );
    expect(playTime(withStory('19:00', '17:30', '23:00'), '08:30').note).toBe(
      "plays at 19:00: the caller's words fit evening hours 17:30–23:00",
    );
    expect(playTime(withStory('10:00', '08:00', '20:00'), '02:00').note).toBe(
      "plays at 10:00: the caller's words fit the hours 08:00–20:00",
    );
  });
});
