import { z } from 'zod';
import { NOTE_MAX, SYSTEM_EVENTS, type LogEntry, type TraineeAction } from '../engine/events';
import { CallerLine } from '../format/scenario';
import { CallType, ClockTime, Id, Resource } from '../format/vocabulary';
import type { ScoreReport } from '../scoring/score';
import { parseJson } from '../validate/parse-json';
import { formatProblem, jsonPath, type Problem } from '../validate/problem';
import { zodProblems } from '../validate/validate-scenario';
import type { AttemptRecord, AttemptWithEvents, TraineeProfile } from './attempt';
import { MAX_PIN_ITERATIONS, MIN_PIN_ITERATIONS, type PinHash } from './pin';
import { BADGE_MAX, CLASS_MAX, NAME_MAX } from './trainee';

/**
 * A trainee's records as a file, to carry them to another device: the profiles, and every finished
 * attempt with its whole log. Versioned apart from the database schema; a change to the shape
 * needs a new RECORDS_VERSION (and this app must keep reading the old ones).
 *
 * Attempts still in progress are not exported: they stay on their device until finished (a
 * half-way copy would later clash with the finished one).
 */
export const RECORDS_FORMAT = 'dispatch-trainer-records';
/** Version 2 added `variant` to attempts (the surface variant played); version 1 files read as they are. */
export const RECORDS_VERSION = 2;
/** Every version this app reads. */
export const READABLE_RECORDS_VERSIONS = [1, 2] as const;

const RecordId = z.string().min(1).max(100);
const Epoch = z.number().int().min(0);
const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

export const PinHashSchema = z.strictObject({
  salt: Base64,
  hash: Base64,
  iterations: z.number().int().min(MIN_PIN_ITERATIONS).max(MAX_PIN_ITERATIONS),
});

const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim() !== '', 'must not be blank');

export const TraineeSchema = z.strictObject({
  id: RecordId,
  name: nonBlank(NAME_MAX),
  badge: nonBlank(BADGE_MAX).optional(),
  academyClass: nonBlank(CLASS_MAX).optional(),
  createdAt: Epoch,
  pin: PinHashSchema.optional(),
});

const TraineeActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('answer') }),
  z.strictObject({ type: z.literal('ask'), question: z.string().min(1) }),
  z.strictObject({ type: z.literal('deescalate'), phrase: z.string().min(1) }),
  // Ten times what the app lets a trainee type (NOTE_MAX): older files had no limit at all.
  z.strictObject({ type: z.literal('note'), text: z.string().max(NOTE_MAX * 10) }),
  z.strictObject({ type: z.literal('code'), callType: CallType }),
  z.strictObject({ type: z.literal('priority'), priority: z.number().int() }),
  z.strictObject({ type: z.literal('brief'), to: Resource }),
  z.strictObject({ type: z.literal('dispatch'), resource: Resource }),
  z.strictObject({ type: z.literal('cancel'), resource: Resource }),
  z.strictObject({ type: z.literal('transfer'), to: Resource }),
  z.strictObject({ type: z.literal('recall') }),
  z.strictObject({ type: z.literal('callback') }),
  z.strictObject({ type: z.literal('end') }),
]);

const entryBase = { seq: z.number().int().min(0), at: z.number().min(0), state: z.string().min(1) };
export const LogEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...entryBase, kind: z.literal('trainee'), action: TraineeActionSchema }),
  z.strictObject({
    ...entryBase,
    kind: z.literal('caller'),
    line: CallerLine,
    /** Never said: the trainee spoke over the caller (see core/engine/events.ts). */
    unsaid: z.literal(true).optional(),
  }),
  z.strictObject({ ...entryBase, kind: z.literal('system'), event: z.enum(SYSTEM_EVENTS) }),
]);

// The log schema must stay the log type exactly (a new action or event needs both changed).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const logMatches: Same<z.output<typeof LogEntrySchema>, LogEntry> = true;
const actionMatches: Same<z.output<typeof TraineeActionSchema>, TraineeAction> = true;
void logMatches;
void actionMatches;

const Evidence = z.looseObject({ seq: z.number().int().min(0), at: z.number().min(0) });

