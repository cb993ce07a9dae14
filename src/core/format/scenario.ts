import { z } from 'zod';
import { DispatchModel } from './profile';
import {
  CallType,
  ClockTime,
  Difficulty,
  Disposition,
  Emotion,
  Id,
  Priority,
  Resource,
  SafetyFact,
  SourceCitation,
} from './vocabulary';

/** The scenario file format. Every file says which version it is written in. */
export const FORMAT_VERSION = 1;

// ---------------------------------------------------------------- review

export const REVIEW_STATUSES = ['draft', 'in-review', 'approved'] as const;
export const CREDENTIALS = [
  'LCSW',
  'LICSW',
  'LPC',
  'LMHC',
  'LMFT',
  'psychologist',
  'psychiatrist',
  'other',
] as const;

/**
 * Clinical review of the scenario. `contentHash` is the hash of everything but this block at the
 * time of review: an edit after approval changes the hash and voids the approval.
 */
export const Review = z.strictObject({
  status: z.enum(REVIEW_STATUSES),
  reviewer: z
    .object({
      name: z.string().min(1),
      credential: z.enum(CREDENTIALS),
    })
    .optional(),
  /** ISO date of the review, YYYY-MM-DD. */
  date: z.iso.date().optional(),
  notes: z.string().optional(),
  contentHash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits')
    .optional(),
});
export type Review = z.infer<typeof Review>;

// ---------------------------------------------------------------- CAD context shown to the trainee

export const CALLER_RELATIONSHIPS = [
  'self',
  'parent',
  'child',
  'partner',
  'sibling',
  'relative',
  'friend',
  'neighbor',
  'passer-by',
  'staff',
  'other',
] as const;

