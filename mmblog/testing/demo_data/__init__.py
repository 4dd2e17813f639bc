"""Generators of small, learnable datasets written in the real public formats."""
