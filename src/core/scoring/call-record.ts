import type { LogEntry, TraineeAction, TraineeLogEntry } from '../engine/events';
import type { CallType, Resource } from '../format/vocabulary';
import { normaliseSet, type ResourceSet } from '../profiles/expected-routing';

/** A trainee's log entry of one kind of action. */
export type TraineeEntryOf<T extends TraineeAction['type']> = TraineeLogEntry & {
  action: Extract<TraineeAction, { type: T }>;
};

/** A unit dispatched, and the cancel that called it off, if any. */
export interface UnitSent {
  resource: Resource;
  entry: TraineeEntryOf<'dispatch'>;
  cancelled: TraineeEntryOf<'cancel'> | undefined;
  /** The center has no such unit, or it is off duty at the hour played: nobody comes. */
  unavailable: boolean;
}

/** A transfer the trainee started, how it went, and whether it was briefed first. */
export interface TransferMade {
  to: Resource;
  entry: TraineeEntryOf<'transfer'>;
  /** The caller did not go through (a response kept them on the line). */
  refused: boolean;
  /** Taken back before the counselor had the caller. */
  recalled: TraineeEntryOf<'recall'> | undefined;
  briefed: TraineeLogEntry | undefined;
  /** Nobody at this center takes such a transfer at the hour played: it reaches no one. */
  unavailable: boolean;
}

/** What the trainee did on a call, read from its event log: the facts scoring judges. */
export interface CallRecord {
  /** First ask of each question, with the log entry it happened in. */
  asked: Map<string, TraineeEntryOf<'ask'>>;
  deescalations: TraineeLogEntry[];
  /** The first dispatch or transfer. */
  routedAt: TraineeLogEntry | undefined;
  /**
   * The first transfer, or dispatch of a unit other than EMS or fire: where case entry, and the
   * screen unless what was said forced the decision (required-questions.ts), had to be done by.
   * EMS sent early for a medical need does not close the screen.
   */
  decidedAt: TraineeLogEntry | undefined;
  /** What was responding when the call ended: units not cancelled, transfers gone through and not recalled. */
  resources: ResourceSet;
  /** Everything the trainee tried to send or transfer to, refused, recalled and cancelled included. */
  attempted: ResourceSet;
  units: UnitSent[];
  transfers: TransferMade[];
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

/** The entries an action caused: up to the next trainee action. */
function effectsOf(log: readonly LogEntry[], i: number): readonly LogEntry[] {
  const next = log.slice(i + 1).findIndex((e) => e.kind === 'trainee');
  return next === -1 ? log.slice(i + 1) : log.slice(i + 1, i + 1 + next);
}

/**
 * What the trainee did, read from the log. `available`: whether a unit or counselor exists and is on
 * duty at the center and hour played (default: all are); one that is not responds to nothing.
 */
export function readCallRecord(
  log: readonly LogEntry[],
  available: (resource: Resource) => boolean = () => true,
): CallRecord {
  const asked = new Map<string, TraineeEntryOf<'ask'>>();
  const deescalations: TraineeLogEntry[] = [];
  const units: UnitSent[] = [];
  const transfers: TransferMade[] = [];
  const briefs = new Map<Resource, TraineeLogEntry>();
  const attempted = new Set<Resource>();
  let routedAt: TraineeLogEntry | undefined;
  let decidedAt: TraineeLogEntry | undefined;
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
      const resource = entry.action.resource;
      units.push({ resource, entry, cancelled: undefined, unavailable: !available(resource) });
      attempted.add(resource);
      routedAt ??= entry;
      if (resource !== 'ems' && resource !== 'fire') decidedAt ??= entry;
    } else if (isTrainee(entry, 'cancel')) {
      const unit = units.find((u) => u.resource === entry.action.resource && !u.cancelled);
      if (unit) unit.cancelled = entry;
    } else if (isTrainee(entry, 'transfer')) {
      // A transfer the caller refused shows as a "transfer-refused" entry among the ones it caused.
      const refused = effectsOf(log, i).some((e) => e.kind === 'system' && e.event === 'transfer-refused');
      transfers.push({
        to: entry.action.to,
        entry,
        refused,
        recalled: undefined,
        briefed: briefs.get(entry.action.to),
        unavailable: !available(entry.action.to),
      });
      attempted.add(entry.action.to);
      routedAt ??= entry;
      decidedAt ??= entry;
    } else if (isTrainee(entry, 'recall')) {
      const open = transfers.findLast((t) => !t.refused && !t.recalled);
      if (open) open.recalled = entry;
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

  const record: CallRecord = {
    asked,
    deescalations,
    routedAt,
    decidedAt,
    resources: [],
    attempted: normaliseSet(attempted),
    units,
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
  return { ...record, resources: respondingAt(record, Number.POSITIVE_INFINITY) };
}

/**
 * The routing decision: the first transfer or dispatch other than EMS or fire; or an EMS or fire
 * dispatch that was itself the decision (`emergencyDecision`: EMS was what the call needed then);
 * or, on a call that got only those, the first of them. Timeliness counts to here: EMS sent by
 * reflex at the first word does not make a slow decision about the rest fast.
 */
export function decisionOf(
  record: Pick<CallRecord, 'decidedAt' | 'routedAt' | 'units'>,
  emergencyDecision: (entry: TraineeLogEntry) => boolean = () => false,
): TraineeLogEntry | undefined {
  const emergency = record.units
    .filter((u) => !u.cancelled && !u.unavailable)
    .map((u) => u.entry)
    .find((e) => (e.action.resource === 'ems' || e.action.resource === 'fire') && emergencyDecision(e));
  const first = [record.decidedAt, emergency]
    .filter((e): e is TraineeLogEntry => e !== undefined)
    .sort((a, b) => a.seq - b.seq)[0];
  return first ?? record.routedAt;
}

/**
 * What was on its way or on the line just before log position `seq`: units dispatched and not yet
 * cancelled, and transfers the caller went through with and not yet recalled.
 */
export function respondingAt(record: Pick<CallRecord, 'units' | 'transfers'>, seq: number): ResourceSet {
  const before = (entry: LogEntry | undefined) => entry !== undefined && entry.seq < seq;
  return normaliseSet([
    ...record.units
      .filter((u) => before(u.entry) && !before(u.cancelled) && !u.unavailable)
      .map((u) => u.resource),
    ...record.transfers
      .filter((t) => before(t.entry) && !t.refused && !before(t.recalled) && !t.unavailable)
      .map((t) => t.to),
  ]);
}

/** Is someone with police powers on it: police, or a co-responder team's officer. */
export const policeOn = (resources: ResourceSet): boolean =>
  resources.includes('police') || resources.includes('co-responder');

/**
 * What was responding once the re-route window after `entry` had passed (or at the end of the
 * call): units sent together make one response, whatever order the keys were pressed in.
 */
export function respondingAfter(record: CallRecord, entry: LogEntry, windowMs: number): ResourceSet {
  const next = record.log.find((e) => e.at > entry.at + windowMs);
  return respondingAt(record, next?.seq ?? Number.POSITIVE_INFINITY);
}
