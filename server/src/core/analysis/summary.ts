/**
 * The per-file summary: everything the cross-file pass needs to know about one
 * module, extracted in a single walk of its syntax tree. Summaries are plain
 * data (structured-clone safe) so worker threads can build them and the main
 * thread (or the language server) can keep them between runs.
 */

/** A range as `[startLine, startCharacter, endLine, endCharacter]`, zero-based, UTF-16 columns. */
export type Span = [number, number, number, number];

/** What a name is bound to, as far as the binding expression shows. */
export type ValueKind =
  | { k: 'mutable'; type: string }
  | { k: 'immutable' }
  | { k: 'lock'; reentrant: boolean; factory: string }
  | { k: 'threadlocal' }
  /**
   * `mutableDefault`: a `contextvars.ContextVar`'s mutable default, by type: one object for every context that never set it.
   * `bounded`: a queue made with a maximum size (its `put()` can block).
   */
  | { k: 'safe'; type: string; mutableDefault?: string; bounded?: boolean }
  | { k: 'deque' }
  | { k: 'sqlite'; checkSameThread: boolean }
  | { k: 'cursor' }
  /** An object of a library class that one thread at a time must use (UNSAFE_OBJECTS): `smtplib.SMTP(...)`, `markdown.Markdown()`. */
  | { k: 'unsafe'; type: string }
  | { k: 'generator' }
  /** A call whose callee lives in the scanned files (or is unknown): resolved across files. */
  | { k: 'call'; callee: string }
  /** Another name (`CACHE = _cache`): resolved across files. */
  | { k: 'ref'; target: string }
  | { k: 'function'; fn: number }
  | { k: 'class'; cls: number }
  /** `optional`: imported at module level inside `try:` ... `except ImportError:` (a dependency that may be missing). */
  | { k: 'import'; target: string; optional?: boolean }
  | { k: 'unknown' };

export interface Binding {
  name: string;
  span: Span;
  value: ValueKind;
}

export interface ClassInfo {
  qualname: string;
  span: Span;
  /** Canonical dotted names of the bases, as far as the file's imports tell. */
  bases: string[];
  /** `@dataclass(frozen=True)`, `@attr.s(frozen=True)`, `@attrs.frozen`, a `typing.NamedTuple`: its instances refuse attribute stores. */
  frozen?: boolean;
  /** `class _Manager(metaclass=SingletonMeta)` at module level: the metaclass's canonical dotted name. */
  metaclass?: string;
  /** Attributes assigned in the class body. */
  attrs: Record<string, Binding>;
  /** Method name -> function index. */
  methods: Record<string, number>;
  /** Attributes assigned through `self.x = ...` in any method, with where and (in `__init__`) what. */
  instanceAttrs: Record<string, Binding>;
  /** `__init__(self, get_response, ...)`: a Django middleware signature. */
  takesGetResponse: boolean;
  /** `__init__(self, handler, registry)`: a Pyramid tween class, one instance for every request. */
  pyramidTween: boolean;
  /**
   * WSGI middleware: `__init__(self, app, ...)` (or `application`, `wsgi_app`) and
   * `__call__(self, environ, start_response)`; 1 and 2 while only one of the two is seen, 3 for both.
   */
  wsgiMiddleware: number;
  /** `__call__(self, scope, receive, send)`: an ASGI application or middleware, not Django's (which takes the request). */
  asgiCall?: boolean;
  /**
   * A Scrapy component: `from_crawler(cls, crawler)`, or a hook that takes the spider last
   * (`process_request(self, request, spider)`): one per crawler, run on the Twisted reactor's thread,
   * not Django middleware whatever its name.
   */
  crawlerComponent?: boolean;
  /** `__new__` stores one instance on the class and returns it (`if cls._instance is None: ...; return cls._instance`): every call of the class gives that object, and runs `__init__` on it again. */
  newSingleton: boolean;
  /**
   * `__init__` (or `__new__`) gives each instance one shared `__dict__` (`self.__dict__ = self._shared_state`,
   * the Borg pattern): every instance's attributes are one set of attributes, shared by every thread.
   */
  sharedDict?: boolean;
  /** `__init__` starts by leaving when the object is already set up (`if getattr(self, "_ready", False): return`). */
  guardedInit: boolean;
  /**
   * Methods the class's own code names through `self`: called (`self.m()`/`cls.m()`, the plain
   * name), or handed to a thread pool (`pool.submit(self._work)`, THREADED_METHOD + the name).
   * One list, so the function-body memo records and replays both the same way.
   */
  selfCalls: string[];
  /** Class-body attributes annotated `ClassVar[...]`: class state even in a pydantic model. */
  classVars: string[];
  /**
   * Methods the class's own code calls through `self` only from construction (`__init__` and the
   * like, and the methods only those call): `self.add_files(root)` in the `__init__` of a subclass
   * of the class that defines `add_files` (FunctionInfo.setupPublic).
   */
  setupCalls: string[];
  /**
   * Methods the class calls through `self` only from a model field's set-up methods
   * (FIELD_SETUP_METHODS: `contribute_to_class`, ...) or the functions defined in them
   * (`lazy_related_operation(resolve_related_class, ...)`), and names nowhere else in its file.
   */
  fieldSetupCalls: string[];
  /**
   * Functions a model field's set-up method defines and hands to Django to run as the model class
   * is prepared (`lazy_related_operation(resolve_related_class, ...)`, `class_prepared.connect(f)`),
   * by qualified name. Not one connected to another signal (`post_save.connect(f)`), which runs per request.
   */
  fieldSetupClosures: string[];
  /**
   * The module-level object a proxy class hands every attribute access on to: its `__setattr__` is
   * `setattr(X, name, value)` (or `setattr(getattr(X, ...), ...)`) alone and its `__getattr__` (or
   * `__getattribute__`) `return getattr(X, ...)` alone, canonical (cherrypy's `_ThreadLocalProxy`
   * and `serving`). resolve.ts: thread-local when `X` is.
   */
  forwardsTo?: string;
  /** Its `__getattr__` makes a new object for every name it is asked (every `return` returns a call or a lambda): a remote method, a proxy. */
  getattrMakes?: boolean;
  /**
   * Methods that the methods the class registers as request hooks (`app.before_request(self._check)`,
   * REQUEST_HOOK_METHOD) call through `self`, directly or through one another, by name: they serve
   * requests too.
   */
  hookCalls: string[];
  /** `init_every_request = False` in the body (Flask's class-based views): one instance for every request. */
  reusesInstance: boolean;
}

