import { evidenceIf, type ScoringContext } from './context';
import { earnedAfter, type CategoryResult, type PointLost } from './report';
import { POINTS } from './rubric';
import { requiredQuestions } from './required-questions';

/** Recognition & coding: the call-type code, the priority, and the clinical questions required. */
export function recognition(ctx: ScoringContext): CategoryResult {
  const { scenario, record, profile, expected } = ctx;
  const key = scenario.answerKey;
  // With no clinical question required, those points are met by default, as a QA form marks "n/a".
  const clinical = requiredQuestions(ctx, 'clinical-screen', POINTS.clinicalQuestions) ?? {
    earned: POINTS.clinicalQuestions,
    lost: [],
  };
  const lost: PointLost[] = [];

  const code = record.code;
  if (!code || !key.callTypes.includes(code.callType)) {
    lost.push({
      category: 'recognition',
      points: POINTS.code,
      rule: code ? 'recognition.wrong-call-type' : 'recognition.no-call-type',
      what: code ? `Coded the call as "${code.callType}".` : 'No call type was entered.',
      expected: `Code it as ${key.callTypes.map((c) => `"${c}"`).join(' or ')}.`,
      ...evidenceIf(code?.entry),
      rationale: key.rationale.recognition,
      ...(scenario.facts.behavioralHealth ? { source: { ref: 'seed:001#decision-6' } } : {}),
    });
  }

  const given = record.priority?.priority;
  const off = given === undefined ? Number.POSITIVE_INFINITY : Math.abs(given - key.priority);
  if (off > 0) {
    lost.push({
      category: 'recognition',
      points: off === 1 ? POINTS.priority / 2 : POINTS.priority,
      rule: given === undefined ? 'recognition.no-priority' : 'recognition.wrong-priority',
      what:
        given === undefined
          ? 'No priority was set.'
          : `Set ${profile.priorityLabels[given - 1] ?? `priority ${given}`}: ${
              given > key.priority
                ? 'less urgent than this call needs (under-triage: the response comes later than it should)'
                : 'more urgent than this call needs'
            }.`,
      expected: `${expected.priorityLabel}.`,
      ...evidenceIf(record.priority?.entry),
      rationale: key.rationale.priority,
    });
  }
  return {
    earned: earnedAfter(POINTS.code + POINTS.priority + clinical.earned, lost),
    lost: [...clinical.lost, ...lost],
  };
}
