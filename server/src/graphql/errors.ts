/**
 * Every error code the API returns (`extensions.code`), in one place, and the mapping from what the
 * services raise (modules/errors.ts, no GraphQL there) to what a client sees. Anything that is not a
 * domain error or a client-side GraphQL error (parse, validation, limits) is masked as
 * INTERNAL_SERVER_ERROR and logged on the server's stderr, over HTTP and over graphql-ws alike.
 */
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { AppError, DomainErrorCode } from '../modules/errors.ts';
// a cycle (limits.ts reads ErrorCode), safe because both are read only inside functions
import { LIMITS } from './limits.ts';

// the domain helpers keep their old import path for callers outside the services (tests, scripts)
export { AppError, badInput, notFound, describeValue, fromZod, parseId } from '../modules/errors.ts';

export const ErrorCode = {
  ...DomainErrorCode,
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** a browser page from another origin, or a Host that is not this server (http/auth.ts) */
  FORBIDDEN_ORIGIN: 'FORBIDDEN_ORIGIN',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  /** HTTP: a body that is not JSON, a path that does not decode */
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** HTTP: no such route */
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** a domain error as the API shows it */
export function appErrorExtensions(err: AppError): { code: string; field?: string } {
  return err.field === undefined ? { code: err.code } : { code: err.code, field: err.field };
}

/** codes that describe the client's request, passed through as they are; anything else is masked */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
PASS_THROUGH.delete(ErrorCode.INTERNAL_SERVER_ERROR);
const OWN_CODES = new Set<string>(Object.values(ErrorCode));

/** the error a resolver threw, under graphql-js's wrapping */
function original(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

export function logInternal(where: string, err: unknown): void {
  process.stderr.write(`rlab: ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}

/**
 * The field a variable-coercion error is about, in the services' notation (`input.spec.n.0`), from
 * graphql-js's message: `Variable "$input" got invalid value 1e12 at "input.spec.testSize"; ...` (a
 * GraphQL type refused it before any service saw it, e.g. an Int past 2^31).
 */
export function variableField(message: string): string | undefined {
  const at = /^Variable "\$[A-Za-z_]\w*" got invalid value .* at "([A-Za-z_][\w.[\]]*)"; /s.exec(message);
  if (at) return at[1]!.replace(/\[(\d+)\]/g, '.$1');
  const whole = /^Variable "\$([A-Za-z_]\w*)" (?:got invalid value|of required type)/.exec(message);
  return whole?.[1];
}

/** Apollo's formatError (and graphql-ws's, below): domain errors mapped, client errors kept, the rest masked */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = original(error);
  const path = formatted.path ? { path: formatted.path } : {};
  if (cause instanceof AppError) return { message: cause.message, ...path, extensions: appErrorExtensions(cause) };
  // Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; our limit rules carry their own code
  const inner = cause instanceof GraphQLError ? cause.extensions?.code : undefined;
  const code = typeof inner === 'string' && OWN_CODES.has(inner) ? inner : formatted.extensions?.code;
  // errors graphql-js itself raises for the request (parse, validation, variable coercion) have no cause
  const clientError = cause instanceof GraphQLError && !(cause.originalError instanceof Error);
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    const field = code === ErrorCode.BAD_USER_INPUT ? variableField(formatted.message) : undefined;
    // graphql-js parses recursively: a document nested a thousand levels deep overflows the stack
    const message = /Maximum call stack size exceeded/.test(formatted.message) ? `the document nests too deeply to parse; queries may be at most ${LIMITS.maxDepth} fields deep` : formatted.message;
    return { message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...path, extensions: field === undefined ? { code } : { code, field } };
  }
  if (code === undefined && clientError) return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...path, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  logInternal('internal error', cause);
  return { message: 'Internal server error', ...path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** errors of a document refused before execution (graphql-ws `onError`): each with the code HTTP gives it */
export function formatRequestErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((e) => {
    const own = e.extensions?.code;
    const code = typeof own === 'string' ? own : e.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
    return { message: e.message, ...(e.locations ? { locations: e.locations } : {}), extensions: { code } };
  });
}

/** an execution result with its errors formatted as over HTTP (graphql-ws `onNext`) */
export function formatResult(result: ExecutionResult | FormattedExecutionResult): FormattedExecutionResult {
  if (!result.errors?.length) return result as FormattedExecutionResult;
  return {
    ...result,
    errors: result.errors.map((e) => (e instanceof GraphQLError ? formatError(e.toJSON(), e) : formatError(e, e))),
  } as FormattedExecutionResult;
}