/**
 * Structural, not exact: enough to reject a corrupt report, while a report from another scoring
 * version (more fields, other category ids) still passes. Unknown fields are kept as they are.
 */
export const ScoreReportSchema = z.looseObject({
  scoringVersion: z.number().int().min(1),
  scenarioId: z.string().min(1),
  profileId: z.string().min(1),
  callTime: ClockTime,
  total: z.number().min(0).max(100),
  level: z.string().min(1),
  levelLabel: z.string().min(1),
  categories: z.array(
    z.looseObject({
      id: z.string().min(1),
      label: z.string(),
      weight: z.number(),
      earned: z.number(),
      applicable: z.boolean(),
    }),
  ),
  criticalErrors: z.array(
    z.looseObject({
      kind: z.string().min(1),
      what: z.string(),
      rationale: z.string(),
      evidence: Evidence.optional(),
    }),
  ),
  pointsLost: z.array(
    z.looseObject({
      category: z.string().min(1),
      points: z.number(),
      rule: z.string().min(1),
      what: z.string(),
      expected: z.string(),
      evidence: Evidence.optional(),
    }),
  ),
  expected: z.looseObject({
    best: z.looseObject({ resources: z.array(z.string()), disposition: z.string() }),
    acceptable: z.array(z.looseObject({ resources: z.array(z.string()), disposition: z.string() })),
    priority: z.number(),
  }),
  decision: z.looseObject({ resources: z.array(z.string()) }),
});

export const ExportedAttemptSchema = z
  .strictObject({
    id: RecordId,
    traineeId: RecordId,
    scenarioId: z.string().min(1),
    scenarioHash: z.string().min(1),
    variant: Id.optional(),
    profileId: z.string().min(1),
    callTime: ClockTime,
    mode: z.enum(['practice', 'assessment']),
    startedAt: Epoch,
    updatedAt: Epoch,
    finishedAt: Epoch,
    status: z.literal('finished', {
      error: 'must be "finished" (an attempt still in progress stays on its device)',
    }),
    report: ScoreReportSchema.optional(),
    events: z.array(LogEntrySchema),
  })
  .superRefine((attempt, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (attempt.updatedAt < attempt.startedAt) issue(['updatedAt'], 'is before startedAt');
    if (attempt.finishedAt < attempt.startedAt) issue(['finishedAt'], 'is before startedAt');
    for (const [i, entry] of attempt.events.entries()) {
      if (entry.seq !== i) {
        issue(
          ['events', i, 'seq'],
          `expected seq ${i} (the log must run 0, 1, 2, … with none missing), found ${entry.seq}`,
        );
        break;
      }
      const before = attempt.events[i - 1];
      if (before && entry.at < before.at) {
        issue(['events', i, 'at'], `goes back in time (${entry.at} ms after ${before.at} ms)`);
        break;
      }
    }
    const report = attempt.report;
    if (!report) return;
    if (report.scenarioId !== attempt.scenarioId) {
      issue(
        ['report', 'scenarioId'],
        `is "${report.scenarioId}" but the attempt is of "${attempt.scenarioId}"`,
      );
    }
    const pointers: [PropertyKey[], { seq: number } | undefined][] = [
      ...report.pointsLost.map((p, i): [PropertyKey[], { seq: number } | undefined] => [
        ['report', 'pointsLost', i, 'evidence', 'seq'],
        p.evidence,
      ]),
      ...report.criticalErrors.map((c, i): [PropertyKey[], { seq: number } | undefined] => [
        ['report', 'criticalErrors', i, 'evidence', 'seq'],
        c.evidence,
      ]),
    ];
    for (const [path, evidence] of pointers) {
      if (evidence && evidence.seq >= attempt.events.length) {
        issue(path, `points at event ${evidence.seq}, which the log does not have`);
      }
    }
  });

