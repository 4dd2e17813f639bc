"""Helpers for demos and tests: generators of small learnable datasets in the real formats."""
