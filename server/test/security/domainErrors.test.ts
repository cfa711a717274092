/**
 * Issue 13: services raise domain errors with stable codes and know nothing of GraphQL; the GraphQL
 * layer maps them and masks everything else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { AppError, badInput, notFound } from '../../src/modules/errors.ts';
import { ErrorCode, formatError, formatResult, variableField } from '../../src/graphql/errors.ts';

const MODULES = resolve(import.meta.dirname, '../../src/modules');

describe('domain errors', () => {
  it('are plain errors with a code and a field, not GraphQL errors', () => {
    const e = badInput('input.name', 'is blank');
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(GraphQLError);
    expect({ code: e.code, field: e.field, message: e.message }).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name', message: 'input.name: is blank' });
    expect(notFound('experiment', 7).code).toBe(ErrorCode.NOT_FOUND);
  });

  it('no service imports graphql or the GraphQL layer\'s errors', () => {
    const services = readdirSync(MODULES, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)(service|filter|stats)\.ts$/.test(f) || f === 'errors.ts');
    expect(services.length).toBeGreaterThan(4);
    for (const f of services) {
      const src = readFileSync(join(MODULES, f), 'utf8');
      expect(src, f).not.toMatch(/from 'graphql'|from '[^']*graphql\/errors\.ts'/);
    }
  });
});

describe('the GraphQL layer maps them', () => {
  const located = (err: Error, path = ['experiment']) => new GraphQLError(err.message, { path, originalError: err });

  it('keeps a domain error code and field', () => {
    const e = located(badInput('id', '"x" is not an id'));
    expect(formatError(e.toJSON(), e)).toEqual({ message: 'id: "x" is not an id', path: ['experiment'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
  });

  it('masks anything else, with no message, stack or path of the machine', () => {
    const e = located(new SyntaxError('Unexpected token n in JSON at position 1 (/srv/rlab/src/x.ts:3:4)'));
    const out = formatError({ ...e.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, e);
    expect(out).toEqual({ message: 'Internal server error', path: ['experiment'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatResult({ data: null, errors: [e] }).errors?.[0]?.message).toBe('Internal server error');
  });

  it('names the field of a variable refused by its GraphQL type', () => {
    expect(variableField('Variable "$input" got invalid value 1000000000000 at "input.spec.testSize"; Int cannot represent non 32-bit signed integer value: 1000000000000')).toBe('input.spec.testSize');
    expect(variableField('Variable "$input" got invalid value "x" at "input.spec.n[1]"; Int cannot represent non-integer value: "x"')).toBe('input.spec.n.1');
    expect(variableField('Variable "$id" of required type "ID!" was not provided.')).toBe('id');
    expect(variableField('Cannot query field "nope" on type "Query".')).toBeUndefined();
  });
});
