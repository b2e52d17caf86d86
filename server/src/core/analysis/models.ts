/**
 * Models of the standard library and frameworks: which callables create
 * mutable containers, locks, thread-confined or thread-safe objects, which
 * methods mutate, and which calls change process-wide state. Everything is
 * keyed by canonical dotted names (`threading.Lock`, `os.chdir`) so that any
 * import form resolves to the same entry.
 */
import type { ValueKind } from './summary';

/** Methods that change a list, dict, set, deque or bytearray in place. */
export const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'clear', 'update', 'setdefault',
  'add', 'discard', 'sort', 'reverse', 'appendleft', 'extendleft', 'popleft', 'rotate',
  'difference_update', 'intersection_update', 'symmetric_difference_update', 'move_to_end',
]);

/** The mutating methods that put their arguments into the container (request data passed to them is stored, TL007); the others only remove or reorder. */
export const STORING_METHODS = new Set([
  'append', 'extend', 'insert', 'update', 'setdefault', 'add', 'appendleft', 'extendleft', 'symmetric_difference_update',
]);

/**
 * Functions of the standard library that change the list given as their first argument in place,
 * and whether they put their other arguments into it (request data passed is stored, TL007).
 * `random.shuffle` swaps entries in a Python loop: two threads shuffling one list lose swaps.
 */
export const IN_PLACE_FUNCTIONS: ReadonlyMap<string, boolean> = new Map([
  ['random.shuffle', false],
  ['numpy.random.shuffle', false],
  ['heapq.heappush', true],
  ['heapq.heappop', false],
  ['heapq.heappushpop', true],
  ['heapq.heapreplace', true],
  ['heapq.heapify', false],
  ['bisect.insort', true],
  ['bisect.insort_left', true],
  ['bisect.insort_right', true],
]);

/** The last names of IN_PLACE_FUNCTIONS: a cheap first test on a call. */
export const IN_PLACE_NAMES: ReadonlySet<string> = new Set([...IN_PLACE_FUNCTIONS.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1)));

/** deque operations documented as thread-safe. */
export const DEQUE_SAFE_METHODS = new Set(['append', 'appendleft', 'pop', 'popleft', 'extend', 'extendleft']);

/** Methods whose use on a shared resource (connection, cursor, generator) matters. */
export const RESOURCE_METHODS = new Set([
  'execute', 'executemany', 'executescript', 'cursor', 'commit', 'rollback', 'fetchone', 'fetchall',
  'fetchmany', 'send', 'throw',
  // UNSAFE_OBJECTS: SMTP, HTTP connections, Markdown converters, zip files being written.
  'sendmail', 'send_message', 'getresponse', 'convert', 'writestr',
  // Python-Markdown's documented `md.reset().convert(text)`: the reset is the first use.
  'reset',
  // psycopg2's SimpleConnectionPool.
  'getconn', 'putconn', 'closeall',
  // A MySQL connection's own round trips to the server (PyMySQL, mysqlclient).
  'ping', 'select_db',
  // A `random.Random` generator: reseeding it (drawing from it is what it is shared for).
  'seed', 'setstate',
  // SQLAlchemy's Session (not `get`, a dict's too: recording every `.get()` would cost every scan).
  'query', 'flush', 'scalars', 'scalar', 'merge', 'refresh', 'expunge', 'expunge_all', 'delete', 'add_all', 'begin',
  'begin_nested', 'close', 'expire', 'expire_all', 'bulk_save_objects',
  // boto3 sessions (`client`, `resource`) and resources (their sub-resources).
  'client', 'resource', 'Bucket', 'Object', 'Table',
  // An HTTP session's transport adapters (`requests.Session().mount(prefix, adapter)`).
  'mount',
  // A module-level `log = logging.getLogger(name)`: one logger object per name for the process (TL009).
  'setLevel', 'addHandler', 'removeHandler',
  // Files, in-memory buffers and csv writers (UNSAFE_OBJECTS).
  'write', 'writelines', 'writerow', 'writerows', 'truncate', 'seek', 'getvalue',
]);

/**
 * Library classes whose objects keep the state of one conversation or document, so that one
 * thread at a time must use them; what goes wrong when threads share one (TL012). Their methods
 * that act are in RESOURCE_METHODS.
 */
