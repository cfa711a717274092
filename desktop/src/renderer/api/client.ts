/**
 * A small GraphQL-over-HTTP client (POST /graphql with the bearer token) and a graphql-ws subscription
 * client (the protocol is four messages; no library needed). Errors keep the server's message and code.
 */
import { connection, SIGN_IN_HINT } from './connection.ts';
import type { TypedDocumentString } from '../generated/graphql.ts';

/** the variables argument: required when the operation declares variables, absent when it has none */
type VariablesArg<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** send one generated document (api/operations.ts); its result and variables are typed from the SDL */
export async function gql<T, TVariables>(document: TypedDocumentString<T, TVariables>, ...[variables]: VariablesArg<TVariables>): Promise<T> {
  const query = document.toString();
  const { origin, token } = await connection();
  let res: Response;
  try {
    res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(`The server cannot be reached (${err instanceof Error ? err.message : String(err)}).`, 'NETWORK');
  }
  if (res.status === 401) throw new ApiError(`The server refused this session's token: ${SIGN_IN_HINT}.`, 'UNAUTHENTICATED', 401);
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The server answered ${res.status} ${res.statusText} without JSON.`, null, res.status);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? null, res.status);
  if (!body.data) throw new ApiError(`The server answered ${res.status} without data.`, null, res.status);
  return body.data;
}

/** GET a file from the server with the token (exports) */
export async function download(path: string): Promise<Blob> {
  const { origin, token } = await connection();
  const res = await fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  if (!res.ok) {
    const text = await res.text();
    let message = `${res.status} ${res.statusText}`;
    try {
      message = (JSON.parse(text) as GraphQLResponse<unknown>).errors?.[0]?.message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(`Export failed: ${message}`, null, res.status);
  }
  return res.blob();
}

export interface Subscription {
  close(): void;
}

/**
 * graphql-ws: connection_init -> connection_ack, subscribe, next*, complete. Browsers cannot set headers on
 * a WebSocket, so the token goes in the query string (the server accepts ?token=), or the cookie does.
 */
export function subscribe<T, TVariables>(document: TypedDocumentString<T, TVariables>, variables: TVariables, onNext: (data: T) => void, onError: (err: Error) => void): Subscription {
  const query = document.toString();
  let ws: WebSocket | null = null;
  let closed = false;
  void connection().then(
    ({ origin, token }) => {
      if (closed) return;
      // same-origin upgrades carry the session cookie; the token goes in the query only when the page has one
      ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/graphql${token ? `?token=${encodeURIComponent(token)}` : ''}`, 'graphql-transport-ws');
      ws.onopen = () => ws?.send(JSON.stringify({ type: 'connection_init', payload: {} }));
      ws.onmessage = (ev: MessageEvent<string>) => {
        const msg = JSON.parse(ev.data) as { type: string; payload?: GraphQLResponse<T> | Array<{ message: string }> };
        if (msg.type === 'connection_ack') ws?.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        else if (msg.type === 'next' && msg.payload && !Array.isArray(msg.payload) && msg.payload.data) onNext(msg.payload.data);
        else if (msg.type === 'error') onError(new ApiError(Array.isArray(msg.payload) ? (msg.payload[0]?.message ?? 'subscription failed') : 'subscription failed', null));
        else if (msg.type === 'ping') ws?.send(JSON.stringify({ type: 'pong' }));
      };
      ws.onerror = () => onError(new ApiError('The live connection to the server failed.', 'NETWORK'));
      ws.onclose = (ev) => {
        if (!closed && ev.code !== 1000) onError(new ApiError(`The live connection closed (${ev.code}).`, 'NETWORK'));
      };
    },
    (err: unknown) => onError(err instanceof Error ? err : new Error(String(err))),
  );
  return {
    close() {
      closed = true;
      if (ws && ws.readyState <= 1) ws.close(1000);
    },
  };
}