export const HistoryEntry = z.strictObject({
  /** ISO date, or a relative phrase the CAD would show ("3 weeks ago"). */
  when: z.string().min(1),
  summary: z.string().min(1),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const CadContext = z.strictObject({
  /** Local time the call arrives; the center's coverage hours are read against it. */
  callTime: ClockTime,
  /** ANI: the callback number. */
  callbackNumber: z.string().min(1),
  /** ALI: the address or location the system reports. */
  address: z.string().min(1),
  locationConfidence: z.enum(['high', 'medium', 'low']),
  locationNote: z.string().optional(),
  callerName: z.string().optional(),
  callerRelationship: z.enum(CALLER_RELATIONSHIPS),
  /** Is the caller with the person the call is about? */
  callerWithPerson: z.boolean(),
  premiseHistory: z.array(HistoryEntry).default([]),
  priorContacts: z.array(HistoryEntry).default([]),
  /** A Smart911-style safety profile the household disclosed in advance. */
  safetyProfile: z
    .object({
      conditions: z.array(z.string().min(1)).min(1),
      notes: z.string().optional(),
    })
    .optional(),
  /**
   * The hours of day the caller's words fit ("sorry to call so late"), if they do not fit any hour.
   * A trainer can play the call only at a time inside them; absent: any time.
   */
  storyHours: z.strictObject({ from: ClockTime, to: ClockTime }).optional(),
  /** The call type CAD assigns automatically; shown only at centers with CAD flagging. It can be wrong. */
  autoFlag: z
    .object({
      callType: CallType,
      note: z.string().optional(),
    })
    .optional(),
});
export type CadContext = z.infer<typeof CadContext>;

// ---------------------------------------------------------------- hidden facts

/** Ground truth the trainee has to uncover. Facts not listed in `present` are absent. */
export const HiddenFacts = z.strictObject({
  present: z.array(SafetyFact).default([]),
  behavioralHealth: z.boolean(),
  /** Who is involved, in the words a call-taker would enter. */
  involved: z.array(z.string().min(1)).min(1),
  notes: z.string().optional(),
});
export type HiddenFacts = z.infer<typeof HiddenFacts>;

// ---------------------------------------------------------------- caller behaviour

/** Caller state names become XState state keys, so no dots. */
export const StateId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"');

/** A sound clip under audio/sounds/, without extension: "sounds/pounding-door" (audio/README.md, "Sounds"). */
export const SoundClip = z
  .string()
  .regex(/^sounds\/[a-z0-9.-]+$/, 'must be "sounds/name" without extension (a clip under audio/sounds/)');

/**
 * How loud a sound is heard, in dB relative to the caller's voice: 0 as loud as the caller, -12 well
 * under them, -24 faint. Sounds are made at the same peak level as caller clips, so the number is the
 * mix. At most 0: nothing is played louder than its file.
 */
export const SoundLevel = z.number().min(-40).max(0);

/**
 * A sound that runs under the caller for as long as it lasts, repeating: a TV in the room, the
 * street, a party. Starts when the call is answered (or, on a line, when that line starts) and
 * stops when the line goes dead or the call ends.
 */
export const BackgroundSound = z.strictObject({
  /** The bed's clip, "sounds/<name>". */
  audio: SoundClip,
  levelDb: SoundLevel,
});
export type BackgroundSound = z.infer<typeof BackgroundSound>;

/** A sound heard with a line's words, once: the pounding that starts "(pounding on a door) He's at the door—". */
export const LineSound = z.strictObject({
  /** The sound's clip, "sounds/<name>". */
  audio: SoundClip,
  levelDb: SoundLevel,
  /**
   * When it plays: "start" (default) as the line's words start, for a stage direction at the start
   * of the line; "end" once the words are over, for one at the end ("...DANNY, NO— (the phone
   * clatters to the floor)").
   */
  at: z.enum(['start', 'end']).optional(),
});
export type LineSound = z.infer<typeof LineSound>;

export const CallerLine = z.strictObject({
  id: Id,
  text: z.string().min(1),
  /**
   * Clip path under audio/ without extension: "scenario-id/line-id". Any of .opus .ogg .mp3 .wav
   * serves. A line that is only a stage direction describing a sound ("(wood splintering, a scream)")
   * names that sound's clip instead, "sounds/<name>": it is played as the line, and the caption
   * stays as written.
   */
  audio: z.string().regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, 'must be "folder/name" without extension'),
  emotion: Emotion,
  /**
   * How the words are voiced, when not out loud: `"whisper"` for a caller who has to whisper (hiding,
   * someone in the next room). The audio pipeline renders the clip as a whisper, quieter than the
   * caller's other lines whatever the emotion; the caption keeps the stage direction as written
   * ("(whispering) ..."). Omitted: spoken out loud.
   */
  delivery: z.enum(['whisper']).optional(),
  /** Hidden facts this line discloses (or confirms) to a trainee who hears it. */
  reveals: z.array(SafetyFact).default([]),
  /**
   * A sound heard with the words, at its level under them. Every line whose stage direction
   * describes a sound (src/core/format/sounds.ts lists the words) has one, a sound clip as its
   * `audio`, or a `background`.
   */
  sound: LineSound.optional(),
  /**
   * From this line on, this bed runs under the caller instead of the call's `caller.background`:
   * the caller walks away from the music, steps outside. Starts as the line starts.
   */
  background: BackgroundSound.optional(),
});
export type CallerLine = z.infer<typeof CallerLine>;

/** Which trainee action a response answers. Omitted fields match any value. */
export const ActionMatch = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ask'), question: Id }),
  z.strictObject({ type: z.literal('deescalate'), phrase: Id.optional() }),
  z.strictObject({ type: z.literal('dispatch'), resource: Resource.optional() }),
  z.strictObject({ type: z.literal('transfer'), to: Resource.optional() }),
]);
export type ActionMatch = z.infer<typeof ActionMatch>;

/** A response applies only if everything listed here holds at the time of the action. */
export const Condition = z.strictObject({
  asked: z.array(Id).optional(),
  notAsked: z.array(Id).optional(),
  /** Has the trainee used any de-escalation phrasing in this call? */
  deescalated: z.boolean().optional(),
});
export type Condition = z.infer<typeof Condition>;

/**
 * The caller's reaction to an action. `goto` moves the caller to another state. For a transfer,
 * a response without `goto` lets the warm handoff go ahead after the caller's words; with `goto`
 * the caller does not go through (refuses, hangs up, ...).
 */
export const Response = z.strictObject({
  on: ActionMatch,
  when: Condition.optional(),
  say: z.array(CallerLine).default([]),
  goto: StateId.optional(),
});
export type Response = z.infer<typeof Response>;