export const UNSAFE_OBJECTS: ReadonlyMap<string, string> = new Map([
  ['smtplib.SMTP', 'an SMTP connection carries one conversation: two threads sending at once interleave their commands and read each other\'s replies'],
  ['smtplib.SMTP_SSL', 'an SMTP connection carries one conversation: two threads sending at once interleave their commands and read each other\'s replies'],
  ['http.client.HTTPConnection', 'an HTTP connection carries one request at a time: a second thread\'s `request()` breaks the first one\'s (`CannotSendRequest`, `ResponseNotReady`)'],
  ['http.client.HTTPSConnection', 'an HTTP connection carries one request at a time: a second thread\'s `request()` breaks the first one\'s (`CannotSendRequest`, `ResponseNotReady`)'],
  ['markdown.Markdown', 'a Markdown converter keeps the state of the document it converts (footnotes, references) until `reset()`: two threads converting at once mix their documents'],
  ['markdown.core.Markdown', 'a Markdown converter keeps the state of the document it converts (footnotes, references) until `reset()`: two threads converting at once mix their documents'],
  ['zipfile.ZipFile', 'a zip file being written keeps one write position: entries written by threads at once corrupt the archive'],
  // io's documentation: TextIOWrapper objects (what `open()` returns in text mode) are not thread-safe; a buffer keeps one position.
  ['open', 'a file object keeps one position and one buffer (and the io documentation says text files are not thread-safe): writes from threads at once interleave or are lost'],
  ['io.open', 'a file object keeps one position and one buffer (and the io documentation says text files are not thread-safe): writes from threads at once interleave or are lost'],
  ['io.StringIO', 'an in-memory buffer keeps one position and one content: writes from threads at once interleave, and one request\'s `getvalue()` or `truncate()` reads or clears another\'s output'],
  ['io.BytesIO', 'an in-memory buffer keeps one position and one content: writes from threads at once interleave, and one request\'s `getvalue()` or `truncate()` reads or clears another\'s output'],
  ['csv.writer', 'a csv writer writes to the one file it was given: rows written by threads at once interleave'],
  ['csv.DictWriter', 'a csv writer writes to the one file it was given: rows written by threads at once interleave'],
  ['boto3.Session', 'boto3\'s guide says Session objects are not thread safe and should not be shared across threads (a client made from it once, at start-up, is thread-safe)'],
  ['boto3.session.Session', 'boto3\'s guide says Session objects are not thread safe and should not be shared across threads (a client made from it once, at start-up, is thread-safe)'],
  ['boto3.resource', 'boto3\'s guide says resource instances are not thread safe and should not be shared across threads (a client is thread-safe)'],
  // The random module's own functions are TL009 (random.seed); an instance of its generator class is one state too.
  ['random.Random', 'a `random.Random` generator keeps one state: reseeding it resets the stream of every thread drawing from it, and another thread can draw between the seed and this one\'s draws, so the seeded sequence is not reproducible'],
  // PEP 249 `threadsafety = 1`, "threads may share the module, but not connections": PyMySQL 1.0.2 and
  // mysqlclient 1.4.6 (MySQLdb) declare it (Debian 12's python3-pymysql, python3-mysqldb, `__init__.py`).
  ...['pymysql.connect', 'pymysql.Connect', 'pymysql.Connection', 'pymysql.connections.Connection', 'MySQLdb.connect', 'MySQLdb.Connect', 'MySQLdb.Connection', 'MySQLdb.connections.Connection'].map(
    (callee): [string, string] => [callee, 'a MySQL connection carries one conversation with the server, and its driver declares that threads may not share connections (PEP 249 `threadsafety = 1`): two threads\' queries at once interleave on the one socket and read each other\'s results'],
  ),
  // psycopg2's documentation: "A connection pool that can't be shared across different threads" (ThreadedConnectionPool can).
  ['psycopg2.pool.SimpleConnectionPool', 'psycopg2\'s documentation says a `SimpleConnectionPool` can\'t be shared across threads (it keeps its free and used connections without a lock): two threads at once can be handed the same connection or lose one (`ThreadedConnectionPool` is the thread-safe one)'],
]);

/** A lookup table keyed by dotted Python names; a Map, so no name (`constructor`, `__proto__`) can reach Object.prototype. */
function table<V>(entries: Record<string, V>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}

const MUTABLE_CONSTRUCTORS: ReadonlyMap<string, string> = table({
  list: 'list',
  dict: 'dict',
  set: 'set',
  bytearray: 'bytearray',
  'collections.defaultdict': 'defaultdict',
  'collections.Counter': 'Counter',
  'collections.OrderedDict': 'OrderedDict',
  'weakref.WeakValueDictionary': 'WeakValueDictionary',
  'weakref.WeakKeyDictionary': 'WeakKeyDictionary',
  'weakref.WeakSet': 'WeakSet',
  // An object of attributes: judged like a module-level instance (its attributes, not items).
  'types.SimpleNamespace': 'SimpleNamespace',
  // pandas' frames and series: changed in place by item assignment, `.loc[...] = v` and `inplace=True`.
  'pandas.DataFrame': 'DataFrame',
  'pandas.Series': 'Series',
  'pandas.read_csv': 'DataFrame',
  'pandas.read_parquet': 'DataFrame',
  'pandas.read_json': 'DataFrame',
  'pandas.read_excel': 'DataFrame',
  'pandas.read_sql': 'DataFrame',
  'pandas.read_pickle': 'DataFrame',
  'pandas.read_feather': 'DataFrame',
  // A parsed JSON or YAML document is made of dicts and lists; a TOML document is a dict.
  'json.load': 'dict or list (a parsed JSON document)',
  'json.loads': 'dict or list (a parsed JSON document)',
  'yaml.safe_load': 'dict or list (a parsed YAML document)',
  'yaml.load': 'dict or list (a parsed YAML document)',
  'yaml.full_load': 'dict or list (a parsed YAML document)',
  'tomllib.load': 'dict (a parsed TOML document)',
  'tomllib.loads': 'dict (a parsed TOML document)',
  'tomli.load': 'dict (a parsed TOML document)',
  'tomli.loads': 'dict (a parsed TOML document)',
  'toml.load': 'dict (a parsed TOML document)',
  'toml.loads': 'dict (a parsed TOML document)',
  // cachetools' caches are not thread-safe (its documentation): shared ones need a lock.
  'cachetools.Cache': 'cachetools.Cache',
  'cachetools.LRUCache': 'cachetools.LRUCache',
  'cachetools.TTLCache': 'cachetools.TTLCache',
  'cachetools.TLRUCache': 'cachetools.TLRUCache',
  'cachetools.LFUCache': 'cachetools.LFUCache',
  'cachetools.FIFOCache': 'cachetools.FIFOCache',
  'cachetools.MRUCache': 'cachetools.MRUCache',
  'cachetools.RRCache': 'cachetools.RRCache',
});

