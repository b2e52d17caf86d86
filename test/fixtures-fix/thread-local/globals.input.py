# fix: threading.local
"""Per-request globals moved to thread-local storage."""
import logging

logger = logging.getLogger(__name__)

CURRENT_USER = None  # set by the middleware
_tenant = "public"
_files = ()


def set_user(user):
    global CURRENT_USER
    CURRENT_USER = user
    logger.info("user is %s", CURRENT_USER)


def user_name():
    return CURRENT_USER.name if CURRENT_USER else "anonymous"


def shadowed(CURRENT_USER):
    # A parameter of the same name is a local: untouched.
    return CURRENT_USER


def closure():
    CURRENT_USER = "local"

    def inner():
        return CURRENT_USER

    return inner


def switch_tenant(name, other):
    global _tenant, CURRENT_USER
    _tenant = name
    CURRENT_USER = other


def tenant_prefix():
    return f"{_tenant}:"


def process_batch(paths):
    """Process the files."""

    global _files

    for _files in paths:
        logger.info("processing %s", _files)
