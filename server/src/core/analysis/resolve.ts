/**
 * The cross-file pass. Given the summaries of every file in a workspace, it
 * resolves each recorded access to the object it touches (following imports,
 * re-exports and aliases across modules), works out which functions can run
 * after import time, classifies classes by framework role (middleware,
 * template node, class-based view, module-level singleton) and turns the
 * accesses that touch shared state without protection into findings. It is
 * linear in the number of accesses and references.
 */
import { basename, dirname, join } from 'node:path';
import { ruleByCode } from '../rules';
import type { Finding, FrameworkProfile, RelatedLocation, Severity } from '../types';
import {
  CONSTRUCTION_METHODS,
  DEQUE_SAFE_METHODS,
  MIDDLEWARE_METHODS,
  PROCESS_WIDE_CALLS,
  processWideCall,
  processWideData,
  PROCESS_WIDE_DECORATORS,
  patchedModule,
  UNSAFE_OBJECTS,
  QUEUES,
  isQueryOnly,
  isSafeBase,
  isThreadLocalBase,
  PURE_BUILTINS,
  PURE_CLASSES,
  type ModelOptions,
  FLASK_APPS,
  APP_STATE,
  STATE_APPS,
  EXAMPLE_FOLDERS,
  TEARDOWN_NAME,
  HOOK_NAMES,
  isExampleModule,
  isTestModule,
  LOCK_NAME,
  FIELD_SETUP_METHODS,
  READ_CHANGING_CACHES,
} from './models';
import { IMMUTABLE_VALUE, FRESH_PUBLISHED, REQUEST_HOOK_METHOD, MADE_BY, SELF_KEYED, PREPARED_METHOD, OWN_THREAD_METHOD, READ_ATTR, SUBCOMMAND_CLASS, SQLITE_STORED, SQLITE_SHARED_STORED, STORED_CALL, CALLERS_LOCK_KEY, CONSTANT_ENTRY, CONSTANT_KEY, OWNER_KEY, SNAPSHOT, IDEMPOTENT_VALUE, IMPORTED_HELPER_KEY, IMPORTED_LOCK_VALUE, KEYED_HELPER, UNNAMED_KEY, mutateMethod, truncate, THREADED_METHOD, IMPORTED_VALUE, IMPORTED_PLUGIN_CLASS, IMPORTED_LIST, LITERAL_VALUE, PURE_KEYED, RESTORED_BY_BLOCK, RESTORES, TEARDOWN_RESET, NAMED_LOCK_CALL, PURE_NAMES, PURE_VALUE, isThreadKeyedMutate, opText, own, THREAD_KEY, CACHE_READ, ENTRY_ATTR, READ_BEFORE_LOCK_NOTE, MAIN_THREAD_ONLY_NOTE, SIGNAL_GUARD_NOTE, readBeforeLockOf, type Access, type Binding, type Ref, type ClassInfo, type FileSummary, type FunctionInfo, type Span, type ValueKind } from './summary';

/** The kind of an IDEMPOTENT_VALUE detail: a callee (`re.compile`), PURE_VALUE or PURE_KEYED. */
function idempotentKind(detail: string): string {
  return detail.slice(IDEMPOTENT_VALUE.length).split(' ', 1)[0].split(PURE_NAMES, 1)[0];
}

/** The module-level and builtin names a pure value reads (after PURE_NAMES in its detail). */
function pureNames(detail: string): string[] {
  const head = detail.slice(IDEMPOTENT_VALUE.length).split(' ', 1)[0];
  const at = head.indexOf(PURE_NAMES);
  return at < 0 ? [] : head.slice(at + PURE_NAMES.length).split(',').filter(Boolean);
}

/** What an idempotent write stores and what racing threads end up with, for messages (`IDEMPOTENT_VALUE` details). */
function idempotentValue(detail: string): { value: string; result: string } {
  const kind = idempotentKind(detail);
  // Django settings read in the value count as constants (collect.ts, isSettingsRead): say so.
  const constants = /\bsettings\./.test(detail.slice(detail.indexOf(' ', IDEMPOTENT_VALUE.length) + 1)) ? 'constants and Django settings' : 'constants';
  if (kind === 'logging.getLogger') return { value: 'the logger of a constant name (`logging` keeps one logger per name)', result: 'the same object' };
  if (kind === 'oslo_log.log.getLogger') return { value: 'the oslo.log logger of a constant name (oslo.log keeps one adapter per name)', result: 'the same object' };
  if (kind === 'logging.LoggerAdapter') return { value: `an adapter of a logger, made from ${constants} (it keeps no state of its own)`, result: 'equivalent adapters' };
  if (kind === PURE_VALUE) return { value: `a value computed from ${constants} alone`, result: 'equal values' };
  if (kind === PURE_KEYED) return { value: `an entry computed from its key and ${constants} alone`, result: 'equal entries' };
  if (kind === LITERAL_VALUE) return { value: `the same constant, \`${truncate(detail.slice(detail.indexOf(' ', IDEMPOTENT_VALUE.length) + 1))}\``, result: 'the same value' };
  return { value: `a regular expression compiled from ${constants}`, result: 'equal objects' };
}

/**
 * Why a mutation of a shared container is information rather than a warning: `dict.setdefault`
 * (one atomic get-or-insert, per Python's thread-safety notes) or an entry keyed by the calling
 * thread (`d[threading.get_ident()] = v`: each thread touches only its own). Empty otherwise.
 */
function benignMutation(a: Access): string {
  if (a.op === 'mutate' && a.detail === 'setdefault') return ' (setdefault itself is atomic, so this is reported as information)';
  if (a.op === 'setitem' && a.detail === SELF_KEYED && a.check === undefined) return ' (the object is stored under its own name, one atomic store, so threads that race store the same object under the same key: reported as information)';
  if (((a.op === 'setitem' || a.op === 'delitem' || a.op === 'rmw') && a.detail === THREAD_KEY) || isThreadKeyedMutate(a)) {
    return " (the key is the calling thread's or task's identity, the request being served, an object this call made (a weak reference with its callback, which that callback is given back) or the object the method runs on, so each caller touches only its own entry; or, in a weak-keyed container, an object the function was given, whose entry is as much that object's own as an attribute set on it: reported as information)";
  }
  return '';
}
/** The related location of a module-level FastAPI or Starlette application. */
function appCreated(file: FileSummary, binding: Binding): RelatedLocation {
  return { path: file.path, range: toRange(binding.span), message: `\`${binding.name}\` is created here, at module level: one application per process` };
}

/** The top-level package of a module; for a module outside any package, its folder (a flat project, or a folder of scripts). */
function topPackage(file: FileSummary): string {
  const dot = file.module.indexOf('.');
  return dot >= 0 ? file.module.slice(0, dot) : /[\\/]__init__\.py$/.test(file.path) ? file.module : `${dirname(file.path)}/`;
}

/** Writes that change a configuration object (its items, attributes or contents). */
/** Writes of an attribute through `self` (onlySelfWrite()). */
const STORE_OPS_SELF = new Set<Access['op']>(['self-write', 'rebind', 'rmw', 'augassign', 'attr-store']);
const CONFIG_WRITE_OPS = new Set<Access['op']>(['attr-store', 'setitem', 'delitem', 'mutate', 'rmw', 'augassign']);

/** How many imports and aliases resolution follows from one name (resolving at this depth follows none). */
const MAX_ALIAS_DEPTH = 8;
/** Access ops that change an object in place. */
const MUTATING_OPS: ReadonlySet<Access['op']> = new Set<Access['op']>(['mutate', 'setitem', 'delitem', 'augassign', 'rmw']);
/** Functions reaching a setter that onlySetHere() follows before it gives up (and keeps the warning). */
const MAX_SETTER_CALLERS = 64;

/**
 * Names of state that belongs to one request, not to the process (`_STATE.user`, `CURRENT_TENANT`,
 * `_request`, `_locale`): a function that only sets it is not a process-wide setting
 * (onlySetHere()), whatever calls it.
 */
const PER_REQUEST_NAME = /(^|_)(user|users|tenant|request|req|session|current|account|customer|token|auth|principal|identity|locale|language|lang|timezone|tz)(_|$)/i;

/** Class attributes made by these are descriptors: `self.x` is what their getter gives for the instance (judgeClassAttr()). */
const PROPERTY_CALLS = /^(property|functools\.cached_property|django\.utils\.functional\.cached_property)$/;

/**
 * traitlets' trait types (`_conns = Dict()` in a `HasTraits` class, `traitlets.Unicode("x")`): a
 * descriptor that keeps each instance's value apart (in its `_trait_values`), so `self._conns` is
 * that instance's own dict, never one object for the class. Not traitlets' `Config`, `Bunch` or
 * `HasTraits` itself, plain objects, nor `Any({})` and `Union(..., default_value={})`, which give
 * every instance the one default object they were made with.
 */
const TRAIT_CALL = /^traitlets(\.traitlets)?\.(?!Config$|Bunch$|HasTraits$|HasDescriptors$|Sentinel$|Any$|Union$)[A-Z]\w*$/;

/** Methods of a container that change it in one operation (registryWrite()). */
const REGISTRY_METHODS = new Set(['add', 'append', 'appendleft', 'discard', 'remove', 'pop', 'insert', 'clear', 'update']);

/**
 * Names of functions that register something with the process (registryWrite()): `register` and
 * `unregister`, or a verb that registers (`register`, `add`, `remove`, `clear`, `reset`,
 * `install`) and a kind of thing a library keeps a registry of (`register_converter`,
 * `add_reload_hook`, `remove_handler`, `register_archive_format`, `register_connection`,
 * `register_dict_to_class`, `add_log_categories`); not `register_user`,
 * `add_payment_method`, `subscribe_newsletter`, `connect_client` or `add_to_cart`.
 */
const REGISTRY_FUNCTION = /^_*(?:(?:un)?register|add|remove|clear|reset|install|uninstall)_(?:\w*?_)?(?:hook|handler|callback|listener|finder|initializer|convert[eo]r|filter|plugin|extension|backend|loader|provider|processor|command|codec|serializer|renderer|move|signal|route|formatter|adapter|factory|validator|archive_format|unpack_format|shell|completion_class|tag|directive|role|lexer|dialect|scheme|mimetype|encoding|algorithm|signature_method|handler_path|constructor|representer|resolver|implementation)(?:e?s)?$|^_*(?:(?:un)?register|add|remove)_(?:\w*?_)?categor(?:y|ies)$|^_*(?:un)?register_(?:\w*?_)?(?:grant|endpoint|connection|udt|type|class)s?$|^_*(?:un)?register_\w+_to_\w+$|^_*(?:un)?register$|^_*(?:(?:un)?[rR]egister|add|remove|install|uninstall)(?:[A-Z]\w*?)?(?:Hook|Handler|Callback|Listener|Finder|Initializer|Convert[eo]r|Filter|Plugin|Extension|Backend|Loader|Provider|Processor|Command|Codec|Serializer|Renderer|Formatter|Adapter|Factory|Validator|Scheme|Encoding|Algorithm|Observer|Utility|Unjellyable)(?:e?s)?$|^_*set(?:Unjellyable|Serializer|Adapter)\w*$/;

/** The end of a TL002 message for a change that would be information but for a loop over the object elsewhere (iteratedLive()). */
const LOOPED_NOTE = '; other code loops over it as it is, and a loop running while another thread changes it skips or repeats items, or stops with "changed size during iteration"';

/** One item stored or deleted, or one REGISTRY_METHODS call, with no test before it and nothing of a request (registryWrite()). */
function isRegistryOp(a: Access): boolean {
  // (A test that only raises, `if name in REG and not clobber: raise ValueError(...)`, guards nothing the write
  // depends on: threads that race past it lose at most the error for a duplicate registration.)
  if ((a.check !== undefined && a.check.raiseOnly !== true) || a.taint !== undefined || a.detail === 'copy') return false;
  return a.op === 'setitem' || a.op === 'delitem' || (a.op === 'mutate' && REGISTRY_METHODS.has(mutateMethod(a)));
}

/**
 * `register_pickle_by_value` beside `unregister_pickle_by_value` in the same module (cloudpickle's):
 * a module-level pair that names itself a registration, whatever it registers (registryWrite()).
 */
function pairedRegistration(file: FileSummary, fn: FunctionInfo | undefined): boolean {
  if (fn === undefined || fn.cls >= 0 || fn.nested) return false;
  const m = /^(_*)(un)?register_(\w+)$/.exec(fn.name);
  if (m === null) return false;
  const other = `${m[1]}${m[2] ? '' : 'un'}register_${m[3]}`;
  return own(file.defs, other)?.value.k === 'function';
}

/** The end of a message for a change in a decorator that registers what it decorates (registeringDecorator()). */
const DECORATOR_NOTE = ' (in a decorator that hands back the function it is given and that no function of the scanned files calls: it runs where a function is decorated, as modules load; reported as information)';

/** The end of a TL002/TL003 message for constantEntryNote(). */
const CONSTANT_ENTRY_NOTE = ' (every write of it stores a constant under a constant key, one value per key: after the first, threads that race store what is already there; reported as information)';

/** The end of a TL002 message for unreadContainer(). */
const UNREAD_NOTE = ' (one operation, which the container does whole, on a private container nothing in the scanned files reads: whatever the order racing threads change it in, no code sees it; reported as information)';

/** What unreadContainer() accepts: one store or one adding call, with no test before it and nothing of a request. */
const UNREAD_METHODS = new Set(['add', 'append', 'appendleft', 'extend', 'insert', 'update', 'discard']);

/** The end of a TL006 message for copyBeforeRegistration(). */
const COPY_REGISTRY_NOTE = ' (the copy a subclass takes of its registry before its first registration, in a registration function that only plain module-level functions call in the scanned files, and no request handler or thread: it configures the process; reported as information)';
/** The end of a TL002 message for registryWrite(). */
const REGISTRY_NOTE = ' (one operation, which the container does whole, in a registration function that only plain module-level functions call in the scanned files, and no request handler or thread: it configures the process; reported as information)';

/**
 * Bases outside the scan known to read only some attributes of their subclasses' instances (for
 * readsBack()): a store of any other attribute on such an object is read back only by scanned code.
 */
const WRITE_ONLY_BASES = new Map<string, ReadonlySet<string>>([
  ['object', new Set()],
  ['builtins.object', new Set()],
  ['abc.ABC', new Set()],
  // Django's template Node (`render_annotated`, `get_nodes_by_type`, `__iter__`).
  ['django.template.Node', new Set(['token', 'origin', 'child_nodelists', 'nodelist', 'must_be_first', 'render', 'render_annotated'])],
  ['django.template.base.Node', new Set(['token', 'origin', 'child_nodelists', 'nodelist', 'must_be_first', 'render', 'render_annotated'])],
  // Django's MiddlewareMixin (`__call__` and its async twin).
  ['django.utils.deprecation.MiddlewareMixin', new Set(['get_response', 'sync_capable', 'async_capable', 'process_request', 'process_response', '_is_coroutine', '_async_check', 'async_mode'])],
]);

/**
 * Frameworks whose `async def` handlers all run on one event-loop thread (an ASGI server's, or
 * their own); not Django or Flask, which run async views under WSGI in the request's own thread.
 */
const EVENT_LOOP_FRAMEWORKS = new Set(['fastapi', 'starlette', 'aiohttp', 'sanic', 'quart', 'tornado', 'uvicorn']);
/** The servicer base classes `grpc_tools.protoc` generates (`inventory_pb2_grpc.InventoryServicer`). */
const GRPC_SERVICER_BASE = /(^|\.)\w+_pb2_grpc\.\w+Servicer$/;
const GRPC_INTERCEPTOR_BASES = new Set(['grpc.ServerInterceptor', 'grpc.aio.ServerInterceptor']);
/**
 * Tornado's request and websocket handlers, and the Jupyter server's handler bases built on them
 * (jupyter_server, notebook), whose methods the one IOLoop runs.
 */
const TORNADO_HANDLER = /^(tornado\.(web\.RequestHandler|websocket\.WebSocketHandler)|jupyter_server\.base\.handlers\.(JupyterHandler|APIHandler|AuthenticatedHandler|AuthenticatedFileHandler|FileFindHandler)|jupyter_server\.extension\.handler\.(ExtensionHandlerMixin|ExtensionHandlerJinjaMixin)|notebook\.base\.handlers\.(IPythonHandler|APIHandler))$/;
/**
 * asyncio's protocols: the event loop makes them through the protocol factory and calls their
 * methods (`connection_made`, `data_received`, ...) on its one thread
 * (https://docs.python.org/3/library/asyncio-protocol.html).
 */
const ASYNCIO_PROTOCOL = /^asyncio\.(protocols\.)?(BaseProtocol|Protocol|BufferedProtocol|DatagramProtocol|SubprocessProtocol)$/;
/**
 * slixmpp's plugins, whose methods the client runs on its one asyncio loop (loopClassMethod()). (Not
 * the client classes themselves: an application calls those from its own threads, a view sending a message.)
 */
const SLIXMPP_PLUGIN = /^slixmpp\.plugins(\.base)?\.BasePlugin$/;
/** `threading.Thread` and its aliases, as a base class. */
const THREAD_CLASSES = /^threading\.Thread$/;
/** Channels' async consumers (`AsyncWebsocketConsumer`, `AsyncJsonWebsocketConsumer`, `AsyncHttpConsumer`, `AsyncConsumer`). */
const CHANNELS_ASYNC_CONSUMER = /^channels\.(consumer|generic\.\w+)\.Async\w*Consumer$/;
/** Rules about races between threads that an event loop's one thread does not have (TL007, TL009 still hold). */
/** Calls whose result is most likely a container: dataclass and attrs fields (with a factory), copies. */
const CONTAINER_MAKERS = /^(dataclasses\.field|attr\.ib|attr\.attrib|attrs\.field|attr\.field|copy\.deepcopy|copy\.copy)$/;

/** Whether a read lies inside the statement of a read-modify-write of the same function (its span within that access's). */
function withinRmw(file: FileSummary, a: Access): boolean {
  const [l0, c0, l1, c1] = a.span;
  const chain = a.target.t === 'chain' ? a.target.chain : '';
  return file.accesses.some((b) => b !== a && b.fn === a.fn && (b.op === 'rmw' || b.op === 'augassign') && b.target.t === 'chain' && b.target.chain === chain &&
    (b.span[0] < l0 || (b.span[0] === l0 && b.span[1] <= c0)) && (b.span[2] > l1 || (b.span[2] === l1 && b.span[3] >= c1)));
}

/** A call of a class of a library (`flask_limiter.Limiter`): its last name is capitalised. */
const LIBRARY_CLASS = /(^|\.)_?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/;

/** Django's idiom for ordering declared fields: `creation_counter` (and `_creation_counter`) on the base class, bumped in `__init__`. */
const CREATION_COUNTER = /(^|\.)_?creation_counter$/;
/** Methods of lists, dicts and sets that other objects have too (`cache.add()`, `client.clear()`, `collection.insert()`). */
const AMBIGUOUS_METHODS = new Set(['add', 'clear', 'update', 'pop', 'remove', 'discard', 'insert']);
const THREAD_RACE_RULES = new Set(['TL001', 'TL002', 'TL003', 'TL005', 'TL006', 'TL008']);
const NO_FRAMEWORKS: ReadonlySet<string> = new Set();
/** Django REST framework's per-request components, by the module of a base class. */
const DRF_COMPONENT = /^rest_framework\.(authentication|permissions|throttling|renderers|parsers|negotiation)\.\w+$/;
/** The `logging` module's handler classes (`logging.Handler`, `logging.handlers.RotatingFileHandler`, ...). */
const LOGGING_HANDLER = /^logging\.(handlers\.)?\w*Handler$/;
const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };
/** Augmented assignments that change a list, set or dict in place (`lst += [x]`, `s |= {x}`). */
const IN_PLACE_OPERATORS = new Set(['+=', '*=', '|=', '&=', '-=', '^=']);
/** Top-level packages of web frameworks and servers: a package importing one is a web application. */
const WEB_FRAMEWORKS = new Set(['django', 'flask', 'werkzeug', 'starlette', 'fastapi', 'falcon', 'pyramid', 'bottle', 'tornado', 'aiohttp', 'sanic', 'quart', 'cherrypy', 'gunicorn', 'dash']);

/** The life of a class whose instances share one `__dict__` (ClassInfo.sharedDict). */
const BORG_ROLE = 'class whose instances share one `__dict__` (the Borg pattern)' as const;

/** Findings about shared state changed without a lock: what a `with threading.RLock():` around it is said to do (Access.freshLock). */
const FRESH_LOCK_CODES = new Set(['TL001', 'TL002', 'TL003', 'TL005', 'TL006', 'TL007', 'TL008', 'TL012']);

/** Writes of a global that change what threads read from it (see Workspace.idempotentWrites, primedAtImport). */
const IDEMPOTENT_WRITE_OPS = new Set<Access['op']>(['rebind', 'attr-store', 'rmw', 'augassign', 'setitem', 'delitem', 'mutate']);
/** Rules about state shared by every instance and thread, which a per-instance lock does not guard. */
const SHARED_STATE_RULES = new Set(['TL001', 'TL002', 'TL003', 'TL005', 'TL006', 'TL007']);

export interface ResolveOptions extends ModelOptions {
  framework: FrameworkProfile;
  /** The console scripts the project's pyproject.toml declares (`module:attr`, LintSettings.consoleScripts). */
  consoleScripts?: readonly string[];
  /** pbr's `wsgi_scripts` (`module:attr`, LintSettings.appFactories): start-up code. */
  appFactories?: readonly string[];
  /** The import-time analysis of an earlier pass over the same files, reused when none of its inputs changed. */
  runtimeMemo?: RuntimeMemo;
}

/**
 * The result of the import-time-only analysis and the inputs it came from, so
 * a caller that runs the cross-file pass again and again over nearly the same
 * files (the language server, on each keystroke) recomputes it only when a
 * file changed something it reads: bindings, functions, classes, and the
 * references that end in a name the analysis follows.
 */
export class RuntimeMemo {
  files: FileSummary[] = [];
  /** The console scripts of the options (ResolveOptions.consoleScripts), joined. */
  scripts = '';
  /** Per file: its shape (runtimeShape) and its references that can matter (relevantRefs, given `names`). */
  shapes: string[] = [];
  refs: string[] = [];
  names = new Set<string>();
  importOnly = new Set<string>();
  testOnly = new Set<string>();
  fixtureMade = new Set<string>();
  instantiatedAtRuntime = new Set<string>();
  namedAtImport = new Set<string>();
  keptClasses = new Map<string, number>();
  instantiators = new Map<string, string[]>();
  namedElsewhere = new Set<string>();
  referenced = new Set<string>();
  callers = new Map<string, string[]>();
  handedOn = new Set<string>();
  commandOnly = new Set<string>();
  madeCalledAtRunTime = new Set<string>();
  threadHanded = new Set<string>();
}

/**
 * A least fixpoint over references: a key qualifies once every source it waits on qualifies (at
 * once when it waits on none), so a cycle that nothing outside reaches never qualifies. Used for
 * import-time-only code and for test-only code.
 */
class LeastFixpoint {
  readonly members = new Set<string>();
  /** key -> sources it still waits on */
  private readonly waiting = new Map<string, number>();
  /** source -> keys waiting on it */
  private readonly dependents = new Map<string, string[]>();
  private readonly queue: string[] = [];

  /** `onAdmit` may admit more keys (a class's constructors with the class). */
  constructor(private readonly onAdmit: (key: string) => void = () => {}) {}

  /** `key` qualifies when all of `sources` do. */
  wait(key: string, sources: ReadonlySet<string>): void {
    if (sources.size === 0) {
      this.admit(key);
      return;
    }
    this.waiting.set(key, sources.size);
    for (const src of sources) {
      let list = this.dependents.get(src);
      if (!list) this.dependents.set(src, (list = []));
      list.push(key);
    }
  }

  admit(key: string): void {
    if (this.members.has(key)) return;
    this.members.add(key);
    this.queue.push(key);
    this.onAdmit(key);
  }

  /** Admits every key whose sources have all been admitted, until nothing changes. */
  drain(): void {
    while (this.queue.length > 0) {
      for (const key of this.dependents.get(this.queue.pop()!) ?? []) {
        const left = (this.waiting.get(key) ?? 0) - 1;
        this.waiting.set(key, left);
        if (left === 0) this.admit(key);
      }
    }
  }
}

/**
 * The functions and classes only test code uses: referenced from test modules, and otherwise only
 * from functions that are themselves test-only.
 */
function testOnlyOf(refs: ReadonlyMap<string, { test: boolean; other: boolean; from: string[] }>): Set<string> {
  const only = new LeastFixpoint();
  for (const [key, t] of refs) {
    if (!t.other && (t.test || t.from.length > 0)) only.wait(key, new Set(t.from));
  }
  only.drain();
  return only.members;
}

const accessesByFn = new WeakMap<FileSummary, Map<number, Access[]>>();

/** A file's accesses made in function `fn` (indexed once per summary: judging one access must not scan the file). */
function accessesIn(file: FileSummary, fn: number): readonly Access[] {
  let index = accessesByFn.get(file);
  if (index === undefined) {
    index = new Map();
    for (const a of file.accesses) {
      const list = index.get(a.fn);
      if (list) list.push(a);
      else index.set(a.fn, [a]);
    }
    accessesByFn.set(file, index);
  }
  return index.get(fn) ?? [];
}

/** The other accesses of class attribute `attr` (through `self`, `cls` or the class) in the function that makes `a`. */
function otherAccessesOfAttr(file: FileSummary, a: Access, attr: string): Access[] {
  return accessesIn(file, a.fn).filter((x) => x !== a && x.target.t === 'self' && x.target.attr === attr);
}

/**
 * Whether an object made as `v` (what a module binds the name to) counts as a lock when held: a lock,
 * or, when `named` (its name says it is one), anything but a value known to be something else.
 */
function heldAsLock(v: Value, named: boolean): boolean {
  return v.k === 'lock' || (v.k !== 'safe' && v.k !== 'mutable' && v.k !== 'sqlite' && v.k !== 'instance' && named);
}

const moduleRoots = new WeakMap<FileSummary, string>();

/** The folder a file's module name is relative to (`/srv/svc_b` for `/srv/svc_b/app/views.py`, `app.views`): its root on sys.path. */
function moduleRoot(file: FileSummary): string {
  let root = moduleRoots.get(file);
  if (root === undefined) {
    root = dirname(file.path);
    let up = file.module.split('.').length - (basename(file.path) === '__init__.py' ? 0 : 1);
    for (; up > 0; up--) root = dirname(root);
    moduleRoots.set(file, root);
  }
  return root;
}

const frameworkImportsOf = new WeakMap<FileSummary, readonly string[]>();

/**
 * The web and event-loop frameworks a file imports for good (not `try: import django` /
 * `except ImportError`, an integration): kept per summary, since the language server builds a
 * workspace for every keystroke over summaries that mostly stay the same.
 */
function frameworkImports(file: FileSummary): readonly string[] {
  let tops = frameworkImportsOf.get(file);
  if (tops === undefined) {
    const found: string[] = [];
    for (const name in file.defs) {
      const b = file.defs[name];
      if (b.value.k !== 'import' || b.value.optional) continue;
      const top = b.value.target.split('.', 1)[0];
      if ((WEB_FRAMEWORKS.has(top) || EVENT_LOOP_FRAMEWORKS.has(top)) && !found.includes(top)) found.push(top);
    }
    frameworkImportsOf.set(file, (tops = found));
  }
  return tops;
}

const runtimeShapes = new WeakMap<FileSummary, string>();
const relevantRefsCache = new WeakMap<FileSummary, { names: Set<string>; refs: string }>();

/** What the import-time analysis reads of a summary apart from its references: bindings, functions, classes (no spans, no accesses). */
function runtimeShape(file: FileSummary): string {
  let fp = runtimeShapes.get(file);
  if (fp === undefined) {
    fp = JSON.stringify([
      file.path,
      file.module,
      Object.entries(file.defs).map(([name, b]) => [name, b.value]),
      file.functions.map((f) => [f.name, f.cls, f.nested, f.isClassMethod, f.isStatic, f.constructionOnly, f.returnedBy, f.startup, f.isRequest, f.decorated, f.isCommand, f.tweenFactory, f.pasteFactory ?? '', f.pasteFilter === true, f.runsLoop === true, f.mainDefined === true, f.localInstances ?? [], f.pytestCallable === true, f.hooksRead ?? []]),
      // Bases: whether a module-level binding makes an instance (instanceMethod()) depends on the class's kind.
      // (Not the attributes methods read, READ_ATTR: typing `self.x` should not redo this analysis.)
      // (And a middleware's shape: such a class nothing makes is admitted as start-up code; and what a class calls
      // only while it is made, for an OpenStack plugin's start-up methods, pluginHook().)
      file.classes.map((c) => [c.qualname, c.methods, c.selfCalls.filter((call) => !call.startsWith(READ_ATTR)), c.setupCalls, c.bases, c.takesGetResponse, c.wsgiMiddleware, c.asgiCall === true, c.crawlerComponent === true, c.metaclass ?? '']),
      file.deleted,
      file.scriptNames,
      file.functionAttrs ?? [],
      // (Hook names read through objects: plugin hooks looked up by name, FunctionInfo.hooksRead.)
      file.attrReads.filter((n) => HOOK_NAMES.has(n)),
      scriptModule(file),
      file.consoleScripts ?? [],
      file.classFactoryCalls ?? [],
      // What a star import brings in decides what names resolve to.
      file.starImports,
      file.exports,
      file.exportsUnknown,
    ]);
    runtimeShapes.set(file, fp);
  }
  return fp;
}

/**
 * The names a reference must end in to matter to the import-time analysis: module-level functions
 * and classes, class- and static methods, and names bound to another name (`g = f`). A function
 * of the files' shapes only.
 */
function runtimeNames(files: readonly FileSummary[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const [name, b] of Object.entries(file.defs)) {
      const v = b.value;
      if (v.k === 'function' || v.k === 'class') names.add(name);
      else if ((v.k === 'import' || v.k === 'ref') && v.target.slice(v.target.lastIndexOf('.') + 1) !== name) names.add(name);
    }
    for (const fn of file.functions) if (fn.isClassMethod || fn.isStatic) names.add(fn.name);
  }
  // Methods of classes made at module level (`limiter = Limiter()`; `limiter.init_app(app)` in a start-up
  // function), and the names bound to such instances (any other use of the instance makes its methods run time).
  const made = new Map<string, string[]>();
  for (const file of files) {
    for (const [name, b] of Object.entries(file.defs)) {
      if (b.value.k !== 'call') continue;
      const cls = b.value.callee.slice(b.value.callee.lastIndexOf('.') + 1);
      let bound = made.get(cls);
      if (!bound) made.set(cls, (bound = []));
      bound.push(name);
    }
  }
  for (const file of files) {
    for (const cls of file.classes) {
      const bound = cls.qualname.includes('.') ? undefined : made.get(cls.qualname);
      if (!bound) continue;
      for (const method of Object.keys(cls.methods)) if (!method.startsWith('__')) names.add(method);
      for (const name of bound) names.add(name);
    }
    // And the names bound to what a decorator factory returns (`on_save = make_registrar("save")`): a
    // call of one at run time runs the factory's closure then (registeringDecorator()).
    for (const fn of file.functions) {
      const factory = fn.returnedBy >= 0 ? file.functions[fn.returnedBy] : undefined;
      const bound = factory && !factory.nested && factory.cls < 0 ? made.get(factory.name) : undefined;
      if (bound) for (const name of bound) names.add(name);
    }
  }
  return names;
}

/** Whether two rebindings sit in different arms of one `if` (Access.arm): no call runs both. */
function exclusiveArms(a: Access, b: Access): boolean {
  if (a.op !== 'rebind' || b.op !== 'rebind' || a.arm === undefined || b.arm === undefined) return false;
  const x = a.arm.split('/');
  const y = b.arm.split('/');
  for (let i = 0; i < x.length && i < y.length; i++) {
    if (x[i] === y[i]) continue;
    const ifA = x[i].slice(0, x[i].indexOf(':'));
    return ifA === y[i].slice(0, y[i].indexOf(':'));
  }
  return false;
}

/**
 * Bases of test cases and test fixtures, and of the machinery that runs tests (test runners, suites,
 * loaders, nose plugins; not results, which an application may collect a run into: django-nose's `DjangoSetUpPlugin(Plugin)`, a `DiscoverRunner` subclass
 * run by `manage.py test`), and wsgi-intercept's interceptors, which put a WSGI application in place
 * of a host for tests and in-process tools (Placement's `PlacementDirect`) (isTestSupport()).
 */
const TEST_SUPPORT_BASES =
  /^(unittest(\.case)?\.(TestCase|IsolatedAsyncioTestCase)|unittest(\.runner)?\.TextTestRunner|unittest(\.suite)?\.TestSuite|unittest(\.loader)?\.TestLoader|testtools(\.testcase)?\.TestCase|fixtures(\.fixture)?\.Fixture|oslotest\.base\.BaseTestCase|django\.test(\.testcases)?\.(SimpleTestCase|TestCase|TransactionTestCase|LiveServerTestCase)|django\.test\.(runner\.DiscoverRunner|simple\.DjangoTestSuiteRunner)|nose\.plugins(\.base)?\.Plugin|nose2\.events\.Plugin|wsgi_intercept\.interceptor\.(Interceptor|RequestsInterceptor|Urllib3Interceptor|HttpClientInterceptor|Httplib2Interceptor))$/;

/**
 * An Alembic migration script (`revision = "b6a2..."`, `down_revision = ...`, a module-level
 * `upgrade()`, and an import of alembic, `from alembic import op`): `alembic upgrade` (or a
 * project's `neutron-db-manage`) runs it once, in a command's process; its functions are
 * command-line code, unless other scanned code calls them (isCommandCode()).
 */
function alembicRevision(file: FileSummary): boolean {
  const revision = own(file.defs, 'revision');
  if (revision === undefined || revision.value.k !== 'immutable' || own(file.defs, 'down_revision') === undefined) return false;
  if (!Object.values(file.defs).some((b) => b.value.k === 'import' && (b.value.target === 'alembic' || b.value.target.startsWith('alembic.')))) return false;
  return file.functions.some((f) => f.name === 'upgrade' && f.cls < 0 && !f.nested);
}

/**
 * A Sphinx extension's `setup(app)`: a module-level function of that name, in a
 * module that imports from sphinx (`from sphinx.util import logging`). sphinx-build calls it as it
 * loads the extension, in its own process; it and what only it calls are command-line code, unless
 * other scanned code calls it (isCommandCode()).
 * Sphinx, "Sphinx Extensions API", `setup(app)`: https://www.sphinx-doc.org/en/master/extdev/index.html
 */
function sphinxSetup(file: FileSummary, info: FunctionInfo): boolean {
  if (info.name !== 'setup' || info.cls >= 0 || info.nested) return false;
  return Object.values(file.defs).some((b) => b.value.k === 'import' && (b.value.target === 'sphinx' || b.value.target.startsWith('sphinx.')));
}

/**
 * What a console program that serves nobody does not use: threads, pools and servers (scriptModule()).
 * Also oslo.messaging's RPC servers and notification listeners, oslo.service's services and thread
 * groups, cotyledon and futurist: OpenStack's serving and pools; not eventlet's green pools, which a
 * console program such as swift-recon uses to wait on many servers at once, switching only where it waits.
 */
const SERVES_OR_THREADS = /^(threading\.(Thread|Timer)|_?thread\.start_new|concurrent\.futures|multiprocessing|socketserver|http\.server|wsgiref|werkzeug\.serving|waitress|gunicorn|cherrypy|cheroot|bottle|flask|django|tornado|aiohttp|starlette|fastapi|falcon|pyramid|sanic|quart|apscheduler|watchdog|tqdm\.contrib\.concurrent|paho|rpyc|Pyro4|Pyro5|joblib|anyio|trio|twisted\.web\.(wsgi|server)|twisted\.internet\.threads|oslo_messaging\.(get_rpc_server|get_notification_listener|get_batch_notification_listener|rpc\.server)|oslo_service\.(service|wsgi|threadgroup|loopingcall|periodic_task)|cotyledon|futurist)\b|\.(callInThread|deferToThread|deferToThreadPool|serve_forever|run_simple|run_in_executor|submit|start_new_thread)$/;
const scriptModules = new WeakMap<FileSummary, boolean>();

/**
 * A console program's module: in a package folder named `scripts` (Twisted's `conch`, `mailmail`,
 * `trial`), `cli` (Swift's `swift-ring-builder`, `swift-recon`) or `cmd` (where OpenStack's pbr
 * console scripts point: `cinder-manage = cinder.cmd.manage:main`), with a module-level `run()` or
 * `main()` callable without arguments, naming no thread, pool, server or web framework (and, in a `cli` or `cmd` folder, handing
 * none of its functions to other code). Each run is a process of its own: its code is command-line code.
 */
function scriptModule(file: FileSummary): boolean {
  let known = scriptModules.get(file);
  if (known === undefined) {
    const parts = file.module.split('.');
    const folder = parts.length >= 2 ? parts[parts.length - 2] : '';
    known =
      (folder === 'scripts' || folder === 'cli' || folder === 'cmd') &&
      // (Callable with no arguments, as a console script's wrapper calls it: not calibre's `main(opts, args, dbctx)`
      // in `db/cli/cmd_add.py`, which its dispatcher and the server's `/cdb` handler call by module name.)
      file.functions.some((f) => !f.nested && f.cls < 0 && (f.name === 'run' || f.name === 'main') && !f.argsRequired) &&
      !file.refs.some((r) => SERVES_OR_THREADS.test(r.chain)) &&
      !file.functions.some((f) => f.isRequest) &&
      // In a `cli` or `cmd` folder (common names), not one that hands a function of its own to other code
      // (`run_in_threads(work)`, a helper that may start threads). (Twisted's scripts hand callbacks to the reactor.)
      !(folder !== 'scripts' && handsOwnFunctionsOn(file));
    scriptModules.set(file, known);
  }
  return known;
}

/** A module where console programs start: in a `cmd` or `scripts` folder (pbr's console scripts point there), or a `__main__`. */
function commandFolderModule(file: FileSummary): boolean {
  const parts = file.module.split('.');
  return parts.length >= 2 && (parts[parts.length - 2] === 'cmd' || parts[parts.length - 2] === 'scripts' || parts[parts.length - 1] === '__main__');
}

/** A function of `file` names one of the module's own functions as a value (`run_in_threads(work)`), not in a call. */
function handsOwnFunctionsOn(file: FileSummary): boolean {
  const prefix = `${file.module}.`;
  return file.refs.some((r) => typeof r.from === 'number' && r.call !== true && r.chain.startsWith(prefix) && r.chain.indexOf('.', prefix.length) < 0 && own(file.defs, r.chain.slice(prefix.length))?.value.k === 'function');
}

function refMatters(chain: string, names: Set<string>): boolean {
  return names.has(chain.slice(chain.lastIndexOf('.') + 1));
}

/** `task.delay(...)`: a reference to an attribute of something that matters (see Workspace.computeRuntimeNow). */
function attributeOfMatters(chain: string, names: Set<string>): boolean {
  const dot = chain.lastIndexOf('.');
  return dot > 0 && refMatters(chain.slice(0, dot), names);
}

/**
 * A file's references that can matter, given `names`: typing a statement that names nothing the
 * analysis follows (`total = len(cache)` in a method) leaves it, and the analysis, unchanged.
 */
function relevantRefs(file: FileSummary, names: Set<string>): string {
  const cached = relevantRefsCache.get(file);
  if (cached?.names === names) return cached.refs;
  const refs = JSON.stringify(file.refs.filter((r) => refMatters(r.chain, names) || attributeOfMatters(r.chain, names)));
  relevantRefsCache.set(file, { names, refs });
  return refs;
}

type Resolved =
  | { kind: 'module'; file: FileSummary; rest: string[] }
  | { kind: 'def'; file: FileSummary; binding: Binding; rest: string[] }
  | { kind: 'external'; chain: string };

interface ClassRef {
  file: FileSummary;
  index: number;
}

/** A value kind after cross-file resolution. */
type Value =
  | Exclude<ValueKind, { k: 'call' } | { k: 'ref' }>
  | { k: 'instance'; cls: ClassRef }
  /** An HTTP client session of a library (`requests.Session()`): its headers, cookies and auth are shared settings. */
  | { k: 'client'; type: string }
  /** A SQLAlchemy `Session` (from `Session(engine)` or a `sessionmaker`'s factory): not thread-safe. */
  /** `scoped`: the Session a `scoped_session` registry gave the thread that imported the module. */
  | { k: 'ormsession'; scoped?: boolean }
  | { k: 'classobj'; cls: ClassRef }
  /** An instance of a subclass of `threading.local` of the scanned files: its class attributes are still the class's. */
  | { k: 'threadlocal'; cls: ClassRef };

interface ClassKind {
  middleware: boolean;
  /** WSGI middleware (ClassInfo.wsgiMiddleware): one instance wraps the application and serves every request. */
  wsgiMiddleware: boolean;
  node: boolean;
  view: boolean;
  threadLocal: boolean;
  safe: boolean;
  appConfig: boolean;
  /** A metaclass (derives from `type`): its `__new__`/`__init__` run when class statements run. */
  metaclass: boolean;
  /** An object Django makes once per process and every request uses (DJANGO_SINGLETON_BASES), by role. */
  djangoSingleton: '' | 'password hasher' | 'template loader' | 'template engine' | 'model field' | 'storage';
  /** A CherryPy controller: a class with `@cherrypy.expose` methods, in a package that imports CherryPy. */
  cherrypy: boolean;
  /** A gRPC servicer (a subclass of a generated `*_pb2_grpc.*Servicer`) or server interceptor. */
  grpc: '' | 'servicer' | 'interceptor';
  /** A Django `ModelAdmin`: one instance per registration, shared by every admin request. */
  modelAdmin: boolean;
  /** A pydantic (or ninja/SQLModel) model: field defaults are copied for each instance. */
  copiesDefaults: boolean;
  /** A class-based view that says one instance serves every request (Flask's `init_every_request = False`). */
  reusedView: boolean;
  /**
   * A Django REST framework component that the view instantiates for each request (authentication,
   * permission, throttle, renderer, parser, content negotiation classes): per request like a view,
   * and every method runs while serving one.
   */
  drfComponent: boolean;
  /**
   * A Django model manager: Django copies each manager once per model class (`Options.managers`)
   * and `Model.objects` returns that one copy to every caller, on every thread.
   */
  manager: boolean;
  /**
   * A Falcon resource (responders `on_get(self, req, resp)`, ...) or middleware component
   * (`process_request(self, req, resp)`, ...): Falcon uses one instance for every request.
   */
  falcon: '' | 'resource' | 'middleware';
  /** A distutils/setuptools build command or a Django management command: run by a command-line process of its own. */
  command: boolean;
  /** A Pyramid tween class (ClassInfo.pyramidTween) in a package that imports Pyramid. */
  tween: boolean;
  /**
   * A Django form: its metaclass gives the class one `base_fields` dict (and `declared_fields`),
   * which every instance shares; each instance deep-copies it into `self.fields`.
   */
  djangoForm: boolean;
  /** A Django REST framework serializer: its metaclass collects the declared fields into the class's `_declared_fields`. */
  drfSerializer: boolean;
}

/** Bases whose subclasses get a copy of each mutable field default per instance. */
const COPYING_MODEL_BASES = new Set(['pydantic.BaseModel', 'pydantic.main.BaseModel', 'pydantic_settings.BaseSettings', 'pydantic.BaseSettings', 'ninja.Schema', 'sqlmodel.SQLModel']);
/** How FileSummary.kept keeps an instance. */
type KeptHow = FileSummary['kept'][number]['how'];
/** The roles of the classes Django makes one instance of because settings or `register_converter()` name them. */
const DJANGO_KEPT_ROLES: ReadonlyMap<KeptHow, LongLived['role']> = new Map<KeptHow, LongLived['role']>([
  ['router', 'Django database router'],
  ['validator', 'Django password validator'],
  ['converter', 'Django URL converter'],
]);
/** Django's form classes, whose metaclass collects the declared fields into the class's `base_fields`. */
const DJANGO_FORM = /^django\.(?:contrib\.\w+\.)?forms(?:\.\w+)?\.\w*Form$/;
/** The class-level dicts of a Django form's fields (`self.fields` is each instance's deep copy). */
const FORM_CLASS_FIELDS = new Set(['base_fields', 'declared_fields']);
/** Django REST framework's serializers (`serializers.Serializer`, `ModelSerializer`, `HyperlinkedModelSerializer`, ...). */
const DRF_SERIALIZER = /^rest_framework\.serializers\.\w*Serializer$/;
/**
 * Bases of command classes: distutils/setuptools commands (`setup.py build`, a PEP 517 build: one
 * command after another in a process of its own) and Django's management commands; also traitlets'
 * `Application` (Jupyter's `JupyterApp`), the application object of a command-line program, one
 * per process, made and started by `launch_instance()` (`main = ServerApp.launch_instance`).
 */
/** traitlets' `Application` and Jupyter's `JupyterApp`: command classes too (COMMAND_BASE). */
const TRAITLETS_APPLICATION = /^(traitlets\.config(\.application)?\.Application|jupyter_core\.application\.JupyterApp)$/;
const COMMAND_BASE = /^(paste\.script\.command\.Command|scrapy\.commands\.(ScrapyCommand|BaseRunSpiderCommand)|twisted\.python\.usage\.Options|argparse\.Action|cliff\.(command\.Command|lister\.Lister|show\.ShowOne|app\.App|display\.DisplayCommandBase|complete\.CompleteCommand|help\.HelpCommand)|osc_lib\.command\.command\.(Command|Lister|ShowOne)|setuptools\.Command|setuptools\.command\.[\w.]+|distutils\.(cmd|core)\.Command|distutils\.command\.[\w.]+|django\.core\.management(\.base)?\.(BaseCommand|AppCommand|LabelCommand))$/;
/** Falcon responders (`on_get`, `on_post_collection` with a route suffix) and middleware methods (also their `_async` forms). */
const FALCON_RESPONDER = /^on_(get|post|put|patch|delete|head|options|websocket)(_\w+)?$/;
const FALCON_MIDDLEWARE = /^process_(request|resource|response|startup|shutdown)(_async)?$/;
/** Modules of a vendored package (`pip._vendor.tenacity`, `setuptools._vendor...`, `x.vendored.y`). */
const VENDORED = /(^|\.)(_vendor|_?vendored)(\.|$)/;
/** SQLAlchemy's session class and its factories (`sessionmaker(...)()` makes a Session; `scoped_session` is per thread). */
const ORM_SESSIONS = new Set(['sqlalchemy.orm.Session', 'sqlalchemy.orm.session.Session']);
const SESSION_MAKERS = new Set(['sqlalchemy.orm.sessionmaker', 'sqlalchemy.orm.session.sessionmaker']);
const SCOPED_SESSIONS = new Set(['sqlalchemy.orm.scoped_session', 'sqlalchemy.orm.scoping.scoped_session']);
/** A Jinja2 environment: its globals, filters, tests and policies are read by every render. */
const JINJA_ENVIRONMENTS = new Set(['jinja2.Environment', 'jinja2.environment.Environment']);
const JINJA_SETTINGS = new Set(['globals', 'filters', 'tests', 'policies']);
/** HTTP client sessions whose settings (headers, cookies, auth, ...) apply to every request made through them. */
const HTTP_SESSIONS = new Set(['requests.Session', 'requests.sessions.Session', 'requests.session', 'httpx.Client', 'httpx.AsyncClient']);
/** The settings of an HTTP session that its requests send. */
const SESSION_SETTINGS = new Set(['headers', 'cookies', 'auth', 'params', 'proxies', 'verify', 'cert', 'base_url', 'timeout', 'hooks', 'adapters', 'trust_env', 'max_redirects']);
/** Context managers of the standard library that change process-wide state for their block and put it back on exit. */
const RESTORING_CONTEXT_MANAGERS = new Set([
  'contextlib.chdir', 'contextlib.redirect_stdout', 'contextlib.redirect_stderr', 'warnings.catch_warnings',
  // Django's override_settings/modify_settings, also as context managers.
  ...PROCESS_WIDE_DECORATORS,
]);
/** Django's manager bases (also as the base a `Manager.from_queryset(QuerySet)` call makes). */
const DJANGO_MANAGER = /^django\.db\.models(\.manager)?\.(Base)?Manager$/;
/** Methods of a Django manager that run while its model class is set up (and `check`, at start-up). */
const MANAGER_SETUP_METHODS = new Set(['contribute_to_class', '_set_creation_counter', 'deconstruct', 'check']);
/**
 * ModelAdmin subclasses Django ships (in the `admin.py` of its contrib apps), for projects that subclass them
 * without scanning Django itself.
 */
const DJANGO_MODEL_ADMINS = new Set([
  'django.contrib.auth.admin.UserAdmin', 'django.contrib.auth.admin.GroupAdmin', 'django.contrib.flatpages.admin.FlatPageAdmin',
  'django.contrib.redirects.admin.RedirectAdmin', 'django.contrib.sites.admin.SiteAdmin', 'django.contrib.gis.admin.GISModelAdmin',
  'django.contrib.gis.admin.options.GISModelAdmin', 'django.contrib.gis.admin.GeoModelAdmin', 'django.contrib.gis.admin.OSMGeoAdmin',
]);
/**
 * Methods of a ModelAdmin run before it serves requests: `get_urls` while the URLconf that includes
 * `admin.site.urls` is imported (once per process), `check` by the system checks.
 */
const MODEL_ADMIN_SETUP_METHODS = new Set(['get_urls', 'check']);
/** The methods Python calls on a descriptor for each attribute access of its owner's instances. */
const DESCRIPTOR_METHODS = new Set(['__get__', '__set__', '__delete__']);
/** An AppConfig's methods the application registry calls while it is populated (`django.setup()`), before any request. */
const APP_CONFIG_SETUP_METHODS = new Set(['ready', 'import_models']);

/**
 * Functions that shut something down, which may call a module's teardown (calledOnlyAtStartOrEnd()):
 * teardowns themselves, a service's `stop()`, the module-level `wait()` a service's main ends with.
 */
const SHUTDOWN_CALLER = /^_?(stop|wait|kill|terminate|close)(_\w+)?$/;

/** Whether two accesses name the same object: the same chain, or the same attribute of the same class through `self`/`cls`. */
function sameTarget(x: Access['target'], y: Access['target']): boolean {
  if (x.t === 'chain' && y.t === 'chain') return x.chain === y.chain;
  if (x.t === 'self' && y.t === 'self') return x.cls === y.cls && x.attr === y.attr;
  return false;
}

/** Changes of a container (a warn-once set is one only when all its changes are the recording of a key). */
const MUTATION_OPS_OF_CONTAINER = new Set<Access['op']>(['setitem', 'delitem', 'mutate', 'rebind', 'attr-store', 'augassign', 'rmw']);


/** Methods that take entries out of a container (entryRemoval()). */
const ENTRY_REMOVALS = new Set(['pop', 'popitem', 'clear']);

/** `Access.detail` of a rebinding to `True` or `False` (collect.ts rebindDetail()): with a stopping function's name, a stop flag. */
const STOP_FLAG_VALUES = new Set([`${IDEMPOTENT_VALUE}${LITERAL_VALUE} True`, `${IDEMPOTENT_VALUE}${LITERAL_VALUE} False`]);

/** oslo.concurrency's named-lock decorator and the factory of prefixed ones (importedHelperHolds()). */
const NAMED_LOCK_FACTORIES = new Set(['oslo_concurrency.lockutils.synchronized_with_prefix', 'oslo_concurrency.lockutils.synchronized']);

/** Bulk fills of a container a lazy initialisation primed at import may make (Workspace.primedAtImport). */
const PRIMED_FILLS = new Set(['update', 'extend', 'clear']);
/** In Workspace.metaclassUsers: a metaclass called to make a class, whose calls are not followed. */
const DYNAMIC_USER = '\u0000dynamic';
/** Rules whose messages name the shared state first: one finding per statement and state (Workspace.findings()). */
const MERGED_PER_STATEMENT = new Set(['TL002', 'TL003', 'TL005', 'TL006', 'TL008']);
/** The first name a finding's message quotes: the shared state it is about (`custom_query`, `self.retry`). */
const SUBJECT = /`([^`]+)`/;
/** Celery's worker class, whose subclasses' boot hooks (CELERY_WORKER_HOOKS) run once per worker. */
const CELERY_WORKERS = new Set(['celery.worker.WorkController', 'celery.worker.worker.WorkController']);
const CELERY_WORKER_HOOKS = new Set(['on_before_init', 'on_after_init', 'on_init_blueprint', 'on_start']);
/**
 * oslo.service's services: a launcher calls `start()` once in the process (or each worker process)
 * that runs the service, before it serves (not `stop()` or `reset()`, which run while it serves:
 * oslo.service's `ServiceBase`, https://docs.openstack.org/oslo.service/latest/reference/service.html).
 */
const OSLO_SERVICES = new Set(['oslo_service.service.Service', 'oslo_service.service.ServiceBase']);

/**
 * cotyledon's services: a `ServiceManager` forks worker processes and, in each, makes the service (through
 * the factory or class given to `add()`) and calls its `run()` once, on the process's main thread
 * (https://cotyledon.readthedocs.io/en/latest/api.html; Ceilometer's polling and notification agents).
 */
const COTYLEDON_SERVICES = new Set(['cotyledon.Service', 'cotyledon._service.Service']);

/**
 * OpenStack's plugins, which a service loads by name from its configuration (stevedore, oslo's
 * `importutils.import_object`) once per process, as it starts, and the methods it calls on each then,
 * before it serves: by a base class (a canonical name), the start-up methods of its subclasses.
 * - Cinder's volume driver: `VolumeManager.__init__` makes the one driver of the service
 *   (`importutils.import_object(volume_driver, ...)`), and `init_host()` calls its `do_setup()` and
 *   `check_for_setup_error()` (cinder/volume/manager.py). Not backup drivers, made for each backup.
 * - Manila's share driver, the same way: `ShareManager.__init__` makes the one driver of a `manila-share`
 *   process and `_driver_setup()` (from `init_host()`) calls its `do_setup()` and `check_for_setup_error()`
 *   (manila/share/manager.py).
 * - Ceilometer's pollsters: the polling agent's `AgentManager.__init__` loads them through stevedore
 *   (`invoke_on_load=True`) before any polling thread starts, and `PollsterBase.__init__` calls
 *   `setup_environment()` (ceilometer/polling/manager.py, plugin_base.py).
 * - Neutron's ML2 drivers: the plugin makes them as it loads and calls `initialize()` "after all
 *   drivers have been loaded and the database has been initialized" (neutron_lib/plugins/ml2/api.py).
 * - Neutron's core and service plugins, made by `NeutronManager` as the server starts (and their
 *   `start_rpc_listeners()`, called as an RPC worker starts).
 * - Neutron's agent extensions: the agent's `AgentExtensionsManager` makes them and calls
 *   `consume_api()` and `initialize(connection, driver_type)` as the agent starts
 *   (neutron_lib/agent/extension.py).
 */
const PLUGIN_HOOKS: readonly [RegExp, ReadonlySet<string>][] = [
  [/^cinder\.volume\.(driver\.\w+|drivers\.san\.san\.San\w*Driver)$/, new Set(['__init__', 'do_setup', 'check_for_setup_error'])],
  [/^manila\.share\.driver\.ShareDriver$/, new Set(['__init__', 'do_setup', 'check_for_setup_error'])],
  [/^ceilometer\.polling\.plugin_base\.PollsterBase$/, new Set(['__init__', 'setup_environment'])],
  [/^(neutron_lib\.plugins\.ml2\.api|neutron\.plugins\.ml2\.driver_api)\.(MechanismDriver|TypeDriver|ExtensionDriver)$/, new Set(['__init__', 'initialize'])],
  [/^(neutron_lib\.services\.base\.ServicePluginBase|neutron\.neutron_plugin_base_v2\.NeutronPluginBaseV2)$/, new Set(['__init__', 'start_rpc_listeners'])],
  [/^neutron_lib\.agent\.(extension\.AgentExtension|l2_extension\.L2AgentExtension|l3_extension\.L3AgentExtension)$/, new Set(['__init__', 'initialize', 'consume_api'])],
];

/** The role of an object Django makes once per process, by a base class (a canonical name), or ''. */
function djangoSingletonRole(base: string): ClassKind['djangoSingleton'] {
  if (/^django\.contrib\.auth\.hashers\.\w*PasswordHasher$/.test(base)) return 'password hasher';
  if (/^django\.template\.loaders\.(base|filesystem|app_directories|cached|locmem)\.Loader$/.test(base)) return 'template loader';
  if (/^django\.template\.backends\.(base\.BaseEngine|django\.DjangoTemplates|jinja2\.Jinja2)$/.test(base)) return 'template engine';
  if (/^django\.db\.models\.(fields\.(related\.|files\.|json\.)?)?\w*(Field|ForeignKey|OneToOneField|ManyToManyField)$/.test(base)) return 'model field';
  if (/^django\.core\.files\.storage(\.filesystem|\.base)?\.(Storage|FileSystemStorage)$/.test(base)) return 'storage';
  return '';
}
/** Metaclasses of the standard library: a class deriving from one is a metaclass. */
const METACLASS_BASES = new Set([
  'type', 'abc.ABCMeta', 'enum.EnumMeta', 'enum.EnumType',
  // Frameworks' metaclasses, which a project's metaclass extends (django-organizations' `OrgMeta(ModelBase)`).
  // (Not form or pydantic metaclasses: `modelform_factory()` in a ModelAdmin's `get_form()` and pydantic's
  // `create_model()` make classes per request.)
  'django.db.models.base.ModelBase', 'sqlalchemy.orm.decl_api.DeclarativeMeta', 'sqlalchemy.ext.declarative.DeclarativeMeta',
]);
/** Methods that run when a class statement runs (import time), whatever the class. */
const CLASS_CREATION_METHODS = new Set(['__init_subclass__', '__set_name__']);
/**
 * gunicorn server hooks that run in the arbiter or in a worker before it serves requests (not
 * `pre_request`/`post_request`, which run for every request on the worker's threads, nor
 * `worker_int`/`worker_abort`/`worker_exit`, which can run while its threads still serve).
 */
const GUNICORN_STARTUP_HOOKS = new Set(['on_starting', 'on_reload', 'when_ready', 'pre_fork', 'post_fork', 'post_worker_init', 'pre_exec', 'nworkers_changed', 'on_exit', 'child_exit']);
/** App factories that `flask run` finds by name (Flask's "Application Discovery"): run once per process. */
const APP_FACTORIES = new Set(['create_app', 'make_app']);

/** A value kept per class for the life of a workspace (`compute` runs once per class). */
function perClass<T>(memo: Map<FileSummary, (T | undefined)[]>, cls: ClassRef, compute: () => T): T {
  let perFile = memo.get(cls.file);
  if (perFile === undefined) memo.set(cls.file, (perFile = []));
  const known = perFile[cls.index];
  if (known !== undefined) return known;
  return (perFile[cls.index] = compute());
}

/**
 * Whether the binding is an undecorated module-level function, whose attributes (`lookup.calls`,
 * `rate.cache`) are data kept on one object of the process (a decorated name may hold what the
 * decorator made: a click command's `params`).
 */
function keptOnFunction(file: FileSummary, binding: Binding): boolean {
  return binding.value.k === 'function' && file.functions[binding.value.fn]?.decorated === false;
}

function classKey(cls: ClassRef): string {
  return `${cls.file.path}#${cls.index}`;
}

/** LongLived.role of an object a long-lived one makes in its constructor and keeps (Workspace.ownerOf()). */
const OWNED_ROLE = 'helper object kept by a long-lived one';

interface LongLived {
  role:
    | 'middleware' | 'WSGI middleware' | 'singleton made by `__new__`' | typeof BORG_ROLE | 'template node' | 'model admin' | 'reused view' | 'model manager' | 'Falcon resource' | 'Falcon middleware component' | 'Pyramid tween'
    | 'gRPC servicer' | 'gRPC server interceptor' | 'CherryPy controller'
    | 'Django password hasher' | 'Django template loader' | 'Django template engine' | 'Django model field' | 'Django storage' | 'descriptor' | 'Django app config' | 'Django database router' | 'Django password validator' | 'Django URL converter' | 'class instance whose method runs on several threads at once' | 'Flask extension' | 'module-level instance'
    | typeof OWNED_ROLE;
  /** Certain roles give warnings; singletons only information. */
  certain: boolean;
  related?: RelatedLocation;
  /** Nothing in the scanned files makes one: even its request methods may run on an object of their own (information). */
  unmade?: boolean;
  /** Middleware known by its name and methods only, in a package that does not import Django (oslo.middleware's WebOb classes). */
  notDjango?: boolean;
}

const VIEW_HANDLERS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch', 'setup', 'get_context_data', 'get_queryset', 'form_valid']);

export function toRange(span: Span) {
  return { start: { line: span[0], character: span[1] }, end: { line: span[2], character: span[3] } };
}

export class Workspace {
  private readonly byModule = new Map<string, FileSummary>();
  private readonly byPath = new Map<string, FileSummary>();
  private readonly classKinds = new Map<string, ClassKind>();
  private readonly singletons = new Map<string, RelatedLocation>();
  /** See keptAs() (built on first use), by class key. */
  private keptRoles: Map<string, KeptHow> | undefined;
  private madeAtRuntimeLineage: Set<string> | undefined;
  private subclassMap: Map<string, ClassRef[]> | undefined;
  private threadWrites: Set<string> | undefined;
  /** See requestCalls() (built on first use): `classKey\0method`, and the classes themselves. */
  private requestCalled: { methods: Set<string>; classes: Set<string> } | undefined;
  /** See frameworksOf() (built on first use): top-level package -> web frameworks it imports. */
  private webPackages: Map<string, Set<string>> | undefined;
  /** See idempotentWrites() (built on first use). */
  private idempotentOnly: Map<string, string | null> | undefined;
  /** See syncOnLoop() (built on first use). */
  private loopHelpers: Set<string> | undefined;
  /** See madeAtRunTime() (built on first use). */
  private runtimeContainers: Map<string, string> | undefined;
  /** Functions (and classes) only ever run while modules load, by `fnKey`/`clsKey`. */
  private importOnly = new Set<string>();
  /** Functions (and classes) that only test code uses, by `fnKey`/`clsKey`. */
  private testOnly = new Set<string>();
  /** Classes a pytest fixture or hook names (FunctionInfo.pytestCallable): usedOnlyByTests() for their methods. */
  private fixtureMade = new Set<string>();
  /** Functions and classes some reference in the scanned files names (computeRuntimeNow). */
  private referenced = new Set<string>();
  /** For a function or class, the functions whose bodies name it (computeRuntimeNow). */
  private callers = new Map<string, string[]>();
  /** Functions and classes handed on somewhere (a callback, a thread's target, `task.delay`), whose callers are not all known (computeRuntimeNow). */
  private handedOn = new Set<string>();
  /** Factories and classes whose result, bound at module level, a function outside the tests calls or uses (computeRuntimeNow). */
  private madeCalledAtRunTime = new Set<string>();
  /** Functions handed to a thread, a pool or an executor (`Thread(target=f)`, `pool.submit(f)`, `run_in_executor(None, f)`) (computeRuntimeNow). */
  private threadHanded = new Set<string>();
  /** Functions only start-up code and command-line commands reach, not import-time only themselves (computeRuntimeNow). */
  private commandOnly = new Set<string>();
  /** Functions only handed to process pools (`ex.map(f, items)` on a `ProcessPoolExecutor`), which nothing else calls or hands on (computeRuntimeNow). */
  private processTasks = new Set<string>();
  private instantiatedAtRuntime = new Set<string>();
  /** Classes the scanned files call while modules load (`app.wsgi_app = Guard(app.wsgi_app)`, `app = Guard(app)`), outside tests. */
  private namedAtImport = new Set<string>();
  /**
   * How often served code names a class as a value, not calling it (`_DRIVERS = {"foo": FooDriver}`,
   * `return FooDriver`, and as a base of another class: keptElsewhere()).
   */
  private keptClasses = new Map<string, number>();
  /** For a class instantiated inside functions, those functions (computeRuntimeNow). */
  private instantiators = new Map<string, string[]>();
  /** Functions and classes a file other than their own names, outside tests (computeRuntimeNow). */
  private namedElsewhere = new Set<string>();

  constructor(
    private readonly files: FileSummary[],
    private readonly options: ResolveOptions,
  ) {
    for (const f of files) {
      this.byPath.set(f.path, f);
      if (!this.byModule.has(f.module)) this.byModule.set(f.module, f);
      else this.multiRoot.add(f.module.split('.', 1)[0]);
    }
    // Two services of a monorepo side by side, each with its own `state.py` or `app` package: a
    // module of either imports its own (the folder it runs from is the one on sys.path).
    if (this.multiRoot.size > 0) {
      for (const f of files) {
        if (!this.multiRoot.has(f.module.split('.', 1)[0])) continue;
        const key = `${moduleRoot(f)}\0${f.module}`;
        if (!this.byRootModule.has(key)) this.byRootModule.set(key, f);
      }
    }
    this.computeRuntime();
    this.findSingletons();
  }

  // ---------------------------------------------------------------- resolution

  resolve(chain: string, from: FileSummary, depth = 0): Resolved {
    if (depth > 0) return this.resolveNow(chain, from, depth);
    // The answer depends on `from` only through a sibling module of its folder, which is looked up
    // when no scanned module has the chain's first name: a scan resolves the same chains many times.
    const dot = chain.indexOf('.');
    const first = dot < 0 ? chain : chain.slice(0, dot);
    // (And on the root of its module names when two roots of the scan have modules of that name: moduleFor().)
    const key = this.multiRoot.has(first) ? `${moduleRoot(from)}\0\0${chain}` : this.byModule.has(first) ? chain : `${dirname(from.path)}\0${chain}`;
    let r = this.resolved.get(key);
    if (!r) this.resolved.set(key, (r = this.resolveNow(chain, from, 0)));
    return r;
  }

  private readonly resolved = new Map<string, Resolved>();

  private resolveNow(chain: string, from: FileSummary, depth: number): Resolved {
    const parts = chain.split('.');
    let prefix = chain;
    for (let i = parts.length; i >= 1; i--) {
      if (i < parts.length) prefix = prefix.slice(0, prefix.length - parts[i].length - 1);
      let file = this.moduleFor(prefix, from);
      if (!file && i === 1) file = this.sibling(parts[0], from);
      if (!file) continue;
      const rest = parts.slice(i);
      if (rest.length === 0) return { kind: 'module', file, rest };
      const binding = own(file.defs, rest[0]);
      if (!binding) {
        // `from state import *`: a name the module does not bind comes from the module that exports it.
        const owner = file.starImports.length > 0 ? this.starOwner(file, rest[0], new Set([file.path])) : undefined;
        if (owner && depth < MAX_ALIAS_DEPTH) {
          const next = this.resolve(`${owner.module}.${rest.join('.')}`, owner, depth + 1);
          if (next.kind === 'def') return next;
        }
        return { kind: 'module', file, rest };
      }
      if ((binding.value.k === 'import' || binding.value.k === 'ref') && depth < MAX_ALIAS_DEPTH) {
        const target = binding.value.k === 'import' ? binding.value.target : binding.value.target;
        if (target !== chain) {
          const next = this.resolve([target, ...rest.slice(1)].join('.'), file, depth + 1);
          if (next.kind !== 'external') return next;
        }
      }
      return { kind: 'def', file, binding, rest: rest.slice(1) };
    }
    return { kind: 'external', chain };
  }

  /**
   * The module that binds `name` for a star import of it into `file` (the last star import that has
   * it wins, as the last import would), following the exporting modules' own star imports. A module
   * exports what its `__all__` lists, or without one every name without a leading underscore; one
   * whose `__all__` is built some other way is not followed.
   */
  private starOwner(file: FileSummary, name: string, seen: Set<string>): FileSummary | undefined {
    for (let i = file.starImports.length - 1; i >= 0; i--) {
      const m = file.starImports[i];
      const target = this.moduleFor(m, file) ?? (m.includes('.') ? undefined : this.sibling(m, file));
      if (!target || seen.has(target.path)) continue;
      if (target.exports && !target.exportsUnknown ? !target.exports.includes(name) : name.startsWith('_')) continue;
      seen.add(target.path);
      if (own(target.defs, name)) return target;
      const deeper = target.starImports.length > 0 ? this.starOwner(target, name, seen) : undefined;
      if (deeper) return deeper;
    }
    return undefined;
  }

  /**
   * The scanned module named `name` as `from` imports it: when modules of that top-level name sit
   * under more than one root of the scan (`svc_a/state.py` and `svc_b/state.py`, both `state`), the
   * one under `from`'s own root; otherwise the first scanned.
   */
  private moduleFor(name: string, from: FileSummary): FileSummary | undefined {
    if (this.multiRoot.size > 0) {
      const dot = name.indexOf('.');
      const top = dot < 0 ? name : name.slice(0, dot);
      if (this.multiRoot.has(top)) {
        const root = moduleRoot(from);
        const own = this.byRootModule.get(`${root}\0${name}`);
        if (own) return own;
        // The importer's root has that package but not this module of it: Python looks no further once the
        // package is loaded from there (`from app.locks import guard` in svc_b, where only svc_a has `app/locks.py`).
        if (this.byRootModule.has(`${root}\0${top}`)) return undefined;
      }
    }
    return this.byModule.get(name);
  }

  /** Top-level names of modules found under more than one root of the scan (moduleFor()). */
  private readonly multiRoot = new Set<string>();
  /** For those: `root\0module` -> the module under that root. */
  private readonly byRootModule = new Map<string, FileSummary>();

  /** A top-level import of a module that sits beside the importing file (a script's folder is on sys.path). */
  private sibling(name: string, from: FileSummary): FileSummary | undefined {
    const dir = dirname(from.path);
    const key = `${dir}\0${name}`;
    if (this.siblings.has(key)) return this.siblings.get(key);
    const found = this.byPath.get(join(dir, `${name}.py`)) ?? this.byPath.get(join(dir, name, '__init__.py'));
    this.siblings.set(key, found);
    return found;
  }

  private readonly siblings = new Map<string, FileSummary | undefined>();

  private valueOf(file: FileSummary, binding: Binding, depth = 0): Value {
    const v = binding.value;
    if (v.k === 'call' || v.k === 'ref') {
      if (depth > 8) return { k: 'unknown' };
      const target = v.k === 'call' ? v.callee : v.target;
      const r = this.resolve(target, file);
      if (v.k === 'call' && r.kind !== 'def' && (HTTP_SESSIONS.has(v.callee) || JINJA_ENVIRONMENTS.has(v.callee))) return { k: 'client', type: v.callee };
      if (v.k === 'call' && r.kind !== 'def' && ORM_SESSIONS.has(v.callee)) return { k: 'ormsession' };
      // `session = Session()` where `Session = sessionmaker(bind=engine)`.
      if (v.k === 'call' && r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'call' && SESSION_MAKERS.has(r.binding.value.callee)) return { k: 'ormsession' };
      // `session = Session()` at module level where `Session = scoped_session(...)`: the importing thread's Session, kept.
      if (v.k === 'call' && r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'call' && SCOPED_SESSIONS.has(r.binding.value.callee)) return { k: 'ormsession', scoped: true };
      if (r.kind !== 'def' || r.rest.length > 0) return { k: 'unknown' };
      if (r.binding.value.k === 'class') {
        const cls = { file: r.file, index: r.binding.value.cls };
        if (v.k === 'ref') return { k: 'classobj', cls };
        const kind = this.classKind(cls);
        if (kind.threadLocal) return { k: 'threadlocal', cls };
        if (kind.safe) return { k: 'safe', type: r.binding.name };
        return { k: 'instance', cls };
      }
      if (r.binding.value.k === 'function') {
        if (v.k === 'ref') return r.binding.value;
        const made = r.file.functions[r.binding.value.fn];
        // `CONFIG = load_config()` where `load_config()` returns a new dict: the module holds that dict.
        return made.isGenerator ? { k: 'generator' } : made.returnsFresh !== undefined ? { k: 'mutable', type: made.returnsFresh } : { k: 'unknown' };
      }
      if (v.k === 'ref') return this.valueOf(r.file, r.binding, depth + 1);
      return { k: 'unknown' };
    }
    if (v.k === 'class') return { k: 'classobj', cls: { file, index: v.cls } };
    // `_cache = None` at module level, `_cache = {}` in a lazy initialisation: a dict once made.
    if (v.k === 'immutable' && own(file.defs, binding.name) === binding) {
      const type = this.madeAtRunTime().get(`${file.path}\0${binding.name}`);
      // `global _conn; _conn = sqlite3.connect(path)` in `init_db()`: a connection from then on.
      if (type === SQLITE_STORED || type === SQLITE_SHARED_STORED) return { k: 'sqlite', checkSameThread: type === SQLITE_STORED };
      // `global _client; _client = PaymentClient(url)` in a set-up function: an instance of that scanned class from then on.
      // (Or a library object one thread at a time must use: `_connection = pymysql.connect(...)` in searx's `init()`.)
      if (type?.startsWith(STORED_CALL)) {
        if (depth > 8) return v;
        const callee = type.slice(STORED_CALL.length);
        if (UNSAFE_OBJECTS.has(callee)) return { k: 'unsafe', type: callee };
        const made = this.valueOf(file, { name: binding.name, span: binding.span, value: { k: 'call', callee } }, depth + 1);
        return made.k === 'instance' ? made : v;
      }
      if (type !== undefined) return { k: 'mutable', type };
    }
    return v;
  }

  /** Per module-level definition that run-time code rebinds to a new mutable container (Access.stores): that container's type. */
  private madeAtRunTime(): Map<string, string> {
    if (!this.runtimeContainers) {
      const made = new Map<string, string>();
      for (const f of this.files) {
        for (const a of f.accesses) {
          if (a.op !== 'rebind' || a.stores === undefined || a.target.t !== 'chain') continue;
          const key = this.defKey(a.target.chain, f, a.op);
          // (A container or a connection before a call of something else: `_x = compute()` elsewhere says less.)
          if (key !== null && (!made.has(key) || (made.get(key)!.startsWith(STORED_CALL) && !a.stores.startsWith(STORED_CALL)))) made.set(key, a.stores);
        }
      }
      this.runtimeContainers = made;
    }
    return this.runtimeContainers;
  }

  private baseClasses(cls: ClassRef): ClassRef[] {
    const key = classKey(cls);
    const known = this.bases.get(key);
    if (known) return known;
    const info = cls.file.classes[cls.index];
    const out: ClassRef[] = [];
    for (const base of info.bases) {
      const r = this.resolve(base, cls.file);
      if (r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'class') {
        out.push({ file: r.file, index: r.binding.value.cls });
      }
    }
    this.bases.set(key, out);
    return out;
  }

  private readonly bases = new Map<string, ClassRef[]>();

  /**
   * The class and its ancestors in the scanned files, depth first in base
   * order (close to Python's MRO for single inheritance). Iterative: a chain
   * of thousands of subclasses must not overflow the stack. Kept per class for
   * the life of the workspace (asked for many times per class: every method's
   * judgement walks it).
   */
  private lineage(cls: ClassRef): readonly ClassRef[] {
    return perClass(this.lineages, cls, () => this.lineageNow(cls));
  }

  private lineageNow(cls: ClassRef): readonly ClassRef[] {
    const out: ClassRef[] = [];
    const seen = new Set<string>();
    const stack: ClassRef[] = [cls];
    while (stack.length > 0) {
      const next = stack.pop()!;
      const key = classKey(next);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(next);
      const bases = this.baseClasses(next);
      for (let i = bases.length - 1; i >= 0; i--) stack.push(bases[i]);
    }
    return out;
  }

  private readonly lineages = new Map<FileSummary, (readonly ClassRef[] | undefined)[]>();

  /**
   * A proxy whose `__setattr__` and `__getattr__` (or `__getattribute__`) hand every access on to a
   * module-level thread-local object and do nothing else (ClassInfo.forwardsTo: `setattr(getattr(serving,
   * self.attrname), name, value)`, where `serving` is a `threading.local`, as cherrypy's `request`
   * and `response` are): what it seems to hold is each thread's own.
   */
  private forwardsToThreadLocal(cls: ClassRef): boolean {
    const target = cls.file.classes[cls.index].forwardsTo;
    if (target === undefined) return false;
    const key = classKey(cls);
    if (this.proxyCheck.has(key)) return false;
    this.proxyCheck.add(key);
    try {
      const r = this.resolve(target, cls.file);
      return r.kind === 'def' && r.rest.length === 0 && this.valueOf(r.file, r.binding).k === 'threadlocal';
    } finally {
      this.proxyCheck.delete(key);
    }
  }

  private readonly proxyCheck = new Set<string>();

  /**
   * A base named through another name for `threading.local` (THREAD_LOCAL_CLASSES): pony's
   * `from threading import local as localbase` in one module, re-exported and subclassed in others,
   * or `localbase = threading.local` in the same file.
   */
  private aliasesThreadLocal(base: string, file: FileSummary): boolean {
    const r = this.resolve(base, file);
    if (r.kind !== 'def' || r.rest.length > 0) return false;
    const v = r.binding.value;
    return (v.k === 'import' || v.k === 'ref') && isThreadLocalBase(v.target);
  }

  /** What a class's own bases and body say about its role. */
  private ownKind(cls: ClassRef): ClassKind {
    const kind: ClassKind = { middleware: false, wsgiMiddleware: false, node: false, view: false, threadLocal: false, safe: false, appConfig: false, metaclass: false, modelAdmin: false, copiesDefaults: false, reusedView: false, drfComponent: false, manager: false, falcon: '', command: false, tween: false, grpc: '', cherrypy: false, djangoSingleton: '', djangoForm: false, drfSerializer: false };
    const info = cls.file.classes[cls.index];
    if (info.reusesInstance) kind.reusedView = true;
    // cherrypy's `_ThreadLocalProxy`: every attribute read and write goes to a thread-local object.
    if (this.forwardsToThreadLocal(cls)) kind.threadLocal = true;
    const django = this.options.framework === 'auto' || this.options.framework === 'django';
    const anyFramework = this.options.framework !== 'none';
    const name = info.qualname.slice(info.qualname.lastIndexOf('.') + 1);
    for (const base of info.bases) {
      const last = base.slice(base.lastIndexOf('.') + 1);
      if (isThreadLocalBase(base) || this.aliasesThreadLocal(base, cls.file)) kind.threadLocal = true;
      if (isSafeBase(base, this.options)) kind.safe = true;
      if (django && last === 'MiddlewareMixin') kind.middleware = true;
      if (django && last === 'AppConfig') kind.appConfig = true;
      if (django && /^django\.template(\.base|\.library)?\.Node$/.test(base)) kind.node = true;
      if (anyFramework && /(View|ViewSet)$/.test(last) && !/Node$/.test(last)) kind.view = true;
      if (METACLASS_BASES.has(base)) kind.metaclass = true;
      if (django && (/^django\.contrib\.admin(\.options)?\.ModelAdmin$/.test(base) || DJANGO_MODEL_ADMINS.has(base))) kind.modelAdmin = true;
      if (COPYING_MODEL_BASES.has(base)) kind.copiesDefaults = true;
      if (anyFramework && DRF_COMPONENT.test(base)) kind.drfComponent = true;
      if (django && DJANGO_MANAGER.test(base)) kind.manager = true;
      if (COMMAND_BASE.test(base) || TRAITLETS_APPLICATION.test(base)) kind.command = true;
      if (django && DJANGO_FORM.test(base)) kind.djangoForm = true;
      if (anyFramework && DRF_SERIALIZER.test(base)) kind.drfSerializer = true;
      if (django) {
        const singleton = djangoSingletonRole(base);
        if (singleton !== '') kind.djangoSingleton = singleton;
      }
      if (GRPC_SERVICER_BASE.test(base)) kind.grpc = 'servicer';
      if (GRPC_INTERCEPTOR_BASES.has(base)) kind.grpc = 'interceptor';
    }
    // Falcon has no profile of its own: recognised with `framework = "auto"` in a package that imports it.
    if (this.options.framework === 'auto') {
      for (const [method, fn] of Object.entries(info.methods)) {
        if (!cls.file.functions[fn].reqResp) continue;
        if (FALCON_RESPONDER.test(method)) kind.falcon ||= 'resource';
        else if (FALCON_MIDDLEWARE.test(method)) kind.falcon = 'middleware';
      }
      if (kind.falcon !== '' && !this.frameworksOf(cls.file).has('falcon')) kind.falcon = '';
      // CherryPy mounts one instance of a controller (`cherrypy.quickstart(Root())`, `cherrypy.tree.mount`)
      // and its thread pool serves every request with it: a class with `@cherrypy.expose` methods.
      if (this.frameworksOf(cls.file).has('cherrypy') && Object.values(info.methods).some((fn) => cls.file.functions[fn].decorated && cls.file.functions[fn].isRequest)) kind.cherrypy = true;
      if (info.pyramidTween && this.frameworksOf(cls.file).has('pyramid')) kind.tween = true;
    }
    if (django && cls.file.module === 'django.template.base' && info.qualname === 'Node') kind.node = true;
    if (anyFramework && info.wsgiMiddleware === 3) kind.wsgiMiddleware = true;
    // (By its name only outside a package built on an event-loop framework, whose middleware is not Django's:
    // Starlette's `ExceptionMiddleware` with its `async def __call__(self, scope, receive, send)`.)
    // (Nor an ASGI middleware, `__call__(self, scope, receive, send)`, in a package none of those
    // frameworks are imported by, as hypercorn's: Django's `__call__` takes the request.)
    // (Nor a Scrapy downloader or spider middleware, whose hooks take the spider: one per crawler, on the reactor's thread.)
    if (django && (info.takesGetResponse || (kind.falcon === '' && /Middleware$/.test(name) && info.asgiCall !== true && info.crawlerComponent !== true && Object.keys(info.methods).some((m) => MIDDLEWARE_METHODS.has(m)) && !this.onEventLoopFramework(cls.file)))) {
      kind.middleware = true;
    }
    return kind;
  }

  /**
   * A class's role, inherited from any ancestor in the scanned files.
   * Computed bases first with an explicit stack (post-order), so each class is
   * judged once and deep hierarchies cannot overflow the call stack.
   */
  private classKind(cls: ClassRef): ClassKind {
    const cached = this.classKinds.get(classKey(cls));
    if (cached) return cached;
    const stack: { cls: ClassRef; expanded: boolean }[] = [{ cls, expanded: false }];
    const open = new Set<string>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const key = classKey(top.cls);
      if (this.classKinds.has(key)) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        open.add(key);
        for (const base of this.baseClasses(top.cls)) {
          const bk = classKey(base);
          if (!this.classKinds.has(bk) && !open.has(bk)) stack.push({ cls: base, expanded: false });
        }
        continue;
      }
      stack.pop();
      const kind = this.ownKind(top.cls);
      for (const base of this.baseClasses(top.cls)) {
        const b = this.classKinds.get(classKey(base)); // absent only inside an inheritance cycle
        if (!b) continue;
        kind.middleware ||= b.middleware;
        kind.wsgiMiddleware ||= b.wsgiMiddleware;
        kind.node ||= b.node;
        kind.view ||= b.view;
        kind.threadLocal ||= b.threadLocal;
        kind.safe ||= b.safe;
        kind.appConfig ||= b.appConfig;
        kind.metaclass ||= b.metaclass;
        kind.modelAdmin ||= b.modelAdmin;
        kind.copiesDefaults ||= b.copiesDefaults;
        kind.reusedView ||= b.reusedView;
        kind.drfComponent ||= b.drfComponent;
        kind.manager ||= b.manager;
        kind.falcon ||= b.falcon;
        kind.command ||= b.command;
        kind.tween ||= b.tween;
        kind.grpc ||= b.grpc;
        kind.cherrypy ||= b.cherrypy;
        kind.djangoSingleton ||= b.djangoSingleton;
        kind.djangoForm ||= b.djangoForm;
        kind.drfSerializer ||= b.drfSerializer;
      }
      if (kind.drfComponent) kind.view = true;
      if (kind.reusedView || kind.falcon !== '') kind.view = false;
      this.classKinds.set(key, kind);
    }
    return this.classKinds.get(classKey(cls))!;
  }

  /**
   * How a class's one instance is kept, when a call keeps it rather than a name (FileSummary.kept):
   * by a gRPC server (`grpc`, `interceptor`), or by Django, which settings or `register_converter()`
   * name it to (`router`, `validator`, `converter`). Not `module`: an instance kept at import time.
   */
  private keptAs(cls: ClassRef): KeptHow | undefined {
    if (!this.keptRoles) {
      this.keptRoles = new Map();
      for (const file of this.files) {
        for (const k of file.kept) {
          if (k.how === 'module') continue;
          const named = this.classNamed(k.chain, file);
          if (named && !this.keptRoles.has(classKey(named))) this.keptRoles.set(classKey(named), k.how);
        }
      }
    }
    return this.keptRoles.get(classKey(cls));
  }

  private ormSession(file: FileSummary, a: Access, name: string, def: RelatedLocation, scoped: boolean): Finding {
    if (scoped) {
      return this.make('TL012', file, a, `\`${name}\` is the SQLAlchemy Session a \`scoped_session\` gave the thread that imported the module, kept at module level and used by every thread; a Session is not thread-safe: call the \`scoped_session\` where the session is used, so that each thread gets its own.`, [def]);
    }
    return this.make('TL012', file, a, `\`${name}\` is a module-level SQLAlchemy Session shared by all threads; a Session is not thread-safe (its identity map and transaction belong to one thread of work): make one per request, or use \`scoped_session\`.`, [def]);
  }

  /** The class of the scanned files that `chain` names from `file`, or null. */
  private classNamed(chain: string, file: FileSummary): ClassRef | null {
    const r = this.resolve(chain, file);
    return r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'class' ? { file: r.file, index: r.binding.value.cls } : null;
  }

  private findSingletons(): void {
    for (const file of this.files) {
      // `path("feed/", LatestFeed())`, `ROUTERS = [Router()]`: made at import time and kept by what they are given to.
      for (const k of file.kept) {
        if (k.how !== 'module') continue;
        const cls = this.classNamed(k.chain, file);
        if (!cls || this.instantiatedAtRuntime.has(this.clsKey(cls.file, cls.index))) continue;
        const key = `${cls.file.path}#${cls.index}`;
        if (!this.singletons.has(key)) {
          this.singletons.set(key, { path: file.path, range: toRange(k.span), message: `one instance, created at import time and kept by what it is given to, shared by every thread` });
        }
      }
      for (const binding of Object.values(file.defs)) {
        // (Not a script's own object, made under `if __name__ == "__main__":` (FileSummary.scriptNames): calibre's
        // `main = ThreadPool(3)` in its module's demo, which no importer of the module has.)
        // (Unless the file starts a server, a thread or a pool, whose handlers may share it: a `ThreadingHTTPServer` in that block.)
        if (binding.value.k !== 'call' || (file.scriptNames.includes(binding.name) && !file.refs.some((r) => SERVES_OR_THREADS.test(r.chain)))) continue;
        const value = this.valueOf(file, binding);
        if (value.k !== 'instance') continue;
        const key = `${value.cls.file.path}#${value.cls.index}`;
        // A class also instantiated inside functions makes per-call objects too: not a singleton, unless a
        // request handler calls a method on this module-level one (its writes are then shared all the same).
        if (this.instantiatedAtRuntime.has(this.clsKey(value.cls.file, value.cls.index)) && !this.requestCalledThrough(value.cls)) continue;
        if (!this.singletons.has(key)) {
          this.singletons.set(key, {
            path: file.path,
            range: toRange(binding.span),
            message: `\`${binding.name}\`: one instance, created at import time and shared by every thread`,
          });
        }
      }
      // `_client = None`, and `global _client; _client = GeoClient()` in `get_geo_client()`: a lazily made one,
      // when every function that makes the class stores what it makes in that global (Access.stores).
      for (const a of file.accesses) {
        // (A lazy initialisation, under a test: not `_state = FileInput(...)` anew at each call of `input()`.)
        if (a.op !== 'rebind' || !a.stores?.startsWith(STORED_CALL) || a.target.t !== 'chain' || a.check === undefined || a.check.raiseOnly === true) continue;
        const binding = own(file.defs, a.target.chain.slice(a.target.chain.lastIndexOf('.') + 1));
        if (binding === undefined) continue;
        const value = this.valueOf(file, binding);
        if (value.k !== 'instance') continue;
        const key = `${value.cls.file.path}#${value.cls.index}`;
        if (this.singletons.has(key)) continue;
        const storing = new Set(file.accesses.filter((x) => x.op === 'rebind' && x.stores === a.stores && x.target.t === 'chain' && x.target.chain === (a.target as { chain: string }).chain).map((x) => this.fnKey(file, x.fn)));
        const makers = this.instantiators.get(this.clsKey(value.cls.file, value.cls.index)) ?? [];
        if (makers.length === 0 || !makers.every((m) => storing.has(m))) continue;
        this.singletons.set(key, {
          path: file.path,
          range: toRange(binding.span),
          message: `\`${binding.name}\`: one instance, made once by \`${file.functions[a.fn]?.name}()\` and kept in this module global, shared by every thread`,
        });
      }
    }
  }

  // ---------------------------------------------------------------- when code runs

  private fnKey(file: FileSummary, fn: number): string {
    return `${file.path}#f${fn}`;
  }

  /** A function of a command-line program: `main()`/`run()` or a command of a `cmd`/`scripts` module, a click command, a `__main__` one. */
  private commandModuleFunction(key: string): boolean {
    const info = this.fnInfo(key);
    if (!info || info.isRequest) return false;
    if (info.isCommand || info.mainDefined) return true;
    const file = this.byPath.get(key.slice(0, key.lastIndexOf('#f')));
    return file !== undefined && commandFolderModule(file);
  }

  /** The function a fnKey() names, if any. */
  private fnInfo(key: string): FunctionInfo | undefined {
    const at = key.lastIndexOf('#f');
    return at < 0 ? undefined : this.byPath.get(key.slice(0, at))?.functions[Number(key.slice(at + 2))];
  }

  private clsKey(file: FileSummary, cls: number): string {
    return `${file.path}#c${cls}`;
  }

  /**
   * A function is import-time only when every reference to it in the scanned
   * files is a call or decorator at import time, or comes from another
   * import-time-only function. Methods (other than constructors of classes
   * that are only instantiated at import time) and closures always count as
   * run time, and so does any function nobody references (public API).
   */
  private computeRuntime(): void {
    const memo = this.options.runtimeMemo;
    if (memo) {
      // Same shapes everywhere means the same `names`, so the references can be compared through them.
      const scripts = [...(this.options.consoleScripts ?? []), '', ...(this.options.appFactories ?? [])].join('\n');
      const sameShapes =
        memo.scripts === scripts &&
        memo.files.length === this.files.length &&
        this.files.every((f, i) => f === memo.files[i] || runtimeShape(f) === memo.shapes[i]);
      const same = sameShapes && this.files.every((f, i) => f === memo.files[i] || relevantRefs(f, memo.names) === memo.refs[i]);
      if (same) {
        this.importOnly = memo.importOnly;
        this.testOnly = memo.testOnly;
        this.fixtureMade = memo.fixtureMade;
        this.instantiatedAtRuntime = memo.instantiatedAtRuntime;
        this.namedAtImport = memo.namedAtImport;
        this.keptClasses = memo.keptClasses;
        this.namedElsewhere = memo.namedElsewhere;
        this.instantiators = memo.instantiators;
        this.referenced = memo.referenced;
        this.callers = memo.callers;
        this.handedOn = memo.handedOn;
        this.commandOnly = memo.commandOnly;
        this.madeCalledAtRunTime = memo.madeCalledAtRunTime;
        this.threadHanded = memo.threadHanded;
        memo.files = [...this.files];
        return;
      }
      const names = sameShapes ? memo.names : runtimeNames(this.files);
      this.computeRuntimeNow(names);
      memo.files = [...this.files];
      memo.scripts = scripts;
      memo.shapes = this.files.map(runtimeShape);
      memo.names = names;
      memo.refs = this.files.map((f) => relevantRefs(f, names));
      memo.importOnly = this.importOnly;
      memo.testOnly = this.testOnly;
      memo.fixtureMade = this.fixtureMade;
      memo.instantiatedAtRuntime = this.instantiatedAtRuntime;
      memo.namedAtImport = this.namedAtImport;
      memo.keptClasses = this.keptClasses;
      memo.namedElsewhere = this.namedElsewhere;
      memo.instantiators = this.instantiators;
      memo.referenced = this.referenced;
      memo.callers = this.callers;
      memo.handedOn = this.handedOn;
      memo.commandOnly = this.commandOnly;
      memo.madeCalledAtRunTime = this.madeCalledAtRunTime;
      memo.threadHanded = this.threadHanded;
      return;
    }
    this.computeRuntimeNow(runtimeNames(this.files));
  }

  /** `names`: runtimeNames(this.files); only references ending in one of them can matter. */
  private computeRuntimeNow(names: Set<string>): void {
    this.madeAtRuntimeLineage = undefined;
    // Who references each function or class outside test modules: `other` for module level, else functions.
    const testRefs = new Map<string, { test: boolean; other: boolean; from: string[] }>();
    const testEntry = (key: string) => {
      let t = testRefs.get(key);
      if (!t) testRefs.set(key, (t = { test: false, other: false, from: [] }));
      return t;
    };
    // `decorate`: referenced as a decorator factory at import time; `kept`: referenced in some other way.
    /** `kept`: named other than by a decorator, a start-up registration or a command, outside the tests' functions. */
    const refsTo = new Map<string, { escape: boolean; import: boolean; decorate: boolean; kept: boolean; from: string[] }>();
    /** Functions used through an attribute (`task.delay`, `f.__wrapped__`) or called from a lambda, for handedOn. */
    const throughAttribute = new Set<string>();
    /** Functions used as values that code keeps, to run later (FunctionInfo handed on: handedOn), not mere aliases. */
    const handedOn = new Set<string>();
    /** Functions registered as start-up hooks from anywhere (refs `from: 'startup'`). */
    const startupRefs = new Set<string>();
    /** Sub-commands handed to argparse's `set_defaults(func=...)` (refs `from: 'command'`). */
    const commandRefs = new Set<string>();
    /** Functions handed to a process pool (refs `from: 'process'`). */
    const processRefs = new Set<string>();
    /** Receivers of Django's `setting_changed` (refs `from: 'tests'`). */
    const testSignalRefs = new Set<string>();
    /** Methods referenced through a module-level instance, with that binding (`path\0name`; '' when not one binding alone). */
    const instanceMethods = new Map<string, string>();
    /** Module-level instances used other than by calling a method on them (`path\0name`). */
    const escapedInstances = new Set<string>();
    /** The functions of test modules among the callers in refsTo. */
    const testCallers = new Set<string>();
    const madeCalledAtRunTime = new Set<string>();
    const threadHanded = new Set<string>();
    const fixtureMade = new Set<string>();
    const usedThroughClass = new Set<string>();
    /** The files whose module-level code applies a function (`@with_initialize`, `@register("x")`, `wrapped = deco(f)`). */
    const appliedIn = new Map<string, Set<FileSummary>>();
    const noteAppliedIn = (key: string, file: FileSummary) => {
      let files = appliedIn.get(key);
      if (!files) appliedIn.set(key, (files = new Set()));
      files.add(file);
    };
    const entry = (key: string) => {
      let e = refsTo.get(key);
      if (!e) refsTo.set(key, (e = { escape: false, import: false, decorate: false, kept: false, from: [] }));
      return e;
    };
    for (const file of this.files) {
      const inTests = isTestModule(file.module);
      for (const ref of file.refs) {
        if (!refMatters(ref.chain, names)) {
          // `record.delay(...)` (a Celery task) outside the tests: the function is used, not only tested.
          if (!inTests && attributeOfMatters(ref.chain, names)) {
            const r = this.resolve(ref.chain.slice(0, ref.chain.lastIndexOf('.')), file);
            // (Not data the module keeps on its function, `initialize.initialized`: FileSummary.functionAttrs.)
            if (r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'function' && !r.file.functionAttrs?.includes(`${r.binding.name}${ref.chain.slice(ref.chain.lastIndexOf('.'))}`)) {
              testEntry(this.fnKey(r.file, r.binding.value.fn)).other = true;
              throughAttribute.add(this.fnKey(r.file, r.binding.value.fn));
            }
          }
          continue;
        }
        let r = this.resolve(ref.chain, file);
        if (r.kind !== 'def') continue;
        // `_debug(mode)` where `_debug = debug` at module level: a reference to `debug` itself.
        if (r.binding.value.k === 'ref') {
          const target = this.resolve(r.binding.value.target, r.file);
          if (target.kind === 'def' && target.binding.value.k === 'function') r = { ...target, rest: [...target.rest, ...r.rest] };
        }
        const v = r.binding.value;
        // `Factory.instance()` outside the tests: the class is used, whatever test code makes of it (fixtureMade).
        if (v.k === 'class' && r.rest.length > 0 && !inTests && !(typeof ref.from === 'number' && this.isTestSupport(file, ref.from))) usedThroughClass.add(this.clsKey(r.file, v.cls));
        // `initialize.initialized` where the module stores that attribute on its function: data kept on it,
        // not a use of the function (FileSummary.functionAttrs).
        if (r.rest.length === 1 && v.k === 'function' && r.file.functionAttrs?.includes(`${r.binding.name}.${r.rest[0]}`)) continue;
        // `f.__wrapped__` and the like: used through an attribute, so not test-only (and called where
        // it cannot be seen: `send_mail.delay(...)` runs the Celery task elsewhere).
        if (r.rest.length > 0 && v.k === 'function' && !inTests) {
          testEntry(this.fnKey(r.file, v.fn)).other = true;
          throughAttribute.add(this.fnKey(r.file, v.fn));
        }
        let key: string;
        if (r.rest.length === 1 && v.k === 'class') {
          // Cls.method(...): a class- or static method called through its class, or through a subclass
          // that inherits it (`SafeLoader.add_constructor(...)` calls `BaseConstructor.add_constructor`).
          const found = this.classLevelMethod({ file: r.file, index: v.cls }, r.rest[0]);
          if (found === undefined) continue;
          key = this.fnKey(found.file, found.fn);
        } else if (r.rest.length === 1 && v.k === 'call') {
          // `limiter.init_app(app)`, `vcs.register(Git)`: a method of a module-level instance (instanceMethod()).
          const method = this.instanceMethod(r.file, r.binding, r.rest[0]);
          if (method === null) continue;
          key = method;
          const binding = `${r.file.path}\0${r.binding.name}`;
          const seen = instanceMethods.get(key);
          // Called through two instances (or from a test): not the one instance's method alone.
          instanceMethods.set(key, seen === undefined || seen === binding ? (inTests ? '' : binding) : '');
        } else if (v.k === 'call') {
          // `r = registry`, `use(registry)`, `registry.sub.add()`: the instance goes where calls cannot be followed.
          escapedInstances.add(`${r.file.path}\0${r.binding.name}`);
          // `on_save(cb)` in a view, where `on_save = make_registrar("save")` or `Hook("save")` at module level:
          // what made the binding (its factory or class) is run through it at run time (registeringDecorator()).
          if (r.rest.length === 0 && typeof ref.from === 'number' && !inTests) {
            const made = this.resolve(v.callee, r.file);
            if (made.kind === 'def' && made.rest.length === 0 && made.binding.value.k === 'function') madeCalledAtRunTime.add(this.fnKey(made.file, made.binding.value.fn));
            else if (made.kind === 'def' && made.rest.length === 0 && made.binding.value.k === 'class') madeCalledAtRunTime.add(this.clsKey(made.file, made.binding.value.cls));
          }
          continue;
        } else if (r.rest.length > 0) continue;
        else if (v.k === 'function') key = this.fnKey(r.file, v.fn);
        else if (v.k === 'class') key = this.clsKey(r.file, v.cls);
        else continue;
        // Keystone's `initialize_admin_application = initialize_public_application` in the module that defines
        // a factory a `wsgi_scripts` entry point declares: another name for the start-up root, not a use of it.
        if (ref.from === 'alias' && v.k === 'function' && r.file === file && this.declaredAppFactory(r.file, v.fn)) continue;
        const e = entry(key);
        const t = testEntry(key);
        // Functions other files name (not their tests): a file's own "named nowhere else" does not hold for them.
        if (r.file !== file && !inTests) this.namedElsewhere.add(key);
        // (A method of a test case or fixture shipped in the package, asyncpg's `_testbase`, is test code too.)
        if (inTests || (typeof ref.from === 'number' && this.isTestSupport(file, ref.from))) t.test = true;
        else if (typeof ref.from === 'number') t.from.push(this.fnKey(file, ref.from));
        else t.other = true;
        if (v.k === 'class' && typeof ref.from === 'number' && file.functions[ref.from].pytestCallable) fixtureMade.add(key);
        // (Called: `import` is a call while the module loads; a class named as a value, `{"ws": WebSocketWSGI}`, makes nothing.)
        if (v.k === 'class' && r.rest.length === 0 && !inTests && (ref.from === 'import' || ref.from === 'decorate')) this.namedAtImport.add(key);
        if (v.k === 'class' && r.rest.length === 0 && !inTests && ref.call !== true && ref.from !== 'import' && ref.from !== 'decorate') this.keptClasses.set(key, (this.keptClasses.get(key) ?? 0) + 1);
        // A test that makes its own instance does not make the module-level one any less shared.
        if (ref.call && v.k === 'class' && r.rest.length === 0 && !inTests) {
          this.instantiatedAtRuntime.add(key);
          if (typeof ref.from === 'number') {
            const makers = this.instantiators.get(key);
            if (makers) makers.push(this.fnKey(file, ref.from));
            else this.instantiators.set(key, [this.fnKey(file, ref.from)]);
          }
        }
        if (ref.from === 'decorate') {
          e.import = true;
          e.decorate = true;
          noteAppliedIn(key, file);
          continue;
        }
        // `app.on_startup.append(init_db)`: registered to run once, before serving (a start-up root).
        if (ref.from === 'startup') {
          startupRefs.add(key);
          continue;
        }
        // `setting_changed.connect(f)`: only tests send it; import-time only unless something else uses `f`.
        if (ref.from === 'tests') {
          testSignalRefs.add(key);
          continue;
        }
        // `parser.set_defaults(func=upgrade)`: a sub-command (a command-line root unless other code uses it).
        if (ref.from === 'command') {
          commandRefs.add(key);
          continue;
        }
        // `ex.map(_aggregate, paths)` on a process pool: run in its worker processes, one task at a time in each.
        if (ref.from === 'process') {
          processRefs.add(key);
          continue;
        }
        // A test that hands it on (`mock.patch.object(PowerMaxCommon, "_gather_info")`, `Thread(target=f)`
        // in a test) does so in the test run: no served code keeps it for that.
        if (inTests && typeof ref.from !== 'number' && ref.from !== 'import') continue;
        // (A method of a test case or fixture shipped in the package, neutron-lib's `RPCFixture`, is a test's too.)
        const testCaller = typeof ref.from === 'number' && (inTests || this.isTestSupport(file, ref.from));
        // Named outside the tests (a test calling a factory a `wsgi_scripts` entry declares runs in the test run).
        if (!testCaller) e.kept = true;
        // `Thread(target=lambda: f(v))`, `add_url_rule("/", view_func=lambda: f())`: called from a
        // lambda, which may run anywhere (handedOn).
        if (ref.deferred === true) throughAttribute.add(key);
        // `loop.call_soon_threadsafe(f)`: kept by the event loop, run later (on its thread: syncOnLoop()).
        if (ref.from === 'escape' || ref.from === 'loop' || ref.from === 'thread') {
          e.escape = true;
          handedOn.add(key);
          if (ref.from === 'thread') threadHanded.add(key);
        } else if (ref.from === 'alias') e.escape = true; // another public name: any code may call it
        else if (ref.from === 'import') {
          e.import = true;
          noteAppliedIn(key, file);
        }
        else {
          const caller = this.fnKey(file, ref.from);
          e.from.push(caller);
          if (testCaller) testCallers.add(caller);
        }
      }
    }
    // searx's `initialize_engines()` in `engines/__init__.py`: `if hasattr(engine, "init"): init_fn = getattr(engine, "init")`
    // on each engine module it loads by name: a call of the `init()` of the package's modules (FunctionInfo.hooksRead).
    // (Not a hook that code of the package, or code that imports it, also calls through an object, `mod.init()`
    // on a local: calls that names do not show.)
    const hookReaders = this.files.filter((f) => f.attrReads.some((n) => HOOK_NAMES.has(n)));
    const hooksCalledElsewhere = (pkg: string, hook: string) =>
      hookReaders.some((f) => f.attrReads.includes(hook) && (f.module === pkg || f.module.startsWith(`${pkg}.`) || f.refs.some((r) => r.chain === pkg || r.chain.startsWith(`${pkg}.`))));
    for (const file of this.files) {
      if (!/[\\/]__init__\.py$/.test(file.path) || isTestModule(file.module)) continue;
      file.functions.forEach((fn, i) => {
        if (!fn.hooksRead || fn.nested) return;
        const caller = this.fnKey(file, i);
        for (const other of this.files) {
          if (!other.module.startsWith(`${file.module}.`) || other.module.indexOf('.', file.module.length + 1) >= 0) continue;
          for (const hook of fn.hooksRead) {
            if (hooksCalledElsewhere(file.module, hook)) continue;
            const def = own(other.defs, hook);
            if (def?.value.k !== 'function') continue;
            const key = this.fnKey(other, def.value.fn);
            const e = entry(key);
            e.kept = true;
            e.from.push(caller);
            testEntry(key).from.push(caller);
          }
        }
      });
    }
    // Import-time only is a least fixpoint: a function (or class) qualifies when it is referenced,
    // never used as a value, and every reference is an import-time call or comes from code that
    // already qualifies. A cycle nothing outside calls (a recursive public function) stays run time.
    const constructors = (file: FileSummary, cls: number) =>
      Object.entries(file.classes[cls].methods)
        .filter(([name, fn]) => CONSTRUCTION_METHODS.has(name) || file.functions[fn].constructionOnly)
        .map(([, fn]) => this.fnKey(file, fn));
    // A class each of whose makers keeps its object to itself (FunctionInfo.localInstances: `futils =
    // FernetUtils(repo); futils.rotate_keys()` in a command's `main()`), made by no module-level
    // statement: its methods run only inside those calls, so where they run.
    const localMakers = this.localInstanceMakers();
    const admitKeptMethods = (fp: LeastFixpoint, key: string, file: FileSummary, index: number) => {
      const e = refsTo.get(key);
      if (!e || e.import || e.escape || !this.keptToItsMakers({ file, index }, e.from, localMakers.get(key))) return;
      for (const fn of Object.values(file.classes[index].methods)) if (!file.functions[fn].isStatic && !file.functions[fn].isClassMethod) fp.admit(this.fnKey(file, fn));
    };
    // A class that only runs at import time is only instantiated then: so are its constructors.
    const fixpoint: LeastFixpoint = new LeastFixpoint((key) => {
      const cls = /#c(\d+)$/.exec(key);
      if (!cls) return;
      const file = this.byPath.get(key.slice(0, cls.index))!;
      for (const ctor of constructors(file, Number(cls[1]))) fixpoint.admit(ctor);
      admitKeptMethods(fixpoint, key, file, Number(cls[1]));
    });
    const importOnly = fixpoint.members;
    const admit = (key: string) => fixpoint.admit(key);
    const consider = (key: string, deleted: boolean) => {
      const e = refsTo.get(key);
      if (e?.escape) return;
      if (!e || (!e.import && e.from.length === 0)) {
        // Unreferenced: public API, unless the module deletes it once loaded.
        if (deleted) admit(key);
        return;
      }
      // What tests call runs in the test run: the test callers of what the served code also reaches
      // (`AuditMiddleware(app)` in a test and in the PasteDeploy filter) do not make it run time.
      const served = e.from.filter((k) => !testCallers.has(k));
      fixpoint.wait(key, new Set(served.length > 0 || e.import ? served : e.from));
    };
    for (const file of this.files) {
      file.functions.forEach((fn, i) => {
        if (!fn.nested && (fn.cls < 0 || this.isClassLevel(file, i))) consider(this.fnKey(file, i), fn.cls < 0 && file.deleted.includes(fn.name));
        // A method called only through the one module-level instance of its class, at import time or from start-up code.
        else if (!fn.nested && this.onlyThroughOneInstance(file, fn.cls, instanceMethods.get(this.fnKey(file, i)), escapedInstances)) consider(this.fnKey(file, i), false);
        // A metaclass's `__call__` runs as its classes are called: import time when they all are.
        else if (!fn.nested && fn.name === '__call__' && this.classKind({ file, index: fn.cls }).metaclass) {
          const users = this.metaclassUsers({ file, index: fn.cls });
          if (users.length > 0) fixpoint.wait(this.fnKey(file, i), new Set(users.map((c) => this.clsKey(c.file, c.index))));
        }
      });
      file.classes.forEach((cls, i) => {
        if (!cls.qualname.includes('.')) consider(this.clsKey(file, i), false);
      });
    }
    // A function or class that no served function (outside the tests) names, keeps or hands on.
    const unserved = (key: string): boolean => {
      const e = refsTo.get(key);
      return !e?.escape && !e?.kept && !e?.from.some((k) => !testCallers.has(k));
    };
    // A PasteDeploy factory so: the pipeline calls it (a function that merely takes a `global_conf`
    // first, called from a view, is not one).
    const servedFactory = (file: FileSummary, i: number): boolean => file.functions[i].pasteFactory !== undefined && unserved(this.fnKey(file, i));
    // Start-up roots: Django's `AppConfig.ready()`, Flask's app factory and gunicorn's start-up hooks
    // run once per process (or worker), before requests are served; what only they call does too.
    for (const file of this.files) {
      file.functions.forEach((fn, i) => {
        // A start-up hook decorator registers a function to run once wherever it is defined
        // (`@app.before_first_request` inside `create_app()`).
        if (fn.nested) {
          // (`def filter_factory(global_conf, **conf): def audit_filter(app): return Audit(app, **conf); return audit_filter`:
          // PasteDeploy calls the filter it returns once, with the application.)
          if (fn.startup || (fn.pasteFilter && fn.returnedBy >= 0 && this.options.framework !== 'none' && servedFactory(file, fn.returnedBy))) admit(this.fnKey(file, i));
          return;
        }
        const root = fn.startup || (fn.cls < 0 ? (this.options.framework !== 'none' && (APP_FACTORIES.has(fn.name) || servedFactory(file, i))) || this.isServerStartupHook(file, fn) || this.isPyramidStartup(file, fn) || (this.declaredAppFactory(file, i) && unserved(this.fnKey(file, i))) : this.isStartupHook(file, fn));
        // A start-up hook also handed elsewhere (`add_post("/warm", warm)`) runs later too.
        if (root || (startupRefs.has(this.fnKey(file, i)) && !refsTo.get(this.fnKey(file, i))?.escape)) admit(this.fnKey(file, i));
        // A `setting_changed` receiver nothing else names: it runs only in tests.
        else if (testSignalRefs.has(this.fnKey(file, i))) {
          const e = refsTo.get(this.fnKey(file, i));
          if (!e || (!e.escape && !e.import && !e.kept && e.from.length === 0)) admit(this.fnKey(file, i));
        }
      });
      // Middleware wraps the application once, as it is assembled (Django's `load_middleware()`,
      // `app = CacheMiddleware(app)` in a WSGI module): a middleware class that no served function
      // makes is built at start-up, and so is what its constructor alone makes (beaker's `CacheManager`).
      if (this.options.framework !== 'none') {
        file.classes.forEach((cls, i) => {
          if (cls.qualname.includes('.') || (cls.wsgiMiddleware !== 3 && !cls.takesGetResponse)) return;
          const key = this.clsKey(file, i);
          if (!unserved(key)) return;
          const kind = this.classKind({ file, index: i });
          if (kind.wsgiMiddleware || kind.middleware) admit(key);
        });
      }
    }
    fixpoint.drain();
    // A closure returned by a decorator factory that is import-time only and only ever used as
    // `@factory(...)` (never kept, called from a function or passed around) runs only then too,
    // and so may the functions it alone calls.
    for (const file of this.files) {
      file.functions.forEach((fn, i) => {
        if (fn.returnedBy < 0) return;
        const factory = this.fnKey(file, fn.returnedBy);
        const e = refsTo.get(factory);
        if (e?.decorate && !e.kept && importOnly.has(factory)) admit(this.fnKey(file, i));
      });
    }
    fixpoint.drain();
    this.importOnly = importOnly;
    // Functions called only from start-up code and command-line commands (`manage.py` runs a command
    // in a process of its own): a second least fixpoint over the same references, rooted in both.
    // A class only such code names, and makes (not handed on, nor named at module level): its
    // constructors run there too (a service object a command's `main()` builds).
    const single: LeastFixpoint = new LeastFixpoint((key) => {
      const cls = /#c(\d+)$/.exec(key);
      if (!cls) return;
      const file = this.byPath.get(key.slice(0, cls.index))!;
      for (const ctor of constructors(file, Number(cls[1]))) single.admit(ctor);
      admitKeptMethods(single, key, file, Number(cls[1]));
    });
    for (const [key, e] of refsTo) {
      if (e.escape || e.decorate || e.from.length === 0) continue;
      // (As for import time: a test that calls it too runs in the test run, not on a server's threads.)
      const served = e.from.filter((k) => !testCallers.has(k));
      const from = new Set(served.length > 0 ? served : e.from);
      if (key.includes('#f')) single.wait(key, from);
      // (A class only when each of those functions calls it: not one `main()` hands to a server,
      // `ThreadingHTTPServer(addr, Handler)`, or keeps, `_factory = Handler`.)
      else if (!e.import && !handedOn.has(key) && !throughAttribute.has(key) && [...from].every((k) => this.instantiators.get(key)?.includes(k))) single.wait(key, from);
    }
    // (Known before the command roots are asked for: isCommandCode() reads them.)
    this.callers = new Map([...refsTo].filter(([, e]) => e.from.length > 0).map(([k, e]) => [k, e.from]));
    this.handedOn = new Set([...handedOn, ...throughAttribute]);
    this.threadHanded = threadHanded;
    for (const key of importOnly) single.admit(key);
    // A sub-command nothing else calls or hands on (what else calls one waits on those callers as usual).
    // (The same for a process pool's task: what else calls one runs on its callers' threads.)
    const processTasks = new Set<string>();
    for (const key of [...commandRefs, ...processRefs]) {
      const e = refsTo.get(key);
      if (e && (e.escape || handedOn.has(key) || throughAttribute.has(key) || !e.from.every((k) => testCallers.has(k)))) continue;
      single.admit(key);
      if (processRefs.has(key) && !commandRefs.has(key)) processTasks.add(key);
    }
    this.processTasks = processTasks;
    for (const file of this.files) file.functions.forEach((fn, i) => { if (!fn.nested && (this.isCommandCode(file, i) || this.runsLoopOnMain(file, i))) single.admit(this.fnKey(file, i)); });
    // The wrapper a decorator returns, when the decorator is applied only by console programs' modules as they
    // load, and no function calls or hands it on (trove's `@with_initialize def main(conf)` in each `cmd`
    // module): it runs as those programs do.
    for (const file of this.files) {
      file.functions.forEach((fn, i) => {
        if (!fn.nested || fn.returnedBy < 0) return;
        // (Through a decorator factory's own closure: `def with_initialize(**kw): def apply(f): def run(): ...`,
        // whose `apply` is returned or applied at once, `return apply(f) if f else apply`: the function it is defined in.)
        let outer = fn.returnedBy;
        for (let depth = 0; depth < 3 && outer >= 0 && file.functions[outer].nested; depth++) {
          const inner = file.functions[outer];
          const at = inner.qualname.lastIndexOf('.<locals>.');
          outer = inner.returnedBy >= 0 ? inner.returnedBy : at < 0 ? -1 : file.functions.findIndex((f) => f.qualname === inner.qualname.slice(0, at));
        }
        if (outer < 0 || file.functions[outer].nested) return;
        const factory = this.fnKey(file, outer);
        const e = refsTo.get(factory);
        const users = appliedIn.get(factory);
        if (e !== undefined && !e.escape && e.from.length === 0 && users !== undefined && [...users].every((f) => (scriptModule(f) || commandFolderModule(f)) && !handsOwnFunctionsOn(f))) single.admit(this.fnKey(file, i));
      });
    }
    single.drain();
    this.commandOnly = new Set([...single.members].filter((k) => !importOnly.has(k) && k.includes('#f')));
    this.testOnly = testOnlyOf(testRefs);
    this.fixtureMade = new Set([...fixtureMade].filter((k) => !usedThroughClass.has(k)));
    this.referenced = new Set([...refsTo.keys(), ...testRefs.keys()]);
    this.madeCalledAtRunTime = madeCalledAtRunTime;
  }

  /**
   * The key of method `name` of the class a module-level binding makes an instance of
   * (`limiter = Limiter()`), when its callers can all be seen: a plain method (not a constructor, a
   * class- or static method) that no method of the class calls through `self`. Null otherwise.
   */
  private instanceMethod(file: FileSummary, binding: Binding, name: string): string | null {
    // `s = NNTP(host); s.starttls()` under `if __name__ == "__main__":` is a demo of a class others make too.
    if (CONSTRUCTION_METHODS.has(name) || name.startsWith('__') || file.scriptNames.includes(binding.name)) return null;
    const value = this.valueOf(file, binding);
    if (value.k !== 'instance') return null;
    for (const c of this.lineage(value.cls)) if (c.file.classes[c.index].selfCalls.includes(name)) return null;
    for (const c of this.lineage(value.cls)) {
      const fn = own(c.file.classes[c.index].methods, name);
      if (fn === undefined) continue;
      const info = c.file.functions[fn];
      return info.isClassMethod || info.isStatic || info.isRequest || info.decorated ? null : this.fnKey(c.file, fn);
    }
    return null;
  }

  /**
   * Whether a method's calls all go through `binding` (`path\0name`, from computeRuntimeNow): one
   * module-level instance, bound in the file that defines its class, outside the tests, used in no
   * other way, of a class no scanned code (nor a subclass's) instantiates at run time.
   */
  private onlyThroughOneInstance(file: FileSummary, cls: number, binding: string | undefined, escaped: ReadonlySet<string>): boolean {
    if (!binding || escaped.has(binding) || !binding.startsWith(`${file.path}\0`) || isTestModule(file.module)) return false;
    // Classes made at run time, with every class they inherit from: computed once per pass.
    if (this.madeAtRuntimeLineage === undefined) {
      this.madeAtRuntimeLineage = new Set();
      for (const f of this.files) {
        for (let i = 0; i < f.classes.length; i++) {
          if (!this.instantiatedAtRuntime.has(this.clsKey(f, i))) continue;
          for (const c of this.lineage({ file: f, index: i })) this.madeAtRuntimeLineage.add(this.clsKey(c.file, c.index));
        }
      }
    }
    return !this.madeAtRuntimeLineage.has(this.clsKey(file, cls));
  }

  /** Whether a request handler makes the class, or a scanned subclass of it, as an object it keeps to itself (`PageStats(kind).record()` in a view). */
  private madeByRequestsAlone(cls: ClassRef): boolean {
    this.localMakers ??= this.localInstanceMakers();
    for (const d of this.descendantsOf(cls)) {
      for (const key of this.localMakers.get(this.clsKey(d.file, d.index)) ?? []) if (this.isRequestKey(key)) return true;
    }
    return false;
  }

  private localMakers: Map<string, Set<string>> | undefined;

  /** Class (clsKey) -> the functions (fnKey) that make it as an object they keep to themselves (FunctionInfo.localInstances). */
  private localInstanceMakers(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const file of this.files) {
      file.functions.forEach((fn, i) => {
        for (const chain of fn.localInstances ?? []) {
          const r = this.resolve(chain, file);
          if (r.kind !== 'def' || r.rest.length > 0 || r.binding.value.k !== 'class') continue;
          const key = this.clsKey(r.file, r.binding.value.cls);
          let set = out.get(key);
          if (!set) out.set(key, (set = new Set()));
          set.add(this.fnKey(file, i));
        }
      });
    }
    return out;
  }

  /**
   * Whether every object of the class stays with the function that made it: each function that names
   * the class makes it so (`localMakers`), no scanned class derives from it, every base is a scanned
   * class (or `object`: not a thread, a server or a framework's base that would call its methods), it
   * hands none of its methods to a thread or a pool, and no method hands the object itself on: no
   * `self` named alone (`return self`, `_live.append(self)`, `args=(self,)`) and no method of it named
   * without a call (`app.before_request(self.before)`, `partial(self.fetch, u)`).
   */
  private keptToItsMakers(cls: ClassRef, from: string[], localMakers: Set<string> | undefined): boolean {
    if (localMakers === undefined || from.length === 0 || !from.every((k) => localMakers.has(k))) return false;
    if (this.descendantsOf(cls).length !== 1) return false;
    if (this.hasOutsideBase(cls) || this.threadsOwnMethods(cls)) return false;
    const lineage = [...this.lineage(cls)];
    const methods = new Set(lineage.flatMap((c) => Object.keys(c.file.classes[c.index].methods)));
    for (const c of lineage) {
      const info = c.file.classes[c.index];
      if (info.selfCalls.some((s) => s.startsWith(READ_ATTR) && (s === `${READ_ATTR}*` || methods.has(s.slice(READ_ATTR.length))))) return false;
    }
    return true;
  }

  /**
   * A class- or static method that the class itself never calls through
   * `self`/`cls`: its callers name the class, so the import-time analysis can
   * see them all.
   */
  private isClassLevel(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (info.cls < 0 || !(info.isClassMethod || info.isStatic) || CONSTRUCTION_METHODS.has(info.name)) return false;
    return !file.classes[info.cls].selfCalls.includes(info.name);
  }

  /**
   * Django's `AppConfig.ready()` runs once, while the app registry is populated at startup; so do
   * the hooks a Celery worker calls while it boots (`on_before_init`, `on_after_init`,
   * `on_init_blueprint`, `on_start` of a `WorkController` subclass), before it takes any task, and
   * the `start()` of an oslo.service service (OSLO_SERVICES).
   */
  private isStartupHook(file: FileSummary, fn: FunctionInfo): boolean {
    if (fn.cls < 0) return false;
    if (fn.name === 'ready') return this.classKind({ file, index: fn.cls }).appConfig;
    if (fn.name === 'start') {
      // (Of a service made only by a command's code, `main()` of a `cmd` or `scripts` module or a command
      // function, or at module level; not by a request handler or a helper a view calls, `launch_poller()`.)
      const makers = this.instantiators.get(this.clsKey(file, fn.cls)) ?? [];
      if (makers.some((k) => !this.commandModuleFunction(k))) return false;
      return [...this.lineage({ file, index: fn.cls })].some((c) => c.file.classes[c.index].bases.some((b) => OSLO_SERVICES.has(b)));
    }
    // (A service made by a command's code, or by cotyledon itself from the class given to `add()`.)
    if ((fn.name === 'run' || fn.name === '__init__') && [...this.lineage({ file, index: fn.cls })].some((c) => c.file.classes[c.index].bases.some((b) => COTYLEDON_SERVICES.has(b)))) {
      return (this.instantiators.get(this.clsKey(file, fn.cls)) ?? []).every((k) => this.commandModuleFunction(k));
    }
    if (CELERY_WORKER_HOOKS.has(fn.name) && [...this.lineage({ file, index: fn.cls })].some((c) => c.file.classes[c.index].bases.some((b) => CELERY_WORKERS.has(b)))) return true;
    return this.pluginHook(file, fn);
  }

  /**
   * A private method that runs only as its object is made: one its class calls through `self` only
   * from construction (FunctionInfo.constructionOnly), or an override of one a base class's
   * constructor calls so (`self.common = self._init_common(conf, db)` in the `__init__` of Cinder's
   * `HBSDFCDriver`, `_init_common` defined again by a vendor's subclass), when no class of the
   * family calls it at other times (onlyCalledInSetup()).
   */
  private runsInConstruction(file: FileSummary, fn: FunctionInfo): boolean {
    if (!fn.name.startsWith('_') || fn.name.endsWith('__') || fn.isStatic || fn.isClassMethod) return false;
    const cls = { file, index: fn.cls };
    if (!this.onlyCalledInSetup(cls, fn.name)) return false;
    if (fn.constructionOnly) return true;
    for (const c of this.lineage(cls)) if ((c.file !== file || c.index !== fn.cls) && c.file.classes[c.index].setupCalls.includes(fn.name)) return true;
    return false;
  }

  /**
   * Whether every class of the family (the class, its scanned bases and subclasses) that calls
   * `self.name()` does so only while the object is made (ClassInfo.setupCalls), hands it on nowhere
   * (`Thread(target=self._relogin)`, `cb = self._relogin`) and no code calls it through the class.
   */
  private onlyCalledInSetup(cls: ClassRef, name: string): boolean {
    if (this.refChains().has(`${cls.file.module}.${cls.file.classes[cls.index].qualname}.${name}`)) return false;
    for (const c of [...this.lineage(cls), ...this.descendantsOf(cls)]) {
      const info = c.file.classes[c.index];
      if (info.selfCalls.includes(name) && !info.setupCalls.includes(name)) return false;
      if (info.selfCalls.some((n) => n.endsWith(`:${name}`))) return false;
    }
    return true;
  }

  /** Whether served code names the class as a value other than as a base of a class (keptClasses). */
  private keptElsewhere(cls: ClassRef): boolean {
    const named = this.keptClasses.get(this.clsKey(cls.file, cls.index)) ?? 0;
    if (named === 0) return false;
    if (!this.directSubclassCounts) {
      const counts = new Map<string, number>();
      for (const file of this.files) {
        if (isTestModule(file.module)) continue;
        file.classes.forEach((_, index) => {
          for (const b of this.baseClasses({ file, index })) counts.set(this.clsKey(b.file, b.index), (counts.get(this.clsKey(b.file, b.index)) ?? 0) + 1);
        });
      }
      this.directSubclassCounts = counts;
    }
    return named > (this.directSubclassCounts.get(this.clsKey(cls.file, cls.index)) ?? 0);
  }

  private directSubclassCounts: Map<string, number> | undefined;

  /**
   * A start-up method of an OpenStack plugin (PLUGIN_HOOKS) that the service loads by name: a class
   * no served code makes (a class something makes as it serves, `Plugin()` in a request, is not
   * one loaded once, nor one a `get_instance()` of its own makes; tests aside).
   */
  private pluginHook(file: FileSummary, fn: FunctionInfo): boolean {
    const hooks = this.pluginHooksOf({ file, index: fn.cls });
    if (hooks === null) return false;
    if (hooks.has(fn.name)) {
      // Not a hook the family calls again as it serves (`failover_host()` calling `self.do_setup(ctx)`).
      if (fn.name !== '__init__' && !this.onlyCalledInSetup({ file, index: fn.cls }, fn.name)) return false;
    } else if (!hooks.has('__init__') || !this.runsInConstruction(file, fn)) return false;
    const key = this.clsKey(file, fn.cls);
    // Nor a class kept by name, to be made later (`_DRIVERS = {"foo": FooDriver}`, `_DRIVERS[name](...)` in a request).
    if (this.namedAtImport.has(key) || this.keptElsewhere({ file, index: fn.cls })) return false;
    const makers = this.instantiators.get(key) ?? [];
    return makers.every((k) => this.commandModuleFunction(k));
  }

  /** The set-up hooks of the plugin family the class belongs to (PLUGIN_HOOKS), or null; kept per class. */
  private pluginHooksOf(cls: ClassRef): ReadonlySet<string> | null {
    return perClass(this.pluginHooks, cls, () => {
      for (const c of this.lineage(cls)) {
        const names = [`${c.file.module}.${c.file.classes[c.index].qualname}`, ...c.file.classes[c.index].bases];
        const hooks = PLUGIN_HOOKS.find(([base]) => names.some((n) => base.test(n)))?.[1];
        if (hooks !== undefined) return hooks;
      }
      return null;
    });
  }

  private readonly pluginHooks = new Map<FileSummary, (ReadonlySet<string> | null | undefined)[]>();

  /**
   * A private module-level function (`_clear_cache`) that no code in the scanned files names: not
   * public API, so when it runs at all is unknown (dead code, a test hook, a debugging aid). Not
   * decorated functions (a decorator may register them) nor request handlers.
   */
  private unreferencedPrivate(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    return (
      info !== undefined && info.cls < 0 && !info.nested && info.name.startsWith('_') && !info.name.startsWith('__') &&
      !info.isRequest && !info.decorated && !info.startup && !this.referenced.has(this.fnKey(file, fn)) &&
      // The module's one binding of the name: not also an import (`try: from _warnings import ...`) or another definition.
      !file.functions.some((f, i) => i !== fn && f.cls < 0 && !f.nested && f.name === info.name) &&
      own(file.defs, info.name)?.value.k === 'function'
    );
  }

  /**
   * A module-level function that only test code uses (`reset_caches()` for the test suite). Not
   * decorated functions (a decorator may register them: `@receiver`, `@register.filter`), classes
   * and their methods, nor request handlers: middleware, context processors and backends
   * are named in settings by dotted strings the analysis does not follow, and tests often use
   * them directly, so "only tests reference it" would hide the hazards that matter most. The one
   * exception: the methods of a class a pytest fixture makes, that only test code names and that
   * has no framework role (longLived()).
   */
  private usedOnlyByTests(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (info === undefined || info.nested || info.isRequest || info.decorated) return false;
    if (info.cls < 0) return this.testOnly.has(this.fnKey(file, fn));
    // A private method of a module-level instance that only tests call (`ProviderAPIs._clear_registry_instances()`,
    // "ONLY USED FOR TESTING"): its references are followed through the instance (instanceMethod()).
    if (info.name.startsWith('_') && !info.name.startsWith('__') && this.testOnly.has(this.fnKey(file, fn))) return true;
    // A method of a class only test code names, a pytest fixture among it (pytest-django's `SettingsWrapper`),
    // with no role a framework gives it (not middleware a fixture makes, named in settings by a string).
    const cls = this.clsKey(file, info.cls);
    // (Nor one with a base outside the scanned files: a `logging.Handler` or a cache backend is named in
    // settings by a dotted string too.)
    return this.fixtureMade.has(cls) && this.testOnly.has(cls) && this.longLived({ file, index: info.cls }) === null && !this.hasOutsideBase({ file, index: info.cls });
  }

  /**
   * Whether a function may run on many threads: everything but import-time-only
   * functions and startup hooks (Django's AppConfig.ready()); closures and
   * methods included, as are functions with a run-time or value reference.
   */
  isRuntime(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (!info || this.importOnly.has(this.fnKey(file, fn))) return false;
    if (this.isServerStartupHook(file, info)) return false;
    if (info.nested || info.cls < 0) return true;
    return !this.isStartupHook(file, info) && !this.readyOnlyHook(file, info) && !this.runsAtClassCreation(file, info);
  }

  /** The server hooks of a gunicorn configuration file that run before a worker serves requests. */
  private isServerStartupHook(file: FileSummary, fn: FunctionInfo): boolean {
    return fn.cls < 0 && !fn.nested && GUNICORN_STARTUP_HOOKS.has(fn.name) && /(^|[\\/])gunicorn[._]conf(ig)?\.py$/.test(file.path);
  }

  /**
   * A decorated method (`@view_config`) of a class whose constructor takes the request
   * (`__init__(self, request)`, or `(self, context, request)`): Pyramid's class-based view, made
   * for each request, the method called to serve it.
   */
  private isPyramidViewMethod(file: FileSummary, fn: FunctionInfo): boolean {
    if (fn.cls < 0 || !fn.decorated || CONSTRUCTION_METHODS.has(fn.name)) return false;
    // The constructor may be a base class's (`class Orders(BaseView)`).
    for (const c of this.lineage({ file, index: fn.cls })) {
      const init = own(c.file.classes[c.index].methods, '__init__');
      if (init !== undefined) return c.file.functions[init].isRequest && this.frameworksOf(file).has('pyramid');
    }
    return false;
  }

  /**
   * Pyramid's start-up: the PasteDeploy application factory `main(global_config, **settings)`
   * (what `pserve` calls once) and the `includeme(config)` functions `config.include()` runs while
   * the application is configured, in a package that imports Pyramid.
   */
  private isPyramidStartup(file: FileSummary, fn: FunctionInfo): boolean {
    if (fn.cls >= 0 || fn.nested || fn.decorated || fn.isRequest || this.options.framework !== 'auto') return false;
    return (fn.name === 'main' || fn.name === 'includeme' || fn.tweenFactory) && this.frameworksOf(file).has('pyramid');
  }

  /** `__init_subclass__`, `__set_name__`, and a metaclass's `__new__`/`__init__`: they run when a class statement runs. */
  private runsAtClassCreation(file: FileSummary, fn: FunctionInfo): boolean {
    if (CLASS_CREATION_METHODS.has(fn.name)) return true;
    // (Not a metaclass a served function calls: `TenantModelBase(name, bases, attrs)` in a view makes a class per request.)
    return (fn.name === '__new__' || fn.name === '__init__' || fn.name === '__prepare__') && this.classKind({ file, index: fn.cls }).metaclass && !this.instantiatedAtRuntime.has(this.clsKey(file, fn.cls));
  }

  // ---------------------------------------------------------------- findings

  /** Findings in every file, or only in the files of `only` (paths). */
  findings(enabled: ReadonlySet<string>, only?: ReadonlySet<string>): Finding[] {
    const out: Finding[] = [];
    // One finding per place and rule: several writes under one test make one TL005. The most severe
    // of them stands (an unlocked write after an early exit, beside a locked one).
    // Also one per line, rule and shared object: `q[k] = q.pop(old)` changes `q` twice in one statement.
    const seen = new Map<string, number>();
    const emit = (f: Finding) => {
      if (!enabled.has(f.code)) return;
      const key = `${f.path}\u0000${f.code}\u0000${f.range.start.line}:${f.range.start.character}`;
      // (The object: where it is defined, and what the message names first, `self.retry` of an instance, not the instance alone.)
      const def = f.related[0];
      const subject = def !== undefined && MERGED_PER_STATEMENT.has(f.code) ? SUBJECT.exec(f.message)?.[1] : undefined;
      const sameObject = def !== undefined && subject !== undefined ? `${f.path}\u0000${f.code}\u0000${f.range.start.line}\u0000${def.path}:${def.range.start.line}:${def.range.start.character}\u0000${subject}` : undefined;
      const at = seen.get(key) ?? (sameObject !== undefined ? seen.get(sameObject) : undefined);
      if (at === undefined) {
        seen.set(key, out.length);
        if (sameObject !== undefined) seen.set(sameObject, out.length);
        out.push(f);
      } else if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[out[at].severity] || (SEVERITY_RANK[f.severity] === SEVERITY_RANK[out[at].severity] && f.range.start.character < out[at].range.start.character)) {
        // (The more severe, else the one that starts the line: the statement, not a call inside it.)
        out[at] = f;
      }
    };
    for (const file of this.files) {
      if (only && !only.has(file.path)) continue;
      // Test suites and `python -m` entry points rarely run on many threads: say it, but quietly.
      const quiet =
        isTestModule(file.module) ? 'test code'
        : isManagementCommand(file) ? 'a Django management command, run by manage.py in its own process'
        : file.module.endsWith('__main__') ? 'a script entry point'
        : isExampleModule(file.module) && !this.importedFromOutside(file.module) ? 'example code shipped with the package'
        : '';
      // A management command or script whose code hands a function to threads of its own (`pool.map(self.index_one, pks)`):
      // those threads race in its one process all the same.
      const ownThreads = quiet !== '' && (isManagementCommand(file) || file.module.endsWith('__main__'));
      const emitFile = (f: Finding, fn = -1) => {
        if (quiet && (f.severity === 'warning' || f.severity === 'error') && !(ownThreads && fn >= 0 && this.onOwnThreads(file, fn))) {
          f.severity = 'information';
          f.message += ` (${quiet}: reported as information)`;
        } else if (quiet && f.severity === 'information' && !f.message.includes('reported as information') && !(ownThreads && fn >= 0 && this.onOwnThreads(file, fn))) {
          // (Information for its own reason, which its message does not give: say where it is all the same.)
          f.message += ` (${quiet}: reported as information)`;
        }
        emit(f);
      };
      for (const local of file.local) {
        if (local.code !== 'TL010' && !this.isRuntime(file, local.fn)) continue;
        // Made under `with exclusive(...):` of an imported helper: no finding if that helper holds a lock.
        if (local.unlessHeld?.some((k) => this.importedHelperHolds(file, k))) continue;
        // A closure variable is shared by the closure's calls only when its maker ran once, at import time.
        // (Or a Django middleware factory, which Django calls once per process: LocalFinding.perProcess.)
        // (Not a factory some code of the scanned files calls itself, a view's `wrap(get_response)`: each call makes its own.)
        if (local.sharedBy !== undefined && (!local.perProcess || this.calledDirectly().has(this.fnKey(file, local.sharedBy))) && this.isRuntime(file, local.sharedBy)) continue;
        // A default every call in its file passes, of a function no other file names: never used.
        const unused = local.defaultPassed === true && !this.namedElsewhere.has(this.fnKey(file, local.fn)) && !this.handedOn.has(this.fnKey(file, local.fn));
        const finding: Finding = {
          code: local.code,
          rule: ruleByCode(local.code).name,
          severity: unused ? 'information' : (local.severity ?? ruleByCode(local.code).severity),
          message: unused ? `${local.message.replace(/\.$/, '')} (every call of \`${file.functions[local.fn].name}\` in its file passes it, and no other file names the function: the default is never used, so this is reported as information).` : local.message,
          path: file.path,
          range: toRange(local.span),
          related: local.related.map((r) => ({ path: file.path, range: toRange(r.span), message: r.message })),
        };
        this.onEventLoopNote(file, finding, local.fn, undefined);
        emitFile(finding);
      }
      // pyplot: one finding per function (its first call), not one for every call of the same global state.
      const pyplotIn = new Set<number>();
      const patchedIn = new Set<string>();
      // One process-wide change and its undoing per function and state: `original = os.umask(0)`,
      // `os.umask(original | 0o77)`, `finally: os.umask(original)` is one change of the mask for the
      // length of a call (at its first call, naming the others).
      const changedIn = new Map<string, { finding: Finding; severity: Severity }>();
      // One rebinding of a global per function (TL001): `_url = choice(urls)` in one branch and `_url = urls`
      // in the other are one finding, at the first, naming the others (the fix rewrites every use anyway).
      const reboundIn = new Map<string, { finding: Finding; severity: Severity }>();
      // Adds `finding` to the first of its kind under `key` as a related location (true), or, when `stands`,
      // makes it that first (false). Severities are compared as judged, before a test file's or command's
      // quieting (emitFile()) changes the first one's.
      const joinFirst = (map: Map<string, { finding: Finding; severity: Severity }>, key: string, finding: Finding, note: string, stands: boolean): boolean => {
        const first = map.get(key);
        if (first !== undefined && first.severity === finding.severity) {
          first.finding.related.push({ path: file.path, range: finding.range, message: note });
          return true;
        }
        if (first === undefined && stands) map.set(key, { finding, severity: finding.severity });
        return false;
      };
      for (const access of file.accesses) {
        if (!this.isRuntime(file, access.fn)) continue;
        if (access.op === 'call' && access.target.t === 'chain' && access.target.chain.startsWith('matplotlib.pyplot.') && processWideCall(access.target.chain) !== undefined) {
          if (pyplotIn.has(access.fn)) continue;
          // A call whose line carries a suppression comment does not stand for the others.
          if (own(file.pragmas.lines, String(access.span[0])) === undefined) pyplotIn.add(access.fn);
        }
        // Patching a module (`socket.socket = fake; socket.create_connection = fake_connect; ...`): one finding per
        // function and module, at the first assignment, naming the others.
        const patched = access.op === 'attr-store' && access.target.t === 'chain' && processWideData(access.target.chain) === undefined ? patchedModule(access.target.chain) : undefined;
        if (patched !== undefined) {
          const key = `${access.fn}\0${patched}`;
          if (patchedIn.has(key)) continue;
          if (own(file.pragmas.lines, String(access.span[0])) === undefined) patchedIn.add(key);
        }
        const judged = this.withImportedHelpers(file, access);
        const finding = this.judge(file, judged) ?? this.judgeUnderInstanceLock(file, judged) ?? this.judgeUnderCallersLock(file, judged) ?? this.judgeUnderOtherLocks(file, judged);
        if (!finding) continue;
        this.onEventLoopNote(file, finding, access.fn, access.awaited ?? false, access);
        const why = quiet ? '' : this.demotion(file, access);
        if (why && (finding.severity === 'warning' || finding.severity === 'error')) {
          finding.severity = 'information';
          finding.message += ` (${why}: reported as information)`;
        }
        // (Only for a change the function undoes itself (changedTwice()): `logging.getLogger().setLevel(...)` and
        // `logging.getLogger("app").setLevel(...)` change two loggers.)
        if (finding.code === 'TL009' && access.op === 'call' && access.target.t === 'chain' && !RESTORING_CONTEXT_MANAGERS.has(access.target.chain) && this.changedTwice(file, access)) {
          // (A call whose line carries a suppression comment does not stand for the others.)
          const note = `\`${access.target.chain.slice(access.target.chain.lastIndexOf('.') + 1)}()\` is called here too, in the same function`;
          if (enabled.has('TL009') && joinFirst(changedIn, `${access.fn}\0${access.target.chain}`, finding, note, own(file.pragmas.lines, String(access.span[0])) === undefined)) continue;
        }
        // (A rebinding whose line carries a suppression comment stays apart, where that comment applies.)
        if (finding.code === 'TL001' && access.op === 'rebind' && access.target.t === 'chain' && enabled.has('TL001') && own(file.pragmas.lines, String(access.span[0])) === undefined) {
          const note = `\`${SUBJECT.exec(finding.message)?.[1] ?? access.target.chain}\` is rebound here too, in the same function`;
          if (joinFirst(reboundIn, `${access.fn}\0${access.target.chain}`, finding, note, true)) continue;
        }
        emitFile(finding, access.fn);
      }
    }
    return out;
  }

  /**
   * Why a finding on `access` is only information though its rule would warn: code that runs in the
   * test run, a command's process, on one thread only, or not at all ('' when none of these holds).
   */
  private demotion(file: FileSummary, access: Access): string {
    return this.usedOnlyByTests(file, access.fn) ? 'used only by test code'
      : file.functions[access.fn]?.pytestCallable ? 'a pytest fixture or plugin hook, which only test runs call'
      : this.isTestSupport(file, access.fn) ? 'a method of a test case, test fixture or test runner, which test runs use'
      : this.isCommandCode(file, access.fn) ? 'a command-line command, run in a process of its own'
      : this.processTasks.has(this.fnKey(file, access.fn)) ? 'a process pool\'s task: each worker process runs one task at a time, on its own copy of the module'
      : this.runsLoopOnMain(file, access.fn) ? 'it runs an event loop for good (`reactor.run()`, `react()`, `run_forever()`), as a process does once, on its main thread'
      : file.functions[access.fn]?.celeryTask && !this.calledDirectly().has(this.fnKey(file, access.fn)) ? 'a Celery task: a worker runs it in its pool, separate processes by default (prefork), not on the web server\'s threads'
      : this.commandOnly.has(this.fnKey(file, access.fn)) ? 'called only from start-up code, command-line commands or process pools\' tasks'
      // (Not `X.clear()`: until the thread fills it again, request threads reading `X` find it empty;
      // the same for a signal handler, which runs on the main thread while request threads read.)
      : file.functions[access.fn]?.mainThreadOnly && !(file.functions[access.fn].installedHandler && (this.namedElsewhere.has(this.fnKey(file, access.fn)) || this.clearsWhatOthersRead(file, access))) ? MAIN_THREAD_ONLY_NOTE
      // (Not `X.clear()` of what request threads read, as for signal handlers: they find it empty meanwhile.)
      : access.oneThread === 'signal' && !this.clearsWhatOthersRead(file, access) && !this.writtenByOthers(file, access) ? SIGNAL_GUARD_NOTE
      : access.oneThread === 'child' ? 'only the child process made by `os.fork()` runs this, where the forking thread is the only thread'
      : access.oneThread === 'main' && !this.clearsWhatOthersRead(file, access) && !this.writtenByOthers(file, access) ? 'only the main thread runs this: the test before it asks for the main thread'
      : file.functions[access.fn]?.oneThread && !this.namedElsewhere.has(this.fnKey(file, access.fn)) && !this.clearsWhatOthersRead(file, access) ? 'it runs only on the one thread the module starts for it'
      : this.startedOnce(file, access.fn) && !this.namedElsewhere.has(this.fnKey(file, access.fn)) && !this.clearsWhatOthersRead(file, access) ? `it runs only on the one thread \`${file.functions[this.startedOnce(file, access.fn)!]?.name}()\` starts for it, once, as the process starts`
      : this.unreferencedPrivate(file, access.fn) ? 'a private function nothing in the scanned files calls'
      : '';
  }

  /**
   * For a function a thread runs that a function of its file starts once (FileSummary.threadStarts):
   * that starter, when it runs once per process (start-up code only: an app factory, `AppConfig.ready()`,
   * what only they call, or import time). Undefined otherwise.
   */
  private startedOnce(file: FileSummary, fn: number): number | undefined {
    if (file.threadStarts === undefined || fn < 0) return undefined;
    for (const [starter, target] of file.threadStarts) {
      if (target !== fn) continue;
      const key = this.fnKey(file, starter);
      const info = file.functions[starter];
      if (info !== undefined && (this.importOnly.has(key) || (this.commandOnly.has(key) && !this.isCommandCode(file, starter)) || this.isStartupHook(file, info))) return starter;
    }
    return undefined;
  }

  /**
   * The access with its imported lock helpers (`with exclusive("prices"):`, collect.ts
   * importedHelper()) kept when the function holds or returns a lock (FunctionInfo.holds) and
   * dropped otherwise. A new object: summaries are shared between passes.
   */
  private withImportedHelpers(file: FileSummary, a: Access): Access {
    if (!a.held.some((k) => k.startsWith(IMPORTED_HELPER_KEY))) return a;
    return { ...a, held: a.held.filter((k) => !k.startsWith(IMPORTED_HELPER_KEY) || this.importedHelperHolds(file, k)) };
  }

  /** Whether the imported helper a held-lock placeholder names (`import:corelib.sync.exclusive[k]`) holds or returns a lock. */
  private importedHelperHolds(file: FileSummary, key: string): boolean {
    // `with db_guard:` where another module makes `db_guard = threading.Lock()` (collect.ts importedLock()).
    if (key.endsWith(IMPORTED_LOCK_VALUE)) {
      const chain = key.slice(IMPORTED_HELPER_KEY.length, -IMPORTED_LOCK_VALUE.length);
      // Where the scanned files do not show what it is (another package's object, an attribute of one): its name says.
      const named = LOCK_NAME.test(chain.slice(chain.lastIndexOf('.') + 1));
      const r = this.resolve(chain, file);
      // `with Sync.guard:` on a class of that module: the class attribute.
      const attr = r.kind === 'def' && r.rest.length === 1 && r.binding.value.k === 'class' ? own(r.file.classes[r.binding.value.cls]?.attrs, r.rest[0]) : undefined;
      if (attr !== undefined && r.kind === 'def') return this.valueOf(r.file, attr).k === 'lock';
      if (r.kind !== 'def' || r.rest.length > 0) return named;
      return heldAsLock(this.valueOf(r.file, r.binding), named);
    }
    const named = key.indexOf(NAMED_LOCK_CALL);
    if (named >= 0) {
      const r = this.resolve(key.slice(IMPORTED_HELPER_KEY.length, named), file);
      if (r.kind !== 'def' || r.rest.length > 0) return false;
      const v = r.binding.value;
      return v.k === 'call' && NAMED_LOCK_FACTORIES.has(v.callee) || (v.k === 'import' && NAMED_LOCK_FACTORIES.has(v.target));
    }
    const open = key.indexOf('[');
    const r = this.resolve(key.slice(IMPORTED_HELPER_KEY.length, open >= 0 ? open : key.length), file);
    if (r.kind !== 'def' || r.rest.length > 0 || r.binding.value.k !== 'function') return false;
    const holds = r.file.functions[r.binding.value.fn].holds;
    // `import:m.lock_for[sku]!`: the write does not name the key, and the helper's lock is one per key.
    if (key.endsWith(UNNAMED_KEY) && holds.endsWith(KEYED_HELPER)) return false;
    if (holds === '' || holds === '-') return false;
    // A plain module-level name (`def get_conn(): return _conn`, `with _conn: yield`): only a lock of
    // that file, or a name that says it is one, holds anything (a connection's `with` is a transaction).
    if (/^\w+$/.test(holds)) {
      const held = own(r.file.defs, holds);
      if (held === undefined) return LOCK_NAME.test(holds);
      return heldAsLock(this.valueOf(r.file, held), LOCK_NAME.test(holds));
    }
    return true;
  }

  /**
   * The once-flag a rebinding sits behind: a global that a test around it tests (Access.guard), which
   * the same function stores earlier under that test (`if loaded: return` then `loaded = True`), and no
   * other write of the rebound global anywhere in the scanned files. Null otherwise.
   */
  private behindOnceFlag(file: FileSummary, a: Access): { chain: string; span: Span } | null {
    if (a.check !== undefined || a.guard === undefined || a.target.t !== 'chain' || a.fn < 0) return null;
    const target = a.target.chain;
    const flag = file.accesses.find(
      (x) => x.fn === a.fn && x.op === 'rebind' && x.check !== undefined && x.target.t === 'chain' && x.target.chain === a.guard && x.target.chain !== target && (x.span[0] < a.span[0] || (x.span[0] === a.span[0] && x.span[1] < a.span[1])),
    );
    if (flag === undefined || flag.target.t !== 'chain') return null;
    const key = this.defKey(target, file, a.op);
    const flagKey = this.defKey(flag.target.chain, file, flag.op);
    if (key === null || flagKey === null) return null;
    // No other write of the global; and no other write of the flag (not put back by a `finally:`, a
    // `reload()` or a `disable()`: then it guards no once-only work). (Tests that set the flag back
    // to load again, `version.loaded = False`, are not the server.)
    const writes = this.writesByDef();
    const served = (w: { file: FileSummary }) => w.file === file || !isTestModule(w.file.module);
    if ((writes.get(key) ?? []).some((w) => served(w) && w.access !== a && (w.file !== file || w.access.fn !== a.fn || w.access.fn < 0))) return null;
    if ((writes.get(flagKey) ?? []).some((w) => served(w) && w.access !== flag)) return null;
    return { chain: flag.target.chain.slice(flag.target.chain.lastIndexOf('.') + 1), span: flag.span };
  }

  /**
   * CONSTANT_ENTRY_NOTE for `DIALECT_MAP["v1"] = "ikev1"` (Access.detail CONSTANT_ENTRY) when every write
   * of that container in the scanned files stores a constant under a constant key, one value per key:
   * after the first, racing threads store what is already there. Empty otherwise.
   */
  private constantEntryNote(file: FileSummary, a: Access): string {
    if (a.op !== 'setitem' || !a.detail?.startsWith(CONSTANT_ENTRY)) return '';
    if (!this.constantContainers) {
      const entries = new Map<string, Map<string, string> | null>();
      for (const f of this.files) {
        for (const x of f.accesses) {
          if (!IDEMPOTENT_WRITE_OPS.has(x.op)) continue;
          const id = this.writtenContainer(f, x);
          if (id === null || entries.get(id) === null) continue;
          const entry = x.op === 'setitem' && x.detail?.startsWith(CONSTANT_ENTRY) ? x.detail.slice(CONSTANT_ENTRY.length) : null;
          const eq = entry === null ? -1 : entry.indexOf('=');
          const known = entries.get(id) ?? new Map<string, string>();
          if (entry === null || (known.has(entry.slice(0, eq)) && known.get(entry.slice(0, eq)) !== entry.slice(eq + 1))) entries.set(id, null);
          else entries.set(id, known.set(entry.slice(0, eq), entry.slice(eq + 1)));
        }
      }
      this.constantContainers = new Set([...entries].filter(([, v]) => v !== null).map(([k]) => k));
    }
    const id = this.writtenContainer(file, a);
    return id !== null && this.constantContainers.has(id) ? CONSTANT_ENTRY_NOTE : '';
  }

  private constantContainers: Set<string> | undefined;

  /**
   * What a write changes, for constantEntryNote(): a module-level definition, or the class attribute
   * the class that defines it holds (`self.MAP`, `cls.MAP` and `Base.MAP` in a subclass are one).
   */
  private writtenContainer(file: FileSummary, a: Access): string | null {
    const classAttr = (cls: ClassRef, attr: string) => {
      const found = this.classAttr(cls, attr);
      return found ? `${classKey(found.cls)}.${attr}` : `${classKey(cls)}.${attr}`;
    };
    if (a.target.t === 'self') return classAttr({ file, index: a.target.cls }, a.target.attr);
    const r = this.writeTarget(a.target.chain, file, a.op);
    if (r.kind === 'def' && r.rest.length === 1 && r.binding.value.k === 'class') return classAttr({ file: r.file, index: r.binding.value.cls }, r.rest[0]);
    return this.defKey(a.target.chain, file, a.op);
  }

  /** The module-level definition `chain` names from `file`, as a key for idempotentWrites(). */
  private defKey(chain: string, file: FileSummary, op: Access['op']): string | null {
    // A rebinding is of the name itself (see judge); other writes go through aliases to the object.
    const r = this.writeTarget(chain, file, op);
    if (r.kind !== 'def') return null;
    // (Data kept on a module-level function, `rate.cache`, is one object like a global: judge()).
    if (r.rest.length === 1 && keptOnFunction(r.file, r.binding)) return `${r.file.path}\0${r.binding.name}.${r.rest[0]}`;
    return r.rest.length === 0 ? `${r.file.path}\0${r.binding.name}` : null;
  }

  /**
   * What a write of `chain` changes. Rebinding a name changes that name, not what it was copied from
   * (`_enabled = conf.enabled` at module level, then `global _enabled; _enabled = False`, leaves `conf`
   * alone); so does storing a module's global through the module (`pkg._WEEK_ENDS_AT = wday` after
   * `_WEEK_ENDS_AT = SUNDAY` there rebinds `_WEEK_ENDS_AT`, not `SUNDAY`). Other writes go through
   * aliases to the object.
   */
  private writeTarget(chain: string, file: FileSummary, op: Access['op']): Resolved {
    if (op === 'rebind') return this.resolveNow(chain, file, MAX_ALIAS_DEPTH);
    if (op === 'attr-store') {
      const named = this.resolveNow(chain, file, MAX_ALIAS_DEPTH);
      if (named.kind === 'def' && named.rest.length === 0 && named.binding.value.k === 'ref') return named;
    }
    return this.resolve(chain, file);
  }

  /**
   * Per module-level definition written at run time (rebound, or the object it holds changed):
   * the one idempotent write made of it (the same `re.compile(...)` of constants, the same value
   * computed from constants alone, the same entry computed from its key), or null once any
   * other write is seen. A definition never written at run time has no entry.
   */
  private idempotentWrites(): Map<string, string | null> {
    if (!this.idempotentOnly) {
      const only = new Map<string, string | null>();
      for (const [key, writes] of this.writesByDef()) {
        let seen: string | null | undefined;
        for (const { file, access: a } of writes) {
          // (A test resetting it, `log.failed = False` between tests, runs in the test run.)
          if (isTestModule(file.module)) continue;
          // (`log.failed = True` from another module: an attribute store of the global, with the literal it stores.)
          const value = (a.op === 'rebind' || a.op === 'setitem' || a.op === 'attr-store') && a.detail?.startsWith(IDEMPOTENT_VALUE) ? a.detail : null;
          seen = seen === undefined ? value : seen === value ? seen : null;
        }
        only.set(key, seen!);
      }
      this.idempotentOnly = only;
    }
    return this.idempotentOnly;
  }

  /** Module-level definition (defKey()) -> the writes that change it (IDEMPOTENT_WRITE_OPS, through a chain), in every file (built on first use). */
  private writesByDef(): Map<string, { file: FileSummary; access: Access }[]> {
    if (!this.defWrites) {
      const out = new Map<string, { file: FileSummary; access: Access }[]>();
      for (const file of this.files) {
        for (const access of file.accesses) {
          if (access.target.t !== 'chain' || !IDEMPOTENT_WRITE_OPS.has(access.op)) continue;
          const key = this.defKey(access.target.chain, file, access.op);
          if (key === null) continue;
          let list = out.get(key);
          if (!list) out.set(key, (list = []));
          list.push({ file, access });
        }
      }
      this.defWrites = out;
    }
    return this.defWrites;
  }

  private defWrites: Map<string, { file: FileSummary; access: Access }[]> | undefined;

  /** Whether code outside the tests changes the object the global that `a` rebinds holds in place (an item store, `del`, a mutating method, `+=`). */
  private changedInPlace(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain') return true;
    const key = this.defKey(a.target.chain, file, a.op);
    if (key === null) return true;
    return (this.writesByDef().get(key) ?? []).some(({ file: f, access: w }) =>
      !isTestModule(f.module) && (w.op === 'setitem' || w.op === 'delitem' || w.op === 'augassign' || (w.op === 'mutate' && w.detail !== 'copy') || (w.op === 'rmw' && w.detail === 'item')));
  }

  /**
   * idempotentStored() for a container on the class reached through `self` (`self._compiled[p] =
   * re.compile(p)` on a class-level dict): when every write of that attribute in the file stores the
   * same, and what a value computed from its key reads is a builtin or an immutable module-level name.
   */
  private idempotentSelfStored(file: FileSummary, a: Access): { value: string; result: string } | undefined {
    if (a.target.t !== 'self' || !a.detail?.startsWith(IDEMPOTENT_VALUE) || idempotentKind(a.detail) === LITERAL_VALUE) return undefined;
    const target = a.target;
    for (const x of file.accesses) {
      if (x === a || x.target.t !== 'self' || x.target.cls !== target.cls || x.target.attr !== target.attr || !IDEMPOTENT_WRITE_OPS.has(x.op)) continue;
      if (x.detail !== a.detail) return undefined;
    }
    return this.readsOnlyConstants(file, a.detail) ? idempotentValue(a.detail) : undefined;
  }

  /**
   * For a value computed from constants (PURE_VALUE, PURE_KEYED), whether every module-level name it
   * reads is a literal never written at run time and every other name it reads is a pure builtin; true
   * for any other kind of idempotent value.
   */
  private readsOnlyConstants(file: FileSummary, detail: string): boolean {
    const kind = idempotentKind(detail);
    if (kind !== PURE_VALUE && kind !== PURE_KEYED) return true;
    for (const name of pureNames(detail)) {
      const def = own(file.defs, name);
      if (def ? def.value.k !== 'immutable' || this.idempotentWrites().has(`${file.path}\0${name}`) : !PURE_BUILTINS.has(name) && !PURE_CLASSES.has(name)) return false;
    }
    return true;
  }

  /**
   * What the idempotent write `a` (detail IDEMPOTENT_VALUE) stores, when every run-time write of
   * its target stores the same and, for a value computed from constants, every module-level name
   * it reads is a literal never written at run time and every other name it reads is the builtin.
   */
  private idempotentStored(file: FileSummary, a: Access): { value: string; result: string } | undefined {
    if (!a.detail?.startsWith(IDEMPOTENT_VALUE) || a.target.t !== 'chain') return undefined;
    const key = this.defKey(a.target.chain, file, a.op);
    if (key === null || this.idempotentWrites().get(key) !== a.detail) return undefined;
    const kind = idempotentKind(a.detail);
    // Under a test of the name, what the test guards matters more than the literal stored (`if not _ready: setup(); _ready = True`).
    if (kind === LITERAL_VALUE && a.check) return undefined;
    if (!this.readsOnlyConstants(file, a.detail)) return undefined;
    return idempotentValue(a.detail);
  }

  /**
   * A write of state shared by every instance (a class attribute, a module
   * global) made while only `self._lock`-style locks are held, each created
   * per instance: two instances hold two different locks and still race. Judged
   * as if no lock were held, as information (with a single instance the lock
   * would do), naming the lock.
   */
  private judgeUnderInstanceLock(file: FileSummary, a: Access): Finding | null {
    const lock = this.perInstanceLock(file, a);
    if (!lock) return null;
    const f = this.judge(file, { ...a, held: [] });
    if (!f || !SHARED_STATE_RULES.has(f.code)) return null;
    const cls = file.classes[lock.cls];
    // A class-based view gets a new instance for every request, as does a class a request handler makes
    // (`PageStats(kind).record()` in a view): its own lock never excludes another request.
    // (An object the handler keeps to itself, FunctionInfo.localInstances: not one it makes once and keeps globally.)
    const perRequest = this.classKind({ file, index: lock.cls }).view || this.madeByRequestsAlone({ file, index: lock.cls });
    return {
      ...f,
      severity: perRequest ? f.severity : 'information',
      message: `${f.message.replace(/ without a lock(?=[.,;( ])/, '')} \`self.${lock.attr}\` is held, but it is one lock per \`${cls.qualname}\` instance, ${perRequest ? 'and each request gets a new instance, so it excludes nothing' : 'so two instances do not exclude each other'}.`,
      related: [...f.related, { path: file.path, range: toRange(lock.span), message: `\`self.${lock.attr}\` is created per instance` }],
    };
  }

  /**
   * A read-modify-write of a module global under one module-level lock of its file while another
   * function of the file changes it under another (`with _a: COUNT += 1` in `f()`, `with _b: COUNT += 1`
   * in `g()`): two locks do not exclude each other, so the update races as if none were held. Only
   * module-level functions that no function of the file calls (a helper may run under its caller's lock
   * too), only when every run-time change of the global in the file holds locks the file makes itself
   * (moduleLockOf(): an unguarded change is reported on its own), and only against a change that could
   * run beside this one (a warning were it unguarded, not demoted).
   */
  private judgeUnderOtherLocks(file: FileSummary, a: Access): Finding | null {
    // (A read-modify-write of the global itself, `HITS += 1`: not one entry of it, `STATS["hits"] += 1`, which
    // another lock's `STATS["misses"] += 1` does not touch, nor a single in-place change, which is atomic.)
    if (a.held.length === 0 || a.target.t !== 'chain' || !(a.op === 'augassign' || a.op === 'rmw') || a.detail === 'item') return null;
    if (!a.held.every((k) => this.moduleLockOf(file, k))) return null;
    // Module-level functions only (a method or a closure may run under a lock its caller holds).
    const plain = (fn: number) => file.functions[fn] !== undefined && file.functions[fn].cls < 0 && !file.functions[fn].nested;
    if (!plain(a.fn)) return null;
    const key = this.defKey(a.target.chain, file, a.op);
    if (key === null) return null;
    const changes = (this.writesByDef().get(key) ?? []).filter((w) => w.file === file && this.isRuntime(file, w.access.fn)).map((w) => w.access);
    if (changes.some((x) => x.held.length === 0 || !x.held.every((k) => this.moduleLockOf(file, k)))) return null;
    // (Not a helper another function of the file calls, which may hold its caller's lock too: `move()` holding
    // `_a` around `_take_b()`, which takes `_b`.)
    const calledHere = (fn: number) => (this.callers.get(this.fnKey(file, fn)) ?? []).some((k) => k.startsWith(`${file.path}#`));
    if (calledHere(a.fn)) return null;
    // (The other change a warning were it unguarded: not one in a command-line command, a fork's child, or
    // a private function nothing calls, which cannot run beside this one.)
    const other = changes.find(
      (x) => x.fn !== a.fn && x.op !== 'attr-store' && plain(x.fn) && !calledHere(x.fn) && x.held.every((k) => !a.held.includes(k)) &&
        this.judge(file, { ...x, held: [] })?.severity === 'warning' && this.demotion(file, x) === '',
    );
    if (other === undefined) return null;
    const f = this.judge(file, { ...a, held: [] });
    if (!f || !SHARED_STATE_RULES.has(f.code) || f.severity !== 'warning') return null;
    const names = (held: string[]) => [...new Set(held)].map((k) => `\`${k}\``).join(', ');
    return {
      ...f,
      message: `${f.message.replace(/ without a lock(?=[.,;( ])/, '').replace(/\.$/, '')} (${names(a.held)} ${new Set(a.held).size > 1 ? 'are' : 'is'} held here, but \`${file.functions[other.fn]?.name ?? '?'}\` changes it under ${names(other.held)}: two different locks do not exclude each other; guard every change of it with the same lock).`,
      related: [...f.related, { path: file.path, range: toRange(other.span), message: `changed here under ${names(other.held)}` }],
    };
  }

  /**
   * Whether held-lock key `k` names a plain lock the file itself makes at module level
   * (`_a = threading.Lock()`, `RLock()`), in a file that makes no `Condition`, which may wrap one of them
   * (`_cv = threading.Condition(_a)` is `_a` under another name).
   */
  private moduleLockOf(file: FileSummary, k: string): boolean {
    if (!/^\w+$/.test(k)) return false;
    const def = own(file.defs, k);
    // (Bound by a statement of its own at the left margin: not in an `if` arm that may make it another
    // name for a lock, nor a chained `_a = _b = threading.Lock()`, one object under two names.)
    if (def === undefined || def.value.k !== 'lock' || def.span[1] !== 0 || !/^(threading|_thread|multiprocessing)\.(Lock|RLock|allocate_lock)$/.test(def.value.factory)) return false;
    let conditions = this.conditionFiles.get(file);
    if (conditions === undefined) {
      conditions = Object.values(file.defs).some((d) => d.value.k === 'lock' && /Condition$/.test(d.value.factory));
      this.conditionFiles.set(file, conditions);
    }
    return !conditions;
  }

  private readonly conditionFiles = new WeakMap<FileSummary, boolean>();

  /**
   * A change in a public function whose every call in its file holds a lock (CALLERS_LOCK_KEY:
   * django-assets' `autoload()`, which `get_env()` calls inside `with env_lock:`): judged as if no
   * lock were held, as information, since code elsewhere may call it without the lock.
   */
  private judgeUnderCallersLock(file: FileSummary, a: Access): Finding | null {
    if (a.held.length !== 1 || !a.held[0].startsWith(CALLERS_LOCK_KEY)) return null;
    const f = this.judge(file, { ...a, held: [] });
    // (What a lock does not answer, `self.pid = ...` on a long-lived object, is judged as before.)
    if (!f || !SHARED_STATE_RULES.has(f.code)) return f;
    // Called or handed on by another file, or handed to a thread: not every call holds the lock.
    // (`*`: reached through too many public functions to tell.)
    if (a.held[0].endsWith('*')) return f;
    const through = a.held[0].slice(CALLERS_LOCK_KEY.length).split(',').map(Number);
    for (const fn of through) {
      const key = this.fnKey(file, fn);
      if (this.namedElsewhere.has(key) || this.handedOn.has(key) || this.threadHanded.has(key)) return f;
    }
    const name = file.functions[through[0]]?.name ?? '';
    return { ...f, severity: 'information', message: `${f.message.replace(/\.$/, '')} (every call of \`${name}\` in its file holds a lock, but code elsewhere may call it without one: reported as information).` };
  }

  /** The lock held at `a` when every held lock is an instance attribute (`self._lock = Lock()` in a method) of a class with many instances. */
  private perInstanceLock(file: FileSummary, a: Access): { cls: number; attr: string; span: Span } | null {
    if (a.held.length === 0 || (a.target.t === 'self' && a.target.via === 'self' && !this.namesClassAttr(file, a))) return null;
    let first: { cls: number; attr: string; span: Span } | null = null;
    for (const key of a.held) {
      const m = /^self#(\d+)\.(\w+)$/.exec(key);
      if (!m) return null;
      const ref: ClassRef = { file, index: Number(m[1]) };
      const binding = own(file.classes[ref.index]?.instanceAttrs, m[2]);
      if (!binding || binding.value.k !== 'lock' || this.classAttr(ref, m[2])) return null;
      // One instance per process (middleware, a module-level instance): its lock excludes every caller.
      if (this.longLived(ref) !== null && !this.classKind(ref).node) return null;
      first ??= { cls: ref.index, attr: m[2], span: binding.span };
    }
    return first;
  }

  /** `self.x` that names a class attribute (no method assigns `self.x`): state shared by every instance. */
  private namesClassAttr(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'self') return false;
    const cls: ClassRef = { file, index: a.target.cls };
    return !this.instanceAssigned(cls, a.target.attr) && this.classAttr(cls, a.target.attr) !== null;
  }

  /**
   * A setter of a process-wide setting (`def set_debug(flag): global DEBUG; DEBUG = flag`): the
   * writing function is a module-level function, not request code and not handed on, it writes the
   * global once, every function that reaches it (at any depth, up to MAX_SETTER_CALLERS) is a plain
   * module-level function (plainCaller()), and neither it, those, nor the functions it reaches
   * within three calls (a class's methods, nested functions included) read the global. Not a global
   * handed from one step of a job to the next (`CURRENT = job; process()` where `process` reads
   * `CURRENT`), nor a lazy set-up tested by its caller (`if _f is None: set_default(...)`), nor state
   * named for one request (PER_REQUEST_NAME). The same for an attribute of a module-level object
   * (`def configure(level): _CONFIG.level = level`: `name` is `_CONFIG.level`).
   */
  private onlySetHere(file: FileSummary, a: Access, owner: FileSummary, name: string): boolean {
    if (PER_REQUEST_NAME.test(name.slice(name.lastIndexOf('.') + 1))) return false;
    const around = this.plainWriter(file, a);
    if (around === null) return false;
    for (const k of around) if (this.readsGlobal(k, owner, name)) return false;
    return true;
  }


  /**
   * `@classmethod def register_algorithm(cls, alg): cls.ALGORITHMS[alg.name] = alg`: a registration
   * function (REGISTRY_FUNCTION) that is a class or static method, doing one atomic operation on
   * the class attribute and naming it once, reached only as registryWrite() asks (callers through
   * the class: plain module-level functions, or none in the scanned files).
   */
  private classRegistryWrite(file: FileSummary, a: Access, attr: string): boolean {
    if (!isRegistryOp(a)) return false;
    const fn = file.functions[a.fn];
    if (!fn || fn.nested || fn.cls < 0 || !(fn.isClassMethod || fn.isStatic) || !REGISTRY_FUNCTION.test(fn.name) || this.isRequestCode(file, fn)) return false;
    // Not called through `self`/`cls` by a method of the class (`self.add_constructor(...)` in `construct()`), which name-based callers miss.
    for (const c of this.descendantsOf({ file, index: fn.cls })) if (c.file.classes[c.index].selfCalls.includes(fn.name)) return false;
    // (Besides, at most the copy a subclass takes first: `cls.registry = cls.registry.copy()`, copyBeforeRegistration().)
    const others = otherAccessesOfAttr(file, a, attr);
    if (others.length > 1 || (others.length === 1 && !(others[0].op === 'rmw' && others[0].detail !== 'item' && others[0].check === undefined && others[0].taint === undefined))) return false;
    const key = this.fnKey(file, a.fn);
    return !this.handedOn.has(key) && this.plainReach(key) !== null;
  }

  /**
   * `cls.A = cls.A.copy()` (any read-modify-write of `cls.A` as a whole) in a registration classmethod
   * whose one other access of `A` is the registration classRegistryWrite() accepts: PyYAML's
   * copy-on-write of a class's registry for each subclass.
   */
  private copyBeforeRegistration(file: FileSummary, a: Access, attr: string): boolean {
    const others = otherAccessesOfAttr(file, a, attr);
    return others.length === 1 && this.classRegistryWrite(file, others[0], attr);
  }

  /**
   * A registration API: `def register_initializer(cb): _INITIALIZERS.append(cb)`, one atomic
   * operation (an item stored or deleted, one `add`/`append`/`remove`/...) on a module-level
   * container, with no test before it, in a function whose callers in the scanned files are only
   * plain module-level functions that no request handler, thread or framework runs (plainWriter()).
   * Python's containers do these operations whole, and what such a function changes is the
   * process's configuration, made while it sets itself up: information.
   */
  private registryWrite(file: FileSummary, a: Access, owner: FileSummary, name: string): boolean {
    if (!isRegistryOp(a)) return false;
    if (a.fn < 0 || !(REGISTRY_FUNCTION.test(file.functions[a.fn]?.name ?? '') || pairedRegistration(file, file.functions[a.fn]))) return false;
    // The function names the container once (not `for m in proxies: m.close()` and then `proxies.clear()`),
    // or twice when the other is the test that only raises (`if k not in REG: raise ...` / `REG.remove(k)`).
    const full = `${owner.module}.${name}`;
    const most = a.check?.raiseOnly === true ? 2 : 1;
    let named = 0;
    for (const ref of file.refs) if (ref.from === a.fn && (ref.chain === full || ref.chain.startsWith(`${full}.`)) && ++named > most) return false;
    return this.plainWriter(file, a) !== null;
  }

  /**
   * For a write in a plain module-level function that writes that object only there: the keys of
   * the functions that reach it, however far up (each a plain module-level function that no
   * request handler, thread or framework runs, and not too many), with what it reaches within
   * three calls; null when it is not such a write.
   */
  private plainWriter(file: FileSummary, a: Access): Set<string> | null {
    if (a.fn < 0 || a.target.t !== 'chain') return null;
    const fn = file.functions[a.fn];
    // A module-level function (a method's callers are not known by name: `enable()`/`disable()` of a
    // panel the toolbar calls per request), writing the global once (`X = v` ... `finally: X = None`
    // sets it for the length of a call, which concurrent calls undo for each other).
    if (!fn || fn.nested || fn.cls >= 0 || fn.decorated || this.isRequestCode(file, fn)) return null;
    const key = this.fnKey(file, a.fn);
    // Registered by a decorator or handed on (`@receiver(...)`, `record_job.delay(...)`): who calls it is not known.
    if (this.handedOn.has(key)) return null;
    const chain = a.target.chain;
    // (Writes in different arms of one `if` are one write per call: logbook's `set_datetime_format()`.)
    if (file.accesses.some((x) => x !== a && x.fn === a.fn && x.target.t === 'chain' && x.target.chain === chain && !exclusiveArms(a, x))) return null;
    return this.plainReach(key);
  }

  /**
   * The keys of the functions that reach the function `key` names, however far up (each a plain
   * module-level function that no request handler, thread or framework runs: a method, a nested
   * function or a decorated one has callers that are not known by name; not too many to follow),
   * with what it reaches within three calls; null when one is not such a function.
   */
  private plainReach(key: string): Set<string> | null {
    const reaching = new Set<string>();
    const stack = [...(this.callers.get(key) ?? [])];
    while (stack.length > 0) {
      const caller = stack.pop()!;
      if (reaching.has(caller)) continue;
      if (reaching.size >= MAX_SETTER_CALLERS || !this.plainCaller(caller)) return null;
      reaching.add(caller);
      stack.push(...(this.callers.get(caller) ?? []));
    }
    // Those, and what it reaches within three calls (a class named: its methods).
    const around = new Set([key, ...reaching]);
    let frontier = [key];
    for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const k of frontier) {
        for (const c of this.callees().get(k) ?? []) {
          if (around.has(c)) continue;
          around.add(c);
          next.push(c);
        }
      }
      frontier = next;
    }
    return around;
  }

  /** A module-level function (or class) that is not request code, not handed on and not run by a framework or a thread (onlySetHere()). */
  private plainCaller(key: string): boolean {
    if (this.handedOn.has(key)) return false;
    const at = key.lastIndexOf('#f');
    if (at < 0) return key.includes('#c');
    const file = this.byPath.get(key.slice(0, at));
    const fn = file?.functions[Number(key.slice(at + 2))];
    if (!file || !fn || fn.nested || fn.cls >= 0 || fn.decorated) return false;
    return !this.isRequestCode(file, fn);
  }

  /**
   * Whether the body of the function a key names (with the functions nested in it), or of any
   * method of the class it names, reads the module-level `name` of `owner` (FileSummary.refs).
   */
  private readsGlobal(key: string, owner: FileSummary, name: string): boolean {
    return this.globalsRead(key).has(`${owner.path}\0${name}`);
  }

  /** The module-level definitions (`path\0name`) any code of the scanned files reads, at import or run time (once). */
  private readAnywhere(): Set<string> {
    if (!this.globalsReadAnywhere) {
      const out = new Set<string>();
      const beyondAdding = new Set<string>();
      for (const file of this.files) {
        for (const ref of file.refs) {
          const r = this.resolve(ref.chain, file);
          if (r.kind === 'def') {
            out.add(`${r.file.path}\0${r.binding.name}`);
            // (`_seen.add(x)` names `_seen` to add to it, not to read it: unreadContainer().)
            if (r.rest.length !== 1 || !UNREAD_METHODS.has(r.rest[0])) beyondAdding.add(`${r.file.path}\0${r.binding.name}`);
          }
          const copy = this.copyRead(ref.chain, file);
          if (copy !== null) {
            out.add(copy);
            beyondAdding.add(copy);
          }
        }
        // An attribute of that name read by any code through a local or by `getattr(mod, "name")` (attrReads).
        const both = (key: string) => {
          out.add(key);
          beyondAdding.add(key);
        };
        for (const name of file.attrReads) both(`*\0${name}`);
        // A name the module exports (`__all__`) is its public API, there to be read.
        for (const name of file.exports ?? []) both(`${file.path}\0${name}`);
        // A star import hands on every public name (`from .numbertheory import *`): read elsewhere, perhaps.
        for (const star of file.starImports) {
          const target = this.moduleFor(star, file);
          if (target) for (const name of Object.keys(target.defs)) both(`${target.path}\0${name}`);
        }
      }
      this.globalsReadAnywhere = out;
      this.readBeyondAdding = beyondAdding;
    }
    return this.globalsReadAnywhere;
  }

  /** readAnywhere() less the names only ever named to add to them (`_seen.add(x)`, UNREAD_METHODS). */
  private readOtherThanAdding(): Set<string> {
    this.readAnywhere();
    return this.readBeyondAdding!;
  }

  private readBeyondAdding: Set<string> | undefined;

  private globalsReadAnywhere: Set<string> | undefined;

  /**
   * One store or one adding call (UNREAD_METHODS), with no test before it and nothing of a request, on the
   * private module-level container `name` of `owner` (`_texts`: a public one is there for other code to read)
   * that no code of the scanned files reads (readAnywhere():
   * not looped over, passed, returned or copied; a call of its methods other than these is a read):
   * FreeIPA's `_texts.append(message)` in its `_()` marker. Racing threads each add their item.
   */
  private unreadContainer(a: Access, owner: FileSummary, name: string): boolean {
    if (!name.startsWith('_') || a.check !== undefined || a.taint !== undefined || a.entry === true || a.detail === 'copy') return false;
    if (a.op !== 'setitem' && !(a.op === 'mutate' && UNREAD_METHODS.has(mutateMethod(a)))) return false;
    const read = this.readOtherThanAdding();
    return !read.has(`${owner.path}\0${name}`) && !read.has(`*\0${name}`);
  }

  /**
   * A read of `pkg._WEEK_ENDS_AT` is a read of that name (`path\0name`), though it was bound to a copy
   * of `SUNDAY` whose reads resolve() follows past it (writeTarget()); null when `chain` names no such
   * binding (first tested by its last name alone: most references name nothing of the kind).
   */
  private copyRead(chain: string, file: FileSummary): string | null {
    if (!this.copyNames) {
      const names = new Set<string>();
      for (const f of this.files) for (const [name, b] of Object.entries(f.defs)) if (b.value.k === 'ref') names.add(name);
      this.copyNames = names;
    }
    if (!this.copyNames.has(chain.slice(chain.lastIndexOf('.') + 1))) return null;
    const named = this.writeTarget(chain, file, 'attr-store');
    return named.kind === 'def' && named.rest.length === 0 ? `${named.file.path}\0${named.binding.name}` : null;
  }

  private copyNames: Set<string> | undefined;

  /** The chains a file's functions rebind (`global X; X = ...`), once per file. */
  private reboundAtRunTime(file: FileSummary): Set<string> {
    let out = this.rebound.get(file);
    if (!out) {
      out = new Set();
      for (const a of file.accesses) if (a.op === 'rebind' && a.fn >= 0 && a.target.t === 'chain') out.add(a.target.chain);
      this.rebound.set(file, out);
    }
    return out;
  }

  private readonly rebound = new Map<FileSummary, Set<string>>();

  /** The module-level names (`path\0name`) the function or class a key names reads (readsGlobal()), once per key. */
  private globalsRead(key: string): Set<string> {
    let out = this.globalReads.get(key);
    if (out) return out;
    out = new Set<string>();
    this.globalReads.set(key, out);
    const at = Math.max(key.lastIndexOf('#f'), key.lastIndexOf('#c'));
    const file = at < 0 ? undefined : this.byPath.get(key.slice(0, at));
    if (!file) return out;
    const index = Number(key.slice(at + 2));
    const isClass = key[at + 1] === 'c';
    const prefixes: string[] = [];
    const fns: number[] = [];
    file.functions.forEach((f, i) => {
      if (isClass ? f.cls === index && !f.nested : i === index) {
        fns.push(i);
        prefixes.push(`${f.qualname}.<locals>.`);
      }
    });
    if (prefixes.length > 0) {
      file.functions.forEach((f, i) => {
        if (f.nested && prefixes.some((p) => f.qualname.startsWith(p))) fns.push(i);
      });
    }
    const byFn = this.refsByFunction(file);
    const prefix = `${file.module}.`;
    for (const fn of fns) {
      for (const ref of byFn.get(fn) ?? []) {
        // `util.HAS_SNI = orig_util_HAS_SNI`, the value taken at import (`orig_util_HAS_SNI = util.HAS_SNI`
        // at module level): that copy is read, not what the name it was taken from holds now.
        // (Not a copy run-time code takes again: `global _saved; _saved = HAS_SNI` in `inject()`.)
        if (ref.chain.startsWith(prefix) && ref.chain.indexOf('.', prefix.length) < 0 && own(file.defs, ref.chain.slice(prefix.length))?.value.k === 'ref' && !this.reboundAtRunTime(file).has(ref.chain)) {
          out.add(`${file.path}\0${ref.chain.slice(prefix.length)}`);
          continue;
        }
        const copy = this.copyRead(ref.chain, file);
        if (copy !== null) out.add(copy);
        const r = this.resolve(ref.chain, file);
        if (r.kind !== 'def') continue;
        out.add(`${r.file.path}\0${r.binding.name}`);
        // `_CONFIG.level`: an attribute of a module-level object read (onlySetHere()).
        if (r.rest.length > 0) out.add(`${r.file.path}\0${r.binding.name}.${r.rest[0]}`);
      }
    }
    return out;
  }

  /** A file's references by the function they are made in, built once per file. */
  private refsByFunction(file: FileSummary): Map<number, Ref[]> {
    let map = this.refsByFn.get(file);
    if (!map) {
      map = new Map();
      for (const ref of file.refs) {
        if (typeof ref.from !== 'number') continue;
        let list = map.get(ref.from);
        if (!list) map.set(ref.from, (list = []));
        list.push(ref);
      }
      this.refsByFn.set(file, map);
    }
    return map;
  }

  private readonly globalReads = new Map<string, Set<string>>();
  private readonly refsByFn = new Map<FileSummary, Map<number, Ref[]>>();

  /** For a function, the functions and classes its body names (the callers map turned around), built on first use. */
  private callees(): Map<string, string[]> {
    if (!this.calleeMap) {
      const map = new Map<string, string[]>();
      for (const [callee, callers] of this.callers) {
        for (const caller of callers) {
          let list = map.get(caller);
          if (!list) map.set(caller, (list = []));
          list.push(callee);
        }
      }
      this.calleeMap = map;
    }
    return this.calleeMap;
  }

  private calleeMap: Map<string, string[]> | undefined;

  /** Whether a request handler's body names this function, directly or through up to `depth - 1` other functions. */
  private calledByRequestCode(key: string, depth: number): boolean {
    for (const caller of this.callers.get(key) ?? []) {
      if (this.isRequestKey(caller) || (depth > 1 && this.calledByRequestCode(caller, depth - 1))) return true;
    }
    return false;
  }

  /** isRequestCode() of the function a key names (fnKey). */
  private isRequestKey(key: string): boolean {
    const at = key.lastIndexOf('#f');
    const file = at < 0 ? undefined : this.byPath.get(key.slice(0, at));
    const fn = file?.functions[Number(key.slice(at + 2))];
    return file !== undefined && fn !== undefined && this.isRequestCode(file, fn);
  }

  private isRequestCode(file: FileSummary, fn: FunctionInfo): boolean {
    if (fn.isRequest) return true;
    if (fn.cls < 0) return false;
    const kind = this.classKind({ file, index: fn.cls });
    return (
      (kind.middleware && MIDDLEWARE_METHODS.has(fn.name)) ||
      (kind.node && fn.name === 'render') ||
      (kind.view && VIEW_HANDLERS.has(fn.name)) ||
      (kind.drfComponent && !CONSTRUCTION_METHODS.has(fn.name)) ||
      this.isPyramidViewMethod(file, fn)
    );
  }

  private make(
    code: string,
    file: FileSummary,
    access: Access,
    message: string,
    related: RelatedLocation[],
    severity?: Severity,
  ): Finding {
    const rule = ruleByCode(code);
    const span = code === 'TL005' && access.check ? access.check.span : access.span;
    const extra: RelatedLocation[] = [];
    if (code === 'TL005' && access.check) extra.push({ path: file.path, range: toRange(access.span), message: 'written here' });
    // Inside `with threading.RLock():`: say why that is no lock (the finding says "without a lock").
    const fresh = access.freshLock !== undefined && FRESH_LOCK_CODES.has(code);
    if (fresh) extra.push({ path: file.path, range: toRange(access.freshLock!), message: 'a new lock, made for this block alone' });
    return {
      code,
      rule: rule.name,
      severity: severity ?? rule.severity,
      message: fresh ? `${message} (The lock made in its \`with\` statement is a new one each time, which no other thread takes: it excludes nobody.)` : message,
      path: file.path,
      range: toRange(span),
      related: [...extra, ...related],
    };
  }

  private judge(file: FileSummary, a: Access): Finding | null {
    if (a.target.t === 'self') return this.judgeSelf(file, a, a.target.cls, a.target.attr, a.target.via);
    if (a.result) return this.judgeResult(file, a);
    const chain = a.target.chain;
    const fn = file.functions[a.fn];

    // Process-wide state (TL009): stdlib, no resolution needed. A lock does not help here.
    if (a.op === 'call') {
      const what = processWideCall(chain);
      if (!what || isQueryOnly(chain, a.argc ?? 0)) return null;
      // pyplot's state is the process's own, not the operating system's: one lock every caller takes serialises it (matplotlib's FAQ).
      if (chain.startsWith('matplotlib.pyplot.') && a.held.length > 0) return null;
      // Django's test utilities, used where they are meant to be: in a test module.
      if (PROCESS_WIDE_DECORATORS.has(chain) && isTestModule(file.module)) return null;
      // `time.tzset()`, `socket.setdefaulttimeout()`: process-wide by nature, but their documentation does not
      // call them unsafe (the domain notes mark this unconfirmed): information, with a word on why.
      if (UNCONFIRMED_PROCESS_WIDE.has(chain)) {
        const f = this.processWide(file, a, fn, `\`${chain}()\` changes ${what}`);
        f.severity = 'information';
        f.message = f.message.replace(/\.$/, ' (its documentation does not call it unsafe for threads: reported as information).');
        return f;
      }
      return this.processWide(file, a, fn, `\`${chain}()\` changes ${what}`);
    }
    const data = processWideData(chain);
    if (data && (a.op === 'setitem' || a.op === 'delitem' || a.op === 'rmw' || (a.op === 'mutate' && a.detail !== 'copy'))) {
      return this.processWide(file, a, fn, `writing to \`${chain}\` changes ${data}`);
    }
    if (a.op === 'attr-store' && data && chain !== 'os.environ') {
      return this.processWide(file, a, fn, `assigning \`${chain}\` changes ${data}`);
    }
    // `socket.socket = FakeSocket` (httpretty), `time.time = frozen`: the module is one object for the process.
    const patched = a.op === 'attr-store' && !data ? patchedModule(chain) : undefined;
    if (patched !== undefined) {
      // (One finding per function and module: the other names it assigns there, listed.)
      const others = [...new Set(accessesIn(file, a.fn).filter((b) => b !== a && b.op === 'attr-store' && b.target.t === 'chain' && b.target.chain !== chain && processWideData(b.target.chain) === undefined && patchedModule(b.target.chain) === patched).map((b) => (b.target as { chain: string }).chain))];
      const also = others.length === 0 ? '' : ` (and ${others.slice(0, 3).map((o) => `\`${o}\``).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''} here)`;
      return this.processWide(file, a, fn, `assigning \`${chain}\`${also} replaces what the \`${patched}\` module holds, one module object for the whole process: whoever calls it gets the replacement`);
    }

    // Django's settings and a Flask application's config exist once per process.
    if (CONFIG_WRITE_OPS.has(a.op) && (a.op !== 'mutate' || a.detail !== 'copy')) {
      if (chain.startsWith('django.conf.settings.')) return this.configWrite(file, a, fn, 'the Django settings of the whole process');
      if (/^flask(\.globals)?\.current_app\.config(\.|$)/.test(chain)) return this.configWrite(file, a, fn, 'the configuration of the whole application');
      // `current_app.jinja_env.globals["visitor"] = ...`: the application's one template environment.
      if (a.op !== 'attr-store' && a.detail !== 'copy' && /^flask(\.globals)?\.current_app\.jinja_env\.(globals|filters|tests|policies)$/.test(chain)) return this.appJinjaWrite(file, a, []);
    }
    if (chain.startsWith(`${APP_STATE}.`)) return this.judgeAppState(file, a, fn, chain.slice(APP_STATE.length + 1).split('.'), this.appCreation(file));
    // Rebinding a name changes that name, not what it was copied from: `_enabled = conf.enabled`
    // at module level, then `global _enabled; _enabled = False`, leaves `conf` alone.
    const r = this.writeTarget(chain, file, a.op);
    if (r.kind !== 'def') return null;
    const value = this.valueOf(r.file, r.binding);
    const def: RelatedLocation = {
      path: r.file.path,
      range: toRange(r.binding.span),
      message: `\`${r.binding.name}\` is defined here, at module level: one object per process, shared by all threads`,
    };
    const held = a.held.length > 0;
    const unguarded = !held || (a.check?.outside ?? false);
    const name = a.text;
    // `app.config[...] = ...` on the module-level `app = Flask(__name__)`.
    if (r.rest[0] === 'config' && CONFIG_WRITE_OPS.has(a.op) && a.op !== 'attr-store' && r.binding.value.k === 'call' && FLASK_APPS.has(r.binding.value.callee)) {
      if (a.op !== 'mutate' || a.detail !== 'copy') return this.configWrite(file, a, fn, 'the configuration of the whole application');
    }

    // `app.jinja_env.globals[...] = ...` on the module-level `app = Flask(__name__)`.
    if (r.rest[0] === 'jinja_env' && r.rest.length === 2 && JINJA_SETTINGS.has(r.rest[1]) && CONFIG_WRITE_OPS.has(a.op) && a.op !== 'attr-store' && a.detail !== 'copy' && r.binding.value.k === 'call' && FLASK_APPS.has(r.binding.value.callee)) {
      return this.appJinjaWrite(file, a, [def]);
    }

    // `audit.extra["user"] = ...` on a module-level `logging.LoggerAdapter(logger, {...})`: one `extra` dict for every thread's log records.
    if (r.rest.length === 1 && r.rest[0] === 'extra' && (a.op === 'setitem' || a.op === 'delitem' || a.op === 'attr-store' || (a.op === 'mutate' && a.detail !== 'copy')) && r.binding.value.k === 'call' && r.binding.value.callee === 'logging.LoggerAdapter') {
      if (!unguarded) return null;
      return this.sharedWrite(file, a, def, name, 'global', () =>
        this.make('TL002', file, a, `\`${r.binding.name}\` is a module-level \`logging.LoggerAdapter\` shared by all threads; ${a.op === 'attr-store' ? 'assigning `extra` replaces' : `${opText(a)} changes`} its one \`extra\` dict, which every thread's log records through it carry (pass \`extra=\` to the logging call, or make an adapter per request).`, [def]),
      );
    }

    // `app.state.x = ...` on the module-level `app = FastAPI()`.
    if (r.rest[0] === 'state' && r.rest.length > 1 && r.binding.value.k === 'call' && STATE_APPS.has(r.binding.value.callee)) {
      return this.judgeAppState(file, a, fn, r.rest.slice(1), appCreated(r.file, r.binding));
    }

    if (r.rest.length === 0) {
      switch (a.op) {
        case 'rebind':
        case 'attr-store':
          if (!unguarded) return null;
          if (value.k === 'function' || value.k === 'classobj' || value.k === 'import') return null;
          return this.sharedWrite(file, a, def, name, 'global', () => {
            const stored = a.op === 'rebind' || a.op === 'attr-store' ? this.idempotentStored(file, a) : undefined;
            // `SETTINGS = Settings(**cfg)` or `SETTINGS = load_settings()` of a frozen dataclass (attrs, NamedTuple): published whole.
            // (Not request data, `CURRENT = Prefs(theme=request.args["theme"])`: one user's data for every reader.)
            const frozen = !stored && a.taint === undefined && a.detail?.startsWith(MADE_BY) ? this.frozenClassMade(file, a.detail.slice(MADE_BY.length)) : null;
            if (frozen !== null && !this.changedInPlace(file, a)) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time to a new object of a frozen class (\`${frozen}\`), built whole before it is stored; readers see the old or the new one whole, and threads that race only decide which one stays (reported as information).`, [def], 'information');
            }
            if (!stored && a.detail === SNAPSHOT && a.taint === undefined) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time to a new immutable value built beforehand; readers see the old or the new one whole, and threads that race only decide which one stays (reported as information).`, [def], 'information');
            }
            // `fresh = {...}` ... `_prices = fresh`, where no code changes `_prices` in place: published whole.
            if (!stored && a.detail === FRESH_PUBLISHED && a.taint === undefined && !this.changedInPlace(file, a)) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time to a new container built whole before it is stored (in a local, or by a parser such as \`json.loads()\`), and no code changes it in place: readers see the old one or the new one whole, and threads that race only decide which one stays (reported as information).`, [def], 'information');
            }
            // `def cleanup(): TRANSPORT.cleanup(); TRANSPORT = None`, which only start-up, command or shutdown code calls.
            if (!stored && a.detail === TEARDOWN_RESET && !fn.isRequest && this.calledOnlyAtStartOrEnd(file, a.fn)) {
              return this.make('TL001', file, a, `\`${name}\` is a module global set back to None by \`${fn.name}\`, which tears the module's state down (as a service stops, or between tests), and which nothing but start-up or command-line code calls, if anything does (reported as information).`, [def], 'information');
            }
            // `def stop(): global _stopped; _stopped = True`: a flag that tells a loop to end.
            if (!stored && a.op === 'rebind' && !fn.isRequest && fn.cls < 0 && !fn.nested && STOP_FLAG_VALUES.has(a.detail ?? '') && (SHUTDOWN_CALLER.test(fn.name) || TEARDOWN_NAME.test(fn.name))) {
              return this.make('TL001', file, a, `\`${name}\` is a module global set to a constant by \`${fn.name}\`, which stops something: a flag that a loop reads to know when to end, stored whole in one step (reported as information).`, [def], 'information');
            }
            if (!stored && this.onlySetHere(file, a, r.file, r.binding.name)) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time by a function that only sets it (nothing around it reads it back, and no request handler calls it): a process-wide setting, where threads that race decide which value stays (reported as information).`, [def], 'information');
            }
            // (ecdsa's `miller_rabin_test_count`, a statistic for whoever wants it.)
            if (!stored && (a.op === 'rebind' || a.op === 'attr-store') && !this.readAnywhere().has(`${r.file.path}\0${r.binding.name}`) && !this.readAnywhere().has(`*\0${r.binding.name}`)) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time, but nothing in the scanned files reads it: threads that race only decide which value stays (reported as information).`, [def], 'information');
            }
            // nova's `if loaded: return; loaded = True; ... NOVA_VENDOR = cfg.get(...)`: behind a once-flag, which TL005 reports.
            const flag = !stored && a.op === 'rebind' ? this.behindOnceFlag(file, a) : null;
            if (flag !== null) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time, but only here, after \`${flag.chain}\` is tested and set to say it is done (that test and set is reported on its own): the threads that race past it each store what they loaded (reported as information).`, [def, { path: file.path, range: toRange(flag.span), message: `\`${flag.chain}\` is set here, once` }], 'information');
            }
            if (!stored) {
              return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time; every thread of the process reads and overwrites this one binding.`, [def]);
            }
            return this.make('TL001', file, a, `\`${name}\` is a module global rebound at run time; every write of it stores ${stored.value}, so threads that race store ${stored.result}.`, [def], 'information');
          });
        case 'rmw':
        case 'augassign':
          if (!unguarded) return null;
          if (value.k === 'mutable' && a.op === 'augassign') {
            return this.sharedWrite(file, a, def, name, 'global', () =>
              this.make('TL002', file, a, `\`${name}\` is a module-level ${value.type} shared by all threads; \`${a.detail ?? '+='}\` mutates it in place without a lock.`, [def]),
            );
          }
          if (value.k === 'lock' || value.k === 'threadlocal' || value.k === 'safe') return null;
          const early = readBeforeLockOf(a.detail, a.span[0]);
          return this.sharedWrite(file, a, def, name, 'global', () =>
            a.detail === THREAD_KEY
              ? this.make('TL006', file, a, `\`${name}\` is shared by all threads; this reads an entry, computes and writes it back without a lock${benignMutation(a)}.`, [def], 'information')
              : early !== undefined
                ? this.make('TL006', file, a, `\`${name}\` is shared by all threads; this writes back a value computed from \`${early.local}\`, read from it before the lock held here was taken, so an update another thread makes in between is lost (read it under the lock).`, [def, { path: file.path, range: toRange(early.at), message: `\`${early.local}\` is read from \`${name}\` here, ${READ_BEFORE_LOCK_NOTE}` }])
                : this.make('TL006', file, a, `\`${name}\` is shared by all threads; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`, [def]),
          );
        case 'mutate':
        case 'setitem':
        case 'delitem': {
          if (!unguarded) return null;
          // `session.add(obj)`, `session.delete(obj)` on a module-level SQLAlchemy Session.
          if (value.k === 'ormsession' && a.op === 'mutate') return this.ormSession(file, a, name, def, value.scoped === true);
          // A deque's single appends and pops are atomic; not a size test and then one (`if len(q) < n: q.append(x)`).
          // (Request data appended to a deque is still stored in shared state: TL007 below.)
          if (value.k === 'deque' && a.op === 'mutate' && DEQUE_SAFE_METHODS.has(mutateMethod(a)) && a.check === undefined && a.taint === undefined) return null;
          if (value.k !== 'mutable' && value.k !== 'deque') return null;
          // `df = SALES[mask]; df["x"] = v`: a frame's rows or columns selected are a new frame, not an entry of it.
          if (a.entry === true && value.k === 'mutable' && (value.type === 'DataFrame' || value.type === 'Series')) return null;
          const type = value.k === 'deque' ? 'deque' : value.type;
          // An entry of the caller's own, unless other code loops over the container as it is: a change
          // made meanwhile breaks that loop. (A registration runs as the process sets itself up, before
          // the loops over what it registers: registryWrite().)
          const own = benignMutation(a) || this.constantEntryNote(file, a);
          const looped = own !== '' && a.detail !== 'setdefault' && this.iteratedLive(r.file, r.binding.name);
          // (A Counter's `update()` adds counts one by one, reading each: not one operation.)
          const registry = !(type === 'Counter' && mutateMethod(a) === 'update') && this.registryWrite(file, a, r.file, r.binding.name);
          const unread = !looped && own === '' && !registry && type !== 'Counter' && this.unreadContainer(a, r.file, r.binding.name);
          const why = looped ? LOOPED_NOTE : own || (registry ? REGISTRY_NOTE : unread ? UNREAD_NOTE : '');
          // (A registration behind a test that only raises is judged as the registration, not as check-then-act: isRegistryOp().)
          if (registry && a.check?.raiseOnly === true) a = { ...a, check: undefined };
          return this.sharedWrite(file, a, def, name, 'global', () =>
            this.make('TL002', file, a, `\`${name}\` is a module-level ${type} shared by all threads; ${opText(a)} mutates it without a lock${why}.`, [def], why && !looped ? 'information' : undefined),
          );
        }
        case 'next':
        case 'use':
          if (value.k === 'generator' && a.op === 'next' && !held) {
            return this.make('TL012', file, a, `\`${name}\` is a module-level generator shared by all threads; two threads advancing it at once raise \`ValueError: generator already executing\`.`, [def]);
          }
          if (value.k === 'sqlite' && (value.checkSameThread || !held)) {
            return this.make(
              'TL012',
              file,
              a,
              value.checkSameThread
                ? `\`${name}\` is a module-level sqlite3 connection; sqlite3 refuses use from any thread but the one that created it (\`check_same_thread=True\`).`
                : `\`${name}\` is a module-level sqlite3 connection shared by all threads; use it under a lock or open one connection per thread.`,
              [def],
            );
          }
          if (value.k === 'ormsession' && !held) return this.ormSession(file, a, name, def, value.scoped === true);
          // `if not outbox.empty(): outbox.get()` (collect's noteQueueAfterTest): the queue is thread-safe, the test and the call together are not.
          if (value.k === 'safe' && QUEUES.has(value.type) && a.check !== undefined && unguarded && (a.detail !== 'put' || value.bounded === true)) {
            const [test, gets] = a.detail === 'put' ? ['full()', 'put()'] : ['empty()', 'get()'];
            return this.make(
              'TL005',
              file,
              a,
              `\`${name}\` is a queue shared by all threads; its \`${test}\` (or \`qsize()\`) answer is stale by the time this \`${gets}\` runs: another thread can ${a.detail === 'put' ? 'fill the last slot' : 'take the item'} in between, and this call then blocks (use \`${a.detail === 'put' ? 'put_nowait()' : 'get_nowait()'}\` and catch \`queue.${a.detail === 'put' ? 'Full' : 'Empty'}\`, or give a timeout).`,
              [def],
            );
          }
          // `log = logging.getLogger(__name__)` at module level, `log.addHandler(h)` in run-time code.
          if (value.k === 'safe' && value.type === 'logging.getLogger' && a.op === 'use') {
            const what = PROCESS_WIDE_CALLS.get(`logging.Logger.${a.detail ?? ''}`);
            if (what) return this.processWide(file, a, fn, `\`${name}.${a.detail}()\` changes ${what}`);
          }
          // (Not a script's own, made under `if __name__ == "__main__":`, FileSummary.scriptNames.)
          if (value.k === 'unsafe' && !held && !r.file.scriptNames.includes(r.binding.name)) {
            const what = value.type === 'open' || value.type === 'io.open' ? 'file object (`open()`)' : `\`${value.type}\``;
            // A generator reseeded outside request code may be start-up configuration (as for `random.seed`, TL009).
            const configure = value.type === 'random.Random' && !this.servesRequests(file, a.fn);
            return this.make('TL012', file, a, `\`${name}\` is a module-level ${what} shared by all threads; ${UNSAFE_OBJECTS.get(value.type) ?? 'one thread at a time must use it'}. Use it under a lock, or make one per request or thread.${configure ? ' (Not in code that serves requests, which may be set-up: reported as information.)' : ''}`, [def], configure ? 'information' : undefined);
          }
          // `_tokens[key]`, `_tokens.get(key)` on a cachetools LRU or TTL cache whose writes this module makes under a lock.
          // (Not the read of a read-modify-write, `_hits[k] = _hits.get(k, 0) + 1`: that statement is reported as one.)
          if (value.k === 'mutable' && READ_CHANGING_CACHES.has(value.type) && a.op === 'use' && unguarded && this.lockedElsewhere(file, a) && !withinRmw(file, a)) {
            const read = a.detail === CACHE_READ ? `reading an entry (\`${a.text}[...]\`)` : a.detail === 'len' ? '`len()`' : `\`.${a.detail}()\``;
            const changes = a.detail === 'len' ? 'drops its expired entries' : value.type === 'cachetools.LFUCache' ? "changes the entry's use count" : value.type === 'cachetools.TTLCache' || value.type === 'cachetools.TLRUCache' ? 'reorders or drops entries' : 'moves the entry in its order';
            return this.make('TL002', file, a, `\`${name}\` is a module-level \`${value.type}\`, not thread-safe, whose other uses here hold a lock; ${read} ${changes}, so it needs that lock too.`, [def]);
          }
          // `_session.mount("https://", HTTPAdapter(...))`: the adapter every thread's next request through it uses.
          if (value.k === 'client' && HTTP_SESSIONS.has(value.type) && a.op === 'use' && a.detail === 'mount' && unguarded) {
            return this.make('TL002', file, a, `\`${name}\` is a module-level \`${value.type}\` shared by all threads; \`mount()\` changes the adapters every thread's next request through it uses (and reorders them while other threads look one up).`, [def]);
          }
          if (value.k === 'cursor' && !held) {
            return this.make('TL012', file, a, `\`${name}\` is a module-level database cursor; cursors must not be shared between threads.`, [def]);
          }
          return null;
        default:
          return null;
      }
    }

    if (r.rest.length === 1) {
      const attr = r.rest[0];
      if (value.k === 'classobj') return this.judgeClassAttr(file, a, value.cls, attr, 'class');
      if (value.k === 'threadlocal') {
        // `class Ctx(threading.local): crumbs = []`: only attributes set on the instance are the thread's own;
        // `ctx.crumbs.append(x)` with no `self.crumbs = ...` in the class changes the class's one list.
        // Not when this file sets the attribute on the instance (`ctx.crumbs = []` at the start of a request).
        // (`ctx.depth += 1` on a class's `0` reads it and stores the result on the instance: the thread's own.)
        const found = 'cls' in value && a.op !== 'attr-store' && a.op !== 'rebind' ? this.classAttr(value.cls, attr) : null;
        const kind = found ? this.valueOf(found.cls.file, found.binding).k : '';
        if (found && 'cls' in value && (kind === 'mutable' || kind === 'deque') && !this.instanceAssigned(value.cls, attr) && !this.resetOnInstance(r.file, r.binding, attr)) {
          return this.judgeClassAttr(file, a, value.cls, attr, 'class');
        }
        if (a.op === 'attr-store' && fn.isAsync) {
          return this.make('TL011', file, a, `\`${name}\` is an attribute of a \`threading.local\`, written in \`async def ${fn.name}\`; coroutines on one event-loop thread share it, so one request's value leaks into another. Use a \`contextvars.ContextVar\`.`, [def]);
        }
        // `def _set_user(u): _local.user = u`, called only from `async def` code of an event-loop application.
        if (a.op === 'attr-store' && !fn.isAsync && this.runsOnLoop(file, a.fn)) {
          return this.make('TL011', file, a, `\`${name}\` is an attribute of a \`threading.local\`, written in \`${fn.name}\`, which only coroutines of the event loop call; they all run on the loop's one thread and share it, so one request's value leaks into another. Use a \`contextvars.ContextVar\`.`, [def]);
        }
        return null;
      }
      // `limiter = Limiter(app)` of a library not scanned, `limiter.enabled = False` in a request handler: the one
      // object made at import, changed for every thread (not known to be thread-local or made to be shared:
      // those are other kinds). Request code only: elsewhere it may be the object's set-up.
      if (value.k === 'unknown' && r.binding.value.k === 'call' && a.op === 'attr-store' && unguarded && LIBRARY_CLASS.test(r.binding.value.callee) && !r.file.scriptNames.includes(r.binding.name) && this.servesRequests(file, a.fn)) {
        const callee = r.binding.value.callee;
        if (this.resolve(callee, r.file).kind !== 'def') {
          const made = callee.slice(callee.lastIndexOf('.') + 1);
          return this.sharedWrite(file, a, def, name, 'global', () =>
            this.make('TL002', file, a, `\`${r.binding.name}\` is a module-level \`${made}\` object, made once at import and shared by all threads; assigning \`${name}\` in code that serves requests changes it for every thread.`, [def]),
          );
        }
      }
      if (value.k === 'instance') {
        if (!unguarded) return null;
        const clsName = value.cls.file.classes[value.cls.index].qualname;
        const inst = `\`${r.binding.name}\` is a module-level \`${clsName}\` instance shared by all threads`;
        if (a.op === 'attr-store' || a.op === 'rebind') {
          return this.sharedWrite(file, a, def, name, 'global', () =>
            a.op === 'attr-store' && this.onlySetHere(file, a, r.file, `${r.binding.name}.${attr}`)
              ? this.make('TL002', file, a, `${inst}; assigning \`${name}\` changes it for every thread, in a function that only sets it (nothing around it reads it back, and no request handler calls it): a process-wide setting, where threads that race decide which value stays (reported as information).`, [def], 'information')
              : this.make('TL002', file, a, `${inst}; assigning \`${name}\` changes it for every thread.`, [def]),
          );
        }
        if (a.op === 'rmw' || a.op === 'augassign') {
          return this.sharedWrite(file, a, def, name, 'global', () =>
            this.make('TL006', file, a, `${inst}; this reads \`${name}\`, computes and writes it back without a lock, so concurrent updates are lost.`, [def]),
          );
        }
      }
      // `def lookup(key): lookup.calls += 1`: an attribute kept on a module-level function, one object for the process.
      // (Not on a decorated function: the name may hold what the decorator made, a click command's `params`.)
      const plainFunction = keptOnFunction(r.file, r.binding);
      if (plainFunction && (a.op === 'rmw' || a.op === 'augassign')) {
        if (!unguarded) return null;
        const holder = `\`${name}\` is an attribute of the module-level function \`${r.binding.name}\`, one object shared by all threads`;
        return this.sharedWrite(file, a, def, name, 'global', () =>
          // (`tally.counts[tid] += 1`: an entry of a container kept there, keyed by the calling thread, as for a module-level dict.)
          a.detail === THREAD_KEY
            ? this.make('TL006', file, a, `${holder}; this reads an entry, computes and writes it back without a lock${benignMutation(a)}.`, [def], 'information')
            : this.make('TL006', file, a, `${holder}; this reads ${a.detail === 'item' ? 'an entry of it' : 'it'}, computes and writes it back without a lock, so concurrent updates are lost.`, [def]),
        );
      }
      // `rate.cache[cur] = value`: a container kept on a module-level function (it takes item assignment), one for the process.
      // (An entry replaced or deleted, not an attribute set on one: `f.params[0].default = x`.)
      if (plainFunction && (a.op === 'setitem' || a.op === 'delitem') && a.detail !== ENTRY_ATTR) {
        if (!unguarded) return null;
        const own = benignMutation(a) || this.constantEntryNote(file, a);
        return this.sharedWrite(file, a, def, name, 'global', () =>
          this.make('TL002', file, a, `\`${name}\` is kept on the module-level function \`${r.binding.name}\`, one object shared by all threads; ${opText(a)} mutates it without a lock${own}.`, [def], own ? 'information' : undefined),
        );
      }
      // `runtime = types.SimpleNamespace(maintenance=False)`: an object of attributes, like an instance.
      if (value.k === 'mutable' && value.type === 'SimpleNamespace') {
        if (!unguarded) return null;
        const inst = `\`${r.binding.name}\` is a module-level \`types.SimpleNamespace\` shared by all threads`;
        if (a.op === 'attr-store' || a.op === 'rebind') {
          return this.sharedWrite(file, a, def, name, 'global', () => this.make('TL002', file, a, `${inst}; assigning \`${name}\` changes it for every thread.`, [def]));
        }
        if (a.op === 'rmw' || a.op === 'augassign') {
          return this.sharedWrite(file, a, def, name, 'global', () =>
            this.make('TL006', file, a, `${inst}; this reads \`${name}\`, computes and writes it back without a lock, so concurrent updates are lost.`, [def]),
          );
        }
      }
    }
    // `_partner.headers["Authorization"] = token`, `_partner.auth = (user, pin)` on a module-level
    // `requests.Session()`: the next request of every thread sends that setting.
    const jinja = value.k === 'client' && JINJA_ENVIRONMENTS.has(value.type);
    if (value.k === 'client' && (r.rest.length === 1 || (r.rest.length === 2 && a.op !== 'attr-store')) && (jinja ? JINJA_SETTINGS : SESSION_SETTINGS).has(r.rest[0]) && a.op !== 'use' && a.op !== 'next' && a.op !== 'with') {
      if (!unguarded) return null;
      const setting = `\`${r.binding.name}.${r.rest[0]}\``;
      const effect = jinja ? 'what every thread\'s templates render with' : 'what every thread\'s next request sends';
      return this.sharedWrite(file, a, def, name, 'global', () =>
        this.make('TL002', file, a, `\`${r.binding.name}\` is a module-level \`${value.type}\` shared by all threads; changing ${setting} changes ${effect}.`, [def]),
      );
    }
    if (r.rest.length === 2 && value.k === 'classobj') {
      // `Outer.Meta.fields.append(...)` (or through `self`): an attribute of a nested class.
      const outer = value.cls.file.classes[value.cls.index];
      const nested = value.cls.file.classes.findIndex((c) => c.qualname === `${outer.qualname}.${r.rest[0]}`);
      return nested >= 0 ? this.judgeClassAttr(file, a, { file: value.cls.file, index: nested }, r.rest[1], 'class') : null;
    }
    if (r.rest.length === 2 && (a.op === 'mutate' || a.op === 'setitem' || a.op === 'delitem')) {
      // module.INSTANCE.attr.append(...) is beyond what we judge.
      return null;
    }
    // `NET.dropout.p = 0.0`: an attribute of an object a module-level instance holds, as shared as the instance.
    if (r.rest.length === 2 && a.op === 'attr-store' && value.k === 'instance') {
      // (Not when the part is made to be shared or thread-confined: `ctx.local.user = ...` on a `threading.local`.)
      if (!unguarded || this.instanceAttrIsSafe(value.cls, r.rest[0])) return null;
      const clsName = value.cls.file.classes[value.cls.index].qualname;
      return this.sharedWrite(file, a, def, name, 'global', () =>
        this.make('TL002', file, a, `\`${r.binding.name}\` is a module-level \`${clsName}\` instance shared by all threads; assigning \`${name}\` changes an object it holds for every thread.`, [def]),
      );
    }
    if (r.rest.length === 1 && (value.k === 'instance' || (value.k === 'mutable' && value.type === 'SimpleNamespace')) && (a.op === 'mutate' || a.op === 'setitem' || a.op === 'delitem')) {
      if (!unguarded) return null;
      // `client.label.add(x)` where `Client.__getattr__` makes a remote method for every name it is asked.
      if (value.k === 'instance' && this.dynamicAttr(value.cls, r.rest[0])) return null;
      // `db.session.add(user)` where the class gives `self.session` something other than a container
      // (a Flask-SQLAlchemy `scoped_session`): `.add()` may be that object's own method (as for TL008).
      const unsure = value.k === 'instance' && a.op === 'mutate' && a.taint === undefined && AMBIGUOUS_METHODS.has(mutateMethod(a)) && this.instanceAttrIsOtherObject(value.cls, r.rest[0]);
      return this.sharedWrite(file, a, def, name, 'global', () =>
        unsure
          ? this.make('TL002', file, a, `\`${r.binding.name}\` is a module-level instance shared by all threads; its \`${r.rest[0]}\` may be changed by ${opText(a)} without a lock (what it holds is not known here; ${opText(a)} may be its own method, not a container's).`, [def], 'information')
          : this.make('TL002', file, a, `\`${r.binding.name}\` is a module-level instance shared by all threads; ${opText(a)} mutates its \`${r.rest[0]}\` without a lock.`, [def]),
      );
    }
    return null;
  }

  /**
   * A write of `app.state.<attr>` (FastAPI, Starlette) at run time: the application's state is one
   * object for the whole process. Only the attribute itself (assigned, or read, changed and
   * written back): what an attribute holds (a pool, a queue) is often made to be shared.
   */
  private judgeAppState(file: FileSummary, a: Access, fn: FunctionInfo, attrs: string[], app: RelatedLocation | undefined): Finding | null {
    if (attrs.length !== 1 || (a.held.length > 0 && !(a.check?.outside ?? false))) return null;
    if (a.op !== 'attr-store' && a.op !== 'rebind' && a.op !== 'rmw' && a.op !== 'augassign') return null;
    const request = this.isRequestCode(file, fn);
    const name = a.text;
    const shared = `\`${name}\` is an attribute of the application's \`state\`, one object for the whole process that every request on every thread shares`;
    const related = app ? [app] : [];
    const sev = request ? undefined : 'information';
    if (a.taint !== undefined) {
      return this.make('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, stored in \`${name}\`, the application's state shared by every request on every thread; concurrent requests overwrite or read each other's data.`, related);
    }
    return a.op === 'rmw' || a.op === 'augassign'
      ? this.make('TL006', file, a, `${shared}; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`, related, sev)
      : this.make('TL002', file, a, `${shared}; assigning it here changes it for all of them${request ? '' : ' (outside a request handler this may be start-up code: reported as information)'}.`, related, sev);
  }

  /** Where the workspace creates its FastAPI or Starlette application (preferring `file`'s own package), for `request.app.state`. */
  private appCreation(file: FileSummary): RelatedLocation | undefined {
    if (!this.stateApps) {
      this.stateApps = [];
      for (const f of this.files) for (const b of Object.values(f.defs)) if (b.value.k === 'call' && STATE_APPS.has(b.value.callee)) this.stateApps.push({ file: f, binding: b });
    }
    const app = this.stateApps.find((s) => topPackage(s.file) === topPackage(file)) ?? this.stateApps[0];
    return app ? appCreated(app.file, app.binding) : undefined;
  }

  /** See appCreation() (built on first use): the module-level FastAPI and Starlette applications. */
  private stateApps: { file: FileSummary; binding: Binding }[] | undefined;
  private directCalls: Set<string> | undefined;

  /**
   * A change to what a call returned (Access.result): shared state when the function is a
   * module-level function whose cache (`@functools.lru_cache`) hands every caller the same object.
   */
  private judgeResult(file: FileSummary, a: Access): Finding | null {
    if (a.target.t !== 'chain' || (a.held.length > 0 && !(a.check?.outside ?? false))) return null;
    const r = this.resolve(a.target.chain, file);
    if (r.kind === 'def' && r.rest.length === 1 && r.rest[0] === 'get') return this.judgeContextDefault(file, a, r.file, r.binding);
    if (r.kind !== 'def' || r.rest.length > 0 || r.binding.value.k !== 'function') return null;
    const callee = r.file.functions[r.binding.value.fn];
    if (!callee?.cached || callee.cachedSafe) return null;
    // `return Elasticsearch(url)`: a client of a library, judged as a module-level one is (not at all);
    // a class of the scanned files (`return Settings()`) is judged.
    if (callee.cachedClass !== undefined && this.resolve(callee.cachedClass, r.file).kind !== 'def') return null;
    const name = a.text;
    const def: RelatedLocation = {
      path: r.file.path,
      range: toRange(callee.span),
      message: `\`${callee.name}\` is cached: it returns the object it keeps to every caller, on every thread`,
    };
    // `get_settings()["hosts"]`: a container held by the result (the call as written, up to its parentheses).
    const call = /^[\w.]+\([^()]*\)/.exec(name)?.[0] ?? name;
    const shared = name === call ? `\`${name}\` returns the object its cache keeps, shared by all threads`
      : `\`${name}\` is held by what \`${call}\` returns, the object its cache keeps, shared by all threads`;
    return this.sharedWrite(file, a, def, name, 'the result of a cached function', () =>
      a.op === 'rmw'
        ? this.make('TL006', file, a, `${shared}; this reads an entry, computes and writes it back without a lock, so concurrent updates are lost.`, [def])
        : this.make('TL002', file, a, `${shared}; ${opText(a)} changes that shared object for every later caller (change a copy instead).`, [def]),
    );
  }

  /**
   * `VAR.get()["k"] = v` where `VAR = ContextVar("v", default={})`: wherever `VAR` was never set,
   * `get()` returns the one default object, made at import time, so every thread (and task) that
   * has not set `VAR` changes the same dict.
   */
  private judgeContextDefault(file: FileSummary, a: Access, defFile: FileSummary, binding: Binding): Finding | null {
    const value = binding.value;
    if (value.k !== 'safe' || value.mutableDefault === undefined) return null;
    const name = a.text;
    // Code that sets the variable (per request, say) before this runs leaves the default alone: unknown order.
    const setSomewhere = this.contextVarsSet().has(`${defFile.path}\0${binding.name}`);
    const def: RelatedLocation = {
      path: defFile.path,
      range: toRange(binding.span),
      message: `\`${binding.name}\` is defined here with a mutable default: one ${value.mutableDefault} for the whole process`,
    };
    return this.sharedWrite(file, a, def, name, `the default of the ContextVar \`${binding.name}\``, () =>
      this.make(
        a.op === 'rmw' ? 'TL006' : 'TL002',
        file,
        a,
        `\`${name}\` returns the default of \`${binding.name}\` wherever it has not been set: one ${value.mutableDefault}, made at import time and shared by every thread; ${a.op === 'rmw' ? 'this read-modify-write changes it' : `${opText(a)} changes it`} for all of them${setSomewhere ? ` (\`${binding.name}.set()\` is called elsewhere: if it always runs first here, the default is never changed; reported as information)` : ''}. Give each context its own (\`${binding.name}.set(...)\` first, or \`default=None\`).`,
        [def],
        setSomewhere ? 'information' : undefined,
      ),
    );
  }

  /** ContextVars some code calls `.set()` on, as `path\0name` of their definitions (built on first use). */
  private contextVarsSet(): Set<string> {
    if (this.varsSet) return this.varsSet;
    const out = new Set<string>();
    for (const file of this.files) {
      for (const ref of file.refs) {
        if (!ref.chain.endsWith('.set')) continue;
        const r = this.resolve(ref.chain.slice(0, -4), file);
        if (r.kind === 'def' && r.rest.length === 0) out.add(`${r.file.path}\0${r.binding.name}`);
      }
    }
    return (this.varsSet = out);
  }

  private varsSet: Set<string> | undefined;

  /**
   * Whether every write of `a`'s target under `a`'s test is a `setdefault()` (one atomic
   * get-or-insert, as for TL002): racing threads then keep the first entry. A plain store under
   * the same test keeps the warning (findings at one place are reported once).
   */
  private onlySetdefaultUnder(file: FileSummary, a: Access): boolean {
    const span = a.check!.span;
    const target = a.target.t === 'chain' ? a.target.chain : null;
    return file.accesses.every(
      (b) =>
        !b.check ||
        b.check.span.some((v, i) => v !== span[i]) ||
        (b.target.t === 'chain' ? b.target.chain : null) !== target ||
        (b.op === 'mutate' && b.detail === 'setdefault'),
    );
  }

  /** TL007 beats TL005 beats the rule given by `otherwise`. */
  /**
   * Whether any scanned file assigns attribute `attr` on the module-level object `binding` of `file`
   * (`ctx.breadcrumbs = []` in a middleware, through an import of `ctx`): the instance then has its own.
   */
  private resetOnInstance(file: FileSummary, binding: Binding, attr: string): boolean {
    const suffix = `.${attr}`;
    for (const f of this.files) {
      for (const x of f.accesses) {
        if (x.op !== 'attr-store' || x.target.t !== 'chain' || !x.target.chain.endsWith(suffix)) continue;
        const r = this.resolve(x.target.chain.slice(0, -suffix.length), f);
        if (r.kind === 'def' && r.rest.length === 0 && r.file === file && r.binding.name === binding.name) return true;
      }
    }
    return false;
  }

  /** Whether the methods of `cls` (and its lineage) write `self.attr` only once outside `__init__`. */
  private onlySelfWrite(cls: ClassRef, attr: string): boolean {
    let writes = 0;
    for (const c of this.lineage(cls)) {
      for (const a of c.file.accesses) {
        if (a.target.t !== 'self' || a.target.cls !== c.index || a.target.attr !== attr || !STORE_OPS_SELF.has(a.op)) continue;
        if (c.file.functions[a.fn]?.name === '__init__') continue;
        if (++writes > 1) return false;
      }
    }
    return writes === 1;
  }

  /**
   * Whether code other than the one-thread functions of `file` names what `a` changes (`route_for()` reads
   * `ROUTES` that a background thread clears and refills): only then can anyone see it emptied.
   */
  private readByOtherCode(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain') return true;
    const target = this.resolve(a.target.chain, file);
    if (target.kind !== 'def') return true;
    const name = target.binding.name;
    for (const f of this.files) {
      for (const ref of f.refs) {
        if (typeof ref.from !== 'number' || (f === file && (ref.from === a.fn || f.functions[ref.from]?.oneThread))) continue;
        if (!ref.chain.endsWith(name) && !ref.chain.includes(`${name}.`)) continue;
        const r = this.resolve(ref.chain, f);
        if (r.kind === 'def' && r.file === target.file && r.binding.name === name) return true;
      }
    }
    return false;
  }

  /** A change of a Flask application's template environment (`app.jinja_env.globals[...] = ...`) outside set-up. */
  private appJinjaWrite(file: FileSummary, a: Access, related: RelatedLocation[]): Finding | null {
    if (a.held.length > 0 && !(a.check?.outside ?? false)) return null;
    const setting = a.text.slice(a.text.lastIndexOf('.') + 1);
    if (a.taint !== undefined) {
      return this.make('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, stored in \`${a.text}\`, the application's one template environment, shared by every thread; other requests' templates render it.`, related);
    }
    return this.make('TL002', file, a, `\`${a.text}\` belongs to the application's one template environment (\`jinja_env\`), shared by all threads; ${opText(a)} changes the \`${setting}\` every thread's templates render with (set it up in the app factory).`, related);
  }

  private sharedWrite(file: FileSummary, a: Access, def: RelatedLocation, name: string, where: string, otherwise: () => Finding): Finding {
    const found = this.sharedWriteOf(file, a, def, name, where, otherwise);
    // `_settings = None; def get_settings(): if _settings is None: _settings = load()` ... `get_settings()` at module level.
    if (found.severity === 'warning' && found.code === 'TL005' && where === 'global' && this.primedAtImport(file, a)) {
      return { ...found, severity: 'information', message: `${found.message.replace(/\.$/, '')} (but the module calls \`${file.functions[a.fn].name}()\` as it loads, so the value is set before any thread can test it, and no other code sets it again: reported as information).` };
    }
    // `Toolbar.get_panel_classes()` in `AppConfig.ready()`, a lazy initialisation that start-up fills first.
    const primer = found.severity === 'warning' && found.code === 'TL005' ? this.primedAtStartup(file, a) : undefined;
    if (primer !== undefined) {
      return { ...found, severity: 'information', message: `${found.message.replace(/\.$/, '')} (but \`${primer}\` calls \`${file.functions[a.fn].name}()\` at start-up, before any request is served, so the value is set before any thread can test it, and no other code here sets it again: reported as information).` };
    }
    if (found.severity !== 'warning' || found.code === 'TL007' || where !== 'global' || !this.registeringDecorator(file, a.fn)) return found;
    return { ...found, severity: 'information', message: `${found.message.replace(/\.$/, '')}${DECORATOR_NOTE}.` };
  }

  /**
   * A lazy initialisation (`if _settings is None: _settings = load()`, a rebinding under a test) in a
   * module-level function that the module's own module-level code calls as it loads (import time:
   * the module is not importable by another thread until it is done), of a global no other function
   * of its module rebinds, and this one only under this test (nothing sets it back to be filled
   * again at run time).
   */
  private primedAtImport(file: FileSummary, a: Access): boolean {
    // (A rebinding, `_settings = load()`, or a bulk fill of a container tested for emptiness, `if not _funcs:
    // _funcs.update(...)`; not an entry for a key, `if k not in _cache: _cache[k] = ...`, which a call at
    // import fills for one key only.)
    // (Not a test that also refreshes the value, `or time.time() - _loaded > 300`: it holds again later.)
    if (a.check === undefined || a.check.refresh === true || a.target.t !== 'chain' || a.fn < 0) return false;
    if (a.op !== 'rebind' && !(a.op === 'mutate' && PRIMED_FILLS.has(mutateMethod(a)) && a.check.member !== true)) return false;
    const fn = file.functions[a.fn];
    if (!fn || fn.nested || fn.cls >= 0 || fn.isRequest) return false;
    const chain = a.target.chain;
    // No other write of it in the module, in this function too outside this test (idlelib's
    // `capture_warnings(False)` puts None back under another test).
    const sameTest = (x: Access) => x.check !== undefined && x.check.span.every((v, i) => v === a.check!.span[i]);
    if (file.accesses.some((x) => IDEMPOTENT_WRITE_OPS.has(x.op) && x.target.t === 'chain' && x.target.chain === chain && (x.fn !== a.fn || !sameTest(x)))) return false;
    // Nor written by another module (`mod._x = None`, `from mod import _cache; _cache.clear()`), outside its tests.
    const own = `${file.path}\0${chain.slice(chain.lastIndexOf('.') + 1)}`;
    if ((this.writesByDef().get(own) ?? []).some((w) => w.file !== file && !isTestModule(w.file.module))) return false;
    // (Called as the module itself loads: another module's call at its import does not keep threads
    // that imported this one earlier from testing the global meanwhile.)
    for (const chain of file.importCalls ?? []) {
      if (!chain.endsWith(fn.name)) continue;
      const r = this.resolve(chain, file);
      if (r.kind === 'def' && r.rest.length === 0 && r.file === file && r.binding.value.k === 'function' && r.binding.value.fn === a.fn) return true;
    }
    return false;
  }

  /**
   * A lazy initialisation (`if cls._panels is None: cls._panels = load()`, a store under a test of
   * the value, not of a key) in a function that a start-up hook (`AppConfig.ready()`, isStartupHook())
   * calls directly, of a target no other code of the module writes, nor this function outside that
   * test: the hook fills it before any request runs. The hook's qualified name, or undefined.
   */
  private primedAtStartup(file: FileSummary, a: Access): string | undefined {
    if (a.check === undefined || a.check.member === true || a.check.refresh === true || a.fn < 0 || (a.op !== 'rebind' && a.op !== 'attr-store')) return undefined;
    const fn = file.functions[a.fn];
    if (!fn || fn.nested || fn.isRequest) return undefined;
    // First the `ready()` that calls it (FunctionInfo.readyCalls), rare; then what else writes the target.
    const primer = this.readyCaller(file, a.fn);
    if (primer === undefined) return undefined;
    // (`cls._panels` in a classmethod: the class's attribute, by class and name.)
    const target = (x: Access) => (x.target.t === 'chain' ? x.target.chain : `${x.target.cls}#${x.target.attr}`);
    const mine = target(a);
    const sameTest = (x: Access) => x.check !== undefined && x.check.span.every((v, i) => v === a.check!.span[i]);
    if (file.accesses.some((x) => (IDEMPOTENT_WRITE_OPS.has(x.op) || x.op === 'self-write') && target(x) === mine && (x.fn !== a.fn || !sameTest(x)))) return undefined;
    // Nor a global another module writes (`mod._registry = None`), outside its tests.
    if (a.target.t === 'chain' && (this.writesByDef().get(`${file.path}\0${mine.slice(mine.lastIndexOf('.') + 1)}`) ?? []).some((w) => w.file !== file && !isTestModule(w.file.module))) return undefined;
    // Nor a class attribute written elsewhere (`Toolbar._panel_classes = None` in a view, in any module but tests;
    // not a write only tests make happen: a receiver of Django's `setting_changed`, which only tests send).
    if (a.target.t === 'self') {
      const tail = `.${file.classes[a.target.cls]?.qualname}.${a.target.attr}`;
      if (this.files.some((f) => !isTestModule(f.module) && f.accesses.some((x) => x !== a && x.target.t === 'chain' && x.target.chain.endsWith(tail) && IDEMPOTENT_WRITE_OPS.has(x.op) && this.isRuntime(f, x.fn) && !this.usedOnlyByTests(f, x.fn)))) return undefined;
    }
    return primer;
  }

  /**
   * The qualified name of an `AppConfig.ready()` that always calls function `fn` of `file` (its
   * FunctionInfo.readyCalls): a module-level function, or a class- or static method through the class
   * that defines it (`SubRegistry.entries()` fills the subclass's `cls._entries`, not the base's).
   * (The callers of a classmethod the class also calls through `cls` are not all known, isClassLevel(),
   * but one start-up call is enough here.)
   */
  private readyCaller(file: FileSummary, fn: number): string | undefined {
    this.readyHooks ??= this.files.flatMap((f) => f.functions.filter((info) => info.readyCalls !== undefined && this.isStartupHook(f, info)).map((info) => ({ file: f, info })));
    const suffix = `.${file.functions[fn].name}`;
    for (const { file: other, info } of this.readyHooks) {
      for (const chain of info.readyCalls!) {
        if (!chain.endsWith(suffix)) continue;
        const r = this.resolve(chain, other);
        if (r.kind !== 'def' || r.file !== file) continue;
        if (r.rest.length === 0 && r.binding.value.k === 'function' && r.binding.value.fn === fn) return info.qualname;
        if (r.rest.length === 1 && r.binding.value.k === 'class' && own(file.classes[r.binding.value.cls].methods, r.rest[0]) === fn) return info.qualname;
      }
    }
    return undefined;
  }

  private readyHooks: { file: FileSummary; info: FunctionInfo }[] | undefined;

  /**
   * `def register(func): _HOOKS.append(func); return func`, or the closure a module-level factory
   * returns (`def hook(name): def deco(func): ...; return func; return deco`): a decorator that
   * registers what it decorates and hands it back (FunctionInfo.returnsArg), which no function of
   * the scanned files calls nor hands on. Such a decorator runs where a function is defined: as the
   * modules that use it load.
   */
  private registeringDecorator(file: FileSummary, fnIndex: number): boolean {
    const fn = file.functions[fnIndex];
    if (!fn?.returnsArg || fn.isRequest || fn.decorated) return false;
    // `class deprecated: def __call__(self, func_or_cls): ...; return func_or_cls`, applied as `@deprecated(as_of="M")`:
    // no function of the scanned files makes one (or hands the class on).
    if (fn.cls >= 0) {
      if (fn.name !== '__call__' || fn.nested || isTestModule(file.module)) return false;
      const cls = this.clsKey(file, fn.cls);
      return !file.classes[fn.cls].qualname.includes('.') && !this.calledOutsideTests(cls) && !this.handedOn.has(cls) && !this.madeCalledAtRunTime.has(cls);
    }
    let outer = fnIndex;
    if (fn.nested) {
      if (fn.returnedBy < 0) return false;
      const factory = file.functions[fn.returnedBy];
      if (!factory || factory.nested || factory.cls >= 0 || factory.isRequest || factory.decorated) return false;
      outer = fn.returnedBy;
    }
    const key = this.fnKey(file, outer);
    return !this.calledOutsideTests(key) && !this.handedOn.has(key) && !this.madeCalledAtRunTime.has(key) && !isTestModule(file.module);
  }

  /**
   * Whether every caller of a function outside the tests is start-up, command-line or shutdown code
   * (a service's `stop()` calling `rpc.cleanup()`), and nothing hands it on: no request handler reaches
   * it through other functions, however deep.
   */
  private calledOnlyAtStartOrEnd(file: FileSummary, fn: number): boolean {
    const key = this.fnKey(file, fn);
    if (this.handedOn.has(key)) return false;
    for (const caller of this.callers.get(key) ?? []) {
      const callerFile = this.byPath.get(caller.slice(0, caller.lastIndexOf('#')));
      if (callerFile !== undefined && isTestModule(callerFile.module)) continue;
      if (this.importOnly.has(caller) || this.commandOnly.has(caller)) continue;
      const info = this.fnInfo(caller);
      if (info === undefined || callerFile === undefined || info.isRequest) return false;
      // A shutdown of its own: another teardown, a service's `stop()`, the module-level `wait()` a service's main ends with.
      if (SHUTDOWN_CALLER.test(info.name) || TEARDOWN_NAME.test(info.name) || this.isCommandCode(callerFile, Number(caller.slice(caller.lastIndexOf('#f') + 2)))) continue;
      return false;
    }
    return true;
  }

  /**
   * Whether a module outside the examples folder `module` sits in names something of that folder
   * (an application's `from shop.examples.models import Demo`): then it is no example but part of the code.
   */
  private importedFromOutside(module: string): boolean {
    const parts = module.split('.');
    let last = parts.length - 2;
    while (last > 0 && !EXAMPLE_FOLDERS.has(parts[last])) last--;
    const folder = parts.slice(0, last + 1).join('.');
    let known = this.examplesImported.get(folder);
    if (known === undefined) {
      known = this.files.some((f) => !f.module.startsWith(`${folder}.`) && f.refs.some((r) => r.chain === folder || r.chain.startsWith(`${folder}.`)));
      this.examplesImported.set(folder, known);
    }
    return known;
  }

  private readonly examplesImported = new Map<string, boolean>();

  /** Whether a function of a module outside the tests names the function or class `key` (callers). */
  private calledOutsideTests(key: string): boolean {
    for (const caller of this.callers.get(key) ?? []) {
      const file = this.byPath.get(caller.slice(0, caller.lastIndexOf('#')));
      if (file === undefined || !isTestModule(file.module)) return true;
    }
    return false;
  }

  /**
   * A store keyed by the calling thread's identity (`d[threading.get_ident()] = v`, Access.detail THREAD_KEY), where
   * threads are what keep callers apart: not in `async def` code, whose requests share one event-loop thread and so the key.
   */
  private ownThreadEntry(file: FileSummary, a: Access): boolean {
    return ((a.op === 'setitem' && a.detail === THREAD_KEY) || isThreadKeyedMutate(a)) && file.functions[a.fn]?.isAsync !== true && !this.runsOnLoop(file, a.fn);
  }

  private sharedWriteOf(file: FileSummary, a: Access, def: RelatedLocation, name: string, where: string, otherwise: () => Finding): Finding {
    if (a.taint !== undefined) {
      // `_inflight[threading.get_ident()] = request.path`: each thread writes only its own entry (other threads may read it).
      const ownEntry = this.ownThreadEntry(file, a);
      return this.make(
        'TL007',
        file,
        a,
        `\`${truncate(a.taint)}\` is data of one request, stored in \`${name}\`, ${where === 'global' ? 'module-level state' : where} shared by every thread; ${ownEntry ? "the key is the calling thread's identity, so each thread writes only its own entry, but every thread can read the others' (reported as information)." : "concurrent requests overwrite or read each other's data."}`,
        [def],
        ownEntry ? 'information' : undefined,
      );
    }
    // `d[get_ident()]`: each thread tests and writes only its own entry (`if self in _live: _live.remove(self)`:
    // a thread-keyed change under a check keeps its mark only when the test names the same key, collect.ts).
    const own = benignMutation(a);
    // (Not on an object every thread shares, a module-level instance or middleware: two threads may test
    // and remove its one entry at once, and the second `remove()` raises.)
    const sharedSelf = a.op === 'mutate' && (file.functions[a.fn]?.cls ?? -1) >= 0 && this.longLived({ file, index: file.functions[a.fn].cls }) !== null;
    if (a.check && own && (a.op !== 'mutate' || (isThreadKeyedMutate(a) && !sharedSelf))) {
      return this.make('TL005', file, a, `\`${name}\` is shared by all threads; it is tested and then written without a lock${own}.`, [def], 'information');
    }
    // `if key not in _warned: _warned.add(key); log.warning(...)`: threads that race log the message again
    // (when every change of the container in the file is such a one).
    if (a.check?.once && (a.op === 'setitem' || a.op === 'mutate') && file.accesses.every((x) => !sameTarget(x.target, a.target) || !MUTATION_OPS_OF_CONTAINER.has(x.op) || x.check?.once === true)) {
      return this.make('TL005', file, a, `\`${name}\` is shared by all threads; it is tested and then written without a lock, but the block only logs or warns and records the key: threads that race repeat the message.`, [def], 'information');
    }
    // `if not _warned: log.warning(...); _warned = True`: threads that race log the message again.
    // (Only when no code of the file sets it back, `finally: _running = False`: a flag that goes up and down guards work.)
    if (a.check?.once && (a.op === 'rebind' || a.op === 'attr-store') && file.accesses.every((x) => (x.op !== 'rebind' && x.op !== 'attr-store') || x.target.t !== 'chain' || a.target.t !== 'chain' || x.target.chain !== a.target.chain || x.check?.once === true)) {
      return this.make('TL005', file, a, `\`${name}\` is shared by all threads; it is tested and then set without a lock, but the block only logs or warns and sets the flag: threads that race repeat the message.`, [def], 'information');
    }
    if (a.check) {
      const held = a.held.length > 0;
      // Lazy import (`if _f is None: from .impl import f; _f = f`) or compile (`_rx = re.compile(r'...')`):
      // threads that race store the same or an equal object.
      // Only when no other write of the name stores anything else: `if _root is None: _root = '/'`
      // after other code set `_root` from a subprocess is a lost update.
      const setdefault = a.op === 'mutate' && a.detail === 'setdefault' && this.onlySetdefaultUnder(file, a);
      // Published before it is set up (`_ENFORCER = Enforcer()` then `_ENFORCER.load_rules()`): said in the plain warning only.
      const setupAfter = (a.op === 'rebind' || a.op === 'attr-store') && !held && !setdefault ? a.check.setupAfter : undefined;
      const stored =
        a.op !== 'rebind' && a.op !== 'setitem' ? undefined
        : a.detail?.startsWith(IDEMPOTENT_VALUE) ? (this.idempotentStored(file, a) ?? this.idempotentSelfStored(file, a))
        : a.detail === IMPORTED_VALUE ? { value: 'an imported name', result: 'the same object' }
        : a.detail === IMPORTED_PLUGIN_CLASS ? { value: 'the plugin class stevedore loads for an entry point', result: 'the same class' }
        : a.detail === IMPORTED_LIST && !this.collectionChanged(file, a) ? { value: 'a tuple of imported objects', result: 'equal tuples of the same objects' }
        : a.detail?.startsWith(IMMUTABLE_VALUE) && this.onlyResetElsewhere(file, a) ? { value: `a value of an immutable kind, built whole (\`${truncate(a.detail.slice(IMMUTABLE_VALUE.length))}\`)`, result: 'values of their own, each whole, with nothing to set up or leak,' }
        : undefined;
      // `if k not in _cache: _cache[k] = v` ... `return _cache[k]`, while `invalidate()` pops entries.
      const removal = !held && !setdefault && !stored && a.check.readsEntry ? this.entryRemoval(file, a) : null;
      return this.make(
        'TL005',
        file,
        a,
        held && a.check.stale !== undefined
          ? `\`${name}\` is tested under the lock that guards the write only through \`${a.check.stale}\`, a copy read before the lock was taken: the test re-reads nothing, so two threads that both read it unset both write it (broken double-checked locking). Read \`${name}\` again inside the lock.`
          : held
          ? `\`${name}\` is tested outside the lock that guards the write and not tested again inside it; two threads can both pass the test.`
          : setdefault
            ? `\`${name}\` is tested and then written without a lock, but only with \`setdefault()\`, which is atomic and keeps an entry already there: threads that race here keep the first entry and only repeat the work.`
          : stored
            ? `\`${name}\` is tested and then written without a lock; it stores ${stored.value}, so threads that race here store ${stored.result} and only repeat the work.`
          : a.check.filled === true && removal === null && setupAfter === undefined
            ? `\`${name}\` is shared by all threads; it is tested and then filled in place, entry by entry, without a lock: a thread that comes by while another fills it finds it no longer empty, skips the fill and uses it partly filled, and threads that race fill it twice. Fill a local container and assign \`${name}\` whole.`
          : removal !== null
            ? `\`${name}\` is shared by all threads; it is tested and then written without a lock, and an entry is read back after the test: another thread can act between the test and the write, and \`${removal.fn}\` can remove the entry before it is read, which raises KeyError.`
          : setupAfter !== undefined
            ? `\`${name}\` is shared by all threads; it is tested and then written without a lock, and it is assigned before it is set up: another thread can act between the test and the write, or find it assigned and use it before the set-up has run. Build and set it up in a local variable, then assign \`${name}\` last.`
            : `\`${name}\` is shared by all threads; it is tested and then written without a lock, so another thread can act between the test and the write.`,
        removal !== null ? [def, removal.related] : setupAfter !== undefined && !stored ? [def, { path: file.path, range: toRange(setupAfter), message: 'set up here, after it was assigned' }] : [def],
        (held && a.check.stale === undefined) || stored || setdefault ? 'information' : undefined,
      );
    }
    return otherwise();
  }

  /** Whether the class or one it derives from records `note` among its self-calls (ClassInfo.selfCalls: PREPARED_METHOD, REQUEST_HOOK_METHOD, ...). */
  private lineageNotes(cls: ClassRef, note: string): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].selfCalls.includes(note)) return true;
    return false;
  }

  /** Code that serves requests: a request handler, or a function one calls within two calls. */
  private servesRequests(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    return info !== undefined && (this.isRequestCode(file, info) || this.calledByRequestCode(this.fnKey(file, fn), 2));
  }

  /**
   * The name of the frozen class (ClassInfo.frozen) whose new instance a call of `callee` makes: the
   * class itself, or a module-level function whose every return makes one (FunctionInfo.returnsMade); null otherwise.
   */
  private frozenClassMade(file: FileSummary, callee: string, depth = 0): string | null {
    const r = this.resolve(callee, file);
    if (r.kind !== 'def' || r.rest.length > 0) return null;
    const v = r.binding.value;
    if (v.k === 'class') return r.file.classes[v.cls].frozen === true ? r.file.classes[v.cls].qualname : null;
    if (v.k === 'function' && depth === 0) {
      const made = r.file.functions[v.fn].returnsMade;
      return made !== undefined ? this.frozenClassMade(r.file, made, 1) : null;
    }
    return null;
  }

  /** Whether scanned code runs Sphinx itself (`Sphinx(...).build()`, `sphinx.cmd.build`): then an extension's `setup()` may run at run time. */
  private buildsDocs(): boolean {
    if (this.docsBuilt === undefined) this.docsBuilt = this.files.some((f) => f.refs.some((r) => /^sphinx\.(application\.Sphinx|cmd\.build)\b/.test(r.chain)));
    return this.docsBuilt;
  }

  private docsBuilt: boolean | undefined;

  /**
   * A method of a Django AppConfig that only its `ready()` calls (FunctionInfo.readyOnly): start-up code.
   * A public one only when no code names it beyond its file: through the class, or through an object
   * (`apps.get_app_config("rules").load_rules()` in a signal receiver runs it at run time).
   */
  private readyOnlyHook(file: FileSummary, fn: FunctionInfo): boolean {
    if (!fn.readyOnly || fn.cls < 0 || !this.classKind({ file, index: fn.cls }).appConfig) return false;
    if (fn.name.startsWith('_')) return true;
    return !this.readAnywhere().has(`*\0${fn.name}`) && !this.refChains().has(`${file.module}.${file.classes[fn.cls].qualname}.${fn.name}`);
  }

  /**
   * For a lazy initialisation of a global to a value of an immutable kind (IMMUTABLE_VALUE): every
   * other run-time write of it, in any file, is in the same function (another arm of the same set-up)
   * or sets it back to None (a reset, after which the next caller computes it again). A setter that
   * stores something else could lose its value to a racing initialisation.
   */
  private onlyResetElsewhere(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain') return false;
    const key = this.defKey(a.target.chain, file, a.op);
    if (key === null) return false;
    for (const { file: other, access: w } of this.writesByDef().get(key) ?? []) {
      if (w === a || (other === file && w.fn === a.fn) || w.fn < 0) continue;
      if (w.op === 'rebind' && (w.detail === `${IDEMPOTENT_VALUE}${LITERAL_VALUE} None` || w.detail === TEARDOWN_RESET)) continue;
      return false;
    }
    return true;
  }

  /**
   * For a store of an entry under a membership test whose function reads the entry back
   * (Access.check.readsEntry): a run-time removal of entries of that container elsewhere
   * (`del C[k]`, `C.pop(k)`, `C.popitem()`, `C.clear()`, or the global rebound to a new one),
   * outside the tests, with the function that makes it; null when there is none.
   */
  private entryRemoval(file: FileSummary, a: Access): { fn: string; related: RelatedLocation } | null {
    if (a.target.t !== 'chain') return null;
    const key = this.defKey(a.target.chain, file, a.op);
    if (key === null) return null;
    for (const { file: other, access: w } of this.writesByDef().get(key) ?? []) {
      const removes = w.op === 'delitem' || w.op === 'rebind' || (w.op === 'mutate' && ENTRY_REMOVALS.has(mutateMethod(w)));
      // (Nor a removal in a private function nothing calls: docker's `_purge()`.)
      if (!removes || w.fn < 0 || isTestModule(other.module) || this.importOnly.has(this.fnKey(other, w.fn)) || this.demotion(other, w) !== '') continue;
      const fn = other.functions[w.fn];
      if (!fn) continue;
      return { fn: `${fn.name}()`, related: { path: other.path, range: toRange(w.span), message: `\`${fn.name}()\` removes entries here` } };
    }
    return null;
  }

  /**
   * A change of the process's one configuration (Django's settings, a Flask application's config):
   * request data stored there is TL007 (the most specific rule), any other change TL009.
   */
  private configWrite(file: FileSummary, a: Access, fn: FunctionInfo, config: string): Finding {
    if (a.taint !== undefined) {
      return this.make('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, stored in \`${a.text}\`, part of ${config}; every thread reads it, so concurrent requests overwrite or read each other's data.`, []);
    }
    return this.processWide(file, a, fn, `changing \`${a.text}\` changes ${config}`);
  }

  private processWide(file: FileSummary, a: Access, fn: FunctionInfo, what: string): Finding {
    const direct = this.isRequestCode(file, fn);
    // `def render_pdf(): os.chdir(tmp)` called by a view: the change happens while serving a request all the same.
    const request = direct || this.calledByRequestCode(this.fnKey(file, a.fn), 2);
    // Outside request handlers the change may be start-up configuration (information), unless the
    // function puts it back itself in a web application: a change for the length of one call, made
    // each time it runs. (In a command-line tool such a swap is usually single-threaded.)
    const restored = !request && this.isWebApplication(file) && this.changedTwice(file, a);
    return this.make(
      'TL009',
      file,
      a,
      restored
        ? `${what}, for every thread at once; \`${fn.name}\` makes this change and undoes it, so it lasts one call: other threads run under it meanwhile, and two calls at once can leave it in place.`
        : `${what}, for every thread at once${direct ? ', from request-handling code' : request ? ', from code that request handlers call' : ''}.`,
      [],
      request || restored ? undefined : 'information',
    );
  }

  /**
   * A race between threads found in `async def` code of an event-loop application (onEventLoop):
   * information when no coroutine can run between the read and the write (`awaited` false), a
   * warning with a word on coroutines when one can; `awaited` undefined when the place is not known.
   */
  private onEventLoopNote(file: FileSummary, f: Finding, fn: number, awaited: boolean | undefined, a?: Access): void {
    const info = file.functions[fn];
    if (f.severity !== 'warning' || !THREAD_RACE_RULES.has(f.code) || info === undefined || !this.runsOnLoop(file, fn)) return;
    // State that thread-pool code writes too (`asyncio.to_thread(f)`, `run_in_executor`): the loop's
    // thread races with those threads, wherever it waits or not.
    if (a !== undefined && a.target.t === 'chain') {
      const key = this.defKey(a.target.chain, file, a.op);
      if (key !== null && this.threadWritten().has(key)) {
        f.message += ' (Code on other threads writes it too, so the event loop\'s one thread does not keep them apart.)';
        return;
      }
    }
    if (awaited) {
      f.message += ' (On the event loop the same holds for coroutines: another one runs while this one waits between the read and the write.)';
      return;
    }
    f.severity = 'information';
    const what = info.isAsync ? '`async def` code of an event-loop application' : 'a plain function the event loop calls';
    f.message += awaited === false
      ? ` (${what} runs on the loop's one thread, and nothing here lets another coroutine run between the read and the write, so no update is lost to another coroutine: reported as information)`
      : ` (${what} runs on the loop's one thread: reported as information)`;
  }

  /**
   * Whether `file` belongs to a web application: the framework profile says so, or (for `auto`)
   * some module of its top-level package imports a web framework at module level. Modules outside
   * any package count by folder (a flat project), so the standard library's `pdb` does not become
   * part of a web application because Django and its scripts are scanned beside it.
   */
  private isWebApplication(file: FileSummary): boolean {
    const profile = this.options.framework;
    if (profile !== 'auto') return profile !== 'none';
    return this.frameworksOf(file).size > 0;
  }

  /** The web frameworks the modules of `file`'s top-level package (or folder) import at module level. */
  /** A package that imports an event-loop framework (Starlette, aiohttp, ...) and not Django (frameworksOf()). */
  private onEventLoopFramework(file: FileSummary): boolean {
    const fw = this.frameworksOf(file);
    if (fw.has('django')) return false;
    for (const f of fw) if (EVENT_LOOP_FRAMEWORKS.has(f)) return true;
    return false;
  }

  private frameworksOf(file: FileSummary): ReadonlySet<string> {
    if (!this.webPackages) {
      this.webPackages = new Map();
      for (const f of this.files) {
        // Vendored copies of other projects (pip's `_vendor`) say nothing about the project that ships them.
        if (VENDORED.test(f.module)) continue;
        const tops = frameworkImports(f);
        if (tops.length === 0) continue;
        const key = topPackage(f);
        let set = this.webPackages.get(key);
        if (!set) this.webPackages.set(key, (set = new Set()));
        for (const top of tops) set.add(top);
      }
    }
    return this.webPackages.get(topPackage(file)) ?? NO_FRAMEWORKS;
  }

  /**
   * Plain `def` functions of the scanned files that only code on an event loop calls (every
   * reference is a call from a coroutine of an event-loop application, from a plain method of a
   * Tornado handler, or from another such function, to any depth): they run on the loop's thread,
   * inside the caller's step (`_bump(key)` in an aiohttp handler, `sys_info()` in a Tornado
   * handler's `get`); class- and static methods called through their class too. Not one referenced any other way (a FastAPI sync endpoint, registered by its
   * decorator, runs in a thread pool), nor one only functions that nothing on the loop reaches call.
   */
  private syncOnLoop(): Set<string> {
    if (this.loopHelpers) return this.loopHelpers;
    // Functions handed to an event loop (`loop.call_soon_threadsafe(f, x)`): the read of `f` as the
    // argument, a plain value reference from the calling function, is that hand-over, not another use.
    const handed = new Set<string>();
    const uses: [string, FileSummary, Ref, FunctionInfo][] = [];
    for (const file of this.files) {
      for (const ref of file.refs) {
        const r = this.resolve(ref.chain, file);
        if (r.kind !== 'def') continue;
        const v = r.binding.value;
        // A module-level function, or a class- or static method called through its class (`translator.load(d)`),
        // also one a subclass inherits (`AppTranslator.load(d)` is a call of `translator.load`).
        const found =
          r.rest.length === 0 && v.k === 'function' ? { file: r.file, fn: v.fn }
          : r.rest.length === 1 && v.k === 'class' ? this.classLevelMethod({ file: r.file, index: v.cls }, r.rest[0])
          : undefined;
        if (found === undefined) continue;
        const key = this.fnKey(found.file, found.fn);
        if (ref.from === 'loop') handed.add(`${file.path}\0${key}`);
        uses.push([key, file, ref, found.file.functions[found.fn]]);
      }
    }
    // Per function: the callers it waits on (null once a reference rules it out).
    const callers = new Map<string, Set<string> | null>();
    // A caller that runs on the loop itself (a coroutine of such an application, a Tornado handler's plain method).
    const seeds = new Map<string, boolean>();
    const onLoop = (file: FileSummary, fn: number): boolean => {
      const key = this.fnKey(file, fn);
      let known = seeds.get(key);
      if (known === undefined) {
        const info = file.functions[fn];
        // (A handler's plain method only when it is an instance method the handler does not hand to a
        // thread or a pool: `run_in_executor(None, self.blocking_build)` runs off the loop.)
        seeds.set(key, (known = this.onEventLoop(file, info) || (info !== undefined && !info.isAsync && !info.isStatic && !info.isClassMethod &&
          this.loopClassMethod(file, info) && !this.handedToThreads({ file, index: info.cls }, info.name) && !this.methodHandedOn({ file, index: info.cls }, info.name))));
      }
      return known;
    };
    for (const [key, file, ref, callee] of uses) {
      let from = callers.get(key);
      if (from === null) continue;
      if (from === undefined) callers.set(key, (from = new Set()));
      if (ref.from === 'loop') continue;
      // (A decorated function may be an endpoint the framework runs in its thread pool; `@classmethod` is no such decorator.)
      const call = typeof ref.from === 'number' && ref.call === true && ref.deferred !== true && !callee.wrapped && (!callee.decorated || callee.cls >= 0);
      if (call) {
        if (!onLoop(file, ref.from as number)) from.add(this.fnKey(file, ref.from as number));
        continue;
      }
      // (The hand-over itself: `f` read as the argument of the loop's scheduling call.)
      if (typeof ref.from === 'number' && ref.call !== true && handed.has(`${file.path}\0${key}`)) continue;
      callers.set(key, null);
    }
    const only = new LeastFixpoint();
    for (const [key, from] of callers) {
      if (from === null) continue;
      // A class- or static method of a class something makes (`Translator().load(d)`): calls through an instance are not seen.
      const at = key.lastIndexOf('#f');
      const info = this.fnInfo(key);
      if (info !== undefined && info.cls >= 0 && this.instantiatedAtRuntime.has(`${key.slice(0, at)}#c${info.cls}`)) continue;
      only.wait(key, from);
    }
    only.drain();
    this.loopHelpers = only.members;
    return this.loopHelpers;
  }

  /** Whether function `fn` runs on an event loop's thread: a coroutine, a plain function only the loop runs, a Tornado handler's method. */
  private runsOnLoop(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (info === undefined) return false;
    if (info.isAsync) return this.loopApplication(file) || this.loopCoroutine(file, info);
    // (Every caller runs on the loop, Channels' async consumers included, wherever the function is.)
    return this.syncOnLoop().has(this.fnKey(file, fn)) || this.loopClassMethod(file, info);
  }

  /**
   * Module-level definitions (defKey) that code known to run on other threads writes: functions
   * handed to threads or a thread pool (`asyncio.to_thread(f)`, `run_in_executor(None, f)`, also
   * through a lambda), plain `def` request handlers (a thread pool's), Tornado's `@run_on_executor`
   * methods. Not any function that is merely not shown to run on the loop.
   */
  /**
   * Whether code not confined to one thread (Access.oneThread) also writes what `a` writes, at run
   * time: the main thread's unlocked update then races with the others' (locked or not).
   */
  private writtenByOthers(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain') return false;
    const key = this.defKey(a.target.chain, file, a.op);
    if (key === null) return false;
    if (!this.sharedWrites) {
      const out = new Set<string>();
      for (const f of this.files) {
        for (const x of f.accesses) {
          if (x.target.t !== 'chain' || x.oneThread !== undefined || !IDEMPOTENT_WRITE_OPS.has(x.op) || !this.isRuntime(f, x.fn)) continue;
          const k = this.defKey(x.target.chain, f, x.op);
          if (k !== null) out.add(k);
        }
      }
      this.sharedWrites = out;
    }
    return this.sharedWrites.has(key);
  }

  private sharedWrites: Set<string> | undefined;

  private threadWritten(): Set<string> {
    if (this.threadWrites) return this.threadWrites;
    const threaded = new Set<string>();
    for (const file of this.files) {
      for (const ref of file.refs) {
        if (ref.from !== 'thread' && ref.deferred !== true) continue;
        const r = this.resolve(ref.chain, file);
        if (r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'function') threaded.add(this.fnKey(r.file, r.binding.value.fn));
      }
    }
    const onThreads = (file: FileSummary, fn: number): boolean => {
      const info = file.functions[fn];
      return info !== undefined && !info.isAsync && (info.isRequest || info.offLoop || threaded.has(this.fnKey(file, fn)));
    };
    const out = new Set<string>();
    for (const file of this.files) {
      for (const a of file.accesses) {
        if (a.target.t !== 'chain' || !IDEMPOTENT_WRITE_OPS.has(a.op) || !this.isRuntime(file, a.fn) || this.runsOnLoop(file, a.fn) || !onThreads(file, a.fn)) continue;
        const key = this.defKey(a.target.chain, file, a.op);
        if (key !== null) out.add(key);
      }
    }
    this.threadWrites = out;
    return out;
  }

  /**
   * A method of a Tornado request or websocket handler: Tornado calls them, plain `def` ones too, on
   * its IOLoop's thread (it has no thread pool for handlers). Likewise slixmpp's plugins ("SleekXMPP
   * without threads"): their handlers and `plugin_init`/`plugin_end` run on its asyncio loop, unless the
   * class runs any of its code on other threads (`threading.Thread(...)`, `asyncio.to_thread(...)`), whose
   * methods and what they call are then not known to stay on the loop.
   */
  private loopClassMethod(file: FileSummary, fn: FunctionInfo): boolean {
    if (fn.cls < 0 || fn.offLoop) return false;
    const cls = { file, index: fn.cls };
    const lineage = [...this.lineage(cls)].map((c) => c.file.classes[c.index]);
    if (lineage.some((c) => c.bases.some((b) => TORNADO_HANDLER.test(b)))) return true;
    if (lineage.some((c) => c.bases.some((b) => SLIXMPP_PLUGIN.test(b)))) return !this.threadsOwnMethods(cls);
    // (Not in a module that starts threads or serves with a threaded framework: a loop run on a background
    // thread beside Flask's request threads, which read what the protocol writes.)
    return lineage.some((c) => c.bases.some((b) => ASYNCIO_PROTOCOL.test(b))) && !this.threadsOwnMethods(cls) && !file.refs.some((r) => SERVES_OR_THREADS.test(r.chain));
  }

  /** An `async def` of an event-loop application (loopApplication()): its coroutines share one thread. */
  private onEventLoop(file: FileSummary, fn: FunctionInfo | undefined): boolean {
    return fn !== undefined && fn.isAsync && (this.loopApplication(file) || this.loopCoroutine(file, fn));
  }

  /**
   * An `async def` that runs on an event loop whatever else its package imports: a method of a
   * Channels async consumer (an ASGI server runs every handler of one as a coroutine on its loop;
   * Channels never runs under WSGI), or a coroutine of a module that uses gRPC's asyncio API
   * (`grpc.aio.server()` made in it: the server runs every `async def` handler on its loop).
   */
  private loopCoroutine(file: FileSummary, fn: FunctionInfo): boolean {
    if (!fn.isAsync || this.options.framework === 'none') return false;
    if (fn.cls >= 0) {
      for (const c of this.lineage({ file, index: fn.cls })) if (c.file.classes[c.index].bases.some((b) => CHANNELS_ASYNC_CONSUMER.test(b))) return true;
      // An `async def` method of a gRPC servicer or interceptor: only `grpc.aio` runs coroutines.
      const cls = { file, index: fn.cls };
      const kept = this.keptAs(cls);
      if (this.classKind(cls).grpc !== '' || kept === 'grpc' || kept === 'interceptor') return true;
    }
    // A gRPC asyncio server made in this module (not a client channel of `grpc.aio`, which a Flask view may
    // run in its own `asyncio.run()`).
    return file.refs.some((r) => r.chain === 'grpc.aio.server');
  }

  /**
   * Whether `file` belongs to an application built on an event-loop framework (FastAPI, Starlette,
   * aiohttp, ...) and on nothing else: its coroutines share one thread, and switch only where
   * they wait. Not with the `django` or `flask` profile, nor when Django or Flask is imported too.
   */
  private loopApplication(file: FileSummary): boolean {
    if (this.options.framework !== 'auto') return false;
    // A module that itself imports an event-loop framework and neither Django nor Flask is that
    // framework's code, whatever else its package holds (a Quart app beside a Flask one).
    let own = false;
    for (const b of Object.values(file.defs)) {
      if (b.value.k !== 'import' || b.value.optional) continue;
      const top = b.value.target.split('.', 1)[0];
      if (top === 'django' || top === 'flask') {
        own = false;
        break;
      }
      if (EVENT_LOOP_FRAMEWORKS.has(top)) own = true;
    }
    if (own) return true;
    let loop = false;
    for (const f of this.frameworksOf(file)) {
      // A server that runs either kind, and a toolkit an ASGI application may use for its helpers.
      if (f === 'gunicorn' || f === 'werkzeug') continue;
      if (!EVENT_LOOP_FRAMEWORKS.has(f)) return false;
      loop = true;
    }
    return loop;
  }

  /**
   * Whether `a`'s function also puts the change back: the same call or assignment given the value
   * it saved earlier (`old = os.umask(0)` ... `os.umask(old)`; detail RESTORES, from collect.ts).
   */
  private changedTwice(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain' || (a.op !== 'call' && a.op !== 'attr-store')) return false;
    const chain = a.target.chain;
    // `with contextlib.chdir(d):`, `with redirect_stdout(buf):`: saves, changes and restores by design;
    // `warnings.simplefilter(...)` inside `with warnings.catch_warnings():` (RESTORED_BY_BLOCK), restored by it.
    if (a.op === 'call' && RESTORING_CONTEXT_MANAGERS.has(chain)) return true;
    // `signal.signal()` raises off the main thread: two calls can never overlap.
    if (chain === 'signal.signal') return false;
    if (a.detail === RESTORED_BY_BLOCK) return true;
    return file.accesses.some((b) => b.fn === a.fn && b.op === a.op && b.detail === RESTORES && b.target.t === 'chain' && b.target.chain === chain);
  }

  /**
   * Finds a class attribute along the class and its bases in the scanned files (not a traitlets
   * trait, TRAIT_CALL: each instance's value is its own).
   */
  private classAttr(cls: ClassRef, attr: string): { cls: ClassRef; binding: Binding } | null {
    for (const c of this.lineage(cls)) {
      const binding = own(c.file.classes[c.index].attrs, attr);
      if (binding) return binding.value.k === 'call' && TRAIT_CALL.test(binding.value.callee) ? null : { cls: c, binding };
    }
    return null;
  }

  private instanceAssigned(cls: ClassRef, attr: string): boolean {
    for (const c of this.lineage(cls)) if (Object.hasOwn(c.file.classes[c.index].instanceAttrs, attr)) return true;
    return false;
  }

  /**
   * A class's role as a long-lived object (longLivedOwn), or, for a mixin, the certain role of a
   * subclass in the scanned files that inherits its methods (`class BannerAdmin(CurrentUserMixin,
   * admin.ModelAdmin)`: the mixin's `get_queryset` runs on the one BannerAdmin instance).
   */
  private longLived(cls: ClassRef): LongLived | null {
    const own = this.longLivedOwn(cls);
    if (own !== null || this.classKind(cls).view) return own;
    for (const sub of this.subclasses().get(classKey(cls)) ?? []) {
      const life = this.longLivedOwn(sub);
      // A WSGI middleware that also derives from a handler class (Django's StaticFilesHandler from
      // WSGIHandler) does not make that class's methods its own: the handler sets itself up in them.
      if (life === null || !life.certain || life.role === 'WSGI middleware') continue;
      const info = sub.file.classes[sub.index];
      return { ...life, related: { path: sub.file.path, range: toRange(info.span), message: `${lifeMessage(life, info)}; it inherits this class's methods` } };
    }
    return null;
  }

  /**
   * The classes of the scanned files whose metaclass is `meta` or one derived from it
   * (`class _Manager(metaclass=SingletonMeta)`, `six.with_metaclass(SingletonMeta, object)`,
   * `@six.add_metaclass(SingletonMeta)`: ClassInfo.metaclass) or that inherit from such a class:
   * calling any of them runs `meta.__call__`.
   */
  private metaclassUsers(meta: ClassRef): ClassRef[] {
    if (!this.declaredMetaclasses) {
      // Once: the classes that name a metaclass, by the metaclass's classKey.
      const direct = new Map<string, Set<string>>();
      const addUser = (metaclass: string, file: FileSummary, user: string) => {
        const r = this.resolve(metaclass, file);
        if (r.kind !== 'def' || r.rest.length > 0 || r.binding.value.k !== 'class') return;
        const key = classKey({ file: r.file, index: r.binding.value.cls });
        let users = direct.get(key);
        if (!users) direct.set(key, (users = new Set()));
        users.add(user);
      };
      for (const file of this.files) {
        // A metaclass called to make a class: whose calls are not followed (an unknown user, DYNAMIC_USER).
        for (const chain of file.classFactoryCalls ?? []) addUser(chain, file, DYNAMIC_USER);
        file.classes.forEach((c, index) => {
          if (c.metaclass !== undefined) addUser(c.metaclass, file, classKey({ file, index }));
        });
      }
      this.declaredMetaclasses = direct;
    }
    // (A metaclass derived from it, `class LoggedSingleton(Singleton)`, runs its `__call__` for its classes too.)
    const direct = new Set<string>();
    for (const m of this.descendantsOf(meta)) {
      // Called to make a class, at module level (`Session = Singleton("Session", (object,), {})`) or in a
      // function: the class it makes is called where the analysis does not follow.
      if (this.instantiatedAtRuntime.has(this.clsKey(m.file, m.index))) return [];
      const users = this.declaredMetaclasses.get(classKey(m)) ?? new Set<string>();
      if (users.has(DYNAMIC_USER)) return [];
      for (const user of users) direct.add(user);
    }
    if (direct.size === 0) return [];
    const out: ClassRef[] = [];
    for (const file of this.files) {
      for (let index = 0; index < file.classes.length; index++) {
        const cls: ClassRef = { file, index };
        for (const c of this.lineage(cls)) {
          if (direct.has(classKey(c))) {
            out.push(cls);
            break;
          }
        }
      }
    }
    return out;
  }

  private declaredMetaclasses: Map<string, Set<string>> | undefined;

  /** Classes of the scanned files by the classes they inherit from (their lineage, without themselves), by classKey. */
  private subclasses(): Map<string, ClassRef[]> {
    if (this.subclassMap) return this.subclassMap;
    this.subclassMap = new Map();
    for (const file of this.files) {
      for (let index = 0; index < file.classes.length; index++) {
        if (file.classes[index].bases.length < 2) continue;
        const cls: ClassRef = { file, index };
        const own = classKey(cls);
        for (const base of this.lineage(cls)) {
          const key = classKey(base);
          if (key === own) continue;
          let list = this.subclassMap.get(key);
          if (!list) this.subclassMap.set(key, (list = []));
          list.push(cls);
        }
      }
    }
    return this.subclassMap;
  }

  /**
   * Whether request code makes the class, one per request, and no module-level code keeps one of it or of a
   * subclass (`application = CountingMiddleware(app)` serves every request even if a debug view also makes one).
   */
  private madePerRequest(cls: ClassRef): boolean {
    if (!this.runtimeMakers(cls).some((key) => this.isRequestKey(key))) return false;
    return !this.descendantsOf(cls).some((d) => this.namedAtImport.has(this.clsKey(d.file, d.index)));
  }

  /** The functions (fnKey) that make the class and run after start-up (not import time, start-up or commands alone). */
  private runtimeMakers(cls: ClassRef): string[] {
    return (this.instantiators.get(this.clsKey(cls.file, cls.index)) ?? []).filter((f) => !this.importOnly.has(f) && !this.commandOnly.has(f));
  }

  private longLivedOwn(cls: ClassRef): LongLived | null {
    const kind = this.classKind(cls);
    const django = this.options.framework === 'auto' || this.options.framework === 'django';
    // A DRF component the code also makes once at module level (a renderer instance it reuses) is that instance.
    if (kind.view && !(kind.drfComponent && this.singletons.has(`${cls.file.path}#${cls.index}`))) return null;
    if (kind.middleware) {
      // (Known by its shape only, in a package that does not import Django: WebOb's, oslo.middleware's.)
      const info = cls.file.classes[cls.index];
      const shaped = info.takesGetResponse || [...this.lineage(cls)].some((c) => c.file.classes[c.index].bases.some((b) => b.endsWith('MiddlewareMixin')));
      const django = shaped || this.frameworksOf(cls.file).has('django');
      // A class named so that request code makes (Paste's `CheckForRecursionMiddleware(app, environ)` in
      // `RecursiveMiddleware.__call__`): one per request, that request's own (not one of Django's shape, which Django makes).
      if (!shaped && this.madePerRequest(cls)) return null;
      return django ? { role: 'middleware', certain: true } : { role: 'middleware', certain: true, notDjango: true };
    }
    // Certain unless a function that runs after start-up also makes one (`_Dispatch(app)(environ, start_response)`
    // per request, or a server's `run_simple()` wrapping the application it is given).
    if (kind.wsgiMiddleware) {
      const makers = this.runtimeMakers(cls);
      // Made by request code: one per request, that request's own.
      if (this.madePerRequest(cls)) return null;
      // Information when nothing in the scanned files makes one (or one of a subclass): a class of
      // that shape may also be made per connection (engineio's websocket wrappers, kept in a dict of classes).
      const made = this.descendantsOf(cls).some((d) => this.instantiatedAtRuntime.has(this.clsKey(d.file, d.index)) || this.namedAtImport.has(this.clsKey(d.file, d.index)));
      return made ? { role: 'WSGI middleware', certain: makers.length === 0 } : { role: 'WSGI middleware', certain: false, unmade: true };
    }
    if (kind.node) return { role: 'template node', certain: true };
    if (kind.modelAdmin) return { role: 'model admin', certain: true };
    if (kind.reusedView) return { role: 'reused view', certain: true };
    // Information unless the method takes the request: much of a manager's state is a cache of
    // values every thread computes alike (ContentTypeManager's), and its methods also run in scripts.
    if (kind.manager) return { role: 'model manager', certain: false };
    if (kind.falcon !== '') return { role: kind.falcon === 'resource' ? 'Falcon resource' : 'Falcon middleware component', certain: true };
    if (kind.tween) return { role: 'Pyramid tween', certain: true };
    if (kind.cherrypy) return { role: 'CherryPy controller', certain: true };
    // A storage may also be one a field keeps or code makes for a call: information unless a request uses it.
    if (kind.djangoSingleton !== '') return { role: `Django ${kind.djangoSingleton}`, certain: kind.djangoSingleton !== 'storage' };
    const kept = this.keptAs(cls);
    if (django && kept !== undefined) {
      const named = DJANGO_KEPT_ROLES.get(kept);
      if (named !== undefined) return { role: named, certain: true };
    }
    // `__new__` hands out one instance for every call of the class.
    if (this.newSingleton(cls)) return { role: 'singleton made by `__new__`', certain: true };
    // Every instance of a Borg class shares one `__dict__`: its attributes are shared like a singleton's.
    if (this.sharedDict(cls)) return { role: BORG_ROLE, certain: true };
    // A descriptor (`__get__`) lives in the class body of its owner: one object for every instance, on every thread.
    if (this.isDescriptor(cls)) return { role: 'descriptor', certain: true };
    // One per installed application in `django.apps.apps`; `ready()` is start-up code. Information:
    // which requests call its other methods is not seen (`apps.get_app_config("x").method()`).
    if (kind.appConfig) return { role: 'Django app config', certain: false };
    const grpc = kept === 'interceptor' ? 'interceptor' : kept === 'grpc' ? 'servicer' : kind.grpc;
    if (grpc !== '') return { role: grpc === 'interceptor' ? 'gRPC server interceptor' : 'gRPC servicer', certain: true };
    const singleton = this.singletons.get(`${cls.file.path}#${cls.index}`);
    // `app.before_request(self._check)` in `init_app()`: the object lives as long as the application and
    // that method serves every request (certain there, judgeSelf(); its other methods as far as known).
    if (this.registersRequestHooks(cls)) return singleton ? { role: 'Flask extension', certain: false, related: singleton } : { role: 'Flask extension', certain: false };
    if (singleton) return { role: 'module-level instance', certain: false, related: singleton };
    const owner = this.ownerOf(cls);
    if (owner !== undefined) return { role: OWNED_ROLE, certain: false, related: owner };
    return null;
  }

  /**
   * Where the constructor of a long-lived object makes an instance of `kept` and keeps it on itself
   * (`self.limiter = Limiter()` in a middleware's `__init__`, or in a base class's constructor of a
   * middleware): that one instance serves every request the owner serves. Owners are long-lived for
   * certain by their own kind (longLivedOwn() without this rule: no chains of owners). Candidates are
   * found by the callee's last name first (keptByName()), so only they are resolved.
   */
  private ownerOf(kept: ClassRef): RelatedLocation | undefined {
    const key = classKey(kept);
    this.owned ??= new Map();
    if (this.owned.has(key)) return this.owned.get(key);
    // (Undefined while it is worked out: longLivedOwn() of a candidate owner asks for its own owner, and owners are not kept objects.)
    this.owned.set(key, undefined);
    const info = kept.file.classes[kept.index];
    const keptKind = this.classKind(kept);
    // (Not a `threading.local` subclass, nor a type made to be shared: each thread has its own, or it locks itself.)
    if (keptKind.threadLocal || keptKind.safe) return undefined;
    const name = info.qualname.slice(info.qualname.lastIndexOf('.') + 1);
    for (const { made, attr } of this.keptByName().get(name) ?? []) {
      const found = this.keptObject(made, attr, false);
      if (found === null || classKey(found) !== key) continue;
      // The owner: this class, or one derived from it.
      let life = this.longLivedOwn(made);
      let owner: ClassRef | null = life !== null && life.certain ? made : null;
      if (owner === null) {
        for (const d of this.descendantsOf(made)) {
          const l = d.file === made.file && d.index === made.index ? null : this.longLivedOwn(d);
          if (l !== null && l.certain) {
            owner = d;
            life = l;
            break;
          }
        }
      }
      if (owner === null || life === null) continue;
      const where = made.file.classes[made.index];
      const related = { path: made.file.path, range: toRange(where.instanceAttrs[attr].span), message: `\`${where.qualname}.__init__\` makes one and keeps it in \`self.${attr}\`; ${lifeMessage(life, owner.file.classes[owner.index])}` };
      this.owned.set(key, related);
      return related;
    }
    return undefined;
  }

  /** By the last name of what is called: the instance attributes a constructor sets to a call's result (`self.limiter = Limiter()`). */
  private keptByName(): Map<string, { made: ClassRef; attr: string }[]> {
    if (this.keptNames) return this.keptNames;
    const out = new Map<string, { made: ClassRef; attr: string }[]>();
    for (const file of this.files) {
      for (let index = 0; index < file.classes.length; index++) {
        const attrs = file.classes[index].instanceAttrs;
        for (const attr of Object.keys(attrs)) {
          const value = attrs[attr].value;
          if (value.k !== 'call') continue;
          const name = value.callee.slice(value.callee.lastIndexOf('.') + 1);
          let list = out.get(name);
          if (!list) out.set(name, (list = []));
          list.push({ made: { file, index }, attr });
        }
      }
    }
    this.keptNames = out;
    return out;
  }

  private keptNames: Map<string, { made: ClassRef; attr: string }[]> | undefined;


  private owned: Map<string, RelatedLocation | undefined> | undefined;

  /** Whether `self.<attr>` holds an object of a scanned class the constructor made (keptObject()) whose class defines `method`. */
  private keptMethod(cls: ClassRef, attr: string, method: string): boolean {
    const kept = this.keptObject(cls, attr);
    // (Only an object judged as kept, ownerOf(), and a class all of whose bases are scanned: not a
    // `list` subclass whose `append()` ends in the list's own.)
    if (kept === null || this.ownerOf(kept) === undefined || this.hasOutsideBase(kept)) return false;
    for (const c of this.lineage(kept)) if (own(c.file.classes[c.index].methods, method) !== undefined) return true;
    return false;
  }

  /**
   * The class of the object that `cls`'s constructor makes and keeps in `self.<attr>` (`self.limiter = Limiter()`),
   * a class of the scanned files; null when the attribute holds anything else, or when `inherited` and the
   * class has a method of that name (`self.authenticate(...)` calls it).
   */
  private keptObject(cls: ClassRef, attr: string, inherited = true): ClassRef | null {
    // (The class's own attributes first, without walking the lineage: most calls through `self` are on
    // attributes that hold no object a constructor made, and are answered here.)
    const found = this.keptIn(cls, attr, inherited);
    if (found !== undefined || !inherited || cls.file.classes[cls.index].bases.length === 0) return found ?? null;
    for (const c of this.lineage(cls)) {
      if (c.file === cls.file && c.index === cls.index) continue;
      const inBase = this.keptIn(c, attr, true);
      if (inBase !== undefined) return inBase;
    }
    return null;
  }

  /** keptObject() for the attribute as one class of the lineage has it; undefined when that class does not name it. */
  private keptIn(c: ClassRef, attr: string, methods: boolean): ClassRef | null | undefined {
    const info = c.file.classes[c.index];
    if (methods && own(info.methods, attr) !== undefined) return null;
    const binding = own(info.instanceAttrs, attr);
    if (binding === undefined) return undefined;
    if (binding.value.k !== 'call') return null;
    const r = this.resolve(binding.value.callee, c.file);
    return r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'class' ? { file: r.file, index: r.binding.value.cls } : null;
  }

  /** Whether a request hook the class or one it derives from registers calls the method (ClassInfo.hookCalls). */
  private hookCalled(cls: ClassRef, name: string): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].hookCalls.includes(name)) return true;
    return false;
  }

  /** Whether the class or one it derives from registers one of its methods as a request hook (ClassInfo.selfCalls: REQUEST_HOOK_METHOD). */
  private registersRequestHooks(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].selfCalls.some((s) => s.startsWith(REQUEST_HOOK_METHOD))) return true;
    return false;
  }

  private judgeClassAttr(file: FileSummary, a: Access, cls: ClassRef, attr: string, via: 'self' | 'cls' | 'class'): Finding | null {
    const held = a.held.length > 0;
    const unguarded = !held || (a.check?.outside ?? false);
    // (A class attribute assigned anew in request code leaks to every later request, lock or not: below.)
    const reassigned = a.op === 'attr-store' && via !== 'self' && a.taint === undefined && a.check === undefined;
    if (!unguarded && !reassigned) return null;
    const found = this.classAttr(cls, attr);
    const serializer = !found && attr === '_declared_fields' && this.classKind(cls).drfSerializer;
    if (!found && (serializer || FORM_CLASS_FIELDS.has(attr)) && (a.op === 'setitem' || a.op === 'delitem' || a.op === 'mutate') && (serializer || this.classKind(cls).djangoForm)) {
      // `self.base_fields["email"].required = True` in a form's `__init__`: the class's own fields, for every later form.
      // `self._declared_fields.pop("extra")` in a DRF serializer: the same (`get_fields()` deep-copies that dict for each serializer).
      const info = cls.file.classes[cls.index];
      const what = serializer ? 'serializer' : 'form';
      const def: RelatedLocation = { path: cls.file.path, range: toRange(info.span), message: `\`${info.qualname}\` is a ${serializer ? 'Django REST framework serializer' : 'Django form'}: its metaclass made one \`${attr}\` dict for the class, shared by every instance on every thread` };
      const where = `class attribute \`${info.qualname}.${attr}\``;
      // `self.base_fields[TOTAL] = IntegerField(...)` in `__init__` (Django 3.2's own ManagementForm):
      // every form stores a field under the same key, as a class body would; threads race only while
      // the keys are first added (another form copying the dict sees it change size).
      const store = a.op === 'setitem' && a.detail === CONSTANT_KEY;
      return this.sharedWrite(file, a, def, a.text, where, () =>
        this.make(
          'TL003',
          file,
          a,
          store
            ? `\`${a.text}\` is the ${what} class's own dict of fields, shared by every \`${info.qualname}\` on every thread; storing a field there at run time adds it to every later ${what}, and a ${what} being made on another thread may copy the dict while it changes size (declare the field in the class body, or add it to \`self.fields\`; reported as information, as each ${what} stores its field alike).`
            : `\`${a.text}\` is the ${what} class's own dict of fields, shared by every \`${info.qualname}\` on every thread and kept for every later ${what}; ${opText(a)} changes it at run time (change \`self.fields\`, each ${what}'s deep copy, instead).`,
          [def],
          store ? 'information' : undefined,
        ),
      );
    }
    if (!found) {
      // `if not hasattr(cls, "_inst"): cls._inst = cls()`: a class attribute made at run time, shared all the same.
      if (via === 'self' || (a.op !== 'attr-store' && a.op !== 'rebind') || (a.check === undefined && a.taint === undefined)) return null;
      const info = cls.file.classes[cls.index];
      const at: RelatedLocation = { path: cls.file.path, range: toRange(info.span), message: `\`${info.qualname}\` is a class: its attributes are shared by every instance on every thread` };
      return this.sharedWrite(file, a, at, a.text, `class attribute \`${info.qualname}.${attr}\``, () => null as never);
    }
    // `headers = property(_get, _set)`: what `self.headers` gives is the getter's answer for that instance.
    const made = found.binding.value;
    if (made.k === 'call' && PROPERTY_CALLS.test(made.callee)) return null;
    const value = this.valueOf(found.cls.file, found.binding);
    const clsInfo = found.cls.file.classes[found.cls.index];
    const def: RelatedLocation = {
      path: found.cls.file.path,
      range: toRange(found.binding.span),
      message: `\`${clsInfo.qualname}.${attr}\` is a class attribute: one object shared by every instance on every thread`,
    };
    const name = a.text;
    const where = `class attribute \`${clsInfo.qualname}.${attr}\``;
    switch (a.op) {
      case 'mutate':
      case 'setitem':
      case 'delitem':
      case 'augassign': {
        if (value.k === 'deque' && a.op === 'mutate' && DEQUE_SAFE_METHODS.has(mutateMethod(a))) return null;
        if (value.k !== 'mutable' && value.k !== 'deque') {
          if (a.op === 'augassign' && via !== 'self') return this.classRmw(file, a, def, name, where);
          return null;
        }
        // The caller's own entry, unless other code loops over the attribute as it is (iteratedLive()).
        const own = benignMutation(a) || this.constantEntryNote(file, a);
        const looped = own !== '' && a.detail !== 'setdefault' && this.iteratedLive(found.cls.file, `${clsInfo.qualname}.${attr}`);
        const why = looped ? LOOPED_NOTE : own || (via !== 'self' && this.classRegistryWrite(file, a, attr) ? REGISTRY_NOTE : '');
        return this.sharedWrite(file, a, def, name, where, () =>
          this.make(
            'TL003',
            file,
            a,
            `\`${name}\` is a mutable class attribute of \`${clsInfo.qualname}\`, one object for the class and all its instances on every thread; ${opText(a)} mutates it at run time${why}.`,
            [def],
            why && !looped ? 'information' : undefined,
          ),
        );
      }
      case 'rmw':
        // `self.x += [y]` on a list (`|=` on a set or dict) extends the class's object in place before
        // it binds an instance attribute: a mutation of the shared object, whichever instance does it.
        if (value.k === 'mutable' && IN_PLACE_OPERATORS.has(a.detail ?? '')) {
          return this.sharedWrite(file, a, def, name, where, () =>
            this.make(
              'TL003',
              file,
              a,
              `\`${name}\` is a mutable class attribute of \`${clsInfo.qualname}\`, one object for the class and all its instances on every thread; \`${a.detail}\` changes that ${value.type} in place (and then binds it on the instance too).`,
              [def],
            ),
          );
        }
        // `self.x = self.x + 1` writes an instance attribute; `self.x[k] = self.x[k] + 1` changes the shared object.
        if (via === 'self' && a.detail !== 'item') return null;
        // PyYAML's `add_constructor`: `cls.yaml_constructors = cls.yaml_constructors.copy()` (a subclass's own
        // copy, made once) before the one registration the classmethod makes (classRegistryWrite()).
        if (via !== 'self' && a.detail !== 'item' && a.check === undefined && a.taint === undefined && this.copyBeforeRegistration(file, a, attr)) {
          return this.sharedWrite(file, a, def, name, where, () =>
            this.make('TL006', file, a, `\`${name}\` is a ${where.replace(/`.*`/, '').trim()} shared by every thread; this reads it, computes and writes it back without a lock${COPY_REGISTRY_NOTE}.`, [def], 'information'),
          );
        }
        return this.classRmw(file, a, def, name, where);
      case 'rebind':
      case 'attr-store':
        if (a.taint === undefined && a.check === undefined) {
          // `ReportView.template = "staff"` in code that serves requests (through the class, not `self`): the class is
          // one object, so every later request, on every thread, gets this request's choice.
          if (!reassigned || !this.servesRequests(file, a.fn)) return null;
          return this.sharedWrite(file, a, def, name, where, () =>
            this.make('TL003', file, a, `\`${name}\` is an attribute of the class \`${clsInfo.qualname}\`, one for the class and all its instances on every thread; assigning it in code that serves requests changes it for every later request (set it on the instance, or pass it along).`, [def]),
          );
        }
        return this.sharedWrite(file, a, def, name, where, () => null as never);
      default:
        return null;
    }
  }

  private classRmw(file: FileSummary, a: Access, def: RelatedLocation, name: string, where: string): Finding {
    // `Field.creation_counter += 1` in `__init__` (Django's fields, DRF's, django-tables2's columns): it orders
    // declarations, which class bodies make one at a time as modules load; two fields made at once by
    // requests may share a number, which only orders ties.
    // (The idiom copies it to the instance first, `self.creation_counter = Field.creation_counter`: not a counter used as an id.)
    const counter = CREATION_COUNTER.test(name) && file.functions[a.fn]?.name === '__init__' &&
      file.accesses.some((b) => b.fn === a.fn && b.op === 'self-write' && b.target.t === 'self' && CREATION_COUNTER.test(b.target.attr));
    return this.sharedWrite(file, a, def, name, where, () =>
      this.make('TL006', file, a, `\`${name}\` is a ${where.replace(/`.*`/, '').trim()} shared by every thread; this reads it, computes and writes it back without a lock, so concurrent updates are lost${counter ? ' (a creation counter, which orders the fields or columns class bodies declare one at a time as modules load; objects made at once by requests may share a number, which only decides the order of ties: reported as information)' : ''}.`, [def], counter ? 'information' : undefined),
    );
  }

  /** Whether the class (or a base) annotates `attr` as `ClassVar[...]`. */
  private isClassVar(cls: ClassRef, attr: string): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].classVars.includes(attr)) return true;
    return false;
  }

  /** Whether `self.attr` holds a thread-safe, thread-local or lock object (as assigned in the class's methods). */
  private instanceAttrIsSafe(cls: ClassRef, attr: string): boolean {
    for (const c of this.lineage(cls)) {
      const binding = own(c.file.classes[c.index].instanceAttrs, attr);
      if (!binding) continue;
      const v = this.valueOf(c.file, binding);
      return v.k === 'safe' || v.k === 'threadlocal' || v.k === 'lock';
    }
    return false;
  }

  /** Whether `self.attr` is given a list, dict, set or deque (in a method or as a class attribute) by the class or a scanned base. */
  private instanceAttrIsContainer(cls: ClassRef, attr: string): boolean {
    const found = this.instanceAttrBinding(cls, attr);
    if (!found) return false;
    // A dataclass or attrs field with a factory, or a copy of another object (`copy.deepcopy(BASE_LIMITS)`):
    // most likely a container too.
    if (found.binding.value.k === 'call' && CONTAINER_MAKERS.test(found.binding.value.callee)) return true;
    const v = this.valueOf(found.file, found.binding);
    return v.k === 'mutable' || v.k === 'deque';
  }

  /**
   * Whether the class gives `self.attr` what a call of something other than a container maker returns
   * (`self.session = self._make_scoped_session(...)`): an object whose own methods may share names with
   * a container's, or `None` (or a value set outside `__init__`) that later code sets to what is not
   * known here. Not a copy (`DEFAULTS.copy()`, `dict(BASE)`): a container.
   */
  private instanceAttrIsOtherObject(cls: ClassRef, attr: string): boolean {
    const found = this.instanceAttrBinding(cls, attr);
    if (!found) return false;
    if (found.binding.value.k === 'call') {
      const callee = found.binding.value.callee;
      if (CONTAINER_MAKERS.test(callee) || /(^|\.)(copy|dict|list|set|defaultdict|OrderedDict|Counter|deque)$/.test(callee)) return false;
    }
    // (`self.session = None` in `__init__`, set for real in `init_app()`: not known either way.)
    const v = this.valueOf(found.file, found.binding);
    return v.k !== 'mutable' && v.k !== 'deque';
  }

  /** What the class or a scanned base gives `self.attr` (the first binding up its lineage), if any. */
  private instanceAttrValue(cls: ClassRef, attr: string): ReturnType<Workspace['valueOf']> | undefined {
    const found = this.instanceAttrBinding(cls, attr);
    return found && this.valueOf(found.file, found.binding);
  }

  private instanceAttrBinding(cls: ClassRef, attr: string): { file: FileSummary; binding: Binding } | undefined {
    for (const c of this.lineage(cls)) {
      const info = c.file.classes[c.index];
      const binding = own(info.instanceAttrs, attr) ?? own(info.attrs, attr);
      if (binding) return { file: c.file, binding };
    }
    return undefined;
  }

  /** Whether a request handler calls `method` on a module-level instance of `cls` (FileSummary.requestCalls). */
  private calledFromRequests(cls: ClassRef, method: string): boolean {
    return this.requestCalls().methods.has(`${classKey(cls)}\0${method}`);
  }

  /** Whether a request handler calls a method on a module-level instance of exactly this class (FileSummary.requestCalls). */
  private requestCalledThrough(cls: ClassRef): boolean {
    return this.requestCalls().classes.has(classKey(cls));
  }

  /** What request handlers call on module-level instances (FileSummary.requestCalls), built on first use. */
  private requestCalls(): { methods: Set<string>; classes: Set<string> } {
    if (this.requestCalled) return this.requestCalled;
    const calls = { methods: new Set<string>(), classes: new Set<string>() };
    for (const f of this.files) {
      // A helper that request code calls (directly or through one more function) calls for it.
      const helped = (f.helperCalls ?? []).filter(([fn]) => this.calledByRequestCode(this.fnKey(f, fn), 2)).map(([, chain]) => chain);
      for (const chain of [...(f.requestCalls ?? []), ...helped]) {
        const r = this.resolve(chain, f);
        if (r.kind !== 'def' || (r.rest.length !== 1 && r.rest.length !== 2)) continue;
        let v = this.valueOf(r.file, r.binding);
        // `Item.objects.cached(slug)`: a method of the instance a class attribute holds (a model's manager).
        if (r.rest.length === 2) {
          if (r.binding.value.k !== 'class') continue;
          const attr = r.rest.shift()!;
          const holder = [...this.lineage({ file: r.file, index: r.binding.value.cls })].find((c) => own(c.file.classes[c.index].attrs, attr) !== undefined);
          const binding = holder ? own(holder.file.classes[holder.index].attrs, attr) : undefined;
          if (!holder || !binding) continue;
          v = this.valueOf(holder.file, binding);
        }
        if (v.k !== 'instance') continue;
        calls.classes.add(classKey(v.cls));
        // The method may be inherited: every class of the instance's lineage may define it.
        for (const c of this.lineage(v.cls)) calls.methods.add(`${classKey(c)}\0${r.rest[0]}`);
      }
    }
    // `self.limiter.hit(key)` in a middleware's `__call__`: a method of the object its constructor keeps there (ownerOf()).
    const owned = new Set<string>();
    for (const f of this.files) {
      for (const [fn, chain] of f.ownedCalls ?? []) {
        const info = f.functions[fn];
        if (info === undefined || info.cls < 0) continue;
        const dot = chain.indexOf('.');
        const attr = dot < 0 ? chain : chain.slice(0, dot);
        const kept = this.keptObject({ file: f, index: info.cls }, attr);
        if (kept === null || !this.isRequestCode(f, info)) continue;
        const method = dot < 0 ? '__call__' : chain.slice(dot + 1);
        for (const c of this.lineage(kept)) {
          owned.add(`${classKey(c)}\0${method}`);
          // (`__call__ = authenticate` in the class body: that method.)
          const alias = own(c.file.classes[c.index].attrs, method)?.value;
          if (alias?.k === 'ref') owned.add(`${classKey(c)}\0${alias.target.slice(alias.target.lastIndexOf('.') + 1)}`);
        }
      }
    }
    // What those methods of kept objects call through `self`, within two calls (`__call__` and the `self.compute()` it calls).
    // (Not for module-level instances, which may also be used by scripts and start-up code: the method called is enough there.)
    for (let depth = 0; depth < 2 && owned.size > 0; depth++) {
      const added: string[] = [];
      for (const f of this.files) {
        for (const [fn, name] of f.selfMethodCalls ?? []) {
          const info = f.functions[fn];
          if (info === undefined || info.cls < 0 || info.nested || !owned.has(`${classKey({ file: f, index: info.cls })}\0${info.name}`)) continue;
          for (const c of this.lineage({ file: f, index: info.cls })) {
            const key = `${classKey(c)}\0${name}`;
            if (!owned.has(key)) added.push(key);
          }
        }
      }
      if (added.length === 0) break;
      for (const key of added) owned.add(key);
    }
    for (const key of owned) calls.methods.add(key);
    this.requestCalled = calls;
    return calls;
  }

  /** Functions (fnKey) some code calls by name (`process(pk)`, `process.apply(...)`; not `process.delay(pk)`): a task called so runs in the caller's thread. */
  private calledDirectly(): Set<string> {
    if (this.directCalls) return this.directCalls;
    const out = new Set<string>();
    for (const file of this.files) {
      for (const ref of file.refs) {
        if (ref.call !== true) continue;
        const r = this.resolve(ref.chain, file);
        // `send_receipt(pk)`, or `send_receipt.apply(args=(pk,))`: Celery runs the task there and then.
        if (r.kind === 'def' && (r.rest.length === 0 || (r.rest.length === 1 && r.rest[0] === 'apply')) && r.binding.value.k === 'function') out.add(this.fnKey(r.file, r.binding.value.fn));
      }
    }
    this.directCalls = out;
    return out;
  }

  /** `X.clear()` (not behind a test) on a container other code reads: those readers find it empty until it is filled again. */
  private clearsWhatOthersRead(file: FileSummary, access: Access): boolean {
    return access.op === 'mutate' && access.detail === 'clear' && access.check === undefined && this.readByOtherCode(file, access);
  }

  /**
   * A function that runs an event loop for good (FunctionInfo.runsLoop): the process's main entry,
   * once per process; not a request handler, nor one handed to a thread (`Thread(target=serve)`).
   */
  private runsLoopOnMain(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (info?.runsLoop !== true || info.isRequest || info.nested) return false;
    const key = this.fnKey(file, fn);
    // Called by other code of the scanned files (a lazy `get_loop()` a view calls): not the process's entry.
    if (this.handedOn.has(key) || this.calledOutsideTests(key)) return false;
    if (info.cls >= 0) {
      // Nor a loop on a thread of its own: `run()` of a `threading.Thread`, a method the class starts a thread on.
      const cls = { file, index: info.cls };
      if (this.handedToThreads(cls, info.name) || [...this.lineage(cls)].some((c) => c.file.classes[c.index].bases.some((b) => THREAD_CLASSES.test(b)))) return false;
    }
    return true;
  }

  /** A command-line command (FunctionInfo.isCommand), or a method of a build or management command class. */
  private isCommandCode(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (!info) return false;
    // Not what the command hands to a thread or a pool (`ex.map(self.one, items)` in a management
    // command's `handle()`): that runs on several threads at once, in the command's process.
    if (this.threadHanded.has(this.fnKey(file, fn))) return false;
    if (info.cls >= 0 && this.handedToThreads({ file, index: info.cls }, info.name)) return false;
    if (info.isCommand) return true;
    // A function defined under the `__main__` guard that no function calls or hands on (not a thread's,
    // a pool's or a request's: `app.run(threaded=True)` under the same guard); what it calls follows from
    // it in Workspace.commandOnly.
    if (info.mainDefined && !info.isRequest && !info.decorated && !this.handedOn.has(this.fnKey(file, fn)) && !this.calledOutsideTests(this.fnKey(file, fn))) return true;
    const program = this.consoleProgram(file);
    if (program === 'all' || (program !== null && program.includes(fn))) return true;
    if (!info.nested && alembicRevision(file) && !this.calledOutsideTests(this.fnKey(file, fn))) return true;
    if (sphinxSetup(file, info) && !this.calledOutsideTests(this.fnKey(file, fn)) && !this.buildsDocs()) return true;
    if (this.consoleScript(file, fn)) return true;
    if (info.cls < 0) return false;
    const cls = { file, index: info.cls };
    if (!this.classKind(cls).command && !this.subcommandClass(cls)) return false;
    // Not a traitlets application (a long-running Jupyter server may be one) that runs methods of its own on
    // threads or a pool (`self._pool.submit(self._fetch)`): what those reach through `self` is not followed.
    return ![...this.lineage(cls)].some((c) => c.file.classes[c.index].bases.some((b) => TRAITLETS_APPLICATION.test(b))) || !this.threadsOwnMethods(cls);
  }

  /**
   * A class that hands itself, or a class it derives from hands it, to argparse as the sub-command to
   * run (`parser.set_defaults(cmd_class=cls)` in a classmethod: ClassInfo.selfCalls SUBCOMMAND_CLASS,
   * keystone-manage's `BaseApp`), whose lineage has no base outside the scanned files (not a view, a
   * thread or a request handler as well) and that no scanned code makes or hands on: its classmethods
   * run as the command line dispatches to it.
   */
  private subcommandClass(cls: ClassRef): boolean {
    const lineage = [...this.lineage(cls)];
    if (!lineage.some((c) => c.file.classes[c.index].selfCalls.includes(SUBCOMMAND_CLASS))) return false;
    if (this.hasOutsideBase(cls)) return false;
    for (const c of lineage) if ((this.instantiators.get(this.clsKey(c.file, c.index)) ?? []).length > 0) return false;
    // (Handed on: not a class others derive from, which makes its bases so, but the class itself.)
    return !this.handedOn.has(this.clsKey(cls.file, cls.index));
  }

  /**
   * A console script the project declares (`[project.scripts]`, a setup.py's `console_scripts`:
   * entryPoints.ts), `pkg.cli:main` or `pkg.cli:Tool.main`: pip's wrapper calls it in a process of its
   * own. Not a request handler, nor one handed to a thread, a pool or a callback list in the scanned
   * files, nor one other code calls (a view calling `main()`); what only it calls follows from it
   * (Workspace.commandOnly).
   */
  private consoleScript(file: FileSummary, fn: number): boolean {
    const scripts = this.consoleScriptSet();
    if (scripts.size === 0) return false;
    const info = file.functions[fn];
    const key = this.fnKey(file, fn);
    // (Called by other code, a view or a thread's function: what command code alone calls follows in commandOnly.)
    if (info.nested || info.isRequest || this.handedOn.has(key) || this.calledOutsideTests(key)) return false;
    return scripts.has(`${file.module}:${info.qualname}`);
  }

  /**
   * An application factory the project declares as a pbr `wsgi_scripts` entry point (keystone's
   * `initialize_public_application`): the generated WSGI script calls it once, as the server loads
   * the script, and serves what it returns. (The caller admits it only when no served function names
   * it: not a view that builds the application again.)
   */
  private declaredAppFactory(file: FileSummary, fn: number): boolean {
    const factories = this.options.appFactories;
    if (!factories || factories.length === 0) return false;
    const info = file.functions[fn];
    return !info.isRequest && factories.includes(`${file.module}:${info.qualname}`);
  }

  /** The console scripts of the options and of the scanned setup.py files (once). */
  private consoleScriptSet(): ReadonlySet<string> {
    if (!this.consoleScripts) {
      const all = new Set(this.options.consoleScripts ?? []);
      for (const file of this.files) for (const s of file.consoleScripts ?? []) all.add(s);
      this.consoleScripts = all;
    }
    return this.consoleScripts;
  }

  private consoleScripts: Set<string> | undefined;

  /**
   * What of a console program's module (scriptModule()) is command-line code, once per file: its
   * entry points, `run()`/`main()`, when no function outside the tests calls them (django-extensions'
   * `runscript` scripts are also run from views), what only they call following (commandOnly); or
   * all of it ('all'), protocol callbacks and all, when besides no other module names what it
   * defines and it hands none of its functions to a thread, a pool or an executor (Twisted's `conch`
   * setting `exitStatus` from its connection's callbacks). Null when none of it is.
   */
  private consoleProgram(file: FileSummary): number[] | 'all' | null {
    if (!scriptModule(file)) return null;
    let known = this.consolePrograms.get(file);
    if (known === undefined) {
      const entries = file.functions.flatMap((f, i) => (f.cls < 0 && !f.nested && (f.name === 'run' || f.name === 'main') ? [i] : []));
      const alone =
        !file.functions.some((f, i) => this.threadHanded.has(this.fnKey(file, i)) || (!f.nested && this.namedElsewhere.has(this.fnKey(file, i)))) &&
        !file.classes.some((c, i) => !c.qualname.includes('.') && this.namedElsewhere.has(this.clsKey(file, i)));
      known = entries.some((i) => this.calledOutsideTests(this.fnKey(file, i))) ? null : alone ? 'all' : entries;
      this.consolePrograms.set(file, known);
    }
    return known;
  }

  private readonly consolePrograms = new Map<FileSummary, number[] | 'all' | null>();

  /**
   * A method of a test case or fixture class (TEST_SUPPORT_BASES) wherever it lives: debtcollector's
   * and oslo.i18n's fixtures ship inside the package, for the tests of projects that use it. Also
   * pytest's fixtures and a plugin's hooks (FunctionInfo.pytestCallable), pytest-django's among them.
   */
  private isTestSupport(file: FileSummary, fn: number): boolean {
    const info = file.functions[fn];
    if (!info) return false;
    // A pytest fixture or a plugin's hook (FunctionInfo.pytestCallable).
    if (info.pytestCallable) return true;
    if (info.cls < 0) return false;
    for (const c of this.lineage({ file, index: info.cls })) if (c.file.classes[c.index].bases.some((b) => TEST_SUPPORT_BASES.test(b))) return true;
    return false;
  }

  /**
   * A method the class reads as a value (`run_in_executor(None, self.build, x)`, `cb = self.build`):
   * handed on, to run anywhere. Not a property, whose read is a call of its getter.
   */
  private methodHandedOn(cls: ClassRef, method: string): boolean {
    for (const c of this.lineage(cls)) {
      const info = c.file.classes[c.index];
      const fn = own(info.methods, method);
      if (fn !== undefined && c.file.functions[fn].property) return false;
      if (info.selfCalls.includes(`${READ_ATTR}${method}`)) return true;
    }
    return false;
  }

  /**
   * An attribute that the class answers through its `__getattr__` (or `__getattribute__`) alone: a
   * class of its scanned lineage defines one, and none binds `attr` (in the class body, as a method
   * or through `self.attr = ...`), with no base outside the scanned files. deluge's `client.label.add(x)`
   * is a remote call through `Client.__getattr__`, not a change of a set the client holds.
   */
  private dynamicAttr(cls: ClassRef, attr: string): boolean {
    // (`__dict__`, `__class__`: every object has them, whatever `__getattr__` does.)
    if (attr.startsWith('__') || this.hasOutsideBase(cls)) return false;
    let dynamic = false;
    for (const c of this.lineage(cls)) {
      const info = c.file.classes[c.index];
      if (own(info.attrs, attr) || own(info.methods, attr) !== undefined || own(info.instanceAttrs, attr)) return false;
      // (A `__getattr__` that makes a new object for every name, a remote method: not one that hands back
      // shared data, `return self._data[name]`, whose containers are as shared as the object.)
      if (own(info.methods, '__getattr__') !== undefined && info.getattrMakes === true) dynamic = true;
    }
    return dynamic;
  }

  /** A class with a base (along its scanned lineage) that is not a scanned class, nor `object`: a thread's, a server's, a framework's. */
  private hasOutsideBase(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) {
      const info = c.file.classes[c.index];
      if (this.baseClasses(c).length < info.bases.filter((b) => b !== 'object' && b !== 'builtins.object').length) return true;
    }
    return false;
  }

  /** The class, or a class of its lineage, runs methods of its own on threads or a pool (ClassInfo.selfCalls THREADED_METHOD, OWN_THREAD_METHOD). */
  private threadsOwnMethods(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].selfCalls.some((s) => s.startsWith(THREADED_METHOD) || s.startsWith(OWN_THREAD_METHOD))) return true;
    return false;
  }

  /**
   * `Cls.name` as a class- or static method (isClassLevel()), the class's own or the first one of
   * its lineage defines (`SafeLoader.add_constructor` is `BaseConstructor.add_constructor`).
   */
  private classLevelMethod(cls: ClassRef, name: string): { file: FileSummary; fn: number } | undefined {
    for (const c of this.lineage(cls)) {
      const fn = own(c.file.classes[c.index].methods, name);
      if (fn !== undefined) return this.isClassLevel(c.file, fn) ? { file: c.file, fn } : undefined;
    }
    return undefined;
  }

  /** A method the class hands to a thread pool or to a thread of its own (ClassInfo.selfCalls THREADED_METHOD, OWN_THREAD_METHOD). */
  private handedToThreads(cls: ClassRef, method: string): boolean {
    for (const c of this.lineage(cls)) {
      const calls = c.file.classes[c.index].selfCalls;
      if (calls.includes(`${THREADED_METHOD}${method}`) || calls.includes(`${OWN_THREAD_METHOD}${method}`) || calls.some((s) => s.startsWith(`${THREADED_METHOD}${method}@`))) return true;
    }
    return false;
  }

  /** Whether the file's own code runs function `fn` on threads it starts: a method its class hands to threads or a pool, or a function handed to a thread. */
  private onOwnThreads(file: FileSummary, fn: number, depth = 2): boolean {
    const info = file.functions[fn];
    if (info === undefined) return false;
    const key = this.fnKey(file, fn);
    if (this.threadHanded.has(key)) return true;
    if (info.cls >= 0 && this.handedToThreads({ file, index: info.cls }, info.name)) return true;
    // What such a function calls in the same file runs on those threads too (two calls deep: `index_one` calls `save()`).
    if (depth === 0) return false;
    for (const caller of this.callers.get(key) ?? []) {
      const at = caller.lastIndexOf('#f');
      if (caller.slice(0, at) === file.path && this.onOwnThreads(file, Number(caller.slice(at + 2)), depth - 1)) return true;
    }
    return false;
  }

  /** A method the class hands to a thread pool (`self._pool.submit(self._work)`): its calls share `self`, running at once. */
  private runsOnThreads(cls: ClassRef, method: string): LongLived | null {
    const key = THREADED_METHOD + method;
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].selfCalls.includes(key)) return { role: 'class instance whose method runs on several threads at once', certain: true };
    return null;
  }

  /**
   * Whether `self.attr` may be read back: a method of the class, of a class in its lineage or in
   * the lineage of one of its scanned subclasses (a mixin's sibling) reads it (ClassInfo.selfCalls:
   * READ_ATTR, or a call of it), hands `self` itself on (`READ_ATTR*`), a base outside the scan may
   * read it (Django's `ModelAdmin` reads `self.exclude`; a few bases known to read only their own
   * attributes excepted), or code reads it through a module-level instance (`tracker.started`) or
   * through a local or parameter anywhere (`tab.resolved_title`: FileSummary.attrReads).
   */
  private readsBack(cls: ClassRef, attr: string): boolean {
    const memoKey = `${classKey(cls)}\0${attr}`;
    const known = this.readBack.get(memoKey);
    if (known !== undefined) return known;
    const index = this.selfReaders();
    // (`self.__dict__["started"]`, `log.info("%(started)s", self.__dict__)`: every attribute.)
    const readers = new Set([...(index.get(attr) ?? []), ...(index.get('__dict__') ?? [])]);
    // `self` handed on whole (READ_ATTR*) counts in the class, its subclasses and their mixins, not in
    // its scanned bases: a base's `yield self` or `return self` serves a protocol of its own.
    const handsOn = index.get('*') ?? new Set<string>();
    const own = classKey(cls);
    const bases = new Set([...this.lineage(cls)].map(classKey).filter((k) => k !== own));
    let found = false;
    outer: for (const d of this.descendantsOf(cls)) {
      for (const c of this.lineage(d)) {
        const key = classKey(c);
        if (readers.has(key) || (handsOn.has(key) && !bases.has(key)) || this.unscannedBaseReads(c, attr)) {
          found = true;
          break outer;
        }
      }
    }
    // (A template node is handed around by the template engine only: what reads one of its attributes
    // through a local, `node.user`, is code of its own module, not any `.user` of the project.)
    const local = this.classKind(cls).node ? cls.file.attrReads.includes(attr) : this.localAttrReads().has(attr);
    if (!found) found = this.instanceReads().has(`${classKey(cls)}\0${attr}`) || local;
    this.readBack.set(memoKey, found);
    return found;
  }

  private readonly readBack = new Map<string, boolean>();
  private selfReaderIndex: Map<string, Set<string>> | undefined;
  private descendants: Map<string, ClassRef[]> | undefined;
  private instanceReadSet: Set<string> | undefined;

  /** Attribute name (or `*`) -> the classes (classKey) a method of which reads it through `self` (built on first use). */
  private selfReaders(): Map<string, Set<string>> {
    if (!this.selfReaderIndex) {
      const index = new Map<string, Set<string>>();
      for (const file of this.files) {
        file.classes.forEach((info, i) => {
          const key = classKey({ file, index: i });
          for (const call of info.selfCalls) {
            const attr = call.startsWith(READ_ATTR) ? call.slice(READ_ATTR.length) : call.includes(':') ? null : call;
            if (attr === null) continue;
            let set = index.get(attr);
            if (!set) index.set(attr, (set = new Set()));
            set.add(key);
          }
        });
      }
      this.selfReaderIndex = index;
    }
    return this.selfReaderIndex;
  }

  /** The class and every scanned class whose lineage includes it (built on first use). */
  private descendantsOf(cls: ClassRef): ClassRef[] {
    if (!this.descendants) {
      const map = new Map<string, ClassRef[]>();
      for (const file of this.files) {
        for (let index = 0; index < file.classes.length; index++) {
          const d: ClassRef = { file, index };
          for (const c of this.lineage(d)) {
            const key = classKey(c);
            let list = map.get(key);
            if (!list) map.set(key, (list = []));
            list.push(d);
          }
        }
      }
      this.descendants = map;
    }
    return this.descendants.get(classKey(cls)) ?? [cls];
  }

  /** Whether a base of the class that is not in the scan may read `self.attr` (WRITE_ONLY_BASES: bases known to read only their own). */
  private unscannedBaseReads(cls: ClassRef, attr: string): boolean {
    const info = cls.file.classes[cls.index];
    for (const base of info.bases) {
      const r = this.resolve(base, cls.file);
      if (r.kind === 'def' && r.rest.length === 0 && r.binding.value.k === 'class') continue;
      const own = WRITE_ONLY_BASES.get(base);
      if (own === undefined || own.has(attr)) return true;
    }
    return false;
  }

  /**
   * Whether the subclasses of `cls` (in any file) call its method `name` through `self` only from
   * their construction (ClassInfo.setupCalls) and do not hand it on (`connect(self.name)`).
   */
  private setupOnlyInSubclasses(cls: ClassRef, name: string): boolean {
    // `Base.reset(self)` anywhere: called through the class, by code that is not known.
    if (this.refChains().has(`${cls.file.module}.${cls.file.classes[cls.index].qualname}.${name}`)) return false;
    for (const d of this.descendantsOf(cls)) {
      if (d.file === cls.file && d.index === cls.index) continue;
      const info = d.file.classes[d.index];
      // An override may call it through `super()` whenever it runs.
      if (own(info.methods, name) !== undefined) return false;
      if (info.selfCalls.includes(`${READ_ATTR}${name}`)) return false;
      if (info.selfCalls.includes(name) && !info.setupCalls.includes(name)) return false;
    }
    return true;
  }

  /** Every chain a reference of the scanned files names (FileSummary.refs), built on first use. */
  private refChains(): Set<string> {
    if (!this.allRefChains) {
      const out = new Set<string>();
      for (const file of this.files) for (const ref of file.refs) out.add(ref.chain);
      this.allRefChains = out;
    }
    return this.allRefChains;
  }

  private allRefChains: Set<string> | undefined;

  /**
   * For a read of a cachetools cache that changes it (collect: only caches of the reading module):
   * whether another access of the same module to it holds a lock, the sign that the code means to
   * guard it. (Where none does, the unguarded writes are what is reported.)
   */
  private lockedElsewhere(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain') return false;
    const chain = a.target.chain;
    // (Or a caching decorator given the cache and a lock, `@cached(_rates, lock=_rates_lock)`.)
    // (Accesses name the module's globals canonically, `shop.rates._rates`; the decorator's list as written.)
    return file.lockedCaches.some((n) => chain === n || chain === `${file.module}.${n}`) || file.accesses.some((b) => b !== a && b.target.t === 'chain' && b.target.chain === chain && b.held.length > 0);
  }

  /** Whether a function of the scanned files loops over the module-level `name` (or `Cls.attr`) of `owner` as it is (FileSummary.iterated). */
  private iteratedLive(owner: FileSummary, name: string): boolean {
    if (!this.iteratedSet) {
      const out = new Set<string>();
      // (Also a loop on the main thread only: an exit handler runs while daemon threads still do, a
      // signal handler between any two steps of the others; not one in tests or at import time only.)
      for (const file of this.files) {
        if (file.iterated.length === 0 || isTestModule(file.module)) continue;
        for (const [fn, chain] of file.iterated) if (this.isRuntime(file, fn)) out.add(chain);
      }
      this.iteratedSet = out;
    }
    return this.iteratedSet.has(`${owner.module}.${name}`);
  }

  private iteratedSet: Set<string> | undefined;

  /** Attribute names read anywhere through a local or a parameter (FileSummary.attrReads), built on first use. */
  private localAttrReads(): Set<string> {
    if (!this.attrReadSet) {
      const out = new Set<string>();
      for (const file of this.files) for (const attr of file.attrReads) out.add(attr);
      this.attrReadSet = out;
    }
    return this.attrReadSet;
  }

  private attrReadSet: Set<string> | undefined;

  /** `classKey\0attr` for attributes code reads through a module-level instance of the class (`tracker.started`), built on first use. */
  private instanceReads(): Set<string> {
    if (!this.instanceReadSet) {
      const out = new Set<string>();
      for (const file of this.files) {
        for (const ref of file.refs) {
          if (ref.chain.indexOf('.') < 0) continue;
          const r = this.resolve(ref.chain, file);
          if (r.kind !== 'def' || r.rest.length === 0 || r.binding.value.k !== 'call') continue;
          const v = this.valueOf(r.file, r.binding);
          if (v.k !== 'instance') continue;
          for (const c of this.lineage(v.cls)) out.add(`${classKey(c)}\0${r.rest[0]}`);
        }
      }
      this.instanceReadSet = out;
    }
    return this.instanceReadSet;
  }

  /**
   * Whether the collection a lazy set-up stores (IMPORTED_LIST) may change later: code changes the
   * global in place (`_backends[name] = cls`), or its file changes what a call returns
   * (`get_backends()[name] = cls`). Then a thread that passed the test replaces what another
   * added: a lost update, not repeated work.
   */
  private collectionChanged(file: FileSummary, a: Access): boolean {
    if (a.target.t !== 'chain') return true;
    const target = this.resolveNow(a.target.chain, file, MAX_ALIAS_DEPTH);
    if (target.kind !== 'def') return true;
    if (file.accesses.some((x) => x.result === true && MUTATING_OPS.has(x.op))) return true;
    for (const f of this.files) {
      for (const x of f.accesses) {
        if (x.target.t !== 'chain' || !MUTATING_OPS.has(x.op)) continue;
        const r = this.resolve(x.target.chain, f);
        if (r.kind === 'def' && r.file === target.file && r.binding.name === target.binding.name) return true;
      }
    }
    return false;
  }

  /** The mutable argument `attr` given to the class's `as_view()` (FileSummary.asViewArgs), or undefined. */
  private asViewArg(cls: ClassRef, attr: string): { file: FileSummary; span: Span; attr: string; type: string } | undefined {
    if (!this.asViewIndex) {
      const index = new Map<string, { file: FileSummary; span: Span; attr: string; type: string }>();
      for (const file of this.files) {
        for (const given of file.asViewArgs) {
          const r = this.resolve(given.cls, file);
          if (r.kind !== 'def' || r.rest.length > 0 || r.binding.value.k !== 'class') continue;
          const viewCls: ClassRef = { file: r.file, index: r.binding.value.cls };
          // Django's (and DRF's) `as_view()`, which sets its arguments on every instance it makes: not
          // one of the scanned classes' own `as_view`, nor Flask's, whose arguments go to `__init__`.
          const lineage = [...this.lineage(viewCls)];
          if (lineage.some((c) => Object.hasOwn(c.file.classes[c.index].methods, 'as_view'))) continue;
          if (!lineage.some((c) => c.file.classes[c.index].bases.some((b) => /^(django\.views\.|rest_framework\.)/.test(b)))) continue;
          const key = `${classKey(viewCls)}\0${given.attr}`;
          if (!index.has(key)) index.set(key, { file, span: given.span, attr: given.attr, type: given.type });
        }
      }
      this.asViewIndex = index;
      this.asViewAttrs = new Set([...index.values()].map((v) => v.attr));
    }
    if (!this.asViewAttrs.has(attr)) return undefined;
    // The class whose method changes it, or a subclass that was given it (`Child.as_view(...)` with the method in `Base`).
    for (const d of this.descendantsOf(cls)) {
      const found = this.asViewIndex.get(`${classKey(d)}\0${attr}`);
      if (found) return found;
    }
    return undefined;
  }

  private asViewIndex: Map<string, { file: FileSummary; span: Span; attr: string; type: string }> | undefined;
  private asViewAttrs: ReadonlySet<string> = new Set();

  /** A class whose `__init__` or `__new__` (its own or inherited) gives every instance one shared `__dict__` (ClassInfo.sharedDict). */
  private sharedDict(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].sharedDict === true) return true;
    return false;
  }

  /** A class whose `__new__` (its own or inherited from a scanned class) returns the one instance it keeps on the class (ClassInfo.newSingleton). */
  private newSingleton(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].newSingleton) return true;
    return false;
  }

  /** A class that defines `__get__` (or inherits it from a scanned class): a descriptor, kept in its owner's class body. */
  private isDescriptor(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) if (Object.hasOwn(c.file.classes[c.index].methods, '__get__')) return true;
    return false;
  }

  /** A subclass of one of the `logging` module's handlers, in the scanned files or through them. */
  private isLoggingHandler(cls: ClassRef): boolean {
    for (const c of this.lineage(cls)) if (c.file.classes[c.index].bases.some((b) => LOGGING_HANDLER.test(b))) return true;
    return false;
  }

  private judgeSelf(file: FileSummary, a: Access, clsIndex: number, attr: string, via: 'self' | 'cls'): Finding | null {
    const cls: ClassRef = { file, index: clsIndex };
    const fn = file.functions[a.fn];
    const info = file.classes[clsIndex];
    if (via === 'cls') return this.judgeClassAttr(file, a, cls, attr, 'cls');
    // self.attr: a class attribute unless some method assigns self.attr, or the class copies its
    // field defaults for each instance (pydantic models).
    if (!this.instanceAssigned(cls, attr) && !(this.classKind(cls).copiesDefaults && !this.isClassVar(cls, attr)) && (a.op === 'mutate' || a.op === 'setitem' || a.op === 'delitem' || a.op === 'augassign' || a.op === 'rmw')) {
      const f = this.judgeClassAttr(file, a, cls, attr, 'self');
      if (f) return f;
    }
    // `self.extra_context["banners"].append(b)` where `PromoView.as_view(extra_context={...})`: the one
    // object Django gives every request's instance (not when a method gives the instance its own).
    if (MUTATING_OPS.has(a.op)) {
      const given = this.asViewArg(cls, attr);
      if (given && !this.instanceAssigned(cls, attr) && (a.held.length === 0 || (a.check?.outside ?? false)) && !(a.op === 'mutate' && a.detail === 'copy')) {
        const related: RelatedLocation[] = [{ path: given.file.path, range: toRange(given.span), message: `\`${given.attr}\` is given to \`as_view()\` here: one ${given.type} for every request's view instance` }];
        if (a.taint !== undefined) {
          return this.make('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, stored in \`${a.text}\`, the ${given.type} given to \`as_view()\` that every request's view instance shares; concurrent requests overwrite or read each other's data.`, related);
        }
        return this.make('TL003', file, a, `\`${a.text}\` is the ${given.type} given to \`${info.qualname}.as_view()\`: Django hands that one object to every request's view instance, on every thread; ${opText(a)} changes it for all of them.`, related);
      }
    }
    const life = this.longLived(cls) ?? this.runsOnThreads(cls, fn.name);
    // `__init__` of a `__new__` singleton runs again, on the one shared object, at every call of the class.
    // (Not a write behind a test, `if getattr(self, "_ready", False): return` at the top of `__init__`.)
    // (`self.__dict__ = self._shared_state` is how a Borg class shares its state, not a change of it.)
    if (life?.role === BORG_ROLE && attr === '__dict__') return null;
    const reinit = (life?.role === 'singleton made by `__new__`' || life?.role === BORG_ROLE) && fn.name === '__init__' && a.check === undefined && !info.guardedInit && this.instantiatedAtRuntime.has(this.clsKey(file, clsIndex));
    if (!life || ((CONSTRUCTION_METHODS.has(fn.name) || fn.constructionOnly) && !reinit)) return null;
    // A manager's set-up, run while the model class is created or checked; Falcon's ASGI lifespan
    // methods (`process_startup`, `process_shutdown`), run once.
    if (life.role === 'model manager' && MANAGER_SETUP_METHODS.has(fn.name)) return null;
    if (life.role === 'model admin' && MODEL_ADMIN_SETUP_METHODS.has(fn.name)) return null;
    // An admin site's `get_urls()` runs when the URLconf reads `site.urls`, as the URLs are loaded.
    if (fn.name === 'get_urls' && [...this.lineage(cls)].some((c) => c.file.classes[c.index].bases.some((b) => /^django\.contrib\.admin(\.sites)?\.AdminSite$/.test(b)))) return null;
    if (life.role === 'Django app config' && (APP_CONFIG_SETUP_METHODS.has(fn.name) || this.readyOnlyHook(file, fn))) return null;
    // A descriptor's other methods (`getter`, `setter`, `contribute_to_class`, ...) mostly run while class bodies run.
    if (life.role === 'descriptor' && !DESCRIPTOR_METHODS.has(fn.name)) return null;
    // `self._values[instance] = value`: one entry per owner instance, as a descriptor keeps per-instance values.
    if (life.role === 'descriptor' && a.detail === OWNER_KEY) return null;
    if (life.role === 'Django model field' && FIELD_SETUP_METHODS.has(fn.name)) return null;
    // What only those methods call, and the functions they define (`lazy_related_operation(resolve_related_class, ...)`
    // in `contribute_to_class`): run as the model class is prepared too.
    if (life.role === 'Django model field' && (info.fieldSetupCalls.includes(fn.name) || info.fieldSetupClosures.includes(fn.qualname))) return null;
    // `def __call__(self, func): ...; return wrapper` of a decorator class (`@retry(3)`): runs when it decorates.
    if (fn.name === '__call__' && file.functions.some((g) => g.returnedBy === a.fn)) return null;
    // A method the class connects to `class_prepared` (collect.ts, PREPARED_METHOD): run as model classes are made.
    if (this.lineageNotes(cls, `${PREPARED_METHOD}${fn.name}`)) return null;
    // `reset()` empties a template loader's caches when the autoreloader sees a template change.
    if (life.role === 'Django template loader' && fn.name === 'reset') return null;
    if (life.role === 'Falcon middleware component' && /^process_(startup|shutdown)$/.test(fn.name)) return null;
    // A Flask extension's `init_app(app)` runs as each application is set up (Flask's extension pattern).
    if (life.role === 'Flask extension' && fn.name === 'init_app' && !this.hookCalled(cls, fn.name)) return null;
    // A method run on a pool's threads: only lost updates and check-then-act, as for closures handed
    // to threads (a single store or append is atomic and commonly collects results).
    // A plain store there is information: the last writer wins, a bug when the method reads the value back.
    const poolMethod = life.role === 'class instance whose method runs on several threads at once';
    if (poolMethod && a.check === undefined && a.op !== 'rmw' && a.op !== 'augassign' && a.op !== 'self-write' && a.op !== 'attr-store') return null;
    // `logging.Handler.handle()` calls `emit()` with the handler's own lock held.
    if (fn.name === 'emit' && this.isLoggingHandler(cls)) return null;
    // `self.counter.add(1)` on an object of a scanned class the constructor made and keeps: that class's own
    // method, judged where it is defined (ownerOf()), not a change of a container.
    if (a.op === 'mutate' && this.keptMethod(cls, attr, mutateMethod(a))) return null;
    if (a.op === 'use' || a.op === 'call') return null;
    // `next(self._ids)` on an `itertools.count()` (or another type made to be shared) is what it is for.
    if (a.op === 'next' && this.instanceAttrIsSafe(cls, attr)) return null;
    // `self.id_free.append(conj_id)` on a `collections.deque()` the object made: one atomic append or pop,
    // as for a module-level deque (not a test and then one, check-then-act).
    if (a.op === 'mutate' && DEQUE_SAFE_METHODS.has(mutateMethod(a)) && a.check === undefined && a.taint === undefined && this.instanceAttrValue(cls, attr)?.k === 'deque') return null;
    const held = a.held.length > 0;
    if (held && !(a.check?.outside ?? false)) return null;
    // A module-level instance may be used at start-up only (information), unless a request handler calls this method on it.
    // A method that takes the request (`each_context(self, request)`) serves requests too.
    // (And a method the class registers as a request hook, `app.after_request(self._after)`.)
    // (And what such a hook calls, within two calls: `self._should_check_backend()` in the hook.)
    const certain = life.certain || (!life.unmade && (fn.isRequest || this.calledFromRequests(cls, fn.name) || this.lineageNotes(cls, `${REQUEST_HOOK_METHOD}${fn.name}`) || (life.role === 'Flask extension' && this.hookCalled(cls, fn.name))));
    // `self._cache.setdefault(k, v)`: one atomic get-or-insert, as for module-level containers.
    const atomic = (a.op === 'mutate' && a.detail === 'setdefault') || isThreadKeyedMutate(a);
    const lastWriterWins = poolMethod && (a.op === 'self-write' || a.op === 'attr-store') && a.check === undefined && a.taint === undefined;
    // `self.backend.add(key, value)`, `self.client.clear()`: a method name containers share with other
    // objects (a cache backend, a client), on an attribute not known to hold a container.
    const otherObject = a.op === 'mutate' && a.taint === undefined && AMBIGUOUS_METHODS.has(mutateMethod(a)) && !this.instanceAttrIsContainer(cls, attr);
    // `configure_from_settings()` that only `__init__` calls in its file, and no other file names:
    // set-up of the object before it is shared, unless code not scanned calls it later.
    const setup = fn.setupPublic && !info.newSingleton && !fn.isRequest && !this.calledFromRequests(cls, fn.name) && !this.localAttrReads().has(fn.name) && this.setupOnlyInSubclasses(cls, fn.name);
    const severity: Severity | undefined = certain && !atomic && !lastWriterWins && !otherObject && !setup ? undefined : 'information';
    const setupNote = ` (only the constructor calls \`${fn.name}\` in its file, and no other file names it: set-up of the object before it is shared, unless code elsewhere calls it later; reported as information)`;
    // A Flask extension's method no request hook is seen to reach may be part of its set-up (`user_loader`).
    const unseen = !setup && !certain && life.role === 'Flask extension' && !atomic && !otherObject;
    const note = setup ? setupNote : ' (no request hook of the extension is seen to reach this method, which may be set-up: reported as information)';
    const mk = (code: string, _file: FileSummary, _a: Access, message: string, rel: RelatedLocation[], sev?: Severity): Finding =>
      this.make(code, file, a, setup || (unseen && sev === 'information') ? message.replace(/\.?$/, `${note}.`) : message, rel, setup ? 'information' : sev);
    const name = a.text;
    const owner = `a ${life.role} (\`${info.qualname}\`)`;
    const related: RelatedLocation[] = [
      { path: file.path, range: toRange(info.span), message: lifeMessage(life, info) },
      ...(life.related ? [life.related] : []),
    ];
    if (a.taint !== undefined) {
      // `self.current[threading.get_ident()] = request.path`: each thread's own entry, as for a module-level dict.
      if (this.ownThreadEntry(file, a)) return mk('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, stored in \`${name}\` on ${owner} that serves every request on every thread; the key is the calling thread's identity, so each thread writes only its own entry, but every thread can read the others' (reported as information).`, related, 'information');
      // `self.repo.update(user_id, changes)`: a method name containers share with other objects (a repository,
      // a client), on an attribute not known to hold a container: the object may keep nothing (an audit's
      // false warning on a Falcon resource's collaborator).
      if (a.op === 'mutate' && AMBIGUOUS_METHODS.has(mutateMethod(a)) && !this.instanceAttrIsContainer(cls, attr)) {
        return mk('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, handed to \`${name}.${mutateMethod(a)}()\` on ${owner} that serves every request on every thread; what \`${name}\` holds is not known here, and \`.${mutateMethod(a)}()\` may be its own method, not a container's that keeps the value (reported as information).`, related, 'information');
      }
      return mk('TL007', file, a, `\`${truncate(a.taint)}\` is data of one request, stored in \`${name}\` on ${owner} that serves every request on every thread; concurrent requests overwrite each other's value.`, related, severity);
    }
    if (a.check) {
      // A lazy `re.compile(...)` of constants (collect.ts sets the detail): threads that race store equal objects.
      const equal = a.op === 'self-write' && a.detail?.startsWith(IDEMPOTENT_VALUE) && this.onlySelfWrite(cls, attr) ? idempotentValue(a.detail) : undefined;
      if (equal) return mk('TL005', file, a, `\`${name}\` on ${owner} is tested and then written without a lock; it stores ${equal.value}, so threads that race here store ${equal.result} and only repeat the work.`, related, 'information');
      // (Broken double-checked locking through a stale local, as for module state: sharedWrite().)
      if (held && a.check.stale !== undefined) {
        return mk('TL005', file, a, `\`${name}\` on ${owner} is tested under the lock that guards the write only through \`${a.check.stale}\`, a copy read before the lock was taken: the test re-reads nothing, so two threads that both read it unset both write it (broken double-checked locking). Read \`${name}\` again inside the lock.`, related, severity);
      }
      return mk('TL005', file, a, `\`${name}\` on ${owner} is tested and then written ${held ? 'under a lock, but tested outside it and not again inside it' : 'without a lock'}; another thread can act between the test and the write.`, related, held ? 'information' : severity);
    }
    if (a.op === 'rmw' || a.op === 'augassign') {
      return mk('TL006', file, a, `\`${name}\` lives on ${owner} shared by ${poolMethod ? 'the threads that run it' : 'every thread'}; this reads it, computes and writes it back without a lock, so concurrent updates are lost.`, related, severity);
    }
    if (reinit && a.op === 'self-write') {
      const again = life.role === BORG_ROLE ? 'makes an instance that shares the one `__dict__` and runs `__init__` on it' : 'returns the one instance and runs `__init__` on it again';
      return mk('TL008', file, a, `\`${name}\` is written in \`__init__\` of ${owner}: every call of \`${info.qualname}()\` ${again}, replacing what other threads are using.`, related, severity);
    }
    // `self.user = user` that no method of the class, its bases or subclasses reads back: a dead
    // store; no thread sees another's value through it (it keeps the last one alive).
    if (a.op === 'self-write' && a.taint === undefined && a.detail !== 'del' && severity === undefined && !this.readsBack(cls, attr)) {
      return mk('TL008', file, a, `\`${name}\` is written in \`${fn.name}\` of ${owner}, but no method of the class reads it back: the one instance keeps whichever request's value came last, and nothing here uses it (reported as information).`, related, 'information');
    }
    // `next(self.cycle_iter)` in a template node's render: Django's own example of unsafe node state.
    const verb = a.op === 'self-write' ? 'is written' : a.op === 'next' ? 'is advanced by `next()`' : `${otherObject ? 'may be' : 'is'} changed by ${opText(a)}`;
    const unsure = otherObject ? ` (what it holds is not known here; ${opText(a)} may be its own method, not a container's)` : '';
    return mk('TL008', file, a, `\`${name}\` ${verb} in \`${fn.name}\` of ${owner}; ${poolMethod ? 'the threads that run its method share the one instance' : 'one instance serves many requests at once'}, so threads see each other's value${unsure}.`, related, severity);
  }
}

/** Process-wide changes whose documentation does not call them unsafe for threads (DOMAIN.md: unconfirmed, a hint): information. */
const UNCONFIRMED_PROCESS_WIDE = new Set(['time.tzset', 'socket.setdefaulttimeout']);

/** A module of a Django app's `management/commands/` package: one `manage.py` command each. */
export function isManagementCommand(file: FileSummary): boolean {
  return /(^|\.)management\.commands\.[^.]+$/.test(file.module) || /[\\/]management[\\/]commands[\\/][^\\/]+\.py$/.test(file.path);
}

function lifeMessage(life: LongLived, info: ClassInfo): string {
  switch (life.role) {
    case 'middleware':
      return life.notDjango
        ? `\`${info.qualname}\` is middleware (a class named so, with request methods): created once around the application, its methods run for every request`
        : `\`${info.qualname}\` is Django middleware: created once per process, its methods run for every request`;
    case 'template node':
      return `\`${info.qualname}\` is a template Node: parsed once, cached, and rendered by many threads at once`;
    case 'model admin':
      return `\`${info.qualname}\` is a Django ModelAdmin: the admin site makes one instance per registered model, and every admin request uses it`;
    case 'class instance whose method runs on several threads at once':
      return `\`${info.qualname}\` hands this method to a thread pool (or to threads it starts in a loop): its calls run at once, on one \`self\``;
    case 'Pyramid tween':
      return `\`${info.qualname}\` is a Pyramid tween: the application makes one when it is configured, and it wraps every request on every thread`;
    case 'Falcon resource':
      return `\`${info.qualname}\` is a Falcon resource: the route keeps one instance, and every request to it, on every thread, uses that instance`;
    case 'Falcon middleware component':
      return `\`${info.qualname}\` is a Falcon middleware component: the application keeps one instance, and it runs for every request on every thread`;
    case 'model manager':
      return `\`${info.qualname}\` is a Django model manager: Django keeps one copy per model class, and \`Model.objects\` hands that copy to every request`;
    case 'Django password hasher':
      return `\`${info.qualname}\` is a Django password hasher: \`get_hashers()\` makes one instance per process (it is cached) and every login uses it`;
    case 'Django template loader':
      return `\`${info.qualname}\` is a Django template loader: the template engine makes its loaders once and keeps them for every render`;
    case 'Django template engine':
      return `\`${info.qualname}\` is a Django template engine: \`django.template.engines\` makes one per configured backend and keeps it`;
    case 'Django model field':
      return `\`${info.qualname}\` is a Django model field: one field object per model class, used by every instance of the model on every thread`;
    case 'descriptor':
      return `\`${info.qualname}\` is a descriptor (it defines \`__get__\`): its instance sits in the body of the class that uses it, one object for all of that class's instances, on every thread`;
    case 'Django app config':
      return `\`${info.qualname}\` is a Django AppConfig: the application registry keeps one instance per installed application, and every thread that asks for it gets that one`;
    case 'Django database router':
      return `\`${info.qualname}\` is a Django database router: \`DATABASE_ROUTERS\` names it, Django makes one instance per process and asks it for every query on every thread`;
    case 'Django password validator':
      return `\`${info.qualname}\` is a Django password validator: \`AUTH_PASSWORD_VALIDATORS\` names it, and the cached \`get_default_password_validators()\` gives one instance to every request`;
    case 'Django URL converter':
      return `\`${info.qualname}\` is a Django URL converter: \`register_converter()\` keeps one instance, used by every URL resolved or reversed on every thread`;
    case 'Django storage':
      return `\`${info.qualname}\` is a Django storage: \`default_storage\` and the storages fields keep are one object each, used by every request`;
    case 'CherryPy controller':
      return `\`${info.qualname}\` is a CherryPy controller: the application mounts one instance, and its thread pool serves every request with it`;
    case 'gRPC servicer':
      return `\`${info.qualname}\` is a gRPC servicer: the server keeps the one instance it is given, and its thread pool runs every call of every method on it at once`;
    case 'gRPC server interceptor':
      return `\`${info.qualname}\` is a gRPC server interceptor: the server keeps the one instance it is given and runs it for every call, on its pool's threads`;
    case 'reused view':
      return `\`${info.qualname}\` sets \`init_every_request = False\`: Flask makes one instance of the view and every request uses it`;
    case 'singleton made by `__new__`':
      return `\`${info.qualname}\` is a singleton: its \`__new__\` keeps one instance and returns it, so every \`${info.qualname}()\` on every thread gets that object`;
    case 'WSGI middleware':
      return `\`${info.qualname}\` is WSGI middleware (it takes the application it wraps and is called with \`environ, start_response\`): one instance wraps the application and serves every request`;
    case OWNED_ROLE:
      return `\`${info.qualname}\` is the class of that kept instance: every request its owner serves uses the one object`;
    default:
      return `\`${info.qualname}\`, the class of that instance, is defined here`;
  }
}