/**
 * cachetools' caches whose reads change them: `c[k]` and `c.get(k)` move the entry in the LRU/MRU
 * order or bump its use count, and a TTL cache's read, `len()` included, drops expired entries
 * (cachetools/__init__.py: `LRUCache.__getitem__` calls `__update`, `TTLCache.__getitem__` relinks).
 * The value: whether `len()` changes it too.
 */
export const READ_CHANGING_CACHES: ReadonlyMap<string, boolean> = new Map([
  ['cachetools.LRUCache', false], ['cachetools.MRUCache', false], ['cachetools.LFUCache', false],
  ['cachetools.TTLCache', true], ['cachetools.TLRUCache', true],
]);

/** The last names of MUTABLE_CONSTRUCTORS' callees (and `deque`): a cheap first test on a call's text. */
export const MUTABLE_CALL_NAMES: ReadonlySet<string> = new Set([...[...MUTABLE_CONSTRUCTORS.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1)), 'deque']);

const IMMUTABLE_CONSTRUCTORS = new Set([
  'frozenset', 'tuple', 'str', 'int', 'float', 'bool', 'bytes', 'object', 'complex', 'range',
  'types.MappingProxyType', 'decimal.Decimal', 'fractions.Fraction', 'datetime.timedelta',
  'datetime.date', 'datetime.datetime', 're.compile', 'collections.namedtuple', 'typing.NamedTuple',
  'typing.TypeVar',
]);

const LOCK_FACTORIES: ReadonlyMap<string, boolean> = table({
  // value: reentrant
  'threading.Lock': false,
  '_thread.allocate_lock': false,
  '_thread.LockType': false,
  'threading.RLock': true,
  'threading.Condition': true,
  'threading.Semaphore': true,
  'threading.BoundedSemaphore': true,
  'multiprocessing.Lock': false,
  'multiprocessing.RLock': true,
  // Held with `async with` by coroutines of one event loop: they keep those coroutines apart.
  'asyncio.Lock': false,
  'asyncio.locks.Lock': false,
  'asyncio.Semaphore': true,
  'asyncio.BoundedSemaphore': true,
  'asyncio.Condition': false,
  // AnyIO's (Starlette and FastAPI run on it) and Trio's, held the same way.
  'anyio.Lock': false,
  'anyio.Condition': false,
  'anyio.Semaphore': true,
  'trio.Lock': false,
  'trio.StrictFIFOLock': false,
  'trio.Condition': false,
  'trio.Semaphore': true,
});

/** The semaphore classes: a lock only with a count of 1 (classifyCall). */
export const SEMAPHORES: ReadonlySet<string> = new Set(['threading.Semaphore', 'threading.BoundedSemaphore', 'asyncio.Semaphore', 'asyncio.BoundedSemaphore', 'anyio.Semaphore', 'trio.Semaphore']);

/** The key of a call's first positional argument in the keyword map `classifyCall` reads (no keyword can be spelt so). */
export const FIRST_ARG = '#0';
/** RawCall kwargs key of a call's second positional argument (`open(path, "ab")`'s mode). */
export const SECOND_ARG = '#1';

/**
 * The queue classes: thread-safe, though their `empty()`/`full()`/`qsize()` answers say nothing about
 * the next `get()`/`put()` (their documentation).
 */
export const QUEUES: ReadonlySet<string> = new Set(['queue.Queue', 'queue.LifoQueue', 'queue.PriorityQueue', 'queue.SimpleQueue', 'multiprocessing.Queue']);
/** Queues made with an optional maximum size (`SimpleQueue` has none). */
const BOUNDABLE_QUEUES = new Set([...QUEUES].filter((q) => q !== 'queue.SimpleQueue'));