export const RecordsFileSchema = z
  .strictObject({
    format: z.literal(RECORDS_FORMAT),
    version: z.literal(READABLE_RECORDS_VERSIONS),
    exportedAt: z.iso.datetime(),
    trainees: z.array(TraineeSchema),
    attempts: z.array(ExportedAttemptSchema),
  })
  .superRefine((file, ctx) => {
    const firstAt = new Map<string, number>();
    for (const [i, trainee] of file.trainees.entries()) {
      const first = firstAt.get(trainee.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['trainees', i, 'id'],
          message: `"${trainee.id}" is already used at ${jsonPath(['trainees', first])}`,
        });
      } else firstAt.set(trainee.id, i);
    }
    const attemptAt = new Map<string, number>();
    for (const [i, attempt] of file.attempts.entries()) {
      const first = attemptAt.get(attempt.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['attempts', i, 'id'],
          message: `"${attempt.id}" is already used at ${jsonPath(['attempts', first])}`,
        });
      } else attemptAt.set(attempt.id, i);
      if (!firstAt.has(attempt.traineeId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['attempts', i, 'traineeId'],
          message: `"${attempt.traineeId}" is not one of this file's trainees`,
        });
      }
    }
  });

/** A finished attempt as exported: the record without its resume state, and its whole log. */
export type ExportedAttempt = Omit<AttemptRecord, 'saved' | 'status' | 'finishedAt' | 'report'> & {
  status: 'finished';
  finishedAt: number;
  report?: ScoreReport;
  events: LogEntry[];
};

export interface RecordsFile {
  format: typeof RECORDS_FORMAT;
  version: (typeof READABLE_RECORDS_VERSIONS)[number];
  /** ISO 8601, UTC. */
  exportedAt: string;
  trainees: TraineeProfile[];
  attempts: ExportedAttempt[];
}

// The schema's output must fit the types the store reads (the report schema is looser by design).
const traineeFits: Same<z.output<typeof TraineeSchema>, TraineeProfile> = true;
const pinFits: Same<z.output<typeof PinHashSchema>, PinHash> = true;
void traineeFits;
void pinFits;

export type RecordsParse = { ok: true; value: RecordsFile } | { ok: false; problems: string[] };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The format and version check, before the schema: a foreign or newer file gets one clear line. */
function headerProblem(value: unknown): Problem | undefined {
  const notOurs = (detail: string): Problem => ({
    path: '$',
    message: `not a Dispatch Trainer records file (${detail})`,
  });
  if (!isObject(value)) return notOurs(`it holds ${describe(value)}, not an object`);
  const { format, version } = value;
  if (format === undefined) {
    const looksLikeScenario = 'formatVersion' in value && 'states' in value;
    return notOurs(`format missing${looksLikeScenario ? '; this looks like a scenario file' : ''}`);
  }
  if (format !== RECORDS_FORMAT) return { ...notOurs(`format ${JSON.stringify(format)}`), path: '$.format' };
  if (typeof version === 'number' && Number.isInteger(version) && version > RECORDS_VERSION) {
    return {
      path: '$.version',
      message: `made by a newer version of the app (version ${version}); update first`,
    };
  }
  return undefined;
}

/** Every problem with an in-memory records file ([] when it is valid), as `json-path: message`. */
export function recordsProblems(value: unknown): Problem[] {
  const header = headerProblem(value);
  if (header) return [header];
  const result = RecordsFileSchema.safeParse(value);
  return result.success ? [] : zodProblems(result.error, value);
}

/**
 * Reads an exported records file. On failure, every problem as a `fileName: json-path: message`
 * line; a foreign or newer file gives one line saying so.
 */
export function parseRecordsFile(text: string, fileName: string): RecordsParse {
  const fail = (problems: Problem[]): RecordsParse => ({
    ok: false,
    problems: problems.map((p) => formatProblem(fileName, p)),
  });
  const parsed = parseJson(text);
  if (!parsed.ok) return fail([parsed.problem]);
  const header = headerProblem(parsed.value);
  if (header) return fail([header]);
  const result = RecordsFileSchema.safeParse(parsed.value);
  if (!result.success) return fail(zodProblems(result.error, parsed.value));
  return { ok: true, value: result.data as RecordsFile };
}

/**
 * A finished attempt as it goes into a file: without its resume state and what only this device
 * keeps (the revision of its last opening, its import mark), with its log.
 */
