import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Top-level scenarios/*.json, by the same rule as src/app/App.svelte. */
function scenarioFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(scenariosDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter(
    (name) => name.endsWith('.json') && !name.startsWith('_') && name !== 'questions.json',
  );
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

  await page.goto('/');

  await expect(page).toHaveTitle('Dispatch Trainer');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const files = scenarioFiles();
  if (files.length === 0) {
    await expect(page.getByText('No scenarios')).toBeVisible();
  } else {
    const items = page.getByRole('list', { name: 'Scenarios' }).getByRole('listitem');
    await expect(items).toHaveCount(files.length);
    for (const id of files.map(scenarioId)) {
      if (id === undefined) continue;
      await expect(items.and(page.locator(`[data-scenario-id=${JSON.stringify(id)}]`))).toHaveCount(1);
    }
  }

  expect(errors).toEqual([]);
});
