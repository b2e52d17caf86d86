"""Tab-indented module."""


def add(item, items=[]):
	if item:
		items.append(item)
	return items


class Box:
	def put(self, item, slots={}):
		"""Put an item."""
		slots[item] = True
		return slots