export function exportedAttempt(record: AttemptRecord, events: readonly LogEntry[]): ExportedAttempt {
  const { saved: _saved, revision: _revision, imported: _imported, ...rest } = record;
  return {
    ...rest,
    status: 'finished',
    finishedAt: record.finishedAt ?? record.updatedAt,
    events: [...events],
  };
}

export function recordsFile(
  trainees: readonly TraineeProfile[],
  attempts: readonly ExportedAttempt[],
  exportedAt: Date,
): RecordsFile {
  return {
    format: RECORDS_FORMAT,
    version: RECORDS_VERSION,
    exportedAt: exportedAt.toISOString(),
    trainees: [...trainees],
    attempts: [...attempts],
  };
}

/** JSON with object keys sorted: equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** Compared as exported content: the resume state and what only this device keeps are not part of it. */
function attemptContent(attempt: AttemptWithEvents | ExportedAttempt): string {
  const { saved: _saved, revision: _revision, imported: _imported, ...rest } = attempt as AttemptWithEvents;
  return canonicalJson(rest);
}

export interface MergePlan {
  trainees: { add: TraineeProfile[]; skipped: string[]; conflicts: string[] };
  attempts: { add: ExportedAttempt[]; skipped: string[]; conflicts: string[] };
  /** One line per conflict (an id already here with other content), for the person importing. */
  conflicts: string[];
}

/** What this device already holds of the incoming ids (more is fine). */
export interface ExistingRecords {
  trainees: readonly TraineeProfile[];
  attempts: readonly AttemptWithEvents[];
}

const when = (epoch: number) => new Date(epoch).toISOString().slice(0, 16).replace('T', ' ');

/**
 * How `incoming` merges into what this device has. A new id is added; the same id with the same
 * content is skipped (importing a file twice adds nothing); the same id with other content is a
 * conflict: reported, and this device's copy kept. Attempts of a conflicting trainee are still
 * merged under that trainee (ids are random, so the same id is the same person's profile edited).
 */
export function mergePlan(
  existing: ExistingRecords,
  incoming: Pick<RecordsFile, 'trainees' | 'attempts'>,
): MergePlan {
  const plan: MergePlan = {
    trainees: { add: [], skipped: [], conflicts: [] },
    attempts: { add: [], skipped: [], conflicts: [] },
    conflicts: [],
  };
  const trainees = new Map(existing.trainees.map((t) => [t.id, t]));
  const names = new Map(incoming.trainees.map((t) => [t.id, t.name]));
  for (const trainee of incoming.trainees) {
    const here = trainees.get(trainee.id);
    if (!here) {
      plan.trainees.add.push(trainee);
      trainees.set(trainee.id, trainee);
    } else if (canonicalJson(here) === canonicalJson(trainee)) {
      plan.trainees.skipped.push(trainee.id);
    } else {
      plan.trainees.conflicts.push(trainee.id);
      plan.conflicts.push(
        `trainee "${trainee.name}" (id ${trainee.id}) is already on this device with other details (here: "${here.name}"); kept this device's profile`,
      );
    }
  }
  const attempts = new Map<string, string>(existing.attempts.map((a) => [a.id, attemptContent(a)]));
  for (const attempt of incoming.attempts) {
    const here = attempts.get(attempt.id);
    const content = attemptContent(attempt);
    if (here === undefined) {
      plan.attempts.add.push(attempt);
      attempts.set(attempt.id, content);
    } else if (here === content) {
      plan.attempts.skipped.push(attempt.id);
    } else {
      plan.attempts.conflicts.push(attempt.id);
      const who = names.get(attempt.traineeId) ?? attempt.traineeId;
      plan.conflicts.push(
        `attempt ${attempt.id} ("${attempt.scenarioId}" by ${who}, started ${when(attempt.startedAt)} UTC) is already on this device with other content; kept this device's copy`,
      );
    }
  }
  return plan;
}

/** The attempt record an exported attempt is stored as, and its log. */
export function splitAttempt(attempt: ExportedAttempt): { record: AttemptRecord; events: LogEntry[] } {
  const { events, ...record } = attempt;
  return { record, events };
}
