/**
 * The executable schema: the SDL of shared/src/schema.graphql (the contract) with each module's thin
 * resolvers attached. IDs are numbers in the store and strings on the wire (graphql-js does that).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType, isScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { experimentResolvers } from '../modules/experiment/resolvers.ts';
import { runResolvers } from '../modules/run/resolvers.ts';
import { sweepResolvers } from '../modules/sweep/resolvers.ts';
import { jobResolvers } from '../modules/job/resolvers.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { DateTimeScalar, JSONScalar } from './scalars.ts';

export const SDL_PATH = fileURLToPath(import.meta.resolve('@rlab/shared/schema.graphql'));

/**
 * Each module's resolvers are checked against the types generated from the SDL (`satisfies Resolvers` in
 * the module, and here), so a resolver returning the wrong shape fails `pnpm typecheck`.
 */
const modules: Resolvers[] = [experimentResolvers, runResolvers, sweepResolvers, jobResolvers];

type AnyFieldResolver = GraphQLFieldResolver<unknown, unknown>;

function isSubscriber(r: unknown): r is { subscribe: AnyFieldResolver; resolve?: AnyFieldResolver } {
  return typeof r === 'object' && r !== null && typeof (r as { subscribe?: unknown }).subscribe === 'function';
}

export function buildExecutableSchema(): GraphQLSchema {
  const schema = buildSchema(readFileSync(SDL_PATH, 'utf8'));
  for (const mod of modules) {
    for (const [typeName, fields] of Object.entries(mod)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`resolvers for ${typeName}, which is not an object type in the SDL`);
      const defs = type.getFields();
      for (const [fieldName, r] of Object.entries(fields as object)) {
        const def = defs[fieldName];
        if (!def) throw new Error(`resolver for ${typeName}.${fieldName}, which is not in the SDL`);
        if (typeof r === 'function') def.resolve = r as AnyFieldResolver;
        else if (isSubscriber(r)) {
          def.subscribe = r.subscribe;
          def.resolve = r.resolve ?? ((payload: unknown) => (payload as Record<string, unknown>)[fieldName]);
        } else throw new Error(`resolver for ${typeName}.${fieldName} is neither a function nor { subscribe }`);
      }
    }
  }
  for (const scalar of [JSONScalar, DateTimeScalar]) {
    const t = schema.getType(scalar.name);
    if (!isScalarType(t)) throw new Error(`scalar ${scalar.name} missing from the SDL`);
    t.serialize = scalar.serialize;
    t.parseValue = scalar.parseValue;
    t.parseLiteral = scalar.parseLiteral;
  }
  return schema;
}
