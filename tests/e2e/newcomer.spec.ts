import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { CallPosition, DebriefPage, LibraryPage, TEST_TRAINER_PIN, TraineesPage } from './pages/trainer-app';

// A new call-taker's first minutes: who is training, the guided first call, the library's filters,
// and calls left open.

const FIRST = 'si-no-means-clinician';
const SECOND = 'weapon-threat-knife';

/** The first start as a new trainee meets it: the trainer PIN (set by the academy), then the name. */
async function firstVisit(page: Page) {
  await page.goto('/');
  const setup = page.getByRole('region', { name: 'Set up this computer' });
  await setup.getByLabel('Trainer PIN (4 to 12 digits)').fill(TEST_TRAINER_PIN);
  await setup.getByLabel('Type the PIN again').fill(TEST_TRAINER_PIN);
  await setup.getByRole('button', { name: 'Set the trainer PIN' }).click();
  const who = page.getByRole('region', { name: 'Who is training?' });
  await expect(who).toBeVisible();
  return who;
}

function coach(page: Page) {
  return page.getByRole('complementary', { name: /^Coach/ });
}

/** The coach shows step `n`, naming `key` as the key to press. */
async function expectStep(page: Page, n: number, key: string) {
  await expect(coach(page).getByRole('heading', { level: 2 })).toHaveText(`Coach · step ${n} of 9`);
  await expect(coach(page).locator('kbd', { hasText: key }).first()).toBeVisible();
}

