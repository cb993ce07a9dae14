import { resultsSettingKey } from '../assessments/run';
import type { AttemptSummary, TraineeProfile } from '../platform/storage/types';
import { refresherSettingKey } from '../refresher/session';
import { pinFailuresKey } from './pins';

/** The settings that belong to one trainee and go with the profile: assessment results, refresher session, wrong-PIN count. */
export function traineeSettingKeys(traineeId: string): string[] {
  return [resultsSettingKey(traineeId), refresherSettingKey(traineeId), pinFailuresKey({ traineeId })];
}

/** What deleting a profile removes, in numbers and in words for the trainer confirming it. */
export interface DeletionSummary {
  /** Every attempt of the trainee, finished (scored or abandoned) or in progress. */
  attempts: number;
  finished: number;
  inProgress: number;
  /** What will be removed, exactly. */
  removes: string;
  /** What "Export this trainee's records first" keeps. */
  exportKeeps: string;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function deletionSummary(
  trainee: TraineeProfile,
  attempts: readonly AttemptSummary[],
): DeletionSummary {
  const mine = attempts.filter((a) => a.traineeId === trainee.id);
  const inProgress = mine.filter((a) => a.status === 'in-progress').length;
  const finished = mine.length - inProgress;
  const detail = mine.length === 0 ? '' : ` (${finished} finished, ${inProgress} in progress)`;
  const removes =
    `This removes from this browser ${trainee.name}'s profile and ${count(mine.length, 'attempt')}${detail}, ` +
    `with each call's event log and debrief, and ${trainee.name}'s assessment results and refresher session. ` +
    `It cannot be undone. No other trainee's records are touched.`;
  const exportKeeps =
    finished === 0
      ? `${trainee.name} has no finished attempt: the export holds the profile only.`
      : `The export holds the profile and the ${count(finished, 'finished attempt')}` +
        (inProgress > 0
          ? `; ${inProgress === 1 ? 'the call' : 'calls'} still in progress cannot be exported.`
          : '.') +
        ' Importing it later brings them back.';
  return { attempts: mine.length, finished, inProgress, removes, exportKeeps };
}

/** The delete button works once the trainer has typed the profile's name exactly (spaces around it aside). */
export function confirmsName(typed: string, trainee: TraineeProfile): boolean {
  return typed.trim() === trainee.name;
}

/** Said on the Trainees page once a profile is gone; `nowCurrent` when the current profile changed with it. */
export function deletedNotice(name: string, attempts: number, nowCurrent?: string): string {
  const switched = nowCurrent ? ` New calls are now ${nowCurrent}'s.` : '';
  return `Deleted ${name}'s profile and ${count(attempts, 'attempt')}.${switched}`;
}
