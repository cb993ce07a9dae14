import { z } from 'zod';
import { CallType, Resource } from './vocabulary';

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
  z.strictObject({ type: z.literal('brief'), to: Resource, at }),
  z.strictObject({ type: z.literal('dispatch'), resource: Resource, at }),
  z.strictObject({ type: z.literal('cancel'), resource: Resource, at }),
  z.strictObject({ type: z.literal('transfer'), to: Resource, at }),
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

export const ActionsFile = z.array(ScriptedAction);
