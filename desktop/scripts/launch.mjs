// `pnpm desktop`: opens the Electron window when the Electron binary is installed; otherwise says why not
// and how to use the same app in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
let binary = null;
let reason = null;
try {
  binary = require('electron'); // the package's index returns the binary's path, or throws when it is absent
} catch (err) {
  binary = null;
  reason = err instanceof Error ? err.message : String(err);
}
if (!binary || !existsSync(binary)) {
  console.error(`Recovery Lab: the Electron binary is not installed (${reason ?? 'electron/path.txt missing'}).`);
  console.error('It is downloaded from GitHub by the electron package; machines without that download cannot open the window.');
  console.error('The same app runs in a browser: `pnpm rlab serve` and open the address it prints.');
  process.exit(1);
}
if (!existsSync(new URL('../dist/main/index.js', import.meta.url))) {
  console.error('Recovery Lab: build first: pnpm --filter @rlab/desktop build');
  process.exit(1);
}
const child = spawn(binary, [here], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
