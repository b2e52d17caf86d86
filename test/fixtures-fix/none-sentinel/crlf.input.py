"""CRLF line endings."""


def add(item, items=[]):
    items.append(item)
    return items