export interface FunctionInfo {
  qualname: string;
  name: string;
  span: Span;
  isAsync: boolean;
  /** Index of the class this is a method of, or -1. */
  cls: number;
  /** `self` (or `cls` for classmethods) name, or '' for functions and staticmethods. */
  selfName: string;
  isClassMethod: boolean;
  /** Defined inside another function (a closure); treated as run time unless `returnedBy` says otherwise. */
  nested: boolean;
  /**
   * For a closure whose only use is to be returned by the function it is defined in
   * (`def register(name): def wrap(fn): ...; return wrap`): that function's index; -1 otherwise.
   * When the outer function is only ever called as a decorator factory at import time
   * (`@register("x")`), the closure runs only then.
   */
  returnedBy: number;
  /** Has a `request`/`environ` parameter, a route decorator, or reads `flask.request`. */
  isRequest: boolean;
  /** A command-line command (`@click.command()`, `@app.cli.command()`): run by its own process. */
  isCommand: boolean;
  /** A Celery task (`@shared_task`, `@app.task` of a Celery app): run by a worker's pool, separate processes by default. */
  celeryTask?: boolean;
  /**
   * pytest runs it, in a test session: a fixture (`@pytest.fixture`, wherever it is defined: a
   * plugin's fixtures are not in a test module), or a module-level `pytest_*` hook of a module that
   * imports pytest (a plugin's hooks).
   */
  pytestCallable?: boolean;
  /** Has a decorator other than `@classmethod` and `@staticmethod`: something else received it and may run it elsewhere. */
  wrapped?: boolean;
  /** A module-level function a call must pass arguments to (a parameter without a default): no console entry point, which is called with none. */
  argsRequired?: boolean;
  /** A method made a property (`@property`, `@cached_property`, `@x.setter`): reading `self.x` calls it. */
  property?: boolean;
  /**
   * Runs only on the main thread: its body starts by leaving when it is not there
   * (`if not is_main_thread(): return`), or it is a signal handler (`signal.signal(sig, f)`),
   * which Python always runs on the main thread.
   */
  mainThreadOnly: boolean;
  /**
   * Runs an event loop for good: `reactor.run()`, Twisted's `react(main)`, `loop.run_forever()` in its
   * body. A process does that once, on its main thread (a start-up root: Workspace.commandOnly).
   */
  runsLoop?: boolean;
  /** Defined under `if __name__ == "__main__":` (module level): only the file run as a program has it (Workspace.isCommandCode). */
  mainDefined?: boolean;
  /** mainThreadOnly because the file installs it as a signal or exit handler and names it nowhere else (not for a guard in its body): other files may still call it. */
  installedHandler: boolean;
  /**
   * Runs on one thread of its own: the target of the one `threading.Thread(target=f)` the module
   * starts while it loads (not in a loop), a function the file names nowhere else.
   */
  oneThread: boolean;
  /** `(handler, registry)`: the shape of a Pyramid tween factory, called once while the application is configured (in a Pyramid package). */
  tweenFactory: boolean;
  /**
   * A module-level PasteDeploy factory, `filter_factory(global_conf, **local_conf)` (an app, filter
   * or server factory: 'conf') or `(app, global_conf, **local_conf)` (a filter-app factory: 'app'):
   * called once while the pipeline is built.
   */
  pasteFactory?: 'conf' | 'app';
  /** The filter a 'conf' PasteDeploy factory defines, taking the application alone (`def audit_filter(app)`): called once, with it. */
  pasteFilter?: boolean;
  /** Takes Falcon's `req, resp` pair of parameters (a responder, middleware method, hook or sink, when the package uses Falcon). */
  reqResp: boolean;
  /** Has decorators: something received the function and may have registered it (a signal receiver, a task). */
  decorated: boolean;
  isGenerator: boolean;
  /** `@staticmethod`. */
  isStatic: boolean;
  /** A private method called only from constructors (`__init__` and the like), directly or through other such methods. */
  constructionOnly: boolean;
  /**
   * A public method that only constructors call in its file (`self.configure_from_settings(settings)`
   * in `__init__`, directly or through other such methods), named nowhere else there: set-up code
   * unless code elsewhere calls it on the finished object (resolve.ts: information).
   */
  setupPublic: boolean;
  /** A private method called only from the class's `ready()`, directly or through other such methods (start-up code in a Django AppConfig). */
  readyOnly: boolean;
  /**
   * Decorated with a cache that hands every caller the object it keeps (`@functools.lru_cache`,
   * `@functools.cache`, cachetools' decorators): its results are shared by all threads.
   */
  cached: boolean;
  /**
   * Every `return` gives back the first parameter as it is, and one does (`def register(func):
   * _HOOKS.append(func); return func`): a decorator that registers what it decorates.
   */
  returnsArg?: boolean;
  /**
   * A module-level function whose every `return` gives back a new mutable container of this type
   * (`return {"banned": []}`, `cfg = {}` ... `return cfg`): what a module-level `CONFIG = load_config()` holds.
   */
  returnsFresh?: string;
  /** A module-level function whose every `return` gives back a new object made by one callee (`return Settings(**cfg)`): that callee, canonical. */
  returnsMade?: string;
  /**
   * The module-level lock (its name) this function holds around the code it is given: a
   * `@contextmanager` that yields inside `with lock:`, or a decorator whose wrapper calls the
   * decorated function inside one. `with helper():` and `@helper` then hold that lock. '' otherwise.
   */
  holds: string;
  /**
   * Positions of the parameters this function hands on to code that keeps them to call later
   * (`def run_parallel(fn, items): ... pool.submit(fn, item)`): a function given there by a caller
   * runs at run time, on other threads.
   */
  escapes: number[];
  /**
   * Classes (callees as written) this function makes once and uses only to call methods on, through a
   * local it stores once (`futils = FernetUtils(repo)`; `futils.rotate_keys()`): the object never leaves
   * the call (Workspace.commandOnly follows such a class's methods from command-line code).
   */
  localInstances?: string[];
  /** Decorated with Tornado's `@run_on_executor`: a handler's method that runs on its thread pool, not the IOLoop. */
  offLoop: boolean;
  /**
   * A plugin's set-up hook this function looks up by name on another object (`hasattr(engine, "init")`,
   * `getattr(engine, "init")`; HOOK_NAMES): in a package's `__init__.py`, the modules of that package
   * it loads by name (searx's engines), whose module-level function of that name it calls.
   */
  hooksRead?: string[];
  /** For a method named `ready`: the calls its body always makes, statements of the body itself (canonical callees). */
  readyCalls?: string[];
  /** A cached function that returns something made to be shared (`threading.local()`, a queue, a lock, a deque, an immutable value). */
  cachedSafe: boolean;
  /** A cached function returning an instance of an imported class (`Elasticsearch(url)`), canonical: a client unless the class is one of the scanned files'. */
  cachedClass?: string;
  /**
   * Registered by its decorator to run once, before work arrives: `@worker_process_init.connect`
   * (Celery), `@app.on_event("startup")` (FastAPI, Starlette). A start-up root, like `AppConfig.ready()`.
   */
  startup: boolean;
}

