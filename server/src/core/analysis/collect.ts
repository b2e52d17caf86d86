/**
 * The per-file pass: one walk over a module's syntax tree that builds its
 * FileSummary. It binds names the way Python does (module, class and function
 * scopes, `global`/`nonlocal`, imports, comprehension variables), tracks which
 * locks are held and which `if` tests are active at each statement, follows
 * request-derived values through local variables, and records every access to
 * state that may be shared. Whether an access is a hazard is decided later, by
 * resolve.ts, once every file of the workspace has a summary.
 */
import type { Node, Tree } from 'web-tree-sitter';
import {
  BUILTINS,
  CACHING_DECORATORS,
  APP_STATE,
  CONSTRUCTION_METHODS,
  FLASK_APPS,
  LOCK_NAME,
  MUTATING_METHODS,
  PROCESS_WIDE_DATA,
  IN_PLACE_FUNCTIONS,
  IN_PLACE_NAMES,
  DEQUE_SAFE_METHODS,
  STORING_METHODS,
  PROCESS_WIDE_CALLS,
  processWideCall,
  PROCESS_WIDE_DECORATORS,
  MUTABLE_CALL_NAMES,
  RESTORED_FROM,
  REQUEST_GLOBALS,
  REQUEST_PARAMS,
  PYTEST_FIXTURE_DECORATORS,
  isTestModule,
  TEARDOWN_NAME,
  HOOK_NAMES,
  RESOURCE_METHODS,
  ROUTE_DECORATORS,
  SYNCHRONIZING_DECORATORS,
  classifyCall,
  FIRST_ARG,
  SECOND_ARG,
  SEMAPHORES,
  type ModelOptions,
  PURE_BUILTINS,
  PURE_CLASSES,
  PURE_METHODS,
  FIELD_SETUP_METHODS,
  isThreadLocalBase,
  READ_CHANGING_CACHES,
} from './models';
import {
  SUBCOMMAND_CLASS,
  IDEMPOTENT_VALUE,
  PURE_KEYED,
  PURE_NAMES,
  PURE_VALUE,
  LITERAL_VALUE,
  IMMUTABLE_VALUE,
  SELF_KEYED,
  TEARDOWN_RESET,
  RESTORES,
  RESTORED_BY_BLOCK,
  IMPORTED_VALUE,
  IMPORTED_PLUGIN_CLASS,
  IMPORTED_LIST,
  THREAD_KEY,
  CACHE_READ,
  readBeforeLockDetail,
  SQLITE_STORED,
  STORED_CALL,
  SQLITE_SHARED_STORED,
  IMPORTED_HELPER_KEY,
  IMPORTED_LOCK_VALUE,
  NAMED_LOCK_CALL,
  CALLERS_LOCK_KEY,
  CONSTANT_ENTRY,
  KEYED_HELPER,
  UNNAMED_KEY,
  mutateMethod,
  truncate,
  THREADED_METHOD,
  OWN_THREAD_METHOD,
  PREPARED_METHOD,
  REQUEST_HOOK_METHOD,
  MADE_BY,
  READ_ATTR,
  names,
  opText,
  isThreadKeyedMutate,
  threadKeyedMethod,
  own,
  ENTRY_ATTR,
  SNAPSHOT,
  FRESH_PUBLISHED,
  CONSTANT_KEY,
  OWNER_KEY,
  type Access,
  type AccessOp,
  type Binding,
  type ClassInfo,
  type FileSummary,
  type Ref,
  type FunctionInfo,
  type LocalFinding,
  type Span,
  type ValueKind,
} from './summary';
import { pragmasOf } from './pragmas';
import { setupScripts } from './entryPoints';

/** A value kind whose names still need the module's imports to be canonical. */
type RawValue =
  | ValueKind
  | { k: 'rawcall'; chain: string; kwargs: Map<string, string>; receiver?: string }
  | { k: 'rawref'; chain: string };

interface RawBinding {
  name: string;
  span: Span;
  value: RawValue;
}

/** An access or reference whose first name is not yet bound to a scope. */
interface Pending {
  base: string;
  /** The rest of the dotted chain, with its leading dot, or ''. */
  rest: string;
  access?: Access;
  ref?: { from: Ref['from']; call?: boolean; deferred?: boolean };
}

interface Scope {
  fn: number;
  /** Offset where the function's body starts (for Access.awaited). */
  bodyStart: number;
  bodyEnd: number;
  /** readBeforeWait(): per name, where the body first mentions it (-1: not yet) and how far it was searched. */
  firstMentions: Map<string, { at: number; searched: number }>;
  /** readBeforeWait(): where the body's waits are, listed on first use. */
  waits?: number[];
  /** The first `await` (or `async for`/`async with`) of the body found so far, or -1; and how far the body was searched for it. */
  awaitAt: number;
  awaitSearched: number;
  assigned: Set<string>;
  params: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
  imports: Map<string, string>;
  pending: Pending[];
  selfName: string;
  cls: number;
  /** `@app.task(bind=True) def archive(self, ...)`: the first parameter, the task object Celery keeps one of per worker process; else ''. */
  boundTask: string;
  mutableDefaults: Map<string, Span>;
  /** The parameters among mutableDefaults whose default is an empty container (`tags=[]`). */
  emptyDefaults: Set<string>;
  tainted: Set<string>;
  /** Locals holding the current thread's identity (`tid = _thread.get_ident()`). */
  threadIds: Set<string>;
  /**
   * Locals and parameters holding an object that is this caller's own as a member of a set or a
   * key to add or drop once (isThreadKey() with `membership`): a weak reference this call made
   * with a callback, the reference a weakref callback is given. Not for item stores or
   * read-modify-writes: two references to one object are equal keys.
   */
  ownKeys: Set<string>;
  /** Locals holding a lookup in a container (`current = CACHE.get(key)`): a test of one tests the container. */
  lookups: Map<string, string>;
  /**
   * Locals holding a value read from a global this function declares `global`, to that global:
   * computed from it (`counter = _counter or 1`, `n = _count + 1`, or a copy changed since,
   * `n = _count; n += 1`: true) or a plain copy (`saved = _current`: false). Storing a value made
   * from one back into the global is a read-modify-write through the local; storing the copy
   * itself is not (a restore). `held`: how many locks were held at the read (a lock taken after it
   * does not make the store atomic with it).
   */
  derived?: Map<string, { from: string; computed: boolean; held: number; at: Span }>;
  /** Globals declared `global` read so far, to the most locks held at any of their reads (readBeforeLock(): a re-read under the lock re-validates). */
  globalReadsHeld?: Map<string, number>;
  /**
   * For the locals of Scope.lookups in a module-level container (`current = _reserved.get(sku, 0)`):
   * how many locks were held at the lookup, and where (entryReadBeforeLock()).
   */
  lookupsAt?: Map<string, { held: number; at: Span }>;
  /** For the locals of Scope.lookups: the text of the key looked up (`entry = _registry[old]` -> `old`), '' when not one key. */
  lookupKeys?: Map<string, string>;
  /** Those containers read directly since, to the most locks held at any such read (a re-read under the lock re-validates). */
  lookupReadsHeld?: Map<string, number>;
  /** Locals last assigned a new, empty or literal container (`fresh = {}`, `{k: v for ...}`, `dict()`): rebindDetail()'s publication. */
  freshLocals?: Set<string>;
  /** Locals last assigned a mutable value (`hits = {}`), where: what a closure returned from here may share. */
  mutableLocals: Map<string, Span>;
  /** Locals last assigned a number (`calls = 0`), the name's node: a counter a closure returned from here may update through `nonlocal`. */
  numberLocals: Map<string, Node>;
  /** Locals last assigned a call's result or an attribute (`old = os.umask(0)` -> `os.umask`), canonical. */
  origins: Map<string, string>;
  /** Names read in an `if`/`elif`/`while` test of this function (a flag that guards the work). */
  tested: Set<string>;
  /**
   * Locals last assigned what a call of a module-level function returned (`conf = get_config()` ->
   * `get_config`, as written): changing such a local changes the result, shared when the function
   * is cached (Access.result).
   */
  results: Map<string, string>;
  /** Locals last assigned a module-level (or imported) name as it is (`headers = DEFAULT_HEADERS`): another name for the same object. */
  aliases: Map<string, string>;
  /** For aliases of a module-level name or an attribute of self/cls: how many locks were held at the read (staleHeld of a test). */
  aliasHeld?: Map<string, number>;
  /** The aliases (Scope.aliases) that name an entry of the container, not the container (`w = _windows[host]`). */
  entryAliases: Set<string>;
  /** Locals last assigned a choice of functions (`fn = store if legacy else store_safe`): the names it may hold. */
  choices: Map<string, string[]>;
  /** Locals last assigned a shallow copy of a module-level container (`layout = dict(BASE)`): that container's name. */
  copies: Map<string, string>;
  /** For such a copy, the keys the function has given new values (`layout["header"] = {...}`): those entries are its own. */
  replaced: Map<string, Set<string>>;
  /** Locals assigned a new lock somewhere in the function (`lock = _locks[k] = threading.Lock()`), for returnsLock(). */
  lockLocals: Set<string>;
  /** What the function's `return` statements return: 0 nothing yet, 1 only locks, 2 something else. */
  returnsLock: number;
  /** The one module-level name every `return` of the function returns (`return _lock`): '' none yet, MIXED_RETURNS otherwise. */
  returnedName: string;
  /** The one parameter every `return` of the function returns as it is (`return func`): '' none yet, MIXED_RETURNS otherwise. */
  returnedParam: string;
  /** The one attribute of `self` every `return` of a method returns (`return self._lock`): undefined none yet, MIXED_RETURNS otherwise. */
  returnedSelfAttr?: string;
  /** The type of the new mutable container every `return` of the function returns (`return {"banned": []}`, or a local made so): undefined none yet, MIXED_RETURNS otherwise. */
  returnedFresh?: string;
  /** The canonical callee whose new object every `return` of the function returns (`return Settings(**cfg)`): undefined none yet, MIXED_RETURNS otherwise. */
  returnedMade?: string;
  /** For the locals of freshLocals: the container's type (`cfg = {}` -> `dict`), for returnedFresh. */
  freshTypes?: Map<string, string>;
  /** Locals holding a try-lock's result (`got = _lock.acquire(timeout=1)`), to the lock's chain: `if got:` holds it. */
  acquiredLocals?: Map<string, string>;
  parent: Scope | null;
}

/** visitCall()'s parts hand flags to each other in one number (no object made per call). */
const STARTUP_HOOK = 1;
const TESTS_HOOK = 2;
const SET_DEFAULTS = 4;
const SUBCOMMAND_OPT = 8;
const PROCESS_TASK = 16;
const SPAWNS_TASK = 32;
const ARG_TAINT = 1;
const LATER_ARG_TAINT = 2;
const REQUEST_ARG = 4;
const CALLEE_TAINT = 1;

/** The fields of a Scope a new one is given; the others start empty. */
type ScopeFields = Omit<Scope, 'aliasHeld' | 'waits' | 'derived' | 'globalReadsHeld' | 'lookupsAt' | 'lookupKeys' | 'lookupReadsHeld' | 'freshLocals' | 'returnedSelfAttr' | 'returnedFresh' | 'returnedMade' | 'freshTypes' | 'acquiredLocals'>;

/**
 * A scope with every field present, in one order, the optional ones as undefined: all scopes share one
 * object shape, so the walk's reads of `scope.x` stay monomorphic (each field added later, `??=`, made
 * another hidden class, and optimised code deoptimised on each; `--trace-deopt`).
 */
function newScope(f: ScopeFields): Scope {
  return {
    fn: f.fn,
    bodyStart: f.bodyStart,
    bodyEnd: f.bodyEnd,
    firstMentions: f.firstMentions,
    waits: undefined,
    awaitAt: f.awaitAt,
    awaitSearched: f.awaitSearched,
    assigned: f.assigned,
    params: f.params,
    globals: f.globals,
    nonlocals: f.nonlocals,
    imports: f.imports,
    pending: f.pending,
    selfName: f.selfName,
    cls: f.cls,
    boundTask: f.boundTask,
    mutableDefaults: f.mutableDefaults,
    emptyDefaults: f.emptyDefaults,
    tainted: f.tainted,
    threadIds: f.threadIds,
    ownKeys: f.ownKeys,
    lookups: f.lookups,
    derived: undefined,
    globalReadsHeld: undefined,
    lookupsAt: undefined,
    lookupKeys: undefined,
    lookupReadsHeld: undefined,
    freshLocals: undefined,
    mutableLocals: f.mutableLocals,
    numberLocals: f.numberLocals,
    origins: f.origins,
    tested: f.tested,
    results: f.results,
    aliases: f.aliases,
    aliasHeld: undefined,
    entryAliases: f.entryAliases,
    choices: f.choices,
    copies: f.copies,
    replaced: f.replaced,
    lockLocals: f.lockLocals,
    returnsLock: f.returnsLock,
    returnedName: f.returnedName,
    returnedParam: f.returnedParam,
    returnedSelfAttr: undefined,
    returnedFresh: undefined,
    returnedMade: undefined,
    freshTypes: undefined,
    acquiredLocals: undefined,
    parent: f.parent,
  };
}

interface Check {
  keys: Set<string>;
  members: Set<string>;
  span: Span;
  heldDepth: number;
  /** Offset of the `if` in the source (for Access.awaited), and of the end of its condition. */
  start: number;
  condEnd: number;
  /** For a check that covers the rest of the block after an early exit: the exiting body, which never runs before such a write (else -1). */
  skipFrom: number;
  skipTo: number;
  /** End of the first write under this test (-1 before it): on an event loop, later writes are separate steps. */
  firstWrite: number;
  /** The rest of a block after `if test: ...; return` (only there is the first write tracked). */
  afterExit: boolean;
  /**
   * The body only raises (`if name in REG and not clobber: raise ValueError(...)`), and this check covers
   * the rest of the block after it (afterExit) or the `elif`/`else` arms: Access.check.raiseOnly.
   */
  raises: boolean;
  /** The test, and the containers it tests for emptiness or size (sizeTested(), computed on first use). */
  condition: Node | null;
  sized: string[] | undefined;
  /** The test reads the shared value only through this local, read before a lock now held (Access.check.stale); else ''. */
  staleLocal: string;
  /** `buf = _per_thread.get(tid)` ... `if buf is None:`: the entries the test reads through such locals, `container\0key` (Scope.lookupKeys). */
  keyedLookups: string[];
}

interface CallEdge {
  fn: number;
  callee: string;
  held: string[];
  /** The call; its span is computed only for calls that are reported. */
  node?: Node;
  /** The call's span, for edges replayed from a memo (their tree is gone). */
  span?: Span;
  /** A read of `self.attr` under a lock: a call of the getter when `attr` is a property of the class (propertyFns). */
  read?: boolean;
  /**
   * The locks a non-blocking or timed try-lock took on the way to this call (`if lock.acquire(False):`,
   * released or not): a caller that holds one of them never gets here, as its try-lock fails (Collector.tried).
   */
  guards?: string[];
}

function edgeSpan(edge: CallEdge): Span {
  return edge.span ?? spanOf(edge.node!);
}

/**
 * What walking one function's body did to the collector, in the frame of the
 * run that recorded it (its function and class indices, its first row), so a
 * later run can replay it for an unchanged function instead of walking it.
 */
interface BodyEffects {
  fn: number;
  cls: number;
  cStart: number;
  row: number;
  isRequest: boolean;
  isGenerator: boolean;
  cachedSafe: boolean;
  cachedClass: string | undefined;
  holds: string;
  returnsArg: boolean;
  returnsFresh: string | undefined;
  returnsMade: string | undefined;
  escapes: number[];
  localInstances: string[] | undefined;
  hooksRead: string[] | undefined;
  functions: FunctionInfo[];
  classes: ClassInfo[];
  classBases: string[][];
  classAttrs: RawBinding[][];
  classInst: RawBinding[][];
  inst: RawBinding[];
  selfCalls: string[];
  accesses: Access[];
  pending: Pending[];
  local: LocalFinding[];
  refs: FileSummary['refs'];
  acquired: [number, string][];
  reacquired: { fn: number; key: string; span: Span; first: Span; outer?: string }[];
  heldSpans: [number, string, Span][];
  callEdges: { fn: number; callee: string; held: string[]; span: Span; read?: boolean; guards?: string[] }[];
  lockAttrs: string[];
  attrReads: string[];
  iterated: [number, string][];
  objectCalls: [number, string][];
  kept: FileSummary['kept'];
  helperArgs: FileSummary['helperArgs'];
  signalHandlers: string[];
  startedThreads: [number, string][];
}

/**
 * Function bodies of one document's last analysis, keyed by everything their
 * walk depends on besides their text (where they sit, the module names bound
 * before them), each with the text it was walked for: a body is replayed only
 * when its text is that text. The language server passes the previous run's
 * memo so each keystroke walks only the function it changed; the result is the
 * same summary a full walk gives (test/collect-memo.test.ts checks that on
 * random edits). The text is compared, not made part of the key: a key holding
 * a whole method had to be copied and hashed at every lookup, ~0.7 ms of each
 * keystroke in a 2,500-line file.
 */
export type FunctionMemo = Map<string, { text: string; effects: BodyEffects }>;

/** While a memoizable body is walked: what the collector's maps and sets gained. */
interface Recording {
  selfCalls: string[];
  refs: FileSummary['refs'];
  acquired: [number, string][];
  heldSpans: [number, string, Span][];
  lockAttrs: string[];
  attrReads: string[];
}

const MUTATION_OPS: ReadonlySet<AccessOp> = new Set(['mutate', 'setitem', 'delitem', 'attr-store', 'augassign', 'rmw']);
/** Where a coroutine can be suspended: `await`, `async for`, `async with` (as text: a string that mentions them only errs towards a warning). */
const AWAITS = /\bawait\b|\basync\s+(for|with)\b/;
/** Writes that store a value (which may have been computed from a read before an `await`). */
const STORE_OPS: ReadonlySet<AccessOp> = new Set(['rebind', 'attr-store', 'setitem', 'self-write', 'rmw', 'augassign']);
/** What a call's callee must look like, as written, for Scope.results: a dotted name. */
const RESULT_CALLEE = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/;
const WRITE_OPS: ReadonlySet<AccessOp> = new Set(['rebind', 'setitem', 'delitem', 'attr-store', 'augassign', 'rmw', 'self-write']);
const PROCESS_WIDE_LAST = new Set([...PROCESS_WIDE_CALLS.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1)));
const LITERAL_MUTABLE: ReadonlyMap<string, string> = new Map(Object.entries({
  list: 'list',
  dictionary: 'dict',
  set: 'set',
  list_comprehension: 'list',
  dictionary_comprehension: 'dict',
  set_comprehension: 'set',
}));
/** A number, `True`/`False`/`None`, or a string without f-string interpolation. */
function isLiteral(node: Node): boolean {
  switch (node.type) {
    case 'string':
      return !node.namedChildren.some((c) => c?.type === 'interpolation');
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
      return true;
    default:
      return false;
  }
}

/** CONSTANT_ENTRY for `X["v1"] = "ikev1"` or `X["string"] = str` (a literal key; a literal or builtin type stored), else undefined. */
function constantEntry(subscript: Node, value: Node): string | undefined {
  const key = singleKey(subscript);
  if (key === null || !isLiteral(key)) return undefined;
  if (!isLiteral(value) && !(value.type === 'identifier' && BUILTIN_TYPES.has(value.text))) return undefined;
  // (A string by its contents: `MODE["state"]` and `MODE['state']` are one key.)
  const text = (n: Node) => (n.type === 'string' ? JSON.stringify(n.text.replace(/^[rRuUbB]*(['"]{3}|['"])([\s\S]*)\1$/, '$2')) : n.text);
  return `${CONSTANT_ENTRY}${text(key)}=${text(value)}`;
}

const BUILTIN_TYPES = new Set(['str', 'int', 'float', 'bool', 'bytes', 'complex', 'object', 'dict', 'list', 'tuple', 'set', 'frozenset', 'type']);

/** Whether every mention of `chain` in `value` is the argument of `len(...)` (and there is one). */
function readsOnlyLength(value: Node, chain: string): boolean {
  let found = false;
  const visit = (node: Node): boolean => {
    if ((node.type === 'identifier' || node.type === 'attribute') && chainOf(node) === chain) {
      const args = node.parent;
      const call = args?.type === 'argument_list' && args.namedChildCount === 1 ? args.parent : null;
      if (call?.type !== 'call' || call.childForFieldName('function')?.text !== 'len') return false;
      found = true;
      return true;
    }
    for (const c of node.namedChildren) if (c && !visit(c)) return false;
    return true;
  };
  return visit(value) && found;
}

/**
 * The names a subscript's key is made of (`_cache[k]`, `_cache[(pattern, flags)]`, `_cache[pattern, flags]`),
 * each part of what the entry is computed from; null for any other key.
 */
function keyNames(keys: Node[]): string[] | null {
  if (keys.length === 0) return null;
  let key = keys[0];
  while (key.type === 'parenthesized_expression' && key.namedChildCount === 1) key = key.namedChildren[0]!;
  const parts = keys.length > 1 ? keys : key.type === 'tuple' ? key.namedChildren : [key];
  if (parts.length === 0 || !parts.every((p) => p?.type === 'identifier')) return null;
  return parts.map((p) => p!.text);
}

/** The parameters a key keeps whole (purePublication()): `str(x)`, `repr(x)`, `tuple(x)`, `(a, b)`, `a`; none for anything else. */
function keySources(made: Node): string[] {
  while (made.type === 'parenthesized_expression' && made.namedChildCount === 1) made = made.namedChildren[0]!;
  if (made.type === 'identifier') return [made.text];
  if (made.type === 'tuple') return made.namedChildren.every((c) => c?.type === 'identifier') ? made.namedChildren.map((c) => c!.text) : [];
  if (made.type !== 'call' || !/^(str|repr|tuple)$/.test(made.childForFieldName('function')?.text ?? '')) return [];
  const args = made.childForFieldName('arguments')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
  return args.length === 1 && args[0]!.type === 'identifier' ? [args[0]!.text] : [];
}

/** How many times the function around `at` binds `name` (assignment targets, loop variables, `:=`, `with ... as`, augmented assignments). */
function bindingsIn(at: Node, name: string): number {
  let fn: Node | null = at;
  while (fn !== null && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return Infinity;
  let n = 0;
  for (const id of body.descendantsOfType('identifier')) {
    if (id?.text !== name) continue;
    let p: Node | null = id.parent;
    let child: Node = id;
    // Up through target lists (`key, other = ...`).
    while (p !== null && (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'list_pattern' || p.type === 'expression_list' || p.type === 'tuple' || p.type === 'list' || p.type === 'parenthesized_expression')) {
      child = p;
      p = p.parent;
    }
    if (p === null) continue;
    const left = p.childForFieldName('left') ?? (p.type === 'named_expression' ? p.childForFieldName('name') : p.type === 'as_pattern' ? p.childForFieldName('alias') : null);
    if ((p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'for_statement' || p.type === 'for_in_clause' || p.type === 'named_expression') && left?.id === child.id) n++;
    else if (p.type === 'as_pattern_target' || p.type === 'as_pattern') n++;
  }
  return n;
}

/**
 * The value last assigned to the plain name `name` (`key = str(langs)`) in a statement before `from`, in
 * its block or an enclosing one of the same function; null when there is none or the name is bound
 * otherwise there (a loop, `with ... as`, an augmented assignment), or bound more than once in the function.
 */
function precedingValue(name: string, from: Node | null): Node | null {
  // (Bound once in the function: not rebound by unpacking, `:=` or a later pass of a loop.)
  if (from === null || bindingsIn(from, name) !== 1) return null;
  for (let s: Node | null = from; s !== null && s.type !== 'function_definition' && s.type !== 'class_definition' && s.type !== 'module'; s = s.parent) {
    for (let p = s.previousNamedSibling; p !== null; p = p.previousNamedSibling) {
      const a = p.type === 'expression_statement' ? p.namedChildren[0] : null;
      if (a?.type === 'assignment' && a.childForFieldName('left')?.type === 'identifier' && a.childForFieldName('left')!.text === name) {
        const right = a.childForFieldName('right');
        return right !== null && right.type !== 'assignment' ? right : null;
      }
      // (Bound some other way first: not followed.)
      if (p.type !== 'expression_statement' && p.type !== 'comment' && p.descendantsOfType('identifier').some((id) => id?.text === name)) return null;
      if (a?.type === 'augmented_assignment' && a.childForFieldName('left')?.text === name) return null;
    }
  }
  return null;
}

/** The statement holding the assignment to `target`, the block it sits in, and the type of that block's owner (`if_statement`, ...). */
function enclosingBlock(target: Node): { stmt: Node; block: Node; owner: string } | null {
  // `r = _cache[k] = value`: the statement of the outermost assignment of the chain.
  let assignment = target.parent;
  while (assignment?.type === 'assignment' && assignment.parent?.type === 'assignment') assignment = assignment.parent;
  const stmt = assignment?.parent;
  const block = stmt?.parent;
  if (!stmt || block?.type !== 'block') return null;
  return { stmt, block, owner: block.parent?.type ?? '' };
}

/** The `Access.detail` of a pure write: kind, the module-level and builtin names it reads, its text (see IDEMPOTENT_VALUE). */
function pureDetail(kind: string, free: Set<string>, value: Node): string {
  return `${IDEMPOTENT_VALUE}${kind}${PURE_NAMES}${[...free].sort().join(',')} ${value.text.replace(/\s+/g, ' ')}`;
}
/** Python 2's names, still imported by code that runs on both (`from thread import get_ident as _get_ident`). */
const PY2_THREAD_IDS = new Set(['thread.get_ident', 'dummy_thread.get_ident', '_dummy_thread.get_ident']);
const THREAD_ID_CALLS = new Set([
  '_thread.get_ident', 'threading.get_ident', 'threading.get_native_id', 'threading.current_thread', 'threading.currentThread',
  ...PY2_THREAD_IDS,
  // The running asyncio task (one per caller, as a thread is), and a loop this call just made (asgiref's
  // `loop = asyncio.new_event_loop(); self.loop_thread_executors[loop] = ...`): keys no other caller has.
  'asyncio.current_task', 'asyncio.tasks.current_task', 'asyncio.new_event_loop',
]);
/** Containers that hold their keys weakly: an entry keyed by the request being served goes with it (isThreadKey()). */
const WEAK_CONTAINERS = new Set(['weakref.WeakKeyDictionary', 'weakref.WeakSet']);
/** The first parameter of a WSGI middleware's `__init__`, the application it wraps (CherryPy's and Paste's `nextapp` too). */
const WSGI_APP_PARAMS = new Set(['app', 'application', 'wsgi_app', 'nextapp', 'next_app']);
/** Calls that iterate over their argument as it is (noteLoopOver()): the position of the iterable, -1 for every argument. */
const LIVE_ITERATORS: ReadonlyMap<string, number> = new Map([['reversed', 0], ['enumerate', 0], ['iter', 0], ['map', 1], ['filter', 1], ['zip', -1], ['chain', -1]]);
/** A cheap first test of a body's text before looking for the returns of an identity getter (THREAD_ID_CALLS, THREAD_ID_ATTRS). */
const IDENTITY_TEXT = /return[^\n]*(get_ident|get_native_id|current_thread|currentThread|current_task|new_event_loop|ident\b)/;
/** Attributes of a `Thread` object unique to it while it runs (`threading.current_thread().ident`); `name` is not. */
const THREAD_ID_ATTRS = new Set(['ident', 'native_id']);

/** Last names of the calls and attributes in RESTORED_FROM's sources. */
const RESTORE_SOURCE_NAMES = new Set([...RESTORED_FROM.values()].flatMap((set) => [...set].map((c) => c.slice(c.lastIndexOf('.') + 1))));

/** How often `name` occurs in `text[from, to)` as a whole word (counting stops at `limit`). */
function mentionsOf(text: string, name: string, from: number, to: number, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(name, from); at >= 0 && at + name.length <= to && count < limit; at = text.indexOf(name, at + name.length)) {
    if (!isNameChar(text.charCodeAt(at - 1)) && !isNameChar(text.charCodeAt(at + name.length))) count++;
  }
  return count;
}

/**
 * `D[x.__qualname__] = x`, `D[x.__name__] = x`: the stored object keyed by its own name (`x` a
 * plain name, the same in the key and the value).
 */
function selfKeyed(target: Node, value: Node): boolean {
  if (target.type !== 'subscript' || value.type !== 'identifier') return false;
  const keys = target.childrenForFieldName('subscript').filter((k): k is Node => k !== null && k.type !== 'comment');
  if (keys.length !== 1) return false;
  const key = keys[0];
  if (key.type === 'attribute') {
    const attr = key.childForFieldName('attribute')?.text ?? '';
    return (attr === '__qualname__' || attr === '__name__') && key.childForFieldName('object')?.text === value.text;
  }
  // (Not `D[id(x)] = x`: a pool of objects that come and go, whose ids the runtime reuses.)
  return false;
}

/** The values of a body's `return` statements, outside nested functions and classes (null for a bare `return`). */
function returnValues(body: Node): (Node | null)[] {
  const out: (Node | null)[] = [];
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    if (n.type === 'return_statement') {
      out.push(n.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null);
      continue;
    }
    for (const c of n.namedChildren) if (c !== null) stack.push(c);
  }
  return out;
}

/** Whether every `return` of a body (outside nested functions) returns a call or a lambda, and one does. */
function makesEveryReturn(body: Node): boolean {
  const values = returnValues(body);
  return values.length > 0 && values.every((v) => v !== null && (v.type === 'call' || v.type === 'lambda'));
}

/** `getattr(x, "name", ...)` / `hasattr(x, "name")`: the object, the literal name and the arguments (comments left out); null otherwise. */
function literalLookup(argNodes: readonly (Node | null)[]): { object: Node; name: string; args: Node[] } | null {
  const args = argNodes.filter((a): a is Node => a !== null && a.type !== 'comment');
  if (args.length < 2 || args[1].type !== 'string') return null;
  const name = args[1].namedChildren.find((c) => c?.type === 'string_content')?.text;
  return name === undefined ? null : { object: args[0], name, args };
}

/** Whether `node` sits in a `for` or `while` loop that starts after offset `from` (inside the `if` there). */
function inLoopAfter(node: Node, from: number): boolean {
  for (let n: Node | null = node.parent; n !== null && n.startIndex >= from; n = n.parent) {
    if (n.type === 'for_statement' || n.type === 'while_statement') return true;
    if (n.type === 'function_definition') return false;
  }
  return false;
}

/** Whether `condition` tests only whether `chain` is set: `chain`, `not chain`, `chain is None`, `chain is not None` (also `==`/`!=`). */
function lazyTestOf(condition: Node | null, chain: string): boolean {
  let c = condition;
  while (c !== null && c.type === 'parenthesized_expression') c = c.namedChildren.find((n) => n !== null && n.type !== 'comment') ?? null;
  if (c === null) return false;
  if (c.type === 'not_operator') return lazyTestOf(c.childForFieldName('argument'), chain);
  if (c.type === 'identifier' || c.type === 'attribute') return chainOf(c) === chain;
  if (c.type === 'comparison_operator') {
    const parts = c.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    return parts.length === 2 && chainOf(parts[0]) === chain && parts[1].type === 'none';
  }
  return false;
}

/**
 * `if _rates is None or time.time() - _loaded > 300:`: an `or` with a side that asks something that
 * changes by itself (a call), which can hold again once the value is set (Access.check.refresh);
 * with `and`, the same for the test a write follows when it fails (`if _x is not None and fresh(): return _x`).
 */
function refreshTest(condition: Node, operator: 'or' | 'and'): boolean {
  let c: Node | null = condition;
  while (c !== null && c.type === 'parenthesized_expression') c = c.namedChildren.find((n) => n !== null && n.type !== 'comment') ?? null;
  if (c === null || c.type !== 'boolean_operator' || c.childForFieldName('operator')?.type !== operator) return false;
  // A side that asks something that changes by itself: a call (`time.time() - _at > 300`, `_x.expired()`,
  // `os.path.getmtime(p) != _mtime`), not one that only measures (`len(_c) == 0`) nor a comparison of
  // names (`_schema != SCHEMA`, which the fill makes false for good).
  return c.descendantsOfType('call').some((call) => call !== null && !MEASURING_CALLS.has(call.childForFieldName('function')?.text ?? ''));
}

/** Builtins a refresh test may call without asking for anything that changes by itself (refreshTest()). */
const MEASURING_CALLS = new Set(['len', 'isinstance', 'hasattr', 'getattr', 'bool', 'type', 'callable', 'id']);

/**
 * Whether the function around `node` reads an entry of `chain` by subscript after offset `from`
 * (`return _cache[k]`, `v = _cache[k]`): not a store, an augmented assignment or a `del` of one.
 */
function readsEntryAfter(node: Node, chain: string, from: number): boolean {
  let fn: Node | null = node.parent;
  while (fn !== null && fn.type !== 'function_definition') fn = fn.parent;
  if (fn === null) return false;
  for (const sub of fn.descendantsOfType('subscript')) {
    if (!sub || sub.startIndex < from || chainOf(sub.childForFieldName('value')) !== chain) continue;
    const parent = sub.parent;
    if (parent === null || parent.type === 'delete_statement' || (parent.type === 'expression_list' && parent.parent?.type === 'delete_statement')) continue;
    if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && parent.childForFieldName('left')?.equals(sub)) continue;
    if (parent.type === 'pattern_list' || parent.type === 'tuple_pattern') continue;
    // (Not a read in `try:` whose handler catches the KeyError: docker's `_cache[pattern]` ... `except KeyError:`.)
    if (inLookupTry(sub, fn)) continue;
    return true;
  }
  return false;
}

/** Whether the text calls `reactor.run(`, `react(` or `.run_forever(` anywhere (runsLoopForGood() looks closer). */
function mentionsLoopRun(text: string): boolean {
  return text.includes('.run_forever(') || text.includes('react(') || text.includes('reactor.run(');
}

/** Whether `node` sits in the body of a `try:` (inside `fn`) with an `except KeyError:` (or `LookupError`, `IndexError`) clause. */
function inLookupTry(node: Node, fn: Node): boolean {
  for (let n: Node | null = node.parent; n !== null && !n.equals(fn); n = n.parent) {
    if (n.type !== 'block' || n.parent?.type !== 'try_statement' || !n.parent.childForFieldName('body')?.equals(n)) continue;
    if (n.parent.namedChildren.some((c) => c?.type === 'except_clause' && /\b(KeyError|LookupError)\b/.test(handlerHead(c)))) return true;
  }
  return false;
}

/** A character that can continue a Python name (ASCII letters, digits, `_`, and anything beyond ASCII). */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/** The text of a body's end that returns a plain name: `return wrap`, maybe with a comment (ASCII names only). */
const RETURNS_NAME = /^return\s+([A-Za-z_]\w*)\s*(?:#[^\n]*)?$/;

/** Receivers of logging calls (`log.warning(...)`, `self.logger.info(...)`, `logging.warning(...)`). */
const LOGGER = /^(?:\w+\.)*_*(?:log|logger|LOG|LOGGER|Log|Logger|logging)$/;
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);

/**
 * Access.check `once`: the write at `write` (an assignment of a literal to `chain`) is a statement of
 * the body of the `if` at `ifStart`, whose test is the flag's truth (`not chain`, `chain`,
 * `chain is None`, `chain is False`), and that body does nothing but log or warn (`log.warning(...)`,
 * `warnings.warn(...)`, `print(...)`, `pass`, a local message made with formatting only) and assign the
 * flag: a warn-once flag.
 */
function warnOnceBlock(write: Node, ifStart: number, condition: Node, chain: string): boolean {
  let test: Node | null = condition;
  if (test.type === 'not_operator') test = test.childForFieldName('argument');
  else if (test.type === 'comparison_operator') {
    const parts = test.namedChildren;
    if (parts.length !== 2 || !/^(None|False)$/.test(parts[1]?.text ?? '') || !/\bis\b|==/.test(test.text)) return false;
    test = parts[0];
  }
  if (test === null || test.text !== chain) return false;
  const at = warnOnceStatement(write, ifStart);
  return at !== null && onlyLogs(at.body, chain);
}

/**
 * The statement that makes `write`, when it is a direct child of the body of the `if` at `ifStart`
 * and that `if` has no `elif` and no `else:` but one that only logs too (nova's `else: LOG.debug(msg)`:
 * `if not _running: ...; _running = True` / `else: return "busy"` is a busy flag, which guards work);
 * with that body. Null otherwise (warnOnceBlock(), warnOnceKeyed()).
 */
function warnOnceStatement(write: Node, ifStart: number): { stmt: Node; body: Node } | null {
  let stmt: Node | null = write;
  while (stmt !== null && stmt.type !== 'expression_statement') stmt = stmt.parent;
  const body = stmt?.parent ?? null;
  const ifNode = body?.parent ?? null;
  if (stmt === null || body?.type !== 'block' || ifNode?.type !== 'if_statement' || ifNode.startIndex !== ifStart || ifNode.childForFieldName('consequence')?.startIndex !== body.startIndex) return null;
  for (const c of ifNode.namedChildren) {
    if (c?.type === 'elif_clause') return null;
    if (c?.type === 'else_clause' && !onlyLogs(c.childForFieldName('body'), null)) return null;
  }
  return { stmt, body };
}

/**
 * Access.check `once` for a key: the write at `write` (`SEEN[key] = <literal>`, `SEEN.add(key)`) is a
 * statement of the body of the `if` at `ifStart`, whose test is `key not in SEEN`, and that body
 * otherwise only logs or warns (an `else:` too): a warn-once-per-key set (zeroconf's
 * `log_warning_once`).
 */
function warnOnceKeyed(write: Node, ifStart: number, condition: Node, chain: string): boolean {
  if (condition.type !== 'comparison_operator' || !/\bnot\s+in\b/.test(condition.text)) return false;
  const parts = condition.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (parts.length !== 2 || chainOf(parts[1]) !== chain) return false;
  const at = warnOnceStatement(write, ifStart);
  const e = at?.stmt.namedChildren[0] ?? null;
  const stored = e?.type === 'assignment' && e.childForFieldName('left')?.type === 'subscript' && e.childForFieldName('right') !== null && isLiteral(e.childForFieldName('right')!);
  const added = e?.type === 'call' && e.childForFieldName('function')?.type === 'attribute' && e.childForFieldName('function')?.childForFieldName('attribute')?.text === 'add';
  return at !== null && (stored || added) && onlyLogs(at.body, null, at.stmt);
}

/**
 * The statements of a block only log, warn, print or format a message, and (when `flag` is given)
 * store a literal in that flag: warnOnceBlock().
 */
function onlyLogs(body: Node | null, flag: string | null, skip: Node | null = null): boolean {
  if (body === null) return false;
  for (const s of body.namedChildren) {
    if (s === null || s.type === 'comment' || s.type === 'pass_statement' || (skip !== null && s.equals(skip))) continue;
    if (s.type !== 'expression_statement') return false;
    const e = s.namedChildren[0];
    if (e?.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      // (A logger method chosen for the message, zeroconf's `logger = log.warning` / `else: logger = log.debug`.)
      if (left?.type === 'identifier' && left.text !== flag && right?.type === 'attribute' && LOG_METHODS.has(right.childForFieldName('attribute')?.text ?? '') && LOGGER.test(right.childForFieldName('object')?.text ?? '')) continue;
      // (A message made first, `msg = _LW("no format: %s") % name`: a local, formatting only.)
      if (left?.type === 'identifier' && left.text !== flag && right !== null && formattingOnly(right)) continue;
      if (flag === null || left?.text !== flag || right === null || !isLiteral(right)) return false;
      continue;
    }
    if (e?.type !== 'call') return false;
    // (Its arguments do nothing but format: `log.info("ready: %s", init_db())` does the work once-only code guards.)
    if (!formattingOnly(e.childForFieldName('arguments'))) return false;
    const callee = e.childForFieldName('function');
    if (callee?.type === 'identifier' && (callee.text === 'print' || callee.text === 'logger')) continue;
    if (callee?.type !== 'attribute') return false;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object')?.text ?? '';
    if ((receiver === 'warnings' && method === 'warn') || (LOG_METHODS.has(method) && LOGGER.test(receiver))) continue;
    return false;
  }
  return true;
}

/** Calls a log message's arguments may make that only format: builtins that convert, translation markers, `str.format`. */
const FORMATTING_CALLS = /^(str|repr|len|type|int|float|format|_|_L[WEIC]|gettext|ugettext|gettext_lazy)$/;

/** Whether the calls among `args` (a log call's arguments) only format the message (FORMATTING_CALLS, `"...".format(...)`). */
function formattingOnly(args: Node | null): boolean {
  if (args === null) return true;
  const stack: Node[] = [args];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      const ok = callee?.type === 'identifier' ? FORMATTING_CALLS.test(callee.text) : callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'format' && callee.childForFieldName('object')?.type === 'string';
      if (!ok) return false;
    }
    // A keyword naming a file (`print(..., file=open(path, "a"))`) is a call too, caught above.
    for (const c of node.namedChildren) if (c !== null) stack.push(c);
  }
  return true;
}

/** The start of an `Access.detail` for a literal stored by a rebinding (see LITERAL_VALUE). */
const LITERAL_PREFIX = `${IDEMPOTENT_VALUE}${LITERAL_VALUE} `;

/** DB-API `connect()` functions whose connections' cursors must not be shared between threads (psycopg's documentation; PEP 249). */
const DB_CONNECT = new Set(['psycopg2.connect', 'psycopg.connect', 'psycopg.Connection.connect', 'pymysql.connect', 'MySQLdb.connect', 'mysql.connector.connect', 'oracledb.connect', 'cx_Oracle.connect']);

/** Django's `@receiver` decorator. */
const DJANGO_RECEIVERS = new Set(['django.dispatch.receiver', 'django.dispatch.dispatcher.receiver']);

/** Where `node` is, in rows from `origin`'s first row (and columns). */
function relativeSpan(node: Node, origin: Node): string {
  const row = origin.startPosition.row;
  return `${node.startPosition.row - row}:${node.startPosition.column}:${node.endPosition.row - row}:${node.endPosition.column}`;
}

/** Constructors of immutable containers: a global bound to a new one is a snapshot swapped in whole. */
const SNAPSHOT_CALLS = new Set(['frozenset', 'tuple', 'types.MappingProxyType']);

/** A subscript's one key (`"header"` in `layout["header"]`), or null for none or several (`grid[i, j]`). */
function singleKey(subscript: Node): Node | null {
  const keys = subscript.childrenForFieldName('subscript').filter((k): k is Node => k !== null && k.type !== 'comment');
  return keys.length === 1 ? keys[0] : null;
}

/** The text of a subscript's one key, or null (singleKey). */
function subscriptKey(subscript: Node): string | null {
  return singleKey(subscript)?.text ?? null;
}

/**
 * `SALES.loc` (`.iloc`, `.at`, `.iat`): the frame whose items the accessor assigns, or null (also for
 * `self.at`, an attribute of the object named `at`).
 */
function frameOfAccessor(chain: string, selfName: string | undefined): string | null {
  if (!chain.endsWith('loc') && !chain.endsWith('at')) return null;
  const accessor = /^(.+)\.(loc|iloc|at|iat)$/.exec(chain);
  return accessor !== null && accessor[1] !== selfName ? accessor[1] : null;
}

/** Method names that set an object up (after a double-checked publication: `_model.load(path)`), not ones that use it (`ping`, `get`). */
const SETUP_METHOD = /^(load\w*|init\w*|setup|set_up|configure|connect|start|open|fit|build|prepare|warm\w*|populate|register\w*|add_\w+|update|set_\w+|read\w*|compile|train)$/;
/** The end of `f(...).copy()` (and other methods that return a new object: `to_dict()`, `astype(...)`, ...). */
const COPY_RESULT = /\)\s*\.\s*(?:copy|deepcopy|to_dict|to_list|tolist|astype)\s*\([^()]*\)$/;
/** Django's admin classes whose getters return the class attribute as it is. */
const DJANGO_ADMIN_BASE = /^django\.contrib\.(?:\w+\.)*admin(?:\.options)?\.\w*(?:Admin|Inline)$/;
/**
 * Django's `ModelAdmin`/`InlineModelAdmin` getters that return the class attribute itself
 * (`django/contrib/admin/options.py`: `def get_list_filter(self, request): return self.list_filter`),
 * so that changing what `super().get_list_filter(request)` returned changes the class's list.
 */
const ADMIN_GETTERS: ReadonlyMap<string, string> = new Map([
  ['get_list_display', 'list_display'],
  ['get_list_filter', 'list_filter'],
  ['get_search_fields', 'search_fields'],
  ['get_readonly_fields', 'readonly_fields'],
  ['get_fieldsets', 'fieldsets'],
  ['get_fields', 'fields'],
  ['get_exclude', 'exclude'],
  ['get_inlines', 'inlines'],
  ['get_prepopulated_fields', 'prepopulated_fields'],
  ['get_autocomplete_fields', 'autocomplete_fields'],
  ['get_list_select_related', 'list_select_related'],
]);

/**
 * `text` as code only, for the searches that count a name's mentions: each comment and the inside
 * of each string that is prose (with punctuation, anything but names, dotted or slashed paths and
 * spaces: `'_find_pools, pool: %s'`, most docstrings) turned into spaces, so that a word in a log
 * message or a docstring names nothing. A string that could name code stays (`getattr(self,
 * '_flush')`, `'pkg.mod:main'`, `__all__ = ['killall']`, `"_bump _noop".split()`), and so do
 * f-strings, whose fields are code. Lengths and line breaks are
 * kept: offsets into `text` hold in the result. `text` must start outside a string (a file, a body).
 */
function codeOnly(text: string): string {
  if (!text.includes('#') && !text.includes("'") && !text.includes('"')) return text;
  const parts: string[] = [];
  let kept = 0;
  const start = /[#'"]/g;
  for (let m = start.exec(text); m !== null; m = start.exec(text)) {
    const at = m.index;
    const c = text[at];
    if (c === '#') {
      const end = lineEnd(text, at);
      parts.push(text.slice(kept, at), ' '.repeat(end - at));
      kept = start.lastIndex = end;
      continue;
    }
    const quote = text.startsWith(c + c + c, at) ? c + c + c : c;
    const from = at + quote.length;
    const to = closingQuote(text, from, quote);
    // The prefix (`rb'`, `f"`): an f-string's fields are code.
    let p = at;
    while (p > 0 && at - p < 2 && STRING_PREFIX.test(text[p - 1])) p--;
    const fString = /[fF]/.test(text.slice(p, at));
    const content = text.slice(from, to);
    if (!fString && /[^\w\s.:/-]/.test(content)) parts.push(text.slice(kept, from), content.replace(/[^\n]/g, ' '));
    else parts.push(text.slice(kept, to));
    kept = to;
    start.lastIndex = Math.min(text.length, to + quote.length);
  }
  parts.push(text.slice(kept));
  return parts.join('');
}

const STRING_PREFIX = /[rRbBuUfF]/;

/** stevedore's driver manager (`stevedore.driver.DriverManager`, also exported by the package). */
const STEVEDORE_DRIVER_MANAGERS = new Set(['stevedore.driver.DriverManager', 'stevedore.DriverManager']);

/** A private name (`_helper`), not a dunder. */
const PRIVATE_NAME = /^_(?!_)\w/;

/**
 * The top-level comma-separated parts of the parenthesised list that opens at `open` in `code` (the
 * text of codeOnly(), strings of punctuation blanked), or null when it does not close.
 */
function argumentParts(code: string, open: number): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        const last = code.slice(from, i);
        if (last.trim() !== '' || parts.length > 0) parts.push(last);
        return parts;
      }
    } else if (c === ',' && depth === 1) {
      parts.push(code.slice(from, i));
      from = i + 1;
    }
  }
  return null;
}

/** The end of the line `at` is on (its `\n`, or the end of `text`). */
function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/**
 * Where the string whose content starts at `from` ends (the index of its closing `quote`): past
 * escaped quotes; a one-line string ends at its line's end at the latest (an unclosed one).
 */
function closingQuote(text: string, from: number, quote: string): number {
  const limit = quote.length === 1 ? lineEnd(text, from) : text.length;
  for (let at = text.indexOf(quote, from); at >= 0 && at < limit; at = text.indexOf(quote, at + 1)) {
    let slashes = 0;
    while (text[at - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return at;
  }
  return limit;
}

/** Literal containers whose items `noteKept` looks into. */
const CONTAINER_LITERALS = new Set(['list', 'tuple', 'set', 'dictionary']);

/** FunctionInfo.holds of a function that runs the code it is given without the lock at some place. */
const NO_HOLD = '-';
/**
 * FunctionInfo.holds of a method decorator whose wrapper takes a lock of the instance it is called
 * on (`def wrapper(self, *a): with self._lock: return method(self, *a)`): this prefix, then the
 * attribute (`self:_lock`). The decorated method's body holds `self._lock`.
 */
const SELF_HOLD = 'self:';
/** FunctionInfo.holds of a method whose every `return` gives back one attribute of `self` (`return self._lock`): `self-return:` and its name. */
const SELF_RETURN = 'self-return:';

/** Calls (last name) that keep a function given to them to call it later (see noteRegistration). */
/** Parsers that make a new object from text or a file (rebindDetail(): FRESH_PUBLISHED). */
const PARSER_CALLS = new Set(['json.loads', 'json.load', 'yaml.safe_load', 'yaml.load', 'yaml.full_load', 'tomllib.loads', 'tomllib.load', 'toml.loads', 'toml.load', 'tomli.loads', 'tomli.load', 'pickle.loads', 'pickle.load', 'orjson.loads', 'ujson.loads', 'ujson.load', 'simplejson.loads', 'simplejson.load']);
/** `request.app.state.counts`, `request.registry.settings`: the application a request reaches (Starlette, aiohttp, Pyramid), no data of that request. */
const APP_OF_REQUEST = /^\.(app|registry)(\.|$)/;
/** Class decorators and bases whose instances refuse attribute stores (ClassInfo.frozen). */
const FROZEN_DECORATORS = new Set(['attr.frozen', 'attrs.frozen', 'attr.define_frozen']);
const FROZEN_OPTION_DECORATORS = new Set(['dataclasses.dataclass', 'attr.s', 'attr.attrs', 'attr.define', 'attrs.define', 'attr.mutable', 'attrs.mutable']);
const FROZEN_BASES = new Set(['typing.NamedTuple']);
/** Whether the code names function `name` twice only: at its `def` and as a thread's `target=` (finishOneThread(), finishStartedThreads()). */
function namedOnlyAsThreadTarget(src: string, name: string): boolean {
  const all = src.match(new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g'))?.length ?? 0;
  const defined = src.match(new RegExp(`\\bdef\\s+${name}\\s*\\(`, 'g'))?.length ?? 0;
  const targets = src.match(new RegExp(`\\btarget\\s*=\\s*${name}(?!\\w)`, 'g'))?.length ?? 0;
  return defined === 1 && targets === 1 && all === 2;
}
/** Clocks whose reading, less a start time kept for the request, is how long it took (isDuration()). */
const CLOCK_CALLS = new Set([
  'time.time', 'time.perf_counter', 'time.monotonic', 'time.process_time', 'time.time_ns', 'time.perf_counter_ns', 'time.monotonic_ns',
  'timeit.default_timer', 'datetime.datetime.now', 'datetime.datetime.utcnow', 'django.utils.timezone.now',
]);
/** What a request brings as input, in an expression's text (isDuration()): a start time taken from it is no measurement. */
const REQUEST_INPUT = /\b(args|form|GET|POST|values|json|get_json|headers|params|query_params|data|cookies|COOKIES|META|environ)\b/;
/** Decorators of a Flask application or blueprint whose function runs for requests (FunctionInfo.isRequest), named only so by Flask and Quart. */
const FLASK_REQUEST_HOOKS = new Set([
  'before_request', 'after_request', 'teardown_request', 'before_app_request', 'after_app_request', 'teardown_app_request', 'teardown_appcontext',
]);
/** More of them, with names other libraries use too: only in a module that imports Flask or Quart. */
const FLASK_REQUEST_HOOKS_IMPORTED = new Set(['context_processor', 'app_context_processor', 'errorhandler', 'app_errorhandler', 'url_value_preprocessor', 'url_defaults']);
/** Flask's registrations of a function that then runs for requests (noteRegistration: REQUEST_HOOK_METHOD). */
const REQUEST_HOOK_CALLS = new Set(['before_request', 'after_request', 'teardown_request', 'teardown_appcontext', 'add_url_rule', 'before_app_request', 'after_app_request', 'teardown_app_request']);
const REGISTERING_CALLS = new Set([
  'connect', 'register_error_handler', 'add_url_rule', 'add_api_route', 'add_api_websocket_route', 'add_route',
  'add_websocket_route', 'before_request', 'after_request', 'teardown_request', 'teardown_appcontext',
  'before_app_request', 'after_app_request', 'teardown_app_request',
  'add_event_handler', 'Thread', 'Timer', 'submit', 'add_done_callback', 'call_soon', 'call_soon_threadsafe',
  'call_later', 'call_at', 'run_in_executor', 'to_thread', 'add_signal_handler', 'add_job',
  'add_callback', 'spawn_callback', 'add_timeout', 'PeriodicCallback', 'run_in_threadpool', 'sync_to_async', 'database_sync_to_async',
]);

/** Registering calls (REGISTERING_CALLS) that hand the function to other threads (refs `from: 'thread'`). */
// Starlette's `run_in_threadpool(f, ...)` and asgiref's `sync_to_async(f)` run `f` on a worker thread.
// (Channels' `database_sync_to_async` is a `sync_to_async` that closes old database connections around the call.)
const THREAD_HANDOFF = new Set(['Thread', 'Timer', 'submit', 'run_in_executor', 'to_thread', 'add_job', 'run_in_threadpool', 'sync_to_async', 'database_sync_to_async']);
/** Decorators that make a function run on a worker thread whenever it is awaited (asgiref, Channels). */
const THREAD_DECORATORS = new Set(['asgiref.sync.sync_to_async', 'channels.db.database_sync_to_async']);

/**
 * Registering calls (REGISTERING_CALLS) that hand the function to an event loop, which runs it on
 * its own thread: asyncio's `call_soon(_threadsafe)`/`call_later`/`call_at`, Tornado's IOLoop
 * `add_callback`/`spawn_callback`/`add_timeout` and `PeriodicCallback` (refs `from: 'loop'`).
 */
const LOOP_SCHEDULING = new Set(['call_soon', 'call_soon_threadsafe', 'call_later', 'call_at', 'add_callback', 'spawn_callback', 'add_timeout', 'PeriodicCallback']);

/** Calls outside the builtins that call a function given to them at once, if at all, and keep nothing. */
const IMMEDIATE_CALLS = new Set([
  'functools.reduce', 'functools.wraps', 'functools.update_wrapper', 're.sub', 're.subn', 'itertools.starmap',
  'itertools.filterfalse', 'itertools.takewhile', 'itertools.dropwhile', 'itertools.groupby', 'itertools.accumulate',
  'heapq.nlargest', 'heapq.nsmallest', 'heapq.merge', 'bisect.bisect', 'bisect.insort', 'inspect.signature',
  'inspect.getsource', 'inspect.isfunction', 'typing.cast', 'copy.copy', 'copy.deepcopy', 'pickle.dumps',
  'json.dumps', 'json.loads', 'logging.debug', 'logging.info', 'logging.warning', 'logging.error',
]);

/** socketserver's and http.server's request handler classes, as written in a class's bases. */
const REQUEST_HANDLER_BASE = /(^|\.)(Base|Stream|Datagram|BaseHTTP|SimpleHTTP|CGIHTTP)RequestHandler$/;
/** Decorators of an application object that register a function to run once, around serving (see isStartupDecorator). */
const STARTUP_HOOK_DECORATORS = /\.(before_first_request|before_serving|after_serving|before_server_start|after_server_start|before_server_stop|after_server_stop|main_process_start|main_process_stop)$/;
/** Decorators (of an object: `@app.x`) that register the function to be called later, by their last name. */
const REGISTERING_DECORATOR = /\.(scheduled_job|task|periodic_task|shared_task|every|interval|cron|subscribe|listener|listen|handler|callback|on|on_\w+|register|connect|hook)$/;
/** Marks an Collector.objectCalls chain written as in the source, to be made canonical when the summary is made. */
const LATER_CANONICAL = '\u0000';
/** `.limiter.hit` or `.authenticate`: the rest of a chain on `self` that may call an object an attribute holds. */
const OWNED_REST = /^\.\w+(?:\.\w+)?$/;
/** In objectCalls: a call through an attribute of `self` (`self.limiter.hit(...)`, FileSummary.ownedCalls). */
const OWNED_CALL = '\u0002';

/** Builtins that convert a value: what they return from request data is that data (`int(request.GET["size"])`). */
const CONVERSIONS = new Set(['int', 'float', 'str', 'bytes', 'bool', 'list', 'tuple', 'set', 'frozenset', 'dict', 'sorted']);

/**
 * Decorators that turn the function they decorate into the wrapper of whatever it is then applied
 * to: its body runs on every call of a decorated function, not when `@counted` is applied at import
 * time (wrapt's `@wrapt.decorator def counted(wrapped, instance, args, kwargs)`, the `decorator`
 * package's `@decorator def trace(f, *args, **kw)`).
 */
const CALLER_DECORATORS = new Set(['wrapt.decorator', 'wrapt.function_wrapper', 'wrapt.patch_function_wrapper', 'wrapt.decorators.decorator', 'decorator.decorator']);
/** A logger's configuration changed on what `logging.getLogger(...)` returned, as written. */
const LOGGER_CHANGE = /^logging\.getLogger\([^]*\)\s*\.\s*(setLevel|addHandler|removeHandler)$/;
/** Thread pools by their class: a local made from one is a pool whatever its name (`with ThreadPoolExecutor() as ex`). */
const THREAD_POOLS = new Set(['concurrent.futures.ThreadPoolExecutor', 'concurrent.futures.thread.ThreadPoolExecutor', 'multiprocessing.pool.ThreadPool', 'multiprocessing.dummy.Pool']);
/** Pools whose workers are processes, each with its own copy of everything (not `multiprocessing.dummy.Pool`, threads). */
const PROCESS_POOLS = new Set(['concurrent.futures.ProcessPoolExecutor', 'concurrent.futures.process.ProcessPoolExecutor', 'multiprocessing.Pool', 'multiprocessing.pool.Pool', 'multiprocessing.context.BaseContext.Pool']);

/** aiohttp's start-up and clean-up signal lists: `app.on_startup.append(f)` (and `cleanup_ctx`). */
const STARTUP_HOOK_LISTS = /\.(on_startup|on_cleanup|on_shutdown|cleanup_ctx)\.(append|extend|insert)$/;

/** Decorators that make a generator function a context manager. */
const CONTEXT_MANAGERS = new Set(['contextlib.contextmanager', 'contextlib.asynccontextmanager']);

/** FastAPI's dependency markers: the callable given is called for each request. */
const DEPENDS = new Set(['fastapi.Depends', 'fastapi.params.Depends', 'fastapi.Security', 'fastapi.params.Security']);

/** Django's `setting_changed` signal, which only `override_settings` and `modify_settings` send (tests). */
const SETTING_CHANGED = new Set(['django.test.signals.setting_changed', 'django.core.signals.setting_changed']);

/** Celery signals sent once per worker (process) before it takes tasks: their receivers are start-up code. */
const CELERY_STARTUP_SIGNALS = new Set(
  ['worker_process_init', 'worker_init', 'celeryd_init', 'celeryd_after_setup', 'worker_ready', 'beat_init', 'import_modules'].map((s) => `celery.signals.${s}.connect`),
);

/** Decorators that make a function a command-line command. */
/**
 * Decorators that make a function a command-line command: click's, and the `hacking` flake8 plugin
 * checks OpenStack projects ship (`@core.flake8ext`: flake8 runs them, in its own process, never the
 * service; hacking's documentation: https://docs.openstack.org/hacking/latest/user/usage.html).
 */
/** A pool's methods that run a function on its workers (`ex.map(f, items)`, `pool.apply_async(f, args)`). */
const PROCESS_TASK_METHODS = /^[A-Za-z_]\w*\.(map|submit|imap|imap_unordered|starmap|apply|apply_async|map_async|starmap_async)$/;
/** Classes whose instances collect command-line commands (`@tiles.command()`): click's groups, Flask's `AppGroup`, typer's application. */
const GROUP_DECORATORS = new Set(['command', 'group', 'callback', 'result_callback']);
const CLI_GROUPS = new Set(['click.Group', 'click.core.Group', 'flask.cli.AppGroup', 'typer.Typer', 'typer.main.Typer']);
const CLICK_COMMANDS = new Set(['click.command', 'click.group', 'flask.cli.with_appcontext', 'hacking.core.flake8ext']);

/**
 * Calls whose keyword argument (the value) names a function run once, before requests or work
 * arrive: first and alone in a child process, or as an ASGI application's lifespan (see childHookKeyword).
 */
const CHILD_HOOKS: ReadonlyMap<string, string> = new Map([
  ['os.register_at_fork', 'after_in_child'],
  ['fastapi.FastAPI', 'lifespan'],
  ['fastapi.applications.FastAPI', 'lifespan'],
  ['starlette.applications.Starlette', 'lifespan'],
  ['concurrent.futures.ProcessPoolExecutor', 'initializer'],
  ['concurrent.futures.process.ProcessPoolExecutor', 'initializer'],
  ['multiprocessing.Pool', 'initializer'],
  ['multiprocessing.pool.Pool', 'initializer'],
  // Celery's fork of multiprocessing, whose pool runs `initializer` in each child before any task.
  ['billiard.Pool', 'initializer'],
  ['billiard.pool.Pool', 'initializer'],
  // PyTorch calls it in each worker process of the loader (and not at all with `num_workers=0`).
  ['torch.utils.data.DataLoader', 'worker_init_fn'],
  ['torch.utils.data.dataloader.DataLoader', 'worker_init_fn'],
]);

/** Process classes whose `target=` is the program of a child process (childHookKeyword()); not `multiprocessing.dummy`'s, a thread. */
const PROCESS_CLASSES = new Set(['multiprocessing.Process', 'multiprocessing.process.BaseProcess', 'multiprocessing.context.Process', 'multiprocessing.context.SpawnProcess', 'multiprocessing.context.ForkProcess', 'multiprocessing.context.ForkServerProcess', 'billiard.Process', 'billiard.process.Process', 'billiard.context.Process']);

/**
 * Calls that give an equal (or the same) object for equal arguments: `re` caches compiled patterns,
 * `logging` keeps one logger per name, and oslo.log keeps one adapter per name over it (its
 * `getLogger` fills a module-level `_loggers` dict).
 */
const IDEMPOTENT_CALLS = new Set([
  're.compile', 'logging.getLogger', 'logging.LoggerAdapter', 'oslo_log.log.getLogger',
  // lxml's compiled XPath: an equal evaluator for an equal expression, and one that serialises its own
  // evaluations (`_XPathEvaluatorBase` takes a lock of its own around each one, lxml's src/lxml/xpath.pxi).
  'lxml.etree.XPath',
]);
/** Functions of the standard library that compute their result from their arguments alone (for pure values). */
const PURE_FUNCTIONS = new Set([
  're.escape', 'html.escape', 'unicodedata.normalize', 'unicodedata.east_asian_width', 'urllib.parse.quote', 'urllib.parse.unquote', 'urllib.parse.quote_plus',
  // The encodings of bytes (hashlib's constructors: HASH_CONSTRUCTORS).
  'binascii.hexlify', 'binascii.unhexlify', 'base64.b64encode', 'base64.b64decode',
  'base64.urlsafe_b64encode', 'base64.urlsafe_b64decode', 'zlib.crc32', 'zlib.adler32',
  // Django's and MarkupSafe's HTML helpers: a new (safe) string made from the arguments.
  'django.utils.html.escape', 'django.utils.html.conditional_escape', 'django.utils.html.format_html', 'django.utils.html.escapejs',
  'django.utils.safestring.mark_safe', 'django.utils.text.slugify', 'markupsafe.escape', 'markupsafe.Markup',
]);
/** Werkzeug's request classes, whose `application` decorator makes a WSGI application of a function taking a request (werkzeug/wrappers/request.py); Flask's derives from them. */
const WERKZEUG_REQUESTS = new Set([
  'werkzeug.wrappers.Request', 'werkzeug.wrappers.request.Request', 'werkzeug.Request', 'werkzeug.wrappers.BaseRequest', 'werkzeug.wrappers.base_request.BaseRequest',
  'flask.Request', 'flask.wrappers.Request',
]);
/** Displays and comprehensions that make a new container (getOrPureDefault()). */
const MUTABLE_RESULT = new Set(['list', 'set', 'dictionary', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension']);
/** Methods that add to a container (purePublication(): a local container filled before it is published). */
const LOCAL_FILL_METHODS = new Set(['append', 'add', 'setdefault', 'update', 'extend', 'insert']);
/** hashlib's constructors: a hash object is fed later, so only its digest taken at once is a value (`sha1(key).hexdigest()`). */
const HASH_CONSTRUCTORS = new Set([
  'hashlib.md5', 'hashlib.sha1', 'hashlib.sha224', 'hashlib.sha256', 'hashlib.sha384', 'hashlib.sha512', 'hashlib.blake2b', 'hashlib.blake2s',
  'hashlib.sha3_256', 'hashlib.sha3_512',
]);
const LITERAL_IMMUTABLE = new Set([
  'integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'ellipsis',
]);

/**
 * Deeper nesting than this is refused, the same on every thread (worker
 * threads have other stack sizes). CPython itself stops compiling at about
 * 1,000-3,000 levels ("maximum recursion depth exceeded during compilation").
 */
export const MAX_DEPTH = 3000;

/** Thrown when a file nests deeper than MAX_DEPTH; the file is skipped with a reason. */
export class NestingTooDeep extends Error {
  constructor() {
    super(`nesting deeper than ${MAX_DEPTH} levels`);
  }
}

export function spanOf(node: Node): Span {
  const s = node.startPosition;
  const e = node.endPosition;
  return [s.row, s.column, e.row, e.column];
}

function spanBetween(start: Node, end: Node): Span {
  const s = start.startPosition;
  const e = end.endPosition;
  return [s.row, s.column, e.row, e.column];
}

const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/**
 * `a.b.c` for identifiers and attribute chains of identifiers; null otherwise.
 * Read from the node's text (one string slice) rather than by walking the
 * attribute nodes, which costs a WebAssembly call per step.
 */
export function chainOf(node: Node | null, knownType?: string): string | null {
  if (!node) return null;
  const type = knownType ?? node.type;
  if (type === 'identifier') return node.text;
  if (type !== 'attribute') return null;
  let text = node.text;
  if (DOTTED.test(text)) return text;
  if (text.includes('#')) return null;
  text = text.replace(/\s+/g, '');
  if (DOTTED.test(text)) return text;
  // `type(self)._lock`: the class of `self`, written as `self.__class__._lock`.
  const typeOf = text.startsWith('type(') ? /^type\((\w+)\)((?:\.\w+)+)$/.exec(text) : text.charCodeAt(0) === 40 /* ( */ && typeAliasTarget(node) ? /^\((\w+)\)((?:\.\w+)+)$/.exec(text) : null;
  return typeOf ? `${typeOf[1]}.__class__${typeOf[2]}` : null;
}

/** The statement a store target belongs to, for the access's span: its assignment, or the target itself. */
function storeStatement(target: Node): Node {
  const parent = target.parent;
  if (parent?.type === 'assignment') return parent;
  // `type(self).x = v`, read as a type alias (typeAliasTarget).
  if (parent?.type === 'type' && parent.parent?.type === 'type_alias_statement') return parent.parent;
  return target;
}

/**
 * Whether an attribute is (part of) the target of `type(self).x = v`, which the grammar reads as a
 * type alias whose `type` keyword is the call's name: `(self).x` there stands for `type(self).x`.
 */
function typeAliasTarget(node: Node): boolean {
  let n: Node | null = node.parent;
  while (n !== null && (n.type === 'subscript' || n.type === 'attribute')) n = n.parent;
  return n !== null && n.type === 'type' && n.parent?.type === 'type_alias_statement' && n.parent.childForFieldName('left')?.id === n.id;
}

/**
 * `X = X or default`: a lazy initialisation in one statement. It tests `X` and writes it like
 * `if not X: X = default`, so it is judged as check-then-act (TL005), not as a read-modify-write
 * whose updates get lost: threads that race each store their own default.
 */
function orDefault(chain: string, value: Node | null, stmt: Node): Partial<Access> | undefined {
  while (value?.type === 'parenthesized_expression') value = value.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  if (value?.type !== 'boolean_operator' || value.childForFieldName('operator')?.type !== 'or') return undefined;
  if (chainOf(value.childForFieldName('left')) !== chain) return undefined;
  return { check: { span: spanOf(stmt), outside: false } };
}

function splitChain(chain: string): [string, string] {
  const dot = chain.indexOf('.');
  return dot < 0 ? [chain, ''] : [chain.slice(0, dot), chain.slice(dot)];
}

export interface CollectInput {
  path: string;
  module: string;
  isPackage: boolean;
  source: string;
  /** Function bodies to reuse (`previous`, from the last run on this document) and to keep for the next run (`next`, filled in). */
  memo?: { previous?: FunctionMemo; next: FunctionMemo };
  /**
   * A statement of `tree` to read from another tree (the language server's quick pass: the
   * function being typed in, parsed alone): the statement of the walked tree that starts at
   * `node.startIndex` is replaced by `node`, and the syntax errors are `node`'s.
   */
  replace?: Node;
}

export function collect(tree: Tree, input: CollectInput, options: ModelOptions): FileSummary {
  return new Collector(input, options).run(tree);
}

class Collector {
  private readonly moduleImports = new Map<string, string>();
  private readonly moduleDefs = new Map<string, RawBinding>();
  private readonly modulePending: Pending[] = [];
  private readonly classes: ClassInfo[] = [];
  private readonly rawClassBases: string[][] = [];
  /** FileSummary.classFactoryCalls, as written (module level only: not replayed from the body memo). */
  private readonly classFactoryCalls: string[] = [];
  /** FileSummary.importCalls, as written (module level only). */
  private readonly importCalls: string[] = [];
  /** A module-level call has started a thread, a pool or a server (FileSummary.importCalls stops there). */
  private threadsStarted = false;
  private readonly rawClassAttrs: RawBinding[][] = [];
  private readonly rawInstanceAttrs: RawBinding[][] = [];
  private readonly functions: FunctionInfo[] = [];
  private readonly accesses: Access[] = [];
  private readonly refs = new Map<string, FileSummary['refs'][number]>();
  private readonly local: LocalFinding[] = [];
  /** Double-checked locking: the global a locked test's body assigned (see notePublication). */
  private readonly published = new Map<Check, { chain: string; node: Node }>();
  /** Lazy initialisations without a lock: the test, and the global's assignment under it (noteEarlySetup()). */
  private readonly earlyPublished = new Map<Check, { chain: string; access: Access; arm: string }>();
  /** While the defaults of a function are visited: the index that function will get, else -1. */
  private defaultsOf = -1;
  /** The key text of a thread-keyed item store being recorded (`tid` of `_conns[tid] = ...`), else ''. */
  private threadKeyText = '';
  /** Lambdas being visited (see visitExprAt). */
  private lambdaDepth = 0;
  /** readChain() of `self` in `isinstance(self, X)`, `type(self)` and the like: no attribute read (READ_ATTR). */
  private selfIdentityOnly = false;
  /** Where the class named as `getattr`/`hasattr`'s object in a method of its own starts (visitCall()), or -1. */
  private ownClassAt = -1;
  /** Functions decorated with `@contextlib.contextmanager` (or the async one), by index. */
  private readonly contextManagers = new Set<number>();
  /** Names of the functions the file gives `weakref.ref(obj, callback)` as the callback, by a plain name (findWeakrefCallbacks()). */
  private weakrefCallbacks: ReadonlySet<string> = new Set();
  /** The same, given as an attribute (`self._remove`, `Proxy._gced`): methods. */
  private weakrefMethodCallbacks: ReadonlySet<string> = new Set();
  /** What the `__setattr__` and `__getattr__` of each class forward to (noteForwarding(); '' for none). */
  private readonly forwarding = new Map<number, { set: string | undefined; get: string | undefined }>();
  /** Per class: a running hash of the names its body has bound so far, with their kinds (bindName(), memoKey()). */
  private readonly classHashes: number[] = [];
  /** Module-level classes whose `__enter__` takes a module-level lock, to its name (noteEnterExit()). */
  private readonly enterLocks = new Map<number, string>();
  /** The text of the `__exit__` body of module-level classes (noteEnterExit()). */
  private readonly exitTexts = new Map<number, string>();
  /** Closures handed to threads by the function that made them (`pool.map(work, ...)`, `Thread(target=work)`). */
  private readonly threadedClosures = new Set<number>();
  /** Qualnames of closures a sibling callback starts threads with, seen before the closure was defined (noteThreadedClosure). */
  private readonly threadedSiblings = new Set<string>();
  /** Methods decorated with `@property` (or `functools.cached_property`): reading `self.name` calls them (CallEdge.read). */
  private readonly propertyFns = new Set<number>();
  /** Module-level names given as `target=` of a `threading.Thread` made at module level, not in a loop (see finishOneThread). */
  private readonly threadTargets: string[] = [];
  /** Module-level functions of this file that return the calling thread's or task's identity (`def get_current_task(): return asyncio.current_task()`). */
  private readonly identityGetters = new Set<string>();
  /** Module-level functions of this file that call the function they are given and return it (`_call_aside`): a decorator that runs what it decorates at once. */
  private readonly callingDecorators = new Set<string>();
  private readonly deleted: string[] = [];
  private readonly starImports: string[] = [];
  private readonly asViewArgs: FileSummary['asViewArgs'] = [];
  private readonly scriptNames: string[] = [];
  /** FileSummary.lockedCaches (decorators outside function bodies only: header-time data, no memo needed). */
  private readonly lockedCaches: string[] = [];
  /** Module-level decorators made by oslo.concurrency's `synchronized_with_prefix("...")` (namedLockDecorator()). */
  private readonly prefixedLockDecorators = new Set<string>();
  /** Module-level names bound outside `if __name__ == "__main__":` (scriptNames leaves them out). */
  private readonly boundOutsideMain = new Set<string>();
  /** Module-level names the module binds more than once (isProcessPool(); part of the memo key). */
  private readonly moduleRebound = new Set<string>();
  /** codeSource(), once asked. */
  private codeText: string | undefined;

  private scope: Scope | null = null;
  /** Current nesting of blocks and expressions, capped by MAX_DEPTH. */
  private depth = 0;
  /** Index of the class whose body is being walked, or -1. */
  private classBody = -1;
  /** True while walking `if __name__ == "__main__":` at module level. */
  private inMain = false;
  /** Method calls on module-level names or imports, by function: `[fn, canonical chain]` (see FileSummary.requestCalls). */
  private objectCalls: [number, string][] = [];
  /** Set by visitIf for `if not lock.acquire(...): return`: the lock the rest of the block holds. */
  private acquiredAfter: { key: string; at: Node } | null = null;
  /**
   * Set by visitIf for `if _inst is not None: return _inst` (a body that always leaves, no `else`):
   * the rest of the enclosing block runs only when the test failed, so it is under that test too.
   */
  private checkAfter: Check | null = null;
  /** The call of a decorator factory at import time being visited (`@register("x")`), if any. */
  private decoratorFactory: Node | null = null;
  private held: string[] = [];
  /** The locks a non-blocking or timed try-lock took for the code being walked (CallEdge.guards). */
  private tried: string[] = [];
  /** A try-lock whose failure leaves (`else: return`): the rest of the block runs only after it succeeded (Collector.tried). */
  private triedAfter: string | null = null;
  /** NAMED_LOCK_KEY keys -> where the file first names that lock (for TL010's related location). */
  private readonly namedLockSpans = new Map<string, Span>();
  /** Lock helpers whose holding is decided at the end of the file or across files (visitWith): recorded with accesses, not in `held`. */
  private provisional: string[] = [];
  /** Inside `with warnings.catch_warnings():`, which restores the warning filters its body changes. */
  private catchWarnings = 0;
  /** Where the file's text has `signal(` or `set_wakeup_fd(` (isSignalInstall()'s first test), once asked. */
  private signalCalls: number[] | undefined;
  /** Past a `signal.signal(...)` statement of the function's own body (Access.oneThread). */
  private afterSignalCall = false;
  /** Inside the child's branch after `os.fork()` (Access.oneThread). */
  private forkChild = 0;
  /** Inside the body of an `if` whose test asks for the main thread (Access.oneThread). */
  private mainBranch = 0;
  /**
   * Inside the `try:` block of a `try` that catches ValueError, which `signal.signal()` raises off the
   * main thread, or under `if threading.current_thread() is threading.main_thread():`: the code knows
   * these calls belong to the main thread.
   */
  private signalsGuarded = 0;
  /** See onlyWhenNonEmpty(): per block and name, where its first emptiness guard starts (-1: none). */
  private readonly exitGuards = new Map<string, number>();
  /** Inside the `try:` block of a module-level `try` that catches ImportError (ValueKind import `optional`). */
  private optionalImports = 0;
  /** Inside an `except ImportError:` handler of such a `try` (bindImport()). */
  private importFallback = 0;
  /** See mentionsMainThread(). */
  private mainThreadText: boolean | undefined;
  /** See runsLoopForGood(). */
  private loopRunText: boolean | undefined;
  private checks: Check[] = [];
  private compLocals: Set<string>[] = [];
  /** Chains read by the expression being collected (an `if` test), when collecting. */
  /** Inside `with threading.RLock():`, that call's span (Access.freshLock). */
  private freshLockAt: Span | undefined = undefined;
  private collecting: { keys: Set<string>; members: Set<string>; staleHeld: number; staleLocal: string; keyedLookups: string[] } | null = null;
  /** Chains read by the right-hand side being visited, to tell `X = X + 1` from `X = 1`. */
  private rhsReads: Set<string> | null = null;

  // Lock bookkeeping for TL010.
  private readonly acquired = new Map<number, Set<string>>();
  /**
   * A lock taken while it is held (`key`, first taken at `first`); with `outer`, a lock taken while another
   * one is held, which is the same lock when one is a `threading.Condition` made over the other (finishLocks).
   */
  private readonly reacquired: { fn: number; key: string; span: Span; first: Span; outer?: string }[] = [];
  private readonly heldSpans = new Map<string, Span>();
  /**
   * Attribute names this file assigns a lock to (`x._guard = threading.Lock()`): `with
   * obj._guard:` then holds a lock even where the object's class is not tracked (a class
   * defined inside a function).
   */
  private readonly lockAttrs = new Set<string>();
  /** The arms of the `if`s being walked in the current function (Access.arm). */
  private arms: string[] = [];
  /** releasedFirst()'s search: where it last looked from, and the next `.release(` from there (-1: none). */
  private releaseFrom = Infinity;
  private releaseNext = -1;
  /** FileSummary.attrReads. */
  private readonly attrReads = new Set<string>();
  /** FileSummary.iterated, in the order found (noteIterated()), and its `fn chain` keys. */
  private readonly iterated: [number, string][] = [];
  /** `threading.Thread(target=NAME).start()` once (not in a loop) in a function: that function and the name (finishStartedThreads()). */
  private readonly startedThreads: [number, string][] = [];
  private readonly iteratedKeys = new Set<string>();
  private readonly callEdges: CallEdge[] = [];
  /** FileSummary.selfMethodCalls, set by markConstructionOnly(). */
  private selfMethodCalls: [number, string][] = [];
  private readonly kept: FileSummary['kept'] = [];
  private readonly helperArgs: FileSummary['helperArgs'] = [];
  /** Module-level functions that function bodies install as signal handlers (see noteSignalHandler). */
  private readonly signalHandlers: string[] = [];
  /** freshLocalLock()'s answers, by function and name. */
  private readonly freshLocks = new Map<string, boolean>();

  // Function-body memo (language server): a running hash of the module names bound so far, and the body being recorded.
  private moduleHash1 = 0x811c9dc5;
  private moduleHash2 = 0x01000193;
  private moduleEvents = 0;
  private recording: Recording | null = null;

  constructor(
    private readonly input: CollectInput,
    private readonly options: ModelOptions,
  ) {}

  run(tree: Tree): FileSummary {
    const root = tree.rootNode;
    this.root = root;
    this.findWeakrefCallbacks();
    this.visitBlock(root);
    this.finishHelperArgs();
    this.finishServerState(root);
    this.finishDefaults();
    this.finishSignalHandlers();
    if (this.input.source.includes('atexit')) this.finishExitHandlers();
    this.finishModule();
    // After finishModule(): the functions' references to module-level names are known then.
    if (this.threadTargets.length > 0) this.finishOneThread();
    const threadStarts = this.startedThreads.length > 0 ? this.finishStartedThreads() : [];
    const syntaxErrors = syntaxErrorSpans(this.input.replace ?? root);
    const defs = names<Binding>();
    for (const [name, b] of this.moduleDefs) defs[name] = { name, span: b.span, value: this.finalValue(b.value) };
    for (let i = 0; i < this.classes.length; i++) {
      const cls = this.classes[i];
      // (`_thread._local` as visitClass writes `__import__("_thread")._local`: a module the file need not import.)
      cls.bases = this.rawClassBases[i].map((b) => (b === '_thread._local' ? b : this.canonical(b)));
      if (cls.metaclass !== undefined) cls.metaclass = this.canonical(cls.metaclass);
      const forward = this.forwarding.get(i);
      if (forward?.set && forward.set === forward.get && (this.moduleDefs.has(forward.set) || this.moduleImports.has(forward.set))) cls.forwardsTo = this.canonical(forward.set);
      for (const b of this.rawClassAttrs[i]) {
        if (!Object.hasOwn(cls.attrs, b.name)) cls.attrs[b.name] = { name: b.name, span: b.span, value: this.finalValue(b.value) };
      }
      for (const b of this.rawInstanceAttrs[i]) {
        const prev = own(cls.instanceAttrs, b.name);
        const value = this.finalValue(b.value);
        if (!prev || (prev.value.k === 'unknown' && value.k !== 'unknown')) {
          cls.instanceAttrs[b.name] = { name: b.name, span: prev?.span ?? b.span, value };
        }
      }
    }
    this.resolveForwardHelpers();
    this.finishThreadedMethods();
    this.finishLocks(defs);
    this.markConstructionOnly();
    this.markCalledUnderLock(defs);
    for (const a of this.accesses) a.held = a.held.filter((k) => this.isLockKey(k, defs));
    return {
      path: this.input.path,
      module: this.input.module,
      defs,
      classes: this.classes,
      functions: this.functions,
      accesses: this.accesses,
      refs: [...this.refs.values()],
      local: this.local,
      pragmas: pragmasOf(this.input.source, root, this.input.replace),
      lines: root.endPosition.row + 1,
      deleted: this.deleted,
      // A name the module also binds outside the script's block (`else: _s = boto3.Session()`) is the module's too.
      scriptNames: this.scriptNames.filter((n) => !this.boundOutsideMain.has(n)),
      lockedCaches: this.lockedCaches,
      ...this.functionAttrs(),
      syntaxErrors,
      requestCalls: [...new Set(this.objectCalls.filter(([fn, chain]) => this.functions[fn].isRequest && !chain.startsWith(OWNED_CALL)).map(([, chain]) => (chain.startsWith(LATER_CANONICAL) ? this.canonical(chain.slice(1)) : chain)))],
      helperCalls: this.objectCalls.filter(([fn, chain]) => !this.functions[fn].isRequest && !chain.startsWith(LATER_CANONICAL) && !chain.startsWith(OWNED_CALL) && this.moduleDefs.has(chain.slice(this.input.module.length + 1, chain.indexOf('.', this.input.module.length + 1)))),
      ownedCalls: this.objectCalls.filter(([, chain]) => chain.startsWith(OWNED_CALL)).map(([fn, chain]) => [fn, chain.slice(OWNED_CALL.length)]),
      selfMethodCalls: this.selfMethodCalls,
      kept: this.kept,
      helperArgs: this.helperArgs,
      starImports: this.starImports,
      ...moduleExports(root),
      attrReads: [...this.attrReads].sort(),
      asViewArgs: this.asViewArgs,
      iterated: this.iterated,
      ...(threadStarts.length > 0 ? { threadStarts } : {}),
      ...setupPyScripts(this.input, root),
      ...(this.classFactoryCalls.length > 0 ? { classFactoryCalls: this.classFactoryCalls.map((c) => this.canonical(c)) } : {}),
      ...(this.importCalls.length > 0 ? { importCalls: this.importCalls.map((c) => this.canonical(c)) } : {}),
    };
  }

  /**
   * `self._executor.map(self._crunch, xs)`: a method handed to a pool on `self` runs on threads unless
   * the class assigns that attribute a process pool (in any method: judged here, after the walk,
   * so that a body replayed from the memo is judged as a walked one).
   */
  private finishThreadedMethods(): void {
    this.classes.forEach((cls, i) => {
      if (!cls.selfCalls.some((c) => c.startsWith(THREADED_METHOD) && c.includes('@'))) return;
      const out: string[] = [];
      for (const call of cls.selfCalls) {
        const at = call.startsWith(THREADED_METHOD) ? call.indexOf('@') : -1;
        if (at < 0) {
          if (!out.includes(call)) out.push(call);
          continue;
        }
        const attr = call.slice(at + 1);
        const made = (pools: ReadonlySet<string>) => (b: RawBinding) => b.name === attr && b.value.k === 'rawcall' && pools.has(this.canonical(b.value.chain));
        const processPool = this.rawInstanceAttrs[i].some(made(PROCESS_POOLS)) || this.rawClassAttrs[i].some(made(PROCESS_POOLS));
        const threadPool = /(pool|executor)$/i.test(attr) || this.rawInstanceAttrs[i].some(made(THREAD_POOLS)) || this.rawClassAttrs[i].some(made(THREAD_POOLS));
        if (threadPool && !processPool && !out.includes(call.slice(0, at))) out.push(call.slice(0, at));
      }
      cls.selfCalls = out;
    });
  }

  // ---------------------------------------------------------------- names

  /** Canonical dotted name of a chain at module scope. */
  private canonical(chain: string): string {
    const [base, rest] = splitChain(chain);
    const imported = this.moduleImports.get(base);
    if (imported !== undefined) return imported + rest;
    if (this.moduleDefs.has(base) || !BUILTINS.has(base)) return `${this.input.module}.${base}${rest}`;
    return chain;
  }

  private finalValue(value: RawValue): ValueKind {
    if (value.k === 'rawcall') {
      if (value.receiver) {
        const receiver = this.moduleDefs.get(value.receiver);
        if (receiver && receiver.value.k === 'rawcall') {
          const made = classifyCall(this.canonical(receiver.value.chain), this.options, receiver.value.kwargs);
          // A cursor of a module-level DB-API connection (sqlite3, psycopg, MySQL, Oracle drivers).
          if (value.chain.endsWith('.cursor') && (made.k === 'sqlite' || (made.k === 'call' && DB_CONNECT.has(made.callee)))) return { k: 'cursor' };
        }
      }
      return classifyCall(this.canonical(value.chain), this.options, value.kwargs);
    }
    if (value.k === 'rawref') return { k: 'ref', target: this.canonical(value.chain) };
    return value;
  }

  private resolveRelative(level: number, name: string): string {
    const parts = this.input.module.split('.');
    if (!this.input.isPackage) parts.pop();
    for (let i = 1; i < level; i++) parts.pop();
    if (name) parts.push(name);
    return parts.join('.');
  }

  /** `topLevel`: an assignment statement of the module itself (not under `if`, `try`, a loop): it runs after every binding before it. */
  private bindName(name: string, span: Span, value: RawValue, topLevel = false): void {
    if (this.scope) {
      this.scope.assigned.add(name);
      // `except E as error`, a nested `def`/`class`, `del`: no longer what it was assigned.
      this.forgetLocal(this.scope, name);
      return;
    }
    if (this.classBody >= 0) {
      // `register = classmethod(register)` after `def register(cls, ...)`: the method itself, made a class
      // method as a decorator would (Python 2's idiom), not an attribute that hides it.
      // (The method was walked as such: methodAliases.)
      if (value.k === 'rawcall' && this.methodAliases.get(this.classBody)?.get(name) === value.chain && own(this.classes[this.classBody].methods, name) !== undefined) return;
      this.rawClassAttrs[this.classBody].push({ name, span, value });
      // What the class body binds before a method is part of that method's memo key (memoKey()).
      let h = this.classHashes[this.classBody] ?? 0x811c9dc5;
      // (With the name a plain reference names: `metrics_cls = Metrics` makes `self.metrics_cls.get()` a call of `Metrics.get`, readChain().)
      const event = value.k === 'rawref' ? `${name}:${value.k}=${value.chain}` : `${name}:${value.k}`;
      for (let i = 0; i < event.length; i++) h = Math.imul(h ^ event.charCodeAt(i), 0x01000193);
      this.classHashes[this.classBody] = h;
      return;
    }
    if (this.inMain && !this.scriptNames.includes(name)) this.scriptNames.push(name);
    else if (!this.inMain) this.boundOutsideMain.add(name);
    // `_synchronized = lockutils.synchronized_with_prefix("neutron-")`: a named-lock decorator (namedLockDecorator()).
    if (value.k === 'rawcall' && !this.prefixedLockDecorators.has(name) && this.canonical(value.chain) === 'oslo_concurrency.lockutils.synchronized_with_prefix' && /^[rRuU]?(['"])[^'"\\]*\1$/.test(value.kwargs.get(FIRST_ARG) ?? '')) {
      this.prefixedLockDecorators.add(name);
      this.noteModuleName(`p${name}`);
    }
    const prev = this.moduleDefs.get(name);
    if (prev !== undefined && !this.moduleRebound.has(name)) {
      this.moduleRebound.add(name);
      this.noteModuleName(`r${name}`);
    }
    if (!prev) {
      this.noteModuleName(`d${name}${this.memoMark(value)}`);
      this.moduleDefs.set(name, { name, span, value });
    } else if (topLevel && !(prev.value.k === 'function' || prev.value.k === 'class' || prev.value.k === 'import') && this.knownKind(value)) {
      // `EVENTS = deque(EVENTS, maxlen=100)`, `CFG = MappingProxyType(CFG)` after `EVENTS = []`, `CFG = {...}`:
      // statements of the module run in order, so functions see what the last one bound.
      const mark = this.memoMark(value);
      if (mark !== this.memoMark(prev.value)) this.noteModuleName(`k${name}${mark}`);
      this.moduleDefs.set(name, { name, span, value });
    } else if (value.k === 'mutable' || (prev.value.k === 'immutable' && value.k !== 'immutable') || prev.value.k === 'unknown') {
      // Keep the first place, but the most telling kind: a name that may hold a dict is a dict.
      if (!(prev.value.k === 'function' || prev.value.k === 'class' || prev.value.k === 'import')) {
        if (isCallableKind(value) !== isCallableKind(prev.value)) this.noteModuleName(`k${name}${isCallableKind(value) ? '()' : ''}`);
        this.moduleDefs.set(name, { name, span: prev.span, value });
      }
    }
  }

  /**
   * Whether a value's kind is known where it is bound: a literal, or a call the models classify
   * (`deque(...)`, `MappingProxyType(...)`, `tuple(...)`); not an unknown call (`_load()`,
   * `sorted(X)`, `copy.deepcopy(BASE)`), which may well return another container.
   */
  private knownKind(value: RawValue): boolean {
    if (value.k === 'rawcall') {
      const k = classifyCall(this.canonical(value.chain), this.options, value.kwargs).k;
      return k !== 'call' && k !== 'unknown';
    }
    return value.k !== 'unknown' && value.k !== 'rawref' && value.k !== 'call' && value.k !== 'ref';
  }

  private bindImport(local: string, target: string, span: Span): void {
    if (this.scope) {
      this.scope.assigned.add(local);
      this.forgetLocal(this.scope, local);
      this.scope.imports.set(local, target);
      return;
    }
    if (this.classBody >= 0) return;
    // `try: from .vendor.fluidity import state` / `except ImportError: from fluidity import state`: the
    // package's own copy, which the scan holds, stays what the name stands for (not the fallback elsewhere).
    const own = this.input.module.split('.')[0];
    const earlier = this.importFallback > 0 ? this.moduleImports.get(local) : undefined;
    if (earlier !== undefined && (earlier === own || earlier.startsWith(`${own}.`)) && target !== own && !target.startsWith(`${own}.`)) return;
    this.noteModuleName(`i${local}=${target}`);
    this.moduleImports.set(local, target);
    const prev = this.moduleDefs.get(local);
    if (!prev) {
      this.noteModuleName(`d${local}`);
      this.moduleDefs.set(local, { name: local, span, value: this.optionalImports > 0 ? { k: 'import', target, optional: true } : { k: 'import', target } });
    } else if (isThreadLocalBase(target) && prev.value.k !== 'function' && prev.value.k !== 'class' && prev.value.k !== 'import') {
      // pony's `if pony.MODE.startswith('GAE-'): localbase = object` / `else: from threading import local as localbase`:
      // where there are threads, a class built on the name keeps its attributes per thread. (The import is in the memo key above.)
      this.moduleDefs.set(local, { name: local, span: prev.span, value: { k: 'import', target } });
    }
  }

  /**
   * What the memo key keeps of a module-level name's value: whether it is a function or class
   * (noteUnknownCallArgs() reads it; a class apart from a function: `with Guard():` may be a lock
   * wrapper, forwardHelper()), a weak container (isWeakContainer()), a command-line group
   * (isCommandDecorator()) or a process pool (isProcessPool()).
   */
  private memoMark(value: RawValue): string {
    if (value.k === 'class') return '(class)';
    // (A function that is a command-line group, `@click.group() def tiles()`: isCommandDecorator().)
    if (value.k === 'function') return this.functions[value.fn]?.isCommand === true ? '()>' : '()';
    if (isCallableKind(value)) return '()';
    if (value.k !== 'rawcall') return '';
    const made = this.canonical(value.chain);
    return WEAK_CONTAINERS.has(made) ? '~' : CLI_GROUPS.has(made) ? '>' : PROCESS_POOLS.has(made) ? '%' : READ_CHANGING_CACHES.has(made) ? '^' : '';
  }

  /** Folds a module-level binding into the running hash that memo keys carry (two FNV-1a hashes). */
  private noteModuleName(event: string): void {
    let h1 = this.moduleHash1;
    let h2 = this.moduleHash2;
    for (let i = 0; i < event.length; i++) {
      const c = event.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.moduleHash1 = Math.imul(h1 ^ 0xff, 0x01000193);
    this.moduleHash2 = h2;
    this.moduleEvents++;
  }

  /** Records a use of `chain` (its first name still unbound) in the current scope. */
  private pend(chain: string, p: Omit<Pending, 'base' | 'rest'>): void {
    const [base, rest] = splitChain(chain);
    for (const locals of this.compLocals) if (locals.has(base)) return;
    const pending: Pending = { base, rest, access: p.access, ref: p.ref }; // one shape for all (see record)
    if (this.scope) this.scope.pending.push(pending);
    else this.modulePending.push(pending);
  }

  private currentFn(): number {
    return this.scope ? this.scope.fn : -1;
  }

  /**
   * `self.request` (a class-based view's, a DRF view's), and `context.request` in a function that
   * takes a template `context` (a Node's `render(self, context)`, a `takes_context` tag): the request
   * being served.
   */
  private isRequestAttribute(base: string, rest: string): boolean {
    if (rest !== '.request' && !rest.startsWith('.request.')) return false;
    const scope = this.scope;
    return scope !== null && ((scope.selfName !== '' && scope.selfName === base) || (base === 'context' && scope.params.has('context') && !scope.assigned.has('context')));
  }

  /**
   * `request.app.state`, `request.registry.settings` in a module of an application built on Starlette
   * (FastAPI), aiohttp or Pyramid, whose requests reach the one application object so: no data of the request.
   */
  private appOfRequest(base: string, rest: string): boolean {
    // (Also through the request a Pyramid event carries: `event.request.registry`.)
    if (rest.startsWith('.request.') && APP_OF_REQUEST.test(rest.slice('.request'.length)) && this.importsPackage('pyramid')) return true;
    return APP_OF_REQUEST.test(rest) && REQUEST_PARAMS.has(base) && (this.importsPackage('fastapi') || this.importsPackage('starlette') || this.importsPackage('aiohttp') || this.importsPackage('pyramid'));
  }

  private isTaintedName(name: string): boolean {
    for (let s = this.scope; s; s = s.parent) {
      if (s.tainted.has(name)) return true;
      if (s.assigned.has(name) || s.params.has(name)) return false;
    }
    const imported = this.moduleImports.get(name);
    if (imported !== undefined && REQUEST_GLOBALS.has(imported)) {
      if (this.scope) this.functions[this.scope.fn].isRequest = true;
      return true;
    }
    return false;
  }

  private finishScope(scope: Scope): void {
    for (const p of scope.pending) {
      if (scope.globals.has(p.base)) {
        // `if _ready: return` ... `_ready = True`: the flag guards work that racing threads both do, so
        // its literal is not an idempotent write here (check-then-act in all but name).
        if (p.access?.detail?.startsWith(LITERAL_PREFIX) && scope.tested.has(p.base)) p.access.detail = undefined;
        this.modulePending.push(p);
        continue;
      }
      const imported = scope.imports.get(p.base);
      if (imported !== undefined) {
        this.finishPending(p, imported + p.rest);
        continue;
      }
      if (scope.nonlocals.has(p.base)) {
        // `nonlocal calls; calls += 1`: an update of the enclosing function's variable (closureUse).
        if (p.access && (p.access.op === 'augassign' || p.access.op === 'rmw') && p.rest === '' && scope.parent) scope.parent.pending.push(p);
        continue;
      }
      if (scope.assigned.has(p.base) || scope.params.has(p.base)) {
        this.localUse(scope, p);
        continue;
      }
      if (scope.parent) scope.parent.pending.push(p);
      else this.modulePending.push(p);
    }
  }

  /**
   * `def deco(f): hits = {}; def wrapped(...): hits[ip] = ...; return wrapped`: the closure's
   * calls share the one `hits` made when `deco` ran. Reported (cross-file pass) only when `deco`
   * runs at import time, i.e. it decorates functions once and for all.
   */
  private closureUse(scope: Scope, name: string, a: Access): void {
    const counter = a.op === 'augassign' || a.op === 'rmw' ? scope.numberLocals.get(name) : undefined;
    const made = scope.mutableLocals.get(name) ?? (counter ? spanOf(counter) : undefined);
    const closure = this.functions[a.fn];
    const owner = this.functions[scope.fn];
    const race = (what: string): [string, string] | null =>
      a.check ? ['TL005', `${what}; it is tested and then written without a lock, so another thread can act between the test and the write.`]
      : a.op === 'rmw' || a.op === 'augassign' ? ['TL006', `${what}; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`]
      : null;
    // A closure this function hands to threads: its calls run at once and share this call's variables.
    // Only lost updates and check-then-act: a single append or store is atomic and commonly collects results.
    const unlessHeld = provisionalKeys(a.held);
    const threaded = made && (this.threadedClosures.has(a.fn) || this.threadedSiblings.has(closure.qualname)) && scope.assigned.has(name) && firmLocks(a.held) === 0
      ? race(`\`${name}\` is a variable of \`${owner.qualname}\` that the calls of \`${closure.name}\` it hands to other threads share, running at once`)
      : null;
    if (made && threaded) {
      this.local.push({ code: threaded[0], span: a.check?.span ?? a.span, fn: a.fn, message: threaded[1], related: [{ span: made, message: `\`${name}\` made here, once per call of \`${owner.name}\`` }], ...unlessHeld });
      return;
    }
    if (!made || !scope.assigned.has(name) || closure?.returnedBy !== scope.fn || firmLocks(a.held) > 0 || a.op === 'attr-store') return;
    // `def timing(get_response): ... def middleware(request): ...; return middleware`: Django's
    // function-style middleware, whose factory Django calls once per process.
    const middleware = scope.parent === null && owner.cls < 0 && scope.params.size === 1 && scope.params.has('get_response');
    const what = middleware
      ? `\`${name}\` is a variable of the middleware factory \`${owner.qualname}\`, which Django calls once per process: every request, on every thread, runs the \`${closure.name}\` it returned and shares it`
      : `\`${name}\` is a variable of \`${owner.qualname}\`, made when it runs (only at import time here) and shared by every call of the \`${closure.name}\` it returned, on every thread`;
    const atomic = a.op === 'mutate' && a.detail === 'setdefault';
    const ownEntry = isThreadKeyedMutate(a);
    const [code, message] = race(what)
      ?? (middleware && a.taint !== undefined ? ['TL007', `\`${truncate(a.taint)}\` is data of one request, stored in \`${name}\`, a variable of the middleware factory \`${owner.qualname}\`, which Django calls once per process; concurrent requests overwrite or read each other's data.`] : null)
      ?? ['TL002', `${what}; ${opText(a)} mutates it without a lock${atomic ? ' (setdefault itself is atomic, so this is reported as information)' : ownEntry ? " (the key holds the calling thread's or task's identity, an object this call made or the object the method runs on, so each caller touches only its own entry: reported as information)" : ''}.`];
    this.local.push({
      code,
      span: a.check?.span ?? a.span,
      fn: a.fn,
      message,
      ...(atomic || ownEntry ? { severity: 'information' as const } : {}),
      related: [{ span: made, message: middleware ? `\`${name}\` made here, once per process, when Django loads the middleware` : `\`${name}\` made here, once per run of \`${owner.name}\`` }],
      sharedBy: scope.fn,
      ...(middleware ? { perProcess: true as const } : {}),
      ...unlessHeld,
    });
  }

  /** A use of a local name: mutable default parameters (TL004) and variables of closures returned from here. */
  private localUse(scope: Scope, p: Pending): void {
    const a = p.access;
    // `app.config[...] = v` in a route handler defined inside the factory that made `app = Flask(...)`:
    // inside a request that `app` is `current_app`, whose configuration the resolver knows.
    if (a && a.fn !== scope.fn && (p.rest === '.config' || p.rest.startsWith('.config.')) && FLASK_APPS.has(scope.origins.get(p.base) ?? '')) {
      this.finishPending(p, `flask.current_app${p.rest}`);
      return;
    }
    // `request.app.state.x = v` (FastAPI, Starlette): the running application's state.
    if (a && a.fn === scope.fn && p.base === 'request' && scope.params.has(p.base) && !scope.assigned.has(p.base) && p.rest.startsWith('.app.state.')) {
      this.finishPending(p, APP_STATE + p.rest.slice('.app.state'.length));
      return;
    }
    // `def mark_featured(modeladmin, request, queryset)`: a Django admin action, given the one
    // ModelAdmin instance every admin request uses.
    if (a && p.rest !== '' && (MUTATION_OPS.has(a.op) || a.op === 'rmw') && firmLocks(a.held) === 0 && !scope.assigned.has(p.base) && p.base === this.adminParam(scope)) {
      const what = `\`${p.base}${p.rest}\``;
      const [code, message] =
        a.taint !== undefined ? ['TL007', `\`${truncate(a.taint)}\` is data of one request, stored on the ModelAdmin this admin action is given: the admin site keeps one instance per registered model and every admin request, on every thread, uses it.`]
        : a.op === 'rmw' || a.op === 'augassign' ? ['TL006', `${what} lives on the ModelAdmin this admin action is given, one instance shared by every admin request; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`]
        : ['TL008', `${what} is changed on the ModelAdmin this admin action is given: the admin site keeps one instance per registered model, so every admin request, on every thread, sees this value.`];
      this.local.push({ code, span: a.span, fn: a.fn, message, related: [], ...provisionalKeys(a.held) });
      return;
    }
    // `progress.done += 1` in a function this one hands to a pool, where `progress` is a local of this call: one
    // object the pool's threads share, running at once (as a container of it is, closureUse()).
    if (a && a.fn !== scope.fn && p.rest !== '' && p.rest.indexOf('.', 1) < 0 && (a.op === 'augassign' || a.op === 'rmw') && scope.assigned.has(p.base) && !scope.params.has(p.base) && firmLocks(a.held) === 0) {
      const closure = this.functions[a.fn];
      if (this.threadedClosures.has(a.fn) || this.threadedSiblings.has(closure.qualname)) {
        this.local.push({ code: 'TL006', span: a.span, fn: a.fn, message: `\`${p.base}${p.rest}\` is an attribute of an object \`${this.functions[scope.fn].qualname}\` holds in \`${p.base}\`, which the calls of \`${closure.name}\` it hands to other threads share, running at once; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`, related: [], ...provisionalKeys(a.held) });
        return;
      }
    }
    if (!a || p.rest !== '' || !MUTATION_OPS.has(a.op) || a.op === 'attr-store') return;
    if (a.fn !== scope.fn) {
      this.closureUse(scope, p.base, a);
      return;
    }
    const defaultSpan = scope.mutableDefaults.get(p.base);
    if (!defaultSpan || scope.assigned.has(p.base) || firmLocks(a.held) > 0) return;
    // A def inside a function evaluates its defaults each time the outer function runs: not shared.
    if (this.functions[scope.fn].nested) return;
    // `dict.setdefault` is one atomic get-or-insert: a memo kept in a default (pytz's `_tzinfos={}`) only repeats work.
    const atomic = a.op === 'mutate' && a.detail === 'setdefault';
    // `_repr_running[id(self), get_ident()] = 1`: an entry keyed by the calling thread (a recursion guard).
    // (Not when the function loops over the default as it is: another thread's entry added meanwhile breaks the loop.)
    const own = ((a.detail === THREAD_KEY && (a.op === 'setitem' || a.op === 'delitem' || a.op === 'rmw')) || isThreadKeyedMutate(a)) &&
      !new RegExp(`\\bfor\\b[^\\n]*?\\bin\\s+(?:(?:reversed|enumerate|iter)\\(\\s*)?${p.base}\\b(?!\\s*\\[)`).test(this.input.source.slice(scope.bodyStart, scope.bodyEnd));
    this.local.push({
      code: 'TL004',
      span: a.span,
      fn: a.fn,
      message: `The default value of \`${p.base}\` is created once and shared by every call on every thread; ${opText(a)} mutates that shared object${atomic ? ' (setdefault itself is atomic, so this is reported as information)' : own ? " (the key holds the calling thread's identity, so each thread touches only its own entry: reported as information)" : ''}.`,
      ...(atomic || own ? { severity: 'information' as const } : {}),
      related: [{ span: defaultSpan, message: `default of \`${p.base}\` created here, once, when the function is defined` }],
      ...provisionalKeys(a.held),
      // A private module-level function: whether its calls all pass the parameter (finishDefaults()).
      ...(scope.parent === null && this.functions[scope.fn].cls < 0 && PRIVATE_NAME.test(this.functions[scope.fn].name) ? { defaultParam: p.base } : {}),
    });
  }

  /**
   * The parameter that receives the ModelAdmin in a module-level function with Django's admin
   * action signature: `(modeladmin, request, queryset)`, whatever the first one is called
   * (`(model_admin, request, queryset)`, `(ma, request, queryset)`); null otherwise.
   */
  private adminParam(scope: Scope): string | null {
    if (scope.parent !== null || this.functions[scope.fn].cls >= 0 || !scope.params.has('request') || !scope.params.has('queryset')) return null;
    if (scope.params.has('modeladmin')) return 'modeladmin';
    // Another name only in a module that imports Django (a helper `(rows, request, queryset)` elsewhere is not one).
    const params = [...scope.params];
    return params.length === 3 && params[1] === 'request' && params[2] === 'queryset' && this.importsPackage('django') ? params[0] : null;
  }

  /**
   * `run_parallel(work, items)` where `run_parallel` (a module-level function of this file) hands
   * its parameter on to a pool or another keeper (FunctionInfo.escapes): `work` is a value that
   * escapes, run later on other threads. Judged after the walk, so that a function defined below
   * its caller counts, and a replayed body agrees with a walked one.
   */
  private finishHelperArgs(): void {
    for (const [callee, position, given] of this.helperArgs) {
      const def = this.moduleDefs.get(callee)?.value;
      if (def?.k === 'function' && this.functions[def.fn].escapes.includes(position)) this.pend(given, { ref: { from: 'escape', call: undefined, deferred: undefined } });
    }
  }

  /** Whether the body of the function being walked names `name` once (the use at hand), comments aside. */
  private onlyMention(scope: Scope, name: string): boolean {
    const body = codeOnly(this.input.source.slice(scope.bodyStart, scope.bodyEnd));
    return mentionsOf(body, name, 0, body.length, 2) === 1;
  }

  /** `@receiver(setting_changed)` (also with other signals or keywords). */
  private receivesSettingChanged(expr: Node | null): boolean {
    if (expr?.type !== 'call') return false;
    const chain = chainOf(expr.childForFieldName('function'));
    if (chain === null || !chain.endsWith('receiver') || !DJANGO_RECEIVERS.has(this.canonicalHere(chain))) return false;
    const first = expr.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    const signal = first ? chainOf(first) : null;
    return signal !== null && SETTING_CHANGED.has(this.canonicalHere(signal));
  }

  /** Whether `name` is a module-level name bound to a Flask `Blueprint(...)` made here. */
  private isBlueprint(name: string): boolean {
    const value = name.indexOf('.') < 0 ? this.moduleDefs.get(name)?.value : undefined;
    return value?.k === 'rawcall' && /^flask(\.blueprints)?\.Blueprint$/.test(this.canonical(value.chain));
  }

  /** Whether a body is only `param(...)` and `return param` (a docstring aside): a decorator that runs the function it is given at once. */
  private callsAndReturnsParam(body: Node, param: string): boolean {
    const statements = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    if (statements.length > 0 && statements[0].type === 'expression_statement' && statements[0].namedChildren[0]?.type === 'string') statements.shift();
    if (statements.length !== 2) return false;
    const [call, ret] = statements;
    const callee = call.type === 'expression_statement' && call.namedChildren[0]?.type === 'call' ? call.namedChildren[0].childForFieldName('function') : null;
    return callee?.type === 'identifier' && callee.text === param && ret.type === 'return_statement' && ret.namedChildren[0]?.type === 'identifier' && ret.namedChildren[0].text === param;
  }

  /** The module-level (or imported) name whose shallow copy `value` makes, or null. */
  private shallowCopyOf(value: Node): string | null {
    let source: Node | null = null;
    if (value.type === 'call') {
      const fn = value.childForFieldName('function');
      const args = value.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
      const callee = fn ? chainOf(fn) : null;
      if (callee === null) return null;
      if ((callee === 'dict' || callee === 'list' || callee === 'copy.copy' || (callee === 'copy' && this.moduleImports.get('copy') === 'copy.copy')) && args.length === 1) source = args[0];
      else if (callee.endsWith('.copy') && args.length === 0 && fn?.type === 'attribute') source = fn.childForFieldName('object');
    } else if (value.type === 'dictionary') {
      const items = value.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      if (items.length === 1 && items[0].type === 'dictionary_splat') source = items[0].namedChildren[0] ?? null;
    }
    if (source === null || source.type !== 'identifier') return null;
    const name = source.text;
    return !BUILTINS.has(name) && !this.isLocalName(name) && (this.moduleDefs.has(name) || this.moduleImports.has(name)) ? name : null;
  }

  /**
   * For an entry written through a local (`c["a"]["b"] = v`, `subscript` the `c["a"]`): the container
   * the local is a shallow copy of, or the local itself (also when that entry was given a new value).
   */
  private entryOwner(chain: string, subscript: Node | null = null): string {
    const source = chain.indexOf('.') < 0 ? this.scope?.copies.get(chain) : undefined;
    if (source === undefined) return chain;
    const key = subscript !== null ? subscriptKey(subscript) : null;
    return key !== null && this.scope!.replaced.get(chain)?.has(key) ? chain : source;
  }

  /**
   * Whether `name` is a local of the function being walked that holds a lock made by this call of it
   * (`lock = threading.Lock()`) and used only to be taken and released here: it excludes no other
   * call. Not when the name is used any other way in the body (handed to threads, stored, captured
   * by a closure), which can share it.
   */
  private freshLocalLock(name: string): boolean {
    const scope = this.scope;
    if (scope === null || name.includes('.') || !scope.assigned.has(name) || scope.params.has(name) || scope.globals.has(name) || scope.nonlocals.has(name)) return false;
    // Once per function and name: a function may take the same lock thousands of times.
    const cacheKey = `${scope.fn}\u0000${name}`;
    const known = this.freshLocks.get(cacheKey);
    if (known !== undefined) return known;
    const body = codeOnly(this.input.source.slice(scope.bodyStart, scope.bodyEnd));
    const uses = body.match(new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g'))?.length ?? 0;
    const made = body.match(new RegExp(`(?<![\\w.])${name}\\s*=\\s*(threading\\.)?R?Lock\\(\\s*\\)`, 'g'))?.length ?? 0;
    const taken = body.match(new RegExp(`(?<![\\w.])(with\\s+${name}\\s*:|${name}\\s*\\.\\s*(acquire|release)\\s*\\()`, 'g'))?.length ?? 0;
    const fresh = made === 1 && uses === made + taken;
    this.freshLocks.set(cacheKey, fresh);
    return fresh;
  }

  /**
   * Marks the module-level functions installed as signal or exit handlers (signalHandlers): given
   * to `signal.signal()` or `atexit.register()`, or to a module-level helper of this file that
   * hands its parameter to `signal.signal()` (an entry `helper#position`).
   */
  private finishSignalHandlers(): void {
    if (this.signalHandlers.length === 0) return;
    const helpers = new Map<string, number[]>();
    const handlers: string[] = [];
    for (const entry of this.signalHandlers) {
      if (entry.startsWith(SELF_HANDLER)) {
        this.markMethodHandler(entry.slice(SELF_HANDLER.length));
        continue;
      }
      const hash = entry.indexOf('#');
      if (hash < 0) handlers.push(entry);
      else {
        const name = entry.slice(0, hash);
        const positions = helpers.get(name) ?? [];
        positions.push(Number(entry.slice(hash + 1)));
        helpers.set(name, positions);
      }
    }
    for (const [callee, position, given] of this.helperArgs) {
      if (helpers.get(callee)?.includes(position) && this.moduleDefs.get(callee)?.value.k === 'function') handlers.push(given);
    }
    for (const name of handlers) {
      const def = this.moduleDefs.get(name)?.value;
      if (def?.k === 'function' && this.onlyInstalled(name, [...helpers.keys()])) {
        this.functions[def.fn].mainThreadOnly = true;
        this.functions[def.fn].installedHandler = true;
      }
    }
  }

  /**
   * A method installed as a signal handler through `self` (`cls.method`, SELF_HANDLER): Python runs
   * it on the main thread only, when the file names it nowhere but at its `def` and in that one
   * `signal.signal(sig, self.method)` (not also handed to a thread, `Thread(target=self.method)`).
   */
  private markMethodHandler(entry: string): void {
    const dot = entry.indexOf('.');
    const cls = this.classes[Number(entry.slice(0, dot))];
    const name = entry.slice(dot + 1);
    const fn = cls === undefined ? undefined : own(cls.methods, name);
    if (fn === undefined || !/^\w+$/.test(name)) return;
    if (this.onlyInstalled(name, [], true)) {
      this.functions[fn].mainThreadOnly = true;
      this.functions[fn].installedHandler = true;
    }
  }

  /**
   * `threading.Thread(target=_flush_loop, daemon=True).start()` at module level: the module starts
   * one thread for the function, once, while it loads. When the file names the function nowhere
   * else, that thread is the only one that runs it (FunctionInfo.oneThread).
   */
  private finishOneThread(): void {
    const src = this.codeSource();
    for (const name of this.threadTargets) {
      const def = this.moduleDefs.get(name)?.value;
      if (def?.k !== 'function' || this.threadTargets.indexOf(name) !== this.threadTargets.lastIndexOf(name)) continue;
      if (namedOnlyAsThreadTarget(src, name)) this.functions[def.fn].oneThread = true;
    }
    // The module-level functions that only such functions call directly (`_worker` calls `_handle(job)`) run on that
    // thread too; not one they hand on (`pool.map(_handle, jobs)`, `Thread(target=_handle)`), which runs elsewhere.
    const prefix = `${this.input.module}.`;
    const refsOf = this.refsByModuleName();
    const directCall = (ref: Ref, name: string) => typeof ref.from === 'number' && ref.call === true && ref.deferred !== true && ref.chain === `${prefix}${name}` && this.functions[ref.from]?.oneThread;
    for (let grew = true; grew; ) {
      grew = false;
      for (const [name, b] of this.moduleDefs) {
        if (b.value.k !== 'function') continue;
        const f = this.functions[b.value.fn];
        const refs = refsOf.get(name);
        if (f.oneThread || f.isRequest || f.decorated || refs === undefined || !refs.every((ref) => directCall(ref, name))) continue;
        f.oneThread = true;
        grew = true;
      }
    }
  }

  /** The file's references to its own module-level names, by name (`mod.f` and `mod.f.attr` under `f`). */
  private refsByModuleName(): Map<string, Ref[]> {
    const prefix = `${this.input.module}.`;
    const refsOf = new Map<string, Ref[]>();
    for (const ref of this.refs.values()) {
      if (!ref.chain.startsWith(prefix)) continue;
      const dot = ref.chain.indexOf('.', prefix.length);
      const name = dot < 0 ? ref.chain.slice(prefix.length) : ref.chain.slice(prefix.length, dot);
      const list = refsOf.get(name);
      if (list) list.push(ref);
      else refsOf.set(name, [ref]);
    }
    return refsOf;
  }

  /**
   * FileSummary.threadStarts: for `threading.Thread(target=f).start()` made once in a function
   * (`start_refresher()` that `create_app()` calls), `f` (a module-level function, or one defined in
   * that function) when the file names it nowhere else, and the module-level functions only such
   * functions call directly, each with the function that starts the thread. Whether that function
   * runs once per process is for resolve.ts to say.
   */
  private finishStartedThreads(): [number, number][] {
    const src = this.codeSource();
    const out = new Map<number, number>();
    for (const [starter, name] of this.startedThreads) {
      if (!/^\w+$/.test(name) || this.startedThreads.filter(([, n]) => n === name).length !== 1 || this.threadTargets.includes(name)) continue;
      if (!namedOnlyAsThreadTarget(src, name)) continue;
      const starterInfo = this.functions[starter];
      const def = this.moduleDefs.get(name)?.value;
      const fn = def?.k === 'function' ? def.fn : this.functions.findIndex((g) => g.nested && g.name === name && g.qualname.startsWith(`${starterInfo.qualname}.`));
      if (fn < 0 || this.functions[fn].isRequest || this.functions[fn].decorated) continue;
      out.set(fn, starter);
    }
    // What only those functions call directly, as finishOneThread() does.
    const prefix = `${this.input.module}.`;
    const refsOf = this.refsByModuleName();
    for (let grew = out.size > 0; grew; ) {
      grew = false;
      for (const [name, b] of this.moduleDefs) {
        if (b.value.k !== 'function' || out.has(b.value.fn)) continue;
        const f = this.functions[b.value.fn];
        const refs = refsOf.get(name);
        if (f.isRequest || f.decorated || refs === undefined) continue;
        const starters = new Set(refs.map((ref) => (typeof ref.from === 'number' && ref.call === true && ref.deferred !== true && ref.chain === `${prefix}${name}` ? out.get(ref.from) : undefined)));
        if (starters.size !== 1 || starters.has(undefined)) continue;
        out.set(b.value.fn, [...starters][0]!);
        grew = true;
      }
    }
    return [...out].map(([fn, starter]) => [starter, fn] as [number, number]).sort((x, y) => x[1] - y[1]);
  }

  /**
   * Whether the file names module-level function `name` only where it defines it and where it
   * installs it as a signal handler (directly or through one of `helpers`, module-level functions
   * that install what they are given): a function other code also calls (a view's
   * `reload_config()`) runs on other threads too. With `method`, the method `name` installed through
   * an object (`signal.signal(sig, self.on_hup)`), once.
   */
  private onlyInstalled(name: string, helpers: string[] = [], method = false): boolean {
    const src = this.codeSource();
    // (A method, `signal.signal(sig, self.on_hup)`: named through an object, installed once, not exported.)
    const all = src.match(new RegExp(`(?<!${method ? '\\w' : '[\\w.]'})${name}(?!\\w)`, 'g'))?.length ?? 0;
    const installers = helpers.length > 0 ? `|(?<![\\w.])(?:${helpers.join('|')})` : '';
    const handler = method ? `\\w+\\.${name}` : name;
    const installed =
      (src.match(new RegExp(`(?:signal${installers})\\s*\\([^()]*,\\s*${handler}\\s*\\)`, 'g'))?.length ?? 0) +
      (method ? 0 : (src.match(new RegExp(`(?<![\\w.])(?:${this.exitRegisterNames()})\\s*\\(\\s*${name}\\s*[,)]`, 'g'))?.length ?? 0));
    const defined = src.match(new RegExp(`\\bdef\\s+${name}\\s*\\(`, 'g'))?.length ?? 0;
    if (method) return installed === 1 && defined === 1 && all === 2;
    return installed > 0 && all === installed + defined + this.exportMentions(name);
  }

  /**
   * How many times `name` is written as a string in a module that has an `__all__` (`"killall"` in
   * `__all__ = [...]`): an export, which names the function for other code but calls nothing here.
   */
  private exportMentions(name: string): number {
    const src = this.codeSource();
    if (!src.includes('__all__')) return 0;
    let count = 0;
    for (const m of src.matchAll(/__all__\s*(?:\+?=)\s*[[(]([^\])]*)[\])]/g)) count += m[1].match(new RegExp(`(['"])${name}\\1`, 'g'))?.length ?? 0;
    return count;
  }

  /**
   * How many times `name` is written as a whole name in the file outside comments (in code or
   * strings), from one count of every name made on first use (markConstructionOnly()).
   */
  private codeMentions(name: string): number {
    const src = this.codeSource();
    // A few names: counted one by one (native searches); many: from one count of every name.
    if (this.nameCounts === undefined && ++this.mentionQueries <= 32) return mentionsOf(src, name, 0, src.length, Infinity);
    if (this.nameCounts === undefined) {
      const counts = new Map<string, number>();
      for (const m of src.matchAll(/[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
      this.nameCounts = counts;
    }
    return this.nameCounts.get(name) ?? 0;
  }

  private nameCounts: Map<string, number> | undefined;
  private mentionQueries = 0;

  /** The file's text as code only (codeOnly()), made once, for the post-walk checks that search all of it. */
  private codeSource(): string {
    this.codeText ??= codeOnly(this.input.source);
    return this.codeText;
  }

  /** How this file spells `atexit.register` (`atexit.register`, `ax.register`, `register`), as a regular-expression alternation. */
  private exitRegisterNames(): string {
    // `atexit.register` itself (also after `import atexit` inside a function), and the module's aliases.
    const names: string[] = ['atexit\\.register'];
    for (const [local, target] of this.moduleImports) {
      if (target === 'atexit') names.push(`${local}\\.register`);
      else if (target === 'atexit.register') names.push(local);
    }
    return names.join('|');
  }

  /**
   * Module-level functions decorated with `@atexit.register` and named nowhere else: Python runs
   * them once, on the main thread, at exit, after `threading` has joined the non-daemon threads
   * (`atexit.register(f)` calls are followed like signal handlers, noteExitHandler).
   */
  private finishExitHandlers(): void {
    const src = this.codeSource();
    for (const m of src.matchAll(/^@\s*([\w.]+)\s*\n(?:[ \t]*@[^\n]*\n)*[ \t]*def\s+(\w+)/gm)) {
      if (this.canonical(m[1]) !== 'atexit.register') continue;
      const name = m[2];
      const def = this.moduleDefs.get(name)?.value;
      const mentions = src.match(new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g'))?.length ?? 0;
      if (def?.k === 'function' && mentions === 1 + this.exportMentions(name)) {
        this.functions[def.fn].mainThreadOnly = true;
        this.functions[def.fn].installedHandler = true;
      }
    }
  }

  /** `atexit.register(f)`: like a signal handler, `f` runs on the main thread (judged once the file is walked). */
  private noteExitHandler(args: Node): void {
    const handler = args.namedChildren.find((a) => a !== null && a.type !== 'comment');
    if (handler?.type === 'identifier' && (this.scope === null || !this.isLocalName(handler.text))) this.signalHandlers.push(handler.text);
  }

  /**
   * `if not outbox.empty(): outbox.get()` (or `if outbox.qsize() > 0:`, or after
   * `if outbox.empty(): return`; `not jobs.full()` before `jobs.put(x)`): a blocking call where a test
   * of the queue's size said it would not block. Recorded as a use with the test (Access.check) for
   * the cross-file pass, which reports it when `outbox` is a shared queue: another thread can take
   * the item (or fill the slot) in between, and the call then blocks.
   */
  private noteQueueAfterTest(obj: string, method: string, node: Node, args: Node | null): void {
    const base = splitChain(obj)[0];
    if (this.isLocalName(base) || base === this.scope!.selfName || !blockingQueueCall(method, args)) return;
    for (let i = this.checks.length - 1; i >= 0; i--) {
      const check = this.checks[i];
      const ready = check.condition === null ? null : queueReadyWhen(check.condition, obj, method);
      if (ready === null) continue;
      if (queueBranch(node, check) === ready) this.record(obj, 'use', node, { detail: method, check: { span: check.span, outside: this.held.length > check.heldDepth } });
      return;
    }
  }

  /**
   * `X.setdefault(k, d)` (with `withGet`, also `X.get(k, d)`: the entry whenever there is one) on a
   * shared container or one of `self`'s: that container and the key, or null.
   */
  private entryGetter(call: Node | null | undefined, withGet: boolean): { container: string; key: Node | null } | null {
    const scope = this.scope;
    if (call?.type !== 'call' || scope === null) return null;
    const fn = call.childForFieldName('function');
    const src = this.input.source;
    if (fn === null || !(src.endsWith('.setdefault', fn.endIndex) || (withGet && src.endsWith('.get', fn.endIndex)))) return null;
    const getter = chainOf(fn);
    if (getter === null) return null;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    if (getter.endsWith('.get') && args.length !== 2) return null;
    const container = getter.slice(0, getter.lastIndexOf('.'));
    if (!this.isSharedName(container, scope) && splitChain(container)[0] !== scope.selfName) return null;
    return { container, key: args[0] ?? null };
  }

  /** In a descriptor's `__get__`/`__set__`/`__delete__`, a subscript keyed by the owner instance (the method's second parameter). */
  private isOwnerKey(subscript: Node): boolean {
    const scope = this.scope;
    if (scope === null || scope.cls < 0) return false;
    const name = this.functions[scope.fn].name;
    if (name !== '__set__' && name !== '__get__' && name !== '__delete__') return false;
    const key = singleKey(subscript);
    let i = 0;
    for (const p of scope.params) if (i++ === 1) return key?.type === 'identifier' && key.text === p;
    return false;
  }

  /** A subscript whose key is a literal or a module-level constant by convention (`TOTAL_FORM_COUNT`, `formsets.TOTAL_FORM_COUNT`). */
  private isConstantKey(subscript: Node): boolean {
    const key = singleKey(subscript);
    if (key === null) return false;
    if (this.isConstantExpr(key)) return true;
    return (key.type === 'identifier' || key.type === 'attribute') && /^[A-Z][A-Z0-9_]*$/.test(key.text.slice(key.text.lastIndexOf('.') + 1)) && !this.isLocalName(splitChain(key.text)[0]);
  }

  /**
   * A change of an object a named container holds (`FIELDS["email"].required = True`,
   * `_by_group[g].members.append(u)`), recorded on the container; information-level when the
   * entry's key is the calling thread's (`_conns[get_ident()].last_used = t`).
   */
  private recordEntryChange(subscript: Node | null, op: AccessOp, detail: string, node: Node, taint: string | null): void {
    const owner = subscript === null ? null : chainOf(subscript.childForFieldName('value'));
    if (owner === null) return;
    const own = this.threadKeyed(subscript!);
    this.record(this.entryOwner(owner, subscript), op, node, { detail: own ? (op === 'mutate' ? threadKeyedMethod(detail) : THREAD_KEY) : detail, ...(taint ? { taint } : {}) });
  }

  /** A write to the server object from a request handler's method (LocalFinding.serverState). */
  private noteServerState(a: Access, what: string): void {
    const shared = 'the server object, one for the whole process: with a threading server (`ThreadingMixIn`, `ThreadingTCPServer`, `ThreadingHTTPServer`) every connection runs the handler on its own thread';
    const [code, message] =
      a.taint !== undefined ? ['TL007', `\`${truncate(a.taint)}\` is data of one request, stored on ${shared}, so concurrent requests overwrite each other's value.`]
      : a.check !== undefined ? ['TL005', `\`${what}\` belongs to ${shared}; it is tested and then written without a lock, so another thread can act between the test and the write.`]
      : a.op === 'rmw' || a.op === 'augassign' ? ['TL006', `\`${what}\` belongs to ${shared}; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`]
      : ['TL008', `\`${what}\` belongs to ${shared}; this write changes it for every connection at once.`];
    this.local.push({ code, span: a.span, fn: a.fn, message, related: [], serverState: true, ...provisionalKeys(a.held) });
  }

  /**
   * stevedore's `driver.DriverManager(namespace, name).driver` that loads the plugin class without making
   * one: the namespace and the name at most, by position, and `invoke_on_load` absent or `False` (no
   * `*args`/`**kwargs`, which may carry it).
   */
  private stevedorePluginClass(value: Node): boolean {
    if (value.type !== 'attribute' || value.childForFieldName('attribute')?.text !== 'driver') return false;
    const call = value.childForFieldName('object');
    const callee = call?.type === 'call' ? chainOf(call.childForFieldName('function')) : null;
    if (callee === null || !callee.endsWith('DriverManager') || !STEVEDORE_DRIVER_MANAGERS.has(this.canonicalHere(callee))) return false;
    const args = (call!.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
    if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return false;
    if (args.filter((a) => a.type !== 'keyword_argument').length > 2) return false;
    return args.every((a) => a.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'invoke_on_load' || a.childForFieldName('value')?.text === 'False');
  }

  /** A name bound to `cotyledon.ServiceManager()`, a local or a module-level one. */
  private cotyledonManager(obj: Node | null): boolean {
    if (obj?.type !== 'identifier' || !this.importsPackage('cotyledon')) return false;
    const local = this.scope?.origins.get(obj.text);
    if (local !== undefined) return local === 'cotyledon.ServiceManager';
    const value = this.isLocalName(obj.text) ? undefined : this.moduleDefs.get(obj.text)?.value;
    return value?.k === 'call' && this.canonicalHere(value.callee) === 'cotyledon.ServiceManager';
  }

  /**
   * A mutated default of a private module-level function that every call in the file passes
   * (`_create_config_job(node, ctrl, job_ids=ids)` at each of its calls): the default object is never
   * used (LocalFinding.defaultPassed). Read from the file's code: the one `def` at the left margin, and
   * every other mention of the name a call whose arguments (no `*`/`**` unpacking) pass the parameter
   * by position or by keyword. (New objects replace the walked ones, which a memo may hold.)
   */
  private finishDefaults(): void {
    for (let i = 0; i < this.local.length; i++) {
      const l = this.local[i];
      if (l.defaultParam === undefined) continue;
      const { defaultParam, ...rest } = l;
      const fn = this.functions[l.fn];
      this.local[i] = fn !== undefined && !fn.decorated && this.everyCallPasses(fn.name, defaultParam) ? { ...rest, defaultPassed: true } : rest;
    }
  }

  private everyCallPasses(name: string, param: string): boolean {
    const code = this.codeSource();
    let index = -2;
    let calls = 0;
    for (const m of code.matchAll(new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g'))) {
      const at = m.index;
      const lineStart = code.lastIndexOf('\n', at - 1) + 1;
      const open = code.indexOf('(', at + name.length);
      if (open < 0 || code.slice(at + name.length, open).trim() !== '') return false;
      const parts = argumentParts(code, open);
      if (parts === null) return false;
      if (/^(async\s+)?def\s+$/.test(code.slice(lineStart, at))) {
        // The definition, once: the parameter's place among those a call may pass by position (-1: keyword only).
        if (index !== -2) return false;
        index = -1;
        for (let k = 0; k < parts.length; k++) {
          const part = parts[k].trim();
          if (part.startsWith('*')) break;
          if (/^(\w+)/.exec(part)?.[1] === param) {
            index = k - parts.slice(0, k).filter((x) => x.trim() === '/').length;
            break;
          }
        }
        continue;
      }
      calls++;
      if (parts.some((x) => x.trim().startsWith('*'))) return false;
      const positional = parts.filter((x) => x.trim() !== '' && !/^\s*\w+\s*=(?!=)/.test(x)).length;
      if (!parts.some((x) => new RegExp(`^\\s*${param}\\s*=(?!=)`).test(x)) && !(index >= 0 && positional > index)) return false;
    }
    return index !== -2 && calls > 0;
  }

  /** Server-state findings (noteServerState) are information unless the file uses a threading server. */
  private finishServerState(root: Node): void {
    if (!this.local.some((l) => l.serverState)) return;
    // (Named in code, not in a comment or a string: msal's "use ``ThreadingHTTPServer.serve_forever()``".)
    let threading = false;
    for (const m of this.input.source.matchAll(/\bThreading(MixIn|TCPServer|UDPServer|HTTPServer|UnixStreamServer|UnixDatagramServer)\b/g)) {
      const at = root.descendantForIndex(m.index, m.index + m[0].length);
      if (at !== null && at.type === 'identifier') {
        threading = true;
        break;
      }
    }
    for (const l of this.local) {
      if (!l.serverState) continue;
      delete l.serverState;
      if (!threading) {
        l.severity = 'information';
        l.message += ' (no threading server in this file: reported as information)';
      }
    }
  }

  /** A parameter of the module-level function being walked, handed on to code that keeps it (FunctionInfo.escapes). */
  private noteParamEscape(name: string): void {
    const scope = this.scope;
    if (scope === null || scope.parent !== null || this.functions[scope.fn].cls >= 0 || !scope.params.has(name) || scope.assigned.has(name)) return;
    const position = [...scope.params].indexOf(name);
    const escapes = this.functions[scope.fn].escapes;
    if (!escapes.includes(position)) escapes.push(position);
  }

  private finishModule(): void {
    for (const p of this.modulePending) {
      // A result of a function or class of this file that is not cached: a new object per call.
      if (p.access?.result && p.rest === '') {
        const def = this.moduleDefs.get(p.base)?.value;
        if (def && (def.k === 'class' || (def.k === 'function' && !this.functions[def.fn].cached))) continue;
      }
      this.finishPending(p, this.canonical(p.base + p.rest));
    }
  }

  private finishPending(p: Pending, canonical: string): void {
    if (p.access) {
      p.access.target = { t: 'chain', chain: canonical };
      this.accesses.push(p.access);
    } else if (p.ref) {
      const call = p.ref.call === true && typeof p.ref.from === 'number';
      const deferred = p.ref.deferred === true;
      const key = refKey(canonical, p.ref.from, call, deferred);
      if (!this.refs.has(key)) {
        const ref = makeRef(canonical, p.ref.from, call, deferred);
        this.refs.set(key, ref);
        this.recording?.refs.push(ref);
      }
    }
  }

  // ---------------------------------------------------------------- accesses

  /** The lock key for a `with`/`acquire` operand, or null when it cannot be a lock. */
  private lockKey(chain: string): string {
    const [base, rest] = splitChain(chain);
    if (this.scope && this.scope.selfName && base === this.scope.selfName && rest) return `self#${this.scope.cls}${rest}`;
    return this.importedLock(chain) || chain;
  }

  private isLockKey(key: string, defs: Record<string, Binding>): boolean {
    if (key.startsWith(HELPER_LOCK_KEY) || key.startsWith(IMPORTED_HELPER_KEY) || key.endsWith(']')) return true;
    const last = key.slice(key.lastIndexOf('.') + 1);
    // `from registry import _plugin_lock as guard`: the imported name says what it is.
    const imported = key.includes('.') ? undefined : this.moduleImports.get(key);
    if (imported !== undefined && LOCK_NAME.test(imported.slice(imported.lastIndexOf('.') + 1))) return true;
    // `_upload_lock = threading.BoundedSemaphore(4)`: made here as a counting semaphore, whatever its name says.
    const made = this.keyBinding(key, defs)?.value;
    if (made?.k === 'safe' && SEMAPHORES.has(made.type)) return false;
    return this.lockKind(key, defs) !== undefined || LOCK_NAME.test(last) || (key.includes('.') && this.lockAttrs.has(last));
  }

  /** The lock object a key names, when its creation is visible in this file. */
  private lockKind(key: string, defs: Record<string, Binding>): { reentrant: boolean; span: Span; factory: string } | undefined {
    // A lock oslo.concurrency keeps per name: one semaphore, which its holder cannot take again.
    const named = key.startsWith(NAMED_LOCK_KEY) ? this.namedLockSpans.get(key) : undefined;
    if (named !== undefined) return { reentrant: false, span: named, factory: NAMED_LOCK_FACTORY };
    const binding = this.keyBinding(key, defs);
    if (binding && binding.value.k === 'lock') return { reentrant: binding.value.reentrant, span: binding.span, factory: binding.value.factory };
    return undefined;
  }

  /** The binding a held-lock key names, when this file makes it (a module-level name, `self#N.attr`, `Cls.attr`). */
  private keyBinding(key: string, defs: Record<string, Binding>): Binding | undefined {
    let binding: Binding | undefined;
    const self = /^self#(\d+)\.(\w+)$/.exec(key);
    if (self) {
      const cls = this.classes[Number(self[1])];
      binding = own(cls?.instanceAttrs, self[2]) ?? own(cls?.attrs, self[2]);
    } else if (!key.includes('.')) {
      binding = own(defs, key);
    } else {
      const [base, attr] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
      const cls = this.classes.find((c) => c.qualname === base);
      binding = cls && !attr.includes('.') ? own(cls.attrs, attr) : undefined;
    }
    return binding;
  }

  private record(chain: string, op: AccessOp, node: Node, extra: Partial<Access> = {}): void {
    const fn = this.currentFn();
    if (fn < 0 || this.inMain) return;
    // `mw.last_seen += 1`: a read of the attribute too (FileSummary.attrReads).
    if ((op === 'rmw' || op === 'augassign') && this.scope !== null) this.noteAttrReads(chain);
    // `panels.append(DefaultPanel())` on a list of imported objects (IMPORTED_LIST): not only those any more.
    if (this.scope !== null && this.scope.imports.size > 0 && MUTATION_OPS.has(op)) {
      const dot = chain.indexOf('.');
      const base = dot < 0 ? chain : chain.slice(0, dot);
      if (this.scope.imports.get(base) === DYNAMIC_IMPORT_LIST) this.scope.imports.delete(base);
    }
    // Every field present, in one order, also the optional ones: one object shape for all accesses keeps
    // the optimised code that reads them from deoptimising on a shape it has not met (`--trace-deopt`).
    const access: Access = {
      op,
      target: { t: 'chain', chain },
      text: extra.text ?? (extra.result ? `${chain}()` : chain),
      span: spanOf(node),
      fn,
      detail: extra.detail,
      argc: extra.argc,
      held: this.heldSinceRead < 0 ? this.heldFor(node) : this.heldAcrossRead(node, this.heldSinceRead),
      taint: extra.taint,
      check: extra.check,
      result: extra.result,
      awaited: undefined,
      entry: undefined,
      stores: extra.stores,
      // (Not in a lambda, which may run later on another thread.)
      oneThread: this.lambdaDepth > 0 ? undefined : this.afterSignalCall ? 'signal' : this.forkChild > 0 ? 'child' : this.mainBranch > 0 ? 'main' : undefined,
      arm: op === 'rebind' && this.arms.length > 0 ? this.arms.join('/') : undefined,
      guard: undefined,
      freshLock: this.freshLockAt,
    };
    // `if _idle: _idle.pop()`, `if len(_window) >= limit: return` ... `_window.append(now)`: a test of a
    // container's emptiness or size, then a change of it, is check-then-act like a membership test.
    if (WRITE_OPS.has(op) || (op === 'mutate' && this.checks.some((c) => c.members.has(chain) || testsSize(c, chain)))) {
      for (let i = this.checks.length - 1; i >= 0; i--) {
        const check = this.checks[i];
        if (check.keys.has(chain) || check.members.has(chain)) {
          // (Past a test of an entry kept in a local, `if not reg: X.pop(k)`, to the membership test before it; not
          // past one made under a lock, which re-tests the container there: double-checked locking.)
          if (op === 'mutate' && !check.members.has(chain) && !testsSize(check, chain)) {
            if (check.heldDepth > 0) break;
            continue;
          }
          access.check = { span: check.span, outside: this.held.length > check.heldDepth };
          if (check.members.has(chain)) access.check.member = true;
          // (A value of an immutable kind counts for a lazy initialisation, `if _lang is None:`, not for
          // `if len(name) > MAX: MAX = len(name)`, where a racing thread's smaller value can win.)
          if (access.detail?.startsWith(IMMUTABLE_VALUE) && !lazyTestOf(check.condition, chain)) access.detail = undefined;
          // `if k not in _cache: _cache[k] = make(k)` ... `return _cache[k]`: the entry is read back after the test.
          if (op === 'setitem' && check.members.has(chain) && readsEntryAfter(node, chain, check.start)) access.check.readsEntry = true;
          // `if not _VENDOR_DEFAULTS:` ... `_VENDOR_DEFAULTS[name] = profile` in a loop: filled in place, where other threads see it.
          // (In a loop under the test: entry after entry, so a thread that comes by meanwhile finds some of them.)
          if ((op === 'setitem' || (op === 'mutate' && FILL_METHODS.has(mutateMethod(access)))) && !check.members.has(chain) && lazyTestOf(check.condition, chain) && inLoopAfter(node, check.start)) access.check.filled = true;
          if (check.raises === true) access.check.raiseOnly = true;
          // (After `if _x is not None and not stale(): return _x`, the rest runs when the `and` fails.)
          if (check.condition !== null && refreshTest(check.condition, check.afterExit ? 'and' : 'or')) access.check.refresh = true;
          if (check.staleLocal !== '' && access.check.outside) access.check.stale = check.staleLocal;
          // (A global, or a class's flag stored through the class, `Convert.warned = True`: warnOnceBlock() wants a literal stored.)
          if (((op === 'rebind' && access.detail?.startsWith(LITERAL_PREFIX)) || op === 'attr-store') && check.condition !== null && warnOnceBlock(node, check.start, check.condition, chain)) access.check.once = true;
          // `if key not in _warned: _warned.add(key); log.warning(...)`: a warn-once set, keyed.
          if ((op === 'setitem' || (op === 'mutate' && mutateMethod(access) === 'add')) && check.members.has(chain) && check.condition !== null && warnOnceKeyed(node, check.start, check.condition, chain)) access.check.once = true;
          // `if len(_conns) < MAX: _conns[tid] = ...`: the write is the thread's own entry, the test is not.
          // (`buf = _per_thread.get(tid)` ... `if buf is None:` tests the thread's entry through the local, Scope.lookupKeys.)
          if (access.detail === THREAD_KEY && this.threadKeyText !== '' && mentionsOf(this.input.source, this.threadKeyText, check.start, check.condEnd, 1) === 0 && !check.keyedLookups.includes(`${chain}\0${this.threadKeyText}`)) access.detail = undefined;
          // `if self in _live: _live.remove(self)`: the object's own entry, tested and changed (sharedWriteOf()); not
          // `if len(_live) > 100: _live.discard(self)`, a test of the container that other callers change too.
          if (isThreadKeyedMutate(access) && !this.testsOnlyMembership(check, this.threadKeyText)) access.detail = mutateMethod(access);
          // `if _ENFORCER is None: _ENFORCER = Enforcer()`, no lock held: the set-up that may follow (noteEarlySetup()).
          // (Or a class attribute, `cls.definitions = dict()` in a classmethod, `Registry.table = {}`.)
          if ((op === 'rebind' || op === 'attr-store') && this.held.length === 0 && check.keys.has(chain) && !this.earlyPublished.has(check) && (this.scope?.globals.has(chain) === true || this.classAttrChain(chain))) {
            this.earlyPublished.set(check, { chain, access, arm: this.arms.join('/') });
          }
          if (this.functions[fn].isAsync) {
            // The race is between the test and the first write under it (`if n >= MAX: raise` ...
            // `n += 1`): a later write (a decrement in `finally:` after waits) is a step of its own.
            if (check.afterExit && check.firstWrite < 0) check.firstWrite = node.endIndex;
            const end = check.afterExit ? check.firstWrite : node.endIndex;
            const src = this.input.source;
            const between = check.skipFrom < 0 || check.skipFrom >= end ? src.slice(check.start, end) : src.slice(check.start, check.skipFrom) + src.slice(check.skipTo, end);
            if (AWAITS.test(between)) access.awaited = true;
          }
          break;
        }
      }
    }
    const scope = this.scope!;
    // `if loaded: return` ... `VENDOR = cfg.get(...)`: the global the enclosing tests test (Access.guard).
    if (op === 'rebind' && access.check === undefined && this.checks.length > 0) {
      for (let i = this.checks.length - 1; i >= 0 && access.guard === undefined; i--) {
        for (const key of this.checks[i].keys) {
          if (key !== chain && key.indexOf('.') < 0 && scope.globals.has(key)) {
            access.guard = this.canonical(key);
            break;
          }
        }
      }
    }
    if (this.checks.length > 1 && this.held.length > 0 && scope.globals.has(chain)) this.notePublication(chain, op, node);
    // (Not the assignment itself: `if not Driver.conf_map: Driver.conf_map = build()` stores it whole.)
    if (this.earlyPublished.size > 0 && op !== 'rebind' && MUTATION_OPS.has(op) && !(op === 'attr-store' && this.publishedHere(access))) this.noteEarlySetup(chain, node);
    // A store after a wait may store what was read before it (`n = COUNT; await f(); COUNT = n + 1`): any
    // wait earlier in the function counts. A lone mutation (`.add()`, `del d[k]`) reads nothing first.
    // A read-modify-write reads in the same statement (`X += 1`): only a wait inside it counts.
    if (access.check === undefined && STORE_OPS.has(op) && this.functions[fn].isAsync) {
      // (Not when the value was read earlier into a local, `n = BALANCE.get(u)`: then any wait since counts.)
      const inStatement = (op === 'rmw' || op === 'augassign') && !(this.lastReads?.has(`${LOOKUP_READ}${chain}`) ?? false);
      const waits = inStatement ? AWAITS.test(this.input.source.slice(node.startIndex, node.endIndex)) : this.waitsBefore(scope, node.endIndex) && this.readBeforeWait(scope, chain, node.startIndex);
      if (waits) access.awaited = true;
    }
    const [base, rest] = splitChain(chain);
    // `headers = DEFAULT_HEADERS; headers["X"] = v` changes DEFAULT_HEADERS (not `+=`: it may rebind).
    if (scope.aliases.size > 0 && rest === '' && op !== 'augassign' && MUTATION_OPS.has(op) && op !== 'attr-store') {
      const target = scope.aliases.get(base);
      // `lf = self.list_filter; lf.append(x)`: a change of the attribute's object, judged as `self.list_filter.append(x)`.
      if (target !== undefined && scope.selfName !== '' && target.startsWith(`${scope.selfName}.`)) {
        access.target = { t: 'self', cls: scope.cls, attr: target.slice(scope.selfName.length + 1), via: this.functions[fn].isClassMethod ? 'cls' : 'self' };
        access.text = target;
        this.accesses.push(access);
        return;
      }
      // `out = tags` (an empty default) changed only under `if out:` or after `if not tags: return`: see below.
      const guarded = target !== undefined && scope.emptyDefaults.has(target) && scope.params.has(target) && (this.onlyWhenNonEmpty(base, node) || this.onlyWhenNonEmpty(target, node));
      // `window.append(now)` on an entry whose type is not known (a deque's single append is atomic):
      // only as part of a check-then-act.
      const loneEntryOp = scope.entryAliases.has(base) && op === 'mutate' && DEQUE_SAFE_METHODS.has(mutateMethod(access)) && access.check === undefined;
      if (loneEntryOp) return this.pend(chain, { access });
      if (target !== undefined && !guarded) this.pend(target, { access: { ...access, target: { t: 'chain', chain: target }, text: target, held: [...access.held], entry: scope.entryAliases.has(base) ? true : undefined } });
    }
    // `s = STATS; s.hits += 1` (or `s.hits = n`): an attribute of the module-level object itself.
    if (scope.aliases.size > 0 && rest !== '' && rest.indexOf('.', 1) < 0 && (op === 'attr-store' || op === 'rmw' || op === 'augassign') && !scope.entryAliases.has(base)) {
      const target = scope.aliases.get(base);
      if (target !== undefined && !(scope.selfName !== '' && (target === scope.selfName || target.startsWith(`${scope.selfName}.`))) && !scope.params.has(base)) {
        const chain2 = target + rest;
        this.pend(chain2, { access: { ...access, target: { t: 'chain', chain: chain2 }, text: chain2, held: [...access.held] } });
      }
    }
    // `conf = get_config(); conf["k"] = v`: the call's result changes too (Access.result). Not `+=`,
    // which rebinds the local when the result is a string or a tuple.
    // `settings.origins.append(o)` too: a container held by the result is shared with it.
    if (scope.results.size > 0 && access.result === undefined && op !== 'augassign' && MUTATION_OPS.has(op) && rest.indexOf('.', 1) < 0) {
      const callee = scope.results.get(base);
      if (callee !== undefined) this.pend(callee, { access: { ...access, target: { t: 'chain', chain: callee }, text: `${callee}()${rest}`, held: [...access.held], check: undefined, result: true } });
    }
    if (scope.selfName && base === scope.selfName && rest && scope.cls >= 0 && !scope.assigned.has(base)) {
      const attr = rest.slice(1);
      // `type(self).count += 1`, `self.__class__.count += 1`: the class attribute, as through `cls`.
      // (In a classmethod, `type(cls)` is the metaclass: not this class's attribute.)
      if (attr.startsWith('__class__.') && attr.indexOf('.', 10) < 0) {
        if (this.functions[fn].isClassMethod) return;
        access.target = { t: 'self', cls: scope.cls, attr: attr.slice(10), via: 'cls' };
        // Quoted as written: `type(self).renders`, not the `self.__class__.renders` it stands for.
        if (new RegExp(`\\btype\\(\\s*${base}\\s*\\)\\s*\\.\\s*${attr.slice(10)}\\b`).test(this.input.source.slice(node.startIndex, node.endIndex))) access.text = `type(${base}).${attr.slice(10)}`;
        this.accesses.push(access);
        return;
      }
      if (attr.includes('.')) {
        // `self.server.stats["lines"] += 1` in a socketserver/http.server request handler: the server
        // object, one for every connection's thread.
        if (attr.startsWith('server.') && (MUTATION_OPS.has(op) || op === 'rmw') && firmLocks(access.held) === 0 && this.rawClassBases[scope.cls].some((b) => REQUEST_HANDLER_BASE.test(b))) {
          this.noteServerState(access, `${base}${rest}`);
          return;
        }
        // `self.Meta.fields.append(...)`: an attribute of a class nested in this one (a serializer's or a
        // form's `Meta`), as `Outer.Meta.fields`, when the outer class is a module-level one.
        const dot = attr.indexOf('.');
        const outer = this.classes[scope.cls];
        const nested = `${outer.qualname}.${attr.slice(0, dot)}`;
        if (!outer.qualname.includes('.') && attr.indexOf('.', dot + 1) < 0 && this.classes.some((c) => c.qualname === nested)) {
          this.pend(`${nested}.${attr.slice(dot + 1)}`, { access });
        }
        return;
      }
      access.target = { t: 'self', cls: scope.cls, attr, via: this.functions[fn].isClassMethod ? 'cls' : 'self' };
      this.accesses.push(access);
      return;
    }
    // `def f(x, tags=[]): if not tags: return x; tags.sort()`: the empty default never gets this far.
    if (rest === '' && scope.emptyDefaults.has(base) && scope.params.has(base) && this.onlyWhenNonEmpty(base, node)) return;
    this.pend(chain, { access });
  }

  /** A chain whose first name is neither a local, a parameter, `self` nor a builtin: a module-level (or imported) object. */
  private isSharedName(chain: string, scope: Scope): boolean {
    const base = splitChain(chain)[0];
    return !BUILTINS.has(base) && !this.isLocalName(base) && base !== scope.selfName;
  }

  /** An iterator a loop or `islice` advances: a module-level (or imported) name, for TL012. */
  private noteAdvanced(iterator: Node | null): void {
    if (iterator === null || (iterator.type !== 'identifier' && iterator.type !== 'attribute')) return;
    const chain = chainOf(iterator);
    if (chain === null) return;
    const base = splitChain(chain)[0];
    if (this.isLocalName(base) || base === this.scope?.selfName) return;
    this.record(chain, 'next', iterator, { detail: 'next' });
  }

  /**
   * Whether `node` runs only when the local `name` is truthy (not empty): it sits in the body of
   * `if name:` (or `if name and ...:`), or after `if not name: return` (raise, continue, break)
   * in a block that holds it.
   */
  private onlyWhenNonEmpty(name: string, node: Node): boolean {
    const truthy = (test: Node | null): boolean => {
      if (!test) return false;
      if (test.type === 'parenthesized_expression') return truthy(test.namedChildren[0]);
      if (test.type === 'identifier') return test.text === name;
      if (test.type === 'boolean_operator' && test.childForFieldName('operator')?.type === 'and') return truthy(test.childForFieldName('left')) || truthy(test.childForFieldName('right'));
      return false;
    };
    const falsy = (test: Node | null): boolean => {
      if (!test) return false;
      if (test.type === 'parenthesized_expression') return falsy(test.namedChildren[0]);
      if (test.type === 'not_operator') return truthy(test.childForFieldName('argument'));
      if (test.type === 'boolean_operator' && test.childForFieldName('operator')?.type === 'or') return falsy(test.childForFieldName('left')) || falsy(test.childForFieldName('right'));
      return false;
    };
    for (let at: Node | null = node; at && at.type !== 'function_definition'; at = at.parent) {
      const parent = at.parent;
      if (!parent) break;
      const consequence = parent.type === 'if_statement' ? parent.childForFieldName('consequence') : null;
      if (consequence && at.equals(consequence) && truthy(parent.childForFieldName('condition'))) return true;
      if (parent.type === 'block' || parent.type === 'module') {
        // Where the block's first `if not name: return` starts, found once per block and name.
        const cacheKey = `${parent.startIndex}\u0000${name}`;
        let guard = this.exitGuards.get(cacheKey);
        if (guard === undefined) {
          guard = -1;
          for (const stmt of parent.namedChildren) {
            if (stmt?.type !== 'if_statement' || stmt.childForFieldName('alternative') !== null || !falsy(stmt.childForFieldName('condition'))) continue;
            const consequence = stmt.childForFieldName('consequence');
            if (consequence !== null && endsInExit(consequence)) {
              guard = stmt.startIndex;
              break;
            }
          }
          this.exitGuards.set(cacheKey, guard);
        }
        if (guard >= 0 && guard < at.startIndex) return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- statements

  private visitBlock(block: Node): void {
    if (++this.depth > MAX_DEPTH) throw new NestingTooDeep();
    this.visitBlockAt(block);
    this.depth--;
  }

  private visitBlockAt(block: Node): void {
    const heldBefore = this.held.length;
    const triedBefore = this.tried.length;
    // The locks held before this block's first release(): a block that then always leaves
    // (`except Exception: _lock.release(); raise`) lets only the paths that kept them go on.
    let beforeRelease: string[] | null = null;
    let checksAfter = 0;
    const released = this.releasedFirst(block);
    if (released !== null) this.held.push(released);
    const replace = this.input.replace;
    for (let stmt of block.namedChildren) {
      if (!stmt) continue;
      if (replace !== undefined && stmt.startIndex === replace.startIndex && stmt.type === replace.type) stmt = replace;
      const type = stmt.type;
      this.visitStatement(stmt, type);
      // `signal.signal(SIGCHLD, handler)` as a statement of the function's own body: it raises
      // `ValueError` on any thread but the main one, so what follows runs on the main thread only.
      if (type === 'expression_statement' && !this.afterSignalCall && this.scope !== null && block.startIndex === this.scope.bodyStart && this.lambdaDepth === 0 && this.isSignalInstall(stmt)) this.afterSignalCall = true;
      if (this.checkAfter) {
        this.checks.push(this.checkAfter);
        this.checkAfter = null;
        checksAfter++;
      }
      if (this.triedAfter !== null) {
        this.tried.push(this.triedAfter);
        this.triedAfter = null;
      }
      if (this.acquiredAfter) {
        // The `if not lock.acquire(...): return` just visited: the rest of this block holds the lock.
        const { key, at } = this.acquiredAfter;
        const nonBlocking = nonBlockingAcquire(at);
        const timed = timedAcquire(at);
        if (!this.held.includes(key)) this.noteAcquire(key, at, nonBlocking, timed);
        this.held.push(key);
        if (nonBlocking || timed) this.tried.push(key);
        this.acquiredAfter = null;
      }
      // `stack.enter_context(_lock)` in a `with ExitStack() as stack:` block: held for the rest of the block.
      const entered = type === 'expression_statement' ? enteredContext(stmt) : null;
      if (entered !== null) {
        const key = this.lockKey(entered);
        this.noteAcquire(key, stmt);
        this.held.push(key);
      }
      const lockCall = type === 'expression_statement' ? lockMethodCall(stmt) : null;
      if (lockCall) {
        // `self.acquire()` ... `self.release()`: the object is its own lock (a `logging.Handler`,
        // whose acquire() takes `self.lock`, or a subclass of a lock or condition).
        const key = this.lockCallKey(lockCall.chain);
        if (lockCall.method === 'acquire') {
          this.noteAcquire(key, stmt);
          this.held.push(key);
        } else {
          // release() may sit in a `finally:` of a try that follows the acquire().
          const at = key === HELPER_LOCK_KEY ? findLastIndex(this.held, (k) => k.startsWith(HELPER_LOCK_KEY)) : this.held.lastIndexOf(key);
          if (at >= 0) {
            beforeRelease ??= this.held.slice();
            this.held.splice(at, 1);
          }
        }
      }
    }
    // (Not `break` or `continue`: the code after the loop, or its next round, runs without the lock.)
    if (beforeRelease !== null && leavesCall(block)) this.held.splice(0, this.held.length, ...beforeRelease.slice(0, heldBefore));
    this.held.length = Math.min(this.held.length, heldBefore);
    this.tried.length = triedBefore;
    this.checks.length -= checksAfter;
  }

  /** `return wrapped` where `def wrapped(...)` is a function defined in the function being walked. */
  private returnsOwnClosure(value: Node | null): boolean {
    if (value?.type !== 'identifier' || this.scope === null) return false;
    const qualname = `${this.functions[this.scope.fn].qualname}.<locals>.${value.text}`;
    for (let i = this.scope.fn + 1; i < this.functions.length; i++) if (this.functions[i].qualname === qualname) return true;
    return false;
  }

  /** The lock key of `chain.acquire()`/`chain.release()` (lockMethodCall()). */
  private lockCallKey(chain: string): string {
    // `self.acquire()` ... `self.release()`: the object is its own lock (a `logging.Handler`,
    // whose acquire() takes `self.lock`, or a subclass of a lock or condition).
    const own = this.scope !== null && this.scope.cls >= 0 && chain === this.scope.selfName;
    const aliased = !own && chain.indexOf('.') < 0 && this.scope !== null && !this.scope.entryAliases.has(chain) ? this.scope.aliases.get(chain) : undefined;
    return this.lockKey(own ? `${chain}.lock` : (aliased ?? chain));
  }

  /**
   * A lock this block releases before it acquires any, while the walk does not hold it: chameleon's
   * `if backup is not None: _table.clear(); _table.update(backup); self.lock.release()` in a `finally:`,
   * after an `acquire()` under another `if`. Releasing a lock the thread does not hold raises, so the
   * statements before the release run holding it.
   */
  private releasedFirst(block: Node): string | null {
    // The next `.release(` at or after the block's start: blocks are walked in the order they start,
    // so one search serves every block up to it (one search per block would read to the end of the file each time).
    const start = block.startIndex;
    if (start < this.releaseFrom || (this.releaseNext >= 0 && this.releaseNext < start)) {
      this.releaseNext = this.input.source.indexOf('.release(', start);
    }
    this.releaseFrom = start;
    const at = this.releaseNext;
    if (at < 0 || at >= block.endIndex) return null;
    const assigned = new Set<string>();
    for (const stmt of block.namedChildren) {
      if (stmt === null || stmt.type !== 'expression_statement') continue;
      const first = stmt.namedChildren[0];
      if (first?.type === 'assignment') {
        const left = first.childForFieldName('left');
        if (left?.type === 'identifier') assigned.add(left.text);
        continue;
      }
      const call = lockMethodCall(stmt);
      if (call === null) continue;
      if (call.method === 'acquire' || call.chain.startsWith(HELPER_LOCK_KEY)) return null;
      // (Not a local: `lock = self.locks.pop(sid); lock.release()` releases a lock the pop just took out,
      // which guards nothing the statements before it touch.)
      const base = splitChain(call.chain)[0];
      if (assigned.has(base) || (base === call.chain && this.isLocalName(base))) return null;
      // A semaphore is released by another thread than the one that took it (a bounded pool's workers).
      if (/(^|_)sem(aphore)?s?$/i.test(call.chain.slice(call.chain.lastIndexOf('.') + 1))) return null;
      const key = this.lockCallKey(call.chain);
      // Only a lock this function takes elsewhere (under another `if`, as chameleon does): a lone
      // `release()` may hand back what another thread acquired, or not be a lock's at all.
      const fn = this.currentFn();
      const taken = this.acquired.get(fn);
      return this.held.includes(key) || fn < 0 || !(taken?.has(key) || taken?.has(key + TRIED_ACQUIRE) || taken?.has(key + TIMED_ACQUIRE)) ? null : key;
    }
    return null;
  }

  private visitStatement(node: Node, knownType?: string): void {
    switch (knownType ?? node.type) {
      case 'function_definition':
        this.visitFunction(node, []);
        return;
      case 'class_definition':
        this.visitClass(node, []);
        return;
      case 'decorated_definition': {
        const decorators: Node[] = [];
        for (const c of node.namedChildren) if (c && c.type === 'decorator') decorators.push(c);
        const def = node.childForFieldName('definition');
        // `@app.get("/", dependencies=[Depends(limiter)])`: like a default `Depends(...)`, for the function below.
        const savedDefaultsOf = this.defaultsOf;
        if (def?.type === 'function_definition') this.defaultsOf = this.functions.length;
        for (const d of decorators) {
          const expr = d.namedChildren[0];
          if (expr) this.visitDecorator(expr);
        }
        this.defaultsOf = savedDefaultsOf;
        if (def?.type === 'function_definition') this.visitFunction(def, decorators);
        else if (def?.type === 'class_definition') this.visitClass(def, decorators);
        return;
      }
      case 'expression_statement':
        for (const c of node.namedChildren) {
          if (!c) continue;
          const type = c.type;
          if (type === 'assignment') this.visitAssignment(c);
          else if (type === 'augmented_assignment') this.visitAugmented(c);
          else if (type !== 'string') this.visitExpr(c, type); // a docstring or bare string does nothing
        }
        return;
      case 'if_statement':
        this.visitIf(node);
        return;
      case 'for_statement': {
        const right = node.childForFieldName('right');
        // `for setup in (_load_a, _load_b): setup()` at module level: each function is called while the module loads.
        const called = this.scope === null ? importTimeLoopCalls(node, right) : null;
        if (called !== null) for (const fn of called) this.pend(fn, { ref: { from: 'import', call: undefined, deferred: undefined } });
        else this.visitExpr(right);
        // `for n in _ids:` / `for i, n in enumerate(_ids):` advances the iterator `_ids` (TL012 when it is a shared generator).
        if (right && this.scope) this.noteAdvanced(right.type === 'call' ? iteratorArg(right) : right);
        if (right && this.scope) this.noteLoopOver(right);
        const left = node.childForFieldName('left');
        if (left) this.assignTarget(left, null, null);
        this.visitChildBlocks(node);
        return;
      }
      case 'while_statement': {
        const condition = node.childForFieldName('condition');
        // `while self.calls and self.calls[0] < cutoff: self.calls.popleft()`: a test of a container's
        // emptiness or size, then a change of it, as under `if` (two threads both see the last entry).
        const check = condition !== null && this.scope !== null && this.lambdaDepth === 0 ? this.collectCheck(condition, node) : null;
        if (check === null) this.visitExpr(condition);
        if (condition && this.scope) for (const id of condition.descendantsOfType('identifier')) if (id) this.scope.tested.add(id.text);
        const sized = check !== null && (check.sized = sizeTested(condition!)).length > 0;
        // `while not outbox.empty(): outbox.get()`: a queue's size answer, stale at once, as under `if` (noteQueueAfterTest()).
        const pushed = sized || (check !== null && QUEUE_TESTS.test(this.input.source.slice(condition!.startIndex, condition!.endIndex)));
        if (pushed) this.checks.push(check!);
        this.visitChildBlocks(node);
        if (pushed) this.checks.length--;
        // `while not lock.acquire(timeout=1): log(...)`: the loop ends once the lock is held (rest of the block).
        const tried = condition?.type === 'not_operator' && this.scope !== null && !node.namedChildren.some((c) => c?.type === 'else_clause') ? triedLock(condition) : null;
        if (tried?.negated && !this.input.source.slice(node.startIndex, node.endIndex).includes('break')) this.acquiredAfter = { key: this.lockKey(tried.chain), at: condition! };
        return;
      }
      case 'with_statement':
        this.visitWith(node);
        return;
      case 'try_statement': {
        // `try: import django` / `except ImportError:` at module level: an optional dependency.
        const optional = this.scope === null && node.namedChildren.some((c) => c !== null && c.type === 'except_clause' && /^except\s*(:|\(?\s*(\w+\.)*(ImportError|ModuleNotFoundError|Exception)\b)/.test(c.text));
        // `try: signal.set_wakeup_fd(fd)` / `except ValueError:` (raised off the main thread): the code knows.
        // Only a `try:` that calls nothing else (an `int(...)` there may be what the handler is for).
        const tryBlock = node.namedChildren.find((c) => c?.type === 'block') ?? null;
        const valueError = this.scope !== null && node.namedChildren.some((c) => c !== null && c.type === 'except_clause' && /\bValueError\b/.test(handlerHead(c))) &&
          tryBlock !== null && tryBlock.descendantsOfType('call').every((call) => call !== null && /(^|\.)(signal|set_wakeup_fd|getsignal|siginterrupt|fileno)$/.test(call.childForFieldName('function')?.text ?? ''));
        let afterLookup: Check | null = null;
        const hasElseOrFinally = node.namedChildren.some((c) => c?.type === 'else_clause' || c?.type === 'finally_clause');
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'block' && optional) {
            this.optionalImports++;
            this.visitBlock(c);
            this.optionalImports--;
          } else if (c.type === 'block' && valueError) {
            this.signalsGuarded++;
            this.visitBlock(c);
            this.signalsGuarded--;
          } else if (c.type === 'block') this.visitBlock(c);
          else if (c.type === 'except_clause' || c.type === 'except_group_clause') {
            // `try: return _cache[k]` / `except KeyError: _cache[k] = ...`: the handler's writes are tested by the lookup.
            const lookup = this.scope !== null && tryBlock !== null ? this.lookupCheck(node, tryBlock, c) : null;
            if (lookup) this.checks.push(lookup);
            if (optional) this.importFallback++;
            this.visitExcept(c);
            if (optional) this.importFallback--;
            if (lookup) this.checks.length--;
            // `try: return _cache[k]` / `except KeyError: pass`, then `_cache[k] = v` after the `try`: the rest of
            // the block runs only when the lookup failed, as after `if k in _cache: return _cache[k]`.
            if (lookup && !afterLookup && tryBlock !== null && !hasElseOrFinally && endsInExit(tryBlock)) {
              const handler = c.namedChildren.find((x) => x?.type === 'block') ?? null;
              if (handler !== null && !endsInExit(handler)) afterLookup = { ...lookup, skipFrom: tryBlock.startIndex, skipTo: tryBlock.endIndex, firstWrite: -1, afterExit: true };
            }
          } else this.visitChildBlocks(c);
        }
        if (afterLookup) this.checkAfter = afterLookup;
        return;
      }
      case 'delete_statement':
        for (const c of node.namedChildren) if (c) this.visitDelete(c);
        return;
      case 'global_statement':
        if (this.scope) for (const c of node.namedChildren) if (c?.type === 'identifier') this.scope.globals.add(c.text);
        return;
      case 'nonlocal_statement':
        if (this.scope) for (const c of node.namedChildren) if (c?.type === 'identifier') this.scope.nonlocals.add(c.text);
        return;
      case 'import_statement':
        this.visitImport(node);
        return;
      case 'import_from_statement':
        this.visitImportFrom(node);
        return;
      case 'future_import_statement':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'comment':
        return;
      case 'block':
        this.visitBlock(node);
        return;
      case 'type_alias_statement':
        // `type(self).registry[k] = v` reads to the grammar as a PEP 695 alias (`type X = ...`); an
        // alias names an identifier, so `type(` before the `=` is the call and this is an assignment.
        if (/^type\s*\(/.test(this.input.source.slice(node.startIndex, node.startIndex + 16))) {
          this.visitTypeOfAssignment(node);
          return;
        }
        for (const c of node.namedChildren) if (c) this.visitExpr(c);
        return;
      case 'match_statement': {
        this.visitExpr(node.childForFieldName('subject'));
        const body = node.childForFieldName('body');
        for (const clause of body?.namedChildren ?? []) {
          if (clause?.type !== 'case_clause') {
            if (clause) this.visitStatement(clause, clause.type);
            continue;
          }
          // `case [*CACHE]:`, `case {"k": v}:`, `case Point(x=x)`, `case _ as y`: capture patterns bind names (locals in a function).
          for (const c of clause.namedChildren) {
            if (c?.type === 'case_pattern') for (const name of patternCaptures(c)) this.assignTarget(name, null, null);
          }
          for (const c of clause.namedChildren) {
            if (c === null || c.type === 'case_pattern' || c.type === 'comment') continue;
            if (c.type === 'block') this.visitBlock(c);
            else this.visitExpr(c);
          }
        }
        return;
      }
      case 'return_statement': {
        const scope = this.scope;
        // (The value returned, asked once: each `namedChildren` makes a node object per child.)
        const kids = node.namedChildren;
        const value = kids.find((c) => c !== null && c.type !== 'comment') ?? null;
        if (scope !== null) this.noteReturn(scope, node, value);
        for (const c of kids) if (c) this.visitExpr(c);
        // `return application` in an app factory: the module's function handed out as a value, which whoever
        // gets it (a WSGI server) may call at any time, on any thread: not only where the factory runs.
        if (scope !== null && value?.type === 'identifier' && !this.isLocalName(value.text) && !BUILTINS.has(value.text)) {
          this.pend(value.text, { ref: { from: 'escape', call: undefined, deferred: undefined } });
        }
        return;
      }
      default:
        for (const c of node.namedChildren) {
          if (!c) continue;
          const type = c.type;
          if (type === 'block') this.visitBlock(c);
          else if (isStatementType(type)) this.visitStatement(c, type);
          else this.visitExpr(c, type);
        }
    }
  }

  /** What a `return` tells of its function (Scope.returnsLock, returnedName, returnedFresh, returnedSelfAttr, returnedMade, returnedParam). */
  private noteReturn(scope: Scope, node: Node, value: Node | null): void {
    if (this.functions[scope.fn].cached) this.noteCachedReturn(node);
    if (scope.parent === null) {
      if (scope.returnsLock !== 2) scope.returnsLock = value !== null && this.returnsALock(value) ? 1 : 2;
      if (scope.returnedName !== MIXED_RETURNS) {
        const name = value?.type === 'identifier' && !this.isLocalName(value.text) ? value.text : MIXED_RETURNS;
        scope.returnedName = scope.returnedName === '' || scope.returnedName === name ? name : MIXED_RETURNS;
      }
      if (scope.cls < 0) {
        // `return {"banned": []}`, `cfg = {}` ... `return cfg`: a new mutable container (FunctionInfo.returnsFresh).
        if (scope.returnedFresh !== MIXED_RETURNS) {
          const made = value === null ? undefined : value.type === 'identifier' ? scope.freshTypes?.get(value.text) : LITERAL_MUTABLE.has(value.type) || value.type === 'call' ? this.mutableType(value) : undefined;
          scope.returnedFresh = made !== undefined && (scope.returnedFresh === undefined || scope.returnedFresh === made) ? made : MIXED_RETURNS;
        }
        // `return Settings(**json.load(fh))`: a new object of that callee (FunctionInfo.returnsMade).
        if (scope.returnedMade !== MIXED_RETURNS) {
          const made = value === null ? null : this.madeBy(value);
          scope.returnedMade = made !== null && (scope.returnedMade === undefined || scope.returnedMade === made) ? made : MIXED_RETURNS;
        }
      } else if (scope.selfName !== '' && scope.returnedSelfAttr !== MIXED_RETURNS) {
        // `def _guard(self): return self._lock`: `with self._guard():` holds that lock (FunctionInfo.holds, SELF_RETURN).
        const chain = value?.type === 'attribute' ? chainOf(value) : null;
        const attr = chain !== null && chain.startsWith(`${scope.selfName}.`) && chain.indexOf('.', scope.selfName.length + 1) < 0 ? chain.slice(scope.selfName.length + 1) : MIXED_RETURNS;
        scope.returnedSelfAttr = scope.returnedSelfAttr === undefined || scope.returnedSelfAttr === attr ? attr : MIXED_RETURNS;
      }
    }
    if (scope.returnedParam !== MIXED_RETURNS) {
      const name = value?.type === 'identifier' && scope.params.has(value.text) ? value.text : MIXED_RETURNS;
      // (A wrapper defined here, `return wrapped` beside `return func`, leaves it as it is.)
      if (name !== MIXED_RETURNS || !this.returnsOwnClosure(value)) scope.returnedParam = scope.returnedParam === '' || scope.returnedParam === name ? name : MIXED_RETURNS;
    }
  }

  private visitChildBlocks(node: Node): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'block') this.visitBlock(c);
      else if (c.type === 'else_clause' || c.type === 'finally_clause') this.visitChildBlocks(c);
    }
  }

  private visitExcept(node: Node): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'block') this.visitBlock(c);
      else if (c.type === 'as_pattern') {
        this.visitExpr(c.namedChildren[0]);
        const alias = c.childForFieldName('alias');
        const name = alias?.namedChildren[0] ?? alias;
        if (name?.type === 'identifier') this.bindName(name.text, spanOf(name), { k: 'unknown' });
      } else this.visitExpr(c);
    }
  }

  private visitImport(node: Node): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'dotted_name') {
        const first = c.namedChildren[0]?.text ?? c.text;
        this.bindImport(first, first, spanOf(c));
      } else if (c.type === 'aliased_import') {
        const name = c.childForFieldName('name')?.text;
        const alias = c.childForFieldName('alias')?.text;
        if (name && alias) this.bindImport(alias, name, spanOf(c));
      }
    }
  }

  /** The module a `from ... import` statement imports from, relative imports resolved; null without one. */
  private importFromModule(node: Node): { moduleNode: Node; module: string } | null {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return null;
    if (moduleNode.type !== 'relative_import') return { moduleNode, module: moduleNode.text };
    const prefix = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix');
    const name = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name')?.text ?? '';
    return { moduleNode, module: this.resolveRelative(prefix ? prefix.text.length : 0, name) };
  }

  private visitImportFrom(node: Node): void {
    const from = this.importFromModule(node);
    if (!from) return;
    const { moduleNode, module } = from;
    for (const c of node.namedChildren) {
      if (!c || c === moduleNode || c.equals(moduleNode)) continue;
      // `from state import *` (module level only, as Python allows): names it does not bind are looked up there.
      // (Part of the memo key: importedLock() reads whether the module has star imports.)
      if (c.type === 'wildcard_import' && !this.scope && this.classBody < 0 && !this.starImports.includes(module)) {
        this.starImports.push(module);
        this.noteModuleName(`*${module}`);
      }
      if (c.type === 'dotted_name') this.bindImport(c.text, `${module}.${c.text}`, spanOf(c));
      else if (c.type === 'aliased_import') {
        const name = c.childForFieldName('name')?.text;
        const alias = c.childForFieldName('alias')?.text;
        if (name && alias) this.bindImport(alias, `${module}.${name}`, spanOf(c));
      }
    }
  }

  private visitDecorator(expr: Node): void {
    if (!this.scope) {
      // Decorators at module level or in a class body run at import time.
      const chain = chainOf(expr);
      if (chain) {
        this.pend(chain, { ref: { from: 'import', call: undefined, deferred: undefined } });
        return;
      }
      // `@register("x")`: the factory's result is applied at once and not kept (see FunctionInfo.returnedBy).
      if (expr.type === 'call') {
        this.decoratorFactory = expr;
        // `@override_mode(True)` with `class override_mode(ContextDecorator)`: one instance, kept by the function it
        // decorates, serves every call of it (a class's instance; a function's result is not judged).
        const made = chainOf(expr.childForFieldName('function'));
        if (made !== null && this.classBody < 0 && !this.inMain) this.kept.push({ chain: this.canonical(made), span: spanOf(expr), how: 'module' });
      }
    }
    this.visitExpr(expr);
    this.decoratorFactory = null;
  }

  /**
   * A decorator that registers a function to run once, before work arrives: a Celery worker's
   * start-up signals (`@worker_process_init.connect`), `@app.on_event("startup")` (or
   * `"shutdown"`) of FastAPI and Starlette, and Django's `@receiver(class_prepared)` (sent while
   * model classes are created, as models load).
   */
  private isStartupDecorator(chain: string, call: Node | null): boolean {
    // Flask's `@app.before_first_request` (run once, under the application's lock, up to Flask 2.2),
    // Quart's `@app.before_serving`, Sanic's `@app.before_server_start` and its other server listeners.
    if (STARTUP_HOOK_DECORATORS.test(chain)) return true;
    // A Flask blueprint's `@bp.record` / `@bp.record_once`: run when `register_blueprint()` sets the application up.
    if ((chain.endsWith('.record') || chain.endsWith('.record_once')) && call === null && this.isBlueprint(chain.slice(0, chain.lastIndexOf('.')))) return true;
    // Sanic's `@app.listener("before_server_start")`.
    if (chain.endsWith('.listener') && call) {
      const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      return first?.type === 'string' && /^['"]((before|after)_server_(start|stop)|main_process_(start|stop))['"]$/.test(first.text);
    }
    if (chain.endsWith('.on_event')) {
      const first = call?.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      return first?.type === 'string' && /^['"](startup|shutdown)['"]$/.test(first.text);
    }
    // `@receiver(class_prepared)`: Django sends it as each model class is created, while models load.
    if (chain.endsWith('receiver') && call && DJANGO_RECEIVERS.has(this.canonicalHere(chain))) {
      const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      const signal = first ? chainOf(first) : null;
      return signal !== null && this.canonicalHere(signal) === 'django.db.models.signals.class_prepared';
    }
    // Pyramid's `@subscriber(ApplicationCreated)`: notified once, when the application is made.
    if (chain.endsWith('subscriber') && call) return /^pyramid\.events\.I?ApplicationCreated$/.test(this.pyramidSubscribedEvent(chain, call));
    return chain.endsWith('.connect') && CELERY_STARTUP_SIGNALS.has(this.canonicalHere(chain));
  }

  /** `@subscriber(NewRequest)` (Pyramid's, for an event of one request: NewRequest, ContextFound, BeforeTraversal, NewResponse, BeforeRender). */
  private pyramidRequestSubscriber(decorators: Node[]): boolean {
    return decorators.some((d) => {
      const call = d.namedChildren[0];
      const chain = call?.type === 'call' ? chainOf(call.childForFieldName('function')) : null;
      return chain !== null && chain.endsWith('subscriber') && PYRAMID_REQUEST_EVENTS.test(this.pyramidSubscribedEvent(chain, call!));
    });
  }

  /** The event class (canonical) Pyramid's `@subscriber(Event)` decorator `call` (its callee `chain`) subscribes to, or ''. */
  private pyramidSubscribedEvent(chain: string, call: Node): string {
    if (!this.canonicalHere(chain).startsWith('pyramid.')) return '';
    const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
    const event = first ? chainOf(first) : null;
    return event === null ? '' : this.canonicalHere(event);
  }

  /** `@shared_task` (Celery's), or `@app.task` in a module that imports Celery or takes `app` from a `celery` module. */
  private isCeleryTaskDecorator(chain: string): boolean {
    if (chain === '') return false;
    if (this.canonicalHere(chain) === 'celery.shared_task') return true;
    if (!chain.endsWith('.task') || chain.indexOf('.') !== chain.length - 5) return false;
    const base = chain.slice(0, -5);
    return this.importsPackage('celery') || /(^|\.)celery(_app)?(\.|$)/.test(this.moduleImports.get(base) ?? '');
  }

  /**
   * `click.command`/`click.group` (also as `@cli.command()` of a click group), Flask's `@app.cli.command()`,
   * and `@tiles.command()` of a module-level `tiles = AppGroup("tiles")` (a click group, or a `typer.Typer()`).
   */
  private isCommandDecorator(chain: string): boolean {
    if (chain === '') return false;
    const canonical = this.canonicalHere(chain);
    if (CLICK_COMMANDS.has(canonical) || /(^|\.)cli\.(command|group)$/.test(chain)) return true;
    const dot = chain.indexOf('.');
    // (And typer's `@app.callback()`, click's `@tiles.result_callback()`: run by the same command line.)
    if (dot < 0 || chain.indexOf('.', dot + 1) >= 0 || !GROUP_DECORATORS.has(chain.slice(dot + 1))) return false;
    const group = this.moduleDefs.get(chain.slice(0, dot))?.value;
    // (Also `@click.group() def tiles(): ...`, a group made by decorating a function, and groups nested in it.)
    if (group?.k === 'function') return this.functions[group.fn]?.isCommand === true;
    return group?.k === 'rawcall' && CLI_GROUPS.has(this.canonical(group.chain));
  }

  /**
   * Whether `value`, given to the process-wide change `change` (`os.umask`, `sys.stdout`), is what
   * an earlier call of the function saved: a local set from the same call or its getter
   * (`old = os.umask(0)`, `cwd = os.getcwd()`), or `sys.__stdout__` and the like.
   */
  private restoresValue(change: string, value: Node): boolean {
    const sources = RESTORED_FROM.get(change);
    if (!sources) return false;
    if (value.type === 'identifier') {
      const origin = this.scope?.origins.get(value.text);
      return origin !== undefined && sources.has(origin);
    }
    const chain = value.type === 'attribute' ? chainOf(value) : null;
    return chain !== null && sources.has(this.canonicalHere(chain));
  }

  /** A name a function (this one or an enclosing one) binds so far (a parameter, a local, a comprehension variable). */
  private isLocalName(name: string): boolean {
    for (let s = this.scope; s; s = s.parent) if (s.assigned.has(name) || s.params.has(name)) return true;
    return this.compLocals.some((names) => names.has(name));
  }

  /**
   * What a local's new value tells (this runs for every local assignment, so the source text is
   * tested before any node is made): another name for a module-level object (`h = DEFAULTS`,
   * `p = d.get(k, DEFAULTS)`, Scope.aliases), a call's result (Scope.results), a lookup
   * (`v = CACHE.get(k)`, Scope.lookups), a mutable container or a number (`hits = {}`, `calls = 0`,
   * Scope.mutableLocals/numberLocals), a value a restore may pass back (`old = os.umask(0)`,
   * Scope.origins), a Flask application (`app = Flask(__name__)`, Scope.origins).
   */
  /**
   * `counter = _counter or 1`, `n = _count + 1`, `saved = _current` in a function that declares the
   * global `global`: the local holds a value read from it (Scope.derived), computed or a plain copy.
   * (The reads of the value are those of the assignment just visited, lastReads.)
   */
  private noteDerived(scope: Scope, name: string, value: Node): void {
    if (this.lastReads === null || scope.globals.size === 0) return;
    // (Read directly: one step, not through other such locals.)
    for (const global of this.lastReads) {
      if (!scope.globals.has(global)) continue;
      (scope.derived ??= new Map()).set(name, { from: global, computed: value.type !== 'identifier', held: this.held.length, at: spanOf(value) });
      return;
    }
  }

  /**
   * A store into the global `name` whose value reads it only through locals read from it before the
   * locks now held were taken (`n = _count` ... `with _lock: _count = n + 1`): the first such local,
   * and how many locks were held at its read; undefined when the value reads the global directly or
   * through a local read under the same locks.
   */
  private readBeforeLock(name: string): { local: string; held: number; at: Span } | undefined {
    const scope = this.scope;
    if (this.lastReads === null || scope === null || this.lastReads.has(name)) return undefined;
    // Not when the global was read again under a lock taken since (`with _lock: if _version == seen:`, a
    // compare-and-set, or `cur = _gen` compared with the copy): the code checks the copy is still current.
    return earlyRead(this.lastReads, DERIVED_EARLY, name, (local) => scope.derived?.get(local), scope.globalReadsHeld?.get(name) ?? 0);
  }

  /**
   * An item store into the module-level container `name` whose value reads it only through locals
   * holding lookups in it made before the locks now held were taken (`current = _reserved.get(sku, 0)`
   * ... `with _lock: _reserved[sku] = current - qty`): as readBeforeLock() for a global.
   */
  private entryReadBeforeLock(name: string, target: Node): { local: string; held: number; at: Span } | undefined {
    const scope = this.scope;
    const lookups = scope?.lookupsAt;
    // (The entry looked up is the one stored: `base = _rates.get("USD")` ... `_rates[cur] = base * x` stores another.)
    const stored = subscriptKey(target);
    if (this.lastReads === null || scope === null || lookups === undefined || stored === null) return undefined;
    return earlyRead(this.lastReads, LOOKUP_EARLY, name, (local) => (scope.lookupKeys?.get(local) === stored ? lookups.get(local) : undefined), scope.lookupReadsHeld?.get(name) ?? 0);
  }

  /**
   * A store `C[k] = value` whose value reads the container only through locals holding lookups of
   * other keys (`entry = _registry[old]` ... `_registry[new] = entry`): a value computed from another
   * entry, not a read-modify-write of this one (as `d["b"] = d["a"] * 2`, readsSameEntry()).
   */
  private readsOtherEntryOnly(value: Node, chain: string, obj: Node, target: Node): boolean {
    const scope = this.scope;
    const stored = subscriptKey(target);
    if (scope === null || stored === null || scope.lookupKeys === undefined) return false;
    const src = this.input.source;
    const text = src.slice(value.startIndex, value.endIndex);
    // (The container read directly: readsSameEntry() judged that.)
    if (text.includes(src.slice(obj.startIndex, obj.endIndex))) return false;
    let other = false;
    for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
      if (scope.lookups.get(m[0]) !== chain) continue;
      const key = scope.lookupKeys.get(m[0]);
      if (key === undefined || key === '' || key === stored) return false;
      other = true;
    }
    return other;
  }

  /**
   * The container whose entry `node` is, read with a constant key (`SHIPPING["default"]`) or with
   * `get` (`SHIPPING.get(country)`), or null.
   */
  private entryOf(node: Node | null): string | null {
    if (node === null) return null;
    if (node.type === 'subscript') {
      const key = singleKey(node);
      return key !== null && key.type !== 'slice' ? chainOf(node.childForFieldName('value')) : null;
    }
    if (node.type !== 'call') return null;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return null;
    const args = node.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    return args.length === 1 && args[0].type !== 'keyword_argument' ? chainOf(fn.childForFieldName('object')) : null;
  }

  /**
   * `cur = _stock[sku]`, `cur = _stock.get(sku, 0)`: the local holds a lookup of that key (Scope.lookups,
   * Scope.lookupKeys; for a module-level container's, Scope.lookupsAt: the locks held then, for entryReadBeforeLock()).
   */
  private noteLookup(scope: Scope, name: string, container: string, key: string, at: Node): void {
    scope.lookups.set(name, container);
    (scope.lookupKeys ??= new Map()).set(name, key);
    if (container.indexOf('.') >= 0) return;
    // (A new lookup starts over: a re-read before it checked an older one.)
    (scope.lookupsAt ??= new Map()).set(name, { held: this.held.length, at: spanOf(at) });
    scope.lookupReadsHeld?.delete(container);
  }

  /** What the function knew of a local's value (aliases, lookups, copies, ...) ends where the name is bound again. */
  private forgetLocal(scope: Scope, name: string): void {
    scope.lookups.delete(name);
    scope.lookupsAt?.delete(name);
    scope.lookupKeys?.delete(name);
    scope.freshLocals?.delete(name);
    scope.freshTypes?.delete(name);
    scope.derived?.delete(name);
    scope.mutableLocals.delete(name);
    scope.numberLocals.delete(name);
    scope.origins.delete(name);
    scope.results.delete(name);
    scope.aliases.delete(name);
    scope.entryAliases.delete(name);
    scope.choices.delete(name);
    scope.copies.delete(name);
    scope.replaced.delete(name);
  }

  /**
   * What `__init__` gives an attribute: `self.cache = cache if cache is not None else {}` holds the new
   * container when none is given (the one a long-lived object made keeps the data of every request).
   */
  private initValue(value: Node): RawValue {
    if (value.type === 'conditional_expression') {
      for (const branch of value.namedChildren) {
        if (branch === null || branch.type === 'comment') continue;
        const raw = this.rawValue(branch);
        if (LITERAL_MUTABLE.has(branch.type) || (raw.k === 'rawcall' && classifyCall(this.canonicalHere(raw.chain), this.options, raw.kwargs).k === 'mutable')) return raw;
      }
    }
    return this.rawValue(value);
  }

  /** `conn = cls._conn`: Scope.aliases, and how many locks are held as the shared value is read (Scope.aliasHeld). */
  private setAlias(scope: Scope, name: string, target: string): void {
    scope.aliases.set(name, target);
    (scope.aliasHeld ??= new Map()).set(name, this.held.length);
  }

  private noteLocalValue(scope: Scope, name: string, target: Node, value: Node | null): void {
    this.forgetLocal(scope, name);
    if (!value) return;
    const type = value.type;
    // `layout = dict(BASE_LAYOUT)`, `BASE.copy()`, `{**BASE}`, `copy.copy(BASE)`: a new outer container
    // whose items are BASE's own objects.
    const copied = this.shallowCopyOf(value);
    if (copied !== null) scope.copies.set(name, copied);
    // `rates = SHIPPING.get(country) or SHIPPING["default"]`: an entry of the container either way.
    if (type === 'boolean_operator' && value.childForFieldName('operator')?.text === 'or') {
      const container = this.entryOf(value.childForFieldName('left'));
      if (container !== null && container === this.entryOf(value.childForFieldName('right')) && this.isSharedName(container, scope)) noteEntryAlias(scope, name, container);
      return;
    }
    if (type === 'conditional_expression') {
      // `fn = store if legacy else print`: either function may be what the local is handed on as.
      const names: string[] = [];
      for (const c of value.namedChildren) if (c?.type === 'identifier' && !BUILTINS.has(c.text) && !this.isLocalName(c.text)) names.push(c.text);
      if (names.length > 0) scope.choices.set(name, names);
      return;
    }
    if (type === 'identifier') {
      // `headers = DEFAULT_HEADERS`: not a local, a parameter or a builtin, so a module-level name.
      const target = value.text;
      if (target !== name && !BUILTINS.has(target) && !this.isLocalName(target) && target !== scope.selfName) this.setAlias(scope, name, target);
      // `merged = options` where `options={}` is a mutable default: changing `merged` changes the default (TL004).
      else if (target !== name && scope.mutableDefaults.has(target) && scope.params.has(target) && !scope.assigned.has(target)) scope.aliases.set(name, target);
      return;
    }
    if (LITERAL_MUTABLE.has(type)) {
      scope.mutableLocals.set(name, spanOf(target));
      (scope.freshLocals ??= new Set()).add(name);
      const made = this.mutableType(value);
      if (made !== undefined) (scope.freshTypes ??= new Map()).set(name, made);
      return;
    }
    if (type === 'integer' || type === 'float') {
      scope.numberLocals.set(name, target);
      return;
    }
    // `window = _windows[host]`: an entry of a module-level container, shared as much as it is.
    if (type === 'subscript') {
      const container = chainOf(value.childForFieldName('value'));
      // Not `cats[:]` or `rows[1:3]`: a slice is a copy.
      const slice = value.childrenForFieldName('subscript').some((k) => k?.type === 'slice');
      // `cur = _stock[sku]`: a lookup, as `_stock.get(sku)` is (Scope.lookups, Scope.lookupsAt), read back by a later store.
      const key = slice ? null : singleKey(value);
      if (container !== null && key !== null) this.noteLookup(scope, name, container, key.text, value);
      if (container !== null && !slice && this.isSharedName(container, scope)) {
        if (!this.ownWeakEntry(container, value.childrenForFieldName('subscript').find((k) => k !== null) ?? null)) noteEntryAlias(scope, name, container);
      } else if (container === null && !slice) {
        // `cfg = load_config()["models"][name]`: a container what the call returned holds (Access.result).
        let inner: Node | null = value.childForFieldName('value');
        while (inner?.type === 'subscript') inner = inner.childForFieldName('value');
        const callee = inner?.type === 'call' ? chainOf(inner.childForFieldName('function')) : null;
        if (callee !== null && inner !== null) this.noteResult(scope, name, callee, /^\(\s*\)$/.test(inner.childForFieldName('arguments')?.text ?? ''));
      }
      return;
    }
    if (type !== 'call' && type !== 'attribute') return;
    if (scope.selfName !== '' && scope.cls >= 0) {
      // `lf = self.list_filter`: another name for the attribute (a class attribute unless set on the instance).
      if (type === 'attribute') {
        const chain = chainOf(value);
        if (chain !== null && chain.startsWith(`${scope.selfName}.`) && chain.indexOf('.', scope.selfName.length + 1) < 0) {
          this.setAlias(scope, name, chain);
          return;
        }
      } else {
        // `lf = super().get_list_filter(request)` in a ModelAdmin: Django's getter returns `self.list_filter` itself.
        const attr = this.adminGetterAttr(value);
        if (attr !== null) {
          scope.aliases.set(name, `${scope.selfName}.${attr}`);
          return;
        }
      }
    }
    // `env = os.environ; env["LANG"] = v`: another name for the process's environment (or `sys.path`, ...).
    if (type === 'attribute' && /(environ|path|argv)$/.test(this.input.source.slice(value.startIndex, value.endIndex))) {
      const chain = chainOf(value);
      if (chain !== null && !this.isLocalName(splitChain(chain)[0]) && PROCESS_WIDE_DATA.has(this.canonicalHere(chain))) {
        scope.aliases.set(name, chain);
        return;
      }
    }
    // The callee's (or attribute's) last name from the text: `CACHE.get(k)` -> `get`.
    const src = this.input.source;
    const open = type === 'call' ? src.indexOf('(', value.startIndex) : -1;
    const end = type === 'call' ? (open >= 0 && open < value.endIndex ? open : value.startIndex) : value.endIndex;
    const text = src.slice(value.startIndex, end);
    // `frame = load_frame(name).copy()`: a new object made from what the call returned, not that result.
    if (type === 'call' && open >= 0 && src.charCodeAt(value.endIndex - 1) === 41 /* ) */ && COPY_RESULT.test(src.slice(open, value.endIndex))) return;
    if (type === 'call') this.noteResult(scope, name, text.trim(), open >= 0 && /^\(\s*\)$/.test(src.slice(open, value.endIndex)));
    const last = text.slice(text.lastIndexOf('.') + 1).trim();
    if (type === 'call' && CLASS_LIKE.test(last)) this.noteLocalInstance(scope, name, text.trim(), target);
    // `tpe = ThreadPoolExecutor(8)`: a thread pool, whatever the local is called.
    // (`pool = multiprocessing.Pool(4)`, `ProcessPoolExecutor(4)`: a process pool, isProcessPool().)
    if (type === 'call' && (last === 'ThreadPoolExecutor' || last === 'ThreadPool' || last === 'Pool' || last === 'ProcessPoolExecutor')) {
      const callee = this.canonicalHere(text.trim());
      if (THREAD_POOLS.has(callee) || PROCESS_POOLS.has(callee)) scope.origins.set(name, callee);
      return;
    }
    // `app = Flask(__name__)` in an application factory: its route handlers' `app` is the running application.
    if (last === 'Flask' && type === 'call') {
      const callee = this.canonicalHere(text.trim());
      if (FLASK_APPS.has(callee)) scope.origins.set(name, callee);
      return;
    }
    // `sm = cotyledon.ServiceManager()`: its `add()` takes a service factory (cotyledonManager()).
    if (last === 'ServiceManager' && type === 'call') {
      const callee = this.canonicalHere(text.trim());
      if (callee === 'cotyledon.ServiceManager') scope.origins.set(name, callee);
      return;
    }
    // `pid = os.fork()`: `if pid == 0:` is the child's branch (forkChildTest()).
    if (type === 'call' && last === 'fork') {
      if (this.canonicalHere(text.trim()) === 'os.fork') scope.origins.set(name, 'os.fork');
      return;
    }
    // `now = time.perf_counter()`: a clock reading, for isDuration().
    if (type === 'call' && /^(time|perf_counter|monotonic|process_time|time_ns|perf_counter_ns|monotonic_ns|default_timer|now|utcnow)$/.test(last)) {
      const callee = this.canonicalHere(text.trim());
      if (CLOCK_CALLS.has(callee)) scope.origins.set(name, callee);
      return;
    }
    // `logger = logging.getLogger("shop")`: the one logger of that name (its setLevel() is process-wide, visitCall).
    if (type === 'call' && last === 'getLogger') {
      const callee = this.canonicalHere(text.trim());
      if (callee === 'logging.getLogger') scope.origins.set(name, callee);
      return;
    }
    // `snapshot = MappingProxyType(fresh)`: a new immutable snapshot (rebindDetail(), swapped in whole later).
    if (type === 'call' && (last === 'MappingProxyType' || last === 'frozenset' || last === 'tuple')) {
      const callee = this.canonicalHere(text.trim());
      if (SNAPSHOT_CALLS.has(callee)) scope.origins.set(name, callee);
      return;
    }
    if (last !== 'get' && last !== 'setdefault' && !MUTABLE_CALL_NAMES.has(last) && !RESTORE_SOURCE_NAMES.has(last)) return;
    const source = type === 'call' ? value.childForFieldName('function') : value;
    if (source === null) return;
    // `window = _windows.setdefault(host, deque())`: the entry for that key, made if missing.
    if (type === 'call' && last === 'setdefault' && source.type === 'attribute') {
      const container = chainOf(source.childForFieldName('object'));
      const key = value.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      // (Also `bucket = self.hits.setdefault(ip, [])` on the object itself: judged as its attribute is, by the object's life.)
      const onSelf = container !== null && scope.selfName !== '' && container.startsWith(`${scope.selfName}.`) && container.indexOf('.', scope.selfName.length + 1) < 0;
      // (Not the calling thread's own entry, `self.by_thread.setdefault(get_ident(), [])`: no other thread has it.)
      if (container && (this.isSharedName(container, scope) || onSelf) && !this.ownWeakEntry(container, key) && !(key !== null && this.isThreadKey(key, container))) noteEntryAlias(scope, name, container);
      return;
    }
    if (type === 'call' && last === 'get' && source.type === 'attribute') {
      const container = chainOf(source.childForFieldName('object'));
      const args = value.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
      if (container) this.noteLookup(scope, name, container, args.find((c) => c.type !== 'keyword_argument')?.text ?? '', value);
      // `prefs = session.get("prefs", DEFAULT_PREFS)`: when the key is missing, the module-level default itself.
      const fallback = args.length === 2 && args[1].type === 'identifier' ? args[1].text : null;
      if (fallback && !BUILTINS.has(fallback) && !this.isLocalName(fallback) && fallback !== name) scope.aliases.set(name, fallback);
      // `cart = _carts.get(cart_id)`: that entry (or None).
      // `params = MODEL_PARAMS.get(name, {})`: that entry whenever there is one (a fresh container otherwise).
      // `rates = SHIPPING.get(country, SHIPPING["default"])`: an entry of the container whichever is found.
      else if ((args.length === 1 || (args.length === 2 && (LITERAL_MUTABLE.has(args[1].type) || this.entryOf(args[1]) === container))) && container && this.isSharedName(container, scope) && !this.ownWeakEntry(container, args[0] ?? null)) noteEntryAlias(scope, name, container);
    } else if (type === 'call' && MUTABLE_CALL_NAMES.has(last)) {
      if (this.isMutableValue(value)) {
        scope.mutableLocals.set(name, spanOf(target));
        // `fresh = dict()`, `fresh = defaultdict(list)`: nothing of another object in it.
        const args = value.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
        if (args.length === 0 || (last === 'defaultdict' && args.length === 1 && args[0].type === 'identifier' && BUILTIN_TYPES.has(args[0].text))) {
          (scope.freshLocals ??= new Set()).add(name);
          const made = this.mutableType(value);
          if (made !== undefined) (scope.freshTypes ??= new Map()).set(name, made);
        }
      }
    }
    if (RESTORE_SOURCE_NAMES.has(last) && source.type === 'attribute') {
      const chain = chainOf(source);
      if (chain) scope.origins.set(name, this.canonicalHere(chain));
    }
  }

  /**
   * `super().get_list_filter(request)` in a class with one of Django's admin classes among its bases
   * (`admin.ModelAdmin`, `TabularInline`, `UserAdmin`; not a project's own base, whose getter may
   * return a copy): the attribute Django's getter returns as it is (`return self.list_filter`), or null.
   */
  private adminGetterAttr(call: Node): string | null {
    const src = this.input.source;
    // `super()` or `super(ArticleAdmin, self)`.
    if (!src.startsWith('super(', call.startIndex)) return null;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.type !== 'call') return null;
    const attr = ADMIN_GETTERS.get(fn.childForFieldName('attribute')?.text ?? '');
    // Django's own admin classes as direct bases: a project base class may override the getter to return a copy.
    if (attr === undefined || !this.rawClassBases[this.scope!.cls].some((b) => /Admin|Inline/.test(b) && DJANGO_ADMIN_BASE.test(this.canonicalHere(b)))) return null;
    return attr;
  }

  /**
   * `return threading.local()` (or a queue, a lock, a deque, an immutable value) in a cached
   * function: its result is made to be shared, so changing it is not judged (FunctionInfo.cachedSafe).
   */
  private noteCachedReturn(node: Node): void {
    const value = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
    if (!value) return;
    const raw = this.rawValue(value);
    const kind = raw.k === 'rawcall' ? classifyCall(this.canonicalHere(raw.chain), this.options, raw.kwargs).k : raw.k;
    if (kind === 'threadlocal' || kind === 'safe' || kind === 'lock' || kind === 'deque' || kind === 'immutable') this.functions[this.scope!.fn].cachedSafe = true;
    // `@lru_cache def get_es(): return Elasticsearch(url)`: an instance of an imported class (a client,
    // not a container), whose `update()` is its own; judged as a module-level one would be (not at all).
    // (Decided across files: a class of the scanned files, a pydantic `Settings()`, is judged as its instances are.)
    else if (raw.k === 'rawcall' && kind !== 'mutable' && /^[A-Z]/.test(raw.chain.slice(raw.chain.lastIndexOf('.') + 1)) && this.isImportedBase(splitChain(raw.chain)[0])) this.functions[this.scope!.fn].cachedClass = this.canonicalHere(raw.chain);
  }

  /** `cls.attr` in a classmethod, or `Cls.attr` for a class of this module: an attribute of the class itself. */
  private classAttrChain(chain: string): boolean {
    const dot = chain.indexOf('.');
    if (dot < 0 || chain.indexOf('.', dot + 1) >= 0 || this.scope === null) return false;
    const base = chain.slice(0, dot);
    if (this.isLocalName(base)) return base === this.scope.selfName && this.functions[this.scope.fn].isClassMethod;
    return this.moduleDefs.get(base)?.value.k === 'class';
  }

  /** Whether `access` is the assignment a lazy initialisation just published (earlyPublished). */
  private publishedHere(access: Access): boolean {
    for (const early of this.earlyPublished.values()) if (early.access === access) return true;
    return false;
  }

  /**
   * A lazy initialisation without a lock that sets the object up after assigning the global
   * (`_ENFORCER = Enforcer(); _ENFORCER.load_rules()`, `_MAP = {}` then `_MAP[k] = v`): a thread that
   * finds the global assigned uses it before the set-up has run. Noted on the assignment's
   * Access.check (setupAfter), the first set-up under the same test only.
   */
  private noteEarlySetup(chain: string, node: Node): void {
    if (this.held.length > 0) return;
    for (let i = this.checks.length - 1; i >= 0; i--) {
      if (!this.checks[i].keys.has(chain)) continue;
      const early = this.earlyPublished.get(this.checks[i]);
      if (early === undefined || early.chain !== chain || early.access.check === undefined || early.access.check.setupAfter !== undefined) return;
      // In the arm that assigned it (not `else: _X.load_rules()`, which runs when the test fails).
      const arm = this.arms.join('/');
      if (early.arm === '' || arm === early.arm || arm.startsWith(`${early.arm}/`)) early.access.check.setupAfter = spanOf(node);
      return;
    }
  }

  /**
   * Double-checked locking that publishes before it fills: `if _index is None:` (no lock), then
   * under the lock `if _index is None: _index = {}` and `_index[k] = v` for each row. Threads that
   * pass the unlocked test once `_index` is assigned use it while it is still being filled.
   * Reported once per locked test, for a module global, on the assignment.
   */
  private notePublication(chain: string, op: AccessOp, node: Node): void {
    // The innermost test of `chain`, made under the lock, and an outer one made with fewer locks held.
    let inner = -1;
    for (let i = this.checks.length - 1; i >= 0; i--) {
      if (this.checks[i].keys.has(chain)) {
        inner = i;
        break;
      }
    }
    if (inner <= 0) return;
    const check = this.checks[inner];
    if (check.heldDepth === 0 || !this.checks.slice(0, inner).some((c) => c.keys.has(chain) && c.heldDepth < check.heldDepth)) return;
    if (op === 'rebind') {
      if (!this.published.has(check)) this.published.set(check, { chain, node });
      return;
    }
    const published = this.published.get(check);
    if (!published || published.chain !== chain || (op !== 'setitem' && op !== 'mutate' && op !== 'attr-store' && op !== 'augassign')) return;
    this.published.set(check, { chain: '', node: published.node });
    this.local.push({
      code: 'TL005',
      span: spanOf(published.node),
      fn: this.scope!.fn,
      message: `\`${chain}\` is assigned before it is filled: a thread that passes the test outside the lock from then on uses it while this one is still filling it. Build it in a local variable and assign \`${chain}\` last.`,
      related: [
        { span: check.span, message: 'tested again here, under the lock' },
        { span: spanOf(node), message: 'filled here, after it was assigned' },
      ],
    });
  }

  /**
   * `n = COUNT; await f(); COUNT = n + 1`: the function names what it stores (its last name, as a
   * word) before a wait that comes before the store. A store after a wait with nothing of the
   * target read first (`price = await fetch(); _last[sku] = price`) only sets it, as on one thread.
   */
  private readBeforeWait(scope: Scope, chain: string, store: number): boolean {
    const src = this.input.source;
    const name = chain.slice(chain.lastIndexOf('.') + 1);
    // Where the function first names it, searched once per function and name (resumed where the
    // last search stopped while it is not found).
    let mention = scope.firstMentions.get(name);
    if (mention === undefined) scope.firstMentions.set(name, (mention = { at: -1, searched: scope.bodyStart }));
    if (mention.at < 0) {
      let at = src.indexOf(name, mention.searched);
      for (; at >= 0 && at < store; at = src.indexOf(name, at + name.length)) {
        if (isNameChar(src.charCodeAt(at - 1)) || isNameChar(src.charCodeAt(at + name.length))) continue;
        // `global _last_refresh` declares the name, it reads nothing.
        if (/^\s*(global|nonlocal)\b/.test(src.slice(src.lastIndexOf('\n', at) + 1, at))) continue;
        mention.at = at;
        break;
      }
      if (mention.at < 0) mention.searched = at >= 0 ? at : store;
    }
    const first = mention.at;
    if (first < 0) return false;
    // The first wait after that mention, from the function's waits, listed once.
    scope.waits ??= [...src.slice(scope.bodyStart, scope.bodyEnd).matchAll(new RegExp(AWAITS.source, 'g'))].map((m) => scope.bodyStart + m.index);
    for (const w of scope.waits) if (w > first) return w < store;
    return false;
  }

  /** Whether the function of `scope` can wait (`await`, `async for`, `async with`) before `end`; each stretch of text is searched once. */
  private waitsBefore(scope: Scope, end: number): boolean {
    if (scope.awaitAt < 0 && scope.awaitSearched < end) {
      const found = AWAITS.exec(this.input.source.slice(scope.awaitSearched, end));
      if (found) scope.awaitAt = scope.awaitSearched + found.index;
      else scope.awaitSearched = Math.max(scope.bodyStart, end - 16);
    }
    return scope.awaitAt >= 0 && scope.awaitAt < end;
  }

  /**
   * `conf = get_config()`: `conf` holds what `get_config` returned, for Access.result. Only a
   * call of a name, or of a function of an imported module, as written: not a method of a local,
   * a parameter or `self`, nor a builtin (`sorted()` makes a new list each call). `VAR.get()`
   * counts too (a ContextVar's default when unset), `d.get(k)` does not.
   */
  private noteResult(scope: Scope, name: string, callee: string, noArgs: boolean): void {
    if (RESULT_CALLEE.test(callee) && this.sharedResultCallee(callee, noArgs)) scope.results.set(name, callee);
  }

  /**
   * `futils = FernetUtils(repo)` ... `futils.rotate_keys()`: an object of a class, named as classes are,
   * that this function makes once and uses only to call its methods (the local stored once, no other
   * mention of it, none in a nested function or lambda, and no other call of the class in the function):
   * FunctionInfo.localInstances, for Workspace.commandOnly (only the caller's thread sees the object).
   * Also `Tool(args).run()` as a statement, with `name` ''.
   */
  private noteLocalInstance(scope: Scope, name: string, callee: string, target: Node): void {
    if (RESERVED_INSTANCE_CALLEES.has(callee) || this.isLocalName(splitChain(callee)[0])) return;
    const info = this.functions[scope.fn];
    const canonical = this.canonicalHere(callee);
    if (info.localInstances?.includes(canonical)) return;
    // (Each look reads the function's text: not in a function too long to read for every such statement.)
    if (scope.bodyEnd - scope.bodyStart > LOCAL_INSTANCE_BODY_LIMIT) return;
    const src = this.input.source;
    const body = src.slice(scope.bodyStart, scope.bodyEnd);
    // One call of the class in the body: this one.
    const made = body.split(`${callee}(`).length - 1;
    if (made !== 1) return;
    // A closure or lambda anywhere in the body could keep the object.
    if (/\blambda\b|\n\s*(async\s+)?def\s/.test(body)) return;
    // (`Tool(args).run()`, a statement of its own: no name keeps the object; `name` is '' then.)
    if (name === '') {
      (info.localInstances ??= []).push(canonical);
      return;
    }
    const word = new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g');
    for (const m of body.matchAll(word)) {
      const at = scope.bodyStart + m.index;
      if (at === target.startIndex) continue;
      // `futils.rotate_keys(...)` only.
      if (!/^\s*\.\s*\w+\s*\(/.test(src.slice(at + name.length, at + name.length + 80))) return;
    }
    (info.localInstances ??= []).push(canonical);
  }

  /**
   * oslo.concurrency's named-lock decorators: `lockutils.synchronized` itself (through the file's
   * imports, which the memo key holds), or one a module-level
   * `_synchronized = lockutils.synchronized_with_prefix("neutron-")` made (prefixedLockDecorators, in
   * the memo key too; the prefix names only the lock file of an external lock). Null for any other decorator.
   */
  private namedLockDecorator(decorator: string): 'synchronized' | 'prefixed' | null {
    if (this.canonicalHere(decorator) === NAMED_LOCK_FACTORY) return 'synchronized';
    return !decorator.includes('.') && !this.isLocalName(decorator) && this.prefixedLockDecorators.has(decorator) ? 'prefixed' : null;
  }

  /** The function whose result `node` is, when `node` is a call such as noteResult() keeps (`get_config()`). */
  private resultOf(node: Node | null): string | null {
    if (node?.type !== 'call' || !this.scope) return null;
    const callee = chainOf(node.childForFieldName('function'));
    return callee !== null && this.sharedResultCallee(callee, (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0) ? callee : null;
  }

  /**
   * Whether a call of `callee` may return a shared object worth following: not a method of a local,
   * a parameter or `self`, nor a builtin; `.get()` only without arguments (a ContextVar's value, its
   * shared default when unset), not `d.get(k)`.
   */
  private sharedResultCallee(callee: string, noArgs: boolean): boolean {
    if (!noArgs && callee.endsWith('.get')) return false;
    const dot = callee.indexOf('.');
    const base = dot < 0 ? callee : callee.slice(0, dot);
    return !BUILTINS.has(base) && base !== this.scope?.selfName && !this.isLocalName(base);
  }

  /**
   * Visits `obj`, the object an `op` changes that has no dotted name, and when it is a call's
   * result (`get_config()["k"] = v`) records the change as one of that result (Access.result).
   */
  private visitResult(obj: Node | null, op: AccessOp, node: Node, extra: Partial<Access>): void {
    this.visitExpr(obj);
    const callee = this.resultOf(obj);
    if (callee !== null) this.record(callee, op, node, { ...extra, result: true });
    else {
      // `get_settings()["timeouts"]["api"] = s`: a container the result holds, shared with it.
      const below = this.resultBelow(obj);
      if (below !== null) this.record(below.callee, op, node, { ...extra, result: true, text: below.text });
    }
  }

  /**
   * Under subscripts and attributes (`get_settings()["timeouts"]`, `load()["a"].b`), a call's result
   * that resultOf() follows, with the text of the whole expression; null when there is none.
   */
  private resultBelow(node: Node | null): { callee: string; text: string } | null {
    if (node === null || (node.type !== 'subscript' && node.type !== 'attribute')) return null;
    let inner: Node | null = node;
    while (inner !== null && (inner.type === 'subscript' || inner.type === 'attribute')) inner = inner.childForFieldName(inner.type === 'subscript' ? 'value' : 'object');
    const callee = this.resultOf(inner);
    return callee !== null ? { callee, text: this.input.source.slice(node.startIndex, node.endIndex) } : null;
  }

  /**
   * `pool.submit(work, ...)`, `pool.map(work, ...)` (a thread pool: a closure cannot be sent to a
   * process pool) and `threading.Thread(target=work)`, where `work` is a function defined in the
   * current one: its calls run on other threads, at once (see closureUse).
   */
  private noteThreadedClosure(fnNode: Node, chain: string, args: Node): void {
    const src = this.input.source;
    const end = fnNode.endIndex;
    // The last letter first: this runs for every call in a function.
    const last = src.charCodeAt(end - 1);
    if (last === 107 /* k */) {
      this.noteDoneCallback(fnNode, args);
      return;
    }
    if (last !== 100 /* d */ && last !== 112 /* p */ && last !== 116 /* t */) return;
    const thread = src.endsWith('Thread', end);
    if (!thread && !src.endsWith('.submit', end) && !src.endsWith('.map', end)) return;
    // A thread pool by its name (`pool.map`, `executor.submit`; not a pandas `series.map`), or
    // threads started in a loop or a comprehension (one thread alone does not race with itself).
    const receiver = chain.slice(0, chain.lastIndexOf('.'));
    // A pool on `self` (`self._workers.submit(self._handle, x)`), made in another method, is judged once
    // the class is walked (finishThreadedMethods): a thread pool by its name or by its class.
    const onSelf = this.scope !== null && this.scope.selfName !== '' && receiver.startsWith(`${this.scope.selfName}.`) && receiver.indexOf('.', this.scope.selfName.length + 1) < 0;
    // (Also through a local, `handle = self._handle`: Scope.aliases.)
    const firstArg = args.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    const selfMethodTarget = onSelf && !thread && firstArg !== null && (this.input.source.startsWith(`${this.scope!.selfName}.`, firstArg.startIndex) || (firstArg.type === 'identifier' && (this.scope!.aliases.get(firstArg.text)?.startsWith(`${this.scope!.selfName}.`) ?? false)));
    if (!thread && !selfMethodTarget && !/(pool|executor)$/i.test(receiver.replace(/^.*\./, '')) && !THREAD_POOLS.has(this.scope?.origins.get(receiver) ?? '')) return;
    // A process pool runs the function in other processes, each with its own copy of everything.
    if (!thread && !onSelf && this.isProcessPool(receiver)) return;
    const callback = thread && !this.inLoop(fnNode) ? this.callbackStarter(fnNode) : null;
    if (thread && !this.inLoop(fnNode) && callback === null) {
      // One thread does not race with itself, but a method it runs is off an event loop's thread (loopClassMethod()).
      const scope = this.scope;
      if (scope !== null && scope.cls >= 0 && this.canonicalHere(chain) === 'threading.Thread') {
        // Any thread a method starts: the class runs code off its loop (`thread:*`); and the method it runs, by name.
        this.noteSelfCall(scope.cls, `${OWN_THREAD_METHOD}*`);
        for (const a of scope.selfName !== '' ? args.namedChildren : []) {
          if (a?.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'target') continue;
          const method = chainOf(a.childForFieldName('value'));
          if (method !== null && method.startsWith(`${scope.selfName}.`) && method.indexOf('.', scope.selfName.length + 1) < 0) {
            this.noteSelfCall(scope.cls, `${OWN_THREAD_METHOD}${method.slice(scope.selfName.length + 1)}`);
          }
        }
      }
      return;
    }
    let target: Node | null = null;
    if (thread) {
      if (this.canonicalHere(chain) !== 'threading.Thread') return;
      for (const a of args.namedChildren) if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'target') target = a.childForFieldName('value');
    } else {
      target = args.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    }
    // `self._pool.submit(self._work, job)`: the class's own method runs on the pool's threads at once.
    // (Also through a local, `fn = self._work` ... `ex.map(fn, items)`: Scope.aliases.)
    const scope = this.scope!;
    const alias = target?.type === 'identifier' && scope.selfName !== '' ? scope.aliases.get(target.text) : undefined;
    if ((target?.type === 'attribute' || alias !== undefined) && scope.cls >= 0 && scope.selfName !== '') {
      const method = alias ?? chainOf(target);
      if (method !== null && method.startsWith(`${scope.selfName}.`) && method.indexOf('.', scope.selfName.length + 1) < 0) {
        // `@pool` names the pool's attribute: dropped at the end when that attribute holds a process pool.
        this.noteSelfCall(scope.cls, `${THREADED_METHOD}${method.slice(scope.selfName.length + 1)}${!thread && onSelf ? `@${receiver.slice(scope.selfName.length + 1)}` : ''}`);
      }
      return;
    }
    // `pool.map(lambda u: self.fetch(u), urls)`: a lambda that runs a method of the class, on the pool's threads at once.
    if (target?.type === 'lambda' && scope.cls >= 0 && scope.selfName !== '') {
      const body = target.childForFieldName('body');
      const method = body?.type === 'call' ? chainOf(body.childForFieldName('function')) : null;
      if (method !== null && method.startsWith(`${scope.selfName}.`) && method.indexOf('.', scope.selfName.length + 1) < 0) {
        this.noteSelfCall(scope.cls, `${THREADED_METHOD}${method.slice(scope.selfName.length + 1)}${!thread && onSelf ? `@${receiver.slice(scope.selfName.length + 1)}` : ''}`);
      }
      return;
    }
    if (target?.type !== 'identifier') return;
    let closure = this.localFunction(target.text);
    // `def on_message(...): threading.Thread(target=work).start()` beside `def work(...)`: the sibling.
    if (closure < 0 && callback !== null) {
      const qualname = `${callback}.<locals>.${target.text}`;
      for (let j = this.functions.length - 1; j >= 0; j--) if (this.functions[j].qualname === qualname) { closure = j; break; }
      // Defined further down the enclosing function: known by its name when its variables are judged (closureUse).
      if (closure < 0) this.threadedSiblings.add(qualname);
    }
    if (closure >= 0) this.threadedClosures.add(closure);
  }

  /**
   * A thread started (not in a loop) in a closure that its enclosing function hands on as a value,
   * to be called back (`channel.basic_consume(on_message_callback=on_message)`, `client.on_message =
   * on_message`, a decorator registering it): every call starts another thread, so the threads of
   * several calls run at once, like threads started in a loop. The enclosing function's qualname, or null.
   */
  private callbackStarter(call: Node): string | null {
    const scope = this.scope;
    if (scope === null || scope.parent === null || !this.functions[scope.fn].nested) return null;
    let def: Node | null = call.parent;
    while (def !== null && def.type !== 'function_definition' && def.type !== 'lambda') def = def.parent;
    if (def === null || def.type !== 'function_definition') return null;
    let outer: Node | null = def.parent;
    while (outer !== null && outer.type !== 'function_definition' && outer.type !== 'lambda') outer = outer.parent;
    if (outer === null || outer.type !== 'function_definition') return null;
    const info = this.functions[scope.fn];
    const parent = this.functions[scope.parent.fn];
    const after = this.input.source.slice(def.endIndex, outer.endIndex);
    // Handed on to be called back: as a `*callback*=`/`on_*=` argument or attribute, or to a registering
    // method (`subscribe`, `register`, `connect`, `add_*_handler`, ...). Not `threading.Timer(1, f)`, run once.
    const name = info.name;
    const text = codeOnly(after);
    const used =
      info.decorated ||
      new RegExp(`(?:\\w*callback\\w*|\\bon_\\w+)\\s*=\\s*${name}\\b(?!\\s*\\()`).test(text) ||
      new RegExp(`\\.(?:subscribe|on|listen|connect|register\\w*|add_\\w*(?:listener|handler|callback)|basic_consume|message_callback_add)\\s*\\((?:[^()]|\\([^()]*\\))*?(?<![\\w.])${name}\\b(?!\\s*\\()`).test(text);
    return used ? parent.qualname : null;
  }

  /**
   * `future.add_done_callback(on_done)` in a loop (also `pool.submit(f, x).add_done_callback(on_done)`):
   * each callback runs in the worker thread that finished its future, so the callbacks of several
   * futures run at once. Not in a coroutine, where an asyncio future's callbacks run on the loop's thread.
   */
  private noteDoneCallback(fnNode: Node, args: Node): void {
    const scope = this.scope;
    if (scope === null || !this.input.source.endsWith('.add_done_callback', fnNode.endIndex) || this.functions[scope.fn].isAsync || !this.inLoop(fnNode)) return;
    // The futures of a thread pool this function submits to (asyncio's futures, also made in plain
    // functions, run their callbacks on the loop's thread).
    const body = this.input.source.slice(scope.bodyStart, scope.bodyEnd);
    let pooled = false;
    for (const m of body.matchAll(/([\w.]+)\.submit\(/g)) {
      const receiver = m[1];
      if (/(pool|executor)$/i.test(receiver.replace(/^.*\./, '')) || THREAD_POOLS.has(scope.origins.get(receiver) ?? '')) pooled = true;
    }
    if (!pooled) return;
    const cb = args.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    if (cb?.type !== 'identifier') return;
    const closure = this.localFunction(cb.text);
    if (closure >= 0) this.threadedClosures.add(closure);
  }

  /** The function defined (so far) in the body being walked under this name, or -1. */
  private localFunction(name: string): number {
    const scope = this.scope!;
    const qualname = `${this.functions[scope.fn].qualname}.<locals>.${name}`;
    for (let j = this.functions.length - 1; j > scope.fn; j--) if (this.functions[j].qualname === qualname) return j;
    return -1;
  }

  /** Adds to ClassInfo.selfCalls (and to the recording of the body being walked, for the memo). */
  private noteSelfCall(cls: number, name: string): void {
    const calls = this.classes[cls].selfCalls;
    if (!calls.includes(name)) calls.push(name);
    if (this.recording && !this.recording.selfCalls.includes(name)) this.recording.selfCalls.push(name);
  }

  /**
   * `self._executor` made as `ProcessPoolExecutor(...)` in the class, or a module-level
   * `multiprocessing.Pool(...)`: as far as the file shows how the pool was made.
   */
  private isProcessPool(receiver: string): boolean {
    const scope = this.scope;
    let made: RawValue | undefined;
    if (scope && scope.selfName && receiver.startsWith(`${scope.selfName}.`) && scope.cls >= 0) {
      const attr = receiver.slice(scope.selfName.length + 1);
      made = this.rawInstanceAttrs[scope.cls].find((b) => b.name === attr)?.value;
    } else if (!receiver.includes('.')) {
      // `with ProcessPoolExecutor(4) as executor:`, `pool = multiprocessing.Pool(4)` in the function (Scope.origins).
      const local = scope?.origins.get(receiver);
      if (local !== undefined && scope!.assigned.has(receiver)) return PROCESS_POOLS.has(local);
      // (A module-level pool only when no function binds the name, `def run(pool): pool.map(...)`, and the module
      // binds it once: not `try: pool = Pool(4)` / `except OSError: pool = ThreadPool(4)`.)
      if (this.isLocalName(receiver) || this.moduleRebound.has(receiver)) return false;
      made = this.moduleDefs.get(receiver)?.value;
    }
    return made?.k === 'rawcall' && PROCESS_POOLS.has(this.canonical(made.chain));
  }

  /** Whether `node` sits in a loop or a comprehension of the function being walked. */
  private inLoop(node: Node): boolean {
    for (let n = node.parent; n; n = n.parent) {
      const t = n.type;
      if (t === 'for_statement' || t === 'while_statement' || t === 'list_comprehension' || t === 'generator_expression' || t === 'set_comprehension' || t === 'dictionary_comprehension') return true;
      if (t === 'function_definition' || t === 'lambda') return false;
    }
    return false;
  }

  /**
   * `def register(name): def wrap(fn): ...; return wrap`: marks the closures of function `fn`
   * whose only use in its body is the body's final `return name`.
   */
  private markReturnedClosures(body: Node, fn: number, qualname: string): void {
    // From the source first: only a body that ends in `return name` can return a closure.
    const src = this.input.source;
    // Within the body's last 160 characters: a search back through the whole file would cost O(file) per function.
    const tail = src.slice(Math.max(body.startIndex, body.endIndex - 160), body.endIndex);
    const at = tail.lastIndexOf('return');
    const returned = at >= 0 ? RETURNS_NAME.exec(tail.slice(at)) : null;
    if (!returned) return;
    const name = returned[1];
    const own = `${qualname}.<locals>.${name}`;
    for (let j = fn + 1; j < this.functions.length; j++) {
      const info = this.functions[j];
      if (info.qualname !== own) continue;
      // Two mentions in the whole body, `def name` and `return name`: nothing else keeps or calls it
      // (not a word of a docstring or a comment: codeOnly()). Attributes set on it
      // (`wrapper.cache_clear = cache.clear`, as lru_cache does) neither keep nor call it.
      const code = codeOnly(src.slice(body.startIndex, body.endIndex));
      const mentions = mentionsOf(code, name, 0, code.length, 12);
      if (mentions === 2 || (mentions > 2 && mentions < 12 && mentions - attributeStores(code, name) === 2)) info.returnedBy = fn;
      return;
    }
  }

  private visitFunction(node: Node, decorators: Node[]): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<lambda>';
    const params = node.childForFieldName('parameters');
    const body = node.childForFieldName('body');
    // From the source: `node.children` would make a node object for every child.
    const isAsync = this.input.source.startsWith('async', node.startIndex);
    // Built with push, not map: the optimised map makes holey arrays where the interpreter's are packed,
    // and the new array shapes deoptimised this function twice per thread (`--trace-deopt`).
    const decoratorNames: string[] = [];
    // `@synchronized(lock)`: the whole body runs with `lock` held.
    const decoratorLocks: { key: string; at: Node }[] = [];
    // Imported decorators that may hold a lock around the body (provisional keys, like `with imported_helper():`).
    const decoratorHelpers: string[] = [];
    // `@_locked` whose wrapper takes `self._lock` of the instance (SELF_HOLD): added once the method's `self` is known.
    const selfLocks: { attr: string; at: Node }[] = [];
    // `@override_settings(DEBUG=True)`: Django's settings changed around every call (PROCESS_WIDE_DECORATORS).
    const processWide: { chain: string; at: Node }[] = [];
    let startup = false;
    // `@cachetools.cached(cache)` without `lock=`: the decorated function's calls share one unguarded cache.
    let unlockedCache: Node | null = null;
    let cacheArg: Node | null = null;
    for (const d of decorators) {
      const e = d.namedChildren[0];
      const call = e?.type === 'call' ? e : null;
      const decorator = chainOf((call ? call.childForFieldName('function') : e) ?? null) ?? '';
      decoratorNames.push(decorator);
      if (decorator !== '' && this.isStartupDecorator(decorator, call)) startup = true;
      if (call && decorator !== '' && PROCESS_WIDE_DECORATORS.has(this.canonicalHere(decorator))) processWide.push({ chain: decorator, at: d });
      if (call && decorator.endsWith('cached') && this.canonicalHere(decorator) === 'cachetools.cached') {
        const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
        const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
        const lock = args.some((a) => a.type === 'dictionary_splat' || (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'lock'));
        // The cache: a cachetools cache made here (a plain dict's single operations are atomic).
        const cache = positional[0] ?? args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'cache')?.childForFieldName('value') ?? null;
        // (Made in the call, or a module-level one named there: `_quotes = LRUCache(128)` ... `@cached(_quotes)`.)
        const bound = cache?.type === 'identifier' && !this.isLocalName(cache.text) ? this.moduleDefs.get(cache.text)?.value : undefined;
        const made = cache?.type === 'call' ? chainOf(cache.childForFieldName('function')) : bound?.k === 'rawcall' ? bound.chain : null;
        // `@cached(_rates, lock=_rates_lock)` on a module-level cache: its other uses should hold that lock too.
        if (lock && cache?.type === 'identifier' && this.scope === null && !this.lockedCaches.includes(cache.text)) this.lockedCaches.push(cache.text);
        if (!lock && positional.length < 3 && made !== null && this.canonicalHere(made).startsWith('cachetools.') && classifyCall(this.canonicalHere(made), this.options, new Map()).k === 'mutable') {
          unlockedCache = d;
          cacheArg = cache;
        }
      }
      // `@_serialized` where `_serialized`'s wrapper calls the function with a lock held (FunctionInfo.holds).
      const holding = !call && decorator !== '' ? this.heldBy(decorator) : '';
      if (holding.startsWith(SELF_HOLD)) selfLocks.push({ attr: holding.slice(SELF_HOLD.length), at: d });
      else if (holding) decoratorLocks.push({ key: holding, at: d });
      // `@serialized` imported from another module: whether its wrapper holds a lock is known across files.
      else if (!call && decorator !== '' && !this.isLocalName(splitChain(decorator)[0]) && this.moduleImports.has(splitChain(decorator)[0])) {
        decoratorHelpers.push(IMPORTED_HELPER_KEY + this.canonical(decorator));
      }
      const named = call ? this.namedLockDecorator(decorator) : null;
      if (!call || (named === null && !SYNCHRONIZING_DECORATORS.has(decorator.slice(decorator.lastIndexOf('.') + 1)))) continue;
      const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
      // `@lockutils.synchronized(__name__)`: a lock named after the module.
      if (named !== null && args.length >= 1 && args[0].type === 'identifier' && args[0].text === '__name__' && !this.isLocalName('__name__')) {
        decoratorLocks.push({ key: `${NAMED_LOCK_KEY}${this.input.module}`, at: args[0] });
        continue;
      }
      // `@utils.synchronized("mgr")` where another module made `synchronized = lockutils.synchronized_with_prefix("manila-")`:
      // a named lock if so, known across files (Workspace.importedHelperHolds()).
      // (A constant name, kept in the key: not an f-string, one lock per share, `f"share-{share_id}"`.)
      const constantName = args[0]?.type === 'string' && args[0].namedChildren.every((c) => c?.type !== 'interpolation') ? args[0].text.replace(/^[rRuU]?(['"])(.*)\1$/s, '$2') : args[0]?.text === '__name__' ? this.input.module : null;
      if (named === null && constantName !== null && this.isImportedBase(splitChain(decorator)[0]) && !this.isLocalName(splitChain(decorator)[0])) {
        decoratorHelpers.push(`${IMPORTED_HELPER_KEY}${this.canonical(decorator)}${NAMED_LOCK_CALL}${constantName}`);
        continue;
      }
      // (Not through a prefixed factory, whose argument is a lock's name: `@_synchronized(name)`.)
      const lock = args.length === 1 && named !== 'prefixed' ? chainOf(args[0]) : null;
      if (lock) decoratorLocks.push({ key: lock, at: args[0] });
      // `@lockutils.synchronized("handlers")` (oslo.concurrency): one lock per name for the whole
      // process. (Not any decorator of that name given a string: `@synchronized("_lock")` often names
      // an attribute holding each instance's lock.)
      else if (args.length >= 1 && args[0].type === 'string' && args[0].namedChildren.every((c) => c?.type !== 'interpolation') && named !== null) {
        // (One semaphore per name within the process, whatever the prefix, which names only the file of an
        // `external=True` lock: oslo.concurrency's `internal_lock(name)`.)
        const key = `${NAMED_LOCK_KEY}${args[0].text.replace(/^[rRuU]?(['"])(.*)\1$/s, '$2')}`;
        decoratorLocks.push({ key, at: args[0] });
        if (!this.namedLockSpans.has(key)) this.namedLockSpans.set(key, spanOf(args[0]));
      }
    }
    const inClass = this.classBody >= 0 && !this.scope;
    const aliasKind = inClass ? this.methodAliases.get(this.classBody)?.get(name) : undefined;
    if (aliasKind !== undefined && !decoratorNames.includes(aliasKind)) decoratorNames.push(aliasKind);
    if (decoratorNames.some((d) => d.endsWith('contextmanager') && CONTEXT_MANAGERS.has(this.canonicalHere(d)))) this.contextManagers.add(this.functions.length);
    const parent = this.scope;
    const isStatic = decoratorNames.includes('staticmethod');
    const isClassMethod = decoratorNames.includes('classmethod') || (inClass && (name === '__new__' || name === '__init_subclass__'));
    const paramNames: string[] = [];
    const mutableDefaults = new Map<string, Span>();
    const emptyDefaults = new Set<string>();
    const nameDefaults: [string, string][] = [];
    const defaults: Node[] = [];
    // Parameters a call must pass (no default, not `*args`/`**kwargs`): FunctionInfo.argsRequired.
    let required = 0;
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      if (p.type === 'identifier' || p.type === 'typed_parameter') required++;
      let id: Node | null = null;
      if (p.type === 'identifier') id = p;
      else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
        id = p.childForFieldName('name');
        const value = p.childForFieldName('value');
        if (value) {
          defaults.push(value);
          // `def add(x, bucket=SHARED):`: whenever the caller leaves it out, `bucket` is the module's object.
          if (id && value.type === 'identifier' && !BUILTINS.has(value.text)) nameDefaults.push([id.text, value.text]);
          if (id && this.isMutableValue(value)) {
            mutableDefaults.set(id.text, spanOf(value));
            if (isEmptyContainer(value)) emptyDefaults.add(id.text);
          }
        }
      } else if (p.type === 'typed_parameter') id = p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
      else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') id = p.namedChildren[0];
      if (id?.type === 'identifier') paramNames.push(id.text);
      // `limiter: Annotated[None, Depends(rate_limiter)]`: the dependency sits in the annotation (only that is read).
      if (p.type === 'typed_parameter' || p.type === 'typed_default_parameter') {
        const annotation = p.childForFieldName('type');
        if (annotation && /\b(Depends|Security)\(/.test(annotation.text)) {
          for (const call of annotation.descendantsOfType('call')) if (call && /^[\w.]*(Depends|Security)\s*\(/.test(call.text)) defaults.push(call);
        }
      }
    }
    // Defaults and decorators are evaluated where the function is defined.
    // `limiter=Depends(rate_limiter)`: FastAPI calls `rate_limiter` for each request of this function.
    const savedDefaultsOf = this.defaultsOf;
    this.defaultsOf = this.functions.length;
    for (const d of defaults) this.visitExpr(d);
    this.defaultsOf = savedDefaultsOf;
    const qualname = this.qualname(name);
    const clsIndex = inClass ? this.classBody : parent ? parent.cls : -1;
    let selfName = '';
    if (inClass && !isStatic && paramNames.length > 0) selfName = paramNames[0];
    else if (!inClass && parent && parent.selfName && !paramNames.includes(parent.selfName)) selfName = parent.selfName;
    if (inClass && !isClassMethod && selfName !== '') for (const { attr, at } of selfLocks) decoratorLocks.push({ key: `${selfName}.${attr}`, at });
    const fnIndex = this.functions.length;
    // `@app.task(bind=True)` / `@shared_task(bind=True)`: Celery passes the task object first (Scope.boundTask).
    const boundTask = parent === null && !inClass && paramNames.length > 0 && decorators.some((d) => {
      const e = d.namedChildren[0];
      if (e?.type !== 'call') return false;
      const callee = chainOf(e.childForFieldName('function')) ?? '';
      return (callee === 'shared_task' || callee.endsWith('.task') || callee.endsWith('.shared_task')) && /\bbind\s*=\s*True\b/.test(e.childForFieldName('arguments')?.text ?? '');
    }) ? paramNames[0] : '';
    // pytest's fixtures, tests and `conftest.py` hooks take pytest's `request` (the test being set up).
    const fixture = decoratorNames.some((d) => d !== '' && PYTEST_FIXTURE_DECORATORS.has(this.canonicalHere(d)));
    const pytestHook = parent === null && !inClass && name.startsWith('pytest_') && this.importsPackage('pytest');
    const pytestRequest = fixture || ((name.startsWith('test') || name.startsWith('pytest_')) && isTestModule(this.input.module));
    // A Scrapy hook (`process_request(self, request, spider)`) takes a crawl's request, on the reactor's thread.
    const scrapyHook = inClass && paramNames.length >= 2 && paramNames[paramNames.length - 1] === 'spider' && SCRAPY_HOOK.test(name);
    // Pyramid's `@subscriber(NewRequest)`: notified on the thread serving each request, with an event that carries it.
    // (Not for a nested function: its header is part of the enclosing body's memo, which does not key on imports.)
    const requestEvent = parent === null && paramNames.length > 0 && this.pyramidRequestSubscriber(decorators) ? paramNames[inClass && !isStatic ? 1 : 0] : undefined;
    const requestParams = pytestRequest || scrapyHook ? [] : paramNames.filter((p) => REQUEST_PARAMS.has(p));
    if (requestEvent !== undefined && !requestParams.includes(requestEvent)) requestParams.push(requestEvent);
    // Werkzeug's `@Request.application`: a WSGI application made of a function that takes the request, whatever its name
    // (`def __call__(self, http_request)`). (Module-level functions and methods only, as for Pyramid's subscribers.)
    const werkzeugRequest = parent === null && decoratorNames.some((d) => d.endsWith('.application') && this.isWerkzeugRequestClass(d.slice(0, -'.application'.length))) ? paramNames[inClass && !isStatic ? 1 : 0] : undefined;
    if (werkzeugRequest !== undefined && !requestParams.includes(werkzeugRequest)) requestParams.push(werkzeugRequest);
    const pasteFactory = parent === null && !inClass ? pasteFactoryOf(paramNames) : undefined;
    const isRequest =
      requestParams.length > 0 ||
      (isFalconHandler(paramNames) && this.importsPackage('falcon')) ||
      // (Not `@mock.patch(...)`/`@patch.object(...)` of a test, nor `@requests_mock.get(...)`-like mocks: a mocking library's decorators.)
      decoratorNames.some((d) => d.includes('.') && ROUTE_DECORATORS.has(d.slice(d.lastIndexOf('.') + 1)) && !MOCK_DECORATOR.test(this.canonicalHere(d))) ||
      // `handle`/`do_GET` of a socketserver or http.server request handler: one call per connection or request.
      (inClass && (name === 'handle' || /^do_[A-Z]+$/.test(name)) && this.rawClassBases[this.classBody].some((b) => REQUEST_HANDLER_BASE.test(b))) ||
      // Dash's `@app.callback(Output(...), Input(...))`: run for every browser event, by the Flask server's threads.
      (decoratorNames.some((d) => d === 'callback' || d.endsWith('.callback')) && this.importsPackage('dash')) ||
      // Flask's request hooks (`@app.before_request`, `@bp.after_app_request`, `@app.errorhandler(404)`, ...): run for requests.
      decoratorNames.some((d) => d.includes('.') && FLASK_REQUEST_HOOKS.has(d.slice(d.lastIndexOf('.') + 1))) ||
      (decoratorNames.some((d) => d.includes('.') && FLASK_REQUEST_HOOKS_IMPORTED.has(d.slice(d.lastIndexOf('.') + 1))) && (this.importsPackage('flask') || this.importsPackage('quart')));
    // Every field present, in the interface's order, the optional ones as undefined: one object shape
    // for all functions keeps the code that reads `this.functions[i].x` monomorphic (conditional spreads
    // made a shape per combination of flags, and reads of them deoptimised again and again).
    this.functions.push({
      qualname,
      name,
      span: spanOf(nameNode ?? node),
      isAsync,
      cls: clsIndex,
      selfName,
      isClassMethod: isClassMethod && inClass,
      nested: parent !== null,
      returnedBy: -1,
      isRequest,
      isCommand: decoratorNames.some((d) => this.isCommandDecorator(d)),
      celeryTask: parent === null && !inClass && decoratorNames.some((d) => this.isCeleryTaskDecorator(d)) ? true : undefined,
      // (Not for a nested function: its header is part of the enclosing body's memo, which does not key on imports.)
      pytestCallable: parent === null && (fixture || pytestHook) ? true : undefined,
      wrapped: decoratorNames.some((d) => d !== 'classmethod' && d !== 'staticmethod') ? true : undefined,
      argsRequired: parent === null && !inClass && required > 0 ? true : undefined,
      property: inClass && decoratorNames.some((d) => /^(property|(\w+\.)?cached_property|\w+\.(getter|setter|deleter))$/.test(d)) ? true : undefined,
      mainThreadOnly: body !== null && this.mentionsMainThread() && leavesOffMainThread(body),
      // (Not for a nested function: its header is part of the enclosing body's memo, which does not key on imports.)
      runsLoop: parent === null && body !== null && this.runsLoopForGood(body) ? true : undefined,
      // A function defined under `if __name__ == "__main__":`, which only the script run as a program has.
      mainDefined: parent === null && !inClass && this.inMain ? true : undefined,
      installedHandler: false,
      oneThread: false,
      tweenFactory: parent === null && !inClass && paramNames.length === 2 && paramNames[0] === 'handler' && paramNames[1] === 'registry',
      pasteFactory,
      // The filter a `filter_factory(global_conf, **conf)` returns takes the application alone (not a
      // WSGI application itself, `(environ, start_response)`, which an app factory returns).
      pasteFilter: parent !== null && parent.parent === null && this.functions[parent.fn].pasteFactory === 'conf' && paramNames.length === 1 && /^(app|application|wsgi_app|next_app|wrapped|handler)$/.test(paramNames[0]) ? true : undefined,
      reqResp: isFalconHandler(paramNames),
      decorated: decoratorNames.length > 0,
      isGenerator: false,
      isStatic: isStatic && inClass,
      constructionOnly: false,
      setupPublic: false,
      readyOnly: false,
      cached: decoratorNames.some((d) => d !== '' && CACHING_DECORATORS.has(this.canonicalHere(d))),
      returnsArg: undefined,
      returnsFresh: undefined,
      returnsMade: undefined,
      holds: '',
      escapes: [],
      localInstances: undefined,
      offLoop: decoratorNames.some((d) => d === 'run_on_executor' || d.endsWith('.run_on_executor')),
      hooksRead: undefined,
      readyCalls: undefined,
      cachedSafe: false,
      cachedClass: undefined,
      // Start-up only when nothing else registers it (`@receiver(post_save)` above `@receiver(class_prepared)`).
      startup: startup && decorators.length === 1,
    });
    if (unlockedCache) {
      this.local.push({
        code: 'TL002',
        span: spanOf(unlockedCache),
        fn: fnIndex,
        message: `\`${name}\` keeps its results in one cachetools cache shared by every call on every thread, and cachetools' caches are not thread-safe; without \`lock=\` concurrent calls change the cache at once (pass \`lock=threading.Lock()\`).`,
        related: cacheArg ? [{ span: spanOf(cacheArg), message: cacheArg.type === 'identifier' ? 'the cache, a module-level object' : 'the cache, made once, when the decorator runs' }] : [],
      });
    }
    if (inClass) {
      this.classes[this.classBody].methods[name] = fnIndex;
      if (parent === null && body !== null && (name === '__enter__' || name === '__exit__')) this.noteEnterExit(this.classBody, name, body);
      if (parent === null && body !== null && (name === '__setattr__' || name === '__getattr__' || name === '__getattribute__')) this.noteForwarding(this.classBody, name, body, paramNames);
      // `def __getattr__(self, method): return RemoteMethod(self._proxy, method)`: a new object for every name (ClassInfo.getattrMakes).
      if (parent === null && body !== null && name === '__getattr__' && makesEveryReturn(body)) this.classes[this.classBody].getattrMakes = true;
      if (decoratorNames.some((d) => d === 'property' || d === 'cached_property' || d === 'functools.cached_property')) this.propertyFns.add(fnIndex);
      if (name === '__init__' && paramNames[1] === 'get_response') this.classes[this.classBody].takesGetResponse = true;
      if (scrapyHook || (name === 'from_crawler' && paramNames[1] === 'crawler')) this.classes[this.classBody].crawlerComponent = true;
      // Pyramid's class tween: `__init__(self, handler, registry)`, made once, called for every request.
      if (name === '__init__' && paramNames[1] === 'handler' && paramNames[2] === 'registry' && paramNames.length === 3) this.classes[this.classBody].pyramidTween = true;
      // WSGI middleware: made once around the application, called for every request (ClassInfo.wsgiMiddleware).
      if (name === '__init__' && WSGI_APP_PARAMS.has(paramNames[1])) this.classes[this.classBody].wsgiMiddleware |= 1;
      if (name === '__call__' && paramNames[1] === 'environ' && paramNames[2] === 'start_response' && paramNames.length === 3) this.classes[this.classBody].wsgiMiddleware |= 2;
      // An ASGI application or middleware: `__call__(self, scope, receive, send)`.
      if (name === '__call__' && paramNames.length === 4 && paramNames[1] === 'scope' && paramNames[2] === 'receive' && paramNames[3] === 'send') this.classes[this.classBody].asgiCall = true;
      if (name === '__init__' && body !== null) {
        const first = body.namedChildren.find((c) => c !== null && c.type !== 'comment' && !(c.type === 'expression_statement' && c.namedChildren[0]?.type === 'string'));
        const then = first?.type === 'if_statement' ? first.childForFieldName('consequence') : null;
        const only = then?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
        if (only.length === 1 && only[0]!.type === 'return_statement') this.classes[this.classBody].guardedInit = true;
      }
      // `def ready(self): get_registry(); for c in Toolbar.get_panel_classes(): ...`: the calls `ready()` always makes
      // (statements of its body itself, not under `if`; resolve.ts, primedAtStartup()). Read here, in the header, so a
      // body replayed from the memo has them too.
      if (name === 'ready' && body !== null) {
        const calls: string[] = [];
        // (`from debug_toolbar.toolbar import DebugToolbar` at the top of `ready()`: the names it imports.)
        const imported = new Map<string, string>();
        for (const st of body.namedChildren) {
          if (st === null) continue;
          if (st.type === 'import_from_statement') {
            const from = this.importFromModule(st);
            if (!from) continue;
            const { moduleNode, module } = from;
            for (const c of st.namedChildren) {
              if (c === null || c.equals(moduleNode)) continue;
              if (c.type === 'dotted_name') imported.set(c.text, `${module}.${c.text}`);
              else if (c.type === 'aliased_import') imported.set(c.childForFieldName('alias')?.text ?? '', `${module}.${c.childForFieldName('name')?.text ?? ''}`);
            }
            continue;
          }
          const expr = st.type === 'expression_statement' ? st.namedChildren[0] : st.type === 'for_statement' ? st.childForFieldName('right') : null;
          const call = expr?.type === 'assignment' ? expr.childForFieldName('right') : expr;
          const callee = call?.type === 'call' ? chainOf(call.childForFieldName('function')) : null;
          if (callee === null || callee.startsWith(`${paramNames[0] ?? 'self'}.`)) continue;
          const [base, rest] = splitChain(callee);
          const local = imported.get(base);
          calls.push(local !== undefined ? `${local}${rest}` : this.canonicalHere(callee));
        }
        if (calls.length > 0) this.functions[fnIndex].readyCalls = calls;
      }
      // `self.__dict__ = self._shared_state` in `__init__` (`obj.__dict__ = cls._shared` in `__new__`): the Borg pattern.
      // Only a dict every instance reaches: an attribute of the class body (through `self`, `cls` or the class's
      // name) or a module-level name; not a parameter or a local (`self.__dict__ = kwargs`: the instance's own),
      // a copy (`dict(...)`), nor another object's `__dict__` (`_tls.__dict__` of a `threading.local`).
      if ((name === '__init__' || name === '__new__') && body !== null && paramNames.length > 0 && this.input.source.includes('__dict__', body.startIndex)) {
        const text = codeOnly(this.input.source.slice(body.startIndex, body.endIndex));
        const own = this.classes[this.classBody].qualname.slice(this.classes[this.classBody].qualname.lastIndexOf('.') + 1);
        for (const m of text.matchAll(/(?:^|\n)[ \t]*\w+\.__dict__\s*=\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?[ \t]*(?=\n|$)/g)) {
          const [, base, attr] = m;
          const shared = attr === undefined
            ? this.moduleDefs.has(base) && !paramNames.includes(base)
            : attr !== '__dict__' && (base === paramNames[0] || base === own) && this.rawClassAttrs[this.classBody].some((b) => b.name === attr);
          if (shared) this.classes[this.classBody].sharedDict = true;
        }
      }
      // `def __new__(cls): if cls._instance is None: cls._instance = super().__new__(cls); return cls._instance`.
      if (name === '__new__' && body !== null && paramNames.length > 0) {
        const text = codeOnly(this.input.source.slice(body.startIndex, body.endIndex));
        // The body's last statement (not a `return` in one branch only).
        const returned = new RegExp(`(?:^|\\n)[ \\t]*return\\s+${paramNames[0]}\\.(\\w+)\\s*$`).exec(text.trimEnd());
        if (returned && new RegExp(`\\b${paramNames[0]}\\.${returned[1]}\\s*=[^=]`).test(text)) this.classes[this.classBody].newSingleton = true;
      }
    } else if (nameNode) {
      this.bindName(name, spanOf(nameNode), { k: 'function', fn: fnIndex });
      // `@memoized def region(...)` with `class memoized` of this file: the decorator makes one `memoized`
      // instance while the module loads, whose `__call__` runs for every call of `region` (a module-level
      // instance, kept by the name; the function's own body is judged as the function's, by its callers).
      const wrapper = parent === null && !this.inMain && decorators.length === 1 && decoratorNames[0] !== '' && decoratorNames[0].indexOf('.') < 0 && decorators[0].namedChildren[0]?.type === 'identifier' ? this.moduleDefs.get(decoratorNames[0])?.value : undefined;
      if (wrapper?.k === 'class') this.kept.push({ chain: this.canonical(decoratorNames[0]), span: spanOf(decorators[0]), how: 'module' });
      // `@scheduler.scheduled_job("interval", minutes=15)`, `@bus.subscribe("e")`: a decorator that
      // registers the function to be called later keeps it, whatever else calls it at import time.
      if (parent === null && !this.inMain && decoratorNames.some((d) => (d.includes('.') && REGISTERING_DECORATOR.test(d)) || (d !== '' && CALLER_DECORATORS.has(this.canonicalHere(d))))) {
        this.pend(name, { ref: { from: 'escape', call: undefined, deferred: undefined } });
      }
      // `@sync_to_async def record(...)`, `@database_sync_to_async def load(...)`: the body runs on a worker thread.
      if (parent === null && !inClass && decoratorNames.some((d) => d !== '' && THREAD_DECORATORS.has(this.canonicalHere(d)))) {
        this.pend(name, { ref: { from: 'thread', call: undefined, deferred: undefined } });
      }
      // `@receiver(setting_changed) def reload(...)`: only tests send the signal (a `tests` reference).
      if (parent === null && !inClass && decorators.some((d) => this.receivesSettingChanged(d.namedChildren[0] ?? null))) {
        this.pend(name, { ref: { from: 'tests', call: undefined, deferred: undefined } });
      }
      // `@_call_aside def _initialize(): ...`: the decorator calls the function while the module loads.
      if (parent === null && !inClass && decoratorNames.length > 0 && decoratorNames.every((d) => this.callingDecorators.has(d) && this.moduleDefs.get(d)?.value.k === 'function')) {
        this.pend(name, { ref: { from: 'import', call: undefined, deferred: undefined } });
      }
      // The memo key holds it: a body that calls the getter reads this set (isThreadId()).
      // Not decorated: `@lru_cache def shared_loop(): return asyncio.new_event_loop()` returns one loop to every caller.
      if (parent === null && !inClass && body !== null && decorators.length === 0 && IDENTITY_TEXT.test(this.input.source.slice(body.startIndex, body.endIndex)) && this.returnsIdentity(body)) {
        this.identityGetters.add(name);
        this.noteModuleName(`t${name}`);
      } else if (this.identityGetters.delete(name)) this.noteModuleName(`u${name}`);
      // `def _call_aside(f, *args, **kwargs): f(*args, **kwargs); return f`.
      if (parent === null && !inClass && body !== null && paramNames.length > 0 && decoratorNames.length === 0 && this.callsAndReturnsParam(body, paramNames[0])) this.callingDecorators.add(name);
      else this.callingDecorators.delete(name);
    }
    // A module-level function or a method of a module-level class: its body can be replayed from the memo.
    // Not a body with a syntax error: how the parser recovers inside it depends on the text after it,
    // so the same text can give another tree (found by test/collect-memo.test.ts's random edits).
    const memo = parent === null && this.input.memo !== undefined && !node.hasError ? this.input.memo : undefined;
    // A decorator's lock is acquired at the decorator (TL010's "first acquired here"), which does not
    // move with the body when lines are added between them: its place relative to the body is keyed.
    const key = memo
      ? this.memoKey(node, [...decoratorNames, ...(boundTask !== '' ? ['bind'] : []), ...decoratorLocks.map((l) => `held ${l.key} ${relativeSpan(l.at, node)}`), ...decoratorHelpers.map((h) => `helper ${h}`), ...processWide.map((p) => `wide ${relativeSpan(p.at, node)}`)], qualname, inClass)
      : '';
    if (memo) {
      const known = memo.previous?.get(key);
      if (known !== undefined && known.text === node.text) {
        this.replay(known.effects, fnIndex, clsIndex, node.startPosition.row);
        memo.next.set(key, known);
        this.noteHeldBy(fnIndex, parent, inClass);
        return;
      }
    }
    // (Made after the memo is asked: a replayed body needs no scope, and a file has many of them.)
    const scope = newScope({
      fn: fnIndex,
      bodyStart: body?.startIndex ?? node.startIndex,
      bodyEnd: body?.endIndex ?? node.endIndex,
      firstMentions: new Map(),
      awaitAt: -1,
      awaitSearched: body?.startIndex ?? node.startIndex,
      assigned: new Set(),
      params: new Set(paramNames),
      globals: new Set(),
      nonlocals: new Set(),
      imports: new Map(),
      pending: [],
      selfName,
      cls: clsIndex,
      boundTask,
      mutableDefaults,
      emptyDefaults,
      tainted: new Set([...requestParams, ...(isRequest && isFalconHandler(paramNames) && paramNames.includes('req') ? ['req'] : [])]),
      threadIds: new Set(),
      ownKeys: new Set(),
      lookups: new Map(),
      mutableLocals: new Map(),
      numberLocals: new Map(),
      origins: new Map(),
      tested: new Set(),
      results: new Map(),
      aliases: new Map(),
      entryAliases: new Set(),
      choices: new Map(),
      copies: new Map(),
      replaced: new Map(),
      lockLocals: new Set(),
      returnsLock: 0,
      returnedName: '',
      returnedParam: '',
      parent,
    });
    // `def _finalize(ref): _strong_refs.pop(ref, None)` given as `weakref.ref(obj, _finalize)`: the
    // reference Python passes is the one its caller made, an entry no other caller has.
    if ((inClass ? this.weakrefMethodCallbacks : this.weakrefCallbacks).has(name)) {
      const ref = paramNames[inClass && !isStatic ? 1 : 0];
      if (ref !== undefined) scope.ownKeys.add(ref);
    }
    // (Module-level functions only: a method's default may name an attribute of its class body.)
    if (parent === null && !inClass) for (const [param, name] of nameDefaults) if (!scope.params.has(name)) scope.aliases.set(param, name);
    const before = memo ? this.startRecording(clsIndex) : undefined;
    const savedClass = this.classBody;
    const savedHeld = this.held;
    const savedFreshLock = this.freshLockAt;
    this.freshLockAt = undefined;
    const savedTried = this.tried;
    const savedChecks = this.checks;
    const savedComp = this.compLocals;
    const savedMain = this.inMain;
    const savedProvisional = this.provisional;
    const savedCatchWarnings = this.catchWarnings;
    const savedAfterSignal = this.afterSignalCall;
    const savedForkChild = this.forkChild;
    const savedMainBranch = this.mainBranch;
    const savedCatchValueError = this.signalsGuarded;
    this.scope = scope;
    this.classBody = -1;
    this.held = [];
    this.tried = [];
    this.provisional = [];
    this.catchWarnings = 0;
    this.afterSignalCall = false;
    this.forkChild = 0;
    this.mainBranch = 0;
    this.signalsGuarded = 0;
    this.checks = [];
    this.compLocals = [];
    this.inMain = false;
    for (const { key: lock, at } of decoratorLocks) {
      const held = this.lockKey(lock);
      this.noteAcquire(held, at);
      this.held.push(held);
    }
    if (decoratorHelpers.length > 0) this.provisional = [...decoratorHelpers];
    // Changed when the function is called and put back when it returns, like `with override_settings():`.
    for (const { chain, at } of processWide) this.record(chain, 'call', at, { detail: RESTORED_BY_BLOCK });
    if (body) {
      this.visitBlock(body);
      // Only a function that defined others can return one of them.
      if (this.functions.length > fnIndex + 1) this.markReturnedClosures(body, fnIndex, qualname);
    }
    // `def lock_for(sku): ... return lock`: `with lock_for(sku):` holds the lock it returns, one per key.
    if (scope.returnsLock === 1 && parent === null && !inClass && this.functions[fnIndex].holds === '') this.functions[fnIndex].holds = `${HELPER_LOCK_KEY}${name}()${KEYED_HELPER}`;
    // `def get_lock(): return _lock`: `with get_lock():` holds `_lock` (whether that is a lock is judged as for `with _lock:`).
    else if (scope.returnedName !== '' && scope.returnedName !== MIXED_RETURNS && scope.returnsLock === 2 && parent === null && !inClass && this.functions[fnIndex].holds === '' && !this.functions[fnIndex].isGenerator) this.functions[fnIndex].holds = scope.returnedName;
    // `def register(func): _HOOKS.append(func); return func`: a decorator that hands back the function it is given.
    // (Its parameter named for a function or class, as decorators name it: not `def track(obj): _live.append(obj); return obj`.)
    // Also a class's `__call__(self, func)`: its instances are the decorators, `@deprecated(as_of="M")`.
    // `def _guard(self): return self._lock`: what `with self._guard():` holds (findMethodHolds()).
    if (inClass && scope.returnedSelfAttr !== undefined && scope.returnedSelfAttr !== MIXED_RETURNS && this.functions[fnIndex].holds === '' && !this.functions[fnIndex].isGenerator && !this.functions[fnIndex].isAsync && alwaysReturns(body)) this.functions[fnIndex].holds = SELF_RETURN + scope.returnedSelfAttr;
    // `def load_config(): return {"banned": [], "zoom": 18}`: `CONFIG = load_config()` at module level holds that dict.
    // (Not one that can fall off its end, returning None: alwaysReturns().)
    const returns = parent === null && !inClass && !this.functions[fnIndex].isGenerator && !this.functions[fnIndex].isAsync && ((scope.returnedFresh ?? MIXED_RETURNS) !== MIXED_RETURNS || (scope.returnedMade ?? MIXED_RETURNS) !== MIXED_RETURNS) && alwaysReturns(body);
    if (returns && scope.returnedFresh !== undefined && scope.returnedFresh !== MIXED_RETURNS) this.functions[fnIndex].returnsFresh = scope.returnedFresh;
    // `def load_settings(): ... return Settings(**cfg)`: `SETTINGS = load_settings()` publishes a new `Settings`.
    if (returns && scope.returnedMade !== undefined && scope.returnedMade !== MIXED_RETURNS && !this.functions[fnIndex].cached) this.functions[fnIndex].returnsMade = scope.returnedMade;
    const decorated = !inClass ? paramNames[0] : name === '__call__' && !isStatic && !this.functions[fnIndex].isClassMethod ? paramNames[1] : undefined;
    if (decorated !== undefined && scope.returnedParam === decorated && DECORATED_PARAM.test(decorated) && !scope.assigned.has(decorated) && !this.functions[fnIndex].isGenerator) this.functions[fnIndex].returnsArg = true;
    this.scope = parent;
    this.classBody = savedClass;
    this.held = savedHeld;
    this.freshLockAt = savedFreshLock;
    this.tried = savedTried;
    this.provisional = savedProvisional;
    this.catchWarnings = savedCatchWarnings;
    this.afterSignalCall = savedAfterSignal;
    this.forkChild = savedForkChild;
    this.mainBranch = savedMainBranch;
    this.signalsGuarded = savedCatchValueError;
    this.checks = savedChecks;
    this.compLocals = savedComp;
    this.inMain = savedMain;
    this.finishScope(scope);
    if (memo && before) memo.next.set(key, { text: node.text, effects: this.stopRecording(before, fnIndex, clsIndex, node.startPosition.row) });
    this.noteHeldBy(fnIndex, parent, inClass);
  }

  /**
   * A module-level function that holds a lock for its caller (FunctionInfo.holds) changes how the
   * bodies after it are walked (`with helper():`), so it is part of the memo key of those bodies.
   */
  private noteHeldBy(fn: number, parent: Scope | null, inClass: boolean): void {
    const holds = this.functions[fn].holds;
    if (parent === null && !inClass && holds !== '' && holds !== NO_HOLD) this.noteModuleName(`holds ${this.functions[fn].name} ${holds}`);
  }

  // ---------------------------------------------------------------- function-body memo

  /** Everything a body's walk depends on besides its own text: where it sits and the module names bound before it. */
  private memoKey(node: Node, decorators: string[], qualname: string, inClass: boolean): string {
    const col = node.startPosition.column;
    // A method's walk reads its class's bases (a request handler's `handle`, its `self.server`).
    const bases = inClass ? `${this.rawClassBases[this.classBody].join(',')}|${this.classHashes[this.classBody] ?? 0}` : '';
    return `${this.moduleHash1}:${this.moduleHash2}:${this.moduleEvents}|${inClass ? 'c' : 'f'}${col}:${this.depth}|${qualname}|${decorators.join(',')}|${bases}`;
  }

  private startRecording(cls: number): number[] {
    this.recording = { selfCalls: [], refs: [], acquired: [], heldSpans: [], lockAttrs: [], attrReads: [] };
    const inst = cls >= 0 ? this.rawInstanceAttrs[cls].length : 0;
    return [this.functions.length, this.classes.length, this.accesses.length, this.modulePending.length, this.local.length, this.reacquired.length, this.callEdges.length, inst, this.objectCalls.length, this.kept.length, this.helperArgs.length, this.signalHandlers.length, this.iterated.length, this.startedThreads.length];
  }

  private stopRecording(before: number[], fn: number, cls: number, row: number): BodyEffects {
    const [fnEnd, cStart, aStart, pStart, lStart, rStart, eStart, instStart, oStart, kStart, hStart, sStart, iStart, tStart] = before;
    const rec = this.recording!;
    this.recording = null;
    const own = this.functions[fn];
    // Cloned now: the finishing passes later change some of these objects in place.
    return structuredClone({
      fn,
      cls,
      cStart,
      row,
      isRequest: own.isRequest,
      isGenerator: own.isGenerator,
      cachedSafe: own.cachedSafe,
      cachedClass: own.cachedClass,
      holds: own.holds,
      returnsArg: own.returnsArg === true,
      returnsFresh: own.returnsFresh,
      returnsMade: own.returnsMade,
      escapes: own.escapes,
      localInstances: own.localInstances,
      hooksRead: own.hooksRead,
      functions: this.functions.slice(fnEnd),
      classes: this.classes.slice(cStart),
      classBases: this.rawClassBases.slice(cStart),
      classAttrs: this.rawClassAttrs.slice(cStart),
      classInst: this.rawInstanceAttrs.slice(cStart),
      inst: cls >= 0 ? this.rawInstanceAttrs[cls].slice(instStart) : [],
      selfCalls: rec.selfCalls,
      accesses: this.accesses.slice(aStart),
      pending: this.modulePending.slice(pStart),
      local: this.local.slice(lStart),
      refs: rec.refs,
      acquired: rec.acquired,
      reacquired: this.reacquired.slice(rStart),
      heldSpans: rec.heldSpans,
      callEdges: this.callEdges.slice(eStart).map((e) => ({ fn: e.fn, callee: e.callee, held: e.held, span: edgeSpan(e), ...(e.read ? { read: true } : {}), ...(e.guards ? { guards: e.guards } : {}) })),
      objectCalls: this.objectCalls.slice(oStart),
      lockAttrs: rec.lockAttrs,
      attrReads: rec.attrReads,
      iterated: this.iterated.slice(iStart),
      kept: this.kept.slice(kStart),
      helperArgs: this.helperArgs.slice(hStart),
      signalHandlers: this.signalHandlers.slice(sStart),
      startedThreads: this.startedThreads.slice(tStart),
    });
  }

  /** Applies recorded effects as if the body had been walked here: fresh objects, rows shifted, indices renumbered. */
  private replay(e: BodyEffects, fn: number, cls: number, row: number): void {
    const dr = row - e.row;
    const df = fn - e.fn;
    const cStart = this.classes.length;
    const sp = (s: Span): Span => [s[0] + dr, s[1], s[2] + dr, s[3]];
    const f = (i: number): number => i + df;
    const c = (i: number): number => (i === e.cls ? cls : i >= e.cStart ? i - e.cStart + cStart : i);
    const lockKey = (k: string): string => (k.startsWith('self#') ? k.replace(/^self#(\d+)/, (_, n: string) => `self#${c(Number(n))}`) : k);
    const binding = (b: RawBinding): RawBinding => ({ name: b.name, span: sp(b.span), value: cloneRaw(b.value) });
    const access = (a: Access): Access => {
      const out: Access = { ...a, span: sp(a.span), fn: f(a.fn), held: a.held.map(lockKey), freshLock: a.freshLock !== undefined ? sp(a.freshLock) : undefined };
      out.target = a.target.t === 'self' ? { ...a.target, cls: c(a.target.cls) } : { ...a.target };
      if (a.check) {
        out.check = { span: sp(a.check.span), outside: a.check.outside };
        if (a.check.once) out.check.once = true;
        if (a.check.member) out.check.member = true;
        if (a.check.readsEntry) out.check.readsEntry = true;
        if (a.check.filled) out.check.filled = true;
        if (a.check.raiseOnly) out.check.raiseOnly = true;
        if (a.check.refresh) out.check.refresh = true;
        if (a.check.stale !== undefined) out.check.stale = a.check.stale;
        if (a.check.setupAfter) out.check.setupAfter = sp(a.check.setupAfter);
      }
      return out;
    };
    const own = this.functions[fn];
    own.isRequest = e.isRequest;
    own.isGenerator = e.isGenerator;
    own.cachedSafe = e.cachedSafe;
    // (Set to undefined, never deleted: a deleted property puts the object in dictionary mode.)
    own.cachedClass = e.cachedClass;
    own.holds = e.holds;
    own.returnsArg = e.returnsArg ? true : undefined;
    own.returnsFresh = e.returnsFresh;
    own.returnsMade = e.returnsMade;
    own.escapes = [...e.escapes];
    own.localInstances = e.localInstances ? [...e.localInstances] : undefined;
    own.hooksRead = e.hooksRead ? [...e.hooksRead] : undefined;
    for (const info of e.functions) this.functions.push({ ...info, span: sp(info.span), cls: c(info.cls), returnedBy: info.returnedBy >= 0 ? f(info.returnedBy) : -1 });
    e.classes.forEach((info, k) => {
      const methods = names<number>();
      for (const [name, index] of Object.entries(info.methods)) methods[name] = f(index);
      this.classes.push({ ...info, span: sp(info.span), bases: [], attrs: names(), methods, instanceAttrs: names(), selfCalls: [...info.selfCalls], classVars: [...info.classVars] });
      this.rawClassBases.push([...e.classBases[k]]);
      this.rawClassAttrs.push(e.classAttrs[k].map(binding));
      this.rawInstanceAttrs.push(e.classInst[k].map(binding));
    });
    if (cls >= 0) {
      for (const b of e.inst) this.rawInstanceAttrs[cls].push(binding(b));
      const calls = this.classes[cls].selfCalls;
      for (const name of e.selfCalls) if (!calls.includes(name)) calls.push(name);
    }
    for (const a of e.accesses) this.accesses.push(access(a));
    for (const p of e.pending) {
      const out: Pending = { base: p.base, rest: p.rest };
      if (p.access) out.access = access(p.access);
      if (p.ref) out.ref = { ...p.ref, from: typeof p.ref.from === 'number' ? f(p.ref.from) : p.ref.from };
      this.modulePending.push(out);
    }
    for (const l of e.local) {
      this.local.push({ ...l, span: sp(l.span), fn: f(l.fn), related: l.related.map((r) => ({ span: sp(r.span), message: r.message })), ...(l.sharedBy !== undefined ? { sharedBy: f(l.sharedBy) } : {}) });
    }
    for (const r of e.refs) {
      const from = typeof r.from === 'number' ? f(r.from) : r.from;
      const key = refKey(r.chain, from, r.call === true, r.deferred === true);
      if (!this.refs.has(key)) this.refs.set(key, makeRef(r.chain, from, r.call === true, r.deferred === true));
    }
    for (const [i, k] of e.acquired) {
      let set = this.acquired.get(f(i));
      if (!set) this.acquired.set(f(i), (set = new Set()));
      set.add(lockKey(k));
    }
    for (const r of e.reacquired) this.reacquired.push({ fn: f(r.fn), key: lockKey(r.key), span: sp(r.span), first: sp(r.first), ...(r.outer !== undefined ? { outer: lockKey(r.outer) } : {}) });
    for (const [i, k, s] of e.heldSpans) this.heldSpans.set(`${f(i)}\u0000${lockKey(k)}`, sp(s));
    for (const edge of e.callEdges) this.callEdges.push({ fn: f(edge.fn), callee: edge.callee, held: edge.held.map(lockKey), span: sp(edge.span), ...(edge.read ? { read: true } : {}), ...(edge.guards ? { guards: edge.guards.map(lockKey) } : {}) });
    for (const [i, chain] of e.objectCalls) this.objectCalls.push([f(i), chain]);
    for (const attr of e.lockAttrs) this.lockAttrs.add(attr);
    for (const attr of e.attrReads) this.attrReads.add(attr);
    for (const [i, chain] of e.iterated) this.noteIterated(f(i), chain);
    for (const k of e.kept) this.kept.push({ chain: k.chain, span: sp(k.span), how: k.how });
    for (const [callee, position, given] of e.helperArgs) this.helperArgs.push([callee, position, given]);
    // (A method installed through `self` names its class by index: renumbered.)
    for (const name of e.signalHandlers) this.signalHandlers.push(name.startsWith(SELF_HANDLER) ? `${SELF_HANDLER}${c(Number(name.slice(SELF_HANDLER.length, name.indexOf('.'))))}${name.slice(name.indexOf('.'))}` : name);
    for (const [i, name] of e.startedThreads) this.startedThreads.push([f(i), name]);
  }

  /**
   * Whether `value` makes a value of an immutable kind, whole: a number, a string or bytes (literals,
   * f-strings, `%` and `+` of such, `str` methods such as `.lower()`, `int()`, `len()`, `max()` of
   * such, `os.path.join(...)`, `os.cpu_count()`, `platform.system()`, ...), a `bool` (comparisons,
   * `not`), a tuple or frozenset (a display of such, `tuple(...)`, `frozenset(...)` and set operators
   * on one); never an object to set up (a client, a connection, a list or dict).
   */
  private immutableShape(value: Node, depth: number): boolean {
    if (depth > 6) return false;
    // (Nothing random, nor the clock, anywhere in it: `"web-%s" % uuid.uuid4().hex` differs from thread to thread.)
    if (depth === 0 && NONDETERMINISTIC.test(value.text)) return false;
    const each = (nodes: (Node | null)[]) => nodes.every((c) => c === null || c.type === 'comment' || this.immutableShape(c, depth + 1));
    switch (value.type) {
      case 'string':
      case 'concatenated_string':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'comparison_operator':
      case 'not_operator':
        return true;
      case 'parenthesized_expression':
      case 'tuple':
      case 'unary_operator':
      case 'boolean_operator':
        return each(value.namedChildren);
      case 'conditional_expression':
        return each(value.namedChildren);
      case 'binary_operator': {
        const left = value.childForFieldName('left');
        const right = value.childForFieldName('right');
        // `"%s/%s" % (a, b)`: formatting gives a string, whatever it formats.
        if (value.childForFieldName('operator')?.type === '%' && (left?.type === 'string' || left?.type === 'concatenated_string')) return true;
        // `frozenset(A) | {"opf"}`: set operators on a frozenset give one.
        if (left !== null && this.immutableShape(left, depth + 1) && (right !== null && (this.immutableShape(right, depth + 1) || right.type === 'set'))) return true;
        return false;
      }
      case 'call': {
        const fn = value.childForFieldName('function');
        const args = value.childForFieldName('arguments');
        if (fn === null) return false;
        if (fn.type === 'identifier') {
          if (this.isLocalName(fn.text) || this.moduleDefs.has(fn.text)) return false;
          // (`tuple(...)`, `frozenset(...)`: of items of an immutable kind, a display or a comprehension of such;
          // not `tuple(import_string(p)() for p in PANELS)`, objects to set up.)
          if (fn.text === 'tuple' || fn.text === 'frozenset') {
            const items = args?.type === 'generator_expression' ? args : args?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
            if (items === null || items === undefined) return true;
            if (items.type === 'generator_expression' || items.type === 'list_comprehension' || items.type === 'set_comprehension') {
              const body = items.childForFieldName('body');
              return body !== null && this.immutableShape(body, depth + 1);
            }
            return (items.type === 'list' || items.type === 'set' || items.type === 'tuple') && each(items.namedChildren);
          }
          if (IMMUTABLE_MAKERS.has(fn.text)) return true;
          // `max(1, os.cpu_count() or 1)`: one of its arguments, each of an immutable kind.
          if ((fn.text === 'max' || fn.text === 'min') && args !== null && args.type === 'argument_list') return each(args.namedChildren.filter((c) => c?.type !== 'keyword_argument'));
          return IMMUTABLE_CALLS.has(this.canonicalHere(fn.text));
        }
        if (fn.type === 'attribute') {
          const method = fn.childForFieldName('attribute')?.text ?? '';
          // `get_lang().lower()`, `name.strip()`: a method only strings have, which gives a new string; the ones
          // other types share (`replace`, `join`, `format`, `encode`, `decode`: a DataFrame's `replace()`) only on
          // what is a string already.
          const receiver = fn.childForFieldName('object');
          if (STR_ONLY_METHODS.has(method)) return true;
          if (STR_METHODS.has(method)) return receiver !== null && this.immutableShape(receiver, depth + 1);
          const chain = chainOf(fn);
          return chain !== null && !this.isLocalName(splitChain(chain)[0]) && IMMUTABLE_CALLS.has(this.canonicalHere(chain));
        }
        return false;
      }
      default:
        return false;
    }
  }

  /** `Access.detail` of a global rebound to `value` when every thread that races stores the same or an equal object. */
  private rebindDetail(target: Node, value: Node): string | undefined {
    // `_getchar = f` after `from ._impl import getchar as f`: every thread stores the same object.
    if (this.stevedorePluginClass(value)) return IMPORTED_PLUGIN_CLASS;
    if (this.isImportedValue(value)) return this.isImportedList(value) ? IMPORTED_LIST : IMPORTED_VALUE;
    // `_varprog = re.compile(r'\$(\w+)', re.ASCII)`: racing threads compile equal patterns.
    const callee = this.constantCallee(value);
    if (callee) return this.onlyCompilesHere(target) ? `${IDEMPOTENT_VALUE}${callee} ${value.text.replace(/\s+/g, ' ')}` : undefined;
    // `if _a85chars2 is None: _a85chars = [...]; _a85chars2 = [...]`: a table computed from constants alone.
    const free = new Set<string>();
    if (this.purePublication(target, null, free)) return pureDetail(PURE_VALUE, free, value);
    // `TRANSPORT = None` in `cleanup()`: a teardown's reset (TEARDOWN_RESET).
    if (value.type === 'none' && this.scope !== null && this.scope.parent === null && this.functions[this.scope.fn].cls < 0 && TEARDOWN_NAME.test(this.functions[this.scope.fn].name)) return TEARDOWN_RESET;
    // `KEYRING_DISABLED = True` after an error: a literal (judged across files: every write must store it).
    if (isLiteral(value)) return `${IDEMPOTENT_VALUE}${LITERAL_VALUE} ${value.text.replace(/\s+/g, ' ')}`;
    // `_flags = MappingProxyType(fresh)` in a function that otherwise leaves `_flags` alone (its `global`
    // statement and this store): a new immutable snapshot, swapped in whole.
    // `snapshot = MappingProxyType(fresh)` ... `_flags = snapshot`: the same, built in a local first (Scope.origins).
    const made = value.type === 'call' ? this.canonicalHere(chainOf(value.childForFieldName('function')) ?? '')
      : value.type === 'identifier' && this.scope !== null && this.scope.assigned.has(value.text) ? (this.scope.origins.get(value.text) ?? '') : '';
    // (The function names the global only at its `global` statement and here.)
    const onlyStoredHere = (): boolean => this.scope !== null && mentionsOf(this.input.source, target.text, this.scope.bodyStart, this.scope.bodyEnd, 3) <= 2;
    if (this.scope !== null && SNAPSHOT_CALLS.has(made) && onlyStoredHere()) return SNAPSHOT;
    // `fresh = {p.slug: p.price for p in rows}` ... `_prices = fresh`: a container built in a local and
    // published whole; not touched through the local afterwards (but for its `len()`), which would
    // change the published object.
    // (Not a copy of something, `dict(get_handlers())`, which threads that race each change and publish, losing
    // each other's changes; nor a store inside a loop, whose next rounds go on filling what was published.)
    if (this.scope !== null && value.type === 'identifier' && this.scope.freshLocals?.has(value.text) && !this.scope.aliases.has(value.text) && !this.scope.params.has(value.text) && !inLoopAfter(target, this.scope.bodyStart)) {
      const src = this.input.source;
      const end = this.scope.bodyEnd;
      const after = src.slice(value.endIndex, end).replaceAll(`len(${value.text})`, '');
      if (onlyStoredHere() && mentionsOf(after, value.text, 0, after.length, 1) === 0) return FRESH_PUBLISHED;
    }
    // `FLAGS = json.loads(text)`, `CFG = yaml.safe_load(fh)`: a new object a parser makes, whatever was there
    // before, published whole (in a function that does not otherwise name the global, outside a loop).
    if (this.scope !== null && value.type === 'call' && PARSER_CALLS.has(made) && !inLoopAfter(target, this.scope.bodyStart) && onlyStoredHere() && !this.argumentsReadRequest(value)) return FRESH_PUBLISHED;
    // `_lang = get_lang().lower()` under `if _lang is None:`: a value of an immutable kind, built whole
    // (kept only under such a test of the name itself: record()).
    if (this.scope !== null && this.immutableShape(value, 0)) return `${IMMUTABLE_VALUE}${value.text.replace(/\s+/g, ' ')}`;
    // `SETTINGS = Settings(**cfg)`, `SETTINGS = load_settings()`: a new object made by that callee (MADE_BY), which
    // resolve.ts judges: a frozen class's instance is published whole.
    // (In a function that does not otherwise name the global: not `old = TOTAL; TOTAL = Stats(hits=old.hits + 1)`.)
    const madeBy = this.scope !== null ? this.madeBy(value) : null;
    if (madeBy !== null && onlyStoredHere() && !this.argumentsReadRequest(value)) return `${MADE_BY}${madeBy}`;
    return undefined;
  }

  /**
   * Whether a call's arguments read request data (`json.loads(request.data)`, `Prefs(theme=request.args["t"])`):
   * a name of them that holds it (a request parameter, `flask.request`, a local set from one). Such a value,
   * published whole, is still one user's data for every reader.
   */
  private argumentsReadRequest(call: Node): boolean {
    const args = call.childForFieldName('arguments');
    if (args === null) return false;
    const src = this.input.source;
    for (const m of src.slice(args.startIndex, args.endIndex).matchAll(/(?<![\w.])[A-Za-z_]\w*/g)) if (this.isTaintedName(m[0])) return true;
    return false;
  }

  /** `Settings(...)`, `config.load_settings()`: the canonical callee of a call of a name no function binds, or null. */
  private madeBy(value: Node): string | null {
    if (value.type !== 'call') return null;
    const chain = chainOf(value.childForFieldName('function'));
    if (chain === null || this.isLocalName(splitChain(chain)[0]) || BUILTINS.has(splitChain(chain)[0])) return null;
    return this.canonicalHere(chain);
  }

  /** FileSummary.asViewArgs: the mutable keyword arguments of a module-level `View.as_view(...)` call. */
  private noteAsViewArgs(fnNode: Node, args: (Node | null)[]): void {
    const cls = chainOf(fnNode.childForFieldName('object'));
    if (cls === null) return;
    for (const a of args) {
      if (a?.type !== 'keyword_argument') continue;
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      const type = value ? this.mutableType(value) : undefined;
      if (name && value && type !== undefined) this.asViewArgs.push({ cls: this.canonical(cls), attr: name, type, span: spanOf(value) });
    }
  }

  /** Whether a default value creates a mutable container (a literal, or a known constructor call). */
  private isMutableValue(value: Node): boolean {
    return this.mutableType(value) !== undefined;
  }

  /** The type of the mutable container a value makes (a literal, or a known constructor call), or undefined. */
  private mutableType(value: Node): string | undefined {
    const raw = this.rawValue(value);
    const made = raw.k === 'rawcall' ? classifyCall(this.canonicalHere(raw.chain), this.options, raw.kwargs) : raw;
    return made.k === 'mutable' ? made.type : undefined;
  }

  /** `_conn = sqlite3.connect(path)` in a function: the connection's kind as Access.stores spells it (SQLITE_STORED). */
  private storedResource(value: Node): string | undefined {
    const raw = this.rawValue(value);
    const made = raw.k === 'rawcall' ? classifyCall(this.canonicalHere(raw.chain), this.options, raw.kwargs) : raw;
    return made.k === 'sqlite' ? (made.checkSameThread ? SQLITE_STORED : SQLITE_SHARED_STORED) : undefined;
  }

  /**
   * `_client = PaymentClient(url)` in a function that declares `_client` global: the callee's canonical
   * name, when it is a module-level name or an import of the module (STORED_CALL), so resolve.ts can tell an instance of
   * a scanned class (the global holds that object from then on).
   */
  private storedCall(value: Node): string | undefined {
    const callee = chainOf(value.childForFieldName('function'));
    if (callee === null || this.isLocalName(splitChain(callee)[0]) || BUILTINS.has(callee)) return undefined;
    return `${STORED_CALL}${this.canonicalHere(callee)}`;
  }

  /**
   * `clock() - start` (or `start - clock()`, or a local holding a clock reading, `now - g.start`) with a
   * clock of CLOCK_CALLS: an elapsed time. Not when the other side is input the request brings
   * (`time.time() - float(request.args["since"])`).
   */
  private isDuration(node: Node): boolean {
    if (node.childForFieldName('operator')?.type !== '-') return false;
    const sides = [node.childForFieldName('left'), node.childForFieldName('right')];
    for (let i = 0; i < 2; i++) {
      const side = sides[i];
      const callee = side?.type === 'call' ? chainOf(side.childForFieldName('function')) : null;
      const clock = (callee !== null && CLOCK_CALLS.has(this.canonicalHere(callee))) ||
        (side?.type === 'identifier' && this.scope !== null && CLOCK_CALLS.has(this.scope.origins.get(side.text) ?? ''));
      if (clock) return !REQUEST_INPUT.test(sides[1 - i]?.text ?? '');
    }
    return false;
  }

  /** Canonical name of a chain as seen from the current scope (function-level imports included). */
  private canonicalHere(chain: string): string {
    const [base, rest] = splitChain(chain);
    for (let s = this.scope; s; s = s.parent) {
      const imported = s.imports.get(base);
      if (imported !== undefined) return imported + rest;
      if (s.assigned.has(base) || s.params.has(base)) return chain;
    }
    return this.canonical(chain);
  }

  /**
   * Whether `target` (a global name, or the subscript `D[k]` when `keyed`) is
   * written in the body of an `if` (a lazy initialisation) that does nothing
   * but compute values from constants: every statement of the body is `global`,
   * `pass` or an assignment to a name (or to this `D[k]`) of a pure expression
   * (literals, module-level constants, names assigned earlier in the body, the
   * key `k`, comprehensions, pure builtins and str/bytes methods), and this
   * write is the body's last write of shared state, so a thread that sees it
   * done sees everything the body computed (an earlier write of the body counts
   * too when that last write is of the name the `if` tests). Racing threads then store equal
   * values and only repeat the work. A loop, a call of anything else, or a
   * table filled after it is published (`_b85dec = [None] * 256` then a loop
   * setting its items) does not count.
   */
  private purePublication(target: Node, keyed: Node | null, free: Set<string>): boolean {
    const at = enclosingBlock(target);
    if (!at || at.stmt.type !== 'expression_statement' || !this.scope) return false;
    // The body of an `if`, or the handler of a lookup (`try: return _cache[k]` / `except KeyError:`, lookupCheck()).
    if (at.owner !== 'if_statement' && at.owner !== 'elif_clause' && !(at.owner === 'except_clause' && LOOKUP_ERRORS.test(handlerHead(at.block.parent!)))) return false;
    const { stmt, block } = at;
    const names = new Set<string>();
    if (keyed) {
      // `_cache[(pattern, flags)]` (or `_cache[pattern, flags]`): a key made of names, each of them part of what the entry is computed from.
      const parts = keyNames(keyed.childrenForFieldName('subscript').filter((k): k is Node => k !== null));
      if (parts === null) return false;
      for (const p of parts) names.add(p);
      // `key = str(lang_list)` before the test: an entry computed from `lang_list` is computed from its key.
      // (Only a key that keeps all of what it is made of: `str(x)`, `repr(x)`, `tuple(x)` of a parameter, or a tuple
      // of parameters; not `name.lower()` or `len(x)`, equal for parameters whose entries would differ.)
      for (const p of parts) {
        const made = this.scope.params.has(p) ? null : precedingValue(p, block.parent);
        if (made === null) continue;
        for (const source of keySources(made)) if (this.scope.params.has(source) && !this.scope.assigned.has(source)) names.add(source);
      }
    }
    const scope = this.scope;
    // Names the body binds to values of its own (`value = dict()`): containers it may fill before publishing them.
    const locals = new Set<string>();
    // Those of them stored in the shared slot already.
    const publishedLocals = new Set<string>();
    // (Typed wide: TypeScript does not see the closure below assign it.)
    let lastShared = null as Node | null;
    // How many `for` loops of the body enclose the statement walked.
    let loops = 0;
    const statements = (body: Node): boolean => {
      for (const c of body.namedChildren) {
        if (!c) continue;
        if (c.type === 'comment' || c.type === 'pass_statement' || c.type === 'global_statement' || c.type === 'nonlocal_statement') continue;
        // `return r` after the writes: hands back what was computed, publishes nothing.
        if (c.type === 'return_statement') {
          const value = c.namedChildren.find((x) => x !== null && x.type !== 'comment');
          if (value && !this.isPureExpr(value, names, free)) return false;
          continue;
        }
        // `try: r = XPath(spec)` / `except XPathSyntaxError as e: raise Invalid(spec) from e`: a handler that
        // only raises publishes nothing (no `else:` or `finally:`, which run more code).
        if (c.type === 'try_statement') {
          const tryBody = c.childForFieldName('body');
          if (!tryBody || !statements(tryBody)) return false;
          for (const h of c.namedChildren) {
            if (!h || h.type === 'comment' || h.id === tryBody.id) continue;
            if (h.type !== 'except_clause') return false;
            const hb = h.namedChildren.find((x) => x?.type === 'block');
            if (!hb || !hb.namedChildren.every((x) => x === null || x.type === 'comment' || x.type === 'raise_statement')) return false;
          }
          continue;
        }
        // `for lc in lang_list: value.setdefault(lc.split("-")[0], lc)`: a loop over a pure value that fills the body's own containers.
        if (c.type === 'for_statement') {
          const left = c.childForFieldName('left');
          const right = c.childForFieldName('right');
          const loopBody = c.childForFieldName('body');
          if (!left || !right || !loopBody || c.childForFieldName('alternative') !== null || !this.isPureExpr(right, names, free)) return false;
          for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) if (id) names.add(id.text);
          loops++;
          const filled = statements(loopBody);
          loops--;
          if (!filled) return false;
          continue;
        }
        if (c.type !== 'expression_statement' || c.namedChildCount !== 1) return false;
        const a = c.namedChildren[0];
        if (a?.type === 'call') {
          const fn = a.childForFieldName('function');
          const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
          const args = a.childForFieldName('arguments');
          // (Not one already published: `_cache[k] = value` then `value.add(x)` fills it where other threads see it.)
          if (receiver?.type !== 'identifier' || !locals.has(receiver.text) || publishedLocals.has(receiver.text) || !LOCAL_FILL_METHODS.has(fn!.childForFieldName('attribute')?.text ?? '') || args?.type !== 'argument_list') return false;
          if (!args.namedChildren.every((x) => x === null || x.type === 'comment' || (x.type !== 'keyword_argument' && x.type !== 'list_splat' && x.type !== 'dictionary_splat' && this.isPureExpr(x, names, free)))) return false;
          continue;
        }
        if (a?.type !== 'assignment') return false;
        // `r = _cache[k] = value`: every target of the chain gets the value.
        const right = innermostValue(a);
        if (!right || !this.isPureExpr(right, names, free)) return false;
        let stores = false;
        for (let link: Node | null = a; link?.type === 'assignment'; link = link.childForFieldName('right')) {
          const left = link.childForFieldName('left');
          if (!left) return false;
          if (left.type === 'identifier') names.add(left.text);
          const shared = left.type === 'identifier' ? scope.globals.has(left.text) || scope.nonlocals.has(left.text) : keyed !== null && left.equals(keyed);
          if (left.type === 'identifier' && !shared) locals.add(left.text);
          // (`value[k] = v` on a container of the body's own, not yet published.)
          const ownItem = left.type === 'subscript' && left.childForFieldName('value')?.type === 'identifier' && locals.has(left.childForFieldName('value')!.text) && !publishedLocals.has(left.childForFieldName('value')!.text) &&
            left.childrenForFieldName('subscript').every((k) => k === null || this.isPureExpr(k, names, free));
          if (left.type !== 'identifier' && !shared && !ownItem) return false;
          // `_members[group] = []`: an empty container is published to be filled afterwards, and a thread
          // that races here replaces one another thread has begun to fill (its items are lost). So is an
          // entry that starts a list or set (`subs = _subs[k] = [k]`): the caller adds to it next.
          if (shared && (isEmptyContainer(right) || (keyed !== null && (right.type === 'list' || right.type === 'set')))) return false;
          // (Not a store of shared state in the loop: entry after entry, where other threads see each.)
          if (shared && loops > 0) return false;
          if (shared) stores = true;
          if (shared && right.type === 'identifier') publishedLocals.add(right.text);
        }
        if (stores) lastShared = c;
      }
      return true;
    };
    if (!statements(block) || lastShared === null) return false;
    if (lastShared.equals(stmt)) return true;
    // An earlier write of the same body (`_a85chars` before `_a85chars2`): pure too when the last
    // write is what the `if` tests, so a thread that passes the test sees this one done as well.
    const published = lastShared.namedChildren[0]?.childForFieldName('left');
    const test = at.owner === 'except_clause' ? (block.parent?.parent?.namedChildren.find((c) => c?.type === 'block') ?? null) : block.parent?.childForFieldName('condition');
    return published?.type === 'identifier' && test != null && test.descendantsOfType('identifier').some((id) => id?.text === published.text);
  }

  /**
   * `D[k] = D.get(k, v)` (`k` a name or a tuple of names, as purePublication() takes it) where `v` is
   * computed from `k` and constants alone: the entry already there, or a value every thread computes
   * equal, so it is a lazy initialisation of the entry (check-then-act), not an update that is lost.
   * The Access.detail of that store (PURE_KEYED), else null.
   */
  private getOrPureDefault(chain: string, target: Node, value: Node): string | null {
    if (value.type !== 'call') return null;
    const fn = value.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get' || chainOf(fn.childForFieldName('object')) !== chain) return null;
    const args = value.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    const keys = target.childrenForFieldName('subscript').filter((k): k is Node => k !== null);
    if (args.length !== 2 || keys.length !== 1 || args[0].type === 'keyword_argument' || args[1].type === 'keyword_argument' || args[0].text !== keys[0].text) return null;
    const parts = keyNames(keys);
    if (parts === null) return null;
    const names = new Set(parts);
    // (Not an empty container or a new list to be filled next: `D[k] = D.get(k, [])` then `D[k].append(x)`.)
    // (Nor any new container, `set([k])`, `[c for c in k]`: whichever a thread stores, another may have filled the one it replaced.)
    if (isEmptyContainer(args[1]) || MUTABLE_RESULT.has(args[1].type) || (args[1].type === 'call' && /^(list|set|dict|bytearray)$/.test(args[1].childForFieldName('function')?.text ?? ''))) return null;
    const free = new Set<string>();
    return this.isPureExpr(args[1], names, free) ? pureDetail(PURE_KEYED, free, args[1]) : null;
  }

  /** An expression whose value depends only on constants and on `names` (see purePublication). */
  private isPureExpr(node: Node, names: Set<string>, free: Set<string>): boolean {
    if (isLiteral(node)) return true;
    switch (node.type) {
      case 'identifier':
        return names.has(node.text) || this.freeName(node.text, free);
      case 'concatenated_string':
      case 'parenthesized_expression':
      case 'tuple':
      case 'list':
      case 'set':
      case 'expression_list':
      case 'dictionary':
      case 'pair':
      case 'binary_operator':
      case 'boolean_operator':
      case 'comparison_operator':
      case 'not_operator':
      case 'unary_operator':
      case 'conditional_expression':
      case 'subscript':
      case 'slice':
        return node.namedChildren.every((c) => c === null || c.type === 'comment' || this.isPureExpr(c, names, free));
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        const inner = new Set(names);
        for (const c of node.namedChildren) {
          if (c?.type !== 'for_in_clause') continue;
          const left = c.childForFieldName('left');
          if (!left) return false;
          for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) if (id) inner.add(id.text);
        }
        return node.namedChildren.every((c) => {
          if (c === null || c.type === 'comment') return true;
          if (c.type === 'for_in_clause') {
            const right = c.childForFieldName('right');
            return right !== null && this.isPureExpr(right, inner, free);
          }
          if (c.type === 'if_clause') return c.namedChildren.every((x) => x === null || this.isPureExpr(x, inner, free));
          return this.isPureExpr(c, inner, free);
        });
      }
      case 'attribute':
        // Django settings, `re` flags (`re.IGNORECASE`) and `string` constants.
        return this.isSettingsRead(node) || this.isConstantExpr(node);
      case 'call': {
        const fn = node.childForFieldName('function');
        const args = node.childForFieldName('arguments');
        // `tuple(int(p) for p in parts)`: the generator expression is the argument list itself.
        if (!fn || (args?.type !== 'argument_list' && args?.type !== 'generator_expression')) return false;
        let callee = false;
        // `escape(term)` after `from re import escape`: the library function, not a module-level name of this file.
        // (`XPath(spec)` after `from lxml.etree import XPath`: idempotent calls too.)
        if (fn.type === 'identifier') callee = (PURE_BUILTINS.has(fn.text) && this.freeName(fn.text, free)) || (this.moduleImports.has(fn.text) && (PURE_FUNCTIONS.has(this.canonicalHere(fn.text)) || IDEMPOTENT_CALLS.has(this.canonicalHere(fn.text))));
        else if (fn.type === 'attribute' && (IDEMPOTENT_CALLS.has(this.canonicalHere(chainOf(fn) ?? '')) || PURE_FUNCTIONS.has(this.canonicalHere(chainOf(fn) ?? '')))) callee = true;
        else if (fn.type === 'attribute') {
          const object = fn.childForFieldName('object');
          const method = fn.childForFieldName('attribute')?.text ?? '';
          callee = object !== null && PURE_METHODS.has(method) &&
            ((object.type === 'identifier' && PURE_CLASSES.has(object.text) && this.freeName(object.text, free)) || this.isPureExpr(object, names, free));
          // `hashlib.sha1(key.encode()).hexdigest()`: the digest of pure data, taken at once.
          if (!callee && object?.type === 'call' && (method === 'hexdigest' || method === 'digest')) {
            const made = chainOf(object.childForFieldName('function'));
            const hashArgs = object.childForFieldName('arguments');
            callee = made !== null && HASH_CONSTRUCTORS.has(this.canonicalHere(made)) && hashArgs?.type === 'argument_list' &&
              hashArgs.namedChildren.every((a) => a === null || a.type === 'comment' || (a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat' && this.isPureExpr(a, names, free)));
          }
        }
        if (args.type === 'generator_expression') return callee && this.isPureExpr(args, names, free);
        return callee && args.namedChildren.every((a) => {
          if (a === null || a.type === 'comment') return true;
          if (a.type === 'keyword_argument') {
            const v = a.childForFieldName('value');
            return v !== null && this.isPureExpr(v, names, free);
          }
          return a.type !== 'list_splat' && a.type !== 'dictionary_splat' && this.isPureExpr(a, names, free);
        });
      }
      default:
        return false;
    }
  }

  /**
   * A name the function does not bind (no local, parameter, import or `global`): a module-level
   * name or a builtin, added to `free`. Whether it is a constant (a literal never rebound at run
   * time) or the builtin is decided by the cross-file pass (`Workspace.idempotentStored`), which
   * sees every file; deciding it here would make a function's walk depend on the rest of the
   * module, which the function-body memo does not key on.
   */
  private freeName(name: string, free: Set<string>): boolean {
    for (let s = this.scope; s; s = s.parent) {
      if (s.assigned.has(name) || s.params.has(name) || s.imports.has(name) || s.globals.has(name) || s.nonlocals.has(name)) return false;
    }
    free.add(name);
    return true;
  }

  /**
   * When the assignment sits in the body of an `if` (a lazy initialisation),
   * that body does nothing else: imports, `global`, and assignments of
   * constants. Other work there (registering a hook, opening a file) would be
   * repeated by threads that race past the test, which is the hazard.
   */
  private onlyCompilesHere(target: Node): boolean {
    const at = enclosingBlock(target);
    if (!at || (at.owner !== 'if_statement' && at.owner !== 'elif_clause' && at.owner !== 'else_clause')) return true;
    return at.block.namedChildren.every((c) => {
      if (!c) return true;
      switch (c.type) {
        case 'comment':
        case 'pass_statement':
        case 'import_statement':
        case 'import_from_statement':
        case 'global_statement':
        case 'nonlocal_statement':
          return true;
        case 'expression_statement': {
          const a = c.namedChildren[0];
          const right = a?.type === 'assignment' ? innermostValue(a) : null;
          return right !== null && (this.isConstantExpr(right) || this.constantCallee(right) !== null);
        }
        default:
          return false;
      }
    });
  }

  /**
   * `_thread.get_ident()`, `threading.get_ident()`, `threading.get_native_id()`,
   * `threading.current_thread()` (the `Thread` object, hashed by identity) or its `.ident` /
   * `.native_id`: the calling thread's identity.
   */
  private isThreadId(value: Node): boolean {
    if (value.type === 'attribute') {
      const object = value.childForFieldName('object');
      return object !== null && THREAD_ID_ATTRS.has(value.childForFieldName('attribute')?.text ?? '') && this.isThreadId(object);
    }
    if (value.type !== 'call') return false;
    const callee = chainOf(value.childForFieldName('function'));
    // The written name too: importlib._bootstrap gets `_thread` injected rather than imported.
    if (callee !== null && this.identityGetters.has(callee) && !this.isLocalName(callee)) return true;
    if (callee === null) return false;
    const canonical = THREAD_ID_CALLS.has(callee) ? callee : this.canonicalHere(callee);
    if (!THREAD_ID_CALLS.has(canonical)) return false;
    // (Python 2's names without arguments only: `thread.get_ident(request)` of an app's own `thread` module is something else.)
    return !PY2_THREAD_IDS.has(canonical) || (value.childForFieldName('arguments')?.namedChildCount ?? 0) === 0;
  }

  /**
   * `weakref.ref(obj, callback)` (or `WeakMethod`): a new reference each call, a member no other
   * caller adds or drops (without a callback CPython may hand every caller the same one). Equal
   * to any other reference to the same object, so not a key of its own for item stores.
   */
  private isWeakRefCall(value: Node): boolean {
    if (value.type !== 'call') return false;
    const callee = chainOf(value.childForFieldName('function'));
    if (callee === null || (!callee.endsWith('ref') && !callee.endsWith('WeakMethod'))) return false;
    const made = this.canonicalHere(callee);
    return (made === 'weakref.ref' || made === 'weakref.WeakMethod') && (value.childForFieldName('arguments')?.namedChildren.filter((a) => a !== null && a.type !== 'comment').length ?? 0) >= 2;
  }

  /** Whether every `return` of a body (outside nested functions) gives the caller's thread or task identity, or `None`, and one does. */
  private returnsIdentity(body: Node): boolean {
    let identity = false;
    for (const value of returnValues(body)) {
      if (value === null || value.type === 'none') continue;
      if (!this.isThreadId(value)) return false;
      identity = true;
    }
    return identity;
  }

  /** A module-level `weakref.WeakKeyDictionary()` or `WeakSet()` of this file (its binding is part of the memo key, bindName()). */
  /**
   * A module-level cachetools cache of this file whose reads change it (READ_CHANGING_CACHES; its
   * binding is part of the memo key, memoMark()): whether `len()` changes it too, or undefined.
   */
  private readChangingCache(chain: string): boolean | undefined {
    if (this.scope === null || chain.indexOf('.') >= 0 || this.isLocalName(chain)) return undefined;
    const value = this.moduleDefs.get(chain)?.value;
    return value?.k === 'rawcall' ? READ_CHANGING_CACHES.get(this.canonical(value.chain)) : undefined;
  }

  private isWeakContainer(chain: string): boolean {
    if (chain.indexOf('.') >= 0 || this.isLocalName(chain)) return false;
    const value = this.moduleDefs.get(chain)?.value;
    return value?.k === 'rawcall' && WEAK_CONTAINERS.has(this.canonical(value.chain));
  }

  /**
   * The request object being served, as an object: the handler's `request` (or `environ`)
   * parameter, `self.request`, or Flask's `request._get_current_object()`. Not data read from it.
   */
  private isRequestObject(node: Node): boolean {
    const scope = this.scope;
    if (scope === null) return false;
    if (node.type === 'identifier') return REQUEST_PARAMS.has(node.text) && scope.params.has(node.text) && !scope.assigned.has(node.text) && scope.tainted.has(node.text);
    if (node.type === 'attribute') return scope.selfName !== '' && node.text === `${scope.selfName}.request`;
    if (node.type !== 'call') return false;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== '_get_current_object') return false;
    const object = chainOf(fn.childForFieldName('object'));
    return object !== null && REQUEST_GLOBALS.has(this.canonicalHere(object));
  }

  /** `d[tid]` where the key is the calling thread's identity: each thread touches only its own entry. */
  private threadKeyed(subscript: Node): boolean {
    // `d[name, get_ident()]` is a tuple key too.
    const keys = subscript.childrenForFieldName('subscript').filter((k): k is Node => k !== null);
    const container = chainOf(subscript.childForFieldName('value')) ?? '';
    return keys.some((k) => this.isThreadKey(k, container));
  }

  /** A key unique to the calling thread: its identity, a local holding it, or a tuple with one of those in it. */
  private isThreadKey(key: Node, container = '', membership = false): boolean {
    // `_notes[request._get_current_object()]` on a module-level `WeakKeyDictionary` (or `WeakSet`): the
    // request being served, one caller's own entry, gone with the request. (A plain dict keeps the request.)
    const weak = container !== '' && this.isWeakContainer(container);
    if (key.type === 'identifier') {
      // (Also, in a weak container, any object the function is given: its entry is as much the object's own
      // as an attribute set on it, `obj.x = v`, which is not reported either; it goes with the object.)
      return (this.scope?.threadIds.has(key.text) ?? false) || (weak && (this.isRequestObject(key) || this.isGivenObject(key.text))) ||
        (this.isOwnInstance(key.text) && (membership || CONSTRUCTION_METHODS.has(this.functions[this.scope!.fn].name))) ||
        (membership && (this.scope?.ownKeys.has(key.text) ?? false));
    }
    if (membership && key.type === 'call' && this.isWeakRefCall(key)) return true;
    if (weak && (key.type === 'attribute' || key.type === 'call') && this.isRequestObject(key)) return true;
    if (key.type === 'tuple' || key.type === 'expression_list' || key.type === 'parenthesized_expression') return key.namedChildren.some((c) => c !== null && this.isThreadKey(c));
    return this.isThreadId(key);
  }

  /**
   * `notes = _notes.setdefault(request, {})` on a module-level WeakKeyDictionary: the entry of an
   * object the function was given (isThreadKey()), which goes with it; not an entry other callers share.
   */
  private ownWeakEntry(container: string, key: Node | null): boolean {
    return key !== null && key.type !== 'keyword_argument' && this.isWeakContainer(container) && this.isThreadKey(key, container);
  }

  /**
   * A request or response the function was given, not rebound in it (`def base_url(response):`,
   * Scrapy's `fingerprint(request)`): one object per exchange. (Not any parameter: a class, an
   * application or an engine every thread passes in is one key for all of them.)
   */
  private isGivenObject(name: string): boolean {
    const scope = this.scope;
    return scope !== null && EXCHANGE_PARAMS.has(name) && scope.params.has(name) && !scope.assigned.has(name) && !this.functions[scope.fn].isClassMethod;
  }

  /**
   * `self` in a method (not a class method's `cls`), not rebound: `_live.add(self)`,
   * `_loops[self] = ...`: the entry of the object the method runs on, as `self.x` is its own
   * attribute (in `__init__`, an object no other thread has seen yet).
   */
  private isOwnInstance(name: string): boolean {
    const scope = this.scope;
    return scope !== null && scope.cls >= 0 && scope.selfName === name && scope.params.has(name) && !this.functions[scope.fn].isClassMethod && !scope.assigned.has(name);
  }

  /**
   * The canonical callee of `re.compile(...)` or `logging.getLogger(...)` (equal or identical
   * results for equal arguments) when all its arguments are constant expressions, else null.
   */
  private constantCallee(value: Node): string | null {
    if (value.type !== 'call') return null;
    const chain = chainOf(value.childForFieldName('function'));
    const callee = chain ? this.canonicalHere(chain) : '';
    if (!IDEMPOTENT_CALLS.has(callee)) return null;
    const args = (value.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
    const constant = args.length > 0 && args.every((a) => {
      const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      return v !== null && this.isConstantExpr(v);
    });
    return constant ? callee : null;
  }

  /** Literals (no f-string interpolation), `re` flags and `string` module constants, combined with operators. */
  private isConstantExpr(node: Node): boolean {
    if (isLiteral(node)) return true;
    switch (node.type) {
      case 'concatenated_string':
      case 'parenthesized_expression':
        return node.namedChildren.every((c) => c === null || c.type === 'comment' || this.isConstantExpr(c));
      case 'identifier':
        return node.text === '__name__';
      // `logging.LoggerAdapter(logging.getLogger("app"), {"svc": "api"})`: an idempotent call of constants, and a dict of them.
      case 'call':
        return this.constantCallee(node) !== null;
      case 'dictionary':
        return node.namedChildren.every((c) => {
          if (c === null || c.type === 'comment') return true;
          if (c.type !== 'pair') return false;
          const k = c.childForFieldName('key');
          const v = c.childForFieldName('value');
          return k !== null && v !== null && this.isConstantExpr(k) && this.isConstantExpr(v);
        });
      case 'binary_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        return left !== null && right !== null && this.isConstantExpr(left) && this.isConstantExpr(right);
      }
      case 'attribute': {
        const chain = chainOf(node);
        const canonical = chain ? this.canonicalHere(chain) : '';
        return /^re\.[A-Z_]+$/.test(canonical) || /^string\.[a-z_]+$/.test(canonical) || canonical.startsWith('django.conf.settings.');
      }
      case 'subscript': {
        // `settings.URL_PATTERNS["home"]`
        const value = node.childForFieldName('value');
        return value !== null && this.isSettingsRead(value) && node.childrenForFieldName('subscript').every((k) => k !== null && this.isConstantExpr(k));
      }
      default:
        return false;
    }
  }

  /**
   * `settings.X` of Django's settings: fixed once the process has started (Django's documentation:
   * settings must not be changed at run time; TL009 reports code that does), so every thread
   * reads the same value.
   */
  private isSettingsRead(node: Node): boolean {
    const chain = node.type === 'attribute' ? chainOf(node) : null;
    return chain !== null && this.canonicalHere(chain).startsWith('django.conf.settings.');
  }

  /**
   * A name or attribute chain whose first name an import inside this function binds (a lazy import:
   * `from ._impl import getchar as f`, `import ftplib` then `ftplib.all_errors`). Module-level
   * imports do not count: `_saved = warnings.showwarning` reads state that other code changes.
   */
  private isImportedValue(value: Node): boolean {
    const type = value.type;
    if (type === 'call') return this.isDynamicImport(value);
    if (type !== 'identifier' && type !== 'attribute') return false;
    const chain = chainOf(value, type);
    if (chain === null) {
      // stevedore's `driver.DriverManager(namespace, name).driver` without `invoke_on_load=True`: the plugin
      // class the entry point names, loaded as an import is, the same object for every thread.
      if (this.stevedorePluginClass(value)) return true;
      // `__import__("google.appengine.ext.db").appengine.ext.db`: the top package, then the module in it.
      let object: Node | null = value;
      while (object !== null && object.type === 'attribute') object = object.childForFieldName('object');
      return object !== null && object.type === 'call' && this.isDynamicImport(object);
    }
    const base = splitChain(chain)[0];
    for (let s = this.scope; s; s = s.parent) {
      if (s.imports.has(base)) return true;
      if (s.assigned.has(base) || s.params.has(base)) return false;
    }
    return false;
  }

  /**
   * `signal.signal(signal.SIGINT, handler)`: Python runs signal handlers on the main thread only.
   * A function defined in the same function body, or (at module level) a module-level function;
   * not a module-level function registered from inside a function, whose walk may be replayed
   * from the memo without this call.
   */
  private noteSignalHandler(args: Node): void {
    const given = args.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment');
    const handler = given[1];
    // `signal.signal(signal.SIGHUP, self.handle_hup)` in a method: that method of the class (marked once the file is walked).
    if (handler?.type === 'attribute' && this.scope !== null && this.scope.cls >= 0 && this.scope.selfName !== '' && handler.childForFieldName('object')?.text === this.scope.selfName) {
      const method = handler.childForFieldName('attribute')?.text;
      if (method) this.signalHandlers.push(`${SELF_HANDLER}${this.scope.cls}.${method}`);
      return;
    }
    if (handler?.type !== 'identifier') return;
    if (this.scope === null) {
      // Judged once the file is walked, like a handler installed from a function.
      this.signalHandlers.push(handler.text);
      return;
    }
    const scope = this.scope;
    // `def _install(sig, handler): signal.signal(sig, handler)`: what this file's calls of the helper
    // give it there is a handler too (`_install(SIGTERM, _on_term)`), marked once the file is walked.
    if (scope.params.has(handler.text) && scope.parent === null && scope.cls < 0 && !scope.assigned.has(handler.text) && this.onlyMention(scope, handler.text)) {
      this.signalHandlers.push(`${this.functions[scope.fn].name}#${[...scope.params].indexOf(handler.text)}`);
      return;
    }
    const nested = this.localFunction(handler.text);
    if (nested >= 0) this.functions[nested].mainThreadOnly = true;
    // A module-level handler installed from a function (`def install(): signal.signal(SIGHUP, _on_hup)`):
    // Python runs it on the main thread all the same. Marked once the file is walked.
    else if (!this.isLocalName(handler.text)) this.signalHandlers.push(handler.text);
  }

  /**
   * Whether the file imports package `top` (above this point, at module level): only then is a
   * `(req, resp)` function Falcon request code here (a Falcon resource module that does not import
   * Falcon still makes its class a resource in the cross-file pass, FunctionInfo.reqResp), an
   * `@app.callback` a Dash callback, an `(x, request, queryset)` function a Django admin action.
   */
  private importsPackage(top: string): boolean {
    for (const target of this.moduleImports.values()) if (target === top || target.startsWith(`${top}.`)) return true;
    return false;
  }

  /**
   * FunctionInfo.runsLoop: a call of its own body (not of a function or lambda defined in it, nor
   * text in a docstring) that runs an event loop for good: `loop.run_forever()`, or Twisted's
   * `reactor.run()` or `react(main)` in a file that imports them from `twisted.internet`.
   */
  private runsLoopForGood(body: Node): boolean {
    this.loopRunText ??= mentionsLoopRun(this.input.source);
    if (!this.loopRunText) return false;
    const src = this.input.source;
    const text = src.slice(body.startIndex, body.endIndex);
    if (!mentionsLoopRun(text)) return false;
    const twisted = /^\s*(from\s+twisted\.internet(\.task)?\s+import\b[^\n]*\b(reactor|react|task)\b|import\s+twisted\.internet\.(reactor|task)\b)/m.test(src);
    const stack: Node[] = [body];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') continue;
      if (n.type === 'call') {
        const callee = chainOf(n.childForFieldName('function')) ?? '';
        const args = n.childForFieldName('arguments');
        const none = args !== null && args.namedChildren.every((c) => c === null || c.type === 'comment');
        if (callee.endsWith('.run_forever') && none) return true;
        if (twisted && ((callee === 'reactor.run' && none) || callee === 'react' || callee === 'task.react')) return true;
      }
      for (const c of n.namedChildren) if (c !== null) stack.push(c);
    }
    return false;
  }

  /** Whether the file mentions the main thread at all (leavesOffMainThread() is looked for only then). */
  private mentionsMainThread(): boolean {
    // (Plain substring searches: this runs on every analysis of a document, over its whole text.)
    this.mainThreadText ??= this.input.source.includes('main_thread') || this.input.source.includes('MainThread');
    return this.mainThreadText;
  }

  /** A tuple of imported objects (`tuple(import_string(p) for p in PANELS)`, or a local holding one): IMPORTED_LIST. */
  private isImportedList(value: Node): boolean {
    if (value.type === 'call' && COLLECTION_BUILDERS.has(chainOf(value.childForFieldName('function')) ?? '')) return true;
    if (value.type !== 'identifier') return false;
    for (let s = this.scope; s; s = s.parent) {
      const target = s.imports.get(value.text);
      if (target !== undefined) return target === DYNAMIC_IMPORT_LIST;
    }
    return false;
  }

  /** `importlib.import_module(...)`, `__import__(...)`, or `getattr(m, ...)` of an imported module. */
  private isDynamicImport(value: Node): boolean {
    // `tuple(import_string(p) for p in PANELS)`: a tuple of imported objects, equal for every thread.
    // (Not a list or a dict: code may add to it later, and a thread that passed the test replaces it.)
    if (value.type === 'generator_expression') {
      const body = value.childForFieldName('body');
      return body !== null && body.type === 'call' && this.isDynamicImport(body);
    }
    if (value.type !== 'call') return false;
    const chain = chainOf(value.childForFieldName('function'));
    // `tuple(import_string(p) for p in X)`, `frozenset(...)`, `tuple(map(import_string, X))`.
    if (chain !== null && COLLECTION_BUILDERS.has(chain) && !this.isLocalName(chain) && !this.moduleDefs.has(chain)) {
      // (`list(f(p) for p in X)`: the generator is the call's arguments.)
      const args = value.childForFieldName('arguments');
      const first = args?.type === 'generator_expression' ? args : args?.namedChildren.find((a) => a !== null && a.type !== 'comment' && a.type !== 'keyword_argument');
      if (!first) return false;
      if (first.type === 'generator_expression') return this.isDynamicImport(first);
      if (first.type === 'call' && chainOf(first.childForFieldName('function')) === 'map' && !this.isLocalName('map') && !this.moduleDefs.has('map')) {
        const fn = first.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
        const name = fn ? chainOf(fn) : null;
        const canonical = name !== null ? this.canonicalHere(name) : '';
        return name === '__import__' || canonical === 'importlib.import_module' || canonical === 'django.utils.module_loading.import_string';
      }
      return false;
    }
    if (chain === '__import__' || (chain !== null && chain.endsWith('import_module') && this.canonicalHere(chain) === 'importlib.import_module')) return true;
    // Django's `import_string("pkg.mod.Name")`: `import_module` and `getattr` in one call; the same in
    // Werkzeug, and oslo.utils' `import_class`/`import_module` (OpenStack's drivers).
    if (chain !== null && /(import_(string|class|module)|try_import)$/.test(chain) && IMPORT_HELPERS.has(this.canonicalHere(chain))) return true;
    if (chain !== 'getattr') return false;
    const first = value.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
    return first !== undefined && first !== null && this.isImportedValue(first);
  }

  /** Whether the first name of a chain is bound by an import (module-level or in an enclosing function). */
  private isImportedBase(base: string): boolean {
    if (this.moduleImports.has(base)) return true;
    for (let s = this.scope; s; s = s.parent) if (s.imports.has(base)) return true;
    return false;
  }

  /** True when a chain read here is (part of) a framework request global, e.g. `flask.request.args`. */
  private isRequestGlobal(chain: string): boolean {
    if (!this.isImportedBase(splitChain(chain)[0])) return false;
    const canonical = this.canonicalHere(chain);
    for (const g of REQUEST_GLOBALS) {
      if (canonical === g || canonical.startsWith(`${g}.`)) {
        if (this.scope) this.functions[this.scope.fn].isRequest = true;
        return true;
      }
    }
    return false;
  }

  private qualname(name: string): string {
    if (this.classBody >= 0 && !this.scope) return `${this.classes[this.classBody].qualname}.${name}`;
    if (this.scope) return `${this.functions[this.scope.fn].qualname}.<locals>.${name}`;
    return name;
  }

  private visitClass(node: Node, _decorators: Node[]): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<class>';
    const bases: string[] = [];
    let metaclass: string | null = null;
    const superclasses = node.childForFieldName('superclasses');
    for (const b of superclasses?.namedChildren ?? []) {
      if (!b || b.type === 'keyword_argument') {
        if (b?.childForFieldName('name')?.text === 'metaclass') metaclass = chainOf(b.childForFieldName('value'));
        if (b) this.visitExpr(b);
        continue;
      }
      const chain = chainOf(b);
      if (chain) bases.push(chain);
      // `class _Threadlocal(__import__("_thread")._local)` (gevent's way past its own monkey-patching).
      else if (b.type === 'attribute' && b.childForFieldName('attribute')?.text === '_local' && /^__import__\(\s*(['"](_?thread)['"]|\w*thread\w*)\s*\)$/.test(b.childForFieldName('object')?.text ?? '')) bases.push('_thread._local');
      // `class PostManager(models.Manager.from_queryset(PostQuerySet))`: a subclass of the manager class.
      else if (b.type === 'call') {
        const made = chainOf(b.childForFieldName('function'));
        if (made !== null && made.endsWith('.from_queryset')) bases.push(made.slice(0, -'.from_queryset'.length));
        // `class Session(six.with_metaclass(Singleton, object))`: made with that metaclass.
        else if (made !== null && made.endsWith('with_metaclass')) metaclass = metaclassArgument(b) ?? metaclass;
      }
      if (!this.scope && chain) this.pend(chain, { ref: { from: 'escape', call: undefined, deferred: undefined } });
      else this.visitExpr(b);
    }
    // `@six.add_metaclass(Singleton)`: the class is made again with that metaclass.
    // `@dataclass(frozen=True)`, `@attr.s(frozen=True)`, `@attrs.frozen`: instances that refuse attribute stores (ClassInfo.frozen).
    let frozen = bases.some((b) => FROZEN_BASES.has(this.canonical(b)));
    for (const d of _decorators) {
      const call = d.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      if (call?.type === 'call' && chainOf(call.childForFieldName('function'))?.endsWith('add_metaclass')) metaclass = metaclassArgument(call) ?? metaclass;
      const made = call?.type === 'call' ? chainOf(call.childForFieldName('function')) : chainOf(call);
      if (made === null) continue;
      const canonical = this.canonical(made);
      if (FROZEN_DECORATORS.has(canonical)) frozen = true;
      else if (call?.type === 'call' && FROZEN_OPTION_DECORATORS.has(canonical) && call.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'frozen' && a.childForFieldName('value')?.text === 'True')) frozen = true;
    }
    const index = this.classes.length;
    // Every field present, the optional ones as undefined: one object shape for all classes (as for functions).
    this.classes.push({
      qualname: this.qualname(name),
      span: spanOf(nameNode ?? node),
      bases: [],
      frozen: undefined,
      metaclass: undefined,
      attrs: names(),
      methods: names(),
      instanceAttrs: names(),
      takesGetResponse: false,
      pyramidTween: false,
      wsgiMiddleware: 0,
      asgiCall: undefined,
      crawlerComponent: undefined,
      newSingleton: false,
      sharedDict: undefined,
      guardedInit: false,
      selfCalls: [],
      classVars: [],
      setupCalls: [],
      fieldSetupCalls: [],
      fieldSetupClosures: [],
      forwardsTo: undefined,
      getattrMakes: undefined,
      hookCalls: [],
      reusesInstance: false,
    });
    this.rawClassBases.push(this.scope ? [] : bases);
    // (Module and class level only, as the bases: a class made in a function is not followed.)
    if (!this.scope && metaclass !== null) this.classes[index].metaclass = metaclass;
    if (!this.scope && frozen) this.classes[index].frozen = true;
    this.rawClassAttrs.push([]);
    this.rawInstanceAttrs.push([]);
    if (nameNode) this.bindName(name, spanOf(nameNode), { k: 'class', cls: index });
    const saved = this.classBody;
    const savedScope = this.scope;
    // A class body runs once, when the class statement runs; its names are not visible in methods.
    this.classBody = index;
    // `register = classmethod(register)` after `def register(cls, ...)` (Python 2's idiom): known before the
    // method is walked, which then runs as a decorated one would (its memo key says so too).
    for (const c of node.childForFieldName('body')?.namedChildren ?? []) {
      const a = c?.type === 'expression_statement' ? c.namedChildren[0] : null;
      const right = a?.type === 'assignment' ? a.childForFieldName('right') : null;
      const left = a?.childForFieldName('left');
      const kind = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
      const args = right?.childForFieldName('arguments')?.namedChildren.filter((x) => x !== null && x.type !== 'comment') ?? [];
      if ((kind === 'classmethod' || kind === 'staticmethod') && left?.type === 'identifier' && args.length === 1 && args[0]!.type === 'identifier' && args[0]!.text === left.text) {
        let aliases = this.methodAliases.get(index);
        if (!aliases) this.methodAliases.set(index, (aliases = new Map()));
        aliases.set(left.text, kind);
      }
    }
    if (this.scope) {
      // A class inside a function: walk its body in a throwaway scope so its names stay local.
      const s = this.scope;
      this.scope = newScope({
        fn: s.fn,
        bodyStart: s.bodyStart,
        bodyEnd: s.bodyEnd,
        firstMentions: s.firstMentions,
        awaitAt: -1,
        awaitSearched: s.bodyStart,
        assigned: new Set(),
        params: s.params,
        globals: s.globals,
        nonlocals: s.nonlocals,
        imports: new Map(),
        pending: [],
        selfName: s.selfName,
        cls: s.cls,
        boundTask: s.boundTask,
        mutableDefaults: s.mutableDefaults,
        emptyDefaults: s.emptyDefaults,
        tainted: s.tainted,
        threadIds: s.threadIds,
        ownKeys: s.ownKeys,
        lookups: new Map(),
        mutableLocals: new Map(),
        numberLocals: new Map(),
        origins: new Map(),
        tested: s.tested,
        results: new Map(),
        aliases: new Map(),
        entryAliases: new Set(),
        choices: new Map(),
        copies: new Map(),
        replaced: new Map(),
        lockLocals: new Set(),
        returnsLock: 0,
        returnedName: '',
        returnedParam: MIXED_RETURNS,
        parent: s.parent,
      });
    }
    const body = node.childForFieldName('body');
    if (body) this.visitBlock(body);
    if (savedScope && this.scope) {
      for (const p of this.scope.pending) savedScope.pending.push(p);
    }
    this.scope = savedScope;
    this.classBody = saved;
  }

  private visitIf(node: Node): void {
    const condition = node.childForFieldName('condition');
    // `if sys.version_info < (3,):` / `if six.PY2:`: a branch no Python 3 runs is not walked.
    const test = condition !== null ? this.input.source.slice(condition.startIndex, condition.endIndex) : '';
    const fixed = test.includes('version_info') || test.includes('PY') ? this.versionTest(condition) : null;
    if (fixed !== null) {
      this.visitVersionBranches(node, fixed);
      return;
    }
    const main = this.isMainGuard(condition);
    // What locals stood for before the `if` (Scope.results, Scope.aliases).
    let start: Flow | null = null;
    // A try-lock whose `else:` leaves: noted for the rest of the block once the arms are walked (Collector.triedAfter).
    let triedAfter: string | null = null;
    // Each arm of the `if` by its place in the function (Access.arm): one call runs one of them.
    const armOf = this.scope !== null && !main ? `${node.startIndex - this.scope.bodyStart}:` : null;
    const check = this.collectCheck(condition, node);
    const consequence = node.childForFieldName('consequence');
    const alternatives = node.namedChildren.some((c) => c?.type === 'elif_clause' || c?.type === 'else_clause');
    // `if lock.acquire(timeout=2):` holds the lock in its body; `if not lock.acquire(blocking=False): return`
    // holds it in the rest of the enclosing block.
    const conditionType = condition?.type;
    const tryLock =
      condition && (conditionType === 'call' || conditionType === 'not_operator') && this.input.source.slice(condition.startIndex, condition.endIndex).includes('acquire(')
        ? triedLock(condition)
        : condition && this.scope?.acquiredLocals !== undefined ? this.triedThroughLocal(condition) : null;
    if (main) {
      const saved = this.inMain;
      this.inMain = true;
      if (consequence) this.visitBlock(consequence);
      this.inMain = saved;
    } else if (tryLock && !tryLock.negated && consequence) {
      this.checks.push(check);
      const key = this.lockKey(tryLock.chain);
      // A try-lock on a lock already held fails or times out rather than deadlocking: not a re-entry (TL010),
      // here or in a caller that holds it (`if self._mutex.acquire(False):` in a helper paho's callbacks call).
      const nonBlocking = nonBlockingAcquire(condition!);
      const timed = timedAcquire(condition!);
      if (!this.held.includes(key)) this.noteAcquire(key, condition!, nonBlocking, timed);
      // Back to the locks held before, whether or not the body released this one (an outer
      // `with` of the same RLock stays held).
      const heldBefore = this.held.length;
      const triedBefore = this.tried.length;
      this.held.push(key);
      if (nonBlocking || timed) this.tried.push(key);
      this.visitBlock(consequence);
      this.held.length = Math.min(this.held.length, heldBefore);
      this.tried.length = triedBefore;
      // `if L.acquire(False): L.release()` / `else: return`: what follows runs only once the try-lock succeeded.
      if (alternatives && (nonBlocking || timed)) {
        const alts = node.namedChildren.filter((c) => c?.type === 'elif_clause' || c?.type === 'else_clause');
        const otherwise = alts.length === 1 && alts[0]!.type === 'else_clause' ? alts[0]!.childForFieldName('body') : null;
        if (otherwise !== null && leavesCall(otherwise)) triedAfter = key;
      }
    } else {
      // `if k not in REG: raise ...` / `else: REG.remove(k)`: what the other arms write, the test only guards with an error.
      if (alternatives && consequence !== null && onlyRaises(consequence)) check.raises = true;
      this.checks.push(check);
      // What the body makes a local stand for (Scope.results, Scope.aliases) does not outlive a body that always leaves.
      const scope = this.scope;
      const before = scope && (scope.results.size > 0 || scope.aliases.size > 0) ? flowOf(scope) : null;
      // Nor does it reach the `elif`/`else` arms, which start from what held before the `if`.
      if (scope) start = before ?? EMPTY_FLOW;
      // `if threading.current_thread() is threading.main_thread():` (signalsGuarded).
      const mainThread = scope !== null && condition !== null && this.mentionsMainThread() && isMainThreadTest(condition.text) ? 1 : 0;
      // `if pid == 0:` after `pid = os.fork()`: the child, whose only thread is the forking one.
      const child = scope !== null && condition !== null && test.includes('0') && this.forkChildTest(condition) ? 1 : 0;
      this.signalsGuarded += mainThread;
      this.mainBranch += mainThread;
      this.forkChild += child;
      if (armOf !== null) this.arms.push(`${armOf}0`);
      if (consequence) this.visitBlock(consequence);
      if (armOf !== null) this.arms.pop();
      this.signalsGuarded -= mainThread;
      this.mainBranch -= mainThread;
      this.forkChild -= child;
      // Asked only when something depends on it: it makes nodes.
      const leaves = () => consequence !== null && endsInExit(consequence);
      if (scope && (before || scope.results.size > 0 || scope.aliases.size > 0) && leaves()) setFlow(scope, before ?? EMPTY_FLOW);
      if (!alternatives && tryLock?.negated && leaves()) {
        this.acquiredAfter = { key: this.lockKey(tryLock.chain), at: condition! };
      } else if (!alternatives && scope && (check.keys.size > 0 || check.members.size > 0) && leaves()) {
        this.checkAfter = { ...check, skipFrom: consequence!.startIndex, skipTo: consequence!.endIndex, firstWrite: -1, afterExit: true, raises: onlyRaises(consequence!) };
      }
    }
    let pushed = main ? 0 : 1;
    let k = 0;
    // What each arm that goes on past the `if` leaves a local standing for, joined: after the `if`
    // a local may stand for what any of them made it (the later arm's when two differ), or, without
    // an `else:`, for what it stood for before.
    const scope = this.scope;
    const joined = start !== null && scope !== null && (alternatives || start[0].size > 0 || start[1].size > 0) ? flowOf(scope) : null;
    let otherwise = false;
    for (const alt of node.namedChildren) {
      if (!alt) continue;
      if (alt.type !== 'elif_clause' && alt.type !== 'else_clause') continue;
      otherwise ||= alt.type === 'else_clause';
      const body = alt.childForFieldName(alt.type === 'elif_clause' ? 'consequence' : 'body');
      if (joined !== null) setFlow(scope!, start!);
      if (alt.type === 'elif_clause') {
        const elifCheck = this.collectCheck(alt.childForFieldName('condition'), alt);
        this.checks.push(elifCheck);
        pushed++;
        if (armOf !== null) this.arms.push(`${armOf}${++k}`);
        if (body) this.visitBlock(body);
        if (armOf !== null) this.arms.pop();
      } else {
        if (armOf !== null) this.arms.push(`${armOf}e`);
        if (body) this.visitBlock(body);
        if (armOf !== null) this.arms.pop();
      }
      // (An arm that ends in `break` or `continue` goes on after the loop, or in its next round.)
      if (joined !== null && !(body !== null && leavesCall(body))) joinFlow(joined, flowFrom(scope!));
    }
    if (joined !== null) {
      if (!otherwise) joinMissing(joined, start!);
      setFlow(scope!, joined);
    }
    this.checks.length -= pushed;
    if (triedAfter !== null) this.triedAfter = triedAfter;
  }

  /**
   * Whether a check's whole test is a membership test of `key` (`if self in C:`, `if self not in C:`),
   * nothing else: not `if len(C) > self.limit:` nor `if self in C and len(C) > MIN:`.
   */
  private testsOnlyMembership(check: { start: number; condEnd: number }, key: string): boolean {
    if (key === '' || !/^\w+$/.test(key)) return false;
    const text = this.input.source.slice(check.start, check.condEnd).replace(/\s+/g, ' ').trim();
    return new RegExp(`^(if|elif) \\(?\\s*${key} (not )?in [\\w.]+\\s*\\)?$`).test(text);
  }

  /** `pid == 0` (either way round) where `pid = os.fork()` in this function, or `os.fork() == 0`. */
  private forkChildTest(condition: Node): boolean {
    if (condition.type !== 'comparison_operator') return false;
    const operands = condition.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const ops = condition.children.filter((c) => c !== null && (c.type === '==' || c.type === 'is'));
    if (operands.length !== 2 || ops.length !== 1) return false;
    const [a, b] = operands;
    const other = a.type === 'integer' && a.text === '0' ? b : b.type === 'integer' && b.text === '0' ? a : null;
    if (other === null) return false;
    if (other.type === 'identifier') {
      // Bound once, by the fork (not `pid = 0` ... `if bg: pid = os.fork()`, which runs on without forking).
      const scope = this.scope;
      if (scope === null || scope.origins.get(other.text) !== 'os.fork' || scope.params.has(other.text)) return false;
      const body = codeOnly(this.input.source.slice(scope.bodyStart, scope.bodyEnd));
      return (body.match(new RegExp(`(?<![\\w.])${other.text}\\s*(=(?!=)|:=|\\+=|-=)|\\bfor\\s+${other.text}\\b|\\bas\\s+${other.text}\\b`, 'g'))?.length ?? 0) === 1;
    }
    if (other.type !== 'call') return false;
    const chain = chainOf(other.childForFieldName('function'));
    return chain !== null && this.canonicalHere(chain) === 'os.fork';
  }

  /** `signal.signal(...)` or `signal.set_wakeup_fd(...)` as the whole statement, or assigned (`old = signal.signal(...)`). */
  private isSignalInstall(stmt: Node): boolean {
    // Where the file writes `signal(` or `set_wakeup_fd(`, found once: most statements are far from any.
    if (this.signalCalls === undefined) {
      const src = this.input.source;
      const at: number[] = [];
      for (const word of ['signal(', 'set_wakeup_fd(']) for (let i = src.indexOf(word); i >= 0; i = src.indexOf(word, i + 1)) at.push(i);
      this.signalCalls = at;
    }
    if (!this.signalCalls.some((i) => i >= stmt.startIndex && i < stmt.endIndex)) return false;
    let call = stmt.namedChildren[0];
    if (call?.type === 'assignment') call = call.childForFieldName('right');
    if (call?.type !== 'call') return false;
    const chain = chainOf(call.childForFieldName('function'));
    if (chain === null) return false;
    const callee = this.canonicalHere(chain);
    return callee === 'signal.signal' || callee === 'signal.set_wakeup_fd';
  }

  /**
   * An `if` whose test has the same answer on every Python 3 (versionTest()): only the branch
   * that runs is walked (an `elif` after a dead branch is walked as it comes, its test read).
   */
  private visitVersionBranches(node: Node, first: boolean): void {
    if (first) {
      const consequence = node.childForFieldName('consequence');
      if (consequence) this.visitBlock(consequence);
      return;
    }
    // An `elif` whose test is not fixed is walked as the `if`'s own `elif`s are (its test a check).
    let pushed = 0;
    for (const alt of node.namedChildren) {
      if (alt?.type === 'elif_clause') {
        const condition = alt.childForFieldName('condition');
        const known = this.versionTest(condition);
        if (known === false) continue;
        if (known === null) {
          this.checks.push(this.collectCheck(condition, alt));
          pushed++;
        }
        const body = alt.childForFieldName('consequence');
        if (body) this.visitBlock(body);
        if (known === true) break;
      } else if (alt?.type === 'else_clause') {
        const body = alt.childForFieldName('body');
        if (body) this.visitBlock(body);
      }
    }
    this.checks.length -= pushed;
  }

  /**
   * The answer of a test every Python 3 gives the same: `sys.version_info < (3,)`,
   * `sys.version_info >= (2, 5)`, `sys.version_info[0] == 2`, `sys.version_info.major >= 3`,
   * `six.PY2`, `PY3` (a module-level or imported name), `not` and `and`/`or` of those; null when
   * it depends on the version (`sys.version_info >= (3, 8)`) or is no such test.
   */
  private versionTest(node: Node | null): boolean | null {
    if (node === null) return null;
    switch (node.type) {
      case 'parenthesized_expression':
        return this.versionTest(node.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null);
      case 'not_operator': {
        const inner = this.versionTest(node.childForFieldName('argument'));
        return inner === null ? null : !inner;
      }
      case 'boolean_operator': {
        const left = this.versionTest(node.childForFieldName('left'));
        const right = this.versionTest(node.childForFieldName('right'));
        const and = node.childForFieldName('operator')?.type === 'and';
        if (and) return left === false || right === false ? false : left === true && right === true ? true : null;
        return left === true || right === true ? true : left === false && right === false ? false : null;
      }
      case 'identifier':
      case 'attribute': {
        const chain = chainOf(node);
        const last = chain === null ? '' : chain.slice(chain.lastIndexOf('.') + 1);
        if (last !== 'PY2' && last !== 'PY3') return null;
        const base = splitChain(chain!)[0];
        if (this.isLocalName(base) || (!this.moduleDefs.has(base) && !this.moduleImports.has(base))) return null;
        return last === 'PY3';
      }
      case 'comparison_operator':
        return this.versionComparison(node);
      default:
        return null;
    }
  }

  /** `sys.version_info <op> (2, 5)` and the like (versionTest()), either way round. */
  private versionComparison(node: Node): boolean | null {
    const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const ops = node.children.filter((c) => c !== null && /^(<|<=|>|>=|==|!=)$/.test(c.type));
    if (operands.length !== 2 || ops.length !== 1) return null;
    let op = ops[0]!.type;
    let [version, literal] = operands;
    let major = this.versionOperand(version);
    if (major === null) {
      major = this.versionOperand(literal);
      if (major === null) return null;
      [version, literal] = [literal, version];
      op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
    }
    let items: number[];
    if (literal.type === 'integer') {
      items = [Number(literal.text.replace(/_/g, ''))];
      if (!Number.isInteger(items[0])) return null;
    }
    else if (literal.type === 'tuple') {
      const parts = literal.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      if (parts.length === 0 || !parts.every((p) => p.type === 'integer')) return null;
      items = parts.map((p) => Number(p.text.replace(/_/g, '')));
      if (items.some((n) => !Number.isInteger(n))) return null;
    } else return null;
    // The whole `version_info` against a tuple; `version_info[0]` or `.major` against a number.
    if ((major === 'tuple') !== (literal.type === 'tuple')) return null;
    // Every Python 3 from 3.0 to 3.99: the same answer for both ends, or none.
    const answer = (v: number[]): boolean => {
      let cmp = 0;
      for (let i = 0; i < items.length && cmp === 0; i++) cmp = (v[i] ?? -1) - items[i];
      if (cmp === 0 && major === 'tuple') cmp = 1; // `version_info` is longer than the literal: greater.
      switch (op) {
        case '<': return cmp < 0;
        case '<=': return cmp <= 0;
        case '>': return cmp > 0;
        case '>=': return cmp >= 0;
        case '==': return cmp === 0;
        default: return cmp !== 0;
      }
    };
    const low = major === 'tuple' ? [3, 0, 0] : [3];
    const high = major === 'tuple' ? [3, 99, 99] : [3];
    const a = answer(low);
    return a === answer(high) ? a : null;
  }

  /** `sys.version_info` ('tuple'), or its `[0]` or `.major` ('number'); null otherwise. */
  private versionOperand(node: Node): 'tuple' | 'number' | null {
    let inner = node;
    let kind: 'tuple' | 'number' = 'tuple';
    if (node.type === 'subscript') {
      const index = node.childrenForFieldName('subscript').filter((c) => c !== null);
      if (index.length !== 1 || index[0]!.text !== '0') return null;
      inner = node.childForFieldName('value')!;
      kind = 'number';
    } else if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'major') {
      inner = node.childForFieldName('object')!;
      kind = 'number';
    }
    const chain = chainOf(inner);
    if (chain === null || !chain.endsWith('version_info')) return null;
    return this.canonicalHere(chain) === 'sys.version_info' ? kind : null;
  }

  /** `if got:` / `if not got:` where `got = lock.acquire(timeout=1)` (Scope.acquiredLocals). */
  private triedThroughLocal(condition: Node): { chain: string; negated: boolean } | null {
    const negated = condition.type === 'not_operator';
    const name = negated ? condition.childForFieldName('argument') : condition;
    const chain = name?.type === 'identifier' ? this.scope?.acquiredLocals?.get(name.text) : undefined;
    return chain !== undefined ? { chain, negated } : null;
  }

  private collectCheck(condition: Node | null, ifNode: Node): Check {
    const saved = this.collecting;
    this.collecting = { keys: new Set(), members: new Set(), staleHeld: -1, staleLocal: '', keyedLookups: [] };
    this.visitExpr(condition);
    let { staleHeld, staleLocal } = this.collecting;
    const { keys, members, keyedLookups } = this.collecting;
    this.collecting = saved;
    // (Not when the test also reads the shared value itself: `seen = _version` ... `if _version == seen:` is a compare-and-set.)
    if (staleHeld >= 0 && condition !== null) {
      const target = this.scope?.aliases.get(staleLocal);
      if (target === undefined || condition.descendantsOfType(['identifier', 'attribute']).some((n) => n !== null && n.text !== staleLocal && chainOf(n) === target)) {
        staleHeld = -1;
        staleLocal = '';
      }
    }
    return {
      condition,
      keys,
      members,
      span: condition ? spanBetween(ifNode, condition) : spanOf(ifNode),
      // (A test of a local read before a lock now held tests what was read then: staleHeld.)
      heldDepth: staleHeld >= 0 ? staleHeld : this.held.length,
      start: ifNode.startIndex,
      condEnd: condition?.endIndex ?? ifNode.startIndex,
      skipFrom: -1,
      skipTo: -1,
      firstWrite: -1,
      // Every field present from the start: one object shape for every check (see record()).
      afterExit: false,
      raises: false,
      sized: undefined,
      staleLocal,
      keyedLookups,
    };
  }

  /**
   * The test an EAFP lookup makes (`try: v = X[k]` / `except KeyError:`): the containers the `try:`
   * block subscripts are tested, as `if k not in X:` tests X, for the handler's writes. (Not
   * `except AttributeError:` after reading `cls._v`: mostly a class attribute set once from settings
   * or constants, an equal value whichever thread stores it.)
   */
  private lookupCheck(tryNode: Node, tryBlock: Node, clause: Node): Check | null {
    if (!LOOKUP_ERRORS.test(handlerHead(clause))) return null;
    const read = new Set<string>();
    // The test is reported at the first lookup.
    let first: Node | null = null;
    const scope = this.scope!;
    const note = (chain: string | null, at: Node) => {
      // Only what may be shared: not a local (`request.GET["k"]` in the same block tests nothing shared).
      if (chain === null) return;
      const base = splitChain(chain)[0];
      // (A local that stands for an entry of a shared container, `pre = _caches.setdefault(cls, {})`, is that entry.)
      if (base !== scope.selfName && !scope.entryAliases.has(base) && !scope.aliases.has(base) && (BUILTINS.has(base) || this.isLocalName(base))) return;
      // Nor a lookup in a lambda or a function defined there, which does not run in the `try:`.
      for (let n = at.parent; n !== null && !n.equals(tryBlock); n = n.parent) if (n.type === 'lambda' || n.type === 'function_definition') return;
      read.add(chain);
      if (first === null || at.startIndex < first.startIndex) first = at;
    };
    for (const sub of tryBlock.descendantsOfType('subscript')) if (sub) note(chainOf(sub.childForFieldName('value')), sub);
    if (first === null) return null;
    return {
      condition: null,
      keys: read,
      members: read,
      span: spanOf(first),
      heldDepth: this.held.length,
      start: tryNode.startIndex,
      condEnd: tryBlock.endIndex,
      skipFrom: -1,
      skipTo: -1,
      firstWrite: -1,
      afterExit: false,
      raises: false,
      sized: undefined,
      staleLocal: '',
      keyedLookups: [],
    };
  }

  private isMainGuard(condition: Node | null): boolean {
    if (this.scope || !condition) return false;
    // `if sys.platform != "win32" and __name__ == "__main__":` runs only as a script too.
    if (condition.type === 'boolean_operator' && condition.childForFieldName('operator')?.type === 'and') {
      return this.isMainGuard(condition.childForFieldName('left')) || this.isMainGuard(condition.childForFieldName('right'));
    }
    if (condition.type !== 'comparison_operator') return false;
    const text = condition.text.replace(/\s+/g, '').replace(/'/g, '"');
    return text === '__name__=="__main__"' || text === '"__main__"==__name__';
  }

  private visitWith(node: Node): void {
    const pushed: string[] = [];
    const provisional: string[] = [];
    let catchWarnings = false;
    let freshLock: Span | undefined;
    const clause = node.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (!item || item.type !== 'with_item') continue;
      let value = item.childForFieldName('value');
      if (value?.type === 'as_pattern') {
        const alias = value.childForFieldName('alias');
        const target = alias?.namedChildren[0] ?? alias;
        value = value.namedChildren[0];
        if (target) this.assignTarget(target, null, null);
        // `with ThreadPoolExecutor(8) as ex:` (`__enter__` returns the pool itself).
        if (target?.type === 'identifier' && value?.type === 'call' && this.scope !== null && this.input.source.slice(value.startIndex, value.endIndex).includes('Pool')) {
          const callee = chainOf(value.childForFieldName('function'));
          if (callee !== null && (THREAD_POOLS.has(this.canonicalHere(callee)) || PROCESS_POOLS.has(this.canonicalHere(callee)))) this.scope.origins.set(target.text, this.canonicalHere(callee));
        }
      }
      if (!value) continue;
      // `with _locks.setdefault(k, Lock()):` is how a collection of locks gets its locks (setdefault is
      // atomic): its arguments are read, the call is not judged as a change of the collection.
      const lockSetdefault = value.type === 'call' && this.input.source.slice(value.startIndex, value.endIndex).includes('.setdefault(') && this.keyedLock(value) !== null;
      if (lockSetdefault) for (const a of value.childForFieldName('arguments')?.namedChildren ?? []) this.visitExpr(a);
      else this.visitExpr(value);
      const chain = chainOf(value);
      if (chain && this.freshLocalLock(chain)) {
        // `lock = threading.Lock()` ... `with lock:` in one call: a new lock each call, which excludes nobody.
      } else if (chain) {
        // `guard = _lock` ... `with guard:` holds `_lock` (Scope.aliases: another name for the module-level object).
        const aliased = chain.indexOf('.') < 0 && this.scope !== null && !this.scope.entryAliases.has(chain) ? this.scope.aliases.get(chain) : undefined;
        const key = this.lockKey(aliased ?? chain);
        this.noteAcquire(key, value);
        this.held.push(key);
        pushed.push(key);
      } else if (value.type === 'subscript' || value.type === 'call') {
        // A lock per key: `with _sku_locks[sku]:`, `with _locks.setdefault(k, threading.Lock()):`;
        // a context manager of this file that yields with a lock held: `with _exclusive():`.
        const callee = value.type === 'call' ? chainOf(value.childForFieldName('function')) : null;
        // `with threading.RLock():` makes a new lock for this one `with`, which excludes nobody (pylint's
        // W2101 useless-with-lock): nothing is held (not a lock getter, `with get_lock():`; nor a configured
        // lock factory, `lock-factories`, which may name an outside lock: `with FileLock(path):`).
        const canonical = callee !== null && (callee.endsWith('Lock') || callee.endsWith('Semaphore') || callee.endsWith('Condition')) && !this.isLocalName(splitChain(callee)[0]) ? this.canonicalHere(callee) : '';
        const configured = callee !== null && this.options.lockFactories.length > 0 && this.options.lockFactories.includes(this.canonicalHere(callee));
        // `with threading.Condition(_lock):` takes the lock it is given, which other threads share.
        const given = canonical.endsWith('Condition') ? value.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment' && (c.type !== 'keyword_argument' || c.childForFieldName('name')?.text === 'lock')) : undefined;
        const givenLock = given ? chainOf(given.type === 'keyword_argument' ? given.childForFieldName('value') : given) : null;
        const made = canonical !== '' && !configured && givenLock === null && classifyCall(canonical, this.options, new Map()).k === 'lock';
        // (A configured factory's lock is taken as held, as a lock getter's: it may be a named or outside one.)
        const key = givenLock !== null ? this.lockKey(givenLock) : made ? '' : configured ? `${HELPER_LOCK_KEY}${callee}()` : (callee !== null ? this.keyedHelper(this.heldBy(callee), value) : '') || this.keyedLock(value) || (callee !== null ? lockGetterKey(callee) : '');
        if (made && freshLock === undefined) freshLock = spanOf(value);
        if (key) {
          this.held.push(key);
          pushed.push(key);
        } else if (callee !== null) {
          // A helper defined further down or imported: whether it holds a lock is known only later,
          // so it is recorded with the accesses (Access.held) but counts for nothing in this walk.
          const later = this.keyedHelper(this.forwardHelper(callee) || this.importedHelper(callee), value) || this.selfHelper(callee);
          if (later) provisional.push(later);
          if (callee.endsWith('catch_warnings') && this.canonicalHere(callee) === 'warnings.catch_warnings') catchWarnings = true;
        }
      }
    }
    const body = node.childForFieldName('body');
    if (provisional.length > 0) this.provisional.push(...provisional);
    if (catchWarnings) this.catchWarnings++;
    const savedFreshLock = this.freshLockAt;
    if (freshLock !== undefined && this.freshLockAt === undefined) this.freshLockAt = freshLock;
    if (body) this.visitBlock(body);
    this.freshLockAt = savedFreshLock;
    if (catchWarnings) this.catchWarnings--;
    if (provisional.length > 0) this.provisional.length -= provisional.length;
    // The body may have released one of these (`with lock:` ... `lock.release()` ... `lock.acquire()`).
    for (const key of pushed.reverse()) {
      const at = this.held.lastIndexOf(key);
      if (at >= 0) this.held.splice(at, 1);
    }
  }

  /**
   * A function handed to code that keeps it to call later (`post_save.connect(handler)`,
   * `add_url_rule(view_func=view)`, `Thread(target=loop)`, `pool.submit(job)`): registered to run
   * at run time, whenever the registering code runs, so it is referenced as a value that escapes
   * (not as one called by its caller). Start-up registrations (`worker_process_init.connect(f)`,
   * `add_event_handler("startup", f)`) stay start-up code.
   */
  private noteRegistration(fnNode: Node, chain: string, args: Node, argNodes: (Node | null)[]): void {
    const src = this.input.source;
    const dot = chain.lastIndexOf('.');
    const method = chain.slice(dot + 1);
    // aiohttp's `app.on_startup.append(init_db)`: see visitCall (a start-up root, not a value that escapes).
    if ((method === 'append' || method === 'extend' || method === 'insert') && STARTUP_HOOK_LISTS.test(chain)) return;
    // `app.before_first_request(warm_up)`: a start-up root too (visitCall).
    if (STARTUP_HOOK_DECORATORS.test(chain)) return;
    // `parser.set_defaults(func=upgrade)` on an argparse parser: a sub-command (visitCall: a `command` reference).
    if (method === 'set_defaults' && this.scope !== null && this.argparseParser(fnNode.type === 'attribute' ? fnNode.childForFieldName('object') : null)) return;
    // `sm.add(create_service)` on a cotyledon `ServiceManager`: a start-up reference (visitCall).
    if (method === 'add' && fnNode.type === 'attribute' && this.cotyledonManager(fnNode.childForFieldName('object'))) return;
    if (!REGISTERING_CALLS.has(method) || !src.endsWith(method, fnNode.endIndex)) {
      this.noteUnknownCallArgs(chain, argNodes);
      return;
    }
    if (method === 'connect' && CELERY_STARTUP_SIGNALS.has(this.canonicalHere(chain))) return;
    const given = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    if (method === 'add_event_handler' && given[0]?.type === 'string' && /^['"](startup|shutdown)['"]$/.test(given[0].text)) return;
    if (method === 'connect' && /(^|\.)class_prepared\.connect$/.test(chain)) {
      // `class_prepared.connect(self._collect_transitions)` in a field's `contribute_to_class`: that method runs as model classes are made.
      const first = given[0];
      const scope = this.scope;
      if (first?.type === 'attribute' && scope !== null && scope.selfName !== '' && scope.cls >= 0 && first.childForFieldName('object')?.text === scope.selfName) {
        this.noteSelfCall(scope.cls, `${PREPARED_METHOD}${first.childForFieldName('attribute')?.text ?? ''}`);
      }
      return;
    }
    // `app.after_request(self._after)` in a Flask extension's `init_app()`: that method runs for every request
    // (also `add_url_rule(..., view_func=self.view)`), whatever else is known of the object.
    if (REQUEST_HOOK_CALLS.has(method) && this.scope !== null && this.scope.selfName !== '' && this.scope.cls >= 0) {
      for (const a of given) {
        const value = a.type === 'keyword_argument' ? (a.childForFieldName('name')?.text === 'view_func' ? a.childForFieldName('value') : null) : a;
        if (value?.type === 'attribute' && value.childForFieldName('object')?.text === this.scope.selfName) this.noteSelfCall(this.scope.cls, `${REQUEST_HOOK_METHOD}${value.childForFieldName('attribute')?.text ?? ''}`);
      }
    }
    for (const a of given) {
      const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      if (method === 'Thread' || method === 'Timer') {
        if (a.type !== 'keyword_argument' || (a.childForFieldName('name')?.text !== 'target' && a.childForFieldName('name')?.text !== 'function')) continue;
      }
      // `run_in_executor(pool, functools.partial(fill, key))`: the function the partial calls.
      const target = value && (value.type === 'identifier' || value.type === 'attribute') ? chainOf(value) : value?.type === 'call' ? this.hookFunction(value) : null;
      const from = LOOP_SCHEDULING.has(method) ? 'loop' : THREAD_HANDOFF.has(method) ? 'thread' : 'escape';
      if (target) for (const t of this.namedBy(value!, target) ?? [target]) this.pend(t, { ref: { from, call: undefined, deferred: undefined } });
      if (target && value!.type === 'identifier') this.noteParamEscape(target);
    }
  }

  /**
   * The module-level names a local holds as it is handed on (`fn = store`, Scope.aliases;
   * `fn = store if legacy else print`, Scope.choices), or undefined when `node` is not such a local.
   */
  private namedBy(node: Node, written: string): string[] | undefined {
    const scope = this.scope;
    if (scope === null || node.type !== 'identifier') return undefined;
    const choices = scope.choices.get(written);
    if (choices) return choices;
    const alias = scope.aliases.get(written);
    return alias !== undefined && !scope.entryAliases.has(written) ? [alias] : undefined;
  }

  /**
   * `app.add_sink(legacy_sink)`, `bus.subscribe("evt", on_price)`: a module-level function of this
   * file given to a call whose code is not in this file may be kept and called later, on other
   * threads, so it is a value that escapes, not a function its caller runs (which would make it
   * start-up code when the caller is `create_app()`). Not for the builtins (`sorted(key=f)`,
   * `map(f, xs)` call it at once), calls the module's own functions make (judged by their bodies),
   * nor the arguments of a call that is itself an argument (`map(partial(f, x), xs)`).
   */
  private noteUnknownCallArgs(chain: string, argNodes: (Node | null)[]): void {
    if (argNodes.length === 0) return;
    const dot = chain.indexOf('.');
    const base = dot < 0 ? chain : chain.slice(0, dot);
    // A bare call of a name that is not imported is one of this module's own functions or classes
    // (judged by their bodies, wherever they are defined in the file) or a builtin; a method of the
    // object itself is its class's.
    if ((base === this.scope?.selfName && chain.indexOf('.', base.length + 1) < 0) || (chain === base && (BUILTINS.has(chain) || !this.moduleImports.has(base) || this.isLocalName(base)))) return;
    let immediate: boolean | undefined;
    for (const a of argNodes) {
      if (a === null) continue;
      const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      if (value === null) continue;
      // `web.Application(middlewares=[tenant_middleware])`: the functions a list or tuple holds.
      const values = value.type === 'list' || value.type === 'tuple' ? value.namedChildren : [value];
      for (const v of values) {
        if (v?.type !== 'identifier' && v?.type !== 'attribute') continue;
        const written = chainOf(v);
        if (written === null) continue;
        // A local that names module-level functions (`fn = store`, `fn = store if legacy else print`): those.
        for (const given of this.namedBy(v, written) ?? [written]) {
          // A function by its name (`on_price`, `errors.handle`): not a class (`User`) or a constant (`MAX`).
          let at = given.lastIndexOf('.') + 1;
          while (given.charCodeAt(at) === 95 /* _ */) at++;
          const letter = given.charCodeAt(at);
          if (!(letter >= 97 && letter <= 122)) continue;
          const first = splitChain(given)[0];
          if (given === first && this.isLocalName(first)) this.noteParamEscape(first);
          if (BUILTINS.has(first) || first === this.scope?.selfName || this.isLocalName(first)) continue;
          // A function or class of this module (bound above, or only further down: not known yet), or
          // one of an imported module (`errors.handle`); not a constant or an object bound above.
          const def = this.moduleDefs.get(first)?.value;
          if (given === first ? def !== undefined && !isCallableKind(def) : !this.moduleImports.has(first)) continue;
          immediate ??= IMMEDIATE_CALLS.has(this.canonicalHere(chain));
          if (immediate) return;
          this.pend(given, { ref: { from: 'escape', call: undefined, deferred: undefined } });
        }
      }
    }
  }

  /**
   * At a `yield` of a context manager, or a call of the function a decorator wraps: the lock held
   * there, when it is a module-level lock of this file (or an imported one). FunctionInfo.holds
   * keeps it only while every such place holds that same lock; one that does not (or sits in a
   * lambda, called later) marks the function as holding none (NO_HOLD).
   */
  private noteHolds(fn: number, selfArg?: string): void {
    const info = this.functions[fn];
    if (info.holds === NO_HOLD) return;
    const key = this.lambdaDepth === 0 ? this.held[this.held.length - 1] : undefined;
    // `def wrapper(self, *a): with self._lock: return method(self, *a)`: the lock of the instance
    // the wrapper is called on, which is the decorated method's `self`.
    const own = key !== undefined && selfArg !== undefined && this.scope !== null ? /^(\w+)\.(\w+)$/.exec(key) : null;
    if (own && own[1] === selfArg && this.scope!.params.values().next().value === selfArg && !this.scope!.assigned.has(selfArg)) {
      const holding = SELF_HOLD + own[2];
      info.holds = info.holds === '' || info.holds === holding ? holding : NO_HOLD;
      return;
    }
    // `@contextmanager def _guard(self): with self._lock: yield`: the instance's own lock, held
    // for the `with self._guard():` block of a method of the class (selfHelper()).
    const mine = key !== undefined && selfArg === undefined && this.scope !== null && this.scope.fn === fn && this.scope.cls >= 0 ? /^self#(\d+)\.(\w+)$/.exec(key) : null;
    if (mine && Number(mine[1]) === this.scope!.cls) {
      const holding = SELF_HOLD + mine[2];
      info.holds = info.holds === '' || info.holds === holding ? holding : NO_HOLD;
      return;
    }
    // A module-level lock, or the lock a helper of this file returns (`with named_lock(name): yield`).
    // `call:named_lock()[name]` where `name` is this function's parameter: keyed by the caller's argument.
    const helperKey = key !== undefined && key.startsWith(HELPER_LOCK_KEY) ? /^(call:[\w.]+\(\))(?:\[(\w+)\])?$/.exec(key) : null;
    const holding = helperKey === null ? key
      : helperKey[2] === undefined ? helperKey[1]
      : this.scope !== null && this.scope.params.has(helperKey[2]) && !this.scope.assigned.has(helperKey[2]) ? helperKey[1] + KEYED_HELPER
      : undefined;
    const moduleLock = holding !== undefined && (helperKey !== null || (!holding.includes('#') && !holding.includes('.') && !holding.endsWith(']') && (this.moduleDefs.has(holding) || this.moduleImports.has(holding)) && !this.isLocalName(holding)));
    if (!moduleLock) info.holds = NO_HOLD;
    else if (info.holds === '') info.holds = holding;
    else if (info.holds !== holding) info.holds = NO_HOLD;
  }

  /**
   * `with _exclusive():` in a function body, where `_exclusive` is a module-level name bound only
   * further down the file (a body runs after the whole module has run): a placeholder key that
   * resolveForwardHelpers() replaces by the lock that function turns out to hold, or drops.
   */
  private forwardHelper(name: string): string {
    // (A class of this file already defined may be a lock wrapper: classHolds(), decided after the walk too.)
    if (this.scope === null || name.includes('.') || BUILTINS.has(name) || this.isLocalName(name) || (this.moduleDefs.has(name) && this.moduleDefs.get(name)?.value.k !== 'class') || this.moduleImports.has(name)) return '';
    return FORWARD_HELPER_KEY + name;
  }

  /**
   * `with self._guard():` where `_guard` may be a `@contextmanager` method of this class (or of a
   * base class in this file) that yields inside `with self._lock:`: a placeholder key,
   * `self#N._guard()`, that resolveForwardHelpers() replaces by `self#N._lock` once every method of
   * the file is known (FunctionInfo.holds `self:_lock`), or drops.
   */
  private selfHelper(callee: string): string {
    const scope = this.scope;
    if (scope === null || scope.cls < 0 || scope.selfName === '' || scope.assigned.has(scope.selfName)) return '';
    const [base, rest] = splitChain(callee);
    return base === scope.selfName && /^\.\w+$/.test(rest) ? `self#${scope.cls}${rest}()` : '';
  }

  /**
   * `with exclusive("prices"):` where `exclusive` is imported: a placeholder key naming the function,
   * which the cross-file pass keeps when that function holds a lock for its caller or returns one
   * (FunctionInfo.holds) and drops otherwise.
   */
  private importedHelper(callee: string): string {
    const base = splitChain(callee)[0];
    if (this.scope === null || this.isLocalName(base) || !this.moduleImports.has(base)) return '';
    return IMPORTED_HELPER_KEY + this.canonical(callee);
  }

  /**
   * `with db_guard:`, `with sync.db_guard:` or `db_guard.acquire()` where `db_guard` is imported from
   * another module: a placeholder key, `import:pkg.sync.db_guard(value)`, held during the walk as any
   * lock is, which the cross-file pass keeps when the scanned module that makes the object makes it as
   * a lock (`db_guard = threading.Lock()`), drops when it makes something else (a counting semaphore; a
   * connection, whose `with` is a transaction), and otherwise keeps when the name says it is a lock
   * (Workspace.importedHelperHolds()). '' when the operand is not imported.
   */
  private importedLock(chain: string): string {
    const base = splitChain(chain)[0];
    if (this.scope === null) return '';
    // `from .sync import db_guard as g` in the function itself: that import.
    if (this.isLocalName(base)) {
      for (let s: Scope | null = this.scope; s; s = s.parent) {
        if (s.imports.has(base)) return `${IMPORTED_HELPER_KEY}${this.canonicalHere(chain)}${IMPORTED_LOCK_VALUE}`;
        if (s.assigned.has(base) || s.params.has(base)) return '';
      }
      return '';
    }
    // `from .sync import *` and a name the module does not bind (so far): resolve.ts looks it up through the star imports.
    if (!this.moduleImports.has(base) && !(this.starImports.length > 0 && !this.moduleDefs.has(base) && !BUILTINS.has(base))) return '';
    return `${IMPORTED_HELPER_KEY}${this.canonical(chain)}${IMPORTED_LOCK_VALUE}`;
  }

  /**
   * The held-lock key for `with helper(arg):` given what the helper holds (`key`): a helper that
   * returns one lock of a collection per argument (`call:lock_for()[*]`), and a helper resolved
   * only later (forwardHelper(), importedHelper()), is a lock per key, `call:lock_for()[sku]`,
   * guarding only writes that name the same key (heldFor()); with a literal argument
   * (`named_lock("prices")`) or none it is one lock.
   */
  private keyedHelper(key: string, call: Node): string {
    if (key === '') return '';
    const keyed = key.endsWith(KEYED_HELPER);
    if (!keyed && !isProvisional(key)) return key;
    const base = keyed ? key.slice(0, -KEYED_HELPER.length) : key;
    const first = call.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment' && a.type !== 'keyword_argument');
    return first === undefined || first === null || isLiteral(first) ? base : `${base}[${first.text}]`;
  }

  /** Replaces the placeholders of forwardHelper() in what this file recorded, now that every module-level function is known. */
  private resolveForwardHelpers(): void {
    const resolve = (held: string[]): string[] => {
      if (!held.some((k) => k.startsWith(FORWARD_HELPER_KEY) || SELF_HELPER_KEY.test(k))) return held;
      const out: string[] = [];
      for (const k of held) {
        const method = SELF_HELPER_KEY.exec(k);
        if (method) {
          // `self#N._guard()` (selfHelper()): the lock of the instance that method holds for its caller.
          const key = this.methodHolds(Number(method[1]), method[2]);
          if (key && !out.includes(key)) out.push(key);
        } else if (!k.startsWith(FORWARD_HELPER_KEY)) out.push(k);
        else {
          // `forward:lock_for[sku]`: the helper's name, and the key its argument gave (`!`: a write
          // that does not name it, guarded only if the helper holds one lock for every key).
          const open = k.indexOf('[');
          const unnamed = k.endsWith(UNNAMED_KEY);
          const name = k.slice(FORWARD_HELPER_KEY.length, open >= 0 ? open : k.length);
          const holds = this.heldBy(name) || this.classHolds(name);
          const keyed = holds.endsWith(KEYED_HELPER);
          if (keyed && unnamed) continue;
          const key = keyed ? holds.slice(0, -KEYED_HELPER.length) + (open >= 0 ? k.slice(open) : '') : holds;
          if (key && !out.includes(key)) out.push(key);
        }
      }
      return out;
    };
    for (const a of this.accesses) a.held = resolve(a.held);
    for (const e of this.callEdges) e.held = resolve(e.held);
    // A per-file finding made unless a helper holds a lock (LocalFinding.unlessHeld): dropped when a
    // helper of this file does; what imported helpers hold is left to the cross-file pass.
    if (this.local.some((l) => l.unlessHeld !== undefined)) {
      const kept = this.local.flatMap((l) => {
        if (l.unlessHeld === undefined) return [l];
        const rest = resolve(l.unlessHeld);
        if (rest.some((k) => !k.startsWith(IMPORTED_HELPER_KEY))) return [];
        const { unlessHeld: _, ...plain } = l;
        return [rest.length > 0 ? { ...plain, unlessHeld: rest } : plain];
      });
      this.local.length = 0;
      this.local.push(...kept);
    }
  }

  /** `threading.Lock()` (any lock factory), or `_locks.setdefault(k, threading.Lock())`; through chained assignments. */
  private isNewLock(value: Node): boolean {
    while (value.type === 'assignment') {
      const right = value.childForFieldName('right');
      if (!right) return false;
      value = right;
    }
    if (value.type !== 'call') return false;
    const chain = chainOf(value.childForFieldName('function'));
    if (chain === null) return false;
    if (chain.endsWith('.setdefault')) {
      const args = value.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
      return args.length === 2 && this.isNewLock(args[1]);
    }
    return classifyCall(this.canonicalHere(chain), this.options, new Map()).k === 'lock';
  }

  /**
   * A returned value that is a lock kept for later callers: one stored in a collection as it is
   * made (`_locks[k] = threading.Lock()`, `_locks.setdefault(k, Lock())`), one of a collection of
   * locks (`_sku_locks[sku]`), or a local that held one of those. Not a new lock returned as it is
   * made (`return threading.Lock()`): each caller gets its own, which excludes nothing.
   */
  private returnsALock(value: Node): boolean {
    if (value.type === 'identifier') return this.scope?.lockLocals.has(value.text) ?? false;
    return this.isStoredLock(value) || ((value.type === 'subscript' || value.type === 'call') && this.keyedLock(value) !== null);
  }

  /** `_locks[k] = threading.Lock()` (as the value of a chained assignment), or `_locks.setdefault(k, threading.Lock())`. */
  private isStoredLock(value: Node): boolean {
    let stored = false;
    while (value.type === 'assignment') {
      if (value.childForFieldName('left')?.type === 'subscript') stored = true;
      const right = value.childForFieldName('right');
      if (!right) return false;
      value = right;
    }
    if (value.type !== 'call') return false;
    const chain = chainOf(value.childForFieldName('function'));
    if (chain !== null && chain.endsWith('.setdefault')) return this.isNewLock(value);
    return stored && this.isNewLock(value);
  }

  /**
   * The held-lock key of the lock the method `name` of class `cls` (or of a base class of it in this
   * file, the nearest first) holds around its caller's `with` block, as seen from a method of
   * `cls`: a `@contextmanager` method that yields only inside `with self.<attr>:`
   * (FunctionInfo.holds `self:<attr>`: `self#<cls>.<attr>`) or only inside `with _lock:` of a
   * module-level lock (`_lock`). '' otherwise.
   */
  private methodHolds(cls: number, name: string): string {
    const memo = `${cls} ${name}`;
    let known = this.methodHeld.get(memo);
    if (known === undefined) this.methodHeld.set(memo, (known = this.findMethodHolds(cls, name)));
    return known;
  }

  private readonly methodHeld = new Map<string, string>();

  /** The index of the module-level or nested class of this file with that qualified name, or -1 (once per name). */
  private classByName(qualname: string): number {
    if (this.classIndex === undefined) {
      this.classIndex = new Map();
      this.classes.forEach((c, i) => {
        if (!this.classIndex!.has(c.qualname)) this.classIndex!.set(c.qualname, i);
      });
    }
    return this.classIndex.get(qualname) ?? -1;
  }

  private classIndex: Map<string, number> | undefined;

  private findMethodHolds(cls: number, name: string): string {
    // Depth first, left to right: the method resolution order as far as this file's classes tell.
    const seen = new Set<number>();
    const stack = [cls];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at < 0 || seen.has(at)) continue;
      seen.add(at);
      const fn = own(this.classes[at].methods, name);
      if (fn !== undefined) {
        const holds = this.functions[fn].holds;
        // (A method that returns an attribute of the instance, `return self._lock`: that object, a lock or not.)
        if (holds.startsWith(SELF_RETURN)) return `self#${cls}.${holds.slice(SELF_RETURN.length)}`;
        if (!this.contextManagers.has(fn) || holds === '' || holds === NO_HOLD) return '';
        if (holds.startsWith(SELF_HOLD)) return `self#${cls}.${holds.slice(SELF_HOLD.length)}`;
        return holds.endsWith(KEYED_HELPER) ? '' : holds;
      }
      for (const base of [...this.rawClassBases[at]].reverse()) stack.push(this.classByName(base));
    }
    return '';
  }

  /**
   * The functions named as the callback of a `weakref.ref(obj, callback)` (or `WeakMethod`) in the
   * file, by their last name (`_finalize`, `Proxy._gced`, `self._remove`): Python calls each with
   * the reference that died, a key only the caller that made the reference has. Read from the
   * text before the walk, and part of every body's memo key.
   */
  private findWeakrefCallbacks(): void {
    const src = this.input.source;
    if (!src.includes('weakref')) return;
    const plain = new Set<string>();
    const methods = new Set<string>();
    for (const m of src.matchAll(/(?<![\w.])(?:weakref\.)?(?:ref|WeakMethod)\(\s*[\w.]+\s*,\s*((?:[A-Za-z_]\w*\.)*)([A-Za-z_]\w*)\s*\)/g)) (m[1] === '' ? plain : methods).add(m[2]);
    if (plain.size === 0 && methods.size === 0) return;
    this.weakrefCallbacks = plain;
    this.weakrefMethodCallbacks = methods;
    this.noteModuleName(`weakref callbacks ${[...plain].sort().join(' ')} / ${[...methods].sort().join(' ')}`);
  }

  /**
   * `def __setattr__(self, name, value): setattr(getattr(serving, self.attrname), name, value)` and
   * `def __getattr__(self, name): return getattr(getattr(serving, self.attrname), name)`: the one
   * statement of each, naming the same module-level object (ClassInfo.forwardsTo).
   */
  private noteForwarding(cls: number, name: string, body: Node, params: string[]): void {
    let seen = this.forwarding.get(cls);
    if (!seen) this.forwarding.set(cls, (seen = { set: undefined, get: undefined }));
    const target = forwardTarget(name === '__setattr__', codeOnly(this.input.source.slice(body.startIndex, body.endIndex)), params);
    if (name === '__setattr__') seen.set = target;
    else if (seen.get === undefined || name === '__getattr__') seen.get = target;
  }

  /**
   * `__enter__` of a class that takes a module-level lock as one of its own statements
   * (`_lock.acquire()`), and its `__exit__` (the text that must release it): see classHolds().
   */
  private noteEnterExit(cls: number, name: '__enter__' | '__exit__', body: Node): void {
    const text = this.input.source.slice(body.startIndex, body.endIndex);
    if (name === '__exit__') {
      this.exitTexts.set(cls, text);
      return;
    }
    for (const stmt of body.namedChildren) {
      if (stmt?.type !== 'expression_statement') continue;
      const call = lockMethodCall(stmt);
      if (call?.method !== 'acquire' || !/^\w+$/.test(call.chain)) continue;
      // A blocking acquire (not `acquire(timeout=5)` or `acquire(False)`, whose result says whether it is held).
      if (!/\.acquire\(\s*(True|blocking\s*=\s*True)?\s*\)$/.test(this.input.source.slice(stmt.startIndex, stmt.endIndex).trim())) continue;
      // Not a name this method binds (`lock = Lock(); lock.acquire()`), nor one it releases again.
      const escaped = call.chain;
      if (new RegExp(`(?<![\\w.])${escaped}\\s*(=[^=]|:=)|(?<![\\w.])${escaped}\\s*\\.\\s*release\\s*\\(`).test(codeOnly(text))) continue;
      this.enterLocks.set(cls, call.chain);
      return;
    }
  }

  /**
   * The module-level lock that `with Name():` holds, where `Name` is a module-level class of this
   * file whose `__enter__` takes it (`_lock.acquire()`) and whose `__exit__` releases it: a lock
   * wrapper (`class _Exclusive: def __enter__(self): _lock.acquire()`). '' otherwise.
   */
  private classHolds(name: string): string {
    if (name.includes('.')) return '';
    const def = this.moduleDefs.get(name)?.value;
    if (def?.k !== 'class') return '';
    const lock = this.enterLocks.get(def.cls);
    const exit = this.exitTexts.get(def.cls);
    if (lock === undefined || exit === undefined || !(this.moduleDefs.has(lock) || this.moduleImports.has(lock))) return '';
    return new RegExp(`(?<![\\w.])${lock}\\s*\\.\\s*release\\s*\\(`).test(codeOnly(exit)) ? lock : '';
  }

  /** The lock a module-level function of this file named `name` holds around the code it is given, or ''. */
  private heldBy(name: string): string {
    if (name.includes('.') || (this.scope !== null && this.isLocalName(name))) return '';
    const def = this.moduleDefs.get(name)?.value;
    const holds = def?.k === 'function' ? this.functions[def.fn].holds : '';
    return holds === NO_HOLD ? '' : holds;
  }

  /**
   * The held-lock key (`_sku_locks[sku]`) of one lock from a module-level collection of locks whose
   * name says so (`with _sku_locks[sku]:`, `with _locks.setdefault(sku, Lock()):`), or null. Such a
   * lock guards only writes keyed the same way (see heldFor()); not `.get(k, default)`, whose default
   * may be no lock at all, nor a collection on `self` (one per instance).
   */
  private keyedLock(value: Node): string | null {
    let base: Node | null = null;
    let key: Node | null = null;
    if (value.type === 'subscript') {
      base = value.childForFieldName('value');
      const keys = value.childrenForFieldName('subscript').filter((k): k is Node => k !== null);
      key = keys.length === 1 ? keys[0] : null;
    } else {
      const fn = value.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const args = (value.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
      if (method === 'setdefault' || (method === 'get' && args.length === 1)) {
        base = fn!.childForFieldName('object');
        key = args[0] ?? null;
      }
    }
    const chain = chainOf(base);
    if (!chain || !key || !LOCK_NAME.test(chain.slice(chain.lastIndexOf('.') + 1))) return null;
    const lockKey = this.lockKey(chain);
    if (!lockKey.includes('#')) return `${lockKey}[${key.text}]`;
    // `with cls._queues_lock[pid]:`, `with self._locks[name]:` on a collection the class body made before this
    // method (Tryton's pool and bus): one collection for every instance, so one lock per key for them all.
    // (The class body's bindings before a method are part of its memo key.)
    const [head, rest] = splitChain(chain);
    const scope = this.scope;
    if (scope === null || scope.cls < 0 || head !== scope.selfName || rest.indexOf('.', 1) >= 0) return null;
    const attr = rest.slice(1);
    if (!this.rawClassAttrs[scope.cls]?.some((b) => b.name === attr)) return null;
    return `${this.classes[scope.cls].qualname}.${attr}[${key.text}]`;
  }

  /**
   * The locks held at a write: a per-key lock (`_locks[sku]`) only for a write that names the same
   * key (`_reserved[sku] = ...`, `_reserved.pop(sku)`), not for state every key shares (`_total += n`).
   */
  private heldFor(node: Node): string[] {
    const held = this.provisional.length > 0 ? [...this.held, ...this.provisional] : [...this.held];
    if (!held.some((k) => k.endsWith(']'))) return held;
    const src = this.input.source;
    const out: string[] = [];
    for (const k of held) {
      if (!k.endsWith(']')) {
        out.push(k);
        continue;
      }
      const mentioned = mentionsOf(src, k.slice(k.indexOf('[') + 1, -1), node.startIndex, node.endIndex, 1) > 0;
      // A helper resolved later (defined below, imported) may hold one lock or one per key: whether
      // this write names the key is kept (`!` when it does not) for when that is known.
      if (isProvisional(k)) out.push(mentioned ? k : `${k}${UNNAMED_KEY}`);
      else if (mentioned) out.push(k);
    }
    return out;
  }

  /**
   * `tried`: a non-blocking acquire (nonBlockingAcquire()), which cannot deadlock: kept as `key` +
   * TRIED_ACQUIRE; `timed`: one with a timeout (timedAcquire()), kept as `key` + TIMED_ACQUIRE, which
   * on a lock its caller holds waits out the timeout and fails.
   */
  private noteAcquire(key: string, node: Node, tried = false, timed = false): void {
    const fn = this.currentFn();
    if (fn < 0) return;
    let set = this.acquired.get(fn);
    if (!set) this.acquired.set(fn, (set = new Set()));
    const noted = tried ? key + TRIED_ACQUIRE : timed ? key + TIMED_ACQUIRE : key;
    set.add(noted);
    this.recording?.acquired.push([fn, noted]);
    const first = this.held.includes(key) ? this.heldSpans.get(`${fn}\u0000${key}`) : undefined;
    if (first) {
      if (!tried) this.reacquired.push({ fn, key, span: spanOf(node), first });
    } else {
      // `with self._cond:` then `with self._lock:`: the same lock when the condition was made over it (finishLocks).
      for (const outer of tried ? [] : this.held) {
        const at = outer !== key ? this.heldSpans.get(`${fn}\u0000${outer}`) : undefined;
        if (at) this.reacquired.push({ fn, key, span: spanOf(node), first: at, outer });
      }
      const span = spanOf(node);
      this.heldSpans.set(`${fn}\u0000${key}`, span);
      this.recording?.heldSpans.push([fn, key, span]);
    }
  }

  private visitDelete(target: Node): void {
    if (target.type === 'expression_list' || target.type === 'tuple' || target.type === 'list') {
      for (const c of target.namedChildren) if (c) this.visitDelete(c);
      return;
    }
    if (target.type === 'subscript') {
      const obj = target.childForFieldName('value');
      const chain = chainOf(obj);
      for (const s of target.childrenForFieldName('subscript')) this.visitExpr(s);
      if (chain) this.record(chain, 'delitem', target, this.threadKeyed(target) ? { detail: THREAD_KEY } : {});
      else if (obj?.type === 'subscript' && chainOf(obj.childForFieldName('value')) !== null) {
        // `del _carts[cart_id][sku]`: an entry of a container the named one holds (as `X[a][k] = v`).
        this.visitExpr(obj);
        this.record(this.entryOwner(chainOf(obj.childForFieldName('value'))!, obj), 'delitem', target, this.threadKeyed(obj) ? { detail: THREAD_KEY } : {});
      } else this.visitResult(obj, 'delitem', target, {});
      return;
    }
    if (target.type === 'identifier') {
      if (this.scope?.globals.has(target.text)) this.record(target.text, 'rebind', target, { detail: 'del' });
      else if (!this.scope && this.classBody < 0 && !this.inMain) this.deleted.push(target.text);
      else this.bindName(target.text, spanOf(target), { k: 'unknown' });
      return;
    }
    if (target.type === 'attribute') {
      const chain = chainOf(target);
      if (chain) this.recordAttributeStore(chain, target, null);
      else this.visitExpr(target.childForFieldName('object'));
    }
  }

  // ---------------------------------------------------------------- assignments

  /** `type(self).x = v` / `type(self).d[k] = v`, parsed as a type alias (see visitStatement). */
  private visitTypeOfAssignment(node: Node): void {
    const left = node.childForFieldName('left')?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    const right = node.childForFieldName('right')?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    let taint: string | null = null;
    if (right) {
      const saved = this.rhsReads;
      this.rhsReads = new Set();
      taint = this.visitExpr(right) ? right.text : null;
      this.lastReads = this.rhsReads;
      this.rhsReads = saved;
    }
    if (left && (left.type === 'attribute' || left.type === 'subscript')) this.assignTarget(left, right, taint);
    else if (left) this.visitExpr(left);
    this.lastReads = null;
  }

  /** The name an expression stands for, through `typing.cast(T, name)`: `name`; null for anything else. */
  private castOf(value: Node): string | null {
    if (value.type === 'identifier') return value.text;
    if (value.type !== 'call' || this.canonicalHere(chainOf(value.childForFieldName('function')) ?? '') !== 'typing.cast') return null;
    const args = (value.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a !== null && a.type !== 'comment');
    return args.length === 2 && args[1]!.type === 'identifier' ? args[1]!.text : null;
  }

  /** Whether `name` is a module-level function of this file, not shadowed where it is read. */
  private ownFunctionName(name: string): boolean {
    return name.indexOf('.') < 0 && this.moduleDefs.get(name)?.value.k === 'function' && !this.isLocalName(name);
  }

  /** FileSummary.functionAttrs, from the attribute stores recorded (decided after the walk). */
  private functionAttrs(): { functionAttrs?: string[] } {
    const out = new Set<string>();
    for (const a of this.accesses) {
      if (a.op !== 'attr-store' || a.target.t !== 'chain') continue;
      const chain = a.target.chain;
      const dot = chain.indexOf('.');
      if (dot > 0 && chain.indexOf('.', dot + 1) < 0 && this.moduleDefs.get(chain.slice(0, dot))?.value.k === 'function') out.add(chain);
    }
    return out.size > 0 ? { functionAttrs: [...out].sort() } : {};
  }

  /** Whether `name` names the module-level class whose method is being walked (a method of `Service`, `Service`). */
  private ownClassName(name: string): boolean {
    const scope = this.scope;
    return scope !== null && scope.cls >= 0 && scope.fn >= 0 && this.functions[scope.fn].cls === scope.cls && this.classes[scope.cls].qualname === name && !this.isLocalName(name);
  }

  private visitAssignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    let taint: string | null = null;
    if (right) {
      if (right.type === 'assignment') {
        // a = b = value: the inner assignment binds first; both targets get the value.
        this.visitAssignment(right);
        const value = innermostValue(right);
        taint = value && this.exprTaint(value);
        if (left) this.assignTarget(left, value, taint);
        // `lock = _locks[k] = threading.Lock()`: a lock kept in a collection (returnsALock()).
        if (left?.type === 'identifier' && this.scope && this.scope.assigned.has(left.text) && this.isStoredLock(right)) this.scope.lockLocals.add(left.text);
        return;
      }
      // `global _ENFORCER` ... `_ENFORCER = typing.cast(Enforcer, _ENFORCER)` (or `_ENFORCER = _ENFORCER`):
      // a hint for a type checker, which stores what the name holds already. No read, no write.
      if (left?.type === 'identifier' && this.scope !== null && (this.scope.globals.has(left.text) || this.scope.nonlocals.has(left.text)) && this.castOf(right) === left.text) return;
      // `ogr_imports = [try_libogr_import, try_osgeoogr_import]` at module level, a list only a module-level
      // loop goes through to call each function (importCallLists()): those functions are called while the module loads.
      if (this.scope === null && this.classBody < 0 && !this.inMain && left?.type === 'identifier' && (right.type === 'list' || right.type === 'tuple') && this.importCallLists().has(left.text)) {
        for (const c of right.namedChildren) if (c?.type === 'identifier') this.pend(c.text, { ref: { from: 'import', call: undefined, deferred: undefined } });
        this.assignTarget(left, right, null);
        return;
      }
      // `_debug = debug` at module level, `debug` a function of this file: another name for it, whose
      // calls are its calls (resolve.ts follows the alias); public API still, but not a function
      // handed to code that keeps it (Ref.from 'alias').
      if (this.scope === null && this.classBody < 0 && !this.inMain && left?.type === 'identifier' && right.type === 'identifier' && this.moduleDefs.get(right.text)?.value.k === 'function' && !this.moduleImports.has(right.text)) {
        this.pend(right.text, { ref: { from: 'alias', call: undefined, deferred: undefined } });
        this.assignTarget(left, right, null);
        return;
      }
      // `self.SessionStore = SessionStore` in a middleware's constructor: the class is kept, to be
      // called later (per request), not called here (Ref.from 'escape').
      // (Any name or dotted name not of this call, resolved in the cross-file pass: a class imported from
      // another module, `store.SessionStore`, a class defined further down.)
      if (this.scope !== null && (left?.type === 'attribute' || left?.type === 'subscript') && (right.type === 'identifier' || right.type === 'attribute')) {
        const kept = chainOf(right);
        const base = kept !== null ? splitChain(kept)[0] : '';
        if (kept !== null && !this.isLocalName(base) && !BUILTINS.has(base)) this.pend(kept, { ref: { from: 'escape', call: undefined, deferred: undefined } });
      }
      const saved = this.rhsReads;
      this.rhsReads = new Set();
      taint = this.visitExpr(right) ? right.text : null;
      this.lastReads = this.rhsReads;
      this.rhsReads = saved;
    }
    if (left) this.assignTarget(left, right, taint);
    this.lastReads = null;
    // `DATABASE_ROUTERS = [PrimaryRouter()]`: instances kept in a module-level container.
    if (right && this.scope === null && this.classBody < 0 && !this.inMain && CONTAINER_LITERALS.has(right.type)) {
      this.noteKept(right, 'module', 0);
      if (left?.type === 'identifier' && (left.text === 'DATABASE_ROUTERS' || left.text === 'AUTH_PASSWORD_VALIDATORS')) this.noteSettingsClasses(left.text, right);
    }
  }

  /**
   * `DATABASE_ROUTERS = ["app.routers.Replica"]`, `AUTH_PASSWORD_VALIDATORS = [{"NAME": "app.v.Strong"}]`
   * in a settings module: Django imports each class by its dotted path and makes one instance of it
   * for the process (`ConnectionRouter.routers`, the cached `get_default_password_validators()`).
   */
  private noteSettingsClasses(setting: string, value: Node): void {
    const how = setting === 'DATABASE_ROUTERS' ? 'router' : 'validator';
    for (const item of value.namedChildren) {
      if (!item) continue;
      let path: Node | null = null;
      if (how === 'router') path = item;
      else if (item.type === 'dictionary') {
        for (const pair of item.namedChildren) {
          if (pair?.type === 'pair' && /^['"]NAME['"]$/.test(pair.childForFieldName('key')?.text ?? '')) path = pair.childForFieldName('value');
        }
      }
      const dotted = path?.type === 'string' ? /^(['"])([A-Za-z_][\w.]*\.[A-Za-z_]\w*)\1$/.exec(path.text)?.[2] : undefined;
      if (dotted !== undefined) this.kept.push({ chain: dotted, span: spanOf(path!), how });
    }
  }

  /**
   * Instances of (what looks like) a class, made in `value` without a name of their own: the call
   * itself, or the items of a list, tuple, set or dict up to two levels deep (FileSummary.kept).
   */
  private noteKept(value: Node, how: FileSummary['kept'][number]['how'], depth: number): void {
    if (value.type === 'call') {
      const chain = chainOf(value.childForFieldName('function'));
      // A class name by convention; the resolver checks that it names a class.
      if (chain !== null && /^_*[A-Z]/.test(chain.slice(chain.lastIndexOf('.') + 1))) this.kept.push({ chain: this.canonicalHere(chain), span: spanOf(value), how });
      return;
    }
    if (depth >= 2) return;
    if (value.type === 'keyword_argument') {
      const v = value.childForFieldName('value');
      if (v) this.noteKept(v, how, depth);
    } else if (CONTAINER_LITERALS.has(value.type)) {
      for (const item of value.namedChildren) {
        if (!item) continue;
        const v = item.type === 'pair' ? item.childForFieldName('value') : item;
        if (v) this.noteKept(v, how, depth + 1);
      }
    }
  }

  /** While a store is recorded: how many of the held locks were held when its value was read (readBeforeLock()), else -1. */
  private heldSinceRead = -1;

  /**
   * The locks held at `node` that were also held at a read made with the first `depth` of them held:
   * those taken after the read do not guard a read-modify-write through it (an RLock taken again
   * was held all along).
   */
  private heldAcrossRead(node: Node, depth: number): string[] {
    const before = this.held.slice(0, depth);
    const later = this.held.slice(depth).filter((k) => !before.includes(k));
    return this.heldFor(node).filter((k) => !later.includes(k));
  }

  /** The chains the current assignment's value read (set while its targets are bound). */
  private lastReads: Set<string> | null = null;

  /** True when the value being assigned reads `chain` (as code, not inside a string). */
  private valueReads(chain: string, value: Node | null = null, throughLocals = false): boolean {
    if (this.lastReads === null) return false;
    // `_row_factory = lru_cache(size)(_row_factory.__wrapped__)`: wrapped again, the function every version
    // wraps, whatever is stored now; not `X = X.__wrapped__`, which unwraps what is stored now.
    // (A copy of the global in a local, `saved = _current`, read as part of the value, `_current = merge(saved, x)`:
    // not the copy stored back whole, `_current = saved`, which restores it.)
    return this.lastReads.has(chain) || (this.lastReads.has(`${WRAPPED_READ}${chain}`) && value?.type !== 'call') ||
      (throughLocals && value !== null && (this.lastReads.has(`${DERIVED_READ}c:${chain}`) || (this.lastReads.has(`${DERIVED_READ}${chain}`) && value.type !== 'identifier')));
  }

  /**
   * How a store of `value` into `chain` is judged: `X = X or default` is a lazy initialisation
   * (check-then-act, `extra.check`), a value that reads `chain` otherwise a read-modify-write.
   */
  private storeFacts(chain: string, value: Node | null, stmt: Node, taint: string | null, throughLocals = false): { rmw: boolean; extra: Partial<Access> } {
    const lazy = orDefault(chain, value, stmt);
    const rmw = !lazy && value ? this.valueReads(chain, value, throughLocals) : false;
    return { rmw, extra: { ...lazy, ...(taint ? { taint } : {}) } };
  }

  /** Whether an already visited expression is request-derived (cheap re-check by names). */
  private exprTaint(node: Node): string | null {
    const chain = chainOf(node);
    if (chain) {
      const [base, rest] = splitChain(chain);
      if (this.isTaintedName(base) || this.isRequestAttribute(base, rest)) return node.text;
    }
    return null;
  }

  private assignTarget(target: Node, value: Node | null, taint: string | null): void {
    switch (target.type) {
      case 'identifier': {
        const name = target.text;
        if (this.scope) {
          if (this.scope.globals.has(name)) {
            const stmt = storeStatement(target);
            // (`counter = _counter or 1` ... `_counter = counter + 1`: also through a local, Scope.derived.)
            const { rmw, extra } = this.storeFacts(name, value, stmt, taint, true);
            const detail = !rmw && !extra.check && value ? this.rebindDetail(target, value) : undefined;
            if (detail) extra.detail = detail;
            const early = rmw ? this.readBeforeLock(name) : undefined;
            // (The read's place kept relative to the store's first row: a body replayed from the memo moves both.)
            if (early !== undefined) extra.detail = readBeforeLockDetail(early.local, early.at, stmt.startPosition.row);
            // `_cache = {}` in a lazy initialisation: the global holds a mutable container from then on.
            if (!rmw && value && (LITERAL_MUTABLE.has(value.type) || value.type === 'call')) extra.stores = this.mutableType(value) ?? (value.type === 'call' ? this.storedResource(value) ?? this.storedCall(value) : undefined);
            // The locks taken after the read do not guard the read-modify-write: only those held at the read count.
            this.heldSinceRead = early?.held ?? -1;
            this.record(name, rmw ? 'rmw' : 'rebind', stmt, extra);
            this.heldSinceRead = -1;
            // `batch = _pending; _pending = []`: the local keeps the old object, no longer the shared one.
            for (const [local, target] of this.scope.aliases) if (target === name) this.scope.aliases.delete(local);
          } else if (this.scope.nonlocals.has(name)) {
            // `nonlocal total; total = total + x`: only the update of the enclosing variable is judged (closureUse).
            const stmt = storeStatement(target);
            const { rmw, extra } = this.storeFacts(name, value, stmt, taint);
            if (rmw) this.record(name, 'rmw', stmt, extra);
          } else {
            this.scope.assigned.add(name);
            // From the text first: this runs for every local assignment.
            const text = value && (value.type === 'call' || value.type === 'subscript') ? this.input.source.slice(value.startIndex, value.endIndex) : '';
            if (value && /lock|Lock|mutex|Semaphore|Condition/.test(text) && (this.isStoredLock(value) || this.keyedLock(value) !== null)) this.scope.lockLocals.add(name);
            // `mod = importlib.import_module(name)`, `cls = getattr(mod, "Lexer")`: a lazy import,
            // the same object for every thread (like `from m import X` in the function).
            const comprehension = value !== null && value.type === 'call' && COLLECTION_BUILDERS.has(chainOf(value.childForFieldName('function')) ?? '') && this.input.source.slice(value.startIndex, value.endIndex).includes('import');
            if (value && (text.includes('import') || text.startsWith('getattr') || comprehension) && this.isDynamicImport(value)) this.scope.imports.set(name, comprehension ? DYNAMIC_IMPORT_LIST : DYNAMIC_IMPORT);
            else if (this.scope.imports.get(name) === DYNAMIC_IMPORT || this.scope.imports.get(name) === DYNAMIC_IMPORT_LIST) this.scope.imports.delete(name);
            // `got = _lock.acquire(timeout=1)`: a try-lock whose result the code tests later (visitIf).
            const tried = value?.type === 'call' && text.includes('acquire(') ? triedLock(value) : null;
            if (tried) (this.scope.acquiredLocals ??= new Map()).set(name, tried.chain);
            else this.scope.acquiredLocals?.delete(name);
            if (value && this.isThreadKey(value) && value.type !== 'identifier') this.scope.threadIds.add(name);
            else if (value && this.isWeakRefCall(value)) this.scope.ownKeys.add(name);
            else this.scope.threadIds.delete(name);
            this.noteLocalValue(this.scope, name, target, value);
            if (value) this.noteDerived(this.scope, name, value);
            if (taint) this.scope.tainted.add(name);
            else this.scope.tainted.delete(name);
          }
        } else {
          const statement = target.parent?.type === 'assignment' ? target.parent.parent : null;
          const topLevel = this.classBody < 0 && value !== null && statement?.type === 'expression_statement' && statement.parent?.type === 'module';
          this.bindName(name, spanOf(target), value ? this.rawValue(value) : { k: 'unknown' }, topLevel);
          // `registry: ClassVar[dict] = {}` in a class body.
          if (this.classBody >= 0 && target.parent?.type === 'assignment' && target.parent.childForFieldName('type')?.text.includes('ClassVar')) {
            this.classes[this.classBody].classVars.push(name);
          }
          // Flask's `View` with `init_every_request = False`: one instance serves every request.
          if (this.classBody >= 0 && name === 'init_every_request' && value?.text === 'False') this.classes[this.classBody].reusesInstance = true;
        }
        return;
      }
      case 'attribute': {
        const chain = chainOf(target);
        if (!chain) {
          const obj = target.childForFieldName('object');
          const stmt = storeStatement(target);
          this.visitResult(obj, 'attr-store', stmt, taint ? { taint } : {});
          // `FIELDS["email"].required = True`: an attribute of an object the named container holds.
          this.recordEntryChange(entrySubscript(obj), 'setitem', ENTRY_ATTR, stmt, taint);
          return;
        }
        this.recordAttributeStore(chain, target, value, taint);
        return;
      }
      case 'subscript': {
        const obj = target.childForFieldName('value');
        for (const s of target.childrenForFieldName('subscript')) this.visitExpr(s);
        const chain = chainOf(obj);
        if (!chain) {
          const stmt = storeStatement(target);
          // `STATS[day][path] = n`, `app.config["CACHE"][k] = v`: an entry of a container the named one holds.
          const inner = obj?.type === 'subscript' ? chainOf(obj.childForFieldName('value')) : null;
          if (inner) {
            this.visitExpr(obj);
            const rmw = value ? this.valueReads(inner) : false;
            const detail = this.threadKeyed(obj!) ? THREAD_KEY : rmw ? 'item' : undefined;
            this.record(this.entryOwner(inner, obj), rmw ? 'rmw' : 'setitem', stmt, { ...(detail ? { detail } : {}), ...(taint ? { taint } : {}) });
            return;
          }
          // `_by_day.setdefault(day, {})[path] = n`, `PREFS.get(user, {})[k] = v`: the entry for that key, as
          // shared as the container (`get` with a default: the entry whenever there is one).
          const entry = this.entryGetter(obj, true);
          if (entry !== null) {
            this.visitExpr(obj);
            this.record(this.entryOwner(entry.container), 'setitem', stmt, { ...(entry.key && this.isThreadKey(entry.key) ? { detail: THREAD_KEY } : {}), ...(taint ? { taint } : {}) });
            return;
          }
          this.visitResult(obj, 'setitem', stmt, taint ? { taint } : {});
          // `self.base_fields["x"].widget.attrs["class"] = "big"`: a container inside an entry of a named one.
          if (obj?.type === 'attribute') this.recordEntryChange(entrySubscript(obj), 'setitem', ENTRY_ATTR, stmt, taint);
          return;
        }
        // `SALES.loc[mask, "x"] = v` (`.iloc`, `.at`, `.iat`): an item assignment of the frame itself.
        const frame = frameOfAccessor(chain, this.scope?.selfName);
        if (frame !== null) {
          this.readChain(frame);
          this.record(frame, 'setitem', storeStatement(target), taint ? { taint } : {});
          return;
        }
        // (Asked before the target's own read below, which is no re-read of the container.)
        const early = value !== null && chain.indexOf('.') < 0 ? this.entryReadBeforeLock(chain, target) : undefined;
        this.readChain(chain);
        // `layout["header"] = dict(layout["header"])`: that entry of the copy is its own from then on (the others are not).
        if (this.scope !== null && chain.indexOf('.') < 0 && this.scope.copies.has(chain)) {
          const key = subscriptKey(target);
          if (key === null) this.scope.copies.delete(chain);
          else {
            let keys = this.scope.replaced.get(chain);
            if (!keys) this.scope.replaced.set(chain, (keys = new Set()));
            keys.add(key);
          }
        }
        // `X[:] = [0] * len(X)` reads only the length: a reset, not an update of what is there. And
        // `d["b"] = d["a"] * 2` reads another entry: a store of a value computed from it, not an update of `d["b"]`.
        const stmt = storeStatement(target);
        // `RE_CACHE[p] = RE_CACHE.get(p, re.compile(p))`: the entry there, or one computed from its key alone.
        const getOrPure = value !== null ? this.getOrPureDefault(chain, target, value) : null;
        const rmw = value && getOrPure === null ? this.valueReads(chain) && !readsOnlyLength(value, chain) && readsSameEntry(this.input.source, value, obj!, target) && !this.readsOtherEntryOnly(value, chain, obj!, target) : false;
        // `detail: 'item'`: an item of the object is read and written back (`d[k] = d.get(k, 0) + 1`), not the name or attribute itself.
        // `if alphabet not in _b32rev: _b32rev[alphabet] = {...}`: an entry computed from its key and constants alone.
        const free = new Set<string>();
        // `cache["sha1"] = _sha1.sha1` after `import _sha1` in the function: the same object whichever thread stores it.
        const threadKey = this.threadKeyed(target);
        const detail =
          threadKey ? THREAD_KEY
          : getOrPure !== null ? getOrPure
          : rmw ? 'item'
          // `_registered[function.__qualname__] = function`: an object under its own name (SELF_KEYED).
          : value && selfKeyed(target, value) && this.scope !== null && this.scope.params.has(value.text) && !this.scope.assigned.has(value.text) ? SELF_KEYED
          : value && this.purePublication(target, target, free) ? pureDetail(PURE_KEYED, free, value)
          : value && this.stevedorePluginClass(value) ? IMPORTED_PLUGIN_CLASS
          : value && this.isImportedValue(value) ? (this.isImportedList(value) ? IMPORTED_LIST : IMPORTED_VALUE)
          // `self.base_fields[TOTAL_FORM_COUNT] = IntegerField(...)`: every form stores its field under the same key.
          : chain.endsWith('_fields') && this.isConstantKey(target) ? CONSTANT_KEY
          // `self._values[instance] = value` in a descriptor's `__set__`: the owner instance's own entry.
          : this.isOwnerKey(target) ? OWNER_KEY
          // `DIALECT_MAP["v1"] = "ikev1"`: the same literal under the same literal key (constantEntry()).
          : value ? constantEntry(target, value)
          : undefined;
        this.threadKeyText = threadKey ? (target.childrenForFieldName('subscript').find((k) => k !== null)?.text ?? '') : '';
        // The locks taken after a lookup the value is computed from do not guard the update (as for a global).
        const before = rmw && !threadKey ? early : undefined;
        this.heldSinceRead = before?.held ?? -1;
        this.record(chain, rmw ? 'rmw' : 'setitem', stmt, {
          ...(before !== undefined ? { detail: readBeforeLockDetail(before.local, before.at, stmt.startPosition.row) } : detail ? { detail } : {}),
          ...(taint ? { taint } : {}),
          // (The `get()` is the test, as in `if p not in RE_CACHE: RE_CACHE[p] = ...`.)
          ...(getOrPure !== null ? { check: { span: spanOf(stmt), outside: false, member: true } } : {}),
        });
        this.heldSinceRead = -1;
        this.threadKeyText = '';
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'expression_list':
      case 'tuple':
      case 'list':
        for (const c of target.namedChildren) if (c) this.assignTarget(c, null, taint);
        return;
      case 'list_splat_pattern':
      case 'parenthesized_expression':
        for (const c of target.namedChildren) if (c) this.assignTarget(c, null, taint);
        return;
      default:
        this.visitExpr(target);
    }
  }

  private recordAttributeStore(chain: string, target: Node, value: Node | null, taint: string | null = null): void {
    const [base, rest] = splitChain(chain);
    const callee = value?.type === 'call' ? chainOf(value.childForFieldName('function')) : null;
    if (callee && classifyCall(this.canonicalHere(callee), this.options, new Map()).k === 'lock') {
      const attr = chain.slice(chain.lastIndexOf('.') + 1);
      this.lockAttrs.add(attr);
      this.recording?.lockAttrs.push(attr);
    }
    const stmt = target.parent?.type === 'delete_statement' ? target.parent : storeStatement(target);
    if (this.scope && this.scope.selfName === base && this.scope.cls >= 0 && rest.indexOf('.', 1) < 0) {
      const attr = rest.slice(1);
      const fn = this.functions[this.scope.fn];
      if (!fn.nested && !fn.isClassMethod && value) {
        const inInit = fn.name === '__init__';
        this.rawInstanceAttrs[this.scope.cls].push({ name: attr, span: spanOf(target), value: inInit ? this.initValue(value) : { k: 'unknown' } });
      } else if (!fn.isClassMethod) {
        this.rawInstanceAttrs[this.scope.cls].push({ name: attr, span: spanOf(target), value: { k: 'unknown' } });
      }
      const { rmw, extra } = this.storeFacts(chain, value, stmt, taint);
      // `del self.tmp`: a second thread's `del` raises AttributeError; and a store it undoes is not a
      // dead one (readsBack(): it counts as a read).
      if (stmt.type === 'delete_statement') {
        if (extra.detail === undefined) extra.detail = 'del';
        this.noteSelfCall(this.scope.cls, READ_ATTR + attr);
      }
      // `if self._rx is None: self._rx = re.compile(r"^/health")`: racing threads store equal objects.
      if (!rmw && value && extra.detail === undefined && value.type === 'call') {
        const callee = this.constantCallee(value);
        if (callee && this.onlyCompilesHere(target)) extra.detail = `${IDEMPOTENT_VALUE}${callee} ${value.text.replace(/\s+/g, ' ')}`;
      }
      // `cls._panel = import_string(settings.PANEL)` in a classmethod: a lazy import, the same object for every thread.
      if (!rmw && value && extra.detail === undefined && fn.isClassMethod && this.isImportedValue(value)) extra.detail = IMPORTED_VALUE;
      this.record(chain, fn.isClassMethod ? (rmw ? 'rmw' : 'rebind') : rmw ? 'rmw' : 'self-write', stmt, extra);
      return;
    }
    // `self.last_order = order_id` in `@app.task(bind=True) def archive(self, order_id)`: the task object is one per worker
    // process, which a thread (or gevent/eventlet) pool shares between concurrent runs.
    if (this.scope !== null && this.scope.boundTask !== '' && base === this.scope.boundTask && rest.indexOf('.', 1) < 0 && target.parent?.type !== 'delete_statement' && this.held.length === 0) {
      this.local.push({
        code: 'TL008',
        span: spanOf(stmt),
        fn: this.scope.fn,
        message: `\`${chain}\` is written on the task object Celery passes to a bound task, one object per worker process: with the threads pool (or gevent, eventlet), runs of the task at once share it, so they see each other's value (reported as information).`,
        severity: 'information',
        related: [],
      });
    }
    // `_model = Model(); _model.session = open(path)` under a double-checked lock: set up after it was published.
    if (this.published.size > 0 && this.scope !== null && rest.indexOf('.', 1) < 0 && this.scope.globals.has(base) && this.held.length > 0) this.notePublication(base, 'attr-store', stmt);
    // (Also deeper: `ADMIN_NOVA_CLIENT.client.endpoint_override = url` sets up the client just assigned.)
    if (this.earlyPublished.size > 0) this.noteEarlySetup(base, stmt);
    // Reading the object is a use too (e.g. a module attribute); not `Service.service_id = ...` in a method of
    // `Service`, the class's own state, set once something uses the class.
    const objText = chain.slice(0, chain.lastIndexOf('.'));
    // (Nor, at module level, `Task.__init__ = None` on a class of this module, which makes no instance of it.)
    // (Nor `initialize.initialized = True` on a function of this module: data kept on it, FileSummary.functionAttrs.)
    if (!this.ownClassName(objText) && !(this.scope === null && this.classBody < 0 && this.moduleDefs.get(objText)?.value.k === 'class') && !this.ownFunctionName(objText)) this.readChain(objText);
    const { rmw, extra } = this.storeFacts(chain, value, stmt, taint);
    if (value && this.restoresValue(this.canonicalHere(chain), value)) extra.detail = RESTORES;
    // `log.failed = True` on an imported module, in a function: a literal stored into its global, judged
    // with that module's own `global failed; failed = True` (every write must store the same).
    else if (!rmw && value && this.scope !== null && rest.indexOf('.', 1) < 0 && this.moduleImports.has(base) && !this.isLocalName(base) && isLiteral(value)) extra.detail = `${LITERAL_PREFIX}${value.text.replace(/\s+/g, ' ')}`;
    this.record(chain, rmw ? 'rmw' : 'attr-store', stmt, extra);
  }

  private visitAugmented(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const taint = this.visitExpr(right) && right ? right.text : null;
    if (!left) return;
    const extra: Partial<Access> = { detail: node.childForFieldName('operator')?.text ?? '+=' };
    if (taint) extra.taint = taint;
    if (left.type === 'identifier') {
      const name = left.text;
      if (this.scope && !this.scope.globals.has(name)) {
        // A local (or a parameter): only a mutable default matters, and an enclosing function's variable (`nonlocal`).
        if (this.scope.mutableDefaults.has(name) || this.scope.nonlocals.has(name)) this.record(name, 'augassign', node, extra);
        this.scope.assigned.add(name);
        // `n = _count; n += 1`: computed from the global now (Scope.derived).
        const derived = this.scope.derived?.get(name);
        if (derived !== undefined) derived.computed = true;
        // `panels += [DefaultPanel()]`: no longer only imported objects.
        if (this.scope.imports.get(name) === DYNAMIC_IMPORT_LIST) this.scope.imports.delete(name);
        return;
      }
      this.record(name, 'augassign', node, extra);
      return;
    }
    if (left.type === 'attribute') {
      const chain = chainOf(left);
      if (chain) this.record(chain, 'rmw', node, extra);
      else this.visitResult(left.childForFieldName('object'), 'rmw', node, extra);
      return;
    }
    if (left.type === 'subscript') {
      const obj = left.childForFieldName('value');
      for (const s of left.childrenForFieldName('subscript')) this.visitExpr(s);
      const chain = chainOf(obj);
      // `self.counts[k] += 1`: an item of the object is read and written back (detail 'item', as for `d[k] = d[k] + 1`);
      // `counts[get_ident()] += 1`: the calling thread's own entry.
      extra.detail = this.threadKeyed(left) ? THREAD_KEY : 'item';
      // `SALES.loc[0, "qty"] += 1` (`.iloc`, `.at`, `.iat`): an item of the frame itself.
      const frame = chain !== null ? frameOfAccessor(chain, this.scope?.selfName) : null;
      if (frame !== null) this.record(frame, 'rmw', node, extra);
      else if (chain) this.record(chain, 'rmw', node, extra);
      else {
        // `STATS["tiles"]["hits"] += 1` (and deeper): an entry of a container the named one holds (as assignTarget() for `=`).
        let below: Node | null = obj;
        while (below?.type === 'subscript' && below.childForFieldName('value')?.type === 'subscript') below = below.childForFieldName('value');
        const inner = below?.type === 'subscript' ? chainOf(below.childForFieldName('value')) : null;
        if (inner && below) {
          this.visitExpr(obj);
          if (this.threadKeyed(below)) extra.detail = THREAD_KEY;
          this.record(this.entryOwner(inner, below), 'rmw', node, extra);
        } else this.visitResult(obj, 'rmw', node, extra);
      }
      return;
    }
    this.visitExpr(left);
  }

  private rawValue(value: Node): RawValue {
    const lit = literalKind(value);
    if (lit) return lit;
    if (value.type === 'call') {
      const fn = value.childForFieldName('function');
      const chain = chainOf(fn);
      // `sessionmaker(bind=engine)()`: a SQLAlchemy Session, made by the factory at once.
      if (!chain && fn?.type === 'call') {
        const maker = chainOf(fn.childForFieldName('function'));
        if (maker !== null && /^sqlalchemy\.orm(\.session)?\.sessionmaker$/.test(this.canonical(maker))) return { k: 'call', callee: 'sqlalchemy.orm.Session' };
      }
      if (!chain) return { k: 'unknown' };
      const kwargs = new Map<string, string>();
      let positional = 0;
      for (const a of value.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type === 'keyword_argument') {
          const n = a.childForFieldName('name')?.text;
          const v = a.childForFieldName('value')?.text;
          if (n && v) kwargs.set(n, v);
        } else if (a && a.type !== 'comment') {
          // The first positional argument, under a key no keyword can have (a semaphore's count); the second (`open(p, "ab")`'s mode).
          if (positional === 0) kwargs.set(FIRST_ARG, a.text);
          else if (positional === 1) kwargs.set(SECOND_ARG, a.text);
          positional++;
        }
      }
      const dot = chain.lastIndexOf('.');
      return { k: 'rawcall', chain, kwargs, receiver: dot > 0 ? chain.slice(0, dot) : undefined };
    }
    const chain = chainOf(value);
    if (chain) return { k: 'rawref', chain };
    return { k: 'unknown' };
  }

  // ---------------------------------------------------------------- expressions

  /**
   * Module-level names that hold only lists or tuples of names and that the module uses only to go
   * through them in a module-level loop calling each item (importTimeLoopCalls()), besides testing
   * them (`if not ogr_imports:`): mapproxy's `for try_import in ogr_imports: res = try_import()`.
   */
  private importCallLists(): ReadonlySet<string> {
    if (this.callLists !== undefined) return this.callLists;
    const out = new Set<string>();
    this.callLists = out;
    const root = this.root;
    if (root === null) return out;
    // The loops: module-level `for x in NAME:` (also under `if`/`else`) whose body only calls `x`.
    const loops: string[] = [];
    const visit = (node: Node): void => {
      for (const c of node.namedChildren) {
        if (c === null) continue;
        if (c.type === 'if_statement' || c.type === 'elif_clause' || c.type === 'else_clause' || c.type === 'block') visit(c);
        else if (c.type === 'for_statement') {
          const right = c.childForFieldName('right');
          if (right?.type === 'identifier' && loopOnlyCalls(c)) loops.push(right.text);
        }
      }
    };
    visit(root);
    for (const name of new Set(loops)) {
      let bound = false;
      const ok = root.descendantsOfType('identifier').every((id) => {
        if (id === null || id.text !== name) return true;
        const parent = id.parent;
        if (parent === null) return false;
        // (At module level: not in a function, a class or a lambda, which may use it later.)
        for (let a: Node | null = parent; a !== null; a = a.parent) {
          if (a.type === 'function_definition' || a.type === 'class_definition' || a.type === 'lambda') return false;
        }
        // `NAME = [f, g]`: a display of names.
        if (parent.type === 'assignment' && parent.childForFieldName('left')?.id === id.id) {
          const value = parent.childForFieldName('right');
          bound = true;
          return parent.parent?.type === 'expression_statement' && (value?.type === 'list' || value?.type === 'tuple') && value.namedChildren.every((x) => x === null || x.type === 'comment' || x.type === 'identifier');
        }
        // `for x in NAME:` of such a loop.
        if (parent.type === 'for_statement' && parent.childForFieldName('right')?.id === id.id) return loopOnlyCalls(parent);
        // `if not NAME:` / `if NAME:`: a test of it.
        const test = parent.type === 'not_operator' ? parent.parent : parent;
        return (test?.type === 'if_statement' || test?.type === 'elif_clause') && test.childForFieldName('condition')?.id === (parent.type === 'not_operator' ? parent.id : id.id);
      });
      if (ok && bound) out.add(name);
    }
    return out;
  }

  private callLists: ReadonlySet<string> | undefined;

  /** `Request` (Werkzeug's, Flask's) or a class of this module derived from one (`class MyRequest(Request)`), as written in a decorator. */
  private isWerkzeugRequestClass(chain: string): boolean {
    if (WERKZEUG_REQUESTS.has(this.canonicalHere(chain))) return true;
    const local = chain.includes('.') ? -1 : this.classes.findIndex((c) => c.qualname === chain);
    return local >= 0 && this.rawClassBases[local].some((b) => WERKZEUG_REQUESTS.has(this.canonical(b)));
  }

  /** By class index: methods the class body makes class or static methods by name (`f = classmethod(f)`). */
  private readonly methodAliases = new Map<number, Map<string, string>>();
  /** The module's tree (run()). */
  private root: Node | null = null;

  /** Records a read of a dotted chain: a reference for the import-time analysis. */
  private readChain(chain: string, asCall = false, decorates = false): void {
    const fn = this.currentFn();
    // `self.user` read in a method (or a closure in one): ClassInfo.selfCalls, READ_ATTR.
    const scope = this.scope;
    if (scope !== null && scope.globals.size > 0 && this.held.length > 0) {
      const base = chain.indexOf('.') < 0 ? chain : chain.slice(0, chain.indexOf('.'));
      if (scope.globals.has(base) && (scope.globalReadsHeld?.get(base) ?? 0) < this.held.length) (scope.globalReadsHeld ??= new Map()).set(base, this.held.length);
    }
    // `with _lock: if _reserved.get(sku) == current:`: the container tested again under a lock taken since a lookup in it
    // (a compare-and-set; not any read, `len(_reserved)`, `other = _reserved.get("x")`).
    if (scope !== null && scope.lookupsAt !== undefined && scope.lookupsAt.size > 0 && this.held.length > 0 && this.collecting !== null) {
      const base = chain.indexOf('.') < 0 ? chain : chain.slice(0, chain.indexOf('.'));
      for (const local of scope.lookupsAt.keys()) {
        if (scope.lookups.get(local) !== base || (scope.lookupReadsHeld?.get(base) ?? 0) >= this.held.length) continue;
        (scope.lookupReadsHeld ??= new Map()).set(base, this.held.length);
        break;
      }
    }
    // `elapsed = property(lambda self: time.monotonic() - self.started)` in a class body: an attribute read.
    if (scope === null && this.classBody >= 0 && this.lambdaDepth > 0) {
      const dot = chain.indexOf('.');
      if (dot > 0) {
        const next = chain.indexOf('.', dot + 1);
        this.noteSelfCall(this.classBody, READ_ATTR + chain.slice(dot + 1, next < 0 ? chain.length : next));
      }
    }
    // `tab.resolved_title`, `t.current`, `self.child.resolved`: an attribute read on an object a
    // local names (FileSummary.attrReads).
    if (scope !== null) this.noteAttrReads(chain);
    if (scope !== null && scope.cls >= 0 && scope.selfName !== '' && chain.startsWith(scope.selfName)) {
      if (chain.length === scope.selfName.length) {
        // `self` itself handed on, returned or looked into (`report(self)`, `getattr(self, name)`,
        // `vars(self)`, `node = self`): any attribute may be read there. Not `isinstance(self, X)`,
        // `type(self)` and the like (visitExprAt()).
        if (!this.selfIdentityOnly) this.noteSelfCall(scope.cls, `${READ_ATTR}*`);
      } else if (chain.charCodeAt(scope.selfName.length) === 46 /* . */) {
        const dot = chain.indexOf('.', scope.selfName.length + 1);
        // (`self.describe()` is in selfCalls as a call already.)
        if (dot >= 0 || !asCall) this.noteSelfCall(scope.cls, READ_ATTR + chain.slice(scope.selfName.length + 1, dot < 0 ? chain.length : dot));
      }
    }
    let from: 'import' | 'decorate' | 'escape' | number;
    if (fn >= 0) from = fn;
    else if (decorates) from = 'decorate';
    else from = asCall || this.inMain ? 'import' : 'escape';
    this.pend(chain, { ref: { from, call: asCall && fn >= 0 ? true : undefined, deferred: this.lambdaDepth > 0 && fn >= 0 ? true : undefined } });
    // `cls(host, binary, ...)` in a classmethod of a module-level class (an alternative constructor,
    // cinder's `Service.create()`): a call of the class, from that method.
    if (asCall && fn >= 0 && scope !== null && scope.cls >= 0 && scope.fn === fn && chain === scope.selfName && this.functions[fn].isClassMethod && this.functions[fn].name !== '__new__') {
      const cls = this.classes[scope.cls].qualname;
      if (!cls.includes('.')) this.pend(cls, { ref: { from: fn, call: true, deferred: this.lambdaDepth > 0 ? true : undefined } });
    }
    // `self.metrics_cls.get_instance()` where the class body says `metrics_cls = Metrics`: a call of
    // `Metrics.get_instance` from this function (a class attribute naming a class, or a function).
    if (asCall && fn >= 0 && scope !== null && scope.cls >= 0 && scope.selfName !== '' && chain.startsWith(scope.selfName) && chain.charCodeAt(scope.selfName.length) === 46) {
      const dot = chain.indexOf('.', scope.selfName.length + 1);
      if (dot > 0 && chain.indexOf('.', dot + 1) < 0) {
        const attr = chain.slice(scope.selfName.length + 1, dot);
        const bound = this.rawClassAttrs[scope.cls]?.find((b) => b.name === attr);
        if (bound?.value.k === 'rawref' && bound.value.chain.indexOf('.') < 0 && !BUILTINS.has(bound.value.chain)) {
          this.pend(`${bound.value.chain}${chain.slice(dot)}`, { ref: { from: fn, call: true, deferred: this.lambdaDepth > 0 ? true : undefined } });
        }
      }
    }
    if (this.rhsReads) {
      // `_row_factory.__wrapped__`: marked apart (WRAPPED_READ), for valueReads().
      const wrapped = chain.endsWith('.__wrapped__') ? chain.length - '.__wrapped__'.length : -1;
      for (let end = chain.length; end > 0; end = chain.lastIndexOf('.', end - 1)) this.rhsReads.add(end === wrapped ? `${WRAPPED_READ}${chain.slice(0, end)}` : chain.slice(0, end));
      // `items = REG.get(k, [])` ... `REG[k] = items + [x]`: the value read from the container earlier (Scope.lookups).
      const container = this.scope !== null && chain.indexOf('.') < 0 ? this.scope.lookups.get(chain) : undefined;
      if (container !== undefined) {
        this.rhsReads.add(container).add(`${LOOKUP_READ}${container}`);
        // `current = _reserved.get(sku, 0)` before `with _lock:`, `_reserved[sku] = current - qty` in it (entryReadBeforeLock()).
        const at = this.scope!.lookupsAt?.get(chain);
        if (at !== undefined) this.rhsReads.add(at.held < this.held.length ? `${LOOKUP_EARLY}${container}\0${chain}` : `${LOOKUP_EARLY}${container}`);
      }
      // `counter = _counter or 1` ... `_counter = counter + 1`: the global read earlier through a local (Scope.derived).
      const derived = this.scope !== null && chain.indexOf('.') < 0 ? this.scope.derived?.get(chain) : undefined;
      if (derived !== undefined) {
        this.rhsReads.add(`${DERIVED_READ}${derived.computed ? 'c:' : ''}${derived.from}`).add(`${LOOKUP_READ}${derived.from}`);
        // `n = _count` before `with _lock:`, `_count = n + 1` in it: read outside the lock the store holds.
        this.rhsReads.add(derived.held < this.held.length ? `${DERIVED_EARLY}${derived.from}\0${chain}` : `${DERIVED_EARLY}${derived.from}`);
      }
    }
    if (this.collecting) {
      if (this.scope) this.scope.tested.add(chain.indexOf('.') < 0 ? chain : chain.slice(0, chain.indexOf('.')));
      // `X.get(k) is None` tests X: every dotted prefix of a chain read in a test is tested.
      for (let end = chain.length; end > 0; end = chain.lastIndexOf('.', end - 1)) {
        this.collecting.keys.add(chain.slice(0, end));
      }
      // `conn = cls._conn` ... `if conn is None:`: a local that is another name for the shared object (Scope.aliases) tests it.
      const alias = this.scope !== null && chain.indexOf('.') < 0 && !this.scope.entryAliases.has(chain) ? this.scope.aliases.get(chain) : undefined;
      if (alias !== undefined) {
        this.collecting.keys.add(alias);
        // `conn = cls._conn` before `with cls._lock:`, then `if conn is None:` in it: the test under the lock
        // re-reads nothing, so double-checked locking fails (two threads that both read None both connect).
        const held = this.scope!.aliasHeld?.get(chain);
        if (held !== undefined && held < this.held.length && (this.collecting.staleHeld < 0 || held < this.collecting.staleHeld)) {
          this.collecting.staleHeld = held;
          this.collecting.staleLocal = chain;
        }
      }
      // `current = X.get(k)` earlier, then `if current is None:` tests X the same way.
      const dot = chain.indexOf('.');
      const container = this.scope?.lookups.get(dot < 0 ? chain : chain.slice(0, dot));
      // (Kept with the test: the local may be given the new entry before the store, `conn = connect(); _conns[tid] = conn`.)
      const key = container ? this.scope!.lookupKeys?.get(dot < 0 ? chain : chain.slice(0, dot)) : undefined;
      if (container && key) this.collecting.keyedLookups.push(`${container}\0${key}`);
      if (container) {
        for (let end = container.length; end > 0; end = container.lastIndexOf('.', end - 1)) this.collecting.keys.add(container.slice(0, end));
      }
    }
  }

  /**
   * FileSummary.attrReads: the attributes a chain reads on an object a local names (`t.current`),
   * or, through `self`, past the first (`self.child.resolved`: `resolved`).
   */
  private noteAttrReads(chain: string): void {
    const scope = this.scope;
    const dot = chain.indexOf('.');
    if (scope === null || dot <= 0 || !this.isLocalName(chain.slice(0, dot))) return;
    // (Not what is read off the request being served, `request.user`, `self.request.GET`: the request's
    // attributes, not those of objects of the scanned classes.)
    // (Only the request's own attribute, `user` of `request.user`: `request.limiter.remaining` reads `remaining` of an object.)
    let start = dot + 1;
    if (REQUEST_LOCALS.has(chain.slice(0, dot)) && scope.params.has(chain.slice(0, dot))) {
      const next = chain.indexOf('.', start);
      if (next < 0) return;
      start = next + 1;
    }
    if (scope.selfName !== '' && dot === scope.selfName.length && chain.startsWith(scope.selfName)) {
      const second = chain.indexOf('.', start);
      if (second < 0) return;
      start = second + 1;
    }
    while (start < chain.length) {
      const next = chain.indexOf('.', start);
      const attr = chain.slice(start, next < 0 ? chain.length : next);
      // (`self.request.GET`: the request's own attribute is left out; deeper ones are read as usual.)
      if (attr === 'request' && next >= 0) {
        this.noteAttrRead(attr);
        const after = chain.indexOf('.', next + 1);
        start = after < 0 ? chain.length : after + 1;
        continue;
      }
      this.noteAttrRead(attr);
      start = next < 0 ? chain.length : next + 1;
    }
  }

  /**
   * `for t in _active:`, `for k, v in _REG.items():` (or `.keys()`, `.values()`) in a function: a
   * loop over a module-level object as it is (FileSummary.iterated). Not a local's, nor `self`'s.
   */
  private noteLoopOver(iterable: Node): void {
    // `reversed(X)`, `enumerate(X)`, `iter(X)`, `map(f, X)`, `filter(f, X)`, `zip(X, Y)`,
    // `itertools.chain(X, Y)`: iterators over `X` (and `Y`) themselves.
    if (iterable.type === 'call') {
      const callee = iterable.childForFieldName('function')?.text ?? '';
      const given = LIVE_ITERATORS.get(callee.slice(callee.lastIndexOf('.') + 1));
      if (given !== undefined && (callee.indexOf('.') < 0 || callee === 'itertools.chain')) {
        const args = iterable.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && c.type !== 'keyword_argument') ?? [];
        for (const a of given < 0 ? args : args.slice(given, given + 1)) this.noteLoopOver(a);
        return;
      }
    }
    let target: Node | null = iterable;
    if (target.type === 'call') {
      const fn = target.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if ((method !== 'items' && method !== 'keys' && method !== 'values') || (target.childForFieldName('arguments')?.namedChildCount ?? 1) > 0) return;
      target = fn!.childForFieldName('object');
    }
    const chain = chainOf(target);
    if (chain === null) return;
    const [base, rest] = splitChain(chain);
    const scope = this.scope!;
    // `for c in self._instances:` / `cls._instances`: the class's attribute, by its qualified name.
    if (base === scope.selfName && scope.cls >= 0 && /^\.\w+$/.test(rest)) {
      this.noteIterated(scope.fn, `${this.input.module}.${this.classes[scope.cls].qualname}${rest}`);
      return;
    }
    if (this.isLocalName(base)) return;
    this.noteIterated(scope.fn, this.canonical(chain));
  }

  /** Adds to FileSummary.iterated. */
  private noteIterated(fn: number, chain: string): void {
    const key = `${fn} ${chain}`;
    if (this.iteratedKeys.has(key)) return;
    this.iteratedKeys.add(key);
    this.iterated.push([fn, chain]);
  }

  /**
   * Whether `receiver` of a `set_defaults(...)` call is an argparse parser: a name or attribute whose
   * last part says so (`parser`, `subparser`, `sp`, `self.parser`) in a module that imports argparse
   * (or oslo.config, whose `SubCommandOpt` hands its handler argparse's subparsers).
   */
  private argparseParser(receiver: Node | null): boolean {
    if (receiver === null || (receiver.type !== 'identifier' && receiver.type !== 'attribute')) return false;
    // (Or given the subparsers: `def add_argument_parser(cls, subparsers): parser = subparsers.add_parser(...)`.)
    const given = this.scope !== null && (this.scope.params.has('subparsers') || this.scope.params.has('subparser'));
    if (!given && !this.importsPackage('argparse') && !this.importsPackage('oslo_config')) return false;
    const last = receiver.type === 'attribute' ? (receiver.childForFieldName('attribute')?.text ?? '') : receiver.text;
    return /pars(er|ers)?$|^(sp|p|sub|cmd|command)$/i.test(last);
  }

  /** A string literal naming an attribute or a global that code reads by name (`getattr(m, "x")`, `globals()["x"]`): noteAttrRead(). */
  private noteNamedRead(literal: Node | null): void {
    if (literal?.type !== 'string') return;
    const content = literal.namedChildren.find((c) => c?.type === 'string_content')?.text;
    if (content !== undefined && /^[A-Za-z_]\w*$/.test(content)) this.noteAttrRead(content);
  }

  /** Adds to FileSummary.attrReads (and to the recording of the body being walked, for the memo). */
  private noteAttrRead(attr: string): void {
    if (!this.attrReads.has(attr)) {
      this.attrReads.add(attr);
      this.recording?.attrReads.push(attr);
    } else if (this.recording && !this.recording.attrReads.includes(attr)) this.recording.attrReads.push(attr);
  }

  /** Visits an expression; returns true when its value is derived from the request. */
  private visitExpr(node: Node | null, knownType?: string): boolean {
    if (!node) return false;
    if (++this.depth > MAX_DEPTH) throw new NestingTooDeep();
    const tainted = this.visitExprAt(node, knownType ?? node.type);
    this.depth--;
    return tainted;
  }

  private visitExprAt(node: Node, type: string): boolean {
    switch (type) {
      case 'identifier': {
        const name = node.text;
        // (`getattr(BaseVD, name)` in a method of `BaseVD`: visitCall() marked it; no reference to the class.)
        if (node.startIndex === this.ownClassAt) {
          this.ownClassAt = -1;
          return false;
        }
        if (this.scope !== null && name === this.scope.selfName && isIdentityUse(node)) {
          this.selfIdentityOnly = true;
          this.readChain(name);
          this.selfIdentityOnly = false;
        } else this.readChain(name);
        return this.scope !== null && this.isTaintedName(name);
      }
      case 'attribute': {
        const chain = chainOf(node, 'attribute');
        if (chain) {
          this.readChain(chain);
          // `with self._lock: if self.idle_count == 0:` where `idle_count` is a property that takes the lock too.
          if (this.held.length > 0 && this.scope !== null && this.scope.selfName !== '' && this.lambdaDepth === 0 && chain.startsWith(this.scope.selfName) && chain.charCodeAt(this.scope.selfName.length) === 46 && chain.indexOf('.', this.scope.selfName.length + 1) < 0) {
            this.callEdges.push({ fn: this.scope.fn, callee: chain, held: [...this.held], node, read: true, ...(this.tried.length > 0 ? { guards: [...this.tried] } : {}) });
          }
          const [base, rest] = splitChain(chain);
          if (!this.scope) return false;
          if (this.isRequestAttribute(base, rest)) {
            this.functions[this.scope.fn].isRequest = true;
            return true;
          }
          return (this.isTaintedName(base) && !this.appOfRequest(base, rest)) || this.isRequestGlobal(chain);
        }
        return this.visitExpr(node.childForFieldName('object'));
      }
      case 'call':
        {
          // `square = register("math")(square)` at module level: the factory's result is applied at
          // once and not kept, as with `@register("math")` (visitDecorator()).
          const factory = this.scope === null && this.decoratorFactory === null && !this.inMain ? node.childForFieldName('function') : null;
          if (factory?.type !== 'call') return this.visitCall(node);
          this.decoratorFactory = factory;
          const t = this.visitCall(node);
          this.decoratorFactory = null;
          return t;
        }
      case 'comparison_operator':
        return this.visitComparison(node);
      case 'lambda': {
        // A lambda's body runs when it is called, maybe long after (a callback): its calls are not
        // calls this function makes (call edges: construction-only and ready-only methods, lock re-entry).
        this.lambdaDepth++;
        const t = this.visitScoped(node, node.childForFieldName('parameters'));
        this.lambdaDepth--;
        return t;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.visitComprehension(node);
      case 'named_expression': {
        const value = node.childForFieldName('value');
        const t = this.visitExpr(value);
        const name = node.childForFieldName('name');
        if (name) this.assignTarget(name, value, t && value ? value.text : null);
        return t;
      }
      case 'keyword_argument':
        return this.visitExpr(node.childForFieldName('value'));
      case 'yield':
      case 'await': {
        if (node.type === 'yield' && this.scope) {
          this.functions[this.scope.fn].isGenerator = true;
          // `@contextmanager def locked(): with _lock: yield`: the `with` block of a caller runs with `_lock` held.
          if (this.contextManagers.has(this.scope.fn)) this.noteHolds(this.scope.fn);
        }
        let t = false;
        for (const c of node.namedChildren) t = this.visitExpr(c) || t;
        return t;
      }
      case 'string': {
        // Only f-strings hold expressions; skip the children of every other string.
        const head = this.input.source.slice(node.startIndex, node.startIndex + 3);
        if (!/^[a-eg-zA-EG-Z]*[fF]/.test(head)) return false;
        let t = false;
        for (const c of node.namedChildren) if (c?.type === 'interpolation') t = this.visitExpr(c.namedChildren[0]) || t;
        return t;
      }
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
      case 'comment':
      case 'type':
        return false;
      case 'subscript': {
        // An entry is the container's data, not the key's: `self._hits[ident]` with a key taken from
        // the request is what the shared container holds for it (the key itself is read, not stored).
        const value = node.childForFieldName('value');
        let t = false;
        for (const c of node.namedChildren) {
          const tc = this.visitExpr(c);
          if (c !== null && value !== null && c.startIndex === value.startIndex && c.endIndex === value.endIndex) t = tc || t;
        }
        // `globals()["_registry"]`: a read of that module global by name (FileSummary.attrReads, as getattr()).
        if (value?.type === 'call' && value.text === 'globals()') this.noteNamedRead(node.childForFieldName('subscript'));
        // `_tokens[key]` on a cachetools LRU or TTL cache of this module: the read changes the cache.
        else if (value?.type === 'identifier' && this.readChangingCache(value.text) !== undefined) this.record(value.text, 'use', node, { detail: CACHE_READ });
        // `context["request"]` in a function given a template context (see isRequestAttribute).
        const scope = this.scope;
        if (!t && scope !== null && scope.params.has('context') && !scope.assigned.has('context')) {
          const value = node.childForFieldName('value');
          if (value?.type === 'identifier' && value.text === 'context' && /^(['"])request\1$/.test(node.childForFieldName('subscript')?.text ?? '')) {
            this.functions[scope.fn].isRequest = true;
            return true;
          }
        }
        return t;
      }
      case 'binary_operator':
      case 'boolean_operator': {
        // `a + b + c + ...` nests to the left, one level per operator: walked down that spine without
        // recursion (a generated 2,000-term sum is valid Python), then in source order.
        const rests: Node[][] = [];
        let left: Node | null = node;
        while (left !== null && left.type === type) {
          const kids: Node[] = left.namedChildren.filter((c): c is Node => c !== null);
          const first = kids.findIndex((c) => c.type !== 'comment');
          if (first < 0) break;
          rests.push(kids.slice(first + 1));
          left = kids[first];
        }
        let t = left !== null && left !== node ? this.visitExpr(left) : false;
        for (let i = rests.length - 1; i >= 0; i--) for (const c of rests[i]) t = this.visitExpr(c) || t;
        // `time.perf_counter() - g.start`: how long the request took, a measurement, not its data.
        return t && !(type === 'binary_operator' && this.isDuration(node));
      }
      default: {
        let t = false;
        for (const c of node.namedChildren) t = this.visitExpr(c) || t;
        return t;
      }
    }
  }

  private visitComparison(node: Node): boolean {
    let t = false;
    let afterIn = false;
    let before: Node | null = null;
    for (const c of node.children) {
      if (!c) continue;
      if (!c.isNamed) {
        afterIn = c.type === 'in' || c.type === 'not in';
        continue;
      }
      // `if key in repr_running:` where `key` holds the calling thread's identity (reprlib's
      // `key = id(self), get_ident()`): each thread tests only its own entries, no other thread's.
      if (afterIn && this.collecting && !(before !== null && this.isThreadKey(before))) {
        const chain = chainOf(c);
        if (chain) this.collecting.members.add(chain);
      }
      t = this.visitExpr(c) || t;
      afterIn = false;
      before = c;
    }
    return t;
  }

  private visitScoped(node: Node, params: Node | null): boolean {
    const locals = new Set<string>();
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren[0];
      if (id?.type === 'identifier') locals.add(id.text);
      const value = p.childForFieldName('value');
      if (value) this.visitExpr(value);
    }
    this.compLocals.push(locals);
    const t = this.visitExpr(node.childForFieldName('body'));
    this.compLocals.pop();
    return t;
  }

  private visitComprehension(node: Node): boolean {
    const locals = new Set<string>();
    for (const c of node.namedChildren) {
      if (c?.type === 'for_in_clause') {
        const left = c.childForFieldName('left');
        if (left) collectNames(left, locals);
      }
    }
    let t = false;
    // The first iterable is evaluated in the enclosing scope; the rest sees the loop variables.
    let first = true;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'for_in_clause') {
        const right = c.childForFieldName('right');
        if (first) {
          t = this.visitExpr(right) || t;
          if (right && this.scope) this.noteLoopOver(right);
          first = false;
          this.compLocals.push(locals);
        } else t = this.visitExpr(right) || t;
      } else if (!first) t = this.visitExpr(c) || t;
    }
    if (!first) {
      // The element (`f(x)` of `[f(x) for x in xs]`), which comes first in the text, runs with the loop variables.
      const body = node.childForFieldName('body');
      if (body) t = this.visitExpr(body) || t;
      this.compLocals.pop();
    } else for (const c of node.namedChildren) t = this.visitExpr(c) || t;
    return t;
  }

  private visitCall(node: Node): boolean {
    const parts = node.namedChildren;
    const fnNode = parts[0];
    const args = parts.length > 1 ? parts[parts.length - 1] : null;
    // Made once here and handed on: each `namedChildren` makes a node object per child.
    // (`sum(x.size for x in items)`: the generator is the one argument, walked as a comprehension.)
    const argNodes = args === null ? [] : args.type === 'generator_expression' ? [args] : args.namedChildren;
    if (fnNode !== null && fnNode.type === 'identifier' && this.visitSpecialCall(node, fnNode, argNodes)) return false;
    const childHook = this.childHookKeyword(fnNode);
    const flags = this.noteCallSite(node, fnNode, args, argNodes);
    const walked = this.visitCallArgs(fnNode, argNodes, flags, childHook);
    const argc = walked >>> 3;
    const argTaint = (walked & ARG_TAINT) !== 0;
    /** Request data in an argument after the first (`_notes.setdefault(request, {})` keys by the request alone). */
    const laterArgTaint = (walked & LATER_ARG_TAINT) !== 0;
    let requestArg = (walked & REQUEST_ARG) !== 0;
    let calleeTaint = false;
    const chain = chainOf(fnNode);
    // `self.__class__(...)`, `type(self)(...)` in a method: a new instance of the class (or a subclass) made here.
    const scope = this.scope;
    if (scope !== null && scope.cls >= 0 && scope.selfName !== '' && fnNode !== null && this.lambdaDepth === 0) {
      const text = this.input.source.slice(fnNode.startIndex, fnNode.endIndex);
      // (And `cls(...)` in a classmethod, `def create(cls): return cls()`.)
      if (text === `${scope.selfName}.__class__` || text === `type(${scope.selfName})` || (text === scope.selfName && this.functions[scope.fn].isClassMethod)) {
        const qualname = this.classes[scope.cls].qualname;
        if (!qualname.includes('<locals>')) this.pend(qualname, { ref: { from: scope.fn, call: true, deferred: undefined } });
      }
    }
    // `asyncio.get_running_loop().run_in_executor(pool, fill, key)`: a registering method of a call's result.
    if (chain === null && fnNode?.type === 'attribute' && this.scope && args) {
      const method = fnNode.childForFieldName('attribute')?.text ?? '';
      if (REGISTERING_CALLS.has(method)) this.noteRegistration(fnNode, method, args, argNodes);
      // (In a method, the class runs code off its event loop, as with `loop.run_in_executor(...)` below.)
      if (method === 'run_in_executor' && this.scope.cls >= 0) this.noteSelfCall(this.scope.cls, `${OWN_THREAD_METHOD}*`);
    }
    if (chain && fnNode) {
      const named = this.visitNamedCallee(node, fnNode, chain, args, argNodes, argc, argTaint, laterArgTaint, (flags & PROCESS_TASK) !== 0, childHook);
      calleeTaint = (named & CALLEE_TAINT) !== 0;
      if ((named & REQUEST_ARG) !== 0) requestArg = true;
    } else {
      calleeTaint = this.visitOtherCallee(node, fnNode, args, argc, argTaint, laterArgTaint);
    }
    return requestArg || calleeTaint;
  }

  /**
   * visitCall()'s calls of builtins it reads as something else: `setattr`/`getattr`/`hasattr` with a literal
   * name, `super(Cls, self)`, `isinstance`. True when the call was walked here (visitCall() returns at once).
   * (visitCall() is cut into parts: each is optimised on its own, and a part that meets an object shape it
   * has not seen is compiled again alone, where the whole took ~0.4 s of the optimiser's time each time.)
   */
  private visitSpecialCall(node: Node, fnNode: Node, argNodes: (Node | null)[]): boolean {
    const src = this.input.source;
    // `setattr(CURRENT, "user", value)` with a literal name, in a function: the attribute store `CURRENT.user = value`.
    if (this.scope !== null && fnNode !== null && fnNode.type === 'identifier' && fnNode.text === 'setattr' && !this.isLocalName('setattr') && !this.moduleDefs.has('setattr')) {
      const set = literalLookup(argNodes);
      const object = set !== null && set.args.length === 3 && /^[A-Za-z_]\w*$/.test(set.name) && set.args[1].namedChildren.every((c) => c?.type !== 'interpolation') && set.args[2].type !== 'keyword_argument' && set.args[2].type !== 'list_splat' ? chainOf(set.object) : null;
      if (set !== null && object !== null) {
        const value = set.args[2];
        const tainted = this.visitExpr(value);
        this.recordAttributeStore(`${object}.${set.name}`, node, value, tainted ? value.text : null);
        return true;
      }
    }
    // `getattr(x, "name")` / `hasattr(x, "name")` with a literal name:
    const lookup = fnNode !== null && fnNode.type === 'identifier' && (fnNode.text === 'getattr' || fnNode.text === 'hasattr') && !this.isLocalName(fnNode.text) ? literalLookup(argNodes) : null;
    if (lookup !== null) {
      // `hasattr(initialize, "initialized")` on a function of this module: a read of `initialize.initialized`,
      // not the function handed to a call (FileSummary.functionAttrs).
      if (/^[A-Za-z_]\w*$/.test(lookup.name) && lookup.object.type === 'identifier' && this.ownFunctionName(lookup.object.text)) {
        this.readChain(`${lookup.object.text}.${lookup.name}`);
        for (const rest of lookup.args.slice(1)) this.visitExpr(rest);
        return true;
      }
      // `hasattr(engine, "init")` / `getattr(engine, "init")`: a plugin module's set-up hook looked up by name
      // (FunctionInfo.hooksRead). (The lookup itself is no read of `init` through an object, FileSummary.attrReads:
      // that would be another call of the hook, which this lookup's reference stands for.)
      if (this.scope !== null && HOOK_NAMES.has(lookup.name) && lookup.object.text !== this.scope.selfName) {
        const info = this.functions[this.scope.fn];
        if (!info.hooksRead?.includes(lookup.name)) (info.hooksRead ??= []).push(lookup.name);
        for (const rest of [lookup.object, ...lookup.args.slice(2)]) this.visitExpr(rest);
        return true;
      }
    }
    // `super(Controller, self).__init__(conf)` in a method of `Controller`: Python 2's spelling of `super()`, no
    // use of the class (not a value handed on, which would make the class "made elsewhere"); `self` alone is walked.
    if (fnNode !== null && fnNode.type === 'identifier' && src.endsWith('super', fnNode.endIndex) && fnNode.endIndex - fnNode.startIndex === 5 && this.scope !== null && this.scope.cls >= 0) {
      const given = argNodes.filter((a): a is Node => a !== null && a.type !== 'comment');
      const own = this.classes[this.scope.cls]?.qualname ?? '';
      if (given.length === 2 && given[0].type === 'identifier' && (own === given[0].text || own.endsWith(`.${given[0].text}`))) {
        this.visitExpr(given[1]);
        return true;
      }
    }
    // `isinstance(other, PhoneMetadata)`, `isinstance(drv, (driver.BaseVD, Other))`: a type test, no use of
    // the classes (which would make them kept by that code, or make their constructors wait on it); the
    // object tested is walked.
    if (fnNode !== null && fnNode.type === 'identifier' && (fnNode.text === 'isinstance' || fnNode.text === 'issubclass') && this.scope !== null && !this.isLocalName(fnNode.text)) {
      const given = argNodes.filter((a): a is Node => a !== null && a.type !== 'comment');
      const types = given.length === 2 ? (given[1].type === 'tuple' ? given[1].namedChildren : [given[1]]) : [];
      if (types.length > 0 && types.every((t) => t !== null && (t.type === 'identifier' || t.type === 'attribute') && chainOf(t) !== null)) {
        this.visitExpr(given[0]);
        return true;
      }
    }
    return false;
  }

  /**
   * What visitCall() notes about the call itself before its arguments are walked (start-up hooks, objects
   * kept at import time, registrations, ...), and how the arguments are to be read: CALL_* flags.
   */
  private noteCallSite(node: Node, fnNode: Node | null, args: Node | null, argNodes: (Node | null)[]): number {
    const src = this.input.source;
    // `GraphInit(workers).run()` as a statement: an object made only to call one of its methods (noteLocalInstance()).
    if (this.scope !== null && fnNode !== null && fnNode.type === 'attribute' && node.parent?.type === 'expression_statement') {
      const made = fnNode.childForFieldName('object');
      const callee = made?.type === 'call' ? chainOf(made.childForFieldName('function')) : null;
      if (callee !== null && CLASS_LIKE.test(callee.slice(callee.lastIndexOf('.') + 1))) this.noteLocalInstance(this.scope, '', callee, made!);
    }
    // aiohttp's `app.on_startup.append(init_db)`: registered to run once, as the application starts
    // (a start-up root), whichever code registers it; not a value this code uses.
    let startupHook = fnNode !== null && fnNode.type === 'attribute' && (src.endsWith('append', fnNode.endIndex) || src.endsWith('extend', fnNode.endIndex) || src.endsWith('insert', fnNode.endIndex)) && STARTUP_HOOK_LISTS.test(src.slice(fnNode.startIndex, fnNode.endIndex));
    // `getattr(BaseVD, method_name)`, `hasattr(IOLoop, "_instance")` in a method of that class: a look at the
    // class's own attributes, no other use of it (the call is walked as any other, without that reference).
    if (fnNode !== null && fnNode.type === 'identifier' && (fnNode.text === 'getattr' || fnNode.text === 'hasattr') && !this.isLocalName(fnNode.text)) {
      const first = argNodes.find((a): a is Node => a !== null && a.type !== 'comment');
      if (first !== undefined && first.type === 'identifier' && this.ownClassName(first.text)) this.ownClassAt = first.startIndex;
    }
    // `getattr(mw, "last_seen")`, `operator.attrgetter("last_seen")`: a read of that attribute (FileSummary.attrReads).
    if (fnNode !== null && (src.endsWith('getattr', fnNode.endIndex) || src.endsWith('attrgetter', fnNode.endIndex))) {
      this.noteNamedRead(argNodes.find((a, i) => a !== null && a.type === 'string' && (i > 0 || src.endsWith('attrgetter', fnNode.endIndex))) ?? null);
    }
    // `get_settings()` as the module loads (FileSummary.importCalls): without arguments, as a statement of the
    // module itself or the value of one (`_s = get_settings()`; not under an `if`, a `try` or the `__main__`
    // guard, nor in a lambda or a generator), and before any thread the module starts.
    if (this.scope === null && this.classBody < 0 && !this.inMain && fnNode !== null && (fnNode.type === 'identifier' || fnNode.type === 'attribute')) {
      const callee = chainOf(fnNode);
      if (callee !== null && THREAD_STARTS.test(callee)) this.threadsStarted = true;
      else if (callee !== null && argNodes.every((a) => a === null || a.type === 'comment') && !this.threadsStarted && moduleStatementValue(node) && !this.importCalls.includes(callee)) this.importCalls.push(callee);
    }
    // `Session = Singleton("Session", (object,), {})`: a class made by calling a metaclass (FileSummary.classFactoryCalls).
    if (this.scope === null && fnNode !== null && argNodes.length === 3 && argNodes[1]?.type === 'tuple' && argNodes[2]?.type === 'dictionary') {
      const callee = chainOf(fnNode);
      if (callee !== null && callee !== 'type' && !this.classFactoryCalls.includes(callee)) this.classFactoryCalls.push(callee);
    }
    // `globals().get("_registry")`: as `globals()["_registry"]`.
    if (fnNode !== null && fnNode.type === 'attribute' && src.endsWith('globals().get', fnNode.endIndex) && fnNode.text === 'globals().get') this.noteNamedRead(argNodes[0] ?? null);
    // `PromoView.as_view(extra_context={"banners": []})` where the URLs are made: Django gives every
    // request's view instance that one dict as `self.extra_context` (FileSummary.asViewArgs).
    if (fnNode !== null && this.scope === null && fnNode.type === 'attribute' && src.endsWith('.as_view', fnNode.endIndex)) this.noteAsViewArgs(fnNode, argNodes);
    // CherryPy's `cherrypy.engine.subscribe("start", load)`: the engine publishes "start" once, before
    // the server accepts connections (not "start_thread": published as each worker thread takes its
    // first request, while other threads serve theirs).
    if (fnNode !== null && src.endsWith('engine.subscribe', fnNode.endIndex) && /^['"](start|stop|exit|graceful)['"]$/.test(argNodes[0]?.text ?? '')) startupHook = true;
    // cotyledon's `sm = cotyledon.ServiceManager()` ... `sm.add(create_polling_service, args=(conf,))` (or the
    // service class itself): the manager calls it once in each worker process it starts, before the service runs.
    if (fnNode !== null && fnNode.type === 'attribute' && src.endsWith('.add', fnNode.endIndex) && this.cotyledonManager(fnNode.childForFieldName('object'))) startupHook = true;
    // `setting_changed.connect(reload_settings)`: sent only by tests' `override_settings` (a `tests` reference, not a use).
    // (And `zope.testing.cleanup.addCleanUp(_clear)`: the test runner's cleanup calls it between tests.)
    const testsHook =
      fnNode !== null &&
      ((fnNode.type === 'attribute' && src.endsWith('setting_changed.connect', fnNode.endIndex) && SETTING_CHANGED.has(this.canonicalHere(src.slice(fnNode.startIndex, fnNode.endIndex - '.connect'.length)))) ||
        (src.endsWith('addCleanUp', fnNode.endIndex) && this.canonicalHere(src.slice(fnNode.startIndex, fnNode.endIndex)) === 'zope.testing.cleanup.addCleanUp'));
    // `app.before_first_request(warm_up)` in `create_app()`: the call form of the start-up hook decorators.
    if (fnNode !== null && fnNode.type === 'attribute' && (src.endsWith('request', fnNode.endIndex) || src.endsWith('serving', fnNode.endIndex)) && STARTUP_HOOK_DECORATORS.test(src.slice(fnNode.startIndex, fnNode.endIndex))) startupHook = true;
    // Instances handed to a call and kept by it: at import time (`path("feed/", LatestFeed())`), or
    // registered with a gRPC server from anywhere (`add_InventoryServicer_to_server(Servicer(), server)`,
    // `grpc.server(pool, interceptors=[Log()])`).
    if (args !== null && fnNode !== null) {
      // A gRPC registration first, wherever it is (module level included), then import-time keeping.
      if (src.endsWith('_to_server', fnNode.endIndex) && /(^|\.)add_\w+Servicer_to_server$/.test(src.slice(fnNode.startIndex, fnNode.endIndex))) {
        const first = argNodes.find((a) => a !== null && a.type !== 'comment');
        if (first) this.noteKept(first, 'grpc', 0);
      } else if (src.endsWith('server', fnNode.endIndex) && /(^|\.)server$/.test(src.slice(fnNode.startIndex, fnNode.endIndex)) && argNodes.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'interceptors')) {
        for (const a of argNodes) if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'interceptors') this.noteKept(a, 'interceptor', 0);
      } else if (this.scope === null && this.classBody < 0 && !this.inMain) {
        for (const a of argNodes) if (a && a.type !== 'comment') this.noteKept(a, 'module', 0);
        // `register_converter(SlugConverter, "slug")`: Django keeps one instance of the class for every URL it resolves.
        if (src.endsWith('register_converter', fnNode.endIndex) && argNodes[0] && (argNodes[0].type === 'identifier' || argNodes[0].type === 'attribute')) {
          const cls = chainOf(argNodes[0]);
          if (cls !== null && /^django\.urls(\.converters)?\.register_converter$/.test(this.canonicalHere(chainOf(fnNode) ?? ''))) this.kept.push({ chain: this.canonicalHere(cls), span: spanOf(argNodes[0]), how: 'converter' });
        }
      }
    }
    // `asyncio.create_task(poll_prices())` (also `ensure_future`, a task group's `create_task`, AnyIO's
    // `start_soon`): the coroutine runs later on the loop, for as long as it runs, not as part of this call.
    // Only in a module that uses asyncio, AnyIO or Trio (a Cloud Tasks client's `create_task(build(...))` builds at once),
    // and not for a plain `def` of this file defined above (its call runs now; only a coroutine waits for the loop).
    // (In a function, on a parser argparse made: `parser = subparsers.add_parser("upgrade")`, or a name that says so.)
    const setDefaults = this.scope !== null && fnNode !== null && fnNode.type === 'attribute' && src.endsWith('.set_defaults', fnNode.endIndex) && this.argparseParser(fnNode.childForFieldName('object'));
    // `cfg.SubCommandOpt("action", handler=add_command_parsers)`: oslo.config calls the handler with the
    // sub-parsers while it parses a command line (a `command` reference, as argparse's `set_defaults(func=...)`).
    // `@click.option("-C", "--config", callback=initialize_config)`: click calls the callback as it parses
    // the command line, before the command runs (also `click.argument`, typer's `Option`/`Argument`).
    const subCommandOpt = fnNode !== null && (src.endsWith('SubCommandOpt', fnNode.endIndex) || src.endsWith('option', fnNode.endIndex) || src.endsWith('Option', fnNode.endIndex) || src.endsWith('rgument', fnNode.endIndex)) &&
      OPTION_CALLBACK_CALLS.has(this.canonicalHere(chainOf(fnNode) ?? ''));
    // `ex.map(_aggregate, paths)` on a process pool: the function runs in the pool's worker processes, one task
    // at a time in each, on its own copy of the module (a `process` reference).
    // (The last letters first: this runs for every call in a function.)
    const processTask = this.scope !== null && fnNode !== null && fnNode.type === 'attribute' && (src.endsWith('map', fnNode.endIndex) || src.endsWith('submit', fnNode.endIndex) || src.endsWith('async', fnNode.endIndex) || src.endsWith('apply', fnNode.endIndex) || src.endsWith('unordered', fnNode.endIndex)) &&
      PROCESS_TASK_METHODS.test(src.slice(fnNode.startIndex, fnNode.endIndex)) && this.isProcessPool(src.slice(fnNode.startIndex, src.lastIndexOf('.', fnNode.endIndex)));
    const spawnsTask = this.scope !== null && fnNode !== null && (src.endsWith('create_task', fnNode.endIndex) || src.endsWith('ensure_future', fnNode.endIndex) || src.endsWith('start_soon', fnNode.endIndex)) &&
      (this.importsPackage('asyncio') || this.importsPackage('anyio') || this.importsPackage('trio'));
    return (startupHook ? STARTUP_HOOK : 0) | (testsHook ? TESTS_HOOK : 0) | (setDefaults ? SET_DEFAULTS : 0) | (subCommandOpt ? SUBCOMMAND_OPT : 0) | (processTask ? PROCESS_TASK : 0) | (spawnsTask ? SPAWNS_TASK : 0);
  }

  /**
   * Walks a call's arguments (a registered hook or task given by name is a reference of its kind, not a
   * value): the number of arguments, shifted left by 3, with ARG_TAINT, LATER_ARG_TAINT and REQUEST_ARG.
   */
  private visitCallArgs(fnNode: Node | null, argNodes: (Node | null)[], flags: number, childHook: string | null): number {
    const startupHook = (flags & STARTUP_HOOK) !== 0;
    const testsHook = (flags & TESTS_HOOK) !== 0;
    const setDefaults = (flags & SET_DEFAULTS) !== 0;
    const subCommandOpt = (flags & SUBCOMMAND_OPT) !== 0;
    const processTask = (flags & PROCESS_TASK) !== 0;
    const spawnsTask = (flags & SPAWNS_TASK) !== 0;
    let argTaint = false;
    let laterArgTaint = false;
    let requestArg = false;
    let argc = 0;
    for (const a of argNodes) {
      if (!a || a.type === 'comment') continue;
      argc++;
      if (spawnsTask && argc === 1) {
        const callee = a.type === 'call' ? a.childForFieldName('function') : a.type === 'identifier' || a.type === 'attribute' ? a : null;
        const task = callee !== null ? chainOf(callee) : null;
        const known = task !== null && task.indexOf('.') < 0 ? this.moduleDefs.get(task)?.value : undefined;
        const plainDef = known?.k === 'function' && !this.functions[known.fn].isAsync;
        if (task !== null && !plainDef && !this.isLocalName(splitChain(task)[0])) {
          this.pend(task, { ref: { from: 'loop', call: undefined, deferred: undefined } });
          for (const r of a.type === 'call' ? (a.childForFieldName('arguments')?.namedChildren ?? []) : []) if (r !== null && r.type !== 'comment') this.visitExpr(r);
          continue;
        }
      }
      if (processTask && argc === 1 && a.type === 'identifier' && !this.isLocalName(a.text) && !BUILTINS.has(a.text)) {
        this.pend(a.text, { ref: { from: 'process', call: undefined, deferred: undefined } });
        continue;
      }
      if ((startupHook || testsHook) && (a.type === 'identifier' || a.type === 'attribute')) {
        const hook = chainOf(a);
        if (hook !== null && !this.isLocalName(splitChain(hook)[0])) {
          this.pend(hook, { ref: { from: testsHook ? 'tests' : 'startup', call: undefined, deferred: undefined } });
          continue;
        }
      }
      // `parser.set_defaults(func=upgrade)`: argparse's sub-command dispatch (`args.func(args)`), which a
      // command line runs once, in its own process (a `command` reference).
      // `parser.set_defaults(cmd_class=cls)` in a classmethod: the class is a sub-command (SUBCOMMAND_CLASS).
      if (setDefaults && a.type === 'keyword_argument' && this.scope !== null && this.scope.cls >= 0 && this.functions[this.scope.fn].isClassMethod && a.childForFieldName('value')?.text === this.scope.selfName) {
        this.noteSelfCall(this.scope.cls, SUBCOMMAND_CLASS);
        continue;
      }
      if ((setDefaults && a.type === 'keyword_argument' && SUBCOMMAND_KEYWORDS.has(a.childForFieldName('name')?.text ?? '')) || (subCommandOpt && a.type === 'keyword_argument' && (a.childForFieldName('name')?.text === 'handler' || a.childForFieldName('name')?.text === 'callback'))) {
        const value = a.childForFieldName('value');
        const handler = value !== null && (value.type === 'identifier' || value.type === 'attribute') ? chainOf(value) : null;
        if (handler !== null && !this.isLocalName(splitChain(handler)[0])) {
          this.pend(handler, { ref: { from: 'command', call: undefined, deferred: undefined } });
          continue;
        }
      }
      if (childHook && a.type === 'keyword_argument' && a.childForFieldName('name')?.text === childHook) {
        // Runs in a child process before it does anything else, on its only thread: like import time.
        const value = a.childForFieldName('value');
        const hook = this.hookFunction(value);
        if (hook) {
          this.pend(hook, { ref: { from: 'import', call: undefined, deferred: undefined } });
          // `functools.partial(f, *args)`: the arguments after `f` are read here as usual.
          if (value?.type === 'call') {
            const rest = value.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
            for (const r of rest.slice(1)) this.visitExpr(r);
          }
          continue;
        }
      }
      const tainted = this.visitExpr(a);
      argTaint = tainted || argTaint;
      if (tainted && argc > 1) laterArgTaint = true;
      // A call's result is per-request data when the request object itself goes in (`get_user(request)`),
      // not when a value merely derived from it is a lookup key (`Site.objects.get(domain=host)`).
      if (tainted && this.scope) {
        const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
        const chain = chainOf(value);
        if (chain && (REQUEST_PARAMS.has(chain) || chain === `${this.scope.selfName}.request` || REQUEST_GLOBALS.has(this.canonicalHere(chain)))) {
          requestArg = true;
        } else if (a.type !== 'keyword_argument' && fnNode?.type === 'identifier' && CONVERSIONS.has(fnNode.text) && !this.isLocalName(fnNode.text) && !this.moduleDefs.has(fnNode.text) && !this.moduleImports.has(fnNode.text)) {
          // `int(request.GET["size"])`: the same data, converted.
          requestArg = true;
        }
      }
    }
    return (argc << 3) | (argTaint ? ARG_TAINT : 0) | (laterArgTaint ? LATER_ARG_TAINT : 0) | (requestArg ? REQUEST_ARG : 0);
  }

  /** visitCall() for a callee named by a dotted chain (`f(...)`, `obj.method(...)`): CALLEE_TAINT and REQUEST_ARG. */
  private visitNamedCallee(node: Node, fnNode: Node, chain: string, args: Node | null, argNodes: (Node | null)[], argc: number, argTaint: boolean, laterArgTaint: boolean, processTask: boolean, childHook: string | null): number {
    const src = this.input.source;
    let calleeTaint = false;
    let requestArg = false;
    // (By position: `register("math")(square)` reaches its inner call through another node object.)
    const factory = this.decoratorFactory;
    this.readChain(chain, true, factory !== null && node.startIndex === factory.startIndex && node.endIndex === factory.endIndex);
    if (this.scope && args) {
      this.noteThreadedClosure(fnNode, chain, args);
      // (The child-process hook, `worker_init_fn=f`, was handled above: not a value that escapes.)
      // (Nor a process pool's task, a `process` reference above.)
      const task = processTask ? argNodes.find((a) => a !== null && a.type !== 'comment') : undefined;
      this.noteRegistration(fnNode, chain, args, childHook || task !== undefined ? argNodes.filter((a) => a !== task && (a?.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== childHook)) : argNodes);
    }
    if (args && chain.endsWith('signal') && this.canonicalHere(chain) === 'signal.signal') this.noteSignalHandler(args);
    // `threading.Thread(target=_flush_loop).start()` while the module loads (see finishOneThread).
    if (args && chain.endsWith('Thread') && !this.inLoop(node) && !inLambda(node) && this.canonicalHere(chain) === 'threading.Thread') {
      const target = argNodes.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'target')?.childForFieldName('value');
      if (target?.type === 'identifier' && this.scope === null) this.threadTargets.push(target.text);
      // In a function (not a closure): started once each time it runs (finishStartedThreads(), resolve.ts decides how often that is).
      else if (target?.type === 'identifier' && this.scope !== null && this.scope.parent === null && this.lambdaDepth === 0) this.startedThreads.push([this.scope.fn, target.text]);
    }
    if (args && chain.endsWith('register') && this.canonicalHere(chain) === 'atexit.register') this.noteExitHandler(args);
    // `app.before_request(load_user)` at module level, after `def load_user():`: that function serves requests, as
    // under the decorator (a function the module defined already: its body is walked by now).
    if (args && this.scope === null && !this.inMain && chain.indexOf('.') > 0 && REQUEST_HOOK_CALLS.has(chain.slice(chain.lastIndexOf('.') + 1))) {
      const hook = chain.slice(chain.lastIndexOf('.') + 1);
      for (const a of argNodes) {
        if (a === null) continue;
        const value = a.type === 'keyword_argument' ? (a.childForFieldName('name')?.text === 'view_func' ? a.childForFieldName('value') : null) : a;
        const def = value?.type === 'identifier' ? this.moduleDefs.get(value.text)?.value : undefined;
        if (def?.k === 'function' && (hook !== 'add_url_rule' || a.type === 'keyword_argument')) this.functions[def.fn].isRequest = true;
      }
    }
    // `run_parallel(work, items)`: a module-level function given by name to one of this file's (finishHelperArgs()).
    if (args && argNodes.length > 0 && chain.indexOf('.') < 0 && !BUILTINS.has(chain) && !this.moduleImports.has(chain) && !this.isLocalName(chain)) {
      let position = 0;
      for (const a of argNodes) {
        if (!a || a.type === 'comment') continue;
        if (a.type !== 'identifier' && (a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) break;
        if (a.type === 'identifier' && !BUILTINS.has(a.text) && !this.isLocalName(a.text)) this.helperArgs.push([chain, position, a.text]);
        position++;
      }
    }
    // `def wrapper(*a): with _lock: return fn(*a)` in a decorator `def serialized(fn)` of the module.
    const outer = this.scope?.parent;
    if (outer && outer.parent === null && chain.indexOf('.') < 0 && outer.params.has(chain) && !this.scope!.assigned.has(chain)) {
      const first = args?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      this.noteHolds(outer.fn, first?.type === 'identifier' ? first.text : undefined);
    }
    if (this.defaultsOf >= 0 && args && (this.input.source.endsWith('Depends', fnNode.endIndex) || this.input.source.endsWith('Security', fnNode.endIndex)) && DEPENDS.has(this.canonicalHere(chain))) {
      // A module-level object given to `Depends(...)` is called (`__call__`) for every request of the function.
      const first = args.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      const dep = first && first.type !== 'keyword_argument' ? chainOf(first) : null;
      if (dep && !this.isLocalName(splitChain(dep)[0])) this.objectCalls.push([this.defaultsOf, `${this.canonicalHere(dep)}.__call__`]);
    }
    // `await asyncio.to_thread(self._blocking, p)`, `loop.run_in_executor(None, self._work)` in a method: the
    // class runs code off its event loop (`thread:*`, loopClassMethod()).
    if (this.scope !== null && this.scope.cls >= 0 && (chain.endsWith('.run_in_executor') || ((chain.endsWith('to_thread') || chain.endsWith('Timer')) && OFF_LOOP_CALLS.has(this.canonicalHere(chain))))) {
      this.noteSelfCall(this.scope.cls, `${OWN_THREAD_METHOD}*`);
    }
    // `context.get("request")` in a function given a template context, as `context["request"]` (visitExpr()).
    if (chain === 'context.get' && args && this.scope !== null && this.scope.params.has('context') && !this.scope.assigned.has('context')) {
      const key = args.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (key?.type === 'string' && /^(['"])request\1$/.test(key.text)) {
        this.functions[this.scope.fn].isRequest = true;
        requestArg = true;
      }
    }
    // `if not hasattr(cls, "_inst"):` / `if getattr(cls, "_inst", None) is None:` test `cls._inst`.
    if (this.collecting && (chain === 'hasattr' || chain === 'getattr') && args) {
      const [obj, attr] = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      const base = obj ? chainOf(obj) : null;
      const name = attr?.type === 'string' ? /^(['"])([A-Za-z_]\w*)\1$/.exec(attr.text)?.[2] : undefined;
      if (base && name) this.collecting.keys.add(`${base}.${name}`);
    }
    const [base, rest] = splitChain(chain);
    calleeTaint =
      this.scope !== null &&
      ((this.isTaintedName(base) && !this.appOfRequest(base, rest)) || this.isRequestAttribute(base, rest) || this.isRequestGlobal(chain));
    const dot = chain.lastIndexOf('.');
    const method = dot >= 0 ? chain.slice(dot + 1) : chain;
    // `_register_yaql_functions(ROOT_YAQL_CONTEXT)`, `event.listen(ENGINE, "checkout", f)` right after the
    // global was assigned under a lazy initialisation's test: the object is set up after it was published.
    if (this.earlyPublished.size > 0 && args !== null && (SETUP_METHOD.test(method.replace(/^_+/, '')) || method === 'listen')) {
      for (const a of args.namedChildren) if (a?.type === 'identifier') this.noteEarlySetup(a.text, node);
    }
    if (dot >= 0) {
      const obj = chain.slice(0, dot);
      // `_model = Model(); _model.load(path)` under a double-checked lock: the object is set up after it was published.
      if (this.published.size > 0 && SETUP_METHOD.test(method) && obj.indexOf('.') < 0 && this.scope?.globals.has(obj) && this.held.length > 0) this.notePublication(obj, 'mutate', node);
      if (this.earlyPublished.size > 0 && SETUP_METHOD.test(method) && obj.indexOf('.') < 0) this.noteEarlySetup(obj, node);
      // `SALES.dropna(inplace=True)`: pandas changes the object itself.
      if (!MUTATING_METHODS.has(method) && args !== null && src.charCodeAt(args.endIndex - 2) !== 40 && /\binplace\s*=\s*True\b/.test(src.slice(args.startIndex, args.endIndex))) {
        this.record(obj, 'mutate', node, { detail: method });
      }
      if (MUTATING_METHODS.has(method)) {
        // `running.add(key)` with `key = id(self), get_ident()`: the thread's own entry.
        const first = (method === 'add' || method === 'discard' || method === 'remove' || method === 'pop' || method === 'append') && args ? args.namedChildren.find((c) => c !== null && c.type !== 'comment') : undefined;
        const detail = first && this.isThreadKey(first, obj, true) ? threadKeyedMethod(method) : method;
        // `_notes.setdefault(request, {})` on a WeakKeyDictionary: the request is a key the container does not keep.
        const weakKey = argTaint && !laterArgTaint && (method === 'setdefault' || method === 'add') && args !== null &&
          this.ownWeakEntry(obj, args.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null);
        if (first && detail !== method) this.threadKeyText = first.text;
        this.record(obj, 'mutate', node, { detail, ...(weakKey ? {} : storedTaint(method, args, argTaint, laterArgTaint)) });
        this.threadKeyText = '';
      } else if (RESOURCE_METHODS.has(method)) {
        this.record(obj, method === 'send' ? 'next' : 'use', node, { detail: method });
      } else if (method === 'get' && this.readChangingCache(obj) !== undefined) {
        this.record(obj, 'use', node, { detail: 'get' });
      } else if ((method === 'get' || method === 'put') && this.checks.length > 0 && this.scope !== null) {
        this.noteQueueAfterTest(obj, method, node, args);
      }
    }
    if (args && this.scope !== null && (IN_PLACE_NAMES.has(method) || (dot < 0 && this.moduleImports.has(chain)))) {
      // `heapq.heappush(_deadlines, item)`, `random.shuffle(BACKENDS)`: the list given first is changed in place.
      const canonical = this.canonicalHere(chain);
      // Also a generator object's `.shuffle(x)` (`random.Random(4).shuffle`, NumPy's `rng.shuffle`).
      // (Not a module's own `shuffle`, `sklearn.utils.shuffle(X)`, `tf.random.shuffle(L)`: those return a shuffled copy.)
      const stores = IN_PLACE_FUNCTIONS.get(canonical) ?? (method === 'shuffle' && dot >= 0 && !this.isImportedBase(base) ? false : undefined);
      const given = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      const target = stores !== undefined && given.length > 0 && given[0].type !== 'keyword_argument' ? chainOf(given[0]) : null;
      if (target !== null && stores !== undefined) {
        const taint = stores && argTaint ? given.slice(1).filter((g) => g.type !== 'keyword_argument').map((g) => g.text).join(', ') : undefined;
        this.record(target, 'mutate', node, { detail: IN_PLACE_FUNCTIONS.has(canonical) ? canonical : chain, ...(taint !== undefined ? { taint } : {}) });
      }
    }
    // `len(_sessions)` on a cachetools TTL cache of this module drops the expired entries first.
    if (chain === 'len' && args !== null && args.namedChildren.length === 1 && args.namedChildren[0]?.type === 'identifier' && this.readChangingCache(args.namedChildren[0].text) === true) {
      this.record(args.namedChildren[0].text, 'use', node, { detail: 'len' });
    }
    if (chain === 'next' && args) {
      const first = args.namedChildren[0];
      const target = chainOf(first);
      if (target) this.record(target, 'next', node, { detail: 'next' });
    }
    // `list(itertools.islice(_ids, n))` takes n items from the iterator.
    if (this.scope && (method === 'islice' || method === 'takewhile' || method === 'dropwhile')) this.noteAdvanced(iteratorArg(node));
    // `locale.setlocale(category, None)` only asks for the current setting.
    const query =
      (method === 'setlocale' && args !== null && args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').some((a, i) => (i === 1 && a.text === 'None') || /^locale\s*=\s*None$/.test(a.text))) ||
      // `logging.basicConfig(...)` does nothing once the root logger has a handler, unless given `force=True`.
      (method === 'basicConfig' && (args === null || !/\bforce\s*=\s*True\b/.test(args.text))) ||
      // Main-thread-only calls whose ValueError off the main thread the code catches (`except ValueError: return`).
      (this.signalsGuarded > 0 && (method === 'signal' || method === 'set_wakeup_fd'));
    // `logger = logging.getLogger("shop")` ... `logger.setLevel(...)` in a function: the logger of that name (Scope.origins).
    if (this.scope !== null && rest.indexOf('.', 1) < 0 && (method === 'setLevel' || method === 'addHandler' || method === 'removeHandler') && this.scope.origins.get(base) === 'logging.getLogger') {
      this.record(`logging.Logger.${method}`, 'call', node, { argc });
    }
    if (!query && (PROCESS_WIDE_LAST.has(method) || (this.isImportedBase(base) && processWideCall(this.canonicalHere(chain)) !== undefined))) {
      const restores = args !== null && args.namedChildren.some((a) => a !== null && this.restoresValue(this.canonicalHere(chain), a));
      // `warnings.simplefilter("ignore")` inside `with warnings.catch_warnings():`, which puts the filters back: one
      // change of the filters with the block's, which is reported (as alike, in the same function) on the `with`.
      const restored = !restores && this.catchWarnings > 0 && method !== 'catch_warnings' && this.canonicalHere(chain).startsWith('warnings.');
      if (!restored) this.record(chain, 'call', node, { argc, ...(restores ? { detail: RESTORES } : {}) });
    }
    if (this.scope && this.scope.selfName && base === this.scope.selfName && rest.indexOf('.', 1) < 0 && this.scope.cls >= 0) this.noteSelfCall(this.scope.cls, rest.slice(1));
    // Same-file call edges, for lock re-entry (TL010) and constructor-only helpers: `f()` and `self.m()`.
    const fn = this.currentFn();
    // `client.call(...)` on a module-level name or an import (not a local, a parameter or self), in a
    // request handler (known from its parameters and decorators by now: a later read of
    // `flask.request` is missed, which only leaves a finding at information).
    // A name imported in the function (`from app.svc import presence` to dodge an import cycle) counts too.
    // (Recorded for every function, kept for request handlers when the summary is made: a handler may read
    // `flask.request` after the call; and for helpers, on the module's own objects, FileSummary.helperCalls.)
    // (Not a call made under a lock the caller holds: the method's changes are serialised by it there.)
    // `self.limiter.hit(key)` or `self.authenticate(environ)` in a method, no lock held: FileSummary.ownedCalls.
    if (fn >= 0 && rest && this.held.length === 0 && base === this.scope!.selfName && this.scope!.cls >= 0 && !this.functions[fn].isClassMethod && OWNED_REST.test(rest)) {
      this.objectCalls.push([fn, OWNED_CALL + rest.slice(1)]);
    }
    if (fn >= 0 && rest && this.held.length === 0 && base !== this.scope!.selfName && (!this.isLocalName(base) || this.scope!.imports.has(base))) {
      if (this.functions[fn].isRequest || (this.moduleDefs.has(base) && !isCallableKind(this.moduleDefs.get(base)!.value))) this.objectCalls.push([fn, this.canonicalHere(chain)]);
      // An imported object (`from .breaker import breaker`) in a function not yet known to handle requests: made
      // canonical only if it turns out to (LATER_CANONICAL; module-level imports, so the module's names decide).
      else if (this.moduleImports.has(base) && !this.isLocalName(base)) this.objectCalls.push([fn, LATER_CANONICAL + chain]);
    }
    // `zone_memo(postcode)` on a module-level instance of this file: its `__call__`. (Any name the module binds
    // to something other than a function, class or import: the memo key holds that much, memoKey().)
    const bound = fn >= 0 && !rest && !this.isLocalName(base) ? this.moduleDefs.get(base) : undefined;
    if (bound !== undefined && !isCallableKind(bound.value)) {
      this.objectCalls.push([fn, `${this.canonicalHere(chain)}.__call__`]);
    } else if (bound?.value.k === 'import' && !chain.includes('.') && this.functions[fn].isRequest && this.held.length === 0) {
      // `tax_rate(region)` in a request handler, where `from memo import tax_rate` may be a module-level instance
      // of another file: its `__call__` (Workspace.requestCalls() keeps what resolves to an instance).
      this.objectCalls.push([fn, `${this.canonicalHere(chain)}.__call__`]);
    }
    // (Also `field.setup(...)` on a parameter of a closure in a model field's set-up method, which may stand
    // for the field itself: markConstructionOnly() keeps it only then, fieldStandIn().)
    const fieldParam = fn >= 0 && rest !== '' && rest.indexOf('.', 1) < 0 && this.functions[fn].nested && this.scope!.params.has(base) && this.inFieldSetup();
    // (And `Backend._load()`, a method called through a class the module may define: resolveCallee().)
    const throughClass = fn >= 0 && rest !== '' && rest.indexOf('.', 1) < 0 && CLASS_LIKE.test(base) && !this.isLocalName(base);
    if (fn >= 0 && ((!rest && !BUILTINS.has(base)) || (this.scope!.selfName === base && rest.indexOf('.', 1) < 0) || fieldParam || throughClass)) {
      if (this.lambdaDepth === 0) {
        const edge: CallEdge = { fn, callee: chain, held: this.held.length > 0 || this.provisional.length > 0 ? [...this.held, ...this.provisional] : [], node };
        if (this.tried.length > 0) edge.guards = [...this.tried];
        this.callEdges.push(edge);
      }
    }
    return (calleeTaint ? CALLEE_TAINT : 0) | (requestArg ? REQUEST_ARG : 0);
  }

  /** visitCall() for any other callee (`get_config().update(...)`, `handlers[k](...)`): whether it is request data. */
  private visitOtherCallee(node: Node, fnNode: Node | null, args: Node | null, argc: number, argTaint: boolean, laterArgTaint: boolean): boolean {
    const calleeTaint = this.visitExpr(fnNode);
    if (fnNode?.type === 'attribute' && this.scope && args && this.input.source.charCodeAt(fnNode.endIndex - 1) === 107 /* k */) this.noteDoneCallback(fnNode, args);
    // `logging.getLogger(name).setLevel(logging.DEBUG)`: the logger of that name is one object for the process.
    if (fnNode?.type === 'attribute' && this.scope && LOGGER_CHANGE.test(this.input.source.slice(fnNode.startIndex, fnNode.endIndex))) {
      const object = fnNode.childForFieldName('object');
      const getter = object?.type === 'call' ? chainOf(object.childForFieldName('function')) : null;
      if (getter !== null && this.canonicalHere(getter) === 'logging.getLogger') {
        const method = this.input.source.slice(this.input.source.lastIndexOf('.', fnNode.endIndex) + 1, fnNode.endIndex);
        this.record(`logging.Logger.${method}`, 'call', node, { argc });
      }
    }
    if (fnNode?.type === 'attribute' && this.scope) {
      // `get_config().update(...)`: changes what the call returned (Access.result).
      const src = this.input.source;
      const method = src.slice(src.lastIndexOf('.', fnNode.endIndex) + 1, fnNode.endIndex).trim();
      if (MUTATING_METHODS.has(method)) {
        // `get_settings().update(...)`, or `get_settings().origins.append(...)` (a container the result holds).
        let obj = fnNode.childForFieldName('object');
        let attr = '';
        if (obj?.type === 'attribute') {
          attr = `.${obj.childForFieldName('attribute')?.text ?? ''}`;
          obj = obj.childForFieldName('object');
        }
        // `_by_tag.setdefault(tag, []).append(x)`: the entry for that key, as shared as the container.
        const entry = attr ? null : this.entryGetter(obj, false);
        const callee = entry === null ? this.resultOf(obj) : null;
        let below: { callee: string; text: string } | null = null;
        // `_buffers.setdefault(threading.get_ident(), []).append(msg)`: the calling thread's own entry.
        if (entry !== null) this.record(this.entryOwner(entry.container), 'mutate', node, { detail: entry.key && this.isThreadKey(entry.key) ? threadKeyedMethod(method) : method, ...storedTaint(method, args, argTaint, laterArgTaint) });
        else if (callee !== null) this.record(callee, 'mutate', node, { detail: method, result: true, ...(attr ? { text: `${callee}()${attr}` } : {}), ...storedTaint(method, args, argTaint, laterArgTaint) });
        else if (attr && obj?.type === 'subscript') {
          // `_by_group[g].members.append(user)`: a container an entry of the named one holds.
          this.recordEntryChange(entrySubscript(obj), 'mutate', method, node, storedTaint(method, args, argTaint, laterArgTaint).taint ?? null);
        } else if (!attr && obj?.type === 'subscript' && (below = this.resultBelow(obj)) !== null) {
          // `get_settings()["hosts"].append(h)`: a container the cached result holds.
          this.record(below.callee, 'mutate', node, { detail: method, result: true, text: below.text, ...storedTaint(method, args, argTaint, laterArgTaint) });
        } else if (!attr && obj?.type === 'subscript') {
          // `_members[group].append(user)`: an entry of a container the named one holds (as `X[a][k] = v`).
          const inner = chainOf(obj.childForFieldName('value'));
          // `_buffers[threading.get_ident()].append(msg)`: the calling thread's own entry.
          if (inner !== null) this.record(this.entryOwner(inner, obj), 'mutate', node, { detail: this.threadKeyed(obj) ? threadKeyedMethod(method) : method, ...storedTaint(method, args, argTaint, laterArgTaint) });
        }
      }
    }
    return calleeTaint;
  }

  /**
   * The keyword argument of a call that names a function run in a new child process, on its only
   * thread, before anything else: `os.register_at_fork(after_in_child=...)`, and the `initializer`
   * of a process pool (`ProcessPoolExecutor`, `multiprocessing.Pool`), called at the start of each
   * worker process. Not `ThreadPoolExecutor`'s: its threads share the process. Also the `target` of
   * a `multiprocessing.Process` (PROCESS_CLASSES, or `Process` of a context: `ctx.Process`,
   * `get_context("spawn").Process`), the child's whole program, on its main thread. Also the `lifespan`
   * of a FastAPI or Starlette application: its start-up part runs once, before the first request.
   */
  private childHookKeyword(fnNode: Node | null): string | null {
    // From the source first: this runs for every call.
    const src = this.input.source;
    const end = fnNode?.endIndex ?? 0;
    if (!fnNode || !(src.endsWith('register_at_fork', end) || src.endsWith('Executor', end) || src.endsWith('Pool', end) || src.endsWith('FastAPI', end) || src.endsWith('Starlette', end) || src.endsWith('DataLoader', end) || src.endsWith('Process', end))) return null;
    const chain = chainOf(fnNode);
    // `mp.get_context("spawn").Process(target=f)`: a process of a context made there.
    if (chain === null) {
      const made = fnNode.type === 'attribute' && src.endsWith('.Process', end) ? fnNode.childForFieldName('object') : null;
      const maker = made?.type === 'call' ? chainOf(made.childForFieldName('function')) : null;
      return maker !== null && /^(multiprocessing|billiard)(\.context)?\.get_context$/.test(this.canonicalHere(maker)) ? 'target' : null;
    }
    const last = chain.slice(chain.lastIndexOf('.') + 1);
    if (last !== 'register_at_fork' && last !== 'ProcessPoolExecutor' && last !== 'Pool' && last !== 'FastAPI' && last !== 'Starlette' && last !== 'DataLoader' && last !== 'Process') return null;
    // `multiprocessing.Process(target=f)`, `mp.get_context("spawn").Process(...)`, `self._context.Process(...)` (loky):
    // `f` is the child process's program, run on its main thread with globals of its own.
    if (last === 'Process') {
      const canonical = this.canonicalHere(chain);
      const receiver = chain.slice(0, chain.lastIndexOf('.'));
      // (A receiver named for a context only in a module that uses multiprocessing, billiard or loky, and not
      // `multiprocessing.dummy`'s, whose processes are threads.)
      const context = /(^|[._])(ctx|context)$/i.test(receiver) && canonical === chain &&
        (this.importsPackage('multiprocessing') || this.importsPackage('billiard') || this.importsPackage('loky') || this.importsPackage('joblib'));
      return PROCESS_CLASSES.has(canonical) || context ? 'target' : null;
    }
    return CHILD_HOOKS.get(this.canonicalHere(chain)) ?? null;
  }

  /** The function a hook argument names: `f`, `mod.f`, or `functools.partial(f, ...)`. */
  private hookFunction(value: Node | null): string | null {
    if (value?.type === 'call') {
      const callee = chainOf(value.childForFieldName('function'));
      if (callee === null || this.canonicalHere(callee) !== 'functools.partial') return null;
      const first = value.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      return first && first.type !== 'keyword_argument' ? chainOf(first) : null;
    }
    return chainOf(value);
  }

  /** The same-file function or method a call edge reaches (`f()`, `self.m()`), or -1. */
  private resolveCallee(edge: CallEdge, defs: Record<string, Binding>): number {
    const fn = this.functions[edge.fn];
    const [base, rest] = splitChain(edge.callee);
    if (fn.selfName && base === fn.selfName && rest && rest.indexOf('.', 1) < 0 && fn.cls >= 0) {
      const method = own(this.classes[fn.cls].methods, rest.slice(1)) ?? -1;
      return edge.read && !this.propertyFns.has(method) ? -1 : method;
    }
    if (edge.read) return -1;
    if (!rest) {
      const def = own(defs, base);
      if (def?.value.k === 'function') return def.value.fn;
      // `Metric(name)`: runs `Metric.__init__` (the class's own; an inherited one is not followed).
      if (def?.value.k === 'class') return own(this.classes[def.value.cls].methods, '__init__') ?? -1;
    } else if (rest.indexOf('.', 1) < 0) {
      // `Backend._load()`: a method called through a class of the module (a classmethod or staticmethod, as a rule).
      const def = own(defs, base);
      if (def?.value.k === 'class') return own(this.classes[def.value.cls].methods, rest.slice(1)) ?? -1;
    }
    return -1;
  }

  /**
   * Private functions whose every same-file call holds a lock ("must be called
   * with the lock held", as threading.py documents its helpers) run under that
   * lock: their accesses count as guarded.
   */
  private markCalledUnderLock(defs: Record<string, Binding>): void {
    const sites = new Map<number, { fn: number; held: boolean }[]>();
    // A lock another module makes (importedLock()'s placeholder), held around a call: whether it is one is
    // only known across files, so the callee's accesses take that placeholder (when its held calls hold one alone).
    const importedHeld = new Map<number, Set<string>>();
    const localHeld = new Set<number>();
    for (const edge of this.callEdges) {
      const callee = this.resolveCallee(edge, defs);
      if (callee < 0) continue;
      let list = sites.get(callee);
      if (!list) sites.set(callee, (list = []));
      // Not an imported helper's placeholder: whether it holds a lock is only known across files.
      const local = edge.held.some((k) => !k.startsWith(IMPORTED_HELPER_KEY) && this.isLockKey(k, defs));
      const imported = local ? undefined : edge.held.find((k) => k.startsWith(IMPORTED_HELPER_KEY) && k.endsWith(IMPORTED_LOCK_VALUE));
      if (local) localHeld.add(callee);
      if (imported !== undefined) {
        let keys = importedHeld.get(callee);
        if (!keys) importedHeld.set(callee, (keys = new Set()));
        keys.add(imported);
      }
      list.push({ fn: edge.fn, held: local || imported !== undefined });
    }
    // The largest set of private functions whose every call holds a lock or comes from the set (so a
    // recursive helper, `_walk(n)` calling `_walk(n - 1)`, counts), then only those a held call reaches.
    // Public module-level functions join them, marked CALLERS_LOCK_KEY: code elsewhere may call them
    // without the lock (not a method, which any code holding an object may call, nor a request handler
    // or a decorated function). The file names none of them but at their `def` and their calls (not
    // `Thread(target=_flush)`, nor a call in a lambda).
    const under = new Set<number>();
    for (const fn of sites.keys()) {
      const info = this.functions[fn];
      const name = info.name;
      if (!name.endsWith('__') && (name.startsWith('_') || (info.cls < 0 && !info.nested && !info.isRequest && !info.decorated))) under.add(fn);
    }
    // Drops the functions with a call that holds no lock and comes from outside the set, and then
    // those such a dropped function calls (a worklist: call chains can be long).
    const callsFrom = new Map<number, number[]>();
    for (const [fn, list] of sites) {
      for (const site of list) {
        let callees = callsFrom.get(site.fn);
        if (!callees) callsFrom.set(site.fn, (callees = []));
        callees.push(fn);
      }
    }
    const prune = () => {
      const queue: number[] = [];
      for (const fn of under) {
        if (sites.get(fn)!.every((site) => site.held || under.has(site.fn))) continue;
        under.delete(fn);
        queue.push(fn);
      }
      while (queue.length > 0) {
        for (const fn of callsFrom.get(queue.pop()!) ?? []) {
          if (!under.has(fn) || sites.get(fn)!.every((site) => site.held || under.has(site.fn))) continue;
          under.delete(fn);
          queue.push(fn);
        }
      }
    };
    prune();
    // (Names counted in one pass over the file, for those left.)
    const calls = (fn: number) => sites.get(fn)!.length;
    if (under.size > 0) {
      const wanted = new Map<string, number>();
      for (const fn of under) wanted.set(this.functions[fn].name, 0);
      for (const m of this.codeSource().matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
        const n = wanted.get(m[0]);
        if (n !== undefined) wanted.set(m[0], n + 1);
      }
      let named = false;
      for (const fn of under) {
        if (wanted.get(this.functions[fn].name)! <= calls(fn) + 1) continue;
        under.delete(fn);
        named = true;
      }
      if (named) prune();
    }
    // What the functions a held call reaches reach in turn (a worklist too).
    const reached = new Set<number>([...under].filter((fn) => sites.get(fn)!.some((site) => site.held)));
    for (const queue = [...reached]; queue.length > 0; ) {
      for (const c of callsFrom.get(queue.pop()!) ?? []) {
        if (reached.has(c) || !under.has(c)) continue;
        reached.add(c);
        queue.push(c);
      }
    }
    for (const fn of under) if (!reached.has(fn)) under.delete(fn);
    if (under.size === 0) return;
    // (What a public one calls shares its doubt, a private helper too: the public functions it is
    // reached through, whose callers in other files resolve.ts looks for; past CALLER_ROOTS of them,
    // `*`, which resolve.ts judges as unlocked.)
    const roots = new Map<number, Set<number> | '*'>();
    const queue: number[] = [];
    for (const fn of under) {
      if (this.functions[fn].name.startsWith('_')) continue;
      roots.set(fn, new Set([fn]));
      queue.push(fn);
    }
    while (queue.length > 0) {
      const caller = queue.pop()!;
      const from = roots.get(caller)!;
      for (const c of callsFrom.get(caller) ?? []) {
        const own = roots.get(c);
        if (!under.has(c) || own === '*') continue;
        const merged = from === '*' ? from : new Set([...(own ?? []), ...from]);
        if (merged !== '*' && own !== undefined && merged.size === own.size) continue;
        roots.set(c, merged !== '*' && merged.size > CALLER_ROOTS ? '*' : merged);
        queue.push(c);
      }
    }
    for (const a of this.accesses) {
      if (!under.has(a.fn) || a.held.length > 0) continue;
      const through = roots.get(a.fn);
      // (Held through an imported lock: that lock, when every such call holds the same one and the function is
      // reached directly; not one that more locks, or other functions of the set, lead to.)
      const imported = importedHeld.get(a.fn);
      if (imported !== undefined) {
        // (Not beside a call under a lock of this file: two locks, which do not exclude each other.)
        if (imported.size === 1 && through === undefined && !localHeld.has(a.fn) && sites.get(a.fn)!.every((site) => site.held)) a.held = [...imported];
        continue;
      }
      a.held = [through === undefined ? `${HELPER_LOCK_KEY}caller` : `${CALLERS_LOCK_KEY}${through === '*' ? '*' : [...through].join(',')}`];
    }
  }

  /** Walking a function defined directly in a model field's set-up method (`contribute_to_class`). */
  private inFieldSetup(): boolean {
    const parent = this.scope?.parent;
    if (!parent || parent.fn < 0 || this.scope!.cls < 0) return false;
    const outer = this.functions[parent.fn];
    return !outer.nested && FIELD_SETUP_METHODS.has(outer.name);
  }

  /**
   * The parameter of a closure that stands for the model field setting it up: `K` where its set-up
   * method hands it over as `lazy_related_operation(f, ..., K=self)` (null for any other function).
   */
  private fieldStandIn(fn: FunctionInfo): string | null {
    if (!isFieldSetupClosure(fn)) return null;
    // Searched from the closure's `def` to the end of the method that defines it: the first line less
    // indented than that `def` (not another method's closure of the same name).
    const src = this.input.source;
    const lines = src.split('\n');
    const row = fn.span[0];
    const indent = (lines[row].match(/^\s*/)?.[0] ?? '').length;
    let end = row + 1;
    while (end < lines.length && (lines[end].trim() === '' || lines[end].trim().startsWith('#') || (lines[end].match(/^\s*/)?.[0] ?? '').length >= indent)) end++;
    const text = lines.slice(row, end).join('\n');
    const m = new RegExp(`(?<![\\w.])lazy_related_operation\\(\\s*${fn.name}\\b([^)]*)\\)`).exec(text);
    return m ? (/\b(\w+)\s*=\s*self\s*(?=[,)]|$)/.exec(m[1])?.[1] ?? null) : null;
  }

  /** Private methods reached only from constructors through `self.m()` calls. */
  private markConstructionOnly(): void {
    // Every `self.m()` call: the calling function, its class and the method's name (defined there or inherited).
    const selfCalls: { fn: number; cls: number; name: string }[] = [];
    // `lazy_related_operation(resolve, cls, other, field=self)`: in `resolve`, `field` is the field itself
    // (Django's own RelatedField idiom), so `field.m()` there is a call through `self` (fieldStandIn()).
    const standIns = new Map<number, string | null>();
    const standIn = (i: number): string | null => {
      let known = standIns.get(i);
      if (known === undefined) standIns.set(i, (known = this.fieldStandIn(this.functions[i])));
      return known;
    };
    for (const edge of this.callEdges) {
      const fn = this.functions[edge.fn];
      const [base, rest] = splitChain(edge.callee);
      if (!rest || rest.indexOf('.', 1) >= 0 || fn.cls < 0) continue;
      if (!(fn.selfName && base === fn.selfName) && !(fn.nested && base === standIn(edge.fn))) continue;
      selfCalls.push({ fn: edge.fn, cls: fn.cls, name: rest.slice(1) });
    }
    // Who calls each method of the class through `self.m()` (callers and number of calls).
    const callers = new Map<number, Set<number>>();
    const callCount = new Map<number, number>();
    for (const call of selfCalls) {
      const callee = own(this.classes[call.cls].methods, call.name);
      if (callee === undefined) continue;
      let set = callers.get(callee);
      if (!set) callers.set(callee, (set = new Set()));
      set.add(call.fn);
      callCount.set(callee, (callCount.get(callee) ?? 0) + 1);
    }
    // (Kept for the cross-file pass, FileSummary.selfMethodCalls; not the calls of a field's stand-in.)
    this.selfMethodCalls = selfCalls.filter((c) => this.functions[c.fn].selfName !== '').map((c) => [c.fn, c.name]);
    this.markOnlyCalledFrom(callers, 'constructionOnly', (caller) => CONSTRUCTION_METHODS.has(caller.name));
    // Only named where it is defined and where those callers call it (not `connect(self.configure)`).
    const namedOnlyThere = (fn: FunctionInfo, i: number): boolean => (callCount.get(i) ?? 0) + 1 >= this.codeMentions(fn.name);
    // Public set-up methods (`self.configure_from_settings(settings)` in `__init__`): FunctionInfo.setupPublic.
    this.markOnlyCalledFrom(callers, 'setupPublic', (caller) => CONSTRUCTION_METHODS.has(caller.name) || caller.constructionOnly, namedOnlyThere, true);
    // Model fields: the closures a set-up method hands to Django to run as the model is prepared (ClassInfo.fieldSetupClosures).
    const src = this.input.source;
    const preparing = (fn: FunctionInfo): boolean => {
      if (!isFieldSetupClosure(fn)) return false;
      return new RegExp(`(?<![\\w.])(lazy_related_operation|class_prepared\\.connect)\\(\\s*${fn.name}\\b`).test(src);
    };
    // Fresh arrays: a class replayed from the memo shares its recorded ones.
    for (const cls of this.classes) cls.fieldSetupClosures = [];
    for (const fn of this.functions) if (fn.cls >= 0 && preparing(fn)) this.classes[fn.cls].fieldSetupClosures.push(fn.qualname);
    // ClassInfo.setupCalls (from construction) and fieldSetupCalls (from a model field's set-up methods
    // and those closures, and named nowhere else in the file): by name, defined in the class or inherited.
    const fromConstruction = (fn: FunctionInfo): boolean => !fn.nested && (CONSTRUCTION_METHODS.has(fn.name) || fn.constructionOnly || fn.setupPublic);
    const fromFieldSetup = (fn: FunctionInfo): boolean => (FIELD_SETUP_METHODS.has(fn.name) && !fn.nested) || preparing(fn);
    const byClass = new Map<number, { fn: number; name: string }[]>();
    for (const call of selfCalls) {
      const list = byClass.get(call.cls);
      if (list) list.push(call);
      else byClass.set(call.cls, [call]);
    }
    const namesCalled = (calls: { fn: number; name: string }[], from: (fn: FunctionInfo) => boolean): string[] => {
      const only = new Map<string, boolean>();
      for (const call of calls) only.set(call.name, (only.get(call.name) ?? true) && from(this.functions[call.fn]));
      return [...only].filter(([, yes]) => yes).map(([name]) => name).sort();
    };
    this.classes.forEach((cls, i) => {
      const calls = byClass.get(i) ?? [];
      cls.hookCalls = this.hookCalls(cls, calls);
      cls.setupCalls = namesCalled(calls, fromConstruction);
      cls.fieldSetupCalls = namesCalled(calls, fromFieldSetup).filter((name) => {
        const fn = own(cls.methods, name);
        return fn !== undefined && this.codeMentions(name) <= (callCount.get(fn) ?? 0) + 1;
      });
    });
    // The same for `ready()` (Django's `AppConfig.ready()`, a start-up hook when the class is an AppConfig),
    // only when every mention of the name in the file is such a call or the `def` (not `connect(self._m)`).
    this.markOnlyCalledFrom(callers, 'readyOnly', (caller) => caller.name === 'ready', namedOnlyThere);
    // (Public ones too, classmethods among them, named nowhere else in the file: an AppConfig's other
    // methods are reached through the app registry, if at all; axes' `initialize()`, which `ready()` calls.)
    this.markOnlyCalledFrom(callers, 'readyOnly', (caller) => caller.name === 'ready', namedOnlyThere, true);
  }

  /**
   * ClassInfo.hookCalls: the methods that the methods a class registers as request hooks
   * (REQUEST_HOOK_METHOD notes, `app.before_request(self._check)`) call through `self`, and what
   * those call, by name. (A fresh array: a class replayed from the memo shares its recorded one.)
   */
  private hookCalls(cls: ClassInfo, calls: { fn: number; name: string }[]): string[] {
    if (calls.length === 0 || !cls.selfCalls.some((s) => s.startsWith(REQUEST_HOOK_METHOD))) return [];
    const reached = new Set(cls.selfCalls.filter((s) => s.startsWith(REQUEST_HOOK_METHOD)).map((s) => s.slice(REQUEST_HOOK_METHOD.length)));
    const hooks = new Set(reached);
    for (let grew = true; grew; ) {
      grew = false;
      for (const call of calls) {
        if (!reached.has(call.name) && reached.has(this.functions[call.fn].name) && !this.functions[call.fn].nested) {
          reached.add(call.name);
          grew = true;
        }
      }
    }
    return [...reached].filter((name) => !hooks.has(name)).sort();
  }

  /**
   * Marks `flag` on the private methods (the public ones with `publicOnly`) whose every `self.m()`
   * caller in their class is a root (`isRoot`) or already marked, to a fixpoint; `also` must hold
   * as well when given.
   */
  private markOnlyCalledFrom(
    callers: Map<number, Set<number>>,
    flag: 'constructionOnly' | 'readyOnly' | 'setupPublic',
    isRoot: (caller: FunctionInfo) => boolean,
    also?: (fn: FunctionInfo, i: number) => boolean,
    publicOnly = false,
  ): void {
    const isPrivate = (name: string) => name.startsWith('_') && !name.endsWith('__');
    const wanted = publicOnly ? (name: string) => !name.startsWith('_') : isPrivate;
    let changed = true;
    while (changed) {
      changed = false;
      this.functions.forEach((fn, i) => {
        if (fn[flag] || fn.cls < 0 || fn.nested || !wanted(fn.name) || this.propertyFns.has(i)) return;
        const from = callers.get(i);
        if (!from || from.size === 0) return;
        if (![...from].every((c) => this.functions[c].cls === fn.cls && (isRoot(this.functions[c]) || this.functions[c][flag]))) return;
        if (also && !also(fn, i)) return;
        fn[flag] = true;
        changed = true;
      });
    }
  }

  // ---------------------------------------------------------------- locks (TL010)

  /** Conditions made over a lock of this file, by key: `self#N._cond` -> `self#N._lock`, `_cond` -> `_lock`. */
  private conditionLocks(defs: Record<string, Binding>): Map<string, string> {
    const out = new Map<string, string>();
    const lockArg = (value: RawValue | ValueKind): string | undefined => {
      if (value.k !== 'rawcall' || !/(^|\.)Condition$/.test(value.chain) || this.canonical(value.chain) !== 'threading.Condition') return undefined;
      return value.kwargs.get('lock') ?? value.kwargs.get(FIRST_ARG);
    };
    this.rawInstanceAttrs.forEach((attrs, cls) => {
      for (const b of attrs) {
        const arg = lockArg(b.value);
        // (Over this object's own lock only: `Condition(parent._lock)` is another object's.)
        const m = arg !== undefined ? /^self\.(\w+)$/.exec(arg) : null;
        if (m) out.set(`self#${cls}.${b.name}`, `self#${cls}.${m[1]}`);
      }
    });
    for (const [name, b] of this.moduleDefs) {
      const arg = lockArg(b.value);
      if (arg !== undefined && /^\w+$/.test(arg) && Object.hasOwn(defs, arg)) out.set(name, arg);
    }
    return out;
  }

  private finishLocks(defs: Record<string, Binding>): void {
    // `self._cond = threading.Condition(self._lock)`, `_cond = Condition(_lock)`: holding the condition holds the lock.
    const over = this.conditionLocks(defs);
    const lockOf = (key: string) => over.get(key) ?? key;
    // `self._cond` (a condition over `self._lock`)
    const shown = (key: string) => (lockOf(key) !== key ? `\`${displayKey(key)}\` (a condition over \`${displayKey(lockOf(key))}\`)` : `\`${displayKey(key)}\``);
    const nonReentrant = (key: string) => {
      const kind = this.lockKind(lockOf(key), defs);
      return kind && !kind.reentrant ? kind : undefined;
    };
    for (const r of this.reacquired) {
      if (r.outer !== undefined && lockOf(r.outer) !== lockOf(r.key)) continue;
      const kind = nonReentrant(r.key);
      if (!kind) continue;
      this.local.push({
        code: 'TL010',
        span: r.span,
        fn: r.fn,
        message: `${shown(r.key)} is a non-reentrant ${lockTypeName(kind.factory)} and is already held here; acquiring it again blocks this ${kind.factory.startsWith('asyncio.') ? 'coroutine' : 'thread'} forever.`,
        related: [
          { span: r.first, message: 'first acquired here' },
          { span: kind.span, message: 'lock created here' },
        ],
      });
    }
    // Which same-file functions each function calls, for the transitive acquire sets.
    const callees = new Map<number, { callee: number; guards?: string[] }[]>();
    const resolveCallee = (edge: CallEdge) => this.resolveCallee(edge, defs);
    const edges: { edge: CallEdge; callee: number }[] = [];
    const guarding = new Set<string>();
    for (const edge of this.callEdges) {
      const callee = resolveCallee(edge);
      if (callee < 0) continue;
      edges.push({ edge, callee });
      let list = callees.get(edge.fn);
      if (!list) callees.set(edge.fn, (list = []));
      list.push({ callee, guards: edge.guards });
      for (const g of edge.guards ?? []) guarding.add(lockOf(g));
    }
    const memo = new Map<string, Set<string>>();
    // Everything a function acquires, directly or through the same-file functions it calls (iterative: call chains can be long).
    // For a caller holding `lock`, not through calls made only after a try-lock of it succeeded
    // (`if self._mutex.acquire(False): self._mutex.release(); self.loop_write()`): that try-lock fails there.
    const acquiresOf = (start: number, lock: string): Set<string> => {
      const skip = guarding.has(lockOf(lock)) ? lockOf(lock) : '';
      const memoKey = `${start}\u0000${skip}`;
      const cached = memo.get(memoKey);
      if (cached) return cached;
      const out = new Set<string>();
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0) {
        const fn = queue.pop()!;
        for (const k of this.acquired.get(fn) ?? []) out.add(k);
        for (const { callee: c, guards } of callees.get(fn) ?? []) {
          if (!seen.has(c) && (skip === '' || !guards?.some((g) => lockOf(g) === skip))) {
            seen.add(c);
            queue.push(c);
          }
        }
      }
      memo.set(memoKey, out);
      return out;
    };
    for (const { edge, callee } of edges) {
      if (edge.held.length === 0) continue;
      for (const key of edge.held) {
        const acquires = acquiresOf(callee, key);
        const kind = nonReentrant(key);
        // What the callee takes: the held lock itself, or a condition made over it (or the lock under a held condition).
        // (With a timeout only, `acquire(timeout=30)`: no deadlock, but a wait for the whole timeout and a failure, every time.)
        const timed = !acquires.has(key) && acquires.has(key + TIMED_ACQUIRE);
        const taken = acquires.has(key) || timed ? key : [...acquires].find((k) => lockOf(k) === lockOf(key));
        if (!kind || taken === undefined) continue;
        const first = this.heldSpans.get(`${edge.fn}\u0000${key}`);
        const outcome = timed ? 'it waits out the whole timeout and then fails, every time' : edge.read ? 'the read deadlocks' : 'the call deadlocks';
        const how = timed ? ' with a timeout' : '';
        this.local.push({
          code: 'TL010',
          span: edgeSpan(edge),
          fn: edge.fn,
          message: edge.read
            ? `reading \`${edge.callee}\` runs its property getter, which acquires ${shown(taken)}${how}, a non-reentrant ${lockTypeName(kind.factory)} this code already holds${taken !== key ? ` (as \`${displayKey(key)}\`)` : ''}; ${outcome}.`
            : `\`${edge.callee}()\` acquires ${shown(taken)}${how}, a non-reentrant ${lockTypeName(kind.factory)} this code already holds${taken !== key ? ` (as \`${displayKey(key)}\`)` : ''}; ${outcome}.`,
          related: [
            ...(first ? [{ span: first, message: 'lock acquired here' }] : []),
            { span: this.functions[callee].span, message: `\`${this.functions[callee].qualname}\` acquires it again` },
            { span: kind.span, message: 'lock created here' },
          ],
        });
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- helpers

/**
 * Calls whose `handler=` (oslo.config's `SubCommandOpt`) or `callback=` (click's options and arguments,
 * typer's) a command line calls while it parses its arguments: command-line code (visitCall).
 */
const OPTION_CALLBACK_CALLS = new Set(['oslo_config.cfg.SubCommandOpt', 'click.option', 'click.argument', 'click.Option', 'click.Argument', 'click.decorators.option', 'click.decorators.argument', 'click.core.Option', 'click.core.Argument', 'typer.Option', 'typer.Argument', 'typer.params.Option', 'typer.params.Argument']);

/** Methods that add one entry to a container in place (Access.check `filled`); not `update()`, done whole. */
const FILL_METHODS = new Set(['append', 'add', 'insert', 'setdefault', 'appendleft']);

/** Parameters that hold the request being served, whose attributes noteAttrReads() leaves out. */
const REQUEST_LOCALS = new Set(['request', 'req']);

/** Builtins whose result is of an immutable kind whatever they are given (immutableShape()). */
const IMMUTABLE_MAKERS = new Set(['int', 'float', 'str', 'bool', 'bytes', 'len', 'abs', 'round', 'repr', 'hash', 'ord', 'chr', 'tuple', 'frozenset', 'format', 'ascii', 'hex', 'oct', 'bin', 'complex']);
/** `str` methods no other common type has, which give a new string (immutableShape()); not `split()`, which gives a list. */
const STR_ONLY_METHODS = new Set(['lower', 'upper', 'casefold', 'capitalize', 'zfill', 'removeprefix', 'removesuffix', 'expandtabs', 'swapcase']);
/** `str` (and `bytes`) methods that other types share (a DataFrame's `replace()`, a path's `join`): only on a string (immutableShape()). */
const STR_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'title', 'replace', 'format', 'join', 'encode', 'decode', 'ljust', 'rjust', 'center']);
/** Calls whose result differs from call to call: randomness, identifiers, the clock (immutableShape()). */
const NONDETERMINISTIC = /\b(urandom|uuid\d?|uuid\d?\(|random|randint|randrange|choice|choices|shuffle|sample|getrandbits|token_\w+|secrets|time|monotonic|perf_counter|now|utcnow|today|getpid)\s*\(|\b(random|secrets|uuid)\./;
/** Standard-library functions that give a number, a string or a tuple of such (immutableShape()). */
const IMMUTABLE_CALLS = new Set([
  'os.cpu_count', 'os.getcwd', 'os.getuid', 'os.getgid', 'os.getenv', 'os.environ.get', 'os.path.join', 'os.path.abspath', 'os.path.realpath',
  'os.path.normpath', 'os.path.expanduser', 'os.path.expandvars', 'os.path.dirname', 'os.path.basename', 'os.path.relpath', 'os.path.exists', 'os.path.isdir',
  'os.path.isfile', 'os.fspath', 'sys.getfilesystemencoding', 'sys.getdefaultencoding', 'locale.getpreferredencoding', 'platform.system', 'platform.machine',
  'platform.node', 'platform.release', 'platform.version', 'platform.python_version', 'platform.python_implementation', 'platform.platform', 'socket.gethostname',
  'socket.getfqdn', 'getpass.getuser', 'tempfile.gettempdir', 'shutil.which', 'multiprocessing.cpu_count',
]);


/** The longest function body (in characters) noteLocalInstance() reads: a `main()` is far shorter. */
const LOCAL_INSTANCE_BODY_LIMIT = 20_000;

/** A callee named as classes are (`FernetUtils`, `CLI`; not `make_app`): noteLocalInstance(). */
const CLASS_LIKE = /^_?[A-Z]\w*$/;

/** Callees named like classes that make nothing of the scanned files' (noteLocalInstance()). */
const RESERVED_INSTANCE_CALLEES = new Set(['Exception', 'ValueError', 'TypeError', 'RuntimeError', 'KeyError', 'Path', 'Decimal', 'Fraction']);

/** What a function's locals stand for at one point of its walk: Scope.results, Scope.aliases, Scope.entryAliases. */
type Flow = readonly [Map<string, string>, Map<string, string>, Set<string>];
type OwnFlow = [Map<string, string>, Map<string, string>, Set<string>];

const EMPTY_FLOW: Flow = [new Map(), new Map(), new Set()];

/** A copy of what `scope` holds now. */
function flowOf(scope: Scope): OwnFlow {
  return [new Map(scope.results), new Map(scope.aliases), new Set(scope.entryAliases)];
}

function setFlow(scope: Scope, flow: Flow): void {
  scope.results.clear();
  scope.aliases.clear();
  scope.entryAliases.clear();
  for (const [k, v] of flow[0]) scope.results.set(k, v);
  for (const [k, v] of flow[1]) scope.aliases.set(k, v);
  for (const k of flow[2]) scope.entryAliases.add(k);
}

/** What `scope` holds now (not a copy). */
function flowFrom(scope: Scope): Flow {
  return [scope.results, scope.aliases, scope.entryAliases];
}

/** Adds `flow` to `into` (its values win where both name a local). */
function joinFlow(into: OwnFlow, flow: Flow): void {
  for (const [k, v] of flow[0]) into[0].set(k, v);
  for (const [k, v] of flow[1]) {
    into[1].set(k, v);
    if (flow[2].has(k)) into[2].add(k);
    else into[2].delete(k);
  }
}

/** Adds the locals of `flow` that `into` does not name (what they stood for before an `if` without `else:`). */
function joinMissing(into: OwnFlow, flow: Flow): void {
  for (const [k, v] of flow[0]) if (!into[0].has(k)) into[0].set(k, v);
  for (const [k, v] of flow[1]) {
    if (into[1].has(k)) continue;
    into[1].set(k, v);
    if (flow[2].has(k)) into[2].add(k);
  }
}

/** One reference per name, origin and kind (a call or not, made in a lambda or not) in a file's summary. */
function refKey(chain: string, from: Ref['from'], call: boolean, deferred: boolean): string {
  return `${chain}\u0000${from}${call ? '\u0000c' : ''}${deferred ? '\u0000d' : ''}`;
}

/** A Ref with `call` and `deferred` present only when true, as summaries have always held them. */
function makeRef(chain: string, from: Ref['from'], call: boolean, deferred: boolean): Ref {
  const ref: Ref = call ? { chain, from, call } : { chain, from };
  if (deferred) ref.deferred = true;
  return ref;
}

function cloneRaw(value: RawValue): RawValue {
  return value.k === 'rawcall' ? { ...value, kwargs: new Map(value.kwargs) } : { ...value };
}

function findLastIndex<T>(items: T[], pred: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i])) return i;
  return -1;
}

function displayKey(key: string): string {
  if (key.startsWith(NAMED_LOCK_KEY)) return `lockutils.synchronized("${key.slice(NAMED_LOCK_KEY.length)}")`;
  return key.replace(/^self#\d+/, 'self');
}


function isStatementType(type: string): boolean {
  return type.endsWith('_statement') || type === 'function_definition' || type === 'class_definition' || type === 'decorated_definition';
}

/** A function defined directly in a method named like a model field's set-up (`contribute_to_class`), by its qualified name. */
function isFieldSetupClosure(fn: FunctionInfo): boolean {
  const at = fn.qualname.indexOf('.<locals>.');
  if (!fn.nested || at < 0 || fn.qualname.indexOf('.<locals>.', at + 1) >= 0) return false;
  const outer = fn.qualname.slice(0, at);
  return FIELD_SETUP_METHODS.has(outer.slice(outer.lastIndexOf('.') + 1));
}

/** What an `except` clause catches, as written (`except (KeyError, IndexError) as e`). */
function handlerHead(clause: Node): string {
  const colon = clause.text.indexOf(':');
  return colon < 0 ? '' : clause.text.slice(0, colon);
}

/** Calls that run a function on another thread (besides `threading.Thread` and `run_in_executor`): a class's code off its loop. */
const OFF_LOOP_CALLS = new Set(['asyncio.to_thread', 'threading.Timer']);

/** Parameters that name one request or response (isGivenObject()). */
const EXCHANGE_PARAMS = new Set(['request', 'response', 'req', 'resp']);

/** Scrapy's middleware, pipeline and extension hooks, which take the spider last (ClassInfo.crawlerComponent). */
const SCRAPY_HOOK = /^(process_(request|response|exception|spider_input|spider_output|spider_exception|start_requests|item)|open_spider|close_spider|spider_(opened|closed|idle|error))$/;

/** The errors a failed subscript raises, caught by an EAFP lookup (lookupCheck()). */
const LOOKUP_ERRORS = /\b(KeyError|LookupError|IndexError)\b/;

function innermostValue(assignment: Node): Node | null {
  let right = assignment.childForFieldName('right');
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  return right;
}

function collectNames(node: Node, out: Set<string>): void {
  if (node.type === 'identifier') out.add(node.text);
  else for (const c of node.namedChildren) if (c) collectNames(c, out);
}

/**
 * Where the syntax errors are: every ERROR node, or when there is none, every
 * MISSING token, in document order (as `descendantsOfType('ERROR')` would list
 * them). Only subtrees that contain an error are entered, so a keystroke that
 * leaves a statement unfinished does not walk the whole file.
 */
export function syntaxErrorSpans(root: Node): Span[] {
  const errors: Span[] = [];
  const missing: Span[] = [];
  const visit = (n: Node): void => {
    if (n.isMissing) {
      missing.push(spanOf(n));
      return;
    }
    if (n.type === 'ERROR') errors.push(spanOf(n));
    // An ERROR node nested in another can report hasError = false (its cost is counted on the outer one).
    for (const c of n.children) if (c && (c.hasError || c.isMissing || c.type === 'ERROR')) visit(c);
  };
  if (root.hasError) visit(root);
  return errors.length > 0 ? errors : missing;
}

/** The kind of a literal value, or null when it is not a literal. */
const LITERAL_COMPOUND = new Set(['unary_operator', 'binary_operator', 'tuple', 'parenthesized_expression']);

/**
 * Whether every operand under an operator, tuple or parentheses is an immutable literal; walked
 * with a stack, since a generated `1 + 2 + ... ` nests one level per operator.
 */
function immutableOperands(root: Node): boolean {
  const stack = [root];
  while (stack.length > 0) {
    for (const c of stack.pop()!.namedChildren) {
      if (c === null || c.type === 'comment' || LITERAL_IMMUTABLE.has(c.type)) continue;
      if (!LITERAL_COMPOUND.has(c.type)) return false;
      stack.push(c);
    }
  }
  return true;
}

function literalKind(node: Node): ValueKind | null {
  const mutable = LITERAL_MUTABLE.get(node.type);
  if (mutable) return { k: 'mutable', type: mutable };
  if (LITERAL_IMMUTABLE.has(node.type)) return { k: 'immutable' };
  if (node.type === 'unary_operator' || node.type === 'binary_operator' || node.type === 'tuple' || node.type === 'parenthesized_expression') {
    // A comment between the items (`WORDS = ('a',  # common\n 'b')`) is not an item.
    if (immutableOperands(node)) return { k: 'immutable' };
    // `Base.Meta.fields + ["owner"]`, `[0] * 8`, `DEFAULTS | {"a": 1}`: a new list, dict or set.
    if (node.type === 'binary_operator') {
      const op = node.childForFieldName('operator')?.type;
      for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) {
        const kind = side === null ? undefined : LITERAL_MUTABLE.get(side.type);
        if (kind === 'list' && (op === '+' || op === '*')) return { k: 'mutable', type: 'list' };
        if ((kind === 'dict' || kind === 'set') && op === '|') return { k: 'mutable', type: kind };
      }
    }
    return null;
  }
  if (node.type === 'generator_expression') return { k: 'generator' };
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'identifier' ? fn.text : '';
    if (name === 'list' || name === 'dict' || name === 'set' || name === 'bytearray') return { k: 'mutable', type: name };
  }
  return null;
}

// `await lock.acquire()` holds an asyncio (or anyio) lock as `async with lock:` does.
const LOCK_CALL = /^(?:await\s+)?([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\s*\(/u;

/** A helper call such as `_acquireLock()` / `self._release_lock()` stands for taking or dropping a lock. */
export const HELPER_LOCK_KEY = 'call:';
/** How many public functions a helper under its callers' lock may be reached through before it counts as reached from anywhere (markCalledUnderLock()). */
const CALLER_ROOTS = 8;

/** The held-lock key of an oslo.concurrency lock taken by name (`@lockutils.synchronized("cache")`), then the name. */
const NAMED_LOCK_KEY = `${HELPER_LOCK_KEY}oslo_concurrency.lockutils.synchronized:`;
const NAMED_LOCK_FACTORY = 'oslo_concurrency.lockutils.synchronized';
/**
 * The iterator argument of `enumerate(it)`, `itertools.islice(it, n)`, `takewhile(pred, it)`,
 * `dropwhile(pred, it)`, or null for any other call.
 */
function iteratorArg(call: Node): Node | null {
  const callee = chainOf(call.childForFieldName('function'));
  const last = callee === null ? '' : callee.slice(callee.lastIndexOf('.') + 1);
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
  if (last === 'enumerate' || last === 'islice') return args[0] ?? null;
  if (last === 'takewhile' || last === 'dropwhile') return args[1] ?? null;
  return null;
}

/** How many statements of `text` start by assigning an attribute of `name` (`wrapper.calls = calls`). */
function attributeStores(text: string, name: string): number {
  let count = 0;
  const escaped = name.replace(/[^\w]/g, '\\$&');
  for (const _ of text.matchAll(new RegExp(`(^|\\n)[ \\t]*${escaped}\\.[A-Za-z_]\\w*[ \\t]*=(?!=)`, 'g'))) count++;
  return count;
}

/**
 * Falcon's request handlers take `(req, resp)`: responders `on_get(self, req, resp)`, middleware
 * `process_request(self, req, resp)`, hooks `(req, resp, resource, params)`, error handlers
 * `(req, resp, ex, params)`, sinks `(req, resp)`.
 */
function isFalconHandler(params: string[]): boolean {
  const req = params.indexOf('req');
  return req >= 0 && params[req + 1] === 'resp';
}

/**
 * A function body whose first statement (after the docstring and `global`/`nonlocal`) leaves
 * unless it runs on the main thread: `if not is_main_thread(): return` (or `yield` then `return`,
 * in a context manager), `if threading.current_thread() is not threading.main_thread(): return`.
 */
/** Whether `node` sits in a lambda, which may run any number of times. */
function inLambda(node: Node): boolean {
  for (let n = node.parent; n !== null; n = n.parent) if (n.type === 'lambda') return true;
  return false;
}

/**
 * The request data a storing method's call keeps (`{ taint: text }`), or none: for `insert(i, x)` and
 * `setdefault(k, default)` only the arguments after the first are stored as values (a key or an index
 * from the request is no stored data: TL002, not TL007); for the others, every argument.
 */
function storedTaint(method: string, args: Node | null, argTaint: boolean, laterArgTaint: boolean): { taint?: string } {
  if (!argTaint || args === null || !STORING_METHODS.has(method)) return {};
  if (method !== 'insert' && method !== 'setdefault') return { taint: argumentsText(args) };
  if (!laterArgTaint || args.type !== 'argument_list') return {};
  const given = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  return given.length > 1 ? { taint: given.slice(1).map((c) => c.text).join(', ') } : {};
}

/** The text of a call's arguments without their parentheses (`ip` of `SEEN.add(ip)`), as a message quotes the data stored. */
function argumentsText(args: Node): string {
  // `SEEN.update(k for k in request.GET)`: the generator is the call's only argument, without parentheses of its own.
  if (args.type !== 'argument_list') return args.text;
  const given = args.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
  return given.map((c) => c.text).join(', ');
}

function leavesOffMainThread(body: Node): boolean {
  let first = true;
  for (const stmt of body.namedChildren) {
    if (stmt === null || stmt.type === 'comment' || stmt.type === 'global_statement' || stmt.type === 'nonlocal_statement') continue;
    if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string') continue;
    if (stmt.type === 'if_statement' && stmt.childForFieldName('alternative') === null) {
      let test = (stmt.childForFieldName('condition')?.text ?? '').replace(/\s+/g, ' ').trim();
      while (test.startsWith('(') && test.endsWith(')')) test = test.slice(1, -1).trim();
      const consequence = stmt.childForFieldName('consequence');
      // (After set-up statements, only a test that raises: one that returns is how a worker thread
      // skips the rest, after it ran the set-up as every thread does.)
      if (NOT_MAIN_THREAD.some((re) => re.test(test))) return consequence !== null && (first ? endsInExit(consequence) : endsInRaise(consequence));
    }
    // Straight-line statements before the test (pywebview's `start()` sets its globals, then raises off
    // the main thread): another thread that ran them raises right after, so the function is the main
    // thread's. Not a statement that branches, loops, waits or leaves, nor one that starts a thread.
    if (!straightLine(stmt) || STARTS_WORK.test(stmt.text)) return false;
    first = false;
  }
  return false;
}

/** Text of a statement that waits, or hands work to a thread, a timer, a pool or a process (leavesOffMainThread()). */
const STARTS_WORK = /\b(yield|await)\b|\b(Thread|Timer|Process|Pool|ThreadPoolExecutor|ProcessPoolExecutor)\s*\(|\.(submit|map|apply_async|map_async|start|spawn|start_soon|run_in_executor)\s*\(|start_new_thread|to_thread/;

/** A block that does nothing but raise (comments aside). */
function onlyRaises(block: Node): boolean {
  const stmts = block.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  return stmts.length === 1 && stmts[0]!.type === 'raise_statement';
}

/**
 * Whether a function body never falls off its end (which returns None): its last statement returns
 * or raises, or is an `if` with an `else` (a `with`, a `try` and its handlers) whose every arm does.
 */
function alwaysReturns(block: Node | null): boolean {
  if (block === null) return false;
  const stmts = block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const last = stmts[stmts.length - 1];
  if (last === undefined) return false;
  switch (last.type) {
    case 'return_statement':
    case 'raise_statement':
      return true;
    case 'with_statement':
      return alwaysReturns(last.childForFieldName('body'));
    case 'if_statement': {
      const alternatives = last.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
      if (!alternatives.some((c) => c.type === 'else_clause')) return false;
      return alwaysReturns(last.childForFieldName('consequence')) && alternatives.every((c) => alwaysReturns(c.childForFieldName(c.type === 'else_clause' ? 'body' : 'consequence')));
    }
    case 'try_statement': {
      const body = last.namedChildren.find((c) => c?.type === 'block') ?? null;
      const handlers = last.namedChildren.filter((c): c is Node => c !== null && c.type === 'except_clause');
      if (last.namedChildren.some((c) => c?.type === 'else_clause')) return false;
      return alwaysReturns(body) && handlers.every((h) => alwaysReturns(h.namedChildren.find((c) => c?.type === 'block') ?? null));
    }
    default:
      return false;
  }
}

/** A block whose last statement is a `raise`. */
function endsInRaise(block: Node): boolean {
  const stmts = block.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  return stmts.length > 0 && stmts[stmts.length - 1]!.type === 'raise_statement';
}

/** Statements that run straight through (leavesOffMainThread()): an assignment or a call, an import, `pass`, `del`. */
const STRAIGHT_LINE = new Set(['expression_statement', 'import_statement', 'import_from_statement', 'future_import_statement', 'pass_statement', 'delete_statement']);

/** A statement that goes on to the next one: STRAIGHT_LINE, a definition, or an `if` whose arms hold only such statements. */
function straightLine(stmt: Node): boolean {
  if (STRAIGHT_LINE.has(stmt.type) || stmt.type === 'comment' || stmt.type === 'function_definition' || stmt.type === 'class_definition' || stmt.type === 'decorated_definition') return true;
  if (stmt.type !== 'if_statement') return false;
  const condition = stmt.childForFieldName('condition')?.id;
  for (const part of stmt.namedChildren) {
    if (part === null || part.id === condition || part.type === 'comment') continue;
    const block = part.type === 'block' ? part : part.type === 'elif_clause' ? part.childForFieldName('consequence') : part.type === 'else_clause' ? part.childForFieldName('body') : null;
    if (block === null) return false;
    if (!block.namedChildren.every((c) => c === null || straightLine(c))) return false;
  }
  return true;
}

/**
 * Tests that are true off the main thread: `not is_main_thread()` (a helper so named),
 * `threading.current_thread() is not threading.main_thread()` (either order, `!=` too),
 * `threading.current_thread().name != "MainThread"`. Nothing else in the test.
 */
/**
 * The names a `case` pattern binds: a bare name (`case x`, not a dotted value pattern such as
 * `Color.RED`, nor the wildcard `_`), `*rest`, `**rest`, a keyword pattern's name (`Point(x=x)`) and
 * `as` names.
 */
function patternCaptures(pattern: Node): Node[] {
  const names: Node[] = [];
  const stack: Node[] = [pattern];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (c === null) continue;
      const parent = n.type;
      if (c.type === 'dotted_name') {
        // A class pattern's class (`Point(...)`) is its first dotted name, read, not bound.
        const only = c.namedChildCount === 1 ? c.namedChildren[0] : null;
        if (only?.type === 'identifier' && only.text !== '_' && (parent === 'case_pattern' || (parent === 'keyword_pattern' && c !== n.namedChildren[0]))) names.push(only);
      } else if (c.type === 'identifier') {
        if (c.text !== '_' && (parent === 'splat_pattern' || (parent === 'as_pattern' && c === n.namedChildren[n.namedChildCount - 1]))) names.push(c);
      } else if (c.type !== 'string' && c.type !== 'integer' && c.type !== 'float') stack.push(c);
    }
  }
  return names;
}

/** `threading.current_thread() is threading.main_thread()` (or a conjunct of the test). */
const MAIN_THREAD = [
  /^(threading\.)?(current_thread|currentThread)\(\) (is|==) (threading\.)?main_thread\(\)$/,
  /^(threading\.)?main_thread\(\) (is|==) (threading\.)?(current_thread|currentThread)\(\)$/,
];

function isMainThreadTest(text: string): boolean {
  // (A test continued with a backslash reads as one line; not one with an `or`, which lets other threads in.)
  const test = text.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\((.*)\)$/, '$1');
  if (/\bor\b/.test(test)) return false;
  return test.split(' and ').some((part) => MAIN_THREAD.some((re) => re.test(part.trim().replace(/^\((.*)\)$/, '$1').trim())));
}

/**
 * `for f in (a, b): f()`: the functions a loop over a tuple or list of names calls (the loop variable
 * used only as a callee in the body), or null.
 */
function importTimeLoopCalls(loop: Node, right: Node | null): string[] | null {
  if ((right?.type !== 'tuple' && right?.type !== 'list') || !loopOnlyCalls(loop)) return null;
  const names: string[] = [];
  for (const c of right.namedChildren) {
    if (c === null || c.type === 'comment') continue;
    if (c.type !== 'identifier') return null;
    names.push(c.text);
  }
  return names.length > 0 ? names : null;
}

/** A `for x in ...:` whose body uses `x` only to call it (importTimeLoopCalls()). */
function loopOnlyCalls(loop: Node): boolean {
  const left = loop.childForFieldName('left');
  const body = loop.childForFieldName('body');
  if (left?.type !== 'identifier' || body === null) return false;
  const text = body.text;
  // (Not a call inside a lambda or a nested function, `Thread(target=lambda: poll())`: that runs later.)
  if (/\blambda\b|\bdef\s/.test(text)) return false;
  const uses = text.match(new RegExp(`(?<![\\w.])${left.text}\\b(\\s*\\()?`, 'g')) ?? [];
  return uses.length > 0 && uses.every((u) => u.endsWith('('));
}

/** In the reads of a right-hand side (rhsReads): the container was read through a local holding its lookup (Scope.lookups). */
const LOOKUP_READ = '\0lookup:';
/** In the reads of a right-hand side: a local holding a plain copy of the global (or, after `c:`, a value computed from it) was read (Scope.derived). */
const DERIVED_READ = '\0derived:';
/** In `signalHandlers`: a method installed through `self` (`signal.signal(sig, self.on_hup)`), as `cls.method`. */
const SELF_HANDLER = 'self:';
/** In the reads of a right-hand side: a local holding a lookup in a module-level container was read (Scope.lookupsAt); `container\0local` when fewer locks were held at the lookup than now. */
const LOOKUP_EARLY = '\0lookup-early:';
/** In the reads of a right-hand side: a local read from the global (Scope.derived) was read; `global\0local` when fewer locks were held at its read than now. */
const DERIVED_EARLY = '\0derived-early:';
/**
 * A value read into a local before the locks now held were taken, among a store's reads (`marker` is
 * DERIVED_EARLY or LOOKUP_EARLY): the first such local whose read `readOf` knows, unless the value also
 * reads one under the same locks or `reread`, the most locks held at a read of `name` since, covers it.
 */
function earlyRead(reads: ReadonlySet<string>, marker: string, name: string, readOf: (local: string) => { held: number; at: Span } | undefined, reread: number): { local: string; held: number; at: Span } | undefined {
  if (reads.has(`${marker}${name}`)) return undefined;
  const prefix = `${marker}${name}\0`;
  for (const key of reads) {
    if (!key.startsWith(prefix)) continue;
    const local = key.slice(prefix.length);
    const read = readOf(local);
    if (read !== undefined && reread <= read.held) return { local, held: read.held, at: read.at };
  }
  return undefined;
}

/** In the reads of an assignment's value: `X.__wrapped__` was read, for `X` (valueReads()). */
const WRAPPED_READ = '\0wrapped:';

/**
 * The parameters of a PasteDeploy factory (FunctionInfo.pasteFactory): `(global_conf, **local_conf)`
 * for an application, filter or server factory, `(app, global_conf, **local_conf)` for a filter-app one.
 */
function pasteFactoryOf(params: string[]): 'conf' | 'app' | undefined {
  const conf = (p: string | undefined) => p === 'global_conf' || p === 'global_config';
  return conf(params[0]) ? 'conf' : (params[0] === 'app' || params[0] === 'wsgi_app' || params[0] === 'application') && conf(params[1]) ? 'app' : undefined;
}

/** Library functions that import a dotted name and return the module or the object there (isDynamicImport()). */
const IMPORT_HELPERS = new Set([
  'django.utils.module_loading.import_string', 'werkzeug.utils.import_string', 'oslo_utils.importutils.import_class',
  'oslo_utils.importutils.import_module', 'oslo_utils.importutils.try_import',
]);

/** Decorators of mocking libraries whose last name is also a route's (`@mock.patch(...)`, `@responses.get(...)`). */
const MOCK_DECORATOR = /^(unittest\.mock|mock|pytest_mock|responses|requests_mock|httpretty|respx|aioresponses)\b/;

/** How a decorator names the function or class it is given (FunctionInfo.returnsArg). */
const DECORATED_PARAM = /^_*(?:f|fn|func|function|funcobj|handler|hook|view|view_func|viewfunc|method|meth|cls|klass|kls|class_|wrapped|decorated|fun)$|_(?:func|fn|function|handler|hook|view|class|cls)$/i;

/** Scope.returnedName of a function whose returns differ (or return something other than a name). */
const MIXED_RETURNS = '\0';

const NOT_MAIN_THREAD = [
  /^not \(?([\w.]+\.)?_*(is|in|on)_main_thread\(\)\)?$/,
  /^(threading\.)?(current_thread|currentThread)\(\) (is not|!=) (threading\.)?main_thread\(\)$/,
  /^(threading\.)?main_thread\(\) (is not|!=) (threading\.)?(current_thread|currentThread)\(\)$/,
  /^(threading\.)?(current_thread|currentThread)\(\)\.(name|getName\(\)) != ["']MainThread["']$/,
];

/** The import target recorded for a local bound by a dynamic import (isDynamicImport). */
const DYNAMIC_IMPORT = '<dynamic import>';
/** Builtins that make a collection of what they are given (`tuple(import_string(p) for p in X)`). */
const COLLECTION_BUILDERS: ReadonlySet<string> = new Set(['tuple', 'frozenset']);
/** The same for a list of them (`classes = [import_string(p) for p in PANELS]`). */
const DYNAMIC_IMPORT_LIST = '<dynamic import list>';

/** Whether `check`'s test is of `chain`'s emptiness or size (computed once per check, when a change asks). */
function testsSize(check: Check, chain: string): boolean {
  if (!check.keys.has(chain) || check.condition === null) return false;
  check.sized ??= sizeTested(check.condition);
  return check.sized.includes(chain);
}

/** The containers a condition tests for emptiness or size: `X`, `not X`, `len(X) >= n`, also joined by `and`/`or`. */
function sizeTested(condition: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node | null): void => {
    if (!n) return;
    switch (n.type) {
      case 'identifier':
      case 'attribute': {
        const chain = chainOf(n);
        if (chain !== null) out.push(chain);
        return;
      }
      case 'parenthesized_expression':
        walk(n.namedChildren[0]);
        return;
      case 'not_operator':
        walk(n.childForFieldName('argument'));
        return;
      case 'boolean_operator':
        walk(n.childForFieldName('left'));
        walk(n.childForFieldName('right'));
        return;
      case 'comparison_operator':
        for (const c of n.namedChildren) {
          if (c?.type !== 'call' || c.childForFieldName('function')?.text !== 'len') continue;
          const arg = c.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
          const chain = arg ? chainOf(arg) : null;
          if (chain !== null) out.push(chain);
        }
        return;
      default:
    }
  };
  walk(condition);
  return out;
}

/**
 * Whether the value stored in `obj[key]` reads that same entry (`d[k] + 1`, `d.get(k, 0) + 1`,
 * `d.setdefault(k, 0)`), or the container whole (`d[k] = sorted(d)`) rather than only other entries
 * (`d["b"] = d["a"] * 2`). Judged from the text; a key written differently counts as another entry.
 */
function readsSameEntry(src: string, value: Node, obj: Node, target: Node): boolean {
  const keyNode = singleKey(target);
  if (keyNode === null) return true;
  const text = src.slice(value.startIndex, value.endIndex);
  const container = src.slice(obj.startIndex, obj.endIndex);
  const key = src.slice(keyNode.startIndex, keyNode.endIndex);
  let at = text.indexOf(container);
  let other = false;
  while (at >= 0) {
    const after = text.slice(at + container.length).replace(/^\s+/, '');
    if (after.startsWith('[')) {
      const inside = after.slice(1).replace(/^\s+/, '');
      if (inside.startsWith(key) && /^\s*\]/.test(inside.slice(key.length))) return true;
      other = true;
    } else if (/^\.\s*(get|setdefault|pop)\s*\(/.test(after)) {
      const args = after.slice(after.indexOf('(') + 1).replace(/^\s+/, '');
      if (args.startsWith(key) && /^\s*[,)]/.test(args.slice(key.length))) return true;
      other = true;
    } else if (after.startsWith('.')) {
      // `SALES.qty`: an attribute (a frame's column), another entry.
      other = true;
    } else if (!/^\w/.test(after)) {
      // The container itself (`sorted(d)`; `len(d)` alone was seen by readsOnlyLength()): not only other entries.
      return true;
    }
    at = text.indexOf(container, at + container.length);
  }
  return !other;
}

/**
 * Whether `q.get(...)`/`q.put(x, ...)` can block for good: `block` absent or true, and no timeout
 * (`get()`, `get(True)`, `get(block=True)`, `get(timeout=None)`; not `get(False)`, `get(timeout=5)`).
 */
function blockingQueueCall(method: string, args: Node | null): boolean {
  const given = args?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const positional = given.filter((a) => a.type !== 'keyword_argument');
  const keyword = (name: string) => given.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value')?.text;
  const skip = method === 'put' ? 1 : 0;
  if (method === 'put' && positional.length === 0 && keyword('item') === undefined) return false;
  const block = positional[skip]?.text ?? keyword('block');
  const timeout = positional[skip + 1]?.text ?? keyword('timeout');
  return (block === undefined || block === 'True') && (timeout === undefined || timeout === 'None');
}

/** Pyramid's events of one request (pyramid.events: the request is `event.request`). */
const PYRAMID_REQUEST_EVENTS = /^pyramid\.events\.I?(NewRequest|ContextFound|BeforeTraversal|NewResponse|BeforeRender)$/;

/** A test that asks a queue for its size (queueReadyWhen() decides which one and what it means). */
const QUEUE_TESTS = /\.(empty|full|qsize)\(\s*\)/;

/**
 * What a test says about the next `get()` (`put()`) on `obj`: true when the queue has an item (a
 * free slot) if the test holds (`not q.empty()`, `q.qsize() > 0`, `not q.full()`), false when it
 * has one if the test fails (`q.empty()`, `q.qsize() == 0`, `q.full()`), null for any other test.
 */
function queueReadyWhen(condition: Node, obj: string, method: string): boolean | null {
  let node: Node | null = condition;
  let negated = false;
  for (;;) {
    if (node === null) return null;
    if (node.type === 'parenthesized_expression') node = node.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    else if (node.type === 'not_operator') {
      negated = !negated;
      node = node.childForFieldName('argument');
    } else break;
  }
  const callOn = (call: Node | null, names: readonly string[]): boolean => {
    if (call?.type !== 'call') return false;
    const chain = chainOf(call.childForFieldName('function'));
    return chain !== null && names.some((m) => chain === `${obj}.${m}`);
  };
  let ready: boolean | null = null;
  if (node.type === 'boolean_operator') {
    // `not q.empty() and running`: when the whole holds, each side of an `and` holds; when an `or` fails, each side fails.
    const and = node.childForFieldName('operator')?.type === 'and';
    for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) {
      const r = side === null ? null : queueReadyWhen(side, obj, method);
      if (r === and) ready = r;
    }
  } else if (callOn(node, [method === 'put' ? 'full' : 'empty'])) ready = false;
  else if (method === 'get' && callOn(node, ['qsize'])) ready = true;
  else if (method === 'get' && node.type === 'comparison_operator') {
    // `q.qsize() > 0`, `q.qsize() == 0`: the size against zero (or one), with the call on the left.
    const [left, right] = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const op = node.children.find((c) => c !== null && !c.isNamed)?.type ?? '';
    if (!callOn(left, ['qsize']) || right === undefined) return null;
    const n = right.text;
    if ((op === '>' && n === '0') || (op === '>=' && n === '1') || (op === '!=' && n === '0')) ready = true;
    else if ((op === '==' && n === '0') || (op === '<' && n === '1') || (op === '<=' && n === '0')) ready = false;
  }
  return ready === null ? null : ready !== negated;
}

/** Which side of a check a node is on: its `if` body (true), its `else`/`elif`s or the rest of the block after an exit (false), or null. */
function queueBranch(node: Node, check: Check): boolean | null {
  if (check.afterExit) return false;
  for (let n: Node | null = node; n !== null && n.parent !== null; n = n.parent) {
    const parent: Node = n.parent;
    if (parent.startIndex === check.start && (parent.type === 'if_statement' || parent.type === 'elif_clause')) {
      return parent.childForFieldName('consequence')?.id === n.id;
    }
    // A `while` loop's body runs while its test holds (its `else` once it fails).
    if (parent.startIndex === check.start && parent.type === 'while_statement') return parent.childForFieldName('body')?.id === n.id ? true : null;
  }
  return null;
}

/** A module-level binding that may be a function or class: one, or an import (what it names is another file's). */
function isCallableKind(value: RawValue): boolean {
  return value.k === 'function' || value.k === 'class' || value.k === 'import';
}

/** `window = _windows[host]`: the local stands for an entry of the shared container (Scope.entryAliases). */
function noteEntryAlias(scope: Scope, name: string, container: string): void {
  scope.aliases.set(name, container);
  scope.entryAliases.add(name);
}

/** How many of the held-lock keys are locks already (not placeholders of helpers resolved later). */
function firmLocks(held: string[]): number {
  let n = 0;
  for (const k of held) if (!isProvisional(k)) n++;
  return n;
}

/** The placeholders among held-lock keys, as LocalFinding.unlessHeld (nothing when there are none). */
function provisionalKeys(held: string[]): { unlessHeld?: string[] } {
  const keys = held.filter(isProvisional);
  return keys.length > 0 ? { unlessHeld: keys } : {};
}

/** A held-lock key of a helper resolved later: defined further down (forwardHelper()) or imported (importedHelper()). */
function isProvisional(key: string): boolean {
  return key.startsWith(FORWARD_HELPER_KEY) || key.startsWith(IMPORTED_HELPER_KEY) || SELF_HELPER_KEY.test(key);
}

/** A placeholder for a method of the instance that may hold one of its locks for the caller (selfHelper()). */
const SELF_HELPER_KEY = /^self#(\d+)\.(\w+)\(\)$/;

/** `[]`, `{}`, `set()`, `dict()`, `collections.defaultdict(list)`: a new container with nothing in it yet. */
function isEmptyContainer(node: Node): boolean {
  if (node.type === 'list' || node.type === 'dictionary' || node.type === 'set') return node.namedChildCount === 0;
  if (node.type !== 'call') return false;
  const callee = chainOf(node.childForFieldName('function'));
  const last = callee === null ? '' : callee.slice(callee.lastIndexOf('.') + 1);
  const args = node.childForFieldName('arguments')?.namedChildren.filter((a) => a !== null && a.type !== 'comment') ?? [];
  if (last === 'defaultdict') return args.length <= 1;
  return args.length === 0 && (last === 'list' || last === 'dict' || last === 'set' || last === 'deque' || last === 'OrderedDict' || last === 'Counter');
}

/** The prefix of a placeholder for a lock helper defined further down the file (forwardHelper()). */
const FORWARD_HELPER_KEY = 'forward:';

/** The keywords of argparse's `set_defaults()` that name the sub-command's function, by convention. */
const SUBCOMMAND_KEYWORDS = new Set(['func', 'handler', 'command', 'cmd', 'action_fn', 'run']);

/** Marks an acquire with a timeout in Collector.acquired (noteAcquire()): a re-entry that stalls and fails rather than deadlocks. */
const TIMED_ACQUIRE = '\u0000timed';

/**
 * `acquire(timeout=30)`, `acquire(True, 30)`: a timed acquire (not `timeout=None` or `-1`, which wait
 * for good, nor a non-blocking one, nonBlockingAcquire()).
 */
function timedAcquire(condition: Node): boolean {
  if (nonBlockingAcquire(condition)) return false;
  return acquireArgs(condition).some((a, i) => {
    const value = a.type === 'keyword_argument' ? (a.childForFieldName('name')?.text === 'timeout' ? (a.childForFieldName('value')?.text ?? '') : null) : i === 1 ? a.text : null;
    return value !== null && !/^(None|-\s*1(\.0*)?)$/.test(value);
  });
}

/** Marks a non-blocking acquire in Collector.acquired (noteAcquire()): not a lock re-entry can deadlock on. */
const TRIED_ACQUIRE = '\u0000tried';

/**
 * `lock.acquire(False)`, `acquire(blocking=False)`, `acquire(0)`, `acquire(timeout=0)` (multiprocessing's
 * `block=False` too): the acquire call of a triedLock() condition that fails at once on a lock already held rather
 * than waiting for good. (Not a timed one, `acquire(timeout=30)`: on a lock its caller holds it
 * stalls for the whole timeout and fails every time, a bug all the same; nor `timeout=None`, which
 * waits for good.)
 */
function nonBlockingAcquire(condition: Node): boolean {
  return acquireArgs(condition).some((a, i) => {
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value')?.text ?? '';
      // (`timeout=0` returns at once too.)
      return ((name === 'blocking' || name === 'block') && /^(False|0)$/.test(value)) || (name === 'timeout' && /^0(\.0*)?$/.test(value));
    }
    return (i === 0 && /^(False|0)$/.test(a.text)) || (i === 1 && /^0(\.0*)?$/.test(a.text));
  });
}

/** The arguments of the acquire call of a triedLock() condition (comments left out). */
function acquireArgs(condition: Node): Node[] {
  const call = condition.type === 'not_operator' ? condition.childForFieldName('argument') : condition;
  return call?.type === 'call' ? (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment') : [];
}

/** `lock.acquire(...)` or `not lock.acquire(...)` as an `if` test (a try-lock): the lock's chain. */
function triedLock(condition: Node): { chain: string; negated: boolean } | null {
  const negated = condition.type === 'not_operator';
  const call = negated ? condition.childForFieldName('argument') : condition;
  if (call?.type !== 'call') return null;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'acquire') return null;
  const chain = chainOf(callee.childForFieldName('object'));
  return chain ? { chain, negated } : null;
}

/** How a TL010 message names the lock: `threading.Lock` for the thread locks, as they are usually known. */
function lockTypeName(factory: string): string {
  if (factory.startsWith('asyncio.')) return factory.replace('asyncio.locks.', 'asyncio.');
  if (factory === NAMED_LOCK_FACTORY) return 'oslo.concurrency lock (a semaphore per name)';
  return factory === 'multiprocessing.Lock' ? 'multiprocessing.Lock' : 'threading.Lock';
}

/** The type of a block's last statement (comments left out), or ''. */
function lastStatementType(block: Node): string {
  for (let i = block.namedChildCount - 1; i >= 0; i--) {
    const c = block.namedChild(i);
    if (c && c.type !== 'comment') return c.type;
  }
  return '';
}

/** Whether a block always leaves the call (endsInExit(), but not by `break` or `continue`, which go on in the loop or after it). */
function leavesCall(block: Node): boolean {
  return endsInExit(block) && !/^(break|continue)_statement$/.test(lastStatementType(block));
}

/**
 * Whether a block always leaves: its last statement is a `return`, `raise`, `continue` or `break`,
 * or a call of a function that always raises (`abort(429)` of Flask and Werkzeug, `sys.exit()`).
 */
export function endsInExit(block: Node): boolean {
  let last: Node | null = null;
  for (let i = block.namedChildCount - 1; i >= 0 && !last; i--) {
    const c = block.namedChild(i);
    if (c && c.type !== 'comment') last = c;
  }
  if (last === null) return false;
  if (last.type === 'expression_statement') {
    const call = last.namedChild(0);
    return call?.type === 'call' && RAISING_CALLS.test(call.childForFieldName('function')?.text ?? '');
  }
  return last.type === 'return_statement' || last.type === 'raise_statement' || last.type === 'continue_statement' || last.type === 'break_statement';
}

/** Calls that always raise, as written: Flask's and Werkzeug's `abort`, `sys.exit`, `os._exit`, pytest's `pytest.fail`/`skip`. */
const RAISING_CALLS = /^((flask|werkzeug\.exceptions|exceptions)\.)?abort$|^(sys\.exit|os\._exit|pytest\.(fail|skip|exit))$/;

/** `stack.enter_context(lock)` as a whole statement: the lock's chain, or null. */
function enteredContext(stmt: Node): string | null {
  const text = stmt.text;
  if (!text.includes('enter_context')) return null;
  const m = /^[\w.]+\.enter_context\(\s*([A-Za-z_][\w.]*)\s*\)$/.exec(text.trim());
  return m ? m[1] : null;
}

/**
 * `X.acquire()` / `X.release()` as a whole statement, or a call of a helper
 * whose name says it acquires or releases (`_acquireLock()`, as in logging).
 * Read from the statement's text, so most statements cost one string test.
 */
/**
 * The module-level name a proxy's `__setattr__` (`setter`) or `__getattr__` body hands every
 * access on to, or '' (ClassInfo.forwardsTo). Each line must be one of: `if`/`elif`/`else`, a
 * local bound to `getattr(X, ...)`, `setattr(T, ...)` (a setter) or `return getattr(T, ...)` (a
 * getter) where `T` is `X`, `getattr(X, ...)` or such a local, the object's own
 * `object.__setattr__(self, ...)`, `raise AttributeError(...)`; and one line does hand it on.
 */
function forwardTarget(setter: boolean, body: string, params: string[]): string {
  const locals = new Map<string, string>();
  let target = '';
  let forwards = false;
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== 'pass');
  // Not with a docstring (or any other string) first: kept simple.
  if (lines.length > 0 && /^[rRbBuU]?("{3}|'{3}|"|')/.test(lines[0])) return '';
  const name = (t: string): string | null => {
    const m = /^(?:getattr\(\s*)?([A-Za-z_]\w*)\s*[,)]?/.exec(t);
    if (m === null) return null;
    const base = locals.get(m[1]) ?? m[1];
    return params.includes(base) ? null : base;
  };
  const same = (t: string | null): boolean => {
    if (t === null) return false;
    if (target === '') target = t;
    return t === target;
  };
  for (const line of lines) {
    if (/^(if|elif)\b.*:$/.test(line) || line === 'else:' || /^raise AttributeError\b/.test(line)) continue;
    const bound = /^([A-Za-z_]\w*)\s*=\s*getattr\(\s*([A-Za-z_]\w*)\s*,[^\n]*\)$/.exec(line);
    if (bound !== null) {
      if (params.includes(bound[2]) || !same(locals.get(bound[2]) ?? bound[2])) return '';
      locals.set(bound[1], bound[2]);
      continue;
    }
    if (setter && /^(object|super\(\))\.__setattr__\(/.test(line)) continue;
    const handed = setter ? /^setattr\(\s*(.*)\)$/.exec(line) : /^return\s+getattr\(\s*(.*)\)$/.exec(line);
    if (handed === null || !same(name(handed[1]))) return '';
    forwards = true;
  }
  return forwards ? target : '';
}

function lockMethodCall(stmt: Node): { chain: string; method: 'acquire' | 'release' } | null {
  const text = stmt.text;
  if (!/acquire|release/i.test(text)) return null;
  const m = LOCK_CALL.exec(text);
  if (!m || !text.trimEnd().endsWith(')')) return null;
  const chain = m[1];
  const dot = chain.lastIndexOf('.');
  const last = chain.slice(dot + 1);
  if (last === 'acquire' || last === 'release') return dot > 0 ? { chain: chain.slice(0, dot), method: last } : null;
  if (/acquire/i.test(last) && /lock|mutex/i.test(last)) return { chain: HELPER_LOCK_KEY + chain, method: 'acquire' };
  if (/release/i.test(last) && /lock|mutex/i.test(last)) return { chain: HELPER_LOCK_KEY, method: 'release' };
  return null;
}

/**
 * The subscript of a named container through which an expression reaches one of its entries
 * (`FIELDS["email"]` in `FIELDS["email"].widget`; `self.base_fields["x"]`), or null when no
 * subscript of a named object is on the way.
 */
function entrySubscript(node: Node | null): Node | null {
  let n = node;
  for (let i = 0; n !== null && i < 16; i++) {
    if (n.type === 'subscript') {
      const value = n.childForFieldName('value');
      if (chainOf(value) !== null) return n;
      n = value;
    } else if (n.type === 'attribute') {
      n = n.childForFieldName('object');
    } else {
      return null;
    }
  }
  return null;
}

/** Calls at module level that start a thread, a pool or a server (FileSummary.importCalls). */
const THREAD_STARTS = /(^|\.)(Thread|Timer|start_new_thread|ThreadPoolExecutor|ThreadPool|serve_forever|run_in_executor)$/;

/** Whether a call is a statement of the module itself, or the value such a statement assigns (`_s = get()`). */
function moduleStatementValue(call: Node): boolean {
  let stmt = call.parent;
  if (stmt?.type === 'assignment') {
    if (stmt.childForFieldName('right')?.startIndex !== call.startIndex) return false;
    stmt = stmt.parent;
  }
  return stmt?.type === 'expression_statement' && stmt.parent?.type === 'module';
}

/** The metaclass a `with_metaclass(M, ...)` or `add_metaclass(M)` call names first. */
function metaclassArgument(call: Node): string | null {
  const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  return first !== null && first.type !== 'keyword_argument' ? chainOf(first) : null;
}

/**
 * FileSummary.consoleScripts of a project's `setup.py` (a top-level module: not a template or a
 * vendored copy inside a package): the strings of each `console_scripts` or `gui_scripts` value of
 * the `entry_points=` argument of its `setup(...)` call (a dict, `dict(console_scripts=[...])`, or
 * the INI form in one string, `"[console_scripts]\nx = pkg.cli:main"`), or of a module-level name
 * bound to such a value that the call names (`entry_points=ENTRY_POINTS`).
 */
function setupPyScripts(input: CollectInput, root: Node): { consoleScripts?: string[] } {
  if (input.module !== 'setup' || !/(^|[\\/])setup\.py$/.test(input.path) || !/(console|gui)_scripts/.test(input.source)) return {};
  const groups: string[] = [];
  const stringsOf = (value: Node | null): string[] => {
    if (value?.type === 'string') return [value.text];
    if (value?.type === 'list' || value?.type === 'tuple') return value.namedChildren.flatMap((c) => (c?.type === 'string' ? [c.text] : []));
    return [];
  };
  const isGroup = (text: string) => /^['"]?(console|gui)_scripts['"]?$/.test(text);
  // Module-level names bound to a value, for `entry_points=ENTRY_POINTS`.
  const bound = new Map<string, Node>();
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    const right = a?.childForFieldName('right') ?? null;
    if (left?.type === 'identifier' && right !== null) bound.set(left.text, right);
  }
  const readEntryPoints = (value: Node | null): void => {
    if (value?.type === 'identifier') value = bound.get(value.text) ?? null;
    if (value === null) return;
    if (value.type === 'string') {
      // The INI form: the section's lines, up to the next section (a line of its own; `x = pkg:main [extra]`
      // is not one), comment lines left out.
      for (const m of value.text.matchAll(/\[(?:console|gui)_scripts\]([\s\S]*?)(?=(?:\n|\\n)\s*\[|$)/g)) {
        groups.push(m[1].split(/\n|\\n/).filter((line) => !/^\s*[#;]/.test(line)).join('\n'));
      }
      return;
    }
    if (value.type === 'dictionary') {
      for (const pair of value.namedChildren) if (pair?.type === 'pair' && isGroup(pair.childForFieldName('key')?.text ?? '')) groups.push(...stringsOf(pair.childForFieldName('value')));
      return;
    }
    // `dict(console_scripts=[...])`
    if (value.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
      for (const arg of value.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type === 'keyword_argument' && isGroup(arg.childForFieldName('name')?.text ?? '')) groups.push(...stringsOf(arg.childForFieldName('value')));
      }
    }
  };
  // The `setup(...)` calls (also `setuptools.setup(...)`), wherever they are: at module level, under
  // `if __name__ == "__main__":`, in a `main()`. setup.py files are small; an explicit stack.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'call' && /(^|\.)setup$/.test(node.childForFieldName('function')?.text ?? '')) {
      for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'entry_points') readEntryPoints(arg.childForFieldName('value'));
      }
      continue;
    }
    for (const c of node.namedChildren) if (c !== null) stack.push(c);
  }
  const scripts = setupScripts(groups);
  return scripts.length > 0 ? { consoleScripts: scripts } : {};
}

/** What a module's `__all__` says (FileSummary.exports): literal lists and tuples of strings, assigned or added. */
function moduleExports(root: Node): { exports: string[] | null; exportsUnknown: boolean } {
  let exports: string[] | null = null;
  let unknown = false;
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (!a || (a.type !== 'assignment' && a.type !== 'augmented_assignment')) {
      // `__all__.extend([...])`, `__all__.append("x")`: built some other way.
      if (a?.type === 'call' && /^__all__\.\w+$/.test(a.childForFieldName('function')?.text ?? '')) unknown = true;
      continue;
    }
    if (a.childForFieldName('left')?.text !== '__all__') continue;
    const right = a.childForFieldName('right');
    const items = right && (right.type === 'list' || right.type === 'tuple') ? right.namedChildren : null;
    const names: string[] = [];
    for (const item of items ?? []) {
      const content = item?.type === 'string' && item.namedChildren.length === 3 ? item.namedChildren[1] : null;
      if (content?.type === 'string_content') names.push(content.text);
      else if (item?.type === 'string' && item.namedChildren.length === 2) names.push('');
      else unknown = true;
    }
    if (!items) unknown = true;
    if (a.type === 'assignment') exports = names;
    else if (a.childForFieldName('operator')?.text === '+=') exports = [...(exports ?? []), ...names];
    else unknown = true;
  }
  return { exports, exportsUnknown: unknown };
}

/** `self` as an argument of `isinstance`, `issubclass`, `type`, `id`, `hash` or `super`: its identity or type, none of its attributes. */
function isIdentityUse(node: Node): boolean {
  const args = node.parent;
  if (args?.type !== 'argument_list') return false;
  const callee = args.parent?.childForFieldName('function');
  return callee?.type === 'identifier' && IDENTITY_FUNCTIONS.has(callee.text);
}

const IDENTITY_FUNCTIONS = new Set(['isinstance', 'issubclass', 'type', 'id', 'hash', 'super']);

/**
 * `with svc.lock():`, `with self._get_lock():`, `with cache.write_lock(key):`, `with self.locked():`:
 * a method of an object whose name says it gives (or holds) an exclusive lock, as `with self._lock:`
 * is taken for a lock by its name when its creation is not visible (LOCK_NAME). Not a plain
 * function (`with get_lock():`, judged by what it returns: heldBy()), nor `block()`, `unlock()`,
 * `read_lock()` (shared), `without_lock()`, `file_lock()` and other qualified names.
 */
function lockGetterKey(callee: string): string {
  const dot = callee.lastIndexOf('.');
  if (dot < 0) return '';
  return LOCK_GETTER.test(callee.slice(dot + 1)) ? `${HELPER_LOCK_KEY}${callee}()` : '';
}

const LOCK_GETTER = /^_*(get_|acquire_)?(write_)?(r?lock|mutex)(_for)?$|^_*locked$/i;
