"""The parents' home-education notice, one module per group of pages: the start and safety questions, the parent,
the child and school, the notice, and sending. Importing this package registers every route on the blueprint."""

from portal.parents.blueprint import bp
from portal.parents.views import about_you, child, notice, send, start

__all__ = ["about_you", "bp", "child", "notice", "send", "start"]