/** How a shared-state candidate is touched. */
export type AccessOp =
  | 'rebind' // X = ... through `global X`, or module.X = ... from outside
  | 'mutate' // X.append(...) and friends
  | 'setitem' // X[k] = v
  | 'delitem' // del X[k]
  | 'attr-store' // X.attr = v
  | 'augassign' // X += v
  | 'rmw' // X = X + 1, d[k] = d.get(k) + 1, d[k] += 1
  | 'self-write' // self.x = v
  | 'call' // X(...) for process-wide functions
  | 'next' // next(X), X.send(...)
  | 'use' // X.method(...) on a resource
  | 'with'; // with X(...):

export interface Access {
  op: AccessOp;
  /** `chain`: canonical dotted name; `self`: attribute of the enclosing class's instance (or class, via cls). */
  target: { t: 'chain'; chain: string } | { t: 'self'; cls: number; attr: string; via: 'self' | 'cls' };
  /** Text of the target as written, for messages. */
  text: string;
  span: Span;
  fn: number;
  /** Method name for `mutate`/`use`, extra detail otherwise. */
  detail?: string;
  /** Number of positional/keyword arguments (for `call`), used by models that care. */
  argc?: number;
  /** Lock candidates held at the access (keys; filtered to real locks at the end of the walk). */
  held: string[];
  /** Text of the request-derived value stored, when one is. */
  taint?: string;
  /** Check-then-act: the span of the `if` whose test reads the same state; `outside` when the check is outside the lock that guards the write. */
  /**
   * `once`: the test is a flag's truth and its block only logs or warns and sets the flag to a
   * literal (`if not _warned: log.warning(...); _warned = True`): racing threads repeat the message.
   * `member`: the test is of a key's membership (`if k not in _cache:`), not of the container's emptiness.
   */
  /** `raiseOnly`: the test is one that leaves by raising, before the write (`if k in REG: raise ValueError(...)`). */
  /**
   * `setupAfter`: a lazy initialisation without a lock that assigns the global and then sets the object up
   * under the same test (`_ENFORCER = Enforcer(); _ENFORCER.load_rules()`, `_MAP = {}` then `_MAP[k] = v`):
   * the first such set-up, which a thread that finds the global assigned may not wait for.
   */
  /**
   * readsEntry: a membership test, a store of an entry under it, and a subscript read of the
   * container after the test in the same function (`if k not in C: C[k] = v` ... `return C[k]`).
   * filled: a test of whether the container is set or empty (`if not C:`), and a change of it in
   * place under that test (`C[k] = v`, `C.update(...)`): filled where other threads can see it.
   * refresh: the test is `or` of the value's own test and something else that can hold again once
   * the value is set (`if _rates is None or time.time() - _loaded > 300:`): filled more than once.
   * stale: the test, under the lock the write holds, reads the value only through this local, read
   * before that lock was taken (`conn = cls._conn` ... `with lock: if conn is None:`): it re-reads nothing.
   */
  check?: { span: Span; outside: boolean; once?: true; member?: true; raiseOnly?: true; setupAfter?: Span; readsEntry?: true; filled?: true; refresh?: true; stale?: string };
  /**
   * The access changes what a call of `target` returned (`get_config()["k"] = v`, or
   * `c = get_config(); c.append(x)`), not `target` itself: it matters when `target` is a
   * cached function, whose result is one object every caller shares.
   */
  result?: boolean;
  /**
   * In an `async def`: the coroutine can be suspended (`await`, `async for`, `async with`) between
   * the test and the write of a check-then-act, or between the read and the write of `X += await f()`,
   * so other coroutines of the same event loop can act in between.
   */
  awaited?: boolean;
  /** Made through a local that holds an entry of the target (`row = TABLE[k]; row["x"] = v`, Scope.entryAliases). */
  entry?: boolean;
  /**
   * A run-time rebinding of a module global to a new mutable container (`_cache = {}` after
   * `_cache = None` at module level): its type. The global holds that container from then on.
   */
  stores?: string;
  /**
   * For a rebinding inside `if`/`elif`/`else` arms of its function: the arms, outermost first
   * (`<if offset in the body>:<0 | elif number | e>`, joined by `/`). Two writes whose paths part
   * at arms of the same `if` never both run in one call.
   */
  arm?: string;
  /**
   * For a rebinding with no test of its own: a module-level name a test around it (or an early exit
   * before it, `if loaded: return`) tests, as written in the file's module (canonical). With an earlier
   * test-then-set of that name in the function (`loaded = True`), a once-flag it sits behind.
   */
  guard?: string;
  /**
   * Made where one thread only can be: after the function called `signal.signal(...)` (or
   * `signal.set_wakeup_fd(...)`) as a statement of its own body, which raises `ValueError` on any
   * thread but the main one ('signal'); in the child's branch after `os.fork()`
   * (`if pid == 0:`), where the forking thread is the child's only thread ('child'); in the body of
   * an `if` whose test asks for the main thread (`... and threading.current_thread() is
   * threading.main_thread()`) ('main').
   */
  oneThread?: 'signal' | 'child' | 'main';
  /**
   * Made inside `with threading.RLock():` (a lock factory called in the `with` itself), which makes a
   * new lock for that one block and excludes no other thread: that call's span, for messages.
   */
  freshLock?: Span;
}