const THREAD_SAFE_TYPES = new Set([
  ...QUEUES,
  'threading.Event', 'threading.Barrier', 'contextvars.ContextVar', 'asgiref.local.Local',
  'itertools.count', 'django.utils.functional.SimpleLazyObject',
  // Werkzeug's context locals (ContextVar-backed since Werkzeug 2.0) and the proxies Flask's
  // `request`, `g`, `session` and `request_ctx` are made of: each request sees its own object.
  'werkzeug.local.Local', 'werkzeug.local.LocalStack', 'werkzeug.local.LocalProxy',
]);

export interface ModelOptions {
  lockFactories: string[];
  threadSafeTypes: string[];
}

/** Classifies the value made by calling `callee` (a canonical dotted name). */
export function classifyCall(callee: string, options: ModelOptions, kwargs: Map<string, string>): ValueKind {
  const mutable = MUTABLE_CONSTRUCTORS.get(callee);
  if (mutable) return { k: 'mutable', type: mutable };
  if (callee === 'collections.deque') return { k: 'deque' };
  if (IMMUTABLE_CONSTRUCTORS.has(callee)) return { k: 'immutable' };
  // A logger is safe to share (its methods take its lock); changing its level or handlers is TL009.
  if (callee === 'logging.getLogger') return { k: 'safe', type: callee };
  const reentrant = LOCK_FACTORIES.get(callee);
  if (reentrant !== undefined) {
    // A semaphore made with a count over 1 lets that many threads in at once: no mutual exclusion,
    // but a thread-safe object. An unknown count (a name) is taken for a lock.
    const count = SEMAPHORES.has(callee) ? (kwargs.get('value') ?? kwargs.get(FIRST_ARG)) : undefined;
    if (count !== undefined && /^\d+$/.test(count) && Number(count) > 1) return { k: 'safe', type: callee };
    return { k: 'lock', reentrant, factory: callee };
  }
  if (options.lockFactories.includes(callee)) return { k: 'lock', reentrant: true, factory: callee };
  if (isThreadLocalBase(callee)) return { k: 'threadlocal' };
  if (callee === 'contextvars.ContextVar') {
    // `ContextVar("x", default={})`: one default object, what `.get()` returns wherever the variable is unset.
    const type = mutableLiteralType(kwargs.get('default'));
    return type ? { k: 'safe', type: callee, mutableDefault: type } : { k: 'safe', type: callee };
  }
  if (LAZY_OBJECTS.has(callee)) {
    // `SimpleLazyObject(lambda: dict(settings.FEATURES))`: item writes and method calls go to the one
    // object the function makes on first use.
    const made = /^lambda\s*:\s*([\s\S]*)$/.exec(kwargs.get(FIRST_ARG) ?? '');
    const type = made ? mutableLiteralType(made[1]) : undefined;
    if (type) return { k: 'mutable', type };
  }
  if (BOUNDABLE_QUEUES.has(callee)) {
    // `queue.Queue(10)`, `Queue(maxsize=n)`: a put() on a full queue blocks; 0 (the default) is no limit.
    const max = kwargs.get('maxsize') ?? kwargs.get(FIRST_ARG);
    // 0 or less (`maxsize=-1`) is no limit.
    return max !== undefined && !/^(0+|-\s*\d+)$/.test(max) ? { k: 'safe', type: callee, bounded: true } : { k: 'safe', type: callee };
  }
  if (THREAD_SAFE_TYPES.has(callee) || options.threadSafeTypes.includes(callee)) return { k: 'safe', type: callee };
  // A file opened in binary mode (`open(p, "ab")`): io's buffered binary files lock around each call.
  if ((callee === 'open' || callee === 'io.open') && /b/.test(kwargs.get('mode') ?? kwargs.get(SECOND_ARG) ?? '')) return { k: 'unknown' };
  if (UNSAFE_OBJECTS.has(callee)) return { k: 'unsafe', type: callee };
  if (callee === 'sqlite3.connect' || callee === 'sqlite3.dbapi2.connect') {
    return { k: 'sqlite', checkSameThread: kwargs.get('check_same_thread') !== 'False' };
  }
  return { k: 'call', callee };
}

/** Django's lazy proxies: the object made on first use stands behind every item write and method call. */
const LAZY_OBJECTS = new Set(['django.utils.functional.SimpleLazyObject', 'django.utils.functional.LazyObject']);

