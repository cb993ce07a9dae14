import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { CALL_TYPES, DISPOSITIONS, RESOURCES, SAFETY_FACTS } from '../../src/core/format/vocabulary';
import { CRITICAL_ERRORS } from '../../src/core/format/scenario';
import { DebriefPage, LibraryPage, turnOnTrainerMode } from './pages/trainer-app';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/**
 * Every internal id a page could leak: the bank's question and phrase ids, resource, disposition,
 * fact, call-type and critical-error ids, scenario, state and profile ids. A plain English word
 * ("police", "weapon") is also what a person says, so only ids a person would not write are sought.
 */
function internalIds(): string[] {
  const bank = json(`${SCENARIOS}questions.json`) as {
    questions: { id: string }[];
    phrases: { id: string }[];
  };
  const scenarios = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.json') && f !== 'questions.json')
    .map((f) => json(`${SCENARIOS}${f}`) as { id: string; states: Record<string, unknown> });
  const profiles = readdirSync(`${SCENARIOS}profiles`).map(
    (f) => json(`${SCENARIOS}profiles/${f}`).id as string,
  );
  const ids = [
    ...bank.questions.map((q) => q.id),
    ...bank.phrases.map((p) => p.id),
    ...RESOURCES,
    ...DISPOSITIONS,
    ...SAFETY_FACTS,
    ...CALL_TYPES,
    ...CRITICAL_ERRORS,
    ...scenarios.flatMap((s) => [s.id, ...Object.keys(s.states)]),
    ...profiles,
  ];
  return [...new Set(ids)].filter((id) => /[.-]/.test(id) || id === 'ems');
}

/** Where an id stands as a token of its own in the text (not inside a longer word or path). */
function leaks(text: string, ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const escaped = id.replace(/[.-]/g, (c) => `\\${c}`);
    return new RegExp(`(^|[^A-Za-z0-9.\\-/])${escaped}(?![A-Za-z0-9\\-/]|\\.[A-Za-z0-9])`).test(text);
  });
}

/** Text run together where a space or punctuation went missing: `disconnected?"at`, `fallback.(Dispatch`, `v1· played`. */
const SLIPS = [/[a-z][.?!][”"’]?[A-Z(]/, /[?!.][”"][a-z]/, /\S·|·\S/, /\)[A-Za-z]/];

async function expectPlainWords(page: Page, where: string, ids: readonly string[]): Promise<void> {
  const text = await page.locator('body').innerText();
  expect.soft(leaks(text, ids), `internal ids on ${where}`).toEqual([]);
  for (const slip of SLIPS) {
    expect(
      text.match(new RegExp(`.{0,30}${slip.source}.{0,30}`))?.[0],
      `text slip on ${where}`,
    ).toBeUndefined();
  }
}

test('no page of a played call, its debrief, the records or the review shows an internal id or a text slip', async ({
  page,
}) => {
  test.slow();
  const ids = internalIds();
  const library = new LibraryPage(page);
  await library.open();
  await library.chooseProfile('Embedded clinician, 6 AM–10 PM (model 1C)');
  await expectPlainWords(page, 'library', ids);
  const call = await library.start('si-no-means-clinician');
  await expectPlainWords(page, 'call position, ringing', ids);
  await call.answer();
  // A call with slips a trainee makes: screening half done, calming twice, a code, a unit sent.
  await call.press('calm:calm.acknowledge', 'z');
  await call.press('ask:case.address', '1');
  await call.press('ask:safety.self-harm-thoughts', 't');
  await call.press('calm:calm.stay-on-line', 'x');
  await call.code('suicidal-ideation');
  await call.press('priority:3', 'Shift+3');
  await call.note('Caller alone at home.');
  await call.press('dispatch:ems', 'Shift+E');
  await expectPlainWords(page, 'call position, connected', ids);
  await call.press('transfer:embedded-clinician', 'Shift+C');
  await expect(call.status()).toHaveText(/you may release/, { timeout: 10_000 });
  await expectPlainWords(page, 'call position, handoff', ids);
  await call.press('call:end', 'Shift+H');
  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  await expectPlainWords(page, 'debrief', ids);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['History', 'Progress', 'Refresher', 'Assessments']) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectPlainWords(page, name, ids);
  }

  // The clinician's view: the review dialog of the scenario played.
  await turnOnTrainerMode(page);
  await library.show();
  await library
    .row('si-no-means-clinician')
    .getByRole('button', { name: /Clinical review of/ })
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectPlainWords(page, 'review dialog', ids);
});
