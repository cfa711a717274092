/**
 * End-to-end tests against the real server on a temporary database:
 * - `web`: the renderer as a web page in Debian's Chromium (/usr/bin/chromium; never `playwright install`);
 * - `electron`: the same app through `_electron.launch`, skipped with its reason where the Electron binary is absent.
 */
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.RLAB_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testMatch: /web\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