/** The type of a mutable value written as `text` (`{}`, `[1]`, `dict()`, `defaultdict(list)`), judged from the text alone. */
function mutableLiteralType(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.startsWith('[')) return 'list';
  if (text.startsWith('{')) return /^\{\s*(\}|\*\*)/.test(text) || /^\{[^,]*:/.test(text) ? 'dict' : 'set';
  const call = /^(?:collections\.)?(dict|list|set|bytearray|defaultdict|OrderedDict|Counter)\s*\(/.exec(text);
  return call ? call[1] : undefined;
}

/**
 * Classes whose instances keep one set of attributes per thread: `threading.local`, the C type
 * behind it (`_thread._local`) and its pure-Python fallback, and the greenlet-local classes of
 * gevent and eventlet (one value per greenlet; with their monkey-patching, each "thread" is one).
 */
const THREAD_LOCAL_CLASSES = new Set(['threading.local', '_threading_local.local', '_thread._local', 'gevent.local.local', 'eventlet.corolocal.local']);

/** Base classes that make instances thread-confined (THREAD_LOCAL_CLASSES). */
export function isThreadLocalBase(base: string): boolean {
  return THREAD_LOCAL_CLASSES.has(base);
}

export function isSafeBase(base: string, options: ModelOptions): boolean {
  return base === 'asgiref.local.Local' || THREAD_SAFE_TYPES.has(base) || options.threadSafeTypes.includes(base);
}

/** Process-wide state: canonical name -> what it changes. Calls of these (or writes, for the data ones) are TL009. */
export const PROCESS_WIDE_CALLS: ReadonlyMap<string, string> = table({
  'os.chdir': 'the working directory of the whole process',
  'os.fchdir': 'the working directory of the whole process',
  'os.putenv': 'the environment of the whole process',
  'os.unsetenv': 'the environment of the whole process',
  'locale.setlocale': 'the locale of the whole process',
  'socket.setdefaulttimeout': 'the default socket timeout of the whole process',
  'contextlib.redirect_stdout': 'the `sys.stdout` of the whole process',
  'contextlib.redirect_stderr': 'the `sys.stderr` of the whole process',
  'contextlib.chdir': 'the working directory of the whole process',
  'warnings.catch_warnings': 'the warnings filters of the whole process',
  'warnings.simplefilter': 'the warnings filters of the whole process',
  'warnings.filterwarnings': 'the warnings filters of the whole process',
  'warnings.resetwarnings': 'the warnings filters of the whole process',
  'time.tzset': 'the time zone of the whole process',
  'random.seed': 'the seed of the `random` module\'s generator, which every thread of the process shares',
  'random.setstate': 'the state of the `random` module\'s generator, which every thread of the process shares',
  'numpy.random.seed': 'the seed of NumPy\'s global generator, which every thread of the process shares',
  'torch.manual_seed': 'the seed of PyTorch\'s default generator, which every thread of the process shares',
  'torch.set_num_threads': 'the size of PyTorch\'s intra-op thread pool for the whole process',
  'torch.set_num_interop_threads': 'the size of PyTorch\'s inter-op thread pool for the whole process',
  'torch.use_deterministic_algorithms': 'PyTorch\'s algorithm choice for the whole process',
  'pandas.set_option': 'pandas\' options, global to the process',
  'pandas.reset_option': 'pandas\' options, global to the process',
  'pandas.option_context': 'pandas\' options, global to the process, for the length of the block',
  'matplotlib.use': 'matplotlib\'s backend for the whole process',
  'matplotlib.rc': 'matplotlib\'s settings, one `rcParams` for the whole process',
  'matplotlib.rcdefaults': 'matplotlib\'s settings, one `rcParams` for the whole process',
  'matplotlib.rc_context': 'matplotlib\'s settings, one `rcParams` for the whole process, for the length of the block',
  'matplotlib.style.use': 'matplotlib\'s settings, one `rcParams` for the whole process',
  'matplotlib.pyplot.style.use': 'matplotlib\'s settings, one `rcParams` for the whole process',
  'signal.signal': 'signal handlers, which only the main thread may set',
  'signal.set_wakeup_fd': 'the wake-up file descriptor of signal handling, which only the main thread may set',
  'signal.siginterrupt': 'whether system calls restart after a signal, a setting of the whole process',
  // One real-time alarm and one set of interval timers per process; their signals go to the main thread.
  'signal.alarm': 'the one alarm clock of the whole process (its `SIGALRM` goes to the main thread, not to the caller)',
  'signal.setitimer': 'the interval timers of the whole process (their signals go to the main thread, not to the caller)',
  'resource.setrlimit': 'the resource limits of the whole process',
  'sys.set_int_max_str_digits': 'the integer-to-string digit limit, which the interpreter keeps for all its threads',
  'csv.field_size_limit': 'the `csv` module\'s field size limit, one for the whole process',
  'mimetypes.add_type': 'the `mimetypes` module\'s table of types, one for the whole process',
  // "The registry is global, and any existing mapping for either the given prefix or the namespace URI will be removed."
  'xml.etree.ElementTree.register_namespace': 'ElementTree\'s namespace prefix registry, one for the whole process, which every thread\'s serialiser reads',
  'xml.etree.cElementTree.register_namespace': 'ElementTree\'s namespace prefix registry, one for the whole process, which every thread\'s serialiser reads',
  'lxml.etree.register_namespace': 'lxml\'s namespace prefix registry, one for the whole process, from which every thread\'s new elements take their prefixes',
  // The interpreter's own settings: one for all of its threads.
  'sys.setrecursionlimit': 'the recursion limit, which the interpreter keeps for all its threads',
  'sys.setswitchinterval': 'the thread switch interval, which the interpreter keeps for all its threads',
  'gc.disable': 'the garbage collector of the whole process',
  'gc.enable': 'the garbage collector of the whole process',
  'gc.set_threshold': 'the garbage collector\'s thresholds for the whole process',
  'importlib.reload': 'a module, one object for the whole process (its code runs again, rebinding its globals while other threads use them)',
  'os.umask': 'the file-creation mask of the whole process',
  // `urlopen()` uses the one opener installed for the process (urllib.request's `_opener`).
  'urllib.request.install_opener': 'the opener every thread\'s `urllib.request.urlopen()` uses, one for the whole process',
  // The logging configuration: one tree of loggers and handlers for the whole process.
  'logging.basicConfig': 'the logging configuration of the whole process (the root logger\'s handlers and level)',
  'logging.config.dictConfig': 'the logging configuration of the whole process',
  'logging.config.fileConfig': 'the logging configuration of the whole process',
  'logging.disable': 'the logging threshold of the whole process',
  'logging.captureWarnings': 'the logging configuration of the whole process (where warnings go)',
  // `logging.getLogger(name).setLevel(...)` (recorded under these names: the logger is one object per name).
  'logging.Logger.setLevel': 'the level of a logger, one object per name for the whole process',
  'logging.Logger.addHandler': 'the handlers of a logger, one object per name for the whole process',
  'logging.Logger.removeHandler': 'the handlers of a logger, one object per name for the whole process',
  // `override_settings.enable()` swaps the wrapped object of Django's one `settings` (django/test/utils.py).
  'django.test.utils.override_settings': 'Django\'s settings, one object for the whole process',
  'django.test.override_settings': 'Django\'s settings, one object for the whole process',
  'django.test.utils.modify_settings': 'Django\'s settings, one object for the whole process',
  'django.test.modify_settings': 'Django\'s settings, one object for the whole process',
});

/** Decorators that make the change of PROCESS_WIDE_CALLS around every call of the function they decorate (and undo it after). */
export const PROCESS_WIDE_DECORATORS = new Set(['django.test.utils.override_settings', 'django.test.override_settings', 'django.test.utils.modify_settings', 'django.test.modify_settings']);

/**
 * For a process-wide change, the calls (or attributes) whose earlier result, passed back, undoes it:
 * `old = os.umask(0)` ... `os.umask(old)`, `cwd = os.getcwd()` ... `os.chdir(cwd)`.
 */
export const RESTORED_FROM: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['os.umask', new Set(['os.umask'])],
  ['os.chdir', new Set(['os.getcwd', 'os.getcwdb'])],
  ['locale.setlocale', new Set(['locale.setlocale', 'locale.getlocale'])],
  ['socket.setdefaulttimeout', new Set(['socket.getdefaulttimeout'])],
  ['signal.signal', new Set(['signal.signal', 'signal.getsignal'])],
  ['sys.stdout', new Set(['sys.stdout', 'sys.__stdout__'])],
  ['sys.stderr', new Set(['sys.stderr', 'sys.__stderr__'])],
  ['sys.stdin', new Set(['sys.stdin', 'sys.__stdin__'])],
]);

