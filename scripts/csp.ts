import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The app's Content-Security-Policy, said once: `vite preview` (and so `npm start` and the e2e
 * tests) sends CSP_HEADER, and the build writes CSP_META into index.html, so the app is protected
 * on any static host too. The dev server sends neither: Vite's dev client and Svelte's HMR inject
 * inline <style> elements that this policy forbids.
 *
 * Only 'self' and 'none' unless a source below says why:
 * - scripts: the built index.html loads only module files (Vite puts its modulepreload polyfill in
 *   the entry chunk, not inline), so no 'unsafe-inline'; nothing needs eval, so no 'unsafe-eval'
 *   (Zod only probes for it: see ZOD_JITLESS_SOURCE);
 * - styles: components use no `style="…"` attributes or `style:` directives, and Vite extracts
 *   component CSS to files, so inline styles stay forbidden;
 * - img-src data: index.html's `<link rel="icon" href="data:,">` (it stops the browser asking for
 *   /favicon.ico);
 * - media-src data: howler runs in Web Audio mode (`html5: false`): clips come by XHR (connect-src)
 *   and are decoded by the AudioContext, which CSP does not govern. Where a browser has no Web Audio,
 *   howler falls back to <audio> elements (media-src 'self') and, when it unloads one, sets its src
 *   to a silent `data:audio/wav` URI to stop the download. Nothing uses blob: media (the app's blob
 *   URLs are file downloads, which media-src does not cover), so blob: is not allowed.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  // Browsers ignore this one in a <meta> policy (and warn): it is sent as a header only.
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

export type CspDirective = keyof typeof CSP_DIRECTIVES;

/** Directives a <meta http-equiv> policy may not carry (CSP3, "The <meta> element"). */
const HEADER_ONLY: readonly CspDirective[] = ['frame-ancestors'];

export function serializePolicy(directives: Partial<Record<CspDirective, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...(sources ?? [])].join(' '))
    .join('; ');
}

/** The whole policy, for the Content-Security-Policy response header. */
export const CSP_HEADER = serializePolicy(CSP_DIRECTIVES);

/** The policy without the header-only directives, for the <meta> tag in the built index.html. */
export const CSP_META = serializePolicy(
  Object.fromEntries(
    Object.entries(CSP_DIRECTIVES).filter(([name]) => !HEADER_ONLY.includes(name as CspDirective)),
  ),
);

/** Other security headers `vite preview` sends with the policy. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const CSP_META_TAG = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(CSP_META)}" />`;

/**
 * Zod compiles object parsers with `new Function` where it can, and finds out whether it can by
 * trying a `new Function("")` in a try/catch when each object schema is made. Under this policy
 * (no 'unsafe-eval') the try fails and Zod falls back to its interpreter, but the browser still
 * reports a violation, twice (header and <meta>). `jitless` skips the probe; it must be set before
 * the first schema exists, and the app's schemas are module-level constants in a chunk the entry
 * imports, so nothing in the bundle runs early enough. This classic script does, loaded `defer`
 * ahead of the entry module (deferred classic and module scripts run in document order): Zod adopts
 * a `globalThis.__zod_globalConfig` that exists before it loads (zod/v4/core/core.js; Zod's
 * global-config tests keep that behaviour).
 */
export const ZOD_JITLESS_SOURCE = '(globalThis.__zod_globalConfig ??= {}).jitless = true;\n';

/**
 * `html` with CSP_META_TAG as the first child of <head>, so the policy holds before anything in
 * the page loads, and the deferred script at `jitlessSrc` (ZOD_JITLESS_SOURCE) ahead of the first
 * script. Throws when there is no <head>, or when the page already has a CSP <meta> (two policies
 * would both be enforced, and this file would no longer be the one place that says it).
 */
export function injectCspHead(html: string, jitlessSrc: string): string {
  if (/<meta[^>]+http-equiv\s*=\s*["']?content-security-policy/i.test(html)) {
    throw new Error('index.html already has a Content-Security-Policy <meta>; scripts/csp.ts adds it');
  }
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('index.html has no <head> for the Content-Security-Policy <meta>');
  const at = head.index + head[0].length;
  const withMeta = `${html.slice(0, at)}\n    ${CSP_META_TAG}${html.slice(at)}`;
  // Ahead of the page's first script (Vite's entry), else at the end of <head>.
  const script = `<script defer src="${escapeAttribute(jitlessSrc)}"></script>\n    `;
  const before = withMeta.search(/<script\b|<\/head>/i);
  if (before < 0) throw new Error('index.html has no </head>');
  return `${withMeta.slice(0, before)}${script}${withMeta.slice(before)}`;
}

/**
 * Writes the policy's <meta> (and the Zod script above) into the built index.html. Build only: the
 * dev server sends no policy, as Vite's dev client and Svelte's HMR need inline styles.
 */
export function cspPlugin(): Plugin {
  let jitlessFile = '';
  let base = '/';
  return {
    name: 'dispatch-trainer-csp',
    apply: 'build',
    configResolved(config) {
      base = config.base;
      const hash = createHash('sha256').update(ZOD_JITLESS_SOURCE).digest('hex').slice(0, 10);
      jitlessFile = `${config.build.assetsDir}/zod-jitless-${hash}.js`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: jitlessFile, source: ZOD_JITLESS_SOURCE });
    },
    transformIndexHtml: {
      // After Vite has added its own tags, so nothing lands in front of the policy.
      order: 'post',
      handler: (html) => injectCspHead(html, `${base}${jitlessFile}`),
    },
  };
}
