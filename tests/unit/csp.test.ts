// The Content-Security-Policy (scripts/csp.ts): what it allows, how its header and <meta> forms
// differ, and that the Vite plugin writes exactly one <meta> into a built page (and none in dev).
// The policy in a browser is checked by tests/e2e/csp.spec.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CSP_DIRECTIVES,
  CSP_HEADER,
  CSP_META,
  cspPlugin,
  injectCspHead,
  SECURITY_HEADERS,
  ZOD_JITLESS_SOURCE,
} from '../../scripts/csp';

/** A serialized policy as [directive, sources] pairs, in order. */
function parse(policy: string): [string, string[]][] {
  return policy.split(';').map((directive) => {
    const [name, ...sources] = directive.trim().split(/\s+/);
    return [name!, sources];
  });
}

const header = new Map(parse(CSP_HEADER));
const meta = new Map(parse(CSP_META));

/** <meta http-equiv="Content-Security-Policy"> tags in `html`, with their content unescaped. */
function cspMetas(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) =>
    m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&'),
  );
}

/** The first element inside <head>, as written. */
function firstInHead(html: string): string | undefined {
  return /<head(?:\s[^>]*)?>\s*(<[^>]+>)/i.exec(html)?.[1];
}

const SAMPLE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Sample</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body><div id="app"></div></body>
</html>
`;

describe('the policy', () => {
  it('allows scripts from the app origin only: no inline script, no eval', () => {
    for (const policy of [header, meta]) {
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      for (const [, sources] of policy) {
        expect(sources).not.toContain("'unsafe-eval'");
        expect(sources).not.toContain('*');
      }
    }
    // No directive lets inline script in by another name.
    expect([...header.keys()].filter((name) => /^script-src-(elem|attr)$/.test(name))).toEqual([]);
  });

  it('forbids inline styles, plugins, <base> and form submissions', () => {
    expect(header.get('style-src')).toEqual(["'self'"]);
    expect(CSP_HEADER).not.toContain("'unsafe-inline'");
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
  });

  it('names each directive once, and the header is the whole policy', () => {
    const names = parse(CSP_HEADER).map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(Object.keys(CSP_DIRECTIVES));
    expect(SECURITY_HEADERS).toEqual({
      'Content-Security-Policy': CSP_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('keeps frame-ancestors for the header and drops it from the <meta>, which may not carry it', () => {
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(meta.has('frame-ancestors')).toBe(false);
    // Everything else is the same in both.
    expect(new Map([...header].filter(([name]) => name !== 'frame-ancestors'))).toEqual(meta);
  });
});

describe('injectCspHead', () => {
  const out = injectCspHead(SAMPLE, '/assets/zod-jitless-x.js');

  it('puts exactly one policy <meta>, the <meta> form, first in <head>', () => {
    expect(cspMetas(out)).toEqual([CSP_META]);
    expect(firstInHead(out)).toMatch(/^<meta http-equiv="Content-Security-Policy"/);
  });

  it('loads the Zod script, deferred, ahead of the first script, and leaves the rest of the page alone', () => {
    const scripts = [...out.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([
      '<script defer src="/assets/zod-jitless-x.js">',
      '<script type="module" crossorigin src="/assets/index-abc.js">',
    ]);
    const removed = out
      .replace(/\n\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace(/<script defer src="\/assets\/zod-jitless-x.js"><\/script>\n\s*/, '');
    expect(removed).toBe(SAMPLE);
  });

  it('refuses a page that already has a policy <meta>, or has no <head>', () => {
    expect(() => injectCspHead(out, '/z.js')).toThrow(/already has a Content-Security-Policy/);
    const lowerCase = SAMPLE.replace('<head>', '<head><meta http-equiv=content-security-policy content="x">');
    expect(() => injectCspHead(lowerCase, '/z.js')).toThrow(/already has/);
    expect(() => injectCspHead('<html><body></body></html>', '/z.js')).toThrow(/no <head>/);
  });
});

describe('ZOD_JITLESS_SOURCE', () => {
  /** Runs ZOD_JITLESS_SOURCE (or not) and then Zod in a fresh Node, counting `Function` calls. */
  const functionCalls = (withScript: boolean) =>
    Number(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `${withScript ? ZOD_JITLESS_SOURCE : ''}
          let calls = 0;
          const Real = Function;
          globalThis.Function = new Proxy(Real, {
            apply: (t, self, args) => (calls++, Reflect.apply(t, self, args)),
            construct: (t, args) => (calls++, Reflect.construct(t, args)),
          });
          const { z } = await import('zod');
          const schema = z.object({ id: z.string(), n: z.number() });
          for (let i = 0; i < 3; i++) schema.parse({ id: 'a', n: i });
          globalThis.Function = Real;
          process.stdout.write(String(calls));`,
        ],
        { cwd: new URL('../..', import.meta.url), encoding: 'utf8' },
      ),
    );

  it('stops Zod from probing for (and using) new Function, which the policy forbids', () => {
    expect(functionCalls(false)).toBeGreaterThan(0);
    expect(functionCalls(true)).toBe(0);
  });
});

describe('cspPlugin in Vite', () => {
  const root = mkdtempSync(join(tmpdir(), 'csp-plugin-'));
  writeFileSync(join(root, 'index.html'), SAMPLE.replace('/assets/index-abc.js', '/main.js'));
  writeFileSync(join(root, 'main.js'), "document.getElementById('app').textContent = 'ok';\n");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes one policy <meta> first in the built index.html, and ships the Zod script', async () => {
    const outDir = join(root, 'dist');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [cspPlugin()],
      build: { outDir, emptyOutDir: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(cspMetas(html)).toEqual([CSP_META]);
    expect(firstInHead(html)).toMatch(/^<meta http-equiv="Content-Security-Policy"/);

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    // Every script is a file: nothing inline, and the Zod script runs before the entry module.
    expect(scripts.map(([, , body]) => body)).toEqual(['', '']);
    const srcs = scripts.map(([, attributes]) => /\ssrc="([^"]+)"/.exec(attributes!)?.[1]);
    expect(srcs[0]).toMatch(/^\/assets\/zod-jitless-[0-9a-f]{10}\.js$/);
    expect(scripts[0]![1]).toMatch(/\sdefer\b/);
    expect(srcs[1]).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    expect(readFileSync(join(outDir, srcs[0]!), 'utf8')).toBe(ZOD_JITLESS_SOURCE);
    expect(readdirSync(join(outDir, 'assets')).filter((f) => f.startsWith('zod-jitless-'))).toHaveLength(1);
  });

  it('leaves the dev server alone: no policy there', async () => {
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [cspPlugin()],
      server: { middlewareMode: true, hmr: false, ws: false },
    });
    try {
      const html = await server.transformIndexHtml(
        '/index.html',
        readFileSync(join(root, 'index.html'), 'utf8'),
      );
      expect(html).toContain('/main.js');
      expect(cspMetas(html)).toEqual([]);
      expect(html).not.toContain('zod-jitless');
    } finally {
      await server.close();
    }
  });
});
