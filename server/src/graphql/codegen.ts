/**
 * TypeScript types generated from the SDL (shared/src/schema.graphql) for the server and the clients:
 * object types, inputs, enums, scalars and the arguments of every field. Run
 *   node --import tsx/esm server/src/graphql/codegen.ts        (writes shared/src/generated/graphql.ts)
 * The API tests fail when the committed file drifts from the SDL.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { SDL_PATH } from './schema.ts';

export const GENERATED_PATH = fileURLToPath(new URL('../../../shared/src/generated/graphql.ts', import.meta.url));

const SCALARS: Record<string, string> = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', JSON: 'unknown', DateTime: 'string' };

function typeRef(t: GraphQLOutputType | GraphQLInputType, input: boolean): string {
  if (isNonNullType(t)) return typeRef(t.ofType as GraphQLOutputType | GraphQLInputType, input).replace(/ \| null$/, '');
  const maybe = ' | null';
  if (isListType(t)) return `Array<${typeRef(t.ofType as GraphQLOutputType | GraphQLInputType, input)}>${maybe}`;
  const name = (t as { name: string }).name;
  return `${isScalarType(t) ? (SCALARS[name] ?? 'unknown') : name}${maybe}`;
}

function doc(description: string | null | undefined, indent = ''): string {
  return description ? `${indent}/** ${description.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */\n` : '';
}

export function generate(schema: GraphQLSchema): string {
  const out: string[] = ['/* Generated from shared/src/schema.graphql by server/src/graphql/codegen.ts. Do not edit. */', ''];
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const t of types) {
    if (isEnumType(t)) out.push(doc(t.description) + `export type ${t.name} = ${t.getValues().map((v) => `'${v.value as string}'`).join(' | ')};`, '');
    else if (isInputObjectType(t)) {
      out.push(doc(t.description) + `export interface ${t.name} {`);
      for (const f of Object.values(t.getFields())) out.push(doc(f.description, '  ') + `  ${f.name}${isNonNullType(f.type) ? '' : '?'}: ${typeRef(f.type, true)};`);
      out.push('}', '');
    } else if (isObjectType(t)) {
      out.push(doc(t.description) + `export interface ${t.name} {`);
      for (const f of Object.values(t.getFields())) out.push(doc(f.description, '  ') + `  ${f.name}: ${typeRef(f.type, false)};`);
      out.push('}', '');
      for (const f of Object.values(t.getFields())) {
        if (f.args.length === 0) continue;
        out.push(`export interface ${t.name}${f.name[0]!.toUpperCase()}${f.name.slice(1)}Args {`);
        for (const a of f.args) out.push(`  ${a.name}${isNonNullType(a.type) && a.defaultValue === undefined ? '' : '?'}: ${typeRef(a.type, true)};`);
        out.push('}', '');
      }
    }
  }
  return out.join('\n');
}

export function generateFromSdl(): string {
  return generate(buildSchema(readFileSync(SDL_PATH, 'utf8')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(dirname(GENERATED_PATH), { recursive: true });
  writeFileSync(GENERATED_PATH, generateFromSdl());
  process.stdout.write(`wrote ${GENERATED_PATH}\n`);
}
