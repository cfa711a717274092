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
import { DateTimeScalar, JSONScalar } from './scalars.ts';

export const SDL_PATH = fileURLToPath(import.meta.resolve('@rlab/shared/schema.graphql'));

type FieldResolver = GraphQLFieldResolver<unknown, unknown> | { subscribe: (...args: never[]) => unknown };
type ResolverMap = Record<string, Record<string, FieldResolver>>;

const modules: ResolverMap[] = [experimentResolvers as unknown as ResolverMap, runResolvers as unknown as ResolverMap, sweepResolvers as unknown as ResolverMap, jobResolvers as unknown as ResolverMap];

export function buildExecutableSchema(): GraphQLSchema {
  const schema = buildSchema(readFileSync(SDL_PATH, 'utf8'));
  for (const mod of modules) {
    for (const [typeName, fields] of Object.entries(mod)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`resolvers for ${typeName}, which is not an object type in the SDL`);
      const defs = type.getFields();
      for (const [fieldName, r] of Object.entries(fields)) {
        const def = defs[fieldName];
        if (!def) throw new Error(`resolver for ${typeName}.${fieldName}, which is not in the SDL`);
        if (typeof r === 'function') def.resolve = r;
        else {
          def.subscribe = r.subscribe as unknown as GraphQLFieldResolver<unknown, unknown>;
          def.resolve = (payload: unknown) => (payload as Record<string, unknown>)[fieldName];
        }
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
