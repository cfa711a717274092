/**
 * Query guards run at validation time, before any resolver: maximum depth, number of aliases, and an
 * estimated cost where a list field multiplies the cost of its selection by its page size (`first`).
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
};

/** fields that return many items; their cost multiplies by `first` (or this default) */
const LIST_FIELDS: Record<string, number> = { runs: LIMITS.defaultPageSize, experiments: LIMITS.defaultPageSize, jobs: LIMITS.defaultPageSize, cells: 100 };
/** fields that do real work on the server */
const HEAVY_FIELDS: Record<string, number> = { phaseDiagram: 200, transitionEstimate: 200, compareRecovery: 400, totalCount: 20, plantedNetwork: 5, recoveredNetwork: 5 };

/** a literal page size, or the largest allowed one for a variable (validation runs before variables are known) */
function intValue(v: ValueNode | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) return LIMITS.maxPageSize;
  return undefined;
}

export function queryLimitsRule(ctx: ValidationContext): ASTVisitor {
  {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of ctx.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    let aliases = 0;
    const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; cost: number } => {
      let maxDepth = depth;
      let cost = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.alias) aliases++;
          const name = sel.name.value;
          let fieldCost = 1 + (HEAVY_FIELDS[name] ?? 0);
          if (sel.selectionSet) {
            const inner = walk(sel.selectionSet, depth + 1, seen);
            maxDepth = Math.max(maxDepth, inner.depth);
            const many = LIST_FIELDS[name];
            const first = intValue(sel.arguments?.find((a) => a.name.value === 'first')?.value);
            fieldCost += inner.cost * (many === undefined ? 1 : Math.max(1, first ?? many));
          }
          cost += fieldCost;
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const inner = walk(sel.selectionSet, depth, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        } else {
          const frag = fragments.get(sel.name.value);
          if (!frag || seen.has(frag.name.value)) continue; // cycles are reported by the standard rules
          const inner = walk(frag.selectionSet, depth, new Set([...seen, frag.name.value]));
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        }
      }
      return { depth: maxDepth, cost };
    };

    return {
      OperationDefinition(op) {
        aliases = 0;
        const { depth, cost } = walk(op.selectionSet, 1, new Set());
        if (depth > LIMITS.maxDepth)
          ctx.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${LIMITS.maxDepth}`, { nodes: [op], extensions: { code: ErrorCode.QUERY_TOO_DEEP } }));
        if (aliases > LIMITS.maxAliases)
          ctx.reportError(new GraphQLError(`query uses ${aliases} aliases; at most ${LIMITS.maxAliases} are allowed`, { nodes: [op], extensions: { code: ErrorCode.TOO_MANY_ALIASES } }));
        if (cost > LIMITS.maxCost)
          ctx.reportError(new GraphQLError(`query cost ${cost} exceeds the limit of ${LIMITS.maxCost}`, { nodes: [op], extensions: { code: ErrorCode.QUERY_TOO_COSTLY } }));
      },
    };
  }
}
