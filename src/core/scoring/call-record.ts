import type { LogEntry, TraineeAction, TraineeLogEntry } from '../engine/events';
import type { CallType, Resource } from '../format/vocabulary';
import { normaliseSet, type ResourceSet } from '../profiles/expected-routing';

/** A trainee's log entry of one kind of action. */
export type TraineeEntryOf<T extends TraineeAction['type']> = TraineeLogEntry & {
  action: Extract<TraineeAction, { type: T }>;
};

/** What the trainee did on a call, read from its event log: the facts scoring judges. */
export interface CallRecord {
  /** First ask of each question, with the log entry it happened in. */
  asked: Map<string, TraineeEntryOf<'ask'>>;
  deescalations: TraineeLogEntry[];
  /** The moment the routing decision was made: the first dispatch or transfer. */
  routedAt: TraineeLogEntry | undefined;
  /** Everything sent, plus transfers the caller went through with. */
  resources: ResourceSet;
  /** Everything the trainee tried to send or transfer to, refused transfers included. */
  attempted: ResourceSet;
  dispatches: TraineeEntryOf<'dispatch'>[];
  transfers: { entry: TraineeEntryOf<'transfer'>; refused: boolean; briefed: TraineeLogEntry | undefined }[];
  code: { callType: CallType; entry: TraineeLogEntry } | undefined;
  priority: { priority: number; entry: TraineeLogEntry } | undefined;
  handoffAccepted: LogEntry | undefined;
  handoffDropped: LogEntry | undefined;
  /** The caller hung up after a timed event (the trainee lost them). */
  lostCaller: LogEntry | undefined;
  ended: LogEntry | undefined;
  /** Call-clock ms of the last entry. */
  duration: number;
  log: readonly LogEntry[];
}

function isTrainee<T extends TraineeAction['type']>(entry: LogEntry, type: T): entry is TraineeEntryOf<T> {
  return entry.kind === 'trainee' && entry.action.type === type;
}

export function readCallRecord(log: readonly LogEntry[]): CallRecord {
  const asked = new Map<string, TraineeEntryOf<'ask'>>();
  const deescalations: TraineeLogEntry[] = [];
  const dispatches: TraineeEntryOf<'dispatch'>[] = [];
  const transfers: CallRecord['transfers'] = [];
  const briefs = new Map<Resource, TraineeLogEntry>();
  const sent = new Set<Resource>();
  const attempted = new Set<Resource>();
  let routedAt: TraineeLogEntry | undefined;
  let code: CallRecord['code'];
  let priority: CallRecord['priority'];
  let handoffAccepted: LogEntry | undefined;
  let handoffDropped: LogEntry | undefined;
  let lostCaller: LogEntry | undefined;
  let ended: LogEntry | undefined;

  for (const [i, entry] of log.entries()) {
    if (isTrainee(entry, 'ask') && !asked.has(entry.action.question)) asked.set(entry.action.question, entry);
    else if (isTrainee(entry, 'deescalate')) deescalations.push(entry);
    else if (isTrainee(entry, 'code')) code = { callType: entry.action.callType, entry };
    else if (isTrainee(entry, 'priority')) priority = { priority: entry.action.priority, entry };
    else if (isTrainee(entry, 'brief')) briefs.set(entry.action.to, entry);
    else if (isTrainee(entry, 'dispatch')) {
      dispatches.push(entry);
      sent.add(entry.action.resource);
      attempted.add(entry.action.resource);
      routedAt ??= entry;
    } else if (isTrainee(entry, 'transfer')) {
      // A transfer the caller refused shows as a "transfer-refused" entry among the ones it caused.
      const caused = log.slice(i + 1).findIndex((e) => e.kind === 'trainee');
      const effects = caused === -1 ? log.slice(i + 1) : log.slice(i + 1, i + 1 + caused);
      const refused = effects.some((e) => e.kind === 'system' && e.event === 'transfer-refused');
      transfers.push({ entry, refused, briefed: briefs.get(entry.action.to) });
      if (!refused) sent.add(entry.action.to);
      attempted.add(entry.action.to);
      routedAt ??= entry;
    } else if (entry.kind === 'system') {
      if (entry.event === 'handoff-accepted') handoffAccepted = entry;
      if (entry.event === 'handoff-dropped') handoffDropped = entry;
      if (entry.event === 'ended') ended = entry;
      // Lost: the hang-up came from a timed event (no trainee action in between), not a goodbye.
      const cause = log.slice(0, i).findLast((e) => e.kind !== 'caller');
      if (entry.event === 'hangup' && cause?.kind === 'system' && cause.event === 'timeout') {
        lostCaller ??= entry;
      }
    }
  }

  return {
    asked,
    deescalations,
    routedAt,
    resources: normaliseSet(sent),
    attempted: normaliseSet(attempted),
    dispatches,
    transfers,
    code,
    priority,
    handoffAccepted,
    handoffDropped,
    lostCaller,
    ended,
    duration: log.at(-1)?.at ?? 0,
    log,
  };
}
