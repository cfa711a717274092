/**
 * The README's picture of the noisy-vs-clean compare view, from a real database (a copy: the server may
 * write to it). Usage, from the repo root, after `pnpm --filter @rlab/desktop build`:
 *   node --import tsx/esm e2e/scripts/docs-screenshot.ts DB_FILE 'a=1,2&b=1,2&sa=0.1&sb=0&metric=approx&tol=0.2' docs/noisy-vs-clean-compare.png
 * Waits for every chart's `finished` draw (data-draw-ms), never for time.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { REPO_ROOT } from '../support/server.ts';

const [dbArg, query, outArg] = process.argv.slice(2);
if (!dbArg || !query || !outArg) {
  process.stderr.write('usage: docs-screenshot.ts DB_FILE COMPARE_QUERY OUT.png\n');
  process.exit(2);
}
const source = resolve(dbArg);
if (!existsSync(source)) {
  process.stderr.write(`docs-screenshot: no database at ${source}\n`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'rlab-docs-'));
const db = join(dir, 'copy.db');
copyFileSync(source, db);
const child = spawn(process.execPath, ['--import', 'tsx/esm', join(REPO_ROOT, 'server/src/cli/main.ts'), 'serve', '--port', '0', '--db', db], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await new Promise<string>((ok, fail) => {
    let buf = '';
    child.once('exit', (code) => fail(new Error(`rlab serve exited (${code})`)));
    child.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(buf);
      if (m) ok(m[1] as string);
    });
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${url}#/compare?${query}`);
  for (const id of ['compare-map-a', 'compare-map-b', 'compare-map-diff', 'compare-curves']) await page.locator(`[data-testid="${id}"][data-draw-ms]`).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: resolve(REPO_ROOT, outArg), fullPage: true });
  process.stdout.write(`wrote ${outArg}\n`);
  await browser.close();
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
