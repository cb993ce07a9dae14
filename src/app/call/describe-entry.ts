import type { LogEntry, SystemEvent } from '$core/engine/events';
import type { QuestionBank } from '$core/format/question-bank';

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

/** One log entry in the words the transcript and the debrief timeline use. */
export function describeEntry(entry: LogEntry, bank: QuestionBank): string {
  if (entry.kind === 'caller') return entry.line.text;
  if (entry.kind === 'system') return SYSTEM_TEXT[entry.event];
  const a = entry.action;
  switch (a.type) {
    case 'answer':
      return 'Answered the call.';
    case 'ask':
      return bank.questions.find((q) => q.id === a.question)?.text ?? `Asked ${a.question}`;
    case 'deescalate':
      return bank.phrases.find((p) => p.id === a.phrase)?.text ?? `De-escalated (${a.phrase})`;
    case 'note':
      return `Note: ${a.text}`;
    case 'code':
      return `Coded the call: ${a.callType}`;
    case 'priority':
      return `Set priority ${a.priority}`;
    case 'brief':
      return `Briefed the counselor (${a.to})`;
    case 'dispatch':
      return `Dispatched ${a.resource}`;
    case 'cancel':
      return `Cancelled ${a.resource}`;
    case 'transfer':
      return `Transferred the caller to ${a.to}`;
    case 'recall':
      return 'Took the caller back from the transfer.';
    case 'callback':
      return 'Called the caller back.';
    case 'end':
      return 'Ended the call.';
  }
}
