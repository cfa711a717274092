/**
 * Every error code the API returns (`extensions.code`), in one place. Anything that is not an AppError is
 * masked as INTERNAL_SERVER_ERROR before it leaves the server.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message, { extensions: field === undefined ? { code } : { code, field } });
    this.name = 'AppError';
  }
}

/** bad input: the message names the field, the value and what is allowed */
export function badInput(field: string, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`, 'id');
}

export function describeValue(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** turn a zod error into BAD_USER_INPUT naming the first offending field under `prefix` */
export function fromZod(prefix: string, raw: unknown, issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const issue = issues[0];
  if (!issue) return badInput(prefix, 'is invalid');
  let value: unknown = raw;
  for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const field = [prefix, ...issue.path.map(String)].filter((s) => s !== '').join('.');
  return badInput(field, `${describeValue(value)} is not allowed: ${issue.message}`);
}

/** parse an ID argument into a positive integer or fail naming the field */
export function parseId(field: string, id: string | number): number {
  const n = typeof id === 'number' ? id : Number(id);
  if (!Number.isSafeInteger(n) || n < 1) throw badInput(field, `${describeValue(id)} is not an id (a positive integer)`);
  return n;
}
