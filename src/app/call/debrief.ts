import type { LogEntry } from '$core/engine/events';
import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { citationTitle } from '$core/format/sources';
import { FACT_LABELS, SAFETY_FACTS, type SafetyFact, type SourceCitation } from '$core/format/vocabulary';
import { resourceLabel, type ResourceSet } from '$core/profiles/expected-routing';
import { SCORING_VERSION } from '$core/scoring/rubric';
import type { CriticalError, PointLost, ScoreReport } from '$core/scoring/score';
import type { ImportMark } from '$core/records/attempt';

/**
 * The debrief as data: what the page shows, worked out from the report, the log, the scenario and
 * the center, in people's words (no internal ids). Pure: no DOM, no storage.
 */

/** When a fact of the call became known, pinned to a moment of the film. */
export interface FactNote {
  fact: SafetyFact;
  kind: 'revealed' | 'counted';
  text: string;
}

export interface TimelineItem {
  entry: LogEntry;
  /** Deductions and critical errors whose evidence is this entry. */
  lost: PointLost[];
  critical: CriticalError[];
  /** Facts that became known at this entry. */
  facts: FactNote[];
}

export interface Film {
  items: TimelineItem[];
  unpinned: PointLost[];
  /** Facts present in the call that never came up (a report scored before facts were recorded has none). */
  neverRevealed: { fact: SafetyFact; label: string }[];
  /** Whether the report says when each fact became known (scoring version 2 on). */
  factsRecorded: boolean;
}

/** A question by its bank text (the timeline has no scenario to word it for a self-caller). */
const bankText = (bank: QuestionBank, id: string) =>
  bank.questions.find((q) => q.id === id)?.text ?? 'a question no longer in the bank';

/**
 * The "game film": the log, with every deduction pinned to the moment it points at, and the moment
 * each fact became known: the caller line that revealed it, or the routing decision when it was
 * counted as known because a required question that would have brought it out was not yet asked.
 */
export function timeline(log: readonly LogEntry[], report: ScoreReport, bank: QuestionBank): Film {
  const notes = new Map<number, FactNote[]>();
  const pin = (seq: number, note: FactNote) => notes.set(seq, [...(notes.get(seq) ?? []), note]);
  const neverRevealed: Film['neverRevealed'] = [];
  for (const moment of report.facts ?? []) {
    const label = FACT_LABELS[moment.fact];
    if (moment.skipped) {
      pin(moment.skipped.seq, {
        fact: moment.fact,
        kind: 'counted',
        text: `Counted as known: ${label}. You routed before asking "${bankText(bank, moment.skipped.question)}"`,
      });
    }
    if (moment.revealed) {
      pin(moment.revealed.seq, {
        fact: moment.fact,
        kind: 'revealed',
        text: `The caller revealed ${label}.`,
      });
    }
    if (!moment.skipped && !moment.revealed) neverRevealed.push({ fact: moment.fact, label });
  }
  const items = log.map((entry) => ({
    entry,
    lost: report.pointsLost.filter((p) => p.evidence?.seq === entry.seq),
    critical: report.criticalErrors.filter((c) => c.evidence?.seq === entry.seq),
    facts: notes.get(entry.seq) ?? [],
  }));
  return {
    items,
    unpinned: report.pointsLost.filter((p) => p.evidence === undefined),
    neverRevealed,
    factsRecorded: report.facts !== undefined,
  };
}

/** A citation as the debrief prints it. */
export function citation(source: SourceCitation): string {
  return `${citationTitle(source.ref)}${source.note ? `: ${source.note}` : ''}`;
}

export interface RoutingView {
  /** The center's resources, in its words ("nothing" when none). */
  sent: string;
  best: string;
  acceptable: string[];
  priority: string;
  /** The reasons derived for the center and the hour played, each with where it comes from. */
  reasons: { text: string; source: string | undefined }[];
  /** What any answer had to include, in words. */
  needs: string[];
  /** The facts the expected routing was worked out on (absent in reports before scoring version 2). */
  knownFacts: string[] | undefined;
  /** The author's routing rationale for this center's dispatch model, labelled for what it is. */
  rationale: { label: string; text: string } | undefined;
}

