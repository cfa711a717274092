/**
 * Measures noisy-label against clean recovery through the server (issue 11 "done when") and writes the
 * numbers as JSON (default docs/noisy-vs-clean.json):
 *   node --import tsx/esm server/scripts/noisy-vs-clean.ts [--out FILE] [--db FILE] [--trials 6] [--beta 0.01] [--tolerances 0.1,0.2,0.5] [--workers 2] [--tiny]
 * The database is a fresh temporary SQLite file (kept when --db names a new file, e.g. to browse the
 * experiments with `rlab serve --db FILE`); the runs go through createExperiment and the job system.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNoisyVsClean } from '../src/reproduce/noisy.ts';

const args = process.argv.slice(2);
const flag = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};
const tiny = args.includes('--tiny');
const out = flag('out', new URL('../../docs/noisy-vs-clean.json', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'rlab-noisy-'));
const keepDb = args.includes('--db') ? flag('db', '') : null;
if (keepDb !== null && (keepDb === '' || existsSync(keepDb))) {
  process.stderr.write(`--db needs the path of a file that does not exist yet (got ${JSON.stringify(keepDb)})\n`);
  process.exit(2);
}
try {
  const summary = await runNoisyVsClean({
    dbFile: keepDb ?? join(dir, 'noisy.db'),
    d: tiny ? [5] : [10, 20],
    ratios: tiny ? [1, 2, 4] : [1, 1.5, 2, 2.5, 3, 4, 6, 8],
    sigma: tiny ? [0, 0.1] : [0, 0.05, 0.1, 0.2],
    trials: Number(flag('trials', tiny ? '2' : '6')),
    betas: [Number(flag('beta', '0.01'))],
    tolerances: flag('tolerances', '0.1,0.2,0.5').split(',').map(Number),
    aboveRatio: tiny ? 4 : 4,
    workers: Number(flag('workers', '2')),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  writeFileSync(out, JSON.stringify(summary, null, 1) + '\n');
  process.stderr.write(`wrote ${out}: ${summary.runs} runs in ${summary.seconds.toFixed(0)} s\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
