import { expect, type Locator, type Page } from '@playwright/test';

/** The app as a trainee sees it: role-based locators and intent-named steps. */
export class LibraryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openApp(this.page);
    await expect(this.page.getByRole('heading', { name: 'Scenario library' })).toBeVisible();
  }

  /** Back to the Library through the menu, without reloading (trainer mode lasts until a reload). */
  async show(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await expect(this.page.getByRole('heading', { name: 'Scenario library' })).toBeVisible();
  }

  async chooseProfile(name: string): Promise<void> {
    await this.page.getByLabel('Center profile').selectOption({ label: name });
  }

  async chooseCallTime(label: string): Promise<void> {
    await this.page.getByLabel('Call time').selectOption({ label });
  }

  row(scenarioId: string): Locator {
    return this.page.locator(`tr[data-scenario-id="${scenarioId}"]`);
  }

  /**
   * Start a scenario. With a call still open the app asks first (resume it, or discard it and start
   * this one): `discardOpen` answers "discard"; without it, the warning fails the start.
   */
  async start(scenarioId: string, options: { discardOpen?: boolean } = {}): Promise<CallPosition> {
    await this.row(scenarioId)
      .getByRole('button', { name: /^Start/ })
      .click();
    if (options.discardOpen) {
      const warning = this.page.getByRole('dialog', { name: 'You have a call in progress' });
      const position = this.page.getByRole('heading', { name: 'Call-taking position' });
      await warning.or(position).first().waitFor({ state: 'attached' });
      if ((await warning.count()) > 0) {
        await warning.getByRole('button', { name: 'Discard it and start this one' }).click();
      }
    }
    const call = new CallPosition(this.page);
    await call.waitUntilOpen();
    return call;
  }
}

export class CallPosition {
  constructor(readonly page: Page) {}

  status(): Locator {
    return this.page.locator('.callbar [role="status"]');
  }

  transcript(): Locator {
    return this.page.locator('.transcript ol > li');
  }

  callerLines(): Locator {
    return this.page.locator('.transcript li.caller .text');
  }

  /** The caller line at `index` is shown in words, its clip marked unavailable. */
  async expectCaptionOnly(index = 0): Promise<void> {
    const line = this.page.locator('.transcript li.caller').nth(index);
    await expect(line.locator('.badge', { hasText: 'audio unavailable' })).toBeVisible();
    await expect(line.locator('.text')).not.toBeEmpty();
  }

  async waitUntilOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Call-taking position' })).toBeAttached();
  }

  /** Press a shortcut the way a call-taker does: on the position, not on a focused button. */
  async key(shortcut: string): Promise<void> {
    await this.page.keyboard.press(shortcut);
  }

  async answer(): Promise<void> {
    await this.key('Space');
    await expect(this.status()).toHaveText('Connected');
  }

  /** A shortcut whose button must be enabled, so a typo in a test fails loudly. */
  async press(actionId: string, shortcut: string): Promise<void> {
    await expect(this.page.locator(`button[data-action="${actionId}"]`).first()).toBeEnabled();
    await this.key(shortcut);
  }

  /** The call-type box (a combobox): J focuses it, typing filters the list, Enter records. */
  callType(): Locator {
    return this.page.getByRole('combobox', { name: /Call type/ });
  }

  /** The list of call types matching what is typed; its highlighted option is the selected one. */
  callTypeList(): Locator {
    return this.page.getByRole('listbox', { name: 'Matching call types' });
  }

  /** Code the call: J, type the code to find it, Enter to record it, Escape back to the position. */
  async code(callType: string): Promise<void> {
    await this.key('j');
    await expect(this.callType()).toBeFocused();
    await this.page.keyboard.type(callType);
    await expect(this.callTypeList().getByRole('option', { selected: true })).toContainText(callType);
    await this.key('Enter');
    await expect(this.callType()).toHaveAttribute('aria-expanded', 'false');
    await this.key('Escape');
  }

  async note(text: string): Promise<void> {
    await this.key('n');
    await expect(this.page.getByLabel(/^Notes/)).toBeFocused();
    await this.page.keyboard.type(text);
    await this.key('Enter');
    await this.key('Escape');
  }
}

/** The Trainees page: profiles, switching between them. */
export class TraineesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Trainees' })).toBeVisible();
  }

  topBar(): Locator {
    return this.page.getByRole('banner').getByRole('link', { name: /^Trainee: / });
  }

  rows(): Locator {
    return this.page.getByRole('region', { name: 'Profiles on this browser' }).locator('tbody tr');
  }

  async create(name: string, pin?: string): Promise<void> {
    const form = this.page.getByRole('region', { name: 'New trainee profile' });
    await form.getByLabel('Name').fill(name);
    if (pin) {
      await form.getByLabel(/^PIN/).fill(pin);
      await form.getByLabel('Type the PIN again').fill(pin);
    }
    await form.getByRole('button', { name: 'Create profile' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Created ${name}.` })).toBeVisible();
  }

  async switchTo(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Switch to ${name}` }).click();
    await expect(this.topBar()).toHaveText(`Trainee: ${name}`);
  }
}

export class DebriefPage {
  constructor(readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: /^Debrief:/ })).toBeVisible();
  }

  total(): Locator {
    return this.page.locator('.score .total');
  }

  level(): Locator {
    return this.page.locator('.score .level');
  }
}

/** The trainer PIN tests set at the first start. Test data, not a real PIN. */
export const TEST_TRAINER_PIN = '9753';

/** The name the first visit's question is answered with: the name the first profile had before it was asked. */
export const FIRST_TRAINEE = 'Trainee 1';

/**
 * Opens the app at `path` and waits for it to start. On a browser's first start the app asks for
 * the trainer PIN before anything else: this sets it up (TEST_TRAINER_PIN, typed twice) as the
 * academy would when installing the station. Then, on a first visit, it asks who is training: this
 * answers FIRST_TRAINEE and skips the guided call, and goes on to the page asked for.
 */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  if ((await page.locator('main[data-setup="true"]').count()) > 0) {
    const setup = page.getByRole('region', { name: 'Set up this computer' });
    await setup.getByLabel('Trainer PIN (4 to 12 digits)').fill(TEST_TRAINER_PIN);
    await setup.getByLabel('Type the PIN again').fill(TEST_TRAINER_PIN);
    await setup.getByRole('button', { name: 'Set the trainer PIN' }).click();
    await expect(page.locator('main[data-setup="false"]')).toBeVisible();
  }
  if ((await page.locator('main[data-who="true"]').count()) > 0) {
    const who = page.getByRole('region', { name: 'Who is training?' });
    await who.getByLabel('Your name').fill(FIRST_TRAINEE);
    await who.getByRole('button', { name: /^(Skip the guided call|Start training)$/ }).click();
    await expect(page.locator('main[data-who="false"]')).toBeVisible();
  }
}

/**
 * Turn on trainer mode the way a trainer does: Trainees page → Trainer mode, with the trainer PIN.
 * Leaves the page on Trainees; trainer mode lasts until a reload, so go on through the menu
 * (LibraryPage.show), not page.goto.
 */
export async function turnOnTrainerMode(page: Page, pin = TEST_TRAINER_PIN): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
  const trainer = page.getByRole('region', { name: 'Trainer mode' });
  await trainer.getByLabel('Trainer PIN', { exact: true }).fill(pin);
  await trainer.getByRole('button', { name: 'Turn on trainer mode' }).click();
  await expect(trainer.getByText('Trainer mode is on.')).toBeVisible();
}