/** Has a clinician approved the scenario? Its rationale is labelled a draft until then. */
export function rationaleLabel(scenario: Scenario): string {
  return scenario.review.status === 'approved'
    ? "The clinician's reasoning"
    : "The answer key's reasoning (draft, not yet reviewed by a clinician)";
}

/**
 * The routing section: the reasons derived for this center and hour first, then the author's
 * reasoning (the one written for this dispatch model when there is one), then what was expected.
 */
export function routingView(
  report: ScoreReport,
  profile: CenterProfile,
  scenario: Scenario | undefined,
): RoutingView {
  const labels = (resources: ResourceSet) =>
    resources.length === 0 ? 'nothing' : resources.map((r) => resourceLabel(r, profile)).join(' + ');
  const expected = report.expected;
  const needs = [
    ...(expected.policeRequired ? [`${resourceLabel('police', profile)} on the way`] : []),
    ...(expected.emsRequired ? [`${resourceLabel('ems', profile)} on the way`] : []),
    ...(expected.emergencyRequired && !expected.policeRequired
      ? ['an emergency unit on the way (police, EMS or fire)']
      : []),
  ];
  const byModel = scenario?.answerKey.rationale.routingByModel?.[profile.model];
  const text = byModel ?? scenario?.answerKey.rationale.routing;
  return {
    sent: labels(report.decision.resources),
    best: labels(expected.best.resources),
    acceptable: expected.acceptable.map((o) => labels(o.resources)),
    priority: expected.priorityLabel,
    reasons: expected.reasons.map((r) => ({
      text: r.text,
      source: r.source ? citation(r.source) : undefined,
    })),
    needs,
    knownFacts: expected.known?.map((f) => FACT_LABELS[f]),
    rationale: scenario && text ? { label: rationaleLabel(scenario), text } : undefined,
  };
}

/** A note for a report scored by an older rubric: shown as it was scored, never re-scored. */
export function scoringNote(report: ScoreReport): string | undefined {
  return report.scoringVersion < SCORING_VERSION
    ? `Scored with scoring version ${report.scoringVersion}. The current version is ${SCORING_VERSION}; this call is shown as it was scored then, not scored again.`
    : undefined;
}

/** Where an imported call's score comes from: it was not taken on this browser. */
export function importNote(mark: ImportMark | undefined): string | undefined {
  if (!mark) return undefined;
  const when = new Date(mark.at).toLocaleDateString();
  switch (mark.score) {
    case 'rescored':
      return `Imported from a records file on ${when}. The score was worked out again here from the call's log${
        mark.fileTotal === undefined ? '' : ` (the file claimed ${mark.fileTotal}%; it is not used)`
      }.`;
    case 'as-imported':
      return `Imported from a records file on ${when}. The score is as imported, not re-scored: ${mark.why ?? 'no reason recorded'}.`;
    case 'unscored':
      return `Imported from a records file on ${when}.`;
  }
}

/** The history's short form of importNote. */
export function importTag(mark: ImportMark | undefined): string {
  if (!mark) return '';
  return mark.score === 'as-imported' ? ' · imported, not re-scored' : ' · imported';
}

/**
 * A deduction's text in people's words. The scorer lists what a missed question screens for by
 * fact id ("(screens for weapon, self-harm-means)") — progress reads that list back — so the
 * debrief puts the facts in words here.
 */
export function inWords(text: string): string {
  return text.replace(/\(screens for ([^)]*)\)/, (whole, list: string) => {
    const names = list.split(', ');
    const facts = names.filter((f): f is SafetyFact => (SAFETY_FACTS as readonly string[]).includes(f));
    if (facts.length === 0 || facts.length !== names.length) return whole;
    return `(it screens for ${facts.map((f) => FACT_LABELS[f]).join(', ')})`;
  });
}
