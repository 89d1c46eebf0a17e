"""Pure statutory and local rules for the CME Portal.

Every input is a parameter (the date, the school calendar, the LA's settings): nothing here reads the clock,
the environment, the database or the network. Each rule cites its source in its docstring; see
``portal.rules.citations`` for the shared source names.
"""
