/**
 * The rule catalogue: every rule's stable code, name, default severity and
 * one-line summary. The registry is the single source for the CLI's
 * `--select/--ignore`, the SARIF rule table, the rule docs check and the
 * language server's diagnostic codes; adding a rule starts here
 * (see docs/adding-a-rule.md).
 */
import type { Severity } from './types';

export interface RuleMeta {
  code: string;
  name: string;
  severity: Severity;
  /** One sentence, used as SARIF shortDescription and in the README table. */
  summary: string;
}

/** Where rule documentation is published; each rule's page is `<DOCS_BASE><name>.md`. */
export const DOCS_BASE = 'https://github.com/threadlint/threadlint/blob/main/docs/rules/';

export const RULES: readonly RuleMeta[] = [
  {
    code: 'TL001',
    name: 'global-rebinding',
    severity: 'warning',
    summary: 'A module global is rebound through `global` in code that runs after import, where every thread sees the change.',
  },
  {
    code: 'TL002',
    name: 'shared-mutable-mutation',
    severity: 'warning',
    summary: 'A module-level mutable object is mutated in place from code that may run in many threads at once.',
  },
  {
    code: 'TL003',
    name: 'class-attribute-mutation',
    severity: 'warning',
    summary: 'A mutable class attribute, shared by every instance, is mutated at run time.',
  },
  {
    code: 'TL004',
    name: 'mutable-default-mutation',
    severity: 'warning',
    summary: 'A mutable default argument, shared by every call on every thread, is mutated in the function body.',
  },
  {
    code: 'TL005',
    name: 'check-then-act',
    severity: 'warning',
    summary: 'Shared state is tested and then written without a lock, so another thread can act between the test and the write.',
  },
  {
    code: 'TL006',
    name: 'read-modify-write',
    severity: 'warning',
    summary: 'Shared state is read, changed and written back without a lock, so concurrent updates are lost.',
  },
  {
    code: 'TL007',
    name: 'request-data-in-shared-state',
    severity: 'warning',
    summary: 'Data of one request is stored where every thread of the process can see it.',
  },
  {
    code: 'TL008',
    name: 'long-lived-object-state',
    severity: 'warning',
    summary: 'An attribute is written on an object that serves many requests at once (middleware, template node, module-level instance).',
  },
  {
    code: 'TL009',
    name: 'process-wide-state-change',
    severity: 'warning',
    summary: 'Run-time code changes state that belongs to the whole process (working directory, environment, locale, stdout, signals).',
  },
  {
    code: 'TL010',
    name: 'non-reentrant-lock-reacquired',
    severity: 'warning',
    summary: 'A non-reentrant `threading.Lock` is acquired again by the thread that holds it: a self-deadlock.',
  },
  {
    code: 'TL011',
    name: 'thread-local-in-async',
    severity: 'warning',
    summary: '`threading.local` holds request data in `async def` code, where all coroutines of the event loop share one thread.',
  },
  {
    code: 'TL012',
    name: 'unsafe-shared-resource',
    severity: 'warning',
    summary: 'A module-level resource that is not safe to share between threads (sqlite3 connection, cursor, generator) is used at run time.',
  },
];

const byCode = new Map(RULES.map((r) => [r.code, r]));
const byName = new Map(RULES.map((r) => [r.name, r]));

/** Looks a rule up by code (`TL002`) or name (`shared-mutable-mutation`). */
export function findRule(codeOrName: string): RuleMeta | undefined {
  return byCode.get(codeOrName.toUpperCase()) ?? byName.get(codeOrName.toLowerCase());
}

export function ruleByCode(code: string): RuleMeta {
  const rule = byCode.get(code);
  if (!rule) throw new Error(`unknown rule code ${code}`);
  return rule;
}

export function docsUrl(rule: RuleMeta): string {
  return `${DOCS_BASE}${rule.name}.md`;
}

/**
 * True when `selector` picks `rule`: an exact code, a code prefix (`TL0`, `TL`),
 * `ALL`, or an exact rule name.
 */
export function selectorMatches(selector: string, rule: RuleMeta): boolean {
  const s = selector.trim();
  if (s.toUpperCase() === 'ALL') return true;
  if (s.toLowerCase() === rule.name) return true;
  return s.length > 0 && rule.code.startsWith(s.toUpperCase());
}

/** Selectors that name no rule (for config and CLI validation). */
export function unknownSelectors(selectors: string[]): string[] {
  return selectors.filter((s) => !RULES.some((r) => selectorMatches(s, r)));
}

/** The rules enabled by `select` (empty = all) minus `ignore`. */
export function enabledRules(select: string[], ignore: string[]): Set<string> {
  const enabled = new Set<string>();
  for (const rule of RULES) {
    const selected = select.length === 0 || select.some((s) => selectorMatches(s, rule));
    const ignored = ignore.some((s) => selectorMatches(s, rule));
    if (selected && !ignored) enabled.add(rule.code);
  }
  return enabled;
}
