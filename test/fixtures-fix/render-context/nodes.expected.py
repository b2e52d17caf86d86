# fix: render_context
"""Template nodes keep per-render values in context.render_context."""
from django import template
from django.template import Node

register = template.Library()


class PriceNode(Node):
    def __init__(self, amount_var):
        self.amount_var = amount_var

    def render(self, context):
        context.render_context[self, "amount"] = self.amount_var.resolve(context)
        if context.render_context.get((self, "amount"), None) is None:
            return ""
        return f"{context.render_context.get((self, 'amount'), None):.2f}"


class CycleNode(Node):
    def __init__(self, values):
        self.values = values

    def render(self, context):
        context.render_context[self, "last"] = context.get("forloop")
        return str(context.render_context.get((self, "last"), None))


class HelperNode(Node):
    def render(self, context):
        self.value = context.get("x")
        return self._format()

    def _format(self):
        # Read outside render: no render_context fix.
        return str(self.value)
