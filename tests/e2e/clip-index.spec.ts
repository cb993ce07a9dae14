import { expect, test } from '@playwright/test';
import { LibraryPage } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';
const INDEX = /\/audio\/index-[0-9a-f]+\.json$/;

test('without the clip index the library names the file, and a call still runs on its captions', async ({
  page,
}) => {
  await page.route(INDEX, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  const library = new LibraryPage(page);
  await library.open();
  const problems = page.getByRole('region', { name: 'Files that could not be loaded' });
  await expect(problems).toContainText(
    /audio\/index-[0-9a-f]+\.json: \$: the clip index could not be read \(HTTP 404\); calls run without sound/,
  );
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.expectCaptionOnly();
  await call.press('ask:safety.weapon', 'q');
  await expect(call.callerLines()).not.toHaveCount(1);
  await call.expectCaptionOnly(1);
});

test('a clip the index does not list is unavailable; the others play', async ({ page }) => {
  await page.route(INDEX, async (route) => {
    const index = (await (await route.fetch()).json()) as Record<string, string[]>;
    const withoutOpening = Object.fromEntries(
      Object.entries(index).filter(([ref]) => !ref.startsWith(`${SCENARIO}/open-1`)),
    );
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(withoutOpening) });
  });
  const library = new LibraryPage(page);
  await library.open();
  await expect(page.getByRole('region', { name: 'Files that could not be loaded' })).toHaveCount(0);
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.expectCaptionOnly();
  await call.press('ask:safety.weapon', 'q');
  await expect(page.locator('.transcript .badge.playing')).toBeVisible();
});