/** Access.stores of a run-time `global _conn; _conn = sqlite3.connect(path)` (with `check_same_thread=False`: SQLITE_SHARED_STORED). */
export const SQLITE_STORED = '@sqlite';
export const SQLITE_SHARED_STORED = '@sqlite-shared';
/** Access.stores of a run-time `global _client; _client = PaymentClient(url)`: this prefix and the callee's canonical name. */
export const STORED_CALL = '@call:';

/** A reference to a module-level function or class, for the import-time-only analysis. */
export interface Ref {
  chain: string;
  /**
   * `tests`: connected to Django's `setting_changed`, which only tests send (run-time code only when something else calls it);
   * `import`: called or applied as decorator at import time; `decorate`: called at import time as a
   * decorator factory (`@X(...)`: the result is applied at once and not kept); `escape`: used as a
   * value at import time; `alias`: given another module-level name (`_debug = debug`), which
   * other code may call; `command`: handed to argparse's `set_defaults(func=...)`, a sub-command a
   * command line dispatches to; `process`: handed to a process pool (`ex.map(f, items)` on a
   * `ProcessPoolExecutor`), whose worker processes run it one task at a time each; otherwise the
   * index of the function it occurs in.
   */
  from: 'import' | 'decorate' | 'escape' | 'alias' | 'startup' | 'loop' | 'thread' | 'tests' | 'command' | 'process' | number;
  /** Called (`X(...)`) inside a function: for classes, an instance made at run time. */
  call?: boolean;
  /** Made inside a lambda, which may run later and elsewhere (`run_in_executor(None, lambda: f())`). */
  deferred?: boolean;
}

