import { expect, test, type Page } from '@playwright/test';
import type { CallPosition } from './pages/trainer-app';
import { DebriefPage, LibraryPage } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';

/** Answer, ask for the address (the caller says it aloud), then hang up: a short, finished call. */
async function takeShortCall(page: Page, call: CallPosition): Promise<void> {
  await call.answer();
  await call.press('ask:case.address', '1');
  // The caller's answer counts once it is heard: hang up only after it has started.
  await expect(call.callerLines().last()).toContainText('Avenue');
  await call.press('call:end', 'Shift+H');
  await new DebriefPage(page).waitUntilShown();
}

const cadAddress = (page: Page) => page.locator('.cad dd').nth(2);

test('replaying a scenario brings other surface details each time; Try again replays the same call', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();

  await expect(library.row(SCENARIO)).toContainText('Replays with other names and places (3 versions).');

  // First time: the call as written.
  let call = await library.start(SCENARIO);
  await expect(cadAddress(page)).toContainText('1420 Alder Ave');
  await takeShortCall(page, call);
  await expect(page.locator('.film li.caller')).toContainText(['1420 Alder Avenue']);
  await expect(page.getByText(/played as/)).toHaveCount(0);

  // Second time: another caller at another address; the caller says the new address, through its own clip.
  await library.show();
  call = await library.start(SCENARIO);
  await expect(cadAddress(page)).toContainText('2905 Mulberry Ave');
  await call.answer();
  await call.press('ask:case.address', '1');
  await expect(call.callerLines().last()).toHaveText('2905 Mulberry Avenue. Apartment 4D. Fourth floor.');
  await expect(page.locator('.transcript li.caller').last().locator('.badge.playing')).toBeVisible();
  await expect(page.locator('.transcript li.caller').last()).not.toContainText('unavailable');

  // A reload mid-call resumes the same surface.
  await page.reload();
  await call.waitUntilOpen();
  await expect(cadAddress(page)).toContainText('2905 Mulberry Ave');
  await call.press('call:end', 'Shift+H');
  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  await expect(page.getByText(/played as “Martin Szabo/)).toBeVisible();

  // Try again: the very same call.
  await page.getByRole('button', { name: 'Try again' }).click();
  await call.waitUntilOpen();
  await expect(cadAddress(page)).toContainText('2905 Mulberry Ave');
  await takeShortCall(page, call);

  // From the library, the surface not yet played comes next.
  await library.show();
  await library.start(SCENARIO);
  await expect(cadAddress(page)).toContainText('706 Oakmont Ave');
});