/** Process-wide data objects: writing to them (item, attribute or mutating method) is TL009. */
export const PROCESS_WIDE_DATA: ReadonlyMap<string, string> = table({
  'os.environ': 'the environment of the whole process',
  'sys.stdout': 'the `sys.stdout` of the whole process',
  'sys.stderr': 'the `sys.stderr` of the whole process',
  'sys.stdin': 'the `sys.stdin` of the whole process',
  'sys.path': 'the import path of the whole process',
  'sys.argv': 'the command-line arguments of the whole process',
  // Library settings kept in one place for the process.
  'matplotlib.rcParams': 'matplotlib\'s settings, one `rcParams` for the whole process',
  'matplotlib.pyplot.rcParams': 'matplotlib\'s settings, one `rcParams` for the whole process',
  'tempfile.tempdir': 'the temporary directory `tempfile` uses for the whole process',
  'PIL.Image.MAX_IMAGE_PIXELS': 'Pillow\'s decompression-bomb limit for the whole process',
});

/** Attributes under these prefixes are process-wide settings too (`pd.options.display.max_rows = 10`). */
export const PROCESS_WIDE_DATA_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['pandas.options.', 'pandas\' options, global to the process'],
  // The decimal docs: change DefaultContext's fields before threads start, as new threads' contexts copy it.
  ['decimal.DefaultContext.', 'the template of every new thread\'s decimal context, one for the whole process'],
]);

/**
 * Standard-library modules whose functions and classes code replaces at run time (`socket.socket =
 * FakeSocket`, `time.time = frozen`): a module exists once per process, so the replacement is every
 * thread's (patchedModule()).
 */
const PATCHED_MODULES = new Set([
  'socket', 'ssl', 'select', 'selectors', 'time', 'datetime', 'os', 'os.path', 'subprocess', 'threading', 'builtins',
  'urllib.request', 'http.client', 'json', 'random', 'uuid', 'getpass', 'shutil', 'tempfile', 'smtplib', 'ftplib',
  'asyncio', 'io', 'glob', 'platform', 'webbrowser', 'email.utils',
]);

