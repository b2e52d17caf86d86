"""threading.local in async code becomes an asgiref Local (a Django project has asgiref)."""
import threading

from django.http import JsonResponse
from asgiref.local import Local

_state = Local()
_ctx = Local()


class RequestState(threading.local):
    user = None


_request_state = RequestState()


async def handle(request):
    _state.user = request.user
    return JsonResponse({"user": str(_state.user)})


async def set_trace(trace_id):
    _ctx.trace_id = trace_id
    return trace_id


async def bind(request):
    # A threading.local subclass: no automatic fix.
    _request_state.user = request.user
    return _request_state.user
