import { expect, test } from '@playwright/test';
import { T0, TEXTBOOK, attempt, file, trainee } from '../support/records';
import { DebriefPage, LibraryPage, openApp } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';

test('a long history shows the newest calls a page at a time, and more on request', async ({ page }) => {
  const calls = Array.from({ length: 120 }, (_, i) => attempt(`h${i}`, 't-long', TEXTBOOK, T0 + i * 60_000));
  const records = file([trainee('t-long', 'Test Trainee Long')], calls);

  await openApp(page);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
  await page.getByLabel('Import a records file (.json)').setInputFiles({
    name: 'long.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(records)),
  });
  await expect(
    page.getByText('Added 1 trainee and 120 attempts, each read back', { exact: false }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Switch to Test Trainee Long' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const rows = page.locator('tbody tr[data-attempt-id]');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAttribute('data-attempt-id', 'h119');
  await expect(page.getByText('Showing 50 of 120 calls, newest first.')).toBeVisible();

  await page.getByRole('button', { name: 'Show 50 more' }).click();
  await expect(rows).toHaveCount(100);
  await page.getByRole('button', { name: 'Show 20 more' }).click();
  await expect(rows).toHaveCount(120);
  await expect(rows.last()).toHaveAttribute('data-attempt-id', 'h0');
  await expect(page.getByText('Showing 120 of 120 calls, newest first.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);
});

test('the debrief of a call played before its scenario was edited says the reasoning shown is the current version', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.press('ask:case.address', '1');
  await call.press('call:end', 'Shift+H');
  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  const edited = page.getByText('This scenario has been edited since this call was played.');
  await expect(edited).toHaveCount(0);

  // A trainer updates the scenario file (here: its summary) and the app is reloaded.
  await page.route(new RegExp(`/library/${SCENARIO}\\.json$`), async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as { summary: string };
    await route.fulfill({ response, json: { ...json, summary: `${json.summary} (edited)` } });
  });
  await page.reload();
  await debrief.waitUntilShown();
  await expect(edited).toBeVisible();
});