/** For an assignment of `chain` (`socket.socket`), the standard-library module it patches, else undefined. */
export function patchedModule(chain: string): string | undefined {
  const dot = chain.lastIndexOf('.');
  if (dot <= 0 || chain.startsWith('__', dot + 1)) return undefined;
  const module = chain.slice(0, dot);
  return PATCHED_MODULES.has(module) ? module : undefined;
}

/** What writing `chain` changes when it is process-wide data (PROCESS_WIDE_DATA or one of its prefixes), else undefined. */
export function processWideData(chain: string): string | undefined {
  const exact = PROCESS_WIDE_DATA.get(chain);
  if (exact !== undefined) return exact;
  for (const [prefix, what] of PROCESS_WIDE_DATA_PREFIXES) if (chain.startsWith(prefix)) return what;
  return undefined;
}

/**
 * pyplot's functions work on its global state (the current figure and axes, the figures it keeps
 * open): in request code, every call is one on state the whole process shares. Not the few that
 * only read a registry.
 */
const PYPLOT = 'matplotlib.pyplot.';
const PYPLOT_READS = new Set(['get_cmap', 'colormaps', 'get_backend', 'isinteractive', 'get_fignums', 'get_figlabels', 'color_sequences', 'imread', 'imsave']);

/** What a call changes when it is process-wide: PROCESS_WIDE_CALLS, or a pyplot function. */
export function processWideCall(callee: string): string | undefined {
  const known = PROCESS_WIDE_CALLS.get(callee);
  if (known !== undefined) return known;
  // Not pyplot's re-exported classes (`plt.Figure`, `plt.Normalize`: capitalised) nor its file readers and writers.
  if (callee.startsWith(PYPLOT) && callee.indexOf('.', PYPLOT.length) < 0 && !PYPLOT_READS.has(callee.slice(PYPLOT.length)) && !/^[A-Z]/.test(callee.slice(PYPLOT.length))) {
    return 'pyplot\'s global state (the current figure and axes, the figures it keeps open; matplotlib is not thread-safe, so make figures with `matplotlib.figure.Figure` in request code)';
  }
  return undefined;
}

/** True for `locale.setlocale(category)` or `csv.field_size_limit()` (a query) rather than a change. */
export function isQueryOnly(callee: string, argc: number): boolean {
  // `csv.field_size_limit()` returns the limit; given a number, it sets it.
  return (callee === 'locale.setlocale' && argc < 2) || (callee === 'csv.field_size_limit' && argc < 1);
}

/** Names of parameters that carry per-request data. */
export const REQUEST_PARAMS = new Set(['request', 'environ']);

/** Canonical names of framework request globals. */
export const REQUEST_GLOBALS = new Set(['flask.request', 'flask.globals.request', 'flask.session', 'flask.g']);

/** Decorator names (last segment) that make a function a request handler. */
export const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'api_view', 'websocket', 'expose']);

/**
 * Decorators that run the whole function with the lock they are given held: wrapt's
 * `@synchronized(lock)` (the lock object as its one argument) and decorators named alike.
 */
export const SYNCHRONIZING_DECORATORS = new Set(['synchronized', 'synchronised', 'with_lock']);

/**
 * Decorators that keep a function's results and hand the same object to every later caller with
 * equal arguments, on any thread (canonical names): mutating a result changes the kept object.
 */
export const CACHING_DECORATORS = new Set([
  'functools.lru_cache', 'functools.cache', 'cachetools.cached',
  'cachetools.func.lru_cache', 'cachetools.func.ttl_cache', 'cachetools.func.lfu_cache',
  'cachetools.func.fifo_cache', 'cachetools.func.rr_cache', 'cachetools.func.mru_cache',
]);

/** Canonical names of the Flask application class. */
export const FLASK_APPS = new Set(['flask.Flask', 'flask.app.Flask']);

/** Canonical names of the ASGI application classes whose instances carry a `state` shared by all requests. */
export const STATE_APPS = new Set(['fastapi.FastAPI', 'fastapi.applications.FastAPI', 'starlette.applications.Starlette']);

/**
 * The canonical chain given to `request.app.state` (Starlette's `Request.app` is the running
 * application): `app.state` of a `STATE_APPS` instance, one object for the whole process.
 */
export const APP_STATE = 'starlette.applications.Starlette.state';

/** Methods of Django middleware that run per request. */
export const MIDDLEWARE_METHODS = new Set([
  '__call__', '__acall__', 'process_request', 'process_view', 'process_response', 'process_exception',
  'process_template_response',
]);

/** Methods that run while the object is still private to one thread. */
export const CONSTRUCTION_METHODS = new Set(['__init__', '__new__', '__post_init__', 'setUp', 'setUpClass', '__set_name__', '__init_subclass__']);

/** Regex for lock-like names when the lock's creation cannot be seen. */
export const LOCK_NAME = /lock|mutex|(^|_)cond(ition)?$|(^|_)sem(aphore)?$/i;

