"""Tab-indented module."""


def add(item, items=None):
	if items is None:
		items = []
	if item:
		items.append(item)
	return items


class Box:
	def put(self, item, slots=None):
		"""Put an item."""
		if slots is None:
			slots = {}
		slots[item] = True
		return slots