/**
 * The caller acts on their own when the trainee leaves them too long in a state. Counted from
 * entering the state; with `when`, it only fires if the condition still holds when it is due
 * (e.g. `{ "deescalated": false }`: the caller gives up only if nobody calmed them).
 */
export const TimedEvent = z.strictObject({
  afterSeconds: z.number().positive().max(3600),
  when: Condition.optional(),
  say: z.array(CallerLine).default([]),
  goto: StateId.optional(),
});
export type TimedEvent = z.infer<typeof TimedEvent>;

/**
 * What the caller does when the trainee asks a question or says a calming phrase while the caller
 * is still talking. `stops`: the caller breaks off and answers; what they had still to say is never
 * heard, yet counts as known from then (talking over an answer does not make it unknown).
 * `keeps-talking`: the caller finishes what they are saying (a frantic caller, a caller mid-story);
 * the trainee's words wait and are said at the caller's next pause, in the order given.
 */
export const INTERRUPTIONS = ['stops', 'keeps-talking'] as const;
export const Interruption = z.enum(INTERRUPTIONS);
export type Interruption = z.infer<typeof Interruption>;

export const CallerState = z.strictObject({
  /** What the caller says on entering the state. */
  lines: z.array(CallerLine).default([]),
  responses: z.array(Response).default([]),
  timeouts: z.array(TimedEvent).default([]),
  /** The trainee has what they need to route from here. */
  routing: z.boolean().default(false),
  /** The caller's side of the call ends here. */
  end: z.literal('hangup').optional(),
  /** How the caller takes being spoken over in this state; absent: the caller's `whenInterrupted`. */
  whenInterrupted: Interruption.optional(),
});
export type CallerState = z.infer<typeof CallerState>;

export const CallerProfile = z.strictObject({
  /** How the trainer describes the caller: "Mother, 50s, frightened". */
  description: z.string().min(1),
  /** Voice name the audio pipeline uses for this caller (audio/voices.json). */
  voice: Id,
  /** How the caller takes being spoken over (a state may say otherwise); absent: `stops`. */
  whenInterrupted: Interruption.optional(),
  /**
   * Where the caller is, as heard: a bed looped under them from the moment the call is answered until
   * the line goes dead or the call ends. Omit for a quiet place.
   */
  background: BackgroundSound.optional(),
});
export type CallerProfile = z.infer<typeof CallerProfile>;

// ---------------------------------------------------------------- answer key

export const CRITICAL_ERRORS = [
  'unsafe-diversion',
  'missed-medical',
  'no-safety-screen',
  'abandoned-caller',
] as const;
export const CriticalErrorKind = z.enum(CRITICAL_ERRORS);
/** Each critical error as the debrief and the review name it. */
export const CRITICAL_ERROR_LABELS: Record<(typeof CRITICAL_ERRORS)[number], string> = {
  'unsafe-diversion': 'Unsafe diversion',
  'missed-medical': 'Missed medical emergency',
  'no-safety-screen': 'No safety screen',
  'abandoned-caller': 'Abandoned caller',
};
export type CriticalErrorKind = z.infer<typeof CriticalErrorKind>;

export const AnswerKey = z.strictObject({
  /** The clinically right kind of response; the center profile turns it into resources. */
  disposition: Disposition,
  /** Other dispositions a clinician accepts here (scored as acceptable, not best). */
  alternatives: z.array(Disposition).default([]),
  priority: Priority,
  /** Call-type codes accepted for this call, best first. */
  callTypes: z.array(CallType).min(1),
  /** Questions the trainee must ask before routing (case entry and safety screen). */
  requiredQuestions: z.array(Id).min(1),
  /** Critical errors this call can produce, each with why it is critical here. */
  criticalErrors: z
    .array(z.strictObject({ kind: CriticalErrorKind, rationale: z.string().min(1) }))
    .default([]),
  /** Seconds from answering to the routing decision a reviewer would accept. */
  routeWithinSeconds: z.number().positive().default(180),
  /**
   * Seconds a trainee has to re-route (send police, recall the transfer, cancel the team) after the
   * caller reveals a fact that makes the response in place unsafe. Absent: 30.
   */
  rerouteWithinSeconds: z.number().positive().max(600).optional(),
  /** The clinician's plain-language reasoning, one entry per decision point, shown in the debrief. */
  rationale: z.strictObject({
    safetyScreen: z.string().min(1),
    recognition: z.string().min(1),
    /**
     * Why this disposition, in clinical terms true at every center. The debrief leads with the
     * derived reasons for the center and hour played and shows this after them; `validate` warns
     * when it names a unit some center would not send (use `routingByModel` for those).
     */
    routing: z.string().min(1),
    /** Routing reasoning for a dispatch model, shown instead of `routing` at centers of that model. */
    routingByModel: z.partialRecord(DispatchModel, z.string().min(1)).optional(),
    priority: z.string().min(1),
    handoff: z.string().min(1).optional(),
  }),
  /** Where the rules applied here come from. */
  sources: z.array(SourceCitation).min(1),
});
export type AnswerKey = z.infer<typeof AnswerKey>;

