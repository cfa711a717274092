/**
 * rlab as a process: fixtures as JSON lines, generated instances, case export round trip, sweeps and
 * their files, and bad input (exit code 2, a message naming the field, the value and what is allowed).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturesDir } from './fixtures.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const main = join(root, 'server/src/cli/main.ts');

function rlab(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx/esm', main, ...args], { cwd: join(root, 'server'), encoding: 'utf8', input, timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('rlab solve', () => {
  it('solves a directory of case files in one process, one JSON line per case', () => {
    const r = rlab(['solve', '--case', join(fixturesDir, 'cases')]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(18);
    for (const o of lines) {
      for (const k of ['name', 'recovered', 'objective', 'distance', 'testError', 'activeNeurons', 'patterns', 'iterations', 'timeMs', 'neurons', 'skip', 'certificate']) expect(o).toHaveProperty(k);
    }
  });

  it('solves a directory on worker threads beside its own (--workers 2) with the same lines, in input order, as on one thread', () => {
    const one = rlab(['solve', '--case', join(fixturesDir, 'cases'), '--workers', '1']);
    const two = rlab(['solve', '--case', join(fixturesDir, 'cases'), '--workers', '2']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const strip = (out: string) => out.trim().split('\n').map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      delete o.timeMs;
      return JSON.stringify(o);
    });
    const a = strip(one.out), b = strip(two.out);
    expect(a.length).toBe(18);
    expect(b).toEqual(a);
    const bad = rlab(['solve', '--case', join(fixturesDir, 'cases'), '--workers', '0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--workers 0 is too small; it must be >= 1/);
  });

  it('generates and solves one instance, and round-trips it through a case file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-cli-'));
    const a = rlab(['solve', '--arch', 'plain', '--program', 'exact', '--n', '40', '--d', '10', '--seed', '3']);
    expect(a.code).toBe(0);
    const ra = JSON.parse(a.out);
    expect(ra.spec).toMatchObject({ n: 40, d: 10, seed: 3, architecture: 'plain' });
    const file = join(dir, 'case.json');
    expect(rlab(['export-case', '--arch', 'plain', '--program', 'exact', '--n', '40', '--d', '10', '--seed', '3', '--out', file]).code).toBe(0);
    const b = rlab(['solve', '--case', file]);
    expect(b.code).toBe(0);
    const rb = JSON.parse(b.out);
    expect(rb.recovered).toBe(ra.recovered);
    expect(rb.objective).toBeCloseTo(ra.objective, 9);
    expect(rb.patterns).toBe(ra.patterns);
  });
});

describe('the installed command', () => {
  it('server/package.json bin (bin/rlab.js) runs rlab', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'server/package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = join(root, 'server', pkg.bin.rlab!);
    expect(existsSync(bin)).toBe(true);
    const r = spawnSync(process.execPath, [bin, 'solve', '--arch', 'plain', '--program', 'relaxed', '--n', '20', '--d', '5', '--seed', '1'], { cwd: join(root, 'server'), encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).spec).toMatchObject({ n: 20, d: 5, seed: 1 });
  });
});

describe('rlab sweep', () => {
  it('writes cells.csv, runs.jsonl and phase.svg', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-sweep-'));
    const r = rlab(['sweep', '--arch', 'skip', '--program', 'relaxed,exact', '--n', '10:10:40', '--d', '10', '--trials', '2', '--sigma', '0,0.1', '--out', dir, '--db', join(dir, 'rlab.db'), '--no-progress']);
    expect(r.code, r.err).toBe(0);
    const csv = readFileSync(join(dir, 'cells.csv'), 'utf8').trim().split('\n');
    const header = csv[0]!.split(',');
    for (const col of ['architecture', 'program', 'n', 'd', 'sigma', 'trials', 'recovered', 'p_recovered', 'certified', 'p_certified', 'mean_distance', 'mean_test_error']) expect(header).toContain(col);
    expect(csv.length).toBe(1 + 2 * 4 * 2);
    // two experiments (one per combination) stored in the database
    expect(r.err).toMatch(/stored as experiments 1, 2 in /);
    const runs = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(runs.length).toBe(2 * 4 * 2 * 2);
    expect(runs[0].spec).toMatchObject({ architecture: 'skip', program: 'relaxed' });
    expect(runs[runs.length - 1].spec).toMatchObject({ architecture: 'skip', program: 'exact' });
    // one phase diagram per architecture/program, phase.svg the first
    expect(existsSync(join(dir, 'phase-skip-relaxed.svg'))).toBe(true);
    expect(existsSync(join(dir, 'phase-skip-exact.svg'))).toBe(true);
    const svg = readFileSync(join(dir, 'phase.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('P = 0.5');
  });
});

describe('bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-bad-'));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const good = JSON.parse(readFileSync(join(fixturesDir, 'cases', 'plain-relaxed-relu-n40-d10-success.json'), 'utf8'));

  const cases: [string, string[], RegExp][] = [
    ['malformed JSON', ['solve', '--case', write('bad.json', '{"format": ')], /not valid JSON/],
    ['wrong format tag', ['solve', '--case', write('fmt.json', JSON.stringify({ ...good, format: 'other' }))], /field "format"/],
    ['unknown architecture in a case', ['solve', '--case', write('arch.json', JSON.stringify({ ...good, architecture: 'transformer' }))], /field "architecture" = "transformer".*plain.*skip.*normalized/s],
    ['ragged X', ['solve', '--case', write('rag.json', JSON.stringify({ ...good, X: [[1, 2], [3]], y: [1, 2], patterns: undefined }))], /field "X.1" has 1 numbers; every row must have d = 2/],
    ['y of the wrong length', ['solve', '--case', write('y.json', JSON.stringify({ ...good, y: good.y.slice(1) }))], /field "y" has 39 labels; it must have one per row of X \(n = 40\)/],
    ['NaN in X', ['solve', '--case', write('nan.json', JSON.stringify({ ...good, X: [[1, 'NaN'], [2, 3]], y: [1, 2], patterns: undefined }))], /field "X.0.1" = "NaN"/],
    // JSON has no Infinity, but 1e999 parses to it
    ['Infinity in X (1e999)', ['solve', '--case', write('inf.json', JSON.stringify({ ...good, X: [[1, 2], [2, 3]], y: [1, 2], patterns: undefined }).replace('[[1,2]', '[[1,1e999]'))], /field "X.0.1" = Infinity: must be a finite number \(NaN and Infinity are not allowed\)/],
    ['a mask entry other than 0 or 1', ['solve', '--case', write('mask2.json', JSON.stringify({ ...good, patterns: [good.patterns[0].map((v: number, i: number) => (i === 3 ? 2 : v))] }))], /field "patterns.0.3" = 2: Invalid option: expected one of 0\|1/],
    ['mask of the wrong length', ['solve', '--case', write('mask.json', JSON.stringify({ ...good, patterns: [[1, 0]] }))], /field "patterns.0" has 2 entries/],
    ['n <= 0', ['solve', '--arch', 'plain', '--n', '0', '--d', '5'], /--n 0 is too small; it must be >= 1/],
    ['NaN flag', ['solve', '--arch', 'plain', '--n', 'NaN', '--d', '5'], /--n "NaN" is not a finite number/],
    ['unknown architecture flag', ['solve', '--arch', 'resnet', '--n', '10', '--d', '5'], /--arch "resnet" is not allowed; allowed: plain, skip, normalized/],
    ['linear planted without skip', ['solve', '--arch', 'plain', '--planted', 'linear', '--n', '10', '--d', '5'], /--planted linear needs --arch skip/],
    ['huge grid', ['sweep', '--arch', 'plain', '--n', '10:1:5000', '--d', '10:1:500', '--trials', '10', '--out', join(dir, 'huge')], /the grid has \d+ runs .* at most 100000/],
    ['bad range', ['sweep', '--arch', 'plain', '--n', '10:0:50', '--d', '10', '--trials', '1', '--out', join(dir, 'r')], /--n: the step of "10:0:50" must be positive/],
    ['missing case file', ['solve', '--case', join(dir, 'nope.json')], /no such file/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = rlab(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  }
  it('a bad file among good ones fails before any output', () => {
    const r = rlab(['solve', '--case', join(fixturesDir, 'cases', 'plain-relaxed-relu-n40-d10-success.json'), join(dir, 'nan.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(existsSync(join(dir, 'huge'))).toBe(false);
  });
});
