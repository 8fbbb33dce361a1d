"""Benchmark tools: a corpus generator, converters to Hugo and Pelican sites, and run.py."""
