import type { CallerLogEntry, LogEntry } from '../engine/events';
import { evidenceOf, type ScoringContext } from './context';
import { earnedAfter, type CategoryResult, type PointLost } from './report';
import { DISTRESSED, POINTS } from './rubric';

/** Distress the trainee heard: a line they spoke over was never heard. */
const isDistressed = (e: LogEntry): e is CallerLogEntry =>
  e.kind === 'caller' && !e.unsaid && DISTRESSED.some((emotion) => emotion === e.line.emotion);

/** De-escalating a distressed caller, and keeping the caller on the line. */
export function communication(ctx: ScoringContext): CategoryResult {
  const { record } = ctx;
  const lost: PointLost[] = [];
  const distressed = record.log.find(isDistressed);
  if (distressed && record.deescalations.length === 0) {
    lost.push({
      category: 'communication',
      points: POINTS.deescalate,
      rule: 'communication.no-deescalation',
      what: `The caller was ${distressed.line.emotion} and no de-escalation was used.`,
      expected: 'Acknowledge the caller and slow the call down before pressing on.',
      evidence: evidenceOf(distressed),
    });
  }
  if (record.lostCaller) {
    lost.push({
      category: 'communication',
      points: POINTS.keepCaller,
      rule: 'communication.lost-caller',
      what: 'The caller hung up after waiting without the action they needed.',
      expected: 'Keep the caller engaged: answer what they need before they give up.',
      evidence: evidenceOf(record.lostCaller),
    });
  }
  return { earned: earnedAfter(POINTS.deescalate + POINTS.keepCaller, lost), lost };
}