/** A finding the per-file pass can decide alone (lock re-entry), still subject to run-time checks. */
export interface LocalFinding {
  code: string;
  span: Span;
  message: string;
  /** Below the rule's default severity when the hazard is milder (a `setdefault` on a mutable default). */
  severity?: 'information';
  fn: number;
  related: { span: Span; message: string }[];
  /**
   * For a closure variable's mutation: the enclosing function that made the variable. The
   * finding holds only when that function runs at import time (a decorator), so every call of
   * the closure it returned shares the variable.
   */
  sharedBy?: number;
  /**
   * With sharedBy: that function is a Django middleware factory (`def timing(get_response): ...
   * return middleware`), which Django calls once per process when it loads the middleware, so
   * every request shares the variable even though nothing in the scanned files calls the factory.
   */
  perProcess?: true;
  /**
   * Held-lock keys of lock helpers imported from other modules (IMPORTED_HELPER_KEY): the finding
   * stands only if none of them holds a lock, which the cross-file pass decides.
   */
  unlessHeld?: string[];
  /**
   * A write to `self.server...` in a socketserver request handler: a warning when the file uses a
   * threading server (`ThreadingMixIn`, `ThreadingTCPServer`, ...), information otherwise; decided
   * once the file is walked, and not kept in the summary.
   */
  serverState?: boolean;
  /**
   * TL004 in a private module-level function: the parameter whose default is mutated (set in the walk),
   * then, once the file is walked, `defaultPassed` instead when every call of the function in the file
   * passes that parameter (the cross-file pass lowers the finding when no other file names the function).
   */
  defaultParam?: string;
  defaultPassed?: true;
}

export interface Pragmas {
  /** Line (0-based) -> rule selectors suppressed there; `*` means all. */
  lines: Record<number, string[]>;
  /** File-level selectors; `*` means all. */
  file: string[];
}

