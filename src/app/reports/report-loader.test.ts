import { describe, expect, it } from 'vitest';
import { readQuestionBank } from '$cli/fs-library';
import { summaryOf, type AttemptSummary, type ScoredAttempt } from '$core/records/summary';
import type { ScoreReport } from '$core/scoring/score';
import { history, profiles, questions, readOnly, scenarios } from '$tests/support/histories';
import { report } from '$tests/contracts/store-contract';
import type { AttemptRecord } from '../platform/storage/types';
import { PROGRESS_KEEP } from '../progress/progress-view';
import { reportsNeeded } from '$core/progress/reports-needed';
import { ReportLoader, type LoadedReports, type ReportLibrary } from './report-loader';

const T0 = Date.UTC(2026, 10, 23, 9);
const MIN = 60_000;
const NOW = T0 + 10_000 * MIN;

/** Needs no scenario or center: only the question bank (no report here evidences the safety screen). */
const LIBRARY: ReportLibrary = { scenarios: [], profiles: [], questions: readQuestionBank() };

/** A report that evidences the timeliness competency only (whatever the library). */
const timely = (scenarioId: string, total: number): ScoreReport => ({
  ...report(scenarioId, total),
  categories: [{ id: 'timeliness', label: 'Timeliness', weight: 10, earned: 10, applicable: true }],
});

/** Call `i` of a trainee, finished i minutes after T0 with a timely report, unless `open`. */
function call(i: number, traineeId = 'ana', open = false): AttemptRecord {
  const at = T0 + i * MIN;
  return {
    id: `${traineeId}-${String(i).padStart(3, '0')}`,
    traineeId,
    scenarioId: `s${i}`,
    scenarioHash: 'h',
    profileId: 'default',
    callTime: '14:30',
    mode: 'practice',
    startedAt: at,
    updatedAt: at + 1000,
    ...(open
      ? { status: 'in-progress' as const }
      : { status: 'finished' as const, finishedAt: at + 1000, report: timely(`s${i}`, 50 + (i % 50)) }),
  };
}

/** The list the app would hold: summaries, newest first. */
const listed = (records: readonly AttemptRecord[]): AttemptSummary[] =>
  records.map(summaryOf).sort((a, b) => b.startedAt - a.startedAt);

