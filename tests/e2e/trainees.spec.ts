import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import {
  DebriefPage,
  LibraryPage,
  TEST_TRAINER_PIN,
  TraineesPage,
  openApp,
  turnOnTrainerMode,
} from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';

/** The Trainees page as a trainee or trainer uses it. */
/** Answer, ask one question, send police, release: a short call. Returns the attempt's id. */
async function shortCall(page: Page): Promise<string> {
  const library = new LibraryPage(page);
  await library.open();
  const call = await library.start(SCENARIO);
  await call.answer();
  await call.press('ask:case.address', '1');
  await call.press('dispatch:police', 'Shift+P');
  await call.press('call:end', 'Shift+H');
  await new DebriefPage(page).waitUntilShown();
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
  expect(id).not.toBe('');
  return id;
}

async function historyIds(page: Page): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const rows = page.locator('tbody tr[data-attempt-id]');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-attempt-id') ?? ''));
}

async function openTrainees(page: Page): Promise<TraineesPage> {
  await openApp(page);
  const trainees = new TraineesPage(page);
  await trainees.open();
  return trainees;
}

test('two trainees on one browser keep separate histories, across reloads', async ({ page }) => {
  const trainees = await openTrainees(page);
  await expect(trainees.topBar()).toHaveText('Trainee: Trainee 1');
  await expectNoAxeViolations(page, 'trainees page');
  await trainees.create('Test Trainee A');
  await trainees.create('Test Trainee B');
  await expect(trainees.rows()).toHaveCount(3);

  await trainees.switchTo('Test Trainee A');
  const a = await shortCall(page);
  await trainees.open();
  await trainees.switchTo('Test Trainee B');
  const b = await shortCall(page);

  expect(await historyIds(page)).toEqual([b]);
  await page.reload();
  await expect(trainees.topBar()).toHaveText('Trainee: Test Trainee B');
  expect(await historyIds(page)).toEqual([b]);

  await trainees.open();
  await trainees.switchTo('Test Trainee A');
  expect(await historyIds(page)).toEqual([a]);
  await page.reload();
  await expect(trainees.topBar()).toHaveText('Trainee: Test Trainee A');
  expect(await historyIds(page)).toEqual([a]);
});

test('a PIN-protected profile refuses a wrong PIN; trainer mode sees every profile', async ({ page }) => {
  const trainees = await openTrainees(page);
  await expect(
    page
      .getByText(
        'A PIN is a privacy screen on a shared computer, not strong security against someone with the device.',
      )
      .first(),
  ).toBeVisible();
  await trainees.create('Test Trainee C', '246810');

  await page.getByRole('button', { name: 'Switch to Test Trainee C' }).click();
  const prompt = page.getByRole('region', { name: 'Switch to Test Trainee C' });
  await expect(prompt.getByLabel('PIN for Test Trainee C')).toBeFocused();
  await prompt.getByLabel('PIN for Test Trainee C').fill('111111');
  await prompt.getByRole('button', { name: 'Switch to Test Trainee C' }).click();
  await expect(prompt.getByRole('alert')).toHaveText(
    'That is not the PIN of Test Trainee C. 4 more tries before a wait.',
  );
  await expect(trainees.topBar()).toHaveText('Trainee: Trainee 1');
  await expectNoAxeViolations(page, 'trainees page, wrong PIN');

  await prompt.getByLabel('PIN for Test Trainee C').fill('246810');
  await prompt.getByRole('button', { name: 'Switch to Test Trainee C' }).click();
  await expect(trainees.topBar()).toHaveText('Trainee: Test Trainee C');
  await expect(prompt).toBeHidden();

  // A reload does not reopen a PIN profile by itself.
  await page.reload();
  const unlock = page.getByRole('region', { name: 'Whose calls are these?' });
  await expect(unlock).toBeVisible();
  await expect(page.getByRole('link', { name: 'History' })).toBeVisible();
  await expectNoAxeViolations(page, 'unlock screen');
  await unlock.getByLabel('PIN for Test Trainee C').fill('111111');
  await unlock.getByRole('button', { name: 'Open' }).click();
  await expect(unlock.getByRole('alert')).toHaveText(
    'That is not the PIN of Test Trainee C. 4 more tries before a wait.',
  );
  await unlock.getByLabel('PIN for Test Trainee C').fill('246810');
  await unlock.getByRole('button', { name: 'Open' }).click();
  await expect(unlock).toBeHidden();
  await trainees.open();

  // Trainer mode (its PIN set at the first start): the table then shows every profile's attempts.
  const trainer = page.getByRole('region', { name: 'Trainer mode' });
  await trainer.getByLabel('Trainer PIN', { exact: true }).fill(TEST_TRAINER_PIN);
  await trainer.getByRole('button', { name: 'Turn on trainer mode' }).click();
  await expect(trainer.getByText('Trainer mode is on.')).toBeVisible();
  await expect(page.getByTestId('attempt-count')).toHaveText(['0 (0)', '0 (0)']);
  await expect(page.getByRole('button', { name: "Export every trainee's records" })).toBeVisible();
  await expectNoAxeViolations(page, 'trainees page, trainer mode');
  await trainer.getByRole('button', { name: 'Leave trainer mode' }).click();
  await expect(page.getByTestId('attempt-count')).toHaveCount(0);
  await expect(trainer.getByLabel('Trainer PIN')).toBeVisible();
});

