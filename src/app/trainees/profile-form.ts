import { pinProblem } from '$core/records/pin';
import { traineeProblem } from '$core/records/trainee';
import type { NewTrainee, TraineeChange, TraineeProfile } from '../platform/storage/types';

/** What the profile form holds: plain text, as typed. */
export interface ProfileFields {
  name: string;
  badge: string;
  academyClass: string;
}

export const emptyFields = (): ProfileFields => ({ name: '', badge: '', academyClass: '' });

export function fieldsOf(trainee: TraineeProfile): ProfileFields {
  return { name: trainee.name, badge: trainee.badge ?? '', academyClass: trainee.academyClass ?? '' };
}

/** Why the fields cannot be saved, in words for the person typing; undefined when they can. */
export function fieldsProblem(fields: ProfileFields): string | undefined {
  return traineeProblem(fields);
}

/** A new PIN typed twice. Both empty means "no PIN" when `optional`. */
export function newPinProblem(pin: string, repeat: string, optional = false): string | undefined {
  if (optional && pin === '' && repeat === '') return undefined;
  const problem = pinProblem(pin);
  if (problem) return problem;
  if (pin !== repeat) return 'The two PINs are not the same. Type the same PIN in both fields.';
  return undefined;
}

/** The new profile the fields describe (the store trims, and leaves out empty optional fields). */
export function newTraineeFrom(fields: ProfileFields): NewTrainee {
  return {
    name: fields.name,
    ...(fields.badge.trim() ? { badge: fields.badge } : {}),
    ...(fields.academyClass.trim() ? { academyClass: fields.academyClass } : {}),
  };
}

/** The change the fields make to `trainee`: only what differs; an emptied optional field is removed. */
export function changeFrom(trainee: TraineeProfile, fields: ProfileFields): TraineeChange {
  const change: TraineeChange = {};
  if (fields.name.trim() !== trainee.name) change.name = fields.name;
  const badge = fields.badge.trim();
  if (badge !== (trainee.badge ?? '')) change.badge = badge === '' ? null : badge;
  const academyClass = fields.academyClass.trim();
  if (academyClass !== (trainee.academyClass ?? '')) {
    change.academyClass = academyClass === '' ? null : academyClass;
  }
  return change;
}

/** "Test Trainee A (badge 123, class 2025-B)": the name and what tells two same-named people apart. */
export function describeTrainee(trainee: TraineeProfile): string {
  const extra = [
    trainee.badge ? `badge ${trainee.badge}` : undefined,
    trainee.academyClass ? `class ${trainee.academyClass}` : undefined,
  ].filter(Boolean);
  return extra.length ? `${trainee.name} (${extra.join(', ')})` : trainee.name;
}
