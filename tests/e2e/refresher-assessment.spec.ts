import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { CallPosition, LibraryPage, turnOnTrainerMode, openApp } from './pages/trainer-app';

const SCENARIO = 'psychosis-no-weapon';
const TITLE = /Young man hearing voices/;

async function openPage(page: Page, route: 'refresher' | 'assessments', heading: string) {
  await openApp(page, `/#/${route}`);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

/** Approve one scenario the way a clinician does: trainer mode on, then Library → Review. Test data: an obviously fake name. */
async function approve(page: Page, scenarioId: string) {
  const library = new LibraryPage(page);
  await library.open();
  await turnOnTrainerMode(page);
  await library.show();
  await library
    .row(scenarioId)
    .getByRole('button', { name: /^Clinical review of/ })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel("Reviewer's name").fill('Test Reviewer');
  await dialog.getByLabel('Credential').selectOption('LPC');
  await dialog.getByLabel(/I am a licensed clinician/).check();
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByRole('status')).toContainText('Approved by Test Reviewer, LPC');
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('a fresh trainee gets a starter refresher of 10–15 minutes, each pick explained, and starting it opens the first call', async ({
  page,
}) => {
  await openPage(page, 'refresher', 'Refresher');
  const plan = page.getByRole('heading', { name: /^Today's session: \d+ minutes$/ });
  await expect(plan).toBeVisible();
  const minutes = Number(/(\d+) minutes/.exec((await plan.textContent()) ?? '')?.[1]);
  expect(minutes).toBeGreaterThanOrEqual(10);
  expect(minutes).toBeLessThanOrEqual(15);
  await expect(page.getByText('No history yet: a starter session')).toBeVisible();
  const picks = page.locator('ol.picks > li');
  expect(await picks.count()).toBeGreaterThan(0);
  for (const pick of await picks.all()) await expect(pick.locator('.reasons li').first()).not.toBeEmpty();
  await expectNoAxeViolations(page, 'refresher plan');

  await page.getByRole('button', { name: 'Start session' }).click();
  await new CallPosition(page).waitUntilOpen();

  // Back on the refresher page the session is kept, with its progress.
  await page.getByRole('link', { name: 'Refresher' }).click();
  await expect(page.getByRole('heading', { name: 'Your session' })).toBeVisible();
  await expect(page.locator('.count')).toHaveText(`0 of ${await picks.count()} done`);
  await expect(page.getByRole('button', { name: 'Resume call' })).toBeVisible();
  await expectNoAxeViolations(page, 'refresher session in progress');
});

test('an assessment needs approved scenarios; a trainer sets one, a trainee takes it, and the report prints', async ({
  page,
}) => {
  await openPage(page, 'assessments', 'Assessments');
  await expect(
    page.getByText(
      'A clinician must approve scenarios first (a trainer turns on trainer mode on the Trainees page, then Library → Review)',
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save assessment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Take/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'assessments, nothing approved');

  await approve(page, SCENARIO);
  await page.getByRole('link', { name: 'Assessments' }).click();
  await expect(page.getByRole('heading', { name: 'Set an assessment (trainer)' })).toBeVisible();
  // Only approved scenarios are offered.
  await expect(page.getByRole('checkbox')).toHaveCount(1);

  // An incomplete form names the fields to fix.
  await page.getByRole('button', { name: 'Save assessment' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'not saved' });
  await expect(problems).toContainText('Name: an assessment needs a name.');
  await expect(problems).toContainText('Scenarios: tick at least one approved scenario.');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();

  await page.getByLabel('Name', { exact: true }).fill('Test Assessment');
  await page.getByRole('checkbox', { name: TITLE }).check();
  await page.getByLabel('Pass mark (%)').fill('80');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved "Test Assessment".');
  await expectNoAxeViolations(page, 'assessments, one set');

  await page.getByRole('button', { name: 'Take Test Assessment' }).click();
  const call = new CallPosition(page);
  await call.waitUntilOpen();
  await expect(page.locator('.mode')).toHaveText('Assessment');
  await call.answer();
  await call.press('dispatch:police', 'Shift+P');
  await call.press('call:end', 'Shift+H');
  // The call is only recorded: its score comes with the results.
  await expect(page.getByRole('heading', { name: 'Call recorded', level: 1 })).toBeVisible();
  await expect(page.locator('.score')).toHaveCount(0);

  // The last call is scored, so the result is frozen and its report shown.
  await page.getByRole('link', { name: 'See the results' }).click();
  const report = page.locator('article.print-report');
  await expect(report.getByRole('heading', { name: 'Assessment report: Test Assessment' })).toBeVisible();
  await expect(report.locator('.trainee')).toHaveText('Trainee 1');
  await expect(report.getByRole('row', { name: TITLE })).toContainText('%');
  await expect(report.locator('.result')).toHaveText(
    /^Result: (Pass|Fail) · overall [\d.]+% \(mean of the calls\)$/,
  );
  await expect(report).toContainText('A critical error in any call fails the assessment');
  await expectNoAxeViolations(page, 'assessment report');

  // The print stylesheet leaves only the report: no navigation, no buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print report' })).toBeHidden();
  await expect(report).toBeVisible();
  expect(await report.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
  await page.emulateMedia({ media: 'screen' });

  // The result stays listed after a reload.
  await page.getByRole('button', { name: 'Back to assessments' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Test Assessment/ }).filter({ hasText: /Pass|Fail/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'assessments with a result');
});
