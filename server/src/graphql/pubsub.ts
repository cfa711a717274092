/**
 * The in-process EventBus (modules/events.ts): progress of experiments and finished runs, for
 * subscriptions and in-process clients such as rlab sweep.
 */
import { EventEmitter, on } from 'node:events';
import type { EventBus, Events } from '../modules/events.ts';

export type { Events } from '../modules/events.ts';

export class PubSub implements EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish<K extends keyof Events>(topic: K, payload: Events[K]): void {
    this.emitter.emit(topic, payload);
  }
  /** async iterator of payloads that pass `accept`, mapped with `map` */
  async *subscribe<K extends keyof Events, T>(topic: K, accept: (p: Events[K]) => boolean, map: (p: Events[K]) => Promise<T>, signal?: AbortSignal): AsyncGenerator<T> {
    for await (const [payload] of on(this.emitter, topic, signal ? { signal } : undefined) as AsyncIterable<[Events[K]]>) {
      if (accept(payload)) yield await map(payload);
    }
  }
}
