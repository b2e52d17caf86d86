"""Process-wide state shared by the views and jobs modules."""
CACHE = {}
LISTENERS = []
hits = 0
