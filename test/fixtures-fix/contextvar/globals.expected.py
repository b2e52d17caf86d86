# fix: ContextVar
"""Globals moved to ContextVars; async code prefers them."""
from typing import Optional
from contextvars import ContextVar

CURRENT_USER: ContextVar[Optional[str]] = ContextVar("CURRENT_USER", default=None)
REQUEST_ID = ContextVar("REQUEST_ID", default=0)


async def handle(request):
    CURRENT_USER.set(request.user)
    return await respond(CURRENT_USER.get())


async def respond(user):
    return user


def start_request(request_id):
    REQUEST_ID.set(request_id)
    return f"request {REQUEST_ID.get()}"
