import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { reportsNeeded } from '$core/progress/reports-needed';
import type { AttemptSummary, ScoredAttempt } from '$core/records/summary';
import type { ScoreReport } from '$core/scoring/score';
import { PROGRESS_KEEP } from '../progress/progress-view';

/**
 * Reports when a page asks for them (docs/architecture.md, "Storage: summaries first, reports when
 * asked for"). The app lists attempts as summaries; the pages that read reports (progress,
 * refresher, assessments) load them here: of a trainee's attempts, the reports core/progress
 * reportsNeeded names (the latest calls of each competency, and summaries too old to say what they
 * evidence), plus any asked for by id.
 *
 * One cache: the last load. A report is read once and taken from the last load after that, as
 * long as its attempt's summary has the same updatedAt; whatever the next load's list lacks (the
 * previous trainee's attempts) is gone with it. Loads run one after the other, so each reads only
 * what the one before it did not.
 */

/** Besides the attempts, what decides which reports are needed. */
export interface ReportLibrary {
  /** As the trainee sees them (their required questions place safety-screen evidence). */
  scenarios: readonly Scenario[];
  profiles: readonly CenterProfile[];
  /** Undefined until the library has loaded: then only the reports asked for by id are read. */
  questions: QuestionBank | undefined;
}

export interface ReportRequest {
  /** One trainee's attempts as listed. A list is compared by identity: a new list is a new array. */
  attempts: readonly AttemptSummary[];
  /** Whose attempts they are. */
  traineeId: string | undefined;
  library: ReportLibrary;
  /** Attempts whose reports are wanted as well (an assessment run's). */
  also?: readonly string[];
}

/** What a load made of a request. */
export interface LoadedReports {
  of: readonly AttemptSummary[];
  traineeId: string | undefined;
  library: ReportLibrary;
  /** Every attempt of `of`, in its order, with its report where it was needed, asked for or read before. */
  attempts: ScoredAttempt[];
}

/** Reads reports by attempt id (AttemptStore.reports); ids without one are left out. */
export type ReadReports = (attemptIds: readonly string[]) => Promise<Map<string, ScoreReport>>;

const sameLibrary = (a: ReportLibrary, b: ReportLibrary) =>
  a.scenarios === b.scenarios && a.profiles === b.profiles && a.questions === b.questions;

export class ReportLoader {
  /** The one cache. */
  private last: LoadedReports | undefined;
  /** The end of the load running last: the next one starts after it, failed or not. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `onLoad` hears of each new last load (the app shows it to the pages through reactive state);
   * `now` dates "the latest calls" (reportsNeeded).
   */
  constructor(
    private readonly read: ReadReports,
    private readonly onLoad: (loaded: LoadedReports) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** The last load, if any. */
  get loaded(): LoadedReports | undefined {
    return this.last;
  }

  /**
   * The request's attempts, each with its report where needed (see above). Asked again for the
   * same list and library, and nothing more by id, it resolves to the same array and reads nothing.
   * Rejects as the read does; the last load stays as it was.
   */
  load(request: ReportRequest): Promise<ScoredAttempt[]> {
    const answered = this.answers(request);
    if (answered) return Promise.resolve(answered);
    const loading = this.queue.then(() => this.answers(request) ?? this.readFor(request));
    this.queue = loading.catch(() => undefined);
    return loading;
  }

  /** The last load's attempts, if that load answers the request. */
  private answers({ attempts, traineeId, library, also = [] }: ReportRequest): ScoredAttempt[] | undefined {
    const last = this.last;
    if (
      !last ||
      last.of !== attempts ||
      last.traineeId !== traineeId ||
      !sameLibrary(last.library, library)
    ) {
      return undefined;
    }
    if (also.length === 0) return last.attempts;
    const byId = new Map(last.attempts.map((a) => [a.id, a]));
    const has = (id: string) => {
      const a = byId.get(id);
      return !a?.result || a.report !== undefined; // unknown or unscored: there is nothing to read
    };
    return also.every(has) ? last.attempts : undefined;
  }

  private async readFor({
    attempts,
    traineeId,
    library,
    also = [],
  }: ReportRequest): Promise<ScoredAttempt[]> {
    const { scenarios, profiles, questions } = library;
    const needed = questions
      ? reportsNeeded(attempts, scenarios, profiles, questions, this.now(), PROGRESS_KEEP)
      : new Set<string>();
    for (const id of also) needed.add(id);
    const before = new Map((this.last?.attempts ?? []).map((a) => [a.id, a]));
    const known = (a: AttemptSummary) => {
      const read = before.get(a.id);
      return read?.updatedAt === a.updatedAt ? read.report : undefined;
    };
    const missing = attempts.filter((a) => a.result && needed.has(a.id) && !known(a)).map((a) => a.id);
    const found = missing.length > 0 ? await this.read(missing) : new Map<string, ScoreReport>();
    const scored = attempts.map((a): ScoredAttempt => {
      const report = found.get(a.id) ?? known(a);
      return report ? { ...a, report } : a;
    });
    this.last = { of: attempts, traineeId, library, attempts: scored };
    this.onLoad(this.last);
    return scored;
  }
}
