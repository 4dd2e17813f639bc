"""Generators of small, learnable datasets written in the real public formats.

Each generator is ``function(out_dir, seed) -> summary``; ``tools/misc/make_demo_data.py``
registers and runs them.
"""
