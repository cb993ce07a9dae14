// The progress and refresher pages from the reports core/progress reportsNeeded names, against every report.
import { describe, expect, it } from 'vitest';
import { reportsNeeded } from '$core/progress/reports-needed';
import { planSession } from '../refresher/session';
import { PROGRESS_KEEP, progressView } from './progress-view';
import { questions, profiles, scenarios, T0, MIN, history, readOnly } from '$tests/support/histories';

describe('the pages from the reports needed only', () => {
  it.each([11, 12, 13])('show exactly what every report shows (history %i)', (seed) => {
    const h = history(seed, 500);
    const now = T0 + 1100 * MIN; // a few calls finish after it
    const ids = reportsNeeded(h.summaries, scenarios, profiles, questions, now, PROGRESS_KEEP);
    expect(ids.size).toBeLessThan(h.records.length / 2);
    const scored = readOnly(h, ids);
    const view = progressView({ attempts: scored, scenarios, profiles, questions, now });
    expect(view).toEqual(progressView({ attempts: h.records, scenarios, profiles, questions, now }));
    expect(view.finished).toBe(h.records.filter((r) => r.report).length);
    for (const profile of profiles.slice(0, 3)) {
      const input = { traineeId: 't1', scenarios, profiles, profile, questions, now };
      expect(planSession({ ...input, attempts: scored })).toEqual(
        planSession({ ...input, attempts: h.records }),
      );
    }
  });
});
