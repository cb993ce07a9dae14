// The built app under its Content-Security-Policy (scripts/csp.ts): the policy is served as a header
// and written into index.html, the app runs a call under it without a single violation, and script
// injected into the page does not run.
import { expect, test, type Page } from '@playwright/test';
import { CSP_HEADER, CSP_META } from '../../scripts/csp';
import { LibraryPage, openApp } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';

interface Violation {
  directive: string;
  blockedURI: string;
  disposition: string;
}

/** What these tests keep on the page's window (a local type: no global augmentation). */
type Probed = Window & {
  __cspViolations?: Violation[];
  __inlineRan?: boolean;
  __onerrorRan?: boolean;
};

/** Every `securitypolicyviolation` the page sees, from before its first script runs. */
async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as Probed).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        disposition: event.disposition,
      });
    });
  });
  return () => page.evaluate(() => (window as Probed).__cspViolations ?? []);
}

/** Errors the page logs or throws; the browser logs each CSP refusal as a console error too. */
function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** The directives of a serialized policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...sources]) => [name!, sources]),
  );
}

test('the served index carries the policy as a header and as the first <meta> of <head>', async ({
  page,
  request,
}) => {
  const response = await request.get('/');
  expect(response.ok()).toBe(true);
  const headers = response.headers();
  expect(headers['content-security-policy']).toBe(CSP_HEADER);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const header = directives(headers['content-security-policy']!);
  expect(header.get('script-src')).toEqual(["'self'"]);
  expect(header.get('frame-ancestors')).toEqual(["'none'"]);

  const html = await response.text();
  expect(html.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(1);
  // No inline script in the build: every <script> loads a file.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, body] of scripts) {
    expect(attributes).toMatch(/\ssrc="\/assets\/[^"]+\.js"/);
    expect(body!.trim()).toBe('');
  }

  await openApp(page);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();
  const first = await page.evaluate(() => {
    const meta = document.head.firstElementChild;
    return { httpEquiv: meta?.getAttribute('http-equiv'), content: meta?.getAttribute('content') };
  });
  expect(first).toEqual({ httpEquiv: 'Content-Security-Policy', content: CSP_META });
  const meta = directives(first.content!);
  expect(meta.has('frame-ancestors')).toBe(false);
  expect(meta.get('script-src')).toEqual(["'self'"]);
});

test('the library loads and a practice call plays its caller under the policy without a violation', async ({
  page,
}) => {
  const violations = await recordViolations(page);
  const errors = recordErrors(page);

  const library = new LibraryPage(page);
  await library.open();
  await expect(page.locator('tbody tr[data-scenario-id]').first()).toBeVisible();
  const call = await library.start(SCENARIO);
  await expect(call.status()).toHaveText(/ringing/);
  await call.answer();
  // The caller's first clip is fetched and played by howler (not shown as caption-only).
  await expect(page.locator('.transcript .badge.playing')).toBeVisible();
  await expect(call.callerLines().first()).not.toBeEmpty();
  await expect(page.locator('.transcript li.caller .badge', { hasText: 'audio unavailable' })).toHaveCount(0);
  // Let the clip finish, so whatever it loads or plays late is in the record too.
  await expect(page.locator('.transcript .badge.playing')).toHaveCount(0, { timeout: 30_000 });

  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test('a script injected into the page does not run and is reported', async ({ page }) => {
  const violations = await recordViolations(page);
  await new LibraryPage(page).open();

  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
  });
  await expect
    .poll(violations)
    .toContainEqual({ directive: 'script-src-elem', blockedURI: 'inline', disposition: 'enforce' });
  expect(await page.evaluate(() => (window as Probed).__inlineRan)).toBeUndefined();
});

test('an inline event handler in injected markup does not run and is reported', async ({ page }) => {
  const violations = await recordViolations(page);
  await new LibraryPage(page).open();

  // The image fails to decode, so its error event fires; a listener added from script (allowed)
  // says when, and the inline handler (forbidden) must not have run by then.
  const fired = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        document.body.insertAdjacentHTML(
          'beforeend',
          '<img id="csp-probe" alt="" src="x" onerror="window.__onerrorRan = true">',
        );
        const img = document.getElementById('csp-probe')!;
        img.addEventListener('error', () => setTimeout(() => resolve(true), 0));
        setTimeout(() => resolve(false), 5_000);
      }),
  );
  expect(fired).toBe(true);
  expect(await page.evaluate(() => (window as Probed).__onerrorRan)).toBeUndefined();
  await expect
    .poll(violations)
    .toContainEqual({ directive: 'script-src-attr', blockedURI: 'inline', disposition: 'enforce' });
});
