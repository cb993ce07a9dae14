import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { LibraryPage, turnOnTrainerMode } from './pages/trainer-app';

const SCENARIO = 'psychosis-no-weapon';

test('a clinician approves a scenario in trainer mode; assessment mode then offers only approved scenarios', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  const row = library.row(SCENARIO);
  await expect(row.locator('.review')).toHaveText("Draft: needs review by your center's clinician");
  // A trainee (trainer mode off) cannot open review: no Review button on any scenario, only a hint.
  const reviewButtons = page.getByRole('button', { name: /^Clinical review of/ });
  await expect(reviewButtons).toHaveCount(0);
  // A string, not a pattern: Playwright then compares with whitespace collapsed, as the line wraps in the source.
  await expect(page.getByTestId('review-hint')).toHaveText(
    "Clinical review (the clinician's approval of a scenario) is opened by a trainer: turn on trainer mode on the Trainees page.",
  );

  await page.getByRole('radio', { name: 'Assessment' }).check();
  await expect(page.getByText('No scenario is approved yet')).toBeVisible();
  await expect(row.getByRole('button', { name: /^Start/ })).toBeDisabled();
  // The answer key is not on view while taking assessments.
  await expect(row.getByRole('button', { name: /^Clinical review of/ })).toHaveCount(0);

  await page.getByRole('radio', { name: 'Practice' }).check();
  await expect(reviewButtons).toHaveCount(0);

  await turnOnTrainerMode(page);
  await library.show();
  await expect(page.getByTestId('review-hint')).toHaveCount(0);
  await row.getByRole('button', { name: /^Clinical review of/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: /^Clinical review:/ })).toBeVisible();
  // The approval covers the surface variants too: the reviewer sees each change, word for word.
  const variants = dialog.getByRole('region', { name: 'Surface variants (1)' });
  await variants
    .locator('summary')
    .filter({ hasText: /^Owen Nakamura/ })
    .click();
  await expect(variants.getByRole('listitem').filter({ hasText: /^Address:/ })).toHaveText(
    'Address: 5127 Kestrel Way → 6209 Marigold Way',
  );
  await expectNoAxeViolations(page, 'review dialog');
  const approve = dialog.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeDisabled();
  // Test data: the person signing types their own name; the app never supplies one.
  await dialog.getByLabel("Reviewer's name").fill('Test Reviewer');
  await dialog.getByLabel('Credential').selectOption('LPC');
  await dialog.getByLabel(/I am a licensed clinician/).check();
  await approve.click();
  await expect(dialog.getByRole('status')).toContainText('Approved by Test Reviewer, LPC');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('radio', { name: 'Assessment' }).check();

  await page.reload();
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await expect(library.row(SCENARIO).locator('.review')).toContainText('Approved by Test Reviewer, LPC');
  // Trainer mode ends with the reload: review is closed again.
  await expect(reviewButtons).toHaveCount(0);
  await expect(library.row(SCENARIO)).toContainText('signed in this browser');
  // Assessment mode was remembered; only the approved scenario can be started.
  await expect(page.getByRole('radio', { name: 'Assessment' })).toBeChecked();
  await expect(library.row(SCENARIO).getByRole('button', { name: /^Start/ })).toBeEnabled();
  await expect(library.row('si-no-means-clinician').getByRole('button', { name: /^Start/ })).toBeDisabled();
  const call = await library.start(SCENARIO);
  await expect(page.locator('.mode')).toHaveText('Assessment');
  await call.answer();
  await expect(page.getByRole('heading', { name: 'Practice hints' })).toHaveCount(0);
});
