"""Use cases: the only code that writes. Each takes plain values, runs in one transaction and writes the audit."""
