/**
 * Generates the renderer's GraphQL types from the SDL (shared/src/schema.graphql) into
 * src/renderer/generated/graphql.ts. test/main/codegen.test.ts fails when the committed file drifts.
 *   pnpm --filter @rlab/desktop codegen
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLType,
} from 'graphql';

export const SDL_PATH = fileURLToPath(new URL('../../shared/src/schema.graphql', import.meta.url));
export const OUT_PATH = fileURLToPath(new URL('../src/renderer/generated/graphql.ts', import.meta.url));

const SCALARS: Record<string, string> = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', JSON: 'unknown', DateTime: 'string' };

function tsType(t: GraphQLType, nullable = true): string {
  if (isNonNullType(t)) return tsType(t.ofType, false);
  let inner: string;
  if (isListType(t)) {
    const el = tsType(t.ofType);
    inner = `Array<${el}>`;
  } else if (isScalarType(t)) inner = SCALARS[t.name] ?? 'unknown';
  else inner = t.name;
  return nullable ? `${inner} | null` : inner;
}

export function generateTypes(sdl: string): string {
  const schema = buildSchema(sdl);
  const out: string[] = [
    '// Generated from shared/src/schema.graphql by desktop/scripts/codegen.ts. Do not edit; run `pnpm --filter @rlab/desktop codegen`.',
    '/* eslint-disable */',
    '',
  ];
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const t of types) {
    if (isEnumType(t)) {
      out.push(`export type ${t.name} = ${t.getValues().map((v) => `'${v.name}'`).join(' | ')};`, '');
    } else if (isInputObjectType(t)) {
      out.push(`export interface ${t.name} {`);
      for (const f of Object.values(t.getFields())) {
        const optional = !isNonNullType(f.type);
        out.push(`  ${f.name}${optional ? '?' : ''}: ${tsType(f.type)};`);
      }
      out.push('}', '');
    } else if (isObjectType(t)) {
      out.push(`export interface ${t.name} {`);
      for (const f of Object.values(t.getFields())) out.push(`  ${f.name}: ${tsType(f.type)};`);
      out.push('}', '');
    }
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUT_PATH, generateTypes(readFileSync(SDL_PATH, 'utf8')));
  console.log(`wrote ${OUT_PATH}`);
}
