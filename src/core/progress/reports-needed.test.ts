import { describe, expect, it } from 'vitest';
import { COMPETENCY_IDS, competencyEvidence } from './competencies';
import { masteryByCompetency } from './mastery';
import { evidencedBy, latestEvidence, ratedOutcome, reportsNeeded } from './reports-needed';
import { outcomeOf, replayCards } from './schedule';
import { questions, profiles, scenarios, T0, MIN, history, readOnly } from '$tests/support/histories';

describe('reportsNeeded', () => {
  it.each([1, 2, 3, 4])('gives the same latest evidence and mastery as every report (history %i)', (seed) => {
    const h = history(seed, 400);
    const now = T0 + 700 * MIN; // some calls finish after it
    const full = competencyEvidence(h.records, scenarios, profiles, questions);
    for (const keep of [5, 10, 20]) {
      const ids = reportsNeeded(h.summaries, scenarios, profiles, questions, now, keep);
      expect(ids.size).toBeLessThan(h.records.length / 2);
      const some = readOnly(h, ids).filter((a) => a.report);
      const part = competencyEvidence(some, scenarios, profiles, questions);
      for (const id of COMPETENCY_IDS) {
        const after = (xs: (typeof full)[typeof id]) => xs.filter((o) => o.at > now);
        const cut = (xs: (typeof full)[typeof id]) => [
          ...xs.filter((o) => o.at <= now).slice(-keep),
          ...after(xs),
        ];
        expect(cut(part[id]), `${id}, keep ${keep}`).toEqual(cut(full[id]));
      }
      const mastery = masteryByCompetency(full, now);
      if (keep >= 10) expect(masteryByCompetency(part, now)).toEqual(mastery);
      // The counts of calls per competency, from summaries and the reports read.
      const { counts } = latestEvidence(readOnly(h, ids), scenarios, profiles, questions, now, keep);
      for (const id of COMPETENCY_IDS) expect(counts[id], id).toBe(full[id].length);
    }
  });

  it('names, from a summary alone, the competencies its report gives evidence for', () => {
    const h = history(5, 300);
    const kinds = new Set<string>();
    // With the scenarios, and as if they had been removed from the library.
    for (const library of [scenarios, []]) {
      const evidenced = evidencedBy(library, profiles, questions);
      h.records.forEach((record, i) => {
        const summary = h.summaries[i]!;
        if (!record.report || summary.result?.applicable === undefined) return;
        const observed = competencyEvidence([record], library, profiles, questions);
        const expected = COMPETENCY_IDS.filter((id) => observed[id].length > 0);
        expect(evidenced(summary), record.id).toEqual(expected);
        expect(evidenced(record), record.id).toEqual(expected);
        kinds.add(expected.join());
      });
    }
    expect(kinds.size).toBeGreaterThan(10); // calls that evidence different competencies were compared
  });

  it('reads every report of an older summary, and rates the others from their headline', () => {
    const h = history(7, 300);
    const ids = reportsNeeded(h.summaries, scenarios, profiles, questions, T0 + 1000 * MIN);
    const old = h.summaries.filter((s) => s.result && s.result.applicable === undefined);
    expect(old.length).toBeGreaterThan(0);
    for (const s of old) expect(ids.has(s.id)).toBe(true);
    const scored = readOnly(h, ids);
    for (const [i, s] of scored.entries()) {
      const report = h.records[i]!.report;
      if (report) expect(ratedOutcome(s)).toEqual(outcomeOf(report));
    }
    const fromReports = h.records.map((r) => ({ ...r, report: r.report && outcomeOf(r.report) }));
    expect(
      replayCards(
        't1',
        scored.map((s) => ({ ...s, report: ratedOutcome(s) })),
      ),
    ).toEqual(replayCards('t1', fromReports));
  });
});
