"""Helpers for tests and demos: generators of small learnable datasets in real formats."""
