import type { TraineeProfile } from './attempt';
import type { PinHash } from './pin';

/** The profile made for attempts from before there were profiles, and on first start. Not a person's name. */
export const DEFAULT_TRAINEE_NAME = 'Trainee 1';

export const NAME_MAX = 80;
export const BADGE_MAX = 40;
export const CLASS_MAX = 80;

/** What a trainee fills in to make a profile. */
export interface NewTrainee {
  name: string;
  badge?: string;
  academyClass?: string;
  pin?: PinHash;
}

/** A change to a profile: a field left out stays as it is; `null` removes an optional one. */
export interface TraineeChange {
  name?: string;
  badge?: string | null;
  academyClass?: string | null;
  pin?: PinHash | null;
}

/** Why these details cannot be saved, in words for the person typing them; undefined when they can. */
export function traineeProblem(details: {
  name?: string | undefined;
  badge?: string | null | undefined;
  academyClass?: string | null | undefined;
}): string | undefined {
  if (details.name !== undefined) {
    const name = details.name.trim();
    if (name === '') return 'A trainee needs a name.';
    if (name.length > NAME_MAX) return `A name is at most ${NAME_MAX} characters.`;
  }
  if (details.badge && details.badge.trim().length > BADGE_MAX) {
    return `A badge or employee number is at most ${BADGE_MAX} characters.`;
  }
  if (details.academyClass && details.academyClass.trim().length > CLASS_MAX) {
    return `An academy class is at most ${CLASS_MAX} characters.`;
  }
  return undefined;
}

/** Trimmed; an empty optional field is left out rather than stored empty. */
function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A new profile. Throws (with traineeProblem's words) on details that cannot be saved. */
export function newTrainee(details: NewTrainee, id: string, now: number): TraineeProfile {
  const problem = traineeProblem(details);
  if (problem) throw new Error(problem);
  const badge = optional(details.badge);
  const academyClass = optional(details.academyClass);
  return {
    id,
    name: details.name.trim(),
    ...(badge ? { badge } : {}),
    ...(academyClass ? { academyClass } : {}),
    createdAt: now,
    ...(details.pin ? { pin: { ...details.pin } } : {}),
  };
}

/** The profile with `change` applied. Throws (with traineeProblem's words) on details that cannot be saved. */
export function changedTrainee(trainee: TraineeProfile, change: TraineeChange): TraineeProfile {
  const problem = traineeProblem(change);
  if (problem) throw new Error(problem);
  const badge = change.badge === undefined ? trainee.badge : optional(change.badge ?? undefined);
  const academyClass =
    change.academyClass === undefined ? trainee.academyClass : optional(change.academyClass ?? undefined);
  const pin = change.pin === undefined ? trainee.pin : (change.pin ?? undefined);
  return {
    id: trainee.id,
    name: change.name === undefined ? trainee.name : change.name.trim(),
    ...(badge ? { badge } : {}),
    ...(academyClass ? { academyClass } : {}),
    createdAt: trainee.createdAt,
    ...(pin ? { pin: { ...pin } } : {}),
  };
}

/** Oldest first; ties by id, so every store lists them the same way. */
export function byCreation(a: TraineeProfile, b: TraineeProfile): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