// ---------------------------------------------------------------- surface variants

/** A caller line said in other words, with its own clip. What it reveals, its emotion and its place stay. */
export const LineWording = z.strictObject({
  text: CallerLine.shape.text,
  audio: CallerLine.shape.audio,
});
export type LineWording = z.infer<typeof LineWording>;

/**
 * The same call with other surface details: another family, street, number. Nothing a trainee
 * decides on may change here (hidden facts, caller states, timing, answer key), so every variant
 * is scored by the same key and a veteran replaying the call meets it afresh without a new review
 * of its logic. The content hash covers the variants: a new variant needs the clinician again.
 */
export const SurfaceVariant = z.strictObject({
  id: Id,
  /** For the trainer: what is different ("the Okafor family on Ridge Rd"). Shown in the debrief. */
  description: z.string().min(1),
  /** For the reviewer: what deliberately stays as written, and why. */
  notes: z.string().min(1).optional(),
  /** CAD details shown differently. */
  cad: CadContext.pick({ callbackNumber: true, address: true, locationNote: true, callerName: true })
    .partial()
    .strict()
    .optional(),
  /** Replaces `facts.involved` (names, ages) when the people are different. */
  involved: HiddenFacts.shape.involved.optional(),
  /** Caller lines that name a surface detail, said this variant's way: line id → wording and clip. */
  lines: z.record(Id, LineWording).default({}),
});
export type SurfaceVariant = z.infer<typeof SurfaceVariant>;

// ---------------------------------------------------------------- the file

export const ScenarioFile = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(FORMAT_VERSION),
  id: Id,
  title: z.string().min(1),
  /**
   * For the trainer and the clinician: what the call is and what the right answer is (disposition,
   * routing, the trap). Shown in trainer mode only, never to a trainee before the call.
   */
  summary: z.string().min(1),
  /**
   * For the trainee, in the library before the call: who calls, from where, and what makes the call
   * hard, in a sentence or two. It never says the disposition, the routing, the priority or the
   * trap. Optional: a file without it shows the trainee its title only (the summary gives answers
   * away). Omitted rather than defaulted, so files written before it keep their content hash.
   */
  brief: z.string().min(1).max(400).optional(),
  callTypes: z.array(CallType).min(1),
  difficulty: Difficulty,
  learningObjectives: z.array(z.string().min(1)).min(1),
  estimatedMinutes: z.number().positive().max(60),
  sources: z.array(SourceCitation).min(1),
  review: Review,
  caller: CallerProfile,
  cad: CadContext,
  facts: HiddenFacts,
  /** The caller state the call starts in when answered. */
  start: StateId,
  states: z.record(StateId, CallerState),
  /** Responses that apply in any state when the current state has none for the action. */
  defaultResponses: z.array(Response).default([]),
  /** What happens when the trainee calls back after the caller hung up. Absent: nobody answers. */
  callback: z
    .object({
      say: z.array(CallerLine).default([]),
      goto: StateId,
    })
    .optional(),
  answerKey: AnswerKey,
  /**
   * Optional: other surface details the call can be played with. Omitted rather than defaulted,
   * so files written before variants existed keep their content hash (and their approvals).
   */
  variants: z.array(SurfaceVariant).optional(),
});
/** A scenario as read from disk and validated, defaults filled in. */
export type Scenario = z.infer<typeof ScenarioFile>;
/** A scenario as an author writes it (defaults may be omitted). */
export type ScenarioInput = z.input<typeof ScenarioFile>;