test('records exported from one browser import into a fresh one with the same history', async ({
  browser,
}) => {
  const first = await browser.newContext();
  const page1 = await first.newPage();
  const trainees1 = await openTrainees(page1);
  await trainees1.create('Test Trainee A');
  await trainees1.switchTo('Test Trainee A');
  const attempt = await shortCall(page1);
  await historyIds(page1);
  const cells = await page1.locator(`tr[data-attempt-id="${attempt}"]`).locator('th, td').allInnerTexts();
  await trainees1.open();
  const [download] = await Promise.all([
    page1.waitForEvent('download'),
    page1.getByRole('button', { name: "Export Test Trainee A's records" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^dispatch-trainer-records-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(
    page1.getByText(`Exported 1 trainee, 1 finished call to ${download.suggestedFilename()}.`),
  ).toBeVisible();
  // Read before the context closes: closing it deletes the download.
  const text = await readFile(await download.path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({
    format: 'dispatch-trainer-records',
    trainees: [{ name: 'Test Trainee A' }],
    attempts: [{ id: attempt }],
  });
  await first.close();

  const second = await browser.newContext();
  const page2 = await second.newPage();
  const trainees2 = await openTrainees(page2);
  await page2.getByLabel('Import a records file (.json)').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(
    page2.getByText(
      'Added 1 trainee and 1 attempt, each read back from storage. Skipped 0 trainees and 0 attempts already here. Scores: 1 call re-scored here from its log.',
    ),
  ).toBeVisible();
  await expect(trainees2.rows()).toHaveCount(2);
  await trainees2.switchTo('Test Trainee A');
  expect(await historyIds(page2)).toEqual([attempt]);
  // The same row, marked as imported (its score worked out again here, to the same total).
  await expect(page2.locator(`tr[data-attempt-id="${attempt}"]`).locator('th, td')).toHaveText([
    ...cells.slice(0, -1),
    `${cells.at(-1)} · imported`,
  ]);
  await page2.locator(`tr[data-attempt-id="${attempt}"]`).getByRole('link').click();
  await new DebriefPage(page2).waitUntilShown();
  await second.close();
});

test('a corrupt records file is rejected with a precise message and nothing changes', async ({ page }) => {
  const trainees = await openTrainees(page);
  const corrupt = {
    format: 'dispatch-trainer-records',
    version: 1,
    exportedAt: '2026-01-05T10:00:00.000Z',
    trainees: [{ id: 'x1', name: 'Test Trainee Z', createdAt: 'yesterday' }],
    attempts: [],
  };
  await page.getByLabel('Import a records file (.json)').setInputFiles({
    name: 'corrupt.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(corrupt)),
  });
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported.' });
  await expect(alert).toBeVisible();
  await expect(alert.locator('li')).toHaveText([
    'corrupt.json: $.trainees[0].createdAt: Invalid input: expected number, received string',
  ]);
  await expect(trainees.rows()).toHaveCount(1);
  await expect(trainees.topBar()).toHaveText('Trainee: Trainee 1');

  await page.getByLabel('Import a records file (.json)').setInputFiles({
    name: 'truncated.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "dispatch-trainer-records",'),
  });
  await expect(alert.locator('li')).toHaveText([
    /^truncated\.json: \$: malformed JSON at line 1, column \d+: /,
  ]);
  await expect(trainees.rows()).toHaveCount(1);

  await expect(page.getByTestId('persistence-state')).toHaveText(/^(Granted|Not granted|Unsupported)/);
  await expectNoAxeViolations(page, 'trainees page, import rejected');
});

/** What IndexedDB itself holds for one attempt (as a reload reads it): the record and how many log entries. */
async function storedAttempt(page: Page, attemptId: string): Promise<{ record: boolean; events: number }> {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('dispatch-trainer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['attempts', 'events'], 'readonly');
          const record = tx.objectStore('attempts').count(id);
          const events = tx.objectStore('events').count(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
          tx.oncomplete = () => {
            db.close();
            resolve({ record: record.result > 0, events: events.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    attemptId,
  );
}

test('a trainer deletes a graduate’s profile and all its records; the other trainee keeps theirs, across a reload', async ({
  page,
}) => {
  const trainees = await openTrainees(page);
  await trainees.create('Test Trainee A');
  await trainees.create('Test Trainee B');
  await trainees.switchTo('Test Trainee B');
  const b = await shortCall(page);
  await trainees.open();
  await trainees.switchTo('Test Trainee A');
  const a = await shortCall(page);
  expect(await storedAttempt(page, a)).toMatchObject({ record: true, events: expect.any(Number) });
  expect((await storedAttempt(page, a)).events).toBeGreaterThan(0);
  const bBefore = await storedAttempt(page, b);

  // A trainee sees no Delete.
  await trainees.open();
  await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);

  await turnOnTrainerMode(page);
  const dialog = page.getByRole('dialog', { name: "Delete Test Trainee A's profile" });
  // Cancel (Escape) keeps everything.
  await page.getByRole('button', { name: 'Delete Test Trainee A' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Delete Test Trainee A' })).toBeFocused();
  await expect(trainees.rows()).toHaveCount(3);

  await page.getByRole('button', { name: 'Delete Test Trainee A' }).click();
  await expect(dialog.getByTestId('delete-removes')).toHaveText(
    "This removes from this browser Test Trainee A's profile and 1 attempt (1 finished, 0 in progress), with each call's event log and debrief, and Test Trainee A's assessment results and refresher session. It cannot be undone. No other trainee's records are touched.",
  );
  await expectNoAxeViolations(page, 'delete profile dialog');

  // Export first: the file holds A's profile and call.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: "Export this trainee's records first" }).click(),
  ]);
  await expect(dialog.getByRole('status')).toHaveText(
    `Exported 1 trainee, 1 finished call to ${download.suggestedFilename()}.`,
  );
  expect(JSON.parse(await readFile(await download.path(), 'utf8'))).toMatchObject({
    trainees: [{ name: 'Test Trainee A' }],
    attempts: [{ id: a }],
  });

  // The delete button works only once the name is typed exactly.
  const confirmName = dialog.getByLabel('Type Test Trainee A to confirm');
  const remove = dialog.getByRole('button', { name: "Delete Test Trainee A's profile" });
  await expect(remove).toBeDisabled();
  await confirmName.fill('test trainee a');
  await expect(remove).toBeDisabled();
  await confirmName.fill('Test Trainee A');
  await expect(remove).toBeEnabled();
  await expectNoAxeViolations(page, 'delete profile dialog, ready');
  await confirmName.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted Test Trainee A' })).toHaveText(
    "Deleted Test Trainee A's profile and 1 attempt. New calls are now Trainee 1's.",
  );
  await expect(trainees.topBar()).toHaveText('Trainee: Trainee 1');
  await expect(trainees.rows()).toHaveCount(2);

  await page.reload();
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await expect(trainees.topBar()).toHaveText('Trainee: Trainee 1');
  expect(await storedAttempt(page, a)).toEqual({ record: false, events: 0 });
  expect(await storedAttempt(page, b)).toEqual(bBefore);
  await trainees.open();
  await expect(trainees.rows().locator('th')).toHaveText([/^Trainee 1\s*current$/, 'Test Trainee B']);
  await trainees.switchTo('Test Trainee B');
  expect(await historyIds(page)).toEqual([b]);
});

test('the trainer changes the trainer PIN: the old one is refused afterwards and the new one accepted', async ({
  page,
}) => {
  await openApp(page);
  await turnOnTrainerMode(page);
  const trainer = page.getByRole('region', { name: 'Trainer mode' });
  await trainer.getByRole('button', { name: 'Change trainer PIN' }).click();
  const form = trainer.getByRole('form', { name: 'Change trainer PIN' });
  await expect(form.getByLabel('Current trainer PIN')).toBeFocused();

  async function change(current: string, next: string, repeat: string) {
    await form.getByLabel('Current trainer PIN').fill(current);
    await form.getByLabel('New trainer PIN').fill(next);
    await form.getByLabel('Type the new PIN again').fill(repeat);
    await form.getByRole('button', { name: 'Save new trainer PIN' }).click();
  }

  await change('1111', '24680', '24680');
  await expect(form.getByRole('alert')).toHaveText(
    'Current trainer PIN: That is not the trainer PIN. 4 more tries before a wait. Nothing was changed.',
  );
  await expect(form.getByLabel('Current trainer PIN')).toBeFocused();
  await expectNoAxeViolations(page, 'change trainer PIN, wrong current PIN');
  await change(TEST_TRAINER_PIN, '24680', '24681');
  await expect(form.getByRole('alert')).toHaveText(
    'New trainer PIN: The two PINs are not the same. Type the same PIN in both fields. Nothing was changed.',
  );
  await change(TEST_TRAINER_PIN, '24a', '24a');
  await expect(form.getByRole('alert')).toContainText('New trainer PIN: A PIN has digits only');
  await change(TEST_TRAINER_PIN, '24680', '24680');
  await expect(form).toBeHidden();
  await expect(trainer.getByRole('status').filter({ hasText: 'Trainer PIN changed' })).toHaveText(
    'Trainer PIN changed. Use the new PIN to turn on trainer mode from now on.',
  );
  await expect(trainer.getByRole('button', { name: 'Change trainer PIN' })).toBeFocused();

  async function tryPin(pin: string) {
    await trainer.getByLabel('Trainer PIN', { exact: true }).fill(pin);
    await trainer.getByRole('button', { name: 'Turn on trainer mode' }).click();
  }
  await trainer.getByRole('button', { name: 'Leave trainer mode' }).click();
  await tryPin(TEST_TRAINER_PIN);
  await expect(trainer.getByRole('alert')).toHaveText(
    'That is not the trainer PIN. 4 more tries before a wait.',
  );
  await tryPin('24680');
  await expect(trainer.getByText('Trainer mode is on.')).toBeVisible();

  // Kept across a reload.
  await page.reload();
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  await tryPin(TEST_TRAINER_PIN);
  await expect(trainer.getByRole('alert')).toHaveText(
    'That is not the trainer PIN. 4 more tries before a wait.',
  );
  await tryPin('24680');
  await expect(trainer.getByText('Trainer mode is on.')).toBeVisible();
});

test('trainer mode shows in the top bar and ends by itself after 15 minutes without input', async ({
  page,
}) => {
  await page.clock.install();
  await openApp(page);
  await turnOnTrainerMode(page);
  const badge = page.getByRole('banner').getByText('Trainer mode');
  await expect(badge).toBeVisible();
  await page.clock.fastForward('14:00');
  await expect(badge).toBeVisible();
  await page.keyboard.press('Tab'); // the trainer is still at the keyboard: the 15 minutes start again
  await page.clock.fastForward('14:00');
  await expect(badge).toBeVisible();
  await page.clock.fastForward('01:01');
  await expect(badge).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Trainer mode' }).getByLabel('Trainer PIN', { exact: true }),
  ).toBeVisible();

  // Leaving by hand, from any page: the top bar's button.
  await turnOnTrainerMode(page);
  await page.getByRole('banner').getByRole('button', { name: 'Leave trainer mode' }).click();
  await expect(badge).toHaveCount(0);
});
