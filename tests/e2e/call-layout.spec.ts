import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { LibraryPage, type CallPosition } from './pages/trainer-app';

/*
 * The call-taking position is one screen, as a CAD position is: at the common window sizes every
 * control of the call is in the window, unscrolled and uncovered, from the ring to the handoff.
 * UPDATE_SCREENSHOTS=1 writes the screenshots kept in docs/screenshots/ (otherwise they go with
 * the test's results).
 */

// The busiest call on the busiest screen: the longest CAD history, at the center with the most routes.
const SCENARIO = 'frequent-caller-known-history';
const CENTER = 'CAD flagging plus embedded clinician (model 1F)';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];

/** Every visible control of the call (and the line status) that is outside the window or covered. */
async function controlsOutOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const controls = document.querySelectorAll<HTMLElement>(
      '.call-page :is(button, input, select, a, [role="combobox"], [role="status"])',
    );
    const problems: string[] = [];
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = el.dataset.action ?? (el.id || el.getAttribute('aria-label') || el.textContent?.trim());
      const where = `${name} at x ${Math.round(box.left)}–${Math.round(box.right)}, y ${Math.round(box.top)}–${Math.round(box.bottom)}`;
      if (box.left < 0 || box.top < 0 || box.right > vw + 0.5 || box.bottom > vh + 0.5) {
        problems.push(`outside the ${vw}×${vh} window: ${where}`);
        continue;
      }
      // Uncovered and unclipped: what is at the control's centre is the control.
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !el.contains(hit)) problems.push(`covered or clipped: ${where}`);
    }
    return problems;
  });
}

/** One screen at `moment`: unscrolled, nothing out of view, no axe violation; and its screenshot. */
async function expectOneScreen(page: Page, moment: string, file: string): Promise<void> {
  expect(await page.evaluate(() => window.scrollY), `${moment}: scrolled`).toBe(0);
  expect(
    await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
    `${moment}: the page is taller than the window`,
  ).toBeLessThanOrEqual(0);
  expect(await controlsOutOfView(page), moment).toEqual([]);
  await expectNoAxeViolations(page, `call position, ${moment}`);
  // Out of the way of the screenshot: the pointer's hover is not part of the layout.
  await page.mouse.move(0, 0);
  const path = process.env.UPDATE_SCREENSHOTS ? `docs/screenshots/${file}` : test.info().outputPath(file);
  await page.screenshot({ path });
}

async function midCall(call: CallPosition): Promise<void> {
  await call.answer();
  await call.press('calm:calm.acknowledge', 'z');
  await call.press('ask:case.address', '1');
  await call.press('ask:case.what-happened', '3');
  await call.press('ask:safety.weapon', 'q');
  await call.press('ask:safety.danger-to-others', 'w');
  await call.press('ask:safety.medical', 'e');
  await call.press('ask:clinical.substances', 'a');
  await call.note('Known caller, alone, short of breath, then calmer.');
  await call.note('Has a case manager at Alder County Behavioral Health.');
  await call.code('behavioral-health-other');
  await call.press('priority:3', 'Shift+3');
  // A unit on its way adds its Cancel button: the column that holds it must still fit.
  await call.press('dispatch:ems', 'Shift+e');
  await expect(call.page.locator('button[data-action="cancel:ems"]')).toBeVisible();
}

for (const size of SIZES) {
  const label = `${size.width}x${size.height}`;
  test(`at ${size.width}×${size.height} the whole call fits one unscrolled screen, ringing to handoff`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(size);
    const library = new LibraryPage(page);
    await library.open();
    await library.chooseProfile(CENTER);
    const call = await library.start(SCENARIO);

    await expect(call.status()).toHaveText(/ringing/);
    await expect(page.getByText('Press Space to answer')).toBeVisible();
    await expectOneScreen(page, `${label} ringing`, `call-ringing-${label}.png`);

    await midCall(call);
    await expectOneScreen(page, `${label} mid-call`, `call-mid-${label}.png`);

    await call.press('brief:embedded-clinician', 'Alt+c');
    await call.press('transfer:embedded-clinician', 'Shift+c');
    await expect(call.status()).toHaveText(/stay on the line/);
    await expect(page.locator('button[data-action="call:recall"]')).toBeVisible();
    await expectOneScreen(page, `${label} routing (handoff)`, `call-routing-${label}.png`);
  });
}

test('the call page opens unscrolled with the keyboard on the position, and says it is ringing', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const library = new LibraryPage(page);
  await library.open();
  await page.evaluate(() => window.scrollTo(0, 0));
  const call = await library.start(SCENARIO);
  await expect(page.locator('.position')).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const banner = page.locator('.line-state[data-phase="ringing"]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Incoming 911 call');
  await expect(banner).toContainText('Press Space to answer');
  await expectNoAxeViolations(page, 'ringing banner');
  await call.answer();
  await expect(banner).toHaveCount(0);
});

test('the ringing banner holds still when the trainee asks for reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const library = new LibraryPage(page);
  await library.open();
  await library.start(SCENARIO);
  const banner = page.locator('.line-state[data-phase="ringing"]');
  await expect(banner).toBeVisible();
  expect(await banner.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await banner.evaluate((el) => getComputedStyle(el).animationName)).not.toBe('none');
});

test('at a phone width the menu wraps inside its dark bar, and every page passes axe', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 375, height: 667 });
  const library = new LibraryPage(page);
  await library.open();
  const menu = page.getByRole('navigation', { name: 'Main' });
  const pages = ['Library', 'History', 'Progress', 'Refresher', 'Assessments', 'Trainees'];
  for (const name of pages) {
    await menu.getByRole('link', { name }).click();
    await expect(menu.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Light links on the page's light background read at 1.16:1: each must sit on the bar.
    const bar = await page.getByRole('banner').boundingBox();
    for (const link of await page.getByRole('banner').getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, `${name}: link past the window's edge`).toBeLessThanOrEqual(375);
      expect(box!.y + box!.height, `${name}: link below the bar`).toBeLessThanOrEqual(bar!.y + bar!.height);
    }
    await expectNoAxeViolations(page, `${name} at 375 px`);
  }
  await menu.getByRole('link', { name: 'Library' }).click();
  await library.start(SCENARIO);
  await expectNoAxeViolations(page, 'call position at 375 px');
});
