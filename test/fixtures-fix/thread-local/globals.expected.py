# fix: threading.local
"""Per-request globals moved to thread-local storage."""
import logging
import threading

_local = threading.local()

logger = logging.getLogger(__name__)


def set_user(user):
    _local.CURRENT_USER = user
    logger.info("user is %s", getattr(_local, "CURRENT_USER", None))


def user_name():
    return getattr(_local, "CURRENT_USER", None).name if getattr(_local, "CURRENT_USER", None) else "anonymous"


def shadowed(CURRENT_USER):
    # A parameter of the same name is a local: untouched.
    return CURRENT_USER


def closure():
    CURRENT_USER = "local"

    def inner():
        return CURRENT_USER

    return inner


def switch_tenant(name, other):
    _local._tenant = name
    _local.CURRENT_USER = other


def tenant_prefix():
    return f"{getattr(_local, '_tenant', 'public')}:"


def process_batch(paths):
    """Process the files."""

    for _local._files in paths:
        logger.info("processing %s", getattr(_local, "_files", ()))
