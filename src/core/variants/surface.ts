import type { CallerLine, Scenario, SurfaceVariant } from '../format/scenario';
import { linesOf } from '../validate/lines';

export type Surfaced =
  { ok: true; scenario: Scenario; variant: SurfaceVariant | undefined } | { ok: false; problem: string };

function mapLines(s: Scenario, f: (line: CallerLine) => CallerLine): Scenario {
  const say = <T extends { say: CallerLine[] }>(x: T): T => ({ ...x, say: x.say.map(f) });
  return {
    ...s,
    states: Object.fromEntries(
      Object.entries(s.states).map(([id, state]) => [
        id,
        {
          ...state,
          lines: state.lines.map(f),
          responses: state.responses.map(say),
          timeouts: state.timeouts.map(say),
        },
      ]),
    ),
    defaultResponses: s.defaultResponses.map(say),
    callback: s.callback && say(s.callback),
  };
}

/**
 * The scenario as played with surface variant `variantId` (undefined: as written). Only words,
 * clips and CAD details change; states, facts and the answer key are the file's own.
 */
export function withSurface(scenario: Scenario, variantId: string | undefined): Surfaced {
  if (variantId === undefined) return { ok: true, scenario, variant: undefined };
  const variant = scenario.variants?.find((v) => v.id === variantId);
  if (!variant) {
    return {
      ok: false,
      problem: `The scenario "${scenario.title}" no longer has the variant "${variantId}" this call was played with.`,
    };
  }
  const worded = mapLines(scenario, (line) => {
    const wording = Object.hasOwn(variant.lines, line.id) ? variant.lines[line.id] : undefined;
    return wording ? { ...line, ...wording } : line;
  });
  return {
    ok: true,
    variant,
    scenario: {
      ...worded,
      cad: { ...scenario.cad, ...variant.cad },
      facts: { ...scenario.facts, involved: variant.involved ?? scenario.facts.involved },
    },
  };
}

/** Every way the call can be played: undefined (as written) first, then the variants in file order. */
export function surfaces(scenario: Scenario): (string | undefined)[] {
  return [undefined, ...(scenario.variants ?? []).map((v) => v.id)];
}

/**
 * The surface to play next, so a trainee replaying a call meets it afresh: one never played by
 * them (in file order), else the one played longest ago. `played` is this trainee's attempts of
 * this scenario; an attempt with a variant the file no longer has is ignored.
 */
export function nextSurface(
  scenario: Scenario,
  played: readonly { variant?: string; startedAt: number }[],
): string | undefined {
  const last = new Map<string | undefined, number>();
  for (const a of played) last.set(a.variant, Math.max(last.get(a.variant) ?? -Infinity, a.startedAt));
  let best: string | undefined;
  let bestAt = Infinity;
  for (const id of surfaces(scenario)) {
    const at = last.get(id) ?? -Infinity;
    if (at < bestAt) [best, bestAt] = [id, at];
  }
  return best;
}

/** One difference a variant makes, for the reviewer: what changes, from what, to what. */
export interface SurfaceChange {
  what: string;
  from: string;
  to: string;
}

/** What each variant changes, in file order: CAD details, the people involved, then each reworded line. */
export function variantChanges(
  scenario: Scenario,
): { id: string; description: string; notes?: string; changes: SurfaceChange[] }[] {
  const written = new Map([...linesOf(scenario)].map(([line]) => [line.id, line.text]));
  const cadLabels = {
    address: 'Address',
    callerName: 'Caller name',
    callbackNumber: 'Callback number',
    locationNote: 'Location note',
  } as const;
  return (scenario.variants ?? []).map((v) => ({
    id: v.id,
    description: v.description,
    ...(v.notes ? { notes: v.notes } : {}),
    changes: [
      ...Object.entries(cadLabels).flatMap(([key, what]) => {
        const to = v.cad?.[key as keyof typeof cadLabels];
        return to === undefined
          ? []
          : [{ what, from: scenario.cad[key as keyof typeof cadLabels] ?? '(none)', to }];
      }),
      ...(v.involved
        ? [{ what: 'People involved', from: scenario.facts.involved.join('; '), to: v.involved.join('; ') }]
        : []),
      ...Object.entries(v.lines).map(([id, wording]) => ({
        what: `Line "${id}"`,
        from: written.get(id) ?? '(no such line)',
        to: wording.text,
      })),
    ],
  }));
}
