"""A parse stack declared on the class: every lexer pushes onto and pops from the same list.

A lock around each push and pop would keep the list intact while two lexers still
interleave their states, so the only fix offered is one list per instance.
"""
import threading


class Lexer:
    def __init__(self, source):
        self.states = []  # the states entered so far, innermost last
        self.source = source

    def enter(self, state):
        self.states.append(state)

    def leave(self):
        return self.states.pop()


class Registry:
    """Shared on purpose: every instance registers in the same list; a lock is the fix."""

    members = []
    _members_lock = threading.Lock()

    def join(self):
        with self._members_lock:
            self.members.append(self)

    def quit(self):
        with self._members_lock:
            self.members.remove(self)
