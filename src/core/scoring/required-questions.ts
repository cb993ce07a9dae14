import type { QuestionGroup } from '../format/question-bank';
import { questionText } from '../format/question-bank';
import type { SourceCitation } from '../format/vocabulary';
import { hasEmergencyUnit } from '../profiles/expected-routing';
import { policeOn, respondingAfter } from './call-record';
import { evidenceIf, policeFacts, rerouteWindowMs, seconds, type ScoringContext } from './context';
import { earnedAfter, type CategoryResult, type PointLost } from './report';
import type { CategoryId } from './rubric';

const CATEGORY_OF: Record<QuestionGroup, CategoryId> = {
  'case-entry': 'case-entry',
  'safety-screen': 'safety-screen',
  'clinical-screen': 'recognition',
};

const SOURCE_OF: Partial<Record<QuestionGroup, SourceCitation>> = {
  'safety-screen': { ref: 'seed:001#decision-5' },
  'clinical-screen': { ref: 'seed:001#decision-6' },
};

/**
 * The required questions of one group, each worth an equal share of `weight`: all of it when asked
 * before routing, half when asked only after, none when never asked. Undefined when the answer key
 * requires none of the group.
 */
export function requiredQuestions(
  ctx: ScoringContext,
  group: QuestionGroup,
  weight: number,
): CategoryResult | undefined {
  const { scenario, questions, record } = ctx;
  const required = scenario.answerKey.requiredQuestions.flatMap((id) =>
    questions.questions.filter((q) => q.id === id && q.group === group),
  );
  if (required.length === 0) return undefined;
  const share = weight / required.length;
  // Where the call is and how to call back come before any unit moves, forced decision or not.
  const deadline =
    group === 'case-entry' ? (record.decidedAt?.seq ?? Number.POSITIVE_INFINITY) : screenDeadline(ctx);
  const rationale =
    group === 'safety-screen'
      ? scenario.answerKey.rationale.safetyScreen
      : group === 'clinical-screen'
        ? scenario.answerKey.rationale.recognition
        : undefined;
  const source = SOURCE_OF[group];
  const lost: PointLost[] = [];
  for (const q of required) {
    const asked = record.asked.get(q.id);
    if (asked && asked.seq < deadline) continue;
    lost.push({
      category: CATEGORY_OF[group],
      points: asked ? share / 2 : share,
      rule: asked ? `${group}.asked-after-routing` : `${group}.not-asked`,
      subject: q.id,
      what: asked
        ? `Asked "${questionText(q, scenario)}" only after routing (at ${seconds(asked.at)}).`
        : `Never asked "${questionText(q, scenario)}"`,
      expected: `Ask before routing: "${questionText(q, scenario)}"${q.screens.length ? ` (screens for ${q.screens.join(', ')})` : ''}.`,
      ...evidenceIf(asked ?? record.decidedAt),
      ...(rationale ? { rationale } : {}),
      ...(source ? { source } : {}),
    });
  }
  return { earned: earnedAfter(weight, lost), lost };
}

/**
 * The log position questions must come before to count as asked before routing: the routing
 * decision, unless what the caller had already said forced it. Once a weapon, a threat or an
 * attempt about to happen is out, no answer can take police off the call, so sending them first and
 * asking after is right, not late. An attempt under way forces an emergency unit the same way.
 */
function screenDeadline(ctx: ScoringContext): number {
  const { record, knowledge, profile } = ctx;
  const decided = record.decidedAt;
  if (!decided) return Number.POSITIVE_INFINITY;
  const said = [...knowledge.revealed].filter(([, line]) => line.seq < decided.seq).map(([fact]) => fact);
  // Units sent together make one response: police a moment after the team forces the decision too.
  const sent = respondingAfter(record, decided, rerouteWindowMs(ctx));
  const forced =
    (policeOn(sent) && said.some((f) => policeFacts(profile).includes(f))) ||
    (said.includes('imminent-risk') && hasEmergencyUnit(sent));
  return forced ? Number.POSITIVE_INFINITY : decided.seq;
}
