import type { LogEntry, SystemEvent, TraineeAction } from '$core/engine/events';
import type { CenterProfile } from '$core/format/profile';
import { questionText, type QuestionBank } from '$core/format/question-bank';
import type { ActionMatch, Scenario } from '$core/format/scenario';
import { listWords } from '$core/format/words';
import { CALL_TYPE_LABELS } from '$core/format/vocabulary';
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
export function describeEntry(
  entry: LogEntry,
  bank: QuestionBank,
  profile: CenterProfile,
  scenario?: Scenario,
): string {
  if (entry.kind === 'caller') {
    return entry.unsaid
      ? `Not said: you spoke over the caller, who stopped before “${entry.line.text}”`
      : entry.line.text;
  }
  if (entry.kind === 'system') {
    const needed =
      entry.event === 'timeout' && scenario ? neededIn(scenario, entry.state, bank, profile) : [];
    return needed.length > 0
      ? `Time ran out while the caller waited for ${listWords(needed, 'or')}.`
      : SYSTEM_TEXT[entry.event];
  }
  return describeAction(entry.action, bank, profile, scenario);
}

/**
 * What would have moved the caller on in this state: the actions the state answers with a change
 * (else any it answers at all), in words.
 */
function neededIn(scenario: Scenario, state: string, bank: QuestionBank, profile: CenterProfile): string[] {
  const responses = scenario.states[state]?.responses ?? [];
  const moving = responses.filter((r) => r.goto !== undefined);
  const words = (moving.length > 0 ? moving : responses).map((r) =>
    neededWords(r.on, bank, profile, scenario),
  );
  return [...new Set(words)];
}

function neededWords(
  on: ActionMatch,
  bank: QuestionBank,
  profile: CenterProfile,
  scenario: Scenario,
): string {
  switch (on.type) {
    case 'ask': {
      const question = bank.questions.find((q) => q.id === on.question);
      return `the question “${question ? questionText(question, scenario) : 'a question no longer in the bank'}”`;
    }
    case 'deescalate': {
      const phrase = on.phrase && bank.phrases.find((p) => p.id === on.phrase)?.text;
      return phrase ? `“${phrase}”` : 'calming words';
    }
    case 'dispatch':
      return on.resource ? `${resourceLabel(on.resource, profile)} to be sent` : 'a unit to be sent';
    case 'transfer':
      return on.to ? `a transfer to ${resourceLabel(on.to, profile)}` : 'a transfer';
  }
}

/** What the trainee did or said, in the words of the bank and the center. */
export function describeAction(
  a: TraineeAction,
  bank: QuestionBank,
  profile: CenterProfile,
  scenario?: Scenario,
): string {
  switch (a.type) {
    case 'answer':
      return 'Answered the call.';
    case 'ask': {
      const question = bank.questions.find((q) => q.id === a.question);
      return question ? questionText(question, scenario) : 'Asked a question no longer in the bank.';
    }
    case 'deescalate':
      return bank.phrases.find((p) => p.id === a.phrase)?.text ?? 'Used a phrasing no longer in the bank.';
    case 'note':
      return `Note: ${a.text}`;
    case 'code':
      return `Coded the call: ${CALL_TYPE_LABELS[a.callType] ?? a.callType}`;
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
