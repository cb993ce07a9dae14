import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import { contentHash } from '../review/content-hash';
import { SCORING_VERSION } from '../scoring/rubric';
import { scoreAttempt, type ScoreReport } from '../scoring/score';
import { withSurface } from '../variants/surface';
import type { ImportMark } from './attempt';
import type { ExportedAttempt } from './records-file';

/** What re-scoring needs: the library this app plays. */
export interface RescoreLibrary {
  scenarios: readonly Scenario[];
  profiles: readonly CenterProfile[];
  questions: QuestionBank | undefined;
}

/** An imported attempt as it is stored here: its report as this app worked it out (or as the file had it, marked so). */
export interface Rescored {
  report?: ScoreReport;
  imported: ImportMark;
}

/**
 * The score an imported attempt is stored with. A file's score is a claim, not evidence: the log is
 * the evidence. So the attempt is scored again, from its log, with the scenario exactly as it was
 * played (same content hash, same surface variant), the center and the call time it was played
 * at, by this app's rules. That is possible only for the scoring version this app has; an attempt
 * scored by another, or whose scenario as played is not in this library, keeps the file's report,
 * marked "as imported, not re-scored" with the reason.
 */
export function rescore(attempt: ExportedAttempt, library: RescoreLibrary, now: number): Rescored {
  const report = attempt.report;
  if (!report) return { imported: { at: now, score: 'unscored' } };
  const asImported = (why: string): Rescored => ({
    report,
    imported: { at: now, score: 'as-imported', why },
  });
  if (report.scoringVersion !== SCORING_VERSION) {
    return asImported(
      `scored by scoring version ${report.scoringVersion}; this app scores with version ${SCORING_VERSION}`,
    );
  }
  const scenario = library.scenarios.find(
    (s) => s.id === attempt.scenarioId && contentHash(s) === attempt.scenarioHash,
  );
  if (!scenario) {
    return asImported(`the scenario "${attempt.scenarioId}" as it was played is not in this library`);
  }
  const surfaced = withSurface(scenario, attempt.variant);
  if (!surfaced.ok) return asImported(surfaced.problem);
  const profile = library.profiles.find((p) => p.id === attempt.profileId);
  if (!profile) return asImported(`the center profile "${attempt.profileId}" is not in this library`);
  if (!library.questions) return asImported('the question bank could not be loaded');
  const again = scoreAttempt({
    scenario: surfaced.scenario,
    profile,
    questions: library.questions,
    log: attempt.events,
    callTime: attempt.callTime,
  });
  return {
    report: again,
    imported: {
      at: now,
      score: 'rescored',
      ...(again.total === report.total ? {} : { fileTotal: report.total }),
    },
  };
}
