import type { LogEntry, SystemEvent } from '$core/engine/events';
import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import { resourceLabel } from '$core/profiles/expected-routing';

const SYSTEM_TEXT: Record<SystemEvent, string> = {
  timeout: 'Time passed without the action the caller needed.',
  hangup: 'The caller hung up.',
  'callback-no-answer': 'Called back: no answer.',
  'transfer-refused': 'The caller did not go through with the transfer.',
  'handoff-started': 'Caller conferenced in with the counselor.',
  'handoff-accepted': 'The counselor has the caller.',
  'handoff-dropped': 'You left before the counselor had the caller.',
  ended: 'Call ended.',
};

/**
 * One log entry in the words the transcript and the debrief timeline use: questions by the bank's
 * text, units and counselors by the center's own names, never an internal id.
 */
export function describeEntry(entry: LogEntry, bank: QuestionBank, profile: CenterProfile): string {
  if (entry.kind === 'caller') return entry.line.text;
  if (entry.kind === 'system') return SYSTEM_TEXT[entry.event];
  const a = entry.action;
  switch (a.type) {
    case 'answer':
      return 'Answered the call.';
    case 'ask':
      return (
        bank.questions.find((q) => q.id === a.question)?.text ?? 'Asked a question no longer in the bank.'
      );
    case 'deescalate':
      return bank.phrases.find((p) => p.id === a.phrase)?.text ?? 'Used a phrasing no longer in the bank.';
    case 'note':
      return `Note: ${a.text}`;
    case 'code':
      return `Coded the call: ${a.callType}`;
    case 'priority':
      return `Set the priority: ${profile.priorityLabels[a.priority - 1] ?? a.priority}`;
    case 'brief':
      return `Briefed ${resourceLabel(a.to, profile)} before bringing the caller in`;
    case 'dispatch':
      return `Dispatched ${resourceLabel(a.resource, profile)}`;
    case 'cancel':
      return `Called off ${resourceLabel(a.resource, profile)}`;
    case 'transfer':
      return `Transferred the caller to ${resourceLabel(a.to, profile)}`;
    case 'recall':
      return 'Took the caller back from the transfer.';
    case 'callback':
      return 'Called the caller back.';
    case 'end':
      return 'Ended the call.';
  }
}
