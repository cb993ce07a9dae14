import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { libraryFileKind } from '$core/library/layout';
import { openApp } from './pages/trainer-app';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The library's scenario files, relative to scenarios/, by the rule the app and the build use. */
function scenarioFiles(): string[] {
  return readdirSync(scenariosDir, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => libraryFileKind(path) === 'scenario')
    .sort();
}

function scenarioId(file: string): string | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(scenariosDir + file, 'utf8'));
    if (typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string') {
      return data.id.trim() === '' ? undefined : data.id;
    }
  } catch {
    // An unparsable file would already have failed the build.
  }
  return undefined;
}

test('home page lists the bundled scenario library', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await openApp(page);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await expect(page).toHaveTitle('Dispatch Trainer');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario library');

  const ids = scenarioFiles().map(scenarioId);
  // The guided first call (tutorial-*) has its own place above the list.
  const listed = ids.filter((id) => !id?.startsWith('tutorial-'));
  expect(listed.length).toBe(ids.length - 1);
  await expect(page.getByRole('region', { name: /guided first call/ })).toBeVisible();
  const rows = page.locator('tbody tr[data-scenario-id]');
  await expect(rows).toHaveCount(listed.length);
  for (const id of listed) {
    await expect(page.locator(`tr[data-scenario-id=${JSON.stringify(id)}]`)).toHaveCount(1);
  }
  // Sample content is never presented as clinician-approved.
  await expect(page.locator('.review.approved')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a broken library file is named with its field, and every other scenario still loads', async ({
  page,
}) => {
  const broken = scenarioFiles()[0]!;
  await page.route(`**/library/${broken}`, async (route) => {
    const original = JSON.parse(readFileSync(scenariosDir + broken, 'utf8')) as Record<string, unknown>;
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ...original, difficulty: 'expert' }),
    });
  });
  await openApp(page);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  const problems = page.getByRole('region', { name: 'Files that could not be loaded' });
  await expect(problems).toContainText(`scenarios/${broken}: $.difficulty: Invalid option`);
  const listed = scenarioFiles().filter((f) => !scenarioId(f)?.startsWith('tutorial-'));
  await expect(page.locator('tbody tr[data-scenario-id]')).toHaveCount(listed.length - 1);
});
