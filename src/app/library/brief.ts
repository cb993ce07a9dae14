import type { Scenario } from '$core/format/scenario';

/**
 * What a library row says of a scenario besides its title. A trainee reads the brief only (a file
 * without one: the title alone); the trainer's summary, which names the answer, shows in trainer
 * mode only.
 */
export function libraryText(
  scenario: Pick<Scenario, 'brief' | 'summary'>,
  trainerMode: boolean,
): { brief: string | undefined; summary: string | undefined } {
  return { brief: scenario.brief, summary: trainerMode ? scenario.summary : undefined };
}