export const BUILTINS = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec',
  'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'list', 'locals', 'map', 'max', 'memoryview',
  'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property', 'range', 'repr', 'reversed',
  'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type',
  'vars', 'zip', '__import__', 'NotImplemented', 'Ellipsis', '__name__', '__file__', '__doc__',
]);

/** Builtins whose result depends only on their arguments (and that build a new object): a value made of these and constants is the same on every call. */
export const PURE_BUILTINS = new Set([
  'abs', 'bool', 'bytes', 'chr', 'dict', 'divmod', 'enumerate', 'float', 'frozenset', 'hex', 'int', 'len', 'list', 'max', 'min',
  'oct', 'ord', 'range', 'reversed', 'round', 'set', 'sorted', 'str', 'sum', 'tuple', 'zip',
]);
/** Methods of str/bytes/int (and their classes: `bytes.fromhex`) that compute a new value from the receiver and arguments alone. */
export const PURE_METHODS = new Set([
  'capitalize', 'casefold', 'center', 'count', 'decode', 'encode', 'endswith', 'find', 'format', 'fromhex', 'from_bytes', 'hex', 'index',
  'join', 'ljust', 'lower', 'lstrip', 'maketrans', 'partition', 'replace', 'rfind', 'rjust', 'rsplit', 'rstrip', 'split', 'splitlines',
  'startswith', 'strip', 'swapcase', 'title', 'to_bytes', 'translate', 'upper', 'zfill',
]);
/** Builtin classes whose class methods count as pure receivers (`bytes.fromhex(...)`, `str.maketrans(...)`). */
export const PURE_CLASSES = new Set(['bytes', 'str', 'int']);

/**
 * Modules of test helpers by their name (reportlab's `lib/testutils.py`, `testlib`, `_testbase`), and
 * stand-ins a package ships for its tests: `fake`/`fakes` modules and Octavia's `noop_driver` packages
 * (a fake network, compute or amphora backend that only its functional tests and CI jobs load).
 */
const TEST_SUPPORT_MODULES = new Set(['testutils', 'testutil', 'testlib', 'testsupport', 'testhelpers', '_testbase', '_testutils', 'fake', 'fakes', 'fake_driver', 'noop_driver']);

/** Modules of test suites: a `test`/`tests`/`testing` package (or one of TEST_SUPPORT_MODULES), `test_*.py`, `*_test.py`, `conftest.py`. */
export function isTestModule(module: string): boolean {
  const parts = module.split('.');
  const last = parts[parts.length - 1];
  return (
    parts.some((p) => p === 'test' || p === 'tests' || p === 'testing' || TEST_SUPPORT_MODULES.has(p)) ||
    last.startsWith('test_') ||
    last.endsWith('_test') ||
    last === 'conftest'
  );
}

/** Set-up hooks a plugin loader looks up by name on the modules it loads (collect.ts FunctionInfo.hooksRead; resolve.ts). */
export const HOOK_NAMES: ReadonlySet<string> = new Set(['init', 'initialize', 'initialise', 'setup']);

/** Names of module-level functions that tear a module's state down (summary.ts TEARDOWN_RESET). */
export const TEARDOWN_NAME = /^_?(cleanup|clean_up|teardown|tear_down|shutdown|shut_down|fini|finalize|finalise|dispose|destroy|deinit|uninit)(_\w+)?$/;

/** Folders of examples a package ships beside its code (isExampleModule()). */
export const EXAMPLE_FOLDERS = new Set(['examples', 'example', 'demo', 'demos']);

/**
 * Modules of examples a package ships beside its code (`mistral/rpc/kombu/examples/server.py`): a
 * folder named `examples`, `example`, `demo` or `demos` below a package of the module's path (not a
 * top-level package of that name, which may be an application's: doccano's Django app `examples`).
 */
export function isExampleModule(module: string): boolean {
  const parts = module.split('.');
  return parts.slice(1, -1).some((p) => EXAMPLE_FOLDERS.has(p));
}

/**
 * pytest's own callables, whose `request` parameter is pytest's `FixtureRequest` (the test being
 * set up), not a web request: fixtures, tests of a test module and hooks of a `conftest.py`.
 */
export const PYTEST_FIXTURE_DECORATORS = new Set(['pytest.fixture', 'pytest_asyncio.fixture']);

/**
 * Methods of a model field run while its model class is built, checked, migrated or copied, before
 * it serves requests (django/db/models/fields/__init__.py).
 */
export const FIELD_SETUP_METHODS = new Set([
  'contribute_to_class', 'set_attributes_from_name', 'deconstruct', 'check', 'clone', '__deepcopy__', '__copy__', '__reduce__',
  '__setstate__', 'get_attname', 'get_attname_column', 'db_type', 'rel_db_type', 'db_parameters', 'db_check', 'cast_db_type',
  'do_related_class', 'contribute_to_related_class', 'resolve_related_fields', 'set_cached_value', 'set_attributes_from_rel',
  // The `model` property's setter (ArrayField, RangeField): set by contribute_to_class.
  'model',
]);