/** A store's reports by id, with every read asked of it (ids sorted); a read waits while `held`. */
function fakeStore(records: readonly AttemptRecord[]) {
  const reports = new Map<string, ScoreReport>();
  const put = (rs: readonly AttemptRecord[]) => {
    for (const r of rs) if (r.report) reports.set(r.id, r.report);
  };
  put(records);
  const asked: string[][] = [];
  let held: Promise<void> | undefined;
  let failing = false;
  const store = {
    asked,
    put,
    /** Reads wait until the returned function is called. */
    hold() {
      let release = () => {};
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    fail(on: boolean) {
      failing = on;
    },
    read: async (ids: readonly string[]) => {
      asked.push([...ids].sort());
      await held;
      if (failing) throw new Error('read failed');
      return new Map(
        ids.flatMap((id): [string, ScoreReport][] => {
          const found = reports.get(id);
          return found ? [[id, found]] : [];
        }),
      );
    },
  };
  return store;
}

/** The summaries with the reports of `ids` (of finished calls), as a load should give them. */
const withReports = (records: readonly AttemptRecord[], ids: readonly string[]): ScoredAttempt[] =>
  listed(records).map((s) => {
    const r = records.find((x) => x.id === s.id)!;
    return r.report && ids.includes(r.id) ? { ...s, report: r.report } : s;
  });

const request = (attempts: readonly AttemptSummary[], also?: readonly string[], traineeId = 'ana') => ({
  attempts,
  traineeId,
  library: LIBRARY,
  ...(also ? { also } : {}),
});

const ids = (records: readonly AttemptRecord[]) => records.map((r) => r.id).sort();

describe('ReportLoader', () => {
  it('reads each needed report once, then only those of new or changed calls', async () => {
    const records = [call(1), call(2), call(3, 'ana', true)];
    const store = fakeStore(records);
    const seen: LoadedReports[] = [];
    const loader = new ReportLoader(
      store.read,
      (l) => seen.push(l),
      () => NOW,
    );

    const list = listed(records);
    const scored = await loader.load(request(list));
    expect(scored).toEqual(withReports(records, ids(records)));
    expect(store.asked).toEqual([ids(records.slice(0, 2))]); // none for the call in progress
    expect(seen.map((l) => l.attempts)).toEqual([scored]);
    expect(loader.loaded?.attempts).toBe(scored);

    // The same list again: the same array, nothing read.
    expect(await loader.load(request(list))).toBe(scored);
    // A new list with nothing new: nothing read.
    expect(await loader.load(request(listed(records)))).toEqual(scored);
    expect(store.asked).toHaveLength(1);

    // The call in progress finishes, a fourth is made, and the first is scored again (its summary changed).
    const now = [
      { ...call(1), updatedAt: call(1).updatedAt + 5000, report: timely('s1', 99) },
      call(2),
      call(3),
      call(4),
    ];
    store.put(now);
    const next = await loader.load(request(listed(now)));
    expect(store.asked.slice(1)).toEqual([[now[0]!.id, now[2]!.id, now[3]!.id].sort()]);
    expect(next).toEqual(withReports(now, ids(now)));
    expect(loader.loaded?.attempts).toBe(next);
  });

  it('runs one load at a time: the second waits for the first and reads only what it did not', async () => {
    const store = fakeStore([call(1), call(2)]);
    const loader = new ReportLoader(store.read, undefined, () => NOW);
    const release = store.hold();
    const first = loader.load(request(listed([call(1)])));
    const second = loader.load(request(listed([call(1), call(2)])));
    const again = loader.load(request(listed([call(1), call(2)]))); // the same calls, listed anew
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.asked).toEqual([[call(1).id]]); // the second has not started
    release();
    const [earlier, later, thrice] = await Promise.all([first, second, again]);
    expect(earlier.map((a) => a.id)).toEqual([call(1).id]);
    expect(later).toEqual(withReports([call(1), call(2)], ids([call(1), call(2)])));
    expect(thrice).toEqual(later);
    expect(store.asked).toEqual([[call(1).id], [call(2).id]]);
  });

  it("keeps no other trainee's reports: after another list, the first one's are read again", async () => {
    const anas = [call(1, 'ana'), call(2, 'ana')];
    const bens = [call(1, 'ben')];
    const store = fakeStore([...anas, ...bens]);
    const loader = new ReportLoader(store.read, undefined, () => NOW);
    await loader.load(request(listed(anas)));
    const ben = await loader.load(request(listed(bens), [], 'ben'));
    expect(ben).toEqual(withReports(bens, ids(bens)));
    expect(loader.loaded?.attempts.flatMap((a) => (a.report ? [a.traineeId] : []))).toEqual(['ben']);
    await loader.load(request(listed(anas)));
    expect(store.asked).toEqual([ids(anas), ids(bens), ids(anas)]);
  });

  it('reads only the reports the progress view needs (the latest of each competency), and those asked for', async () => {
    const calls = Array.from({ length: PROGRESS_KEEP + 6 }, (_, i) => call(i));
    const store = fakeStore(calls);
    const loader = new ReportLoader(store.read, undefined, () => NOW);
    const list = listed(calls);
    const latest = ids(calls.slice(-PROGRESS_KEEP));
    const scored = await loader.load(request(list));
    expect(store.asked).toEqual([latest]);
    expect(scored).toEqual(withReports(calls, latest));

    // An assessment run's attempts: their reports too, and only those; asked again, nothing is read.
    const old = calls[0]!.id;
    const withOld = await loader.load(request(list, [old]));
    expect(store.asked.slice(1)).toEqual([[old]]);
    expect(withOld).toEqual(withReports(calls, [...latest, old]));
    expect(await loader.load(request(list, [old]))).toBe(withOld);
    expect(await loader.load(request(list))).toBe(withOld);

    // A summary written before it kept the applicable categories: its report is read (it may evidence anything).
    const legacy = list.map((a) => {
      if (a.id !== calls[1]!.id || !a.result) return a;
      const { applicable: _a, pointsLost: _p, criticalKinds: _c, ...older } = a.result;
      return { ...a, result: older };
    });
    await loader.load(request(legacy));
    expect(store.asked.slice(2)).toEqual([[calls[1]!.id]]);
  });

  it('reads only what was asked for by id until the library has loaded', async () => {
    const calls = [call(1), call(2)];
    const store = fakeStore(calls);
    const loader = new ReportLoader(store.read, undefined, () => NOW);
    const list = listed(calls);
    const bare = { ...request(list, [calls[0]!.id]), library: { ...LIBRARY, questions: undefined } };
    expect(await loader.load(bare)).toEqual(withReports(calls, [calls[0]!.id]));
    // The library arrives: a new request, and only the report not read yet is read.
    await loader.load(request(list));
    expect(store.asked).toEqual([[calls[0]!.id], [calls[1]!.id]]);
  });

  it('rejects as the read does, keeps the last load, and reads again next time', async () => {
    const store = fakeStore([call(1), call(2)]);
    const loader = new ReportLoader(store.read, undefined, () => NOW);
    const first = await loader.load(request(listed([call(1)])));
    store.fail(true);
    await expect(loader.load(request(listed([call(1), call(2)])))).rejects.toThrow('read failed');
    expect(loader.loaded?.attempts).toBe(first);
    store.fail(false);
    expect(await loader.load(request(listed([call(1), call(2)])))).toEqual(
      withReports([call(1), call(2)], ids([call(1), call(2)])),
    );
    expect(store.asked).toEqual([[call(1).id], [call(2).id], [call(2).id]]);
  });

  it('on a long history gives the summaries with exactly the reports core/progress names', async () => {
    const h = history(21, 400);
    const store = fakeStore(h.records);
    const now = Math.max(...h.records.map((r) => r.finishedAt ?? 0));
    const loader = new ReportLoader(store.read, undefined, () => now);
    const scored = await loader.load({
      attempts: h.summaries,
      traineeId: 't1',
      library: { scenarios, profiles, questions },
    });
    const needed = reportsNeeded(h.summaries, scenarios, profiles, questions, now, PROGRESS_KEEP);
    expect(scored).toEqual(readOnly(h, needed));
    expect(store.asked.flat().length).toBeLessThan(h.records.length / 2);
  });
});
