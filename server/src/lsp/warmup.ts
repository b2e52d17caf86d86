/**
 * JIT warm-up: right after start, the server parses, summarises and runs the
 * cross-file pass on a small built-in module a few dozen times (a few
 * milliseconds each, yielding between rounds), so that the first document a
 * user opens is analysed by optimised code. Large workspaces are indexed on worker threads, which would otherwise
 * leave the main thread's analysis code cold until the first keystrokes.
 */
import type { Parser } from 'web-tree-sitter';
import { collect } from '../core/analysis/collect';
import { findingsFor } from '../core/lint';
import { DEFAULT_SETTINGS } from '../core/types';
import { OpenDocument } from './documents';

const SAMPLE = String.raw`"""A module with the constructs the analysis walks."""
import os
import threading
from collections import defaultdict, deque
from functools import lru_cache

from django.conf import settings
from django.http import JsonResponse
from django.views import View

CACHE = {}
COUNTS = defaultdict(int)
QUEUE = deque(maxlen=100)
_lock = threading.Lock()
_rlock = threading.RLock()
_local = threading.local()
LIMIT = 10
NAMES = ("a", "b")
_client = None


def get_client():
    global _client
    if _client is None:
        _client = make_client(settings.URL, timeout=5)
    return _client


def make_client(url, timeout=1, headers={"x": 1}):
    headers.update({"y": 2})
    return {"url": url, "timeout": timeout, "headers": dict(headers)}


@lru_cache(maxsize=None)
def expensive(key):
    return [k for k in range(key) if k % 2 == 0]


def view(request, sku):
    user = request.user
    if sku not in CACHE:
        CACHE[sku] = expensive(len(sku))
    COUNTS[sku] += 1
    QUEUE.append(sku)
    with _lock:
        CACHE[sku + "x"] = {k: v for k, v in CACHE.items() if v}
        COUNTS["total"] = COUNTS.get("total", 0) + 1
    _local.user = user
    os.environ["LAST"] = str(sku)
    try:
        value = CACHE[sku][0]
    except (KeyError, IndexError) as exc:
        value = None
        raise ValueError(f"bad {sku!r}: {exc}") from exc
    finally:
        QUEUE.clear()
    return JsonResponse({"sku": sku, "value": value, "user": str(user)})


async def notify(request):
    _local.correlation = request.headers.get("X-Id")
    async with request.session as s:
        await s.send(lambda x: x + 1)


class Middleware:
    seen = []

    def __init__(self, get_response):
        self.get_response = get_response
        self.count = 0

    def __call__(self, request):
        self.count = self.count + 1
        self.seen.append(request.path)
        self.last = request.user
        response = self.get_response(request)
        return response


class CartView(View):
    items = []
    template_name = "cart.html"

    def get(self, request, *args, **kwargs):
        self.cart = request.session.get("cart", [])
        return {"items": self.items, "cart": self.cart}

    def post(self, request, sku):
        self.items.append(sku)
        while len(self.items) > LIMIT:
            self.items.pop(0)
        for i, item in enumerate(self.items):
            if item == sku and i > 0:
                del self.items[i]
                break
        return None

    @classmethod
    def reset(cls):
        cls.items = []

    @staticmethod
    def helper(a, b=None, *rest, key=None, **extra):
        return a if b is None else (a, b, rest, key, extra)


def reentrant():
    with _rlock:
        with _rlock:
            return sum(x * 2 for x in range(10))


def deadlock():
    with _lock:
        _lock.acquire()
        _lock.release()
`;

const SAMPLE_INPUT = { path: '/threadlint-warmup/sample.py', module: 'sample', isPackage: false };
const SAMPLE_OPTIONS = { lockFactories: [], threadSafeTypes: [] };

export interface WarmUpOptions {
  rounds: number;
  /** True when the warm-up should end (a document is open, the server shuts down). */
  stop?: () => boolean;
  /** True while the client is sending messages: no round starts then. */
  busy?: () => boolean;
}

/** Runs `rounds` parse+summarise rounds of the sample, yielding to the event loop between rounds and waiting while `busy`. */
export async function warmUp(parser: Parser, options: WarmUpOptions): Promise<void> {
  const { rounds, stop = () => false, busy = () => false } = options;
  const input = { ...SAMPLE_INPUT, source: SAMPLE };
  for (let i = 0; i < rounds && !stop(); ) {
    if (busy()) {
      await new Promise((r) => setTimeout(r, 10));
      continue;
    }
    const tree = parser.parse(SAMPLE);
    if (!tree) return;
    try {
      // The cross-file pass too: a document's first diagnostics need both.
      findingsFor([collect(tree, input, SAMPLE_OPTIONS)], DEFAULT_SETTINGS);
    } finally {
      tree.delete();
    }
    i++;
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Types a short statement, one character at a time, at the end of a method of
 * the sample, each keystroke handled as the server handles one (an
 * `OpenDocument`: `tree.edit`, the quick analysis of the method typed in or an
 * incremental reparse, the per-file pass replaying unchanged bodies from the
 * function-body memo, the cross-file pass), then the full parse that follows
 * when typing pauses. Run once the first document is open and the client is
 * quiet, so the first real keystrokes do not run these paths for the first
 * time. Returns the number of keystrokes typed.
 */
export function warmUpTyping(parser: Parser): number {
  // Right after the last statement of a method body (before its line break).
  const anchor = '        return None\n';
  const found = SAMPLE.indexOf(anchor);
  if (found < 0) return 0;
  const doc = new OpenDocument(`file://${SAMPLE_INPUT.path}`, SAMPLE_INPUT.path, true, SAMPLE_INPUT.module, false, 'python', 1, SAMPLE);
  const options = { ...SAMPLE_OPTIONS, maxFileBytes: SAMPLE.length * 2 };
  let typed = 0;
  try {
    if (!doc.analyse(parser, options).ok) return 0;
    const line = SAMPLE.slice(0, found + anchor.length - 1).split('\n').length - 1;
    let character = anchor.length - 1;
    let row = line;
    for (const ch of '\n        x = len(self.items)') {
      doc.update([{ range: { start: { line: row, character }, end: { line: row, character } }, text: ch }], doc.version + 1);
      if (ch === '\n') {
        row++;
        character = 0;
      } else character++;
      const outcome = doc.analyse(parser, options, { quick: true });
      if (!outcome.ok) return typed;
      findingsFor([outcome.summary], DEFAULT_SETTINGS);
      typed++;
    }
    doc.analyse(parser, options);
  } finally {
    doc.dispose();
  }
  return typed;
}
