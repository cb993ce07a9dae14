import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { LibraryPage } from './pages/trainer-app';

test('the call type is found by typing; moving through the list records nothing, each choice records one code', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  const call = await library.start('si-no-means-clinician');
  await call.answer();
  // What the trainee did, as the transcript lists it: a recorded code adds one line.
  const done = page.locator('.transcript li.trainee');
  const before = await done.count();

  await call.key('j');
  await expect(call.callType()).toBeFocused();
  // Typing searches: "w" is neither the W question's shortcut nor a choice.
  await page.keyboard.type('w');
  const options = call.callTypeList().getByRole('option');
  await expect(options).toHaveText([/^Welfare check/, /^Weapon call/]);
  await expect(call.callType()).toHaveAttribute('aria-expanded', 'true');
  await expectNoAxeViolations(page, 'call-type list open');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(call.callType()).toHaveAttribute('aria-activedescendant', 'calltype-option-weapon-call');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(done).toHaveCount(before);
  await expect(page.locator('button[data-action="ask:safety.danger-to-others"]')).not.toHaveClass(/used/);

  await page.keyboard.press('Enter');
  await expect(done).toHaveCount(before + 1);
  await expect(done.last()).toContainText(/welfare/i);
  await expect(call.callType()).toHaveValue('Welfare check');
  await expect(call.callType()).toHaveAttribute('aria-expanded', 'false');

  // Opening the list again and leaving it with Escape records nothing; the next Escape goes back
  // to the position, where the shortcuts work.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(call.callType()).toHaveAttribute('aria-expanded', 'false');
  await expect(call.callType()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('.position')).toBeFocused();
  await expect(done).toHaveCount(before + 1);

  // A code's own letters find it too, and a click records exactly one.
  await call.key('j');
  await page.keyboard.type('over');
  await expect(options).toHaveText([/^Overdose/]);
  await options.first().click();
  await expect(done).toHaveCount(before + 2);
  await expect(done.last()).toContainText(/overdose/i);
  await expect(call.callType()).toHaveValue('Overdose');

  // Nothing matches: the list says so and Enter records nothing.
  await call.callType().fill('zzz');
  await expect(page.getByText('No call type matches “zzz”')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(done).toHaveCount(before + 2);
});
