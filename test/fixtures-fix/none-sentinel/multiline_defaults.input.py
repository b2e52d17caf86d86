"""Defaults spread over lines: a hanging indent moves with the body, a visual one stays lined up with its bracket."""


def collect(item, bucket=[
    1,
    2,
], opts={"a": 1,
         "b": 2}):
    bucket.append(item)
    opts[item] = True
    return bucket


class K:
    def method(self, some_long_parameter_name, other_parameter, opts={"a": 1,
                                                                      "b": 2}):
        opts["c"] = 3
        return opts
