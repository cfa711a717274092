/**
 * `rlab serve` defaults and the desktop web build at /.
 */
import { afterAll, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, tempDir, type TestServer } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

it('uses $XDG_DATA_HOME/recovery-lab/rlab.db by default and a new token per launch', async () => {
  const a: TestServer = await startServe({ defaultDb: true });
  cleanups.push(() => a.cleanup(), () => a.stop());
  expect(existsSync(a.dbFile)).toBe(true);
  const b: TestServer = await startServe({ defaultDb: true, dir: tempDir() });
  cleanups.push(() => b.cleanup(), () => b.stop());
  expect(a.token).not.toBe(b.token);
  expect(a.base).not.toBe(b.base);
});

it('serves the web build with the token, falling back to index.html for app routes', async () => {
  const dir = tempDir();
  const web = join(dir, 'renderer');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title><div id="app"></div>');
  writeFileSync(join(web, 'assets', 'main.js'), 'console.log(1)');
  const s = await startServe({ dir, staticDir: web });
  cleanups.push(() => s.cleanup(), () => s.stop());
  const base = s.base;
  expect((await fetch(`${base}/assets/main.js`)).status).toBe(401);
  const page = await fetch(`${base}/?token=${s.token}`);
  expect(await page.text()).toContain('id="app"');
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const asset = await fetch(`${base}/assets/main.js`, { headers: { cookie } });
  expect(asset.status).toBe(200);
  expect(await asset.text()).toBe('console.log(1)');
  expect(await (await fetch(`${base}/experiments/3`, { headers: { cookie } })).text()).toContain('id="app"');
});
