#!/usr/bin/env node
// Checks a report written by `rlab reproduce` (issue 7): every figure is present as inline SVG, no
// scripts, and the thresholds lie where the issue says (one ReLU neuron: 50% crossing between 2 d and
// 3 d; skip/linear: between 1.5 d and 2.5 d). Usage: node scripts/check-report.mjs REPORT_DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/check-report.mjs REPORT_DIR');
  process.exit(2);
}
const html = readFileSync(join(dir, 'report.html'), 'utf8');
const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
const problems = [];
const figures = [...html.matchAll(/<figure id="([^"]+)"><svg/g)].map((m) => m[1]);
if (figures.length < 10) problems.push(`only ${figures.length} figures with inline SVG`);
if (/<script/.test(html)) problems.push('the report contains a script');
for (const id of ['fig-recovery-vs-ratio', 'fig-phase-relu-plain-exact', 'fig-noise-distance', 'fig-train-gap']) if (!figures.includes(id)) problems.push(`figure ${id} is missing`);
const check = (key, lo, hi) => {
  const t = summary.thresholds?.[key];
  if (!t || typeof t.c !== 'number') problems.push(`no threshold for ${key}`);
  else if (!(t.c >= lo && t.c <= hi)) problems.push(`${key}: threshold ${t.c.toFixed(2)} d outside [${lo}, ${hi}]`);
  else console.log(`${key}: 50% at n = ${t.c.toFixed(2)} d (allowed ${lo}..${hi})`);
};
check('relu-plain-exact', 2, 3);
check('linear-skip-relaxed', 1.5, 2.5);
console.log(`${figures.length} figures`);
if (problems.length) {
  console.error('report check failed:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log('report check ok: figures and thresholds as issue 7 asks');
