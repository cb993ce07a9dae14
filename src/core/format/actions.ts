import { z } from 'zod';
import { CriticalErrorKind } from './scenario';
import { CallType, ClockTime, Id, TransferResourceSchema, UnitResource } from './vocabulary';

/**
 * A scripted attempt (`scenario play --actions`, the library's expert runs): trainee actions in
 * order. `at` is seconds on the call clock; without it an action comes `DEFAULT_GAP_SECONDS` after
 * the one before. Time between actions lets the caller's timed events fire, as in a real call.
 */
export const DEFAULT_GAP_SECONDS = 3;

const at = z.number().min(0).optional();
export const ScriptedAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('answer'), at }),
  z.strictObject({ type: z.literal('ask'), question: z.string(), at }),
  z.strictObject({ type: z.literal('deescalate'), phrase: z.string(), at }),
  z.strictObject({ type: z.literal('note'), text: z.string(), at }),
  z.strictObject({ type: z.literal('code'), callType: CallType, at }),
  z.strictObject({ type: z.literal('priority'), priority: z.number().int().min(1).max(5), at }),
  z.strictObject({ type: z.literal('brief'), to: TransferResourceSchema, at }),
  z.strictObject({ type: z.literal('dispatch'), resource: UnitResource, at }),
  z.strictObject({ type: z.literal('cancel'), resource: UnitResource, at }),
  z.strictObject({ type: z.literal('transfer'), to: TransferResourceSchema, at }),
  z.strictObject({ type: z.literal('recall'), at }),
  z.strictObject({ type: z.literal('callback'), at }),
  z.strictObject({ type: z.literal('end'), at }),
  /** Stay silent on the line: lets the clock run (e.g. until the counselor has the caller). */
  z.strictObject({ type: z.literal('wait'), seconds: z.number().positive(), at }),
  /**
   * Route as the center being played expects at this time of day: dispatch each unit of the best
   * answer, and for a transfer brief the counselor, transfer, and stay until they have the caller.
   * Lets one expert script serve every center profile; the screening before it stays scripted.
   */
  z.strictObject({ type: z.literal('route'), at }),
]);
export type ScriptedAction = z.infer<typeof ScriptedAction>;

/** The compliance levels of the rubric (core/scoring/rubric.ts), by id. */
export const LEVEL_IDS = ['high', 'compliant', 'partial', 'low', 'non-compliant'] as const;

/**
 * What a scripted attempt should score, checked by the library tests under every profile and hour it
 * applies to. Rules are rule ids ("safety-screen.not-asked") or a category prefix ("routing.").
 */
export const ScriptExpectation = z.strictObject({
  /** Center profile ids this applies to; absent: every profile. */
  profiles: z.array(Id).optional(),
  /** Call times this applies to; absent: every time tried. */
  times: z.array(ClockTime).optional(),
  /** Exactly these critical errors, in any order ([] for none). */
  criticalErrors: z.array(CriticalErrorKind).optional(),
  /** Rules that must cost points. */
  loses: z.array(z.string().min(1)).optional(),
  /** Rules that must not cost points. */
  keeps: z.array(z.string().min(1)).optional(),
  /** The levels the result may reach. */
  level: z.array(z.enum(LEVEL_IDS)).min(1).optional(),
});
export type ScriptExpectation = z.infer<typeof ScriptExpectation>;

/**
 * A scripted attempt file: the actions alone, or with a description and what the attempt should
 * score (`expect`), so a flawed script documents the errors it demonstrates.
 */
export const ActionList = z.array(ScriptedAction);
export const ActionsObject = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().min(1),
  actions: ActionList,
  expect: z.array(ScriptExpectation).default([]),
});
export const ActionsFile = z.union([ActionList, ActionsObject]);

/** A scripted attempt as loaded, whichever way the file was written. */
export interface ActionScript {
  description?: string;
  actions: ScriptedAction[];
  expect: ScriptExpectation[];
}

export function toScript(file: z.infer<typeof ActionsFile>): ActionScript {
  return Array.isArray(file) ? { actions: file, expect: [] } : file;
}