export interface FileSummary {
  path: string;
  module: string;
  /** Module-level bindings by name (the first binding's place, merged value kind). */
  defs: Record<string, Binding>;
  classes: ClassInfo[];
  functions: FunctionInfo[];
  accesses: Access[];
  refs: Ref[];
  local: LocalFinding[];
  /** Mutable defaults that are mutated: [param span, mutation access index]. */
  pragmas: Pragmas;
  lines: number;
  /** Module-level names removed by `del` at import time (helpers used only while the module loads). */
  deleted: string[];
  /** Module-level names bound under `if __name__ == "__main__":` (a script's own objects, not the module's). */
  scriptNames: string[];
  /**
   * Module-level caches given with a lock to a caching decorator defined outside any function
   * (`@cachetools.cached(_rates, lock=_rates_lock)`): the code means one lock to guard them.
   */
  lockedCaches: string[];
  /**
   * Attributes stored on the module's own functions (`set_translators.lang = "en"`,
   * `initialize.initialized = True`), as `function.attr`: data kept on the function object, whose
   * reads and stores do not hand the function on (Workspace.computeRuntimeNow).
   */
  functionAttrs?: string[];
  /** Spans of syntax errors, if any. */
  syntaxErrors: Span[];
  /**
   * Methods called on module-level objects from request handlers (`client.call(...)` in a view),
   * as canonical chains (`app.services.client.call`): a module-level instance whose method a
   * request handler calls serves requests for certain.
   */
  requestCalls: string[];
  /**
   * The same calls made by the file's other functions on its own module-level objects (`breaker.allow()`
   * in a helper `_forward()`), by function index: request calls when request code calls that function.
   */
  helperCalls: [number, string][];
  /**
   * Calls a method makes through an attribute of `self`, no lock held, by function index: `limiter.hit` for
   * `self.limiter.hit(key)`, `authenticate` for `self.authenticate(environ)` (a method of the class, or the
   * `__call__` of an object the attribute holds: the cross-file pass knows which).
   */
  ownedCalls?: [number, string][];
  /** Every `self.m()` call of a method, by calling function index and method name (defined in its class or inherited). */
  selfMethodCalls?: [number, string][];
  /**
   * Instances made without a name of their own and kept by what they are given to: at import time
   * inside a call's arguments or a container (`path("feed/", LatestFeed())`, `ROUTERS = [Router()]`,
   * `how` 'module'), or registered with a gRPC server (`add_XServicer_to_server(Servicer(), server)`,
   * 'grpc'; `grpc.server(..., interceptors=[Log()])`, 'interceptor'). The class is a canonical chain.
   * `router`, `validator`: a class Django settings name by dotted path (`DATABASE_ROUTERS`,
   * `AUTH_PASSWORD_VALIDATORS`); `converter`: a class given to `register_converter()`. Django makes
   * one instance of each for the process.
   */
  kept: { chain: string; span: Span; how: 'module' | 'grpc' | 'interceptor' | 'router' | 'validator' | 'converter' }[];
  /**
   * Module-level functions given by name to a function of this file (`run_parallel(work, items)`):
   * the callee (as written), the argument's position and the function given. Judged against the
   * callee's FunctionInfo.escapes once the file is walked.
   */
  helperArgs: [callee: string, position: number, given: string][];
  /** Modules this one star-imports (`from state import *`), in order, resolved like other imports. */
  starImports: string[];
  /**
   * The names `__all__` lists (literal lists and tuples of strings, `=` and `+=`), which a star
   * import takes; null when the module has no `__all__` (a star import then takes every name
   * without a leading underscore).
   */
  exports: string[] | null;
  /** `__all__` is built some other way than literals (`exports` says nothing then; a star import takes the public names). */
  exportsUnknown: boolean;
  /**
   * Attribute names the file's functions read on objects a local or parameter names, not `self`
   * (`tab.resolved_title`, `t.current`), sorted: a store on a long-lived object that may be read
   * back this way is not a dead store (resolve.ts, readsBack()).
   */
  attrReads: string[];
  /**
   * Mutable keyword arguments given to a class-based view's `as_view()` at module level
   * (`PromoView.as_view(extra_context={"banners": []})`): Django sets each on every instance it
   * makes, one object shared by all requests. The view class as a canonical chain.
   */
  asViewArgs: { cls: string; attr: string; type: string; span: Span }[];
  /**
   * Module-level objects the file's functions loop over as they are (`for t in _active:`,
   * `for k, v in _REG.items():`, a comprehension over them; not over a copy, `list(_active)`),
   * canonical, with the index of the function that loops: a change made while such a loop runs
   * breaks it (resolve.ts, iteratedLive()).
   */
  iterated: [fn: number, chain: string][];
  /**
   * `threading.Thread(target=f).start()` made once (not in a loop) in a function, `f` named nowhere else
   * in the file (and the module-level functions only such targets call directly): the function that
   * starts the thread and `f`. resolve.ts: `f` runs on one thread when its starter runs once (start-up code).
   */
  threadStarts?: [starter: number, fn: number][];
  /**
   * Functions the module calls as it loads (module-level code outside `if __name__ == "__main__":`
   * and class bodies), as written (`get_settings()`, `conf.load()`): Workspace.primedAtImport.
   */
  importCalls?: string[];
  /**
   * Callees called at module level the way a metaclass is to make a class, `M("Name", (Base,), {...})`
   * (three arguments, the second a tuple, the third a dict), as written: Workspace.metaclassUsers.
   */
  classFactoryCalls?: string[];
  /** A `setup.py`'s console scripts (`module:attr`, entryPoints.ts): functions pip's wrappers run, each in a process of its own. */
  consoleScripts?: string[];
}

/**
 * Records keyed by Python names (`defs`, a class's `attrs`, `methods`,
 * `instanceAttrs`) are plain objects, since summaries travel between threads
 * and through the JSON cache. Python names include `constructor`, `toString`
 * and `__proto__`, so they are made without a prototype (`names()`) and read
 * with `own()`, which never answers from Object.prototype, whatever prototype
 * a record came back with from a worker or the cache.
 */
export function names<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `record[name]` when it is the record's own entry, else undefined. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** `Access.detail` of `d[k] = v` / `del d[k]` where `k` is the calling thread's identity (`_thread.get_ident()`). */
export const THREAD_KEY = 'thread key';

/** `Access.detail` of a `use` that reads an entry of a cachetools cache whose reads change it (`_tokens[k]`). */
export const CACHE_READ = '[]';

/**
 * `Access.detail` prefix of a read-modify-write of a global through a local read before the store's
 * lock was taken (`n = _count` ... `with _lock: _count = n + 1`): then the local's name and the read's
 * span, its rows relative to the store's first row (readBeforeLockDetail(), readBeforeLockOf()).
 */
export const READ_BEFORE_LOCK = '\0read before lock:';

/** The related location's message at such a read ends with this (the lock quick fix does not apply: the lock is held already). */
export const READ_BEFORE_LOCK_NOTE = 'before the lock is taken';
/**
 * The reason a finding in a function only the main thread runs (a signal handler) is information: the
 * lock fix never wraps such code, since a handler that waits for a lock the interrupted main thread
 * holds waits forever (fixes/lock.ts).
 */
export const MAIN_THREAD_ONLY_NOTE = 'it runs only on the main thread';
export const SIGNAL_GUARD_NOTE = 'only the main thread gets here: `signal.signal()` before it raises `ValueError` on any other';

export function readBeforeLockDetail(local: string, at: Span, row: number): string {
  return `${READ_BEFORE_LOCK}${local}\0${at[0] - row},${at[1]},${at[2] - row},${at[3]}`;
}

