/**
 * A view's state lives in its URL's query: the view reads it from the route (so a changed address, a
 * pasted link or Back shows that state) and writes it with router.replace (so the history entry always
 * holds the view as it was left, and Back from a page opened from it restores it). Defaults are left out
 * of the address. Overlapping writes end in one address that holds them all.
 */
import { computed, reactive, type WritableComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';

/** the first string value of a query parameter */
export function queryValue(q: LocationQuery, name: string): string | undefined {
  const v = q[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return undefined;
}

/** a finite number, or null for absent or unreadable text */
export function parseNumberParam(v: string | undefined): number | null {
  if (v === undefined || v.trim() === '') return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}

/** "n,d" of a selected cell */
export function parseCellParam(v: string | undefined): { n: number; d: number } | null {
  const m = /^(\d+),(\d+)$/.exec(v ?? '');
  return m ? { n: Number(m[1]), d: Number(m[2]) } : null;
}

/** the query after a patch: undefined, null and '' remove a parameter */
export function patchQuery(q: LocationQuery, patch: Record<string, string | null | undefined>): LocationQueryRaw {
  const out: LocationQueryRaw = { ...q };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface QueryState {
  /** the parameter's current value (a write not yet navigated included) */
  get(name: string): string | undefined;
  /** change parameters (router.replace) */
  set(patch: Record<string, string | null | undefined>): void;
  /** a string parameter as a v-model */
  text(name: string, fallback?: string): WritableComputedRef<string>;
  /** a number parameter (null when absent) */
  number(name: string): WritableComputedRef<number | null>;
  /** one of a fixed set of values, else the fallback */
  oneOf<T extends string>(name: string, allowed: readonly T[] | ((v: string) => v is T), fallback: T): WritableComputedRef<T>;
}

export function useQueryState(): QueryState {
  const route = useRoute();
  const router = useRouter();
  /** writes made but not yet navigated: read back at once, so that two writes in a tick do not race */
  const pending = reactive(new Map<string, string | null>());
  const path = route.path;

  function get(name: string): string | undefined {
    if (pending.has(name)) return pending.get(name) ?? undefined;
    return queryValue(route.query, name);
  }

  /**
   * Navigate at once (not in a later tick: a link clicked right after must win over this write), with every
   * write still pending: when two writes overlap, the last navigation carries both.
   */
  async function flush(): Promise<void> {
    const patch = Object.fromEntries(pending);
    // the view may have been left: its state does not belong to the next page
    if (router.currentRoute.value.path !== path) {
      pending.clear();
      return;
    }
    try {
      await router.replace({ path, query: patchQuery(router.currentRoute.value.query, patch), hash: router.currentRoute.value.hash });
    } finally {
      for (const [k, v] of Object.entries(patch)) if (pending.get(k) === v) pending.delete(k);
    }
  }

  function set(patch: Record<string, string | null | undefined>): void {
    for (const [k, v] of Object.entries(patch)) pending.set(k, v === undefined || v === '' ? null : v);
    void flush();
  }

  return {
    get,
    set,
    text: (name, fallback = '') =>
      computed({
        get: () => get(name) ?? fallback,
        set: (v: string) => set({ [name]: v === fallback ? null : v }),
      }),
    number: (name) =>
      computed({
        get: () => parseNumberParam(get(name)),
        set: (v: number | null) => set({ [name]: v === null ? null : String(v) }),
      }),
    oneOf: <T extends string>(name: string, allowed: readonly T[] | ((v: string) => v is T), fallback: T) =>
      computed({
        get: (): T => {
          const v = get(name);
          if (v === undefined) return fallback;
          const ok = typeof allowed === 'function' ? allowed(v) : (allowed as readonly string[]).includes(v);
          return ok ? (v as T) : fallback;
        },
        set: (v: T) => set({ [name]: v === fallback ? null : v }),
      }),
  };
}
