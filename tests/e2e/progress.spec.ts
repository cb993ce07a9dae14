import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { DebriefPage, LibraryPage, type CallPosition, openApp } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';
const CENTER = 'Embedded clinician, 6 AM–10 PM (model 1C)';

/** A short, poor call: one question, police, hang up. */
async function shortCall(call: CallPosition, question: { id: string; key: string }) {
  await call.answer();
  await call.press(`ask:${question.id}`, question.key);
  await call.press('dispatch:police', 'Shift+P');
  await call.press('call:end', 'Shift+H');
}

/** Earned / of of a category, as the debrief's "Points by category" table shows it. */
async function categoryRatio(page: Page, label: string): Promise<number | undefined> {
  const cells = page
    .locator('table.categories tr', { has: page.getByRole('rowheader', { name: label, exact: true }) })
    .locator('td');
  const [earned, of] = await cells.allTextContents();
  return earned === 'n/a' ? undefined : Number(earned) / Number(of);
}

test('after two calls the progress page shows each competency with the debriefs’ numbers, as a chart and a table, with the calls behind them', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();

  // No finished call yet: the page says so and points to the library.
  await page.getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByText('No finished calls yet')).toBeVisible();
  await expect(page.locator('.progress').getByRole('link', { name: 'library' })).toHaveAttribute(
    'href',
    '#/',
  );

  await openApp(page);
  await library.chooseProfile(CENTER);
  const debrief = new DebriefPage(page);
  const ratios: Record<string, (number | undefined)[]> = { 'Case entry': [], Timeliness: [] };
  for (const question of [
    { id: 'case.address', key: '1' },
    { id: 'case.callback', key: '2' },
  ]) {
    await openApp(page);
    const call = await library.start(SCENARIO);
    await shortCall(call, question);
    await debrief.waitUntilShown();
    for (const label of Object.keys(ratios)) ratios[label]!.push(await categoryRatio(page, label));
  }

  await page.getByRole('link', { name: 'Progress' }).click();
  const progress = page.locator('.progress[data-progress-ready="true"]');
  await expect(progress.getByRole('heading', { name: 'Mastery by competency' })).toBeVisible();
  await expect(progress).toContainText('From your 2 finished calls');

  // The chart is an image with a summary; the table beside it has the same numbers, in the same order.
  const chart = page.getByRole('img', { name: /^Mastery of \d+ competencies from 2 finished calls/ });
  await expect(chart).toBeVisible();
  const bars = chart.locator('g[data-competency-id]');
  const rows = page.locator('table.competencies tbody tr');
  await expect(rows).toHaveCount(await bars.count());
  expect(await bars.count()).toBeGreaterThan(3);
  for (let i = 0; i < (await bars.count()); i++) {
    const bar = bars.nth(i);
    const row = rows.nth(i);
    await expect(row).toHaveAttribute('data-competency-id', (await bar.getAttribute('data-competency-id'))!);
    const percent = await bar.getAttribute('data-percent');
    await expect(row.locator('[data-cell="percent"]')).toHaveText(`${percent}%`);
    await expect(bar.locator('text.value')).toHaveText(`${percent}% · 2 calls`);
    await expect(row.locator('[data-cell="based-on"]')).toHaveText('2 calls');
  }

  // Case entry and timeliness are read straight from their category: the mean of the two debriefs.
  for (const [label, id] of [
    ['Case entry', 'case-entry'],
    ['Timeliness', 'timeliness'],
  ] as const) {
    const [a, b] = ratios[label]!;
    if (a === undefined || b === undefined) continue;
    await expect(
      page.locator(`table.competencies tr[data-competency-id="${id}"] [data-cell="percent"]`),
    ).toHaveText(`${Math.round(((a + b) / 2) * 100)}%`);
  }

  // The same mistake in both calls recurs, with both calls as evidence.
  const recurring = page.locator('ol.recurring > li').first();
  await expect(recurring).toContainText('in 2 of your last 2 calls');
  await expect(recurring.getByRole('link')).toHaveCount(2);
  await expectNoAxeViolations(page, 'progress');

  // Evidence under each competency: the calls, each opening its debrief.
  const evidence = page.locator('details.evidence[data-competency-id="case-entry"]');
  await evidence.locator('summary').click();
  await expect(evidence.getByRole('link')).toHaveCount(2);
  await expectNoAxeViolations(page, 'progress, evidence open');
  await evidence.getByRole('link').first().click();
  await debrief.waitUntilShown();

  await page.goBack();
  await recurring.getByRole('link').first().click();
  await debrief.waitUntilShown();
});
