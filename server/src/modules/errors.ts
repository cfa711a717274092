/**
 * Domain errors: what the services raise when a request cannot be served as asked. They know nothing of
 * GraphQL or HTTP; each carries a stable code and, for bad input, the field it is about. The GraphQL
 * layer (graphql/errors.ts) and the HTTP routes map them to responses; anything else that escapes a
 * service is an internal error and is masked there.
 */

/** the codes a service may raise (a subset of the API's codes, graphql/errors.ts ErrorCode) */
export const DomainErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class AppError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** bad input: the message names the field, the value and what is allowed */
export function badInput(field: string, message: string): AppError {
  return new AppError(DomainErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError(DomainErrorCode.NOT_FOUND, `${what} ${id} does not exist`, 'id');
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