/** The local and the read's span of a READ_BEFORE_LOCK detail on an access whose span starts at `row`. */
export function readBeforeLockOf(detail: string | undefined, row: number): { local: string; at: Span } | undefined {
  if (detail === undefined || !detail.startsWith(READ_BEFORE_LOCK)) return undefined;
  const [local, where] = detail.slice(READ_BEFORE_LOCK.length).split('\0');
  const [r0, c0, r1, c1] = where.split(',').map(Number);
  return { local, at: [r0 + row, c0, r1 + row, c1] };
}

/** `Access.detail` of `D[x.__qualname__] = x` (or `__name__`): an object stored under its own name. */
export const SELF_KEYED = 'self keyed';
/** In ClassInfo.selfCalls: `threads:_work` for a method the class hands to a thread pool or to threads made in a loop (`pool.submit(self._work)`). */
export const THREADED_METHOD = 'threads:';
/** In ClassInfo.selfCalls: `thread:_poll` for a method the class runs on one thread of its own (`threading.Thread(target=self._poll)`), off any event loop. */
export const OWN_THREAD_METHOD = 'thread:';
/** In ClassInfo.selfCalls: `prepared:_finalize` for a method connected to Django's `class_prepared` (`class_prepared.connect(self._finalize)`), run as model classes are created. */
export const PREPARED_METHOD = 'prepared:';
/** In ClassInfo.selfCalls: `request:_after` for a method the class registers to run for requests (`app.after_request(self._after)`). */
export const REQUEST_HOOK_METHOD = 'request:';
/** Access.detail of a global rebound to a new object a call makes (`SETTINGS = Settings(**cfg)`, `SETTINGS = load_settings()`): `made by:` and the callee, canonical. */
export const MADE_BY = 'made by:';
/**
 * In ClassInfo.selfCalls: the class hands itself to argparse as a sub-command in a classmethod
 * (`parser.set_defaults(cmd_class=cls)`, keystone-manage's `BaseApp`): it and its subclasses are
 * command-line commands.
 */
export const SUBCOMMAND_CLASS = 'subcommand:cls';
/** In ClassInfo.selfCalls: `read:user` for an attribute a method reads through `self` (`return str(self.user)`). */
export const READ_ATTR = 'read:';
/** The end of FunctionInfo.holds for a helper whose lock depends on its argument (`call:lock_for()[*]`). */
export const KEYED_HELPER = '[*]';
/** Ends a later-resolved helper's held-lock key when the write does not name the helper's argument. */
export const UNNAMED_KEY = '!';
/** The prefix of a held-lock key naming a lock helper imported from another module (`with exclusive("x"):`), judged across files. */
export const IMPORTED_HELPER_KEY = 'import:';

/**
 * The end of an IMPORTED_HELPER_KEY for a named-lock decorator made in another module and called with
 * the lock's name (`@utils.synchronized("mgr")`): a lock if that module's binding is made by
 * oslo.concurrency's `synchronized_with_prefix()` or is `lockutils.synchronized` itself.
 */
export const NAMED_LOCK_CALL = '(name)';

/**
 * The end of an IMPORTED_HELPER_KEY for an object imported from another module and held as it is
 * (`from .sync import db_guard` ... `with db_guard:`): a lock if that module makes it as one
 * (`db_guard = threading.Lock()`), which only the cross-file pass can tell.
 */
export const IMPORTED_LOCK_VALUE = '(value)';

/**
 * Starts the Access.held of a change made in a public function whose every call in its file holds a
 * lock, or in a function only such functions and locked code call (collect.ts, markCalledUnderLock()),
 * then the indices of those public functions, comma-separated: code elsewhere may call them without
 * the lock (resolve.ts: information, or a warning when another file names one).
 */
export const CALLERS_LOCK_KEY = 'call:callers:';

/**
 * `Access.detail` of a process-wide change that puts back a value saved earlier in the function
 * (`os.umask(old)` after `old = os.umask(0)`, `sys.stdout = saved` after `saved = sys.stdout`).
 */
export const RESTORES = 'restores';
/** `Access.detail` of a process-wide change made inside a block that puts it back (`warnings.simplefilter` under `warnings.catch_warnings()`). */
export const RESTORED_BY_BLOCK = 'restored by its block';

/**
 * `Access.detail` of a `setitem` that assigns an attribute of an object the target holds
 * (`FIELDS["email"].required = True`, `self.base_fields["x"].widget.attrs["class"] = "big"`):
 * the entry is one object for every thread, like the container.
 */
export const ENTRY_ATTR = 'entry attribute';

/**
 * `Access.detail` of `global X; X = None` in a module-level function named for tearing state down
 * (`cleanup()`, `shutdown()`, `teardown()`, `finalize()`, `dispose()`, ...): the undoing of what a
 * start-up `init()` set, at shutdown or between tests.
 */
export const TEARDOWN_RESET = 'reset to None at teardown';

/**
 * The start of an `Access.detail` of a global rebound to a value of an immutable kind, built whole in
 * the expression (`_lang = get_lang().lower()`, `_ncpus = max(1, os.cpu_count() or 1)`, a tuple of
 * such, a string made by formatting): no object to set up or to leak, whichever thread stores it
 * (collect.ts immutableShape()). Followed by the expression's text.
 */
