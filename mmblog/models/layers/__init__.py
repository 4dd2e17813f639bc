"""Generic bricks shared by several models."""
