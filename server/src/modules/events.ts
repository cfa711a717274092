/**
 * What the services announce (experiment progress, finished runs) and the interface they announce it
 * through. Services receive an `EventBus`; they do not know who listens (GraphQL subscriptions, `rlab
 * sweep` waiting for its experiments) or how events travel (graphql/pubsub.ts: in this process).
 */

export interface Events {
  experimentProgress: { experimentId: number };
  runFinished: { runId: number; experimentId: number };
}

export type EventTopic = keyof Events;

export interface EventBus {
  publish<K extends EventTopic>(topic: K, payload: Events[K]): void;
  /** the payloads published from now on that pass `accept`, mapped with `map`; ends with `signal` or when the consumer returns */
  subscribe<K extends EventTopic, T>(topic: K, accept: (p: Events[K]) => boolean, map: (p: Events[K]) => Promise<T>, signal?: AbortSignal): AsyncGenerator<T>;
}
