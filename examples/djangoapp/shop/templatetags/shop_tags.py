"""Template tags: `{% stripe "odd" "even" %}` and `{% price product.price %}`.

Django parses a template once and caches its nodes, so one Node instance is
rendered by many threads at the same time. Per-render state belongs in
`context.render_context`, never on the node."""
import itertools

from django import template

from shop.utils import format_price

register = template.Library()


class StripeNode(template.Node):
    """Alternates CSS classes across table rows (first version)."""

    def __init__(self, classes):
        self.classes = classes
        self.counter = 0

    def render(self, context):
        # The counter lives on the cached node and is shared by every render
        # on every thread: concurrent renders lose increments and pages get
        # each other's stripes.
        self.counter += 1  # expect: TL006
        return self.classes[self.counter % len(self.classes)]


class PriceNode(template.Node):
    def __init__(self, amount):
        self.amount_var = template.Variable(amount)

    def render(self, context):
        # The resolved amount is parked on the shared node: another thread's
        # render can replace it before format_price() reads it, and a page
        # shows another product's price.
        self.amount = self.amount_var.resolve(context)  # expect: TL008
        return format_price(self.amount)


class CycleClassNode(template.Node):
    """The correct version of StripeNode, as in Django's own CycleNode: the
    iterator is kept per render in `context.render_context`."""

    def __init__(self, classes):
        self.classes = classes

    def render(self, context):
        if self not in context.render_context:
            context.render_context[self] = itertools.cycle(self.classes)
        return next(context.render_context[self])


@register.tag
def stripe(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("'stripe' takes at least one class name")
    return StripeNode([bit.strip("\"'") for bit in bits])


@register.tag(name="price")
def do_price(parser, token):
    try:
        _tag, amount = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("'price' takes exactly one argument") from None
    return PriceNode(amount)


@register.tag
def cycle_class(parser, token):
    bits = token.split_contents()[1:]
    return CycleClassNode([bit.strip("\"'") for bit in bits])