export const IMMUTABLE_VALUE = 'immutable value: ';

/** `Access.detail` of `global X; X = frozenset(names)` in a function that does not otherwise touch `X`: a new immutable snapshot. */
export const SNAPSHOT = 'snapshot';

/**
 * `Access.detail` of `global X; X = fresh` where `fresh` is a local holding a container the function
 * built (`fresh = {p.slug: p.price for p in rows}`), in a function that does not otherwise touch `X`
 * and uses `fresh` after the store only through `len()`: a new object published whole, as the
 * check-then-act docs recommend (resolve.ts: information when no code changes `X` in place).
 */
export const FRESH_PUBLISHED = 'fresh container';

/** `Access.detail` of `self._values[instance] = v` in a descriptor's `__set__`: storage per owner instance. */
export const OWNER_KEY = 'owner key';

/**
 * The Access.detail of `X["v1"] = "ikev1"`: a literal (or a builtin type, `str`) stored under a literal
 * key, this prefix then the key's and the value's text. When every run-time write of X is such a store
 * and no two give one key different values, each stores what is already there after the first
 * (resolve.ts, constantEntries()).
 */
export const CONSTANT_ENTRY = 'constant entry: ';

/** `Access.detail` of `self.base_fields[K] = v` whose key is a literal or a module constant (the same entry for every form). */
export const CONSTANT_KEY = 'constant key';

/** `Access.detail` of a `global` rebinding whose value is an imported name (the same object for every thread). */
export const IMPORTED_VALUE = 'imported value';

/** `Access.detail` of a global rebound to the plugin class stevedore loads (`DriverManager(ns, name).driver`): the same class for every thread. */
export const IMPORTED_PLUGIN_CLASS = 'imported plugin class';
/** `Access.detail` of a store of a tuple of imported objects (`tuple(import_string(p) for p in PANELS)`): racing threads store equal tuples. */
export const IMPORTED_LIST = 'imported list';

/**
 * `Access.detail` of a write that stores an equal value whichever thread makes
 * it: this prefix, then what kind of value, a space, and the value's text. The
 * kind is the canonical callee of a call that gives an equal object for
 * constant arguments (`re.compile`, `logging.getLogger`), PURE_VALUE for a
 * value computed from constants alone in a lazy initialisation, PURE_KEYED
 * for a dict entry computed from its key and constants alone, or LITERAL_VALUE.
 */
export const IDEMPOTENT_VALUE = 'idempotent value: ';
/** The kind of an IDEMPOTENT_VALUE detail for a value computed from constants alone. */
export const PURE_VALUE = 'pure';
/** The kind of an IDEMPOTENT_VALUE detail for a dict entry computed from its key and constants alone. */
export const PURE_KEYED = 'pure-keyed';
/**
 * The kind of an IDEMPOTENT_VALUE detail for a literal (`True`, `None`, `"fast"`) stored outside
 * any test of the name: when every run-time write stores the same literal, racing threads agree
 * (a one-way flag such as `KEYRING_DISABLED = True`). Under a test of the name the test decides
 * (check-then-act), so the cross-file pass ignores this kind there.
 */
export const LITERAL_VALUE = 'literal';
/** After a pure kind: the module-level and builtin names the value reads, comma-separated (checked across files). */
export const PURE_NAMES = ':';

/** `running.add(key)` where `key` holds the calling thread's identity: the detail of such a `mutate` (method, space, THREAD_KEY). */
export function threadKeyedMethod(method: string): string {
  return `${method} ${THREAD_KEY}`;
}

/** Whether a `mutate` adds or removes an entry keyed by the calling thread (threadKeyedMethod). */
export function isThreadKeyedMutate(a: Access): boolean {
  return a.op === 'mutate' && a.detail !== undefined && a.detail.endsWith(` ${THREAD_KEY}`);
}

/** The method a `mutate` calls (its detail without the THREAD_KEY mark of threadKeyedMethod()). */
export function mutateMethod(a: Access): string {
  const detail = a.detail ?? '';
  const space = detail.indexOf(' ');
  return space < 0 ? detail : detail.slice(0, space);
}

/** A text as a message quotes it: on one line, at most 60 characters. */
export function truncate(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/** How an access changes its target, for messages: "`.append()`", "item assignment". */
export function opText(a: Access): string {
  switch (a.op) {
    case 'mutate':
      // `heapq.heappush()`: a module's function that changes the list it is given; else a method.
      return mutateMethod(a).includes('.') ? `\`${mutateMethod(a)}()\`` : `\`.${mutateMethod(a)}()\``;
    case 'setitem':
      return a.detail === ENTRY_ATTR ? 'assigning an attribute of one of its entries' : 'item assignment';
    case 'delitem':
      return '`del`';
    case 'augassign':
      return `\`${a.detail ?? '+='}\``;
    case 'attr-store':
      return 'attribute assignment';
    default:
      return 'this statement';
  }
}
