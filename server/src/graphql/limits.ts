/**
 * Query guards run at validation time, before any resolver: maximum depth, number of aliases, and an
 * estimated cost where a list field multiplies the cost of its selection by its page size (`first`).
 *
 * Each fragment is measured once and its summary reused at every spread (issue 12 item 1: a chain of
 * fragments that each spread the next two used to be re-walked 2^N times). Counts grow with every spread
 * of a fragment, so such a chain is measured in O(N) and refused for its cost, not walked.
 *
 * Introspection (`__schema`, `__type`) is not counted against depth and cost, so that standard clients
 * (getIntrospectionQuery(), graphql-codegen) work; graphql-js's MaxIntrospectionDepthRule (part of the
 * specified rules) bounds its nesting instead, and each introspection root costs INTROSPECTION_COST.
 */
import {
  Kind,
  GraphQLError,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from './errors.ts';

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 30,
  maxCost: 50_000,
  maxPageSize: 500,
  defaultPageSize: 50,
  /** most lexical tokens one document may have (graphql-js `parse(..., { maxTokens })`) */
  maxTokens: 10_000,
};

/** fields that return many items; their cost multiplies by `first` (or this default) */
const LIST_FIELDS: Record<string, number> = { runs: LIMITS.defaultPageSize, experiments: LIMITS.defaultPageSize, jobs: LIMITS.defaultPageSize, cells: 100 };
/** fields that do real work on the server */
const HEAVY_FIELDS: Record<string, number> = { phaseDiagram: 200, transitionEstimate: 200, compareRecovery: 400, runsExport: 400, totalCount: 20, plantedNetwork: 5, recoveredNetwork: 5 };
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
/** the whole introspection of our schema is a few hundred kB; 30 aliased copies stay under maxCost */
const INTROSPECTION_COST = 1000;

/** a literal page size, or the largest allowed one for a variable (validation runs before variables are known) */
function intValue(v: ValueNode | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) return LIMITS.maxPageSize;
  return undefined;
}

/** what a selection set adds up to: levels of fields below it, cost, aliases (each counted as often as it is reached) */
export interface SelectionSummary {
  depth: number;
  cost: number;
  aliases: number;
}
const EMPTY: SelectionSummary = { depth: 0, cost: 0, aliases: 0 };

/**
 * Measure every operation of a document. `introspection` marks selections under `__schema`/`__type`,
 * which count aliases only. Fragments are memoised per mode; a fragment reached again while it is being
 * measured (a cycle, reported by NoFragmentCyclesRule) counts as empty.
 */
export function summarize(fragments: ReadonlyMap<string, FragmentDefinitionNode>) {
  const memo = new Map<string, SelectionSummary>();
  const active = new Set<string>();

  const fragment = (name: string, introspection: boolean): SelectionSummary => {
    const key = `${introspection ? 'i' : 'q'}:${name}`;
    const known = memo.get(key);
    if (known) return known;
    const def = fragments.get(name);
    if (!def || active.has(key)) return EMPTY;
    active.add(key);
    const s = measure(def.selectionSet, introspection);
    active.delete(key);
    memo.set(key, s);
    return s;
  };

  const measure = (set: SelectionSetNode, introspection: boolean): SelectionSummary => {
    let depth = 0;
    let cost = 0;
    let aliases = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        const name = sel.name.value;
        if (!introspection && INTROSPECTION_ROOTS.has(name)) {
          const inner = sel.selectionSet ? measure(sel.selectionSet, true) : EMPTY;
          aliases += inner.aliases;
          cost += INTROSPECTION_COST;
          depth = Math.max(depth, 1);
          continue;
        }
        let fieldCost = introspection ? 0 : 1 + (HEAVY_FIELDS[name] ?? 0);
        let fieldDepth = 1;
        if (sel.selectionSet) {
          const inner = measure(sel.selectionSet, introspection);
          aliases += inner.aliases;
          fieldDepth += inner.depth;
          const many = LIST_FIELDS[name];
          const first = intValue(sel.arguments?.find((a) => a.name.value === 'first')?.value);
          if (!introspection) fieldCost += inner.cost * (many === undefined ? 1 : Math.max(1, first ?? many));
        }
        cost += fieldCost;
        depth = Math.max(depth, introspection ? 1 : fieldDepth);
      } else {
        const inner = sel.kind === Kind.INLINE_FRAGMENT ? measure(sel.selectionSet, introspection) : fragment(sel.name.value, introspection);
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
        aliases += inner.aliases;
      }
    }
    return { depth, cost, aliases };
  };

  return (set: SelectionSetNode) => measure(set, false);
}

export function queryLimitsRule(ctx: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of ctx.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const measure = summarize(fragments);
  return {
    OperationDefinition(op) {
      const { depth, cost, aliases } = measure(op.selectionSet);
      if (depth > LIMITS.maxDepth)
        ctx.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${LIMITS.maxDepth}`, { nodes: [op], extensions: { code: ErrorCode.QUERY_TOO_DEEP } }));
      if (aliases > LIMITS.maxAliases)
        ctx.reportError(new GraphQLError(`query uses ${formatCount(aliases)} aliases; at most ${LIMITS.maxAliases} are allowed`, { nodes: [op], extensions: { code: ErrorCode.TOO_MANY_ALIASES } }));
      if (cost > LIMITS.maxCost)
        ctx.reportError(new GraphQLError(`query cost ${formatCount(cost)} exceeds the limit of ${LIMITS.maxCost}`, { nodes: [op], extensions: { code: ErrorCode.QUERY_TOO_COSTLY } }));
    },
  };
}

/** counts reached through fragment chains can exceed 2^53; print them as numbers people read */
function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : n.toExponential(2);
}
