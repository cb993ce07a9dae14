import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import type { CallPosition } from './pages/trainer-app';
import { DebriefPage, LibraryPage, openApp } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';
const CENTER = 'Embedded clinician, 6 AM–10 PM (model 1C)';

/** The screening part of the expert's call, by keyboard only. */
async function screen(call: CallPosition) {
  await call.press('calm:calm.acknowledge', 'z');
  await call.press('ask:case.address', '1');
  await call.press('ask:case.callback', '2');
  await call.press('ask:case.what-happened', '3');
  await call.press('ask:safety.self-harm-thoughts', 't');
  await call.press('ask:safety.self-harm-plan', 'y');
  await call.press('ask:safety.self-harm-means', 'u');
  await call.press('ask:safety.self-harm-intent', 'i');
  // The second eight safety questions carry on the same row with Alt.
  await call.press('ask:safety.self-harm-now', 'Alt+q');
  await call.press('ask:safety.weapon', 'q');
  await call.press('ask:safety.medical', 'e');
  await call.press('ask:safety.danger-to-others', 'w');
  await call.press('ask:clinical.open-to-help', 'g');
}

test('a new call-taker takes a whole call with the keyboard, hears the caller, routes, and reads the debrief', async ({
  page,
}) => {
  // A whole call with four accessibility scans: more than the default time on a loaded 2-core machine.
  test.slow();
  const library = new LibraryPage(page);
  await library.open();
  await expectNoAxeViolations(page, 'library');
  await library.chooseProfile(CENTER);
  const call = await library.start(SCENARIO);

  await expect(call.status()).toHaveText(/ringing/);
  await expectNoAxeViolations(page, 'call position, ringing');
  await call.answer();
  // The caller's first line plays through howler: the line is marked as speaking while it plays.
  await expect(page.locator('.transcript .badge.playing')).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { Howler: { ctx: AudioContext } }).Howler.ctx.state),
  ).toBe('running');
  await expect(call.callerLines().first()).not.toBeEmpty();
  const hints = page.getByRole('region', { name: 'Practice hints' });
  await expect(hints).toContainText('Before any routing: weapon?');

  await screen(call);
  await expect(hints).not.toContainText('Before any routing');
  await call.code('suicidal-ideation');
  await call.press('priority:3', 'Shift+3');
  await call.note('Alone at home, thoughts of suicide, no plan or means, willing to talk.');
  await expect(page.locator('.notes li')).toHaveText([
    'Alone at home, thoughts of suicide, no plan or means, willing to talk.',
  ]);
  await expectNoAxeViolations(page, 'call position, connected');

  await call.press('brief:embedded-clinician', 'Alt+c');
  await call.press('transfer:embedded-clinician', 'Shift+c');
  await expect(call.status()).toHaveText(/stay on the line/);
  await expect(call.status()).toHaveText(/you may release/, { timeout: 10_000 });
  await call.press('call:end', 'Shift+H');

  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  await expect(debrief.level()).toHaveText('High compliance');
  await expect(page.getByText('None. Every point earned.')).toBeVisible();
  await expect(page.locator('.film li.caller').first()).toBeVisible();
  await expectNoAxeViolations(page, 'debrief');

  // After a reload the attempt is in the history, and its debrief opens again.
  await page.reload();
  await page.getByRole('link', { name: 'History' }).click();
  const row = page.locator('tbody tr').first();
  await expect(row).toContainText('High compliance');
  await expectNoAxeViolations(page, 'history');
  await row.getByRole('link').click();
  await debrief.waitUntilShown();
});

test('a reload mid-call resumes exactly where the call was', async ({ page }) => {
  const library = new LibraryPage(page);
  await library.open();
  await library.chooseProfile(CENTER);
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.press('ask:case.address', '1');
  await call.press('ask:safety.weapon', 'q');
  const texts = page.locator('.transcript li .text');
  await expect(texts).not.toHaveCount(0);
  const before = await texts.allInnerTexts();
  // Time passes on the call; the clock must not be handed back by a reload.
  const timer = page.getByLabel('Call time');
  await expect(timer).toHaveText(/^00:0[5-9]$/, { timeout: 10_000 });
  const seconds = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  const clockBefore = seconds(await timer.innerText());

  await page.reload();
  await call.waitUntilOpen();
  await expect(call.status()).toHaveText('Connected');
  expect(seconds(await timer.innerText())).toBeGreaterThanOrEqual(clockBefore - 2);
  await expect(texts).toHaveText(before);
  await call.press('ask:case.callback', '2');
  await expect(texts).not.toHaveCount(before.length);

  // The library offers to resume it too.
  await openApp(page);
  await expect(page.getByRole('link', { name: 'Resume call' })).toBeVisible();
});

test('when the browser keeps no IndexedDB, the call still runs and the page says progress is not saved', async ({
  page,
}) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }),
  );
  const library = new LibraryPage(page);
  await library.open();
  await expect(page.getByRole('alert')).toContainText('Progress is not being saved');
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.press('ask:safety.weapon', 'q');
  await expect(call.callerLines()).not.toHaveCount(0);
});

test('a missing clip shows the transcript, marks the clip unavailable, and the call carries on', async ({
  page,
}) => {
  await page.route(/\/open-1[-.][^/]*\.mp3$/, (route) => route.fulfill({ status: 404, body: '' }));
  const library = new LibraryPage(page);
  await library.open();
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.expectCaptionOnly();
  await call.press('ask:safety.weapon', 'q');
  await expect(call.callerLines()).not.toHaveCount(1);
});
