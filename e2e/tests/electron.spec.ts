/**
 * The Electron app itself, where the Electron binary exists (it is downloaded from GitHub on install, which
 * our machines cannot reach): skipped with the reason printed otherwise.
 */
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/server.ts';
import { checkPng } from '../support/files.ts';

const desktopDir = join(REPO_ROOT, 'desktop');

function electronBinary(): { path: string | null; reason: string } {
  try {
    const require = createRequire(join(desktopDir, 'package.json'));
    const p = require('electron') as unknown as string;
    if (typeof p === 'string' && existsSync(p)) return { path: p, reason: '' };
    return { path: null, reason: `the electron package points at ${String(p)}, which does not exist` };
  } catch (err) {
    return { path: null, reason: err instanceof Error ? err.message.split('\n')[0] ?? String(err) : String(err) };
  }
}

const binary = electronBinary();
if (!binary.path) console.log(`[electron] skipped: the Electron binary is not installed (${binary.reason}); the same suite runs against the web build in Chromium`);

test('the Electron window starts the server, shows the app and stops the server on quit', async () => {
  test.skip(!binary.path, `Electron binary absent: ${binary.reason}`);
  test.skip(!existsSync(join(desktopDir, 'dist/main/index.js')), 'desktop not built: pnpm --filter @rlab/desktop build');
  const app = await electron.launch({
    executablePath: binary.path as string,
    args: [desktopDir],
    env: { ...process.env, RLAB_DB: join(mkdtempSync(join(tmpdir(), 'rlab-electron-')), 'e2e.db') } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await expect(page.getByTestId('view-experiments')).toBeVisible({ timeout: 60_000 });
  // no Node in the page; only the preload's narrow API
  expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await page.evaluate(() => Object.keys((window as unknown as { rlab: object }).rlab).sort())).toEqual(['appVersion', 'connection', 'kind']);
  await page.getByTestId('nav-new').click();
  await expect(page.getByTestId('new-experiment-form')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('electron.png') });
  // a one-cell sweep, then its heat map exported as PNG and SVG under the CSP header the main process adds
  await page.getByTestId('f-name').fill('electron export');
  await page.getByTestId('f-n').fill('10');
  await page.getByTestId('f-d').fill('5');
  await page.getByTestId('f-trials').fill('1');
  await page.getByTestId('f-submit').click();
  await expect(page.getByTestId('experiment-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('heatmap')).toHaveAttribute('data-draw-ms', /\d/);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('heatmap-png').click()]);
  expect(checkPng(readFileSync((await png.path()) as string)).width).toBeGreaterThan(100);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('heatmap-svg').click()]);
  expect(readFileSync((await svg.path()) as string, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  await expect(page.getByTestId('heatmap').getByRole('alert')).toHaveCount(0);
  await app.close();
});