test('the first visit asks who is training before any call, and the calls are recorded under that name', async ({
  page,
}) => {
  const who = await firstVisit(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Scenario library' })).toHaveCount(0);
  await expect(who.getByLabel('Your name')).toBeFocused();
  await expectNoAxeViolations(page, 'who is training');

  // An empty name is refused, in words.
  await who.getByRole('button', { name: 'Skip the guided call' }).click();
  await expect(who.getByRole('alert')).toBeVisible();

  await who.getByLabel('Your name').fill('Test Trainee A');
  await who.getByRole('button', { name: 'Skip the guided call' }).click();
  await expect(page.getByRole('heading', { name: 'Scenario library' })).toBeVisible();
  const trainees = new TraineesPage(page);
  await expect(trainees.topBar()).toHaveText('Trainee: Test Trainee A');

  // The placeholder profile took the name: no "Trainee 1" is left over, and the question is not asked again.
  await page.reload();
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Who is training?' })).toHaveCount(0);
  await trainees.open();
  await expect(trainees.rows()).toHaveCount(1);
  await expect(trainees.rows().first()).toContainText('Test Trainee A');
});

test('starting a call while one is open warns: resume it, or discard it and start the new one', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  const first = await library.start(FIRST);
  await first.answer();
  const firstUrl = page.url();

  await library.show();
  await library
    .row(SECOND)
    .getByRole('button', { name: /^Start/ })
    .click();
  const warning = page.getByRole('dialog', { name: 'You have a call in progress' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Resume it, or discard it and start');
  await expectNoAxeViolations(page, 'call in progress warning');

  // Esc: nothing is started, nothing discarded.
  await page.keyboard.press('Escape');
  await expect(warning).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Scenario library' })).toBeVisible();

  // Resume, with the keyboard: the focus starts on it.
  await library
    .row(SECOND)
    .getByRole('button', { name: /^Start/ })
    .click();
  await expect(warning.getByRole('button', { name: /^Resume / })).toBeFocused();
  await page.keyboard.press('Enter');
  await new CallPosition(page).waitUntilOpen();
  expect(page.url()).toBe(firstUrl);

  // Discard it and start this one.
  await library.show();
  await library
    .row(SECOND)
    .getByRole('button', { name: /^Start/ })
    .click();
  await warning.getByRole('button', { name: 'Discard it and start this one' }).click();
  await new CallPosition(page).waitUntilOpen();
  expect(page.url()).not.toBe(firstUrl);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const rows = page.locator('tbody tr[data-attempt-id]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('In progress — resume');
  await expect(rows.nth(1)).toContainText('Discarded');
});

test('the guided first call is offered to a new trainee and completed with the keys its coach shows', async ({
  page,
}) => {
  const who = await firstVisit(page);
  await who.getByLabel('Your name').fill('Test Trainee B');
  await who.getByRole('button', { name: 'Start with a guided first call' }).click();
  const call = new CallPosition(page);
  await call.waitUntilOpen();

  await expectStep(page, 1, 'Space');
  await expectNoAxeViolations(page, 'tutorial call, ringing');
  await call.answer();
  await expectStep(page, 2, '1');
  await call.press('ask:case.address', '1');
  await expectStep(page, 3, '2');
  await call.press('ask:case.callback', '2');
  await call.press('ask:case.what-happened', '3');
  await expectStep(page, 4, 'N');
  await call.note('Neighbor in his yard with a kitchen knife, threatening people');
  await expectStep(page, 5, 'J');
  await call.code('weapon-call');
  await expectStep(page, 6, 'Q');
  await call.press('ask:safety.weapon', 'q');
  await call.press('ask:safety.danger-to-others', 'w');
  await call.press('ask:safety.medical', 'e');
  await expectStep(page, 7, 'Shift+1');
  await call.press('priority:1', 'Shift+Digit1');
  await expectStep(page, 8, 'Shift+P');
  await call.press('dispatch:police', 'Shift+KeyP');
  await expectStep(page, 9, 'Shift+H');
  await call.press('call:end', 'Shift+KeyH');

  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  await expect(debrief.level()).toHaveText(/high/i);
});

test('the library offers the guided call, and its filters narrow the list or say nothing matches', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  await expect(page.getByRole('region', { name: /guided first call/ })).toBeVisible();
  const rows = page.locator('tbody tr[data-scenario-id]');
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(19);
  await expect(page.locator('tr[data-scenario-id^="tutorial-"]')).toHaveCount(0);

  const filters = page.getByRole('form', { name: 'Find a scenario' });
  await filters.getByLabel('Level', { exact: true }).selectOption({ label: 'Academy' });
  const academy = await rows.count();
  expect(academy).toBeGreaterThan(0);
  expect(academy).toBeLessThan(all);
  await expect(filters.getByRole('status')).toHaveText(`${academy} of ${all} scenarios`);
  for (const row of await rows.all()) await expect(row.locator('td').nth(1)).toHaveText('Academy');

  // Nothing at this level is filed under this call type: the page says so and offers to clear.
  await filters.getByLabel('Call type').selectOption({ label: 'Overdose' });
  await filters.getByLabel('Level', { exact: true }).selectOption({ label: 'Advanced' });
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No scenario matches these filters.')).toBeVisible();
  await expectNoAxeViolations(page, 'library, no match');
  await page.locator('.empty').getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(all);

  // Played calls drop out of "not yet played"; "last played" puts the latest first.
  const call = await library.start(FIRST);
  await call.answer();
  await call.press('call:end', 'Shift+H');
  await new DebriefPage(page).waitUntilShown();
  await library.show();
  await filters.getByLabel('Not yet played').check();
  await expect(rows).toHaveCount(all - 1);
  await expect(library.row(FIRST)).toHaveCount(0);
  await filters.getByLabel('Not yet played').uncheck();
  await filters.getByLabel('Sort by').selectOption({ label: 'Last played, most recent first' });
  await expect(rows.first()).toHaveAttribute('data-scenario-id', FIRST);

  // What the trainee reads: the brief, not the answer.
  await expect(library.row('psychosis-knife-late')).not.toContainText('keep the call with police');
  await expect(library.row('diagnosis-but-crime')).not.toContainText('keep it with police');
});

test('an abandoned call is discarded from the history after a confirmation, and finished calls stay as they were', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  const done = await library.start(FIRST);
  await done.answer();
  await done.press('call:end', 'Shift+H');
  await new DebriefPage(page).waitUntilShown();
  await library.show();
  const open = await library.start(SECOND);
  await open.answer();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const rows = page.locator('tbody tr[data-attempt-id]');
  await expect(rows).toHaveCount(2);
  const finished = (await rows.nth(1).locator('td').last().textContent())?.trim();
  expect(finished).toMatch(/%/);

  await rows
    .nth(0)
    .getByRole('button', { name: /^Discard / })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Discard this call in progress?' });
  await expect(confirm).toContainText('Finished calls are not touched.');
  await expectNoAxeViolations(page, 'discard confirmation');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(rows.nth(0)).toContainText('In progress — resume');

  await rows
    .nth(0)
    .getByRole('button', { name: /^Discard / })
    .click();
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(rows.nth(0)).toContainText('Discarded');
  await expect(rows.nth(1).locator('td').last()).toHaveText(finished!);
  await library.show();
  await expect(page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0);
});
