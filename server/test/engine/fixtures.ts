/** The team's public fixtures (../shared/fixtures beside the repository), with their independent answers. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const fixturesDir = process.env.RLAB_FIXTURES ?? fileURLToPath(new URL('../../../../shared/fixtures', import.meta.url));

export interface FixturePair {
  name: string;
  casePath: string;
  raw: unknown;
  ref: {
    recovered: boolean | null;
    objective: number;
    nearTie?: boolean;
    certificate: { nic: number | null };
    distance: number | null;
    testError: number | null;
    activeNeurons: number;
    allOnesPattern?: boolean;
  };
}

export function loadFixtures(): FixturePair[] {
  if (!existsSync(join(fixturesDir, 'cases'))) throw new Error(`fixtures not found at ${fixturesDir}: set RLAB_FIXTURES to the shared fixtures folder`);
  return readdirSync(join(fixturesDir, 'cases'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const casePath = join(fixturesDir, 'cases', f);
      return {
        name: f.replace(/\.json$/, ''),
        casePath,
        raw: JSON.parse(readFileSync(casePath, 'utf8')),
        ref: JSON.parse(readFileSync(join(fixturesDir, 'answers', f.replace(/\.json$/, '.ref.json')), 'utf8')),
      };
    });
}
