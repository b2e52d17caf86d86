/**
 * JIT warm-up: right after start, the server parses, summarises and runs the
 * cross-file pass on a small built-in module a few dozen times (a few
 * milliseconds each, yielding between rounds), so that the first document a
 * user opens is analysed by optimised code. Large workspaces are indexed on worker threads, which would otherwise
 * leave the main thread's analysis code cold until the first keystrokes.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { collect, type FunctionMemo } from '../core/analysis/collect';
import { findingsFor } from '../core/lint';
import { DEFAULT_SETTINGS } from '../core/types';

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

/** Row and column (UTF-16 code units) of `index` in `text`. */
function pointAt(text: string, index: number): { row: number; column: number } {
  const before = text.slice(0, index);
  const row = before.split('\n').length - 1;
  return { row, column: index - (before.lastIndexOf('\n') + 1) };
}

/**
 * Types a short statement, one character at a time, at the end of a method of
 * the sample, each keystroke handled as the server handles one: `tree.edit`,
 * incremental reparse, the per-file pass replaying unchanged bodies from the
 * function-body memo, the cross-file pass. Run once the first document is open
 * and the client is quiet, so the first real keystrokes do not run these paths
 * (the parser's node reuse, the memo's replay) for the first time. Returns
 * the number of keystrokes typed.
 */
export function warmUpTyping(parser: Parser): number {
  // Right after the last statement of a method body (before its line break).
  const anchor = '        return None\n';
  const found = SAMPLE.indexOf(anchor);
  if (found < 0) return 0;
  let offset = found + anchor.length - 1;
  let text = SAMPLE;
  let tree: Tree | null = parser.parse(text);
  if (!tree) return 0;
  let typed = 0;
  let memo: FunctionMemo = new Map();
  try {
    collect(tree, { ...SAMPLE_INPUT, source: text, memo: { next: memo } }, SAMPLE_OPTIONS);
    for (const ch of '\n        x = len(self.items)') {
      const start = pointAt(text, offset);
      text = text.slice(0, offset) + ch + text.slice(offset);
      tree.edit({ startIndex: offset, oldEndIndex: offset, newEndIndex: offset + 1, startPosition: start, oldEndPosition: start, newEndPosition: pointAt(text, offset + 1) });
      offset++;
      const next: Tree | null = parser.parse(text, tree);
      tree.delete();
      tree = next;
      if (!tree) return typed;
      const nextMemo: FunctionMemo = new Map();
      findingsFor([collect(tree, { ...SAMPLE_INPUT, source: text, memo: { previous: memo, next: nextMemo } }, SAMPLE_OPTIONS)], DEFAULT_SETTINGS);
      memo = nextMemo;
      typed++;
    }
  } finally {
    tree?.delete();
  }
  return typed;
}
