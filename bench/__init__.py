"""Benchmark suite: synthetic datasets, workers and the `python bench/run.py` entry point."""
