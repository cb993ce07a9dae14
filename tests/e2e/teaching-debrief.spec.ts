import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { SAFETY_FACTS } from '$core/format/vocabulary';
import { expectNoAxeViolations } from './pages/axe';
import { CallPosition, DebriefPage, LibraryPage, openApp, turnOnTrainerMode } from './pages/trainer-app';
import { approved, recallCall, serveInstead } from './fixtures/recall-call';

// Issue 10, "Scoring that teaches the right thing", as a trainee meets it. Every call here is a
// fixture served in place of a library file (fixtures/recall-call.ts), not bundled content.

const CENTER = 'Embedded clinician, 6 AM–10 PM (model 1C)';

/** The recall call served alone, started at the 1C profile and answered. */
async function answerRecallCall(page: Page): Promise<CallPosition> {
  await serveInstead(page, [recallCall()]);
  const library = new LibraryPage(page);
  await library.open();
  await library.chooseProfile(CENTER);
  const call = await library.start('e2e-recall');
  await call.answer();
  return call;
}

test('a trainee transfers, hears the caller reveal a gun, takes the caller back and sends police; the debrief shows when the gun came out, and no critical error', async ({
  page,
}) => {
  const call = await answerRecallCall(page);
  await call.press('ask:case.address', '1');
  await call.press('ask:safety.weapon', 'q');
  await expect(call.callerLines().last()).toHaveText('He is at his apartment, alone.');
  await call.press('brief:embedded-clinician', 'Alt+c');

  // No cancel button before a unit is on its way; no recall before a transfer.
  await expect(page.locator('[data-action^="cancel:"]')).toHaveCount(0);
  await expect(page.locator('[data-action="call:recall"]')).toHaveCount(0);
  await call.press('transfer:embedded-clinician', 'Shift+c');
  await expect(call.callerLines().last()).toHaveText('Wait. He just sent me a photo. He has our dad’s gun.');
  const recall = page.locator('[data-action="call:recall"]');
  await expect(recall).toContainText('Shift+R');
  await expect(page.getByRole('region', { name: 'Practice hints' })).toContainText(
    'take the caller back (Shift+R)',
  );
  await call.press('call:recall', 'Shift+R');
  await expect(call.status()).toHaveText('Connected');
  await expect(recall).toHaveCount(0);

  await call.press('dispatch:police', 'Shift+P');
  const cancel = page.locator('[data-action="cancel:police"]');
  await expect(cancel).toHaveText(/Alt\+Shift\+P\s*Cancel Police/);
  await expectNoAxeViolations(page, 'call position, a unit on its way');
  await call.press('call:end', 'Shift+H');

  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  await expect(page.locator('.critical')).toHaveCount(0);
  // The moment the gun came out, pinned to the caller's line.
  const gun = page.locator('.film li.caller').filter({ hasText: 'He has our dad’s gun.' });
  await expect(gun.locator('.fact')).toHaveText('The caller revealed a weapon.');
  await expect(page.locator('.film li.trainee .text')).toContainText([
    'Transferred the caller to Center clinician (warm handoff)',
    'Took the caller back from the transfer.',
    'Dispatched Police',
  ]);
  // Routing leads with the reasons for this center at this hour, then the author's reasoning.
  const routing = page.getByRole('region', { name: 'Routing at this center at 14:00' });
  await expect(routing.locator('ul.reasons li').first()).toBeVisible();
  await expect(routing.locator('.rationale')).toContainText(
    "The answer key's reasoning (draft, not yet reviewed by a clinician): Test rationale",
  );
  await expectNoAxeViolations(page, 'debrief with fact moments');
});

test('an assessment run of two calls shows no score after the first, and the results after the last', async ({
  page,
}) => {
  await serveInstead(page, [
    approved(recallCall({ id: 'e2e-run-a', title: 'Test fixture: run call A' })),
    approved(recallCall({ id: 'e2e-run-b', title: 'Test fixture: run call B' })),
  ]);
  // A trainer sets the assessment, and leaves trainer mode before the trainee takes it.
  await openApp(page);
  await turnOnTrainerMode(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assessments' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Test Run of Two');
  await page.getByRole('checkbox', { name: /run call A/ }).check();
  await page.getByRole('checkbox', { name: /run call B/ }).check();
  await page.getByLabel('Pass mark (%)').fill('80');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved "Test Run of Two".');
  await page.getByRole('button', { name: 'Leave trainer mode' }).click();
  await page.getByRole('button', { name: 'Take Test Run of Two' }).click();

  const call = new CallPosition(page);
  const takeCall = async () => {
    await call.waitUntilOpen();
    await call.answer();
    await call.press('ask:safety.weapon', 'q');
    await call.press('dispatch:police', 'Shift+P');
    await call.press('call:end', 'Shift+H');
  };
  await takeCall();
  const recorded = page.getByRole('heading', { name: 'Call recorded', level: 1 });
  await expect(recorded).toBeVisible();
  await expect(page.getByText('(1 of 2 calls done)')).toBeVisible();
  await expect(page.locator('.score, .rationale, .lost, .film')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Next scenario/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'call recorded, mid-run');

  await page.getByRole('button', { name: 'Next call of the assessment' }).click();
  await takeCall();
  await expect(recorded).toBeVisible();
  await expect(page.locator('.score')).toHaveCount(0);
  await page.getByRole('link', { name: 'See the results' }).click();
  const report = page.locator('article.print-report');
  await expect(report.getByRole('heading', { name: 'Assessment report: Test Run of Two' })).toBeVisible();
  await expect(report.getByRole('row', { name: /run call A/ })).toContainText('%');
  await expect(report.getByRole('row', { name: /run call B/ })).toContainText('%');

  // With the results seen, each call's debrief shows everything.
  await page.getByRole('button', { name: 'Back to assessments' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await page.locator('tbody tr').first().getByRole('link').click();
  await new DebriefPage(page).waitUntilShown();
  await expect(page.locator('.score .total')).toBeVisible();
});

test('the debrief of a played call shows no internal id', async ({ page }) => {
  const call = await answerRecallCall(page);
  await call.press('calm:calm.acknowledge', 'z');
  await call.press('ask:safety.weapon', 'q');
  await call.press('dispatch:ems', 'Shift+E');
  await call.press('cancel:ems', 'Alt+Shift+E');
  await call.press('priority:3', 'Shift+3');
  await call.code('suicidal-ideation');
  await call.press('brief:crisis-line', 'Alt+l');
  await call.press('transfer:crisis-line', 'Shift+l');
  await expect(call.status()).toHaveText(/you may release/, { timeout: 10_000 });
  await call.press('call:end', 'Shift+H');
  await new DebriefPage(page).waitUntilShown();

  const bank = JSON.parse(
    readFileSync(new URL('../../scenarios/questions.json', import.meta.url), 'utf8'),
  ) as {
    questions: { id: string }[];
    phrases: { id: string }[];
  };
  // Ids that are also plain words ("weapon", "police", "fire") are left out: the rest are no word.
  const ids = [
    ...bank.questions.map((q) => q.id),
    ...bank.phrases.map((p) => p.id),
    ...SAFETY_FACTS.filter((f) => f.includes('-')),
    'ems',
    'crisis-line',
    'embedded-clinician',
    'embedded-clinician-day',
    'e2e-recall',
  ];
  const words = (await page.locator('main').innerText()).split(/[\s"“”(),.:;!?]+/);
  expect(ids.filter((id) => words.includes(id))).toEqual([]);
  await expect(page.locator('.film li.trainee .text')).toContainText(['Dispatched EMS', 'Called off EMS']);
});
