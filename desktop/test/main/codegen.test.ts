import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateTypes, OUT_PATH, SDL_PATH } from '../../scripts/codegen.ts';

describe('generated GraphQL types', () => {
  it('match the SDL (run `pnpm --filter @rlab/desktop codegen` after changing the schema)', () => {
    expect(readFileSync(OUT_PATH, 'utf8')).toBe(generateTypes(readFileSync(SDL_PATH, 'utf8')));
  });
});
