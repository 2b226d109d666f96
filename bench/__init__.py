"""Benchmarks (not tests): `python -m bench.transitions` and `python -m bench.inbox`."""
