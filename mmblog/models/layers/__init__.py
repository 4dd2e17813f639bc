"""Generic bricks shared by several models (import them from their modules)."""
