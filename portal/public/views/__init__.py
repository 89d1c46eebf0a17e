"""The public referral's pages, one module per group: the start and safety questions, the child, the referrer,
and sending. Importing this package registers every route on the blueprint."""

from portal.public.blueprint import bp
from portal.public.views import child, referrer, send, start

__all__ = ["bp", "child", "referrer", "send", "start"]
