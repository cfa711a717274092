/**
 * rlab backends [--json]: every training backend, available or not and why (engine/train/backends.ts).
 */
import type { Command } from 'commander';
import { probeBackends, resolveBackendName } from '../../engine/train/index.ts';

export function registerBackends(program: Command): void {
  program
    .command('backends')
    .description('list the training backends (wasm, cpu, tensorflow, webgpu): available or not, and why')
    .option('--json', 'print JSON instead of a table')
    .action(async (f: { json?: boolean }) => {
      const list = await probeBackends();
      let chosen: string;
      try {
        chosen = resolveBackendName(undefined);
      } catch (err) {
        chosen = `invalid (${(err as Error).message})`;
      }
      if (f.json) {
        process.stdout.write(JSON.stringify({ selected: chosen, backends: list }) + '\n');
        return;
      }
      for (const b of list) process.stdout.write(`${b.name.padEnd(11)}${(b.available ? 'available' : 'unavailable').padEnd(13)}${b.detail}\n`);
      process.stdout.write(`selected: ${chosen} (--backend NAME or RLAB_BACKEND=NAME to change)\n`);
    });
}
