"""Shared infrastructure of the product. It imports no app of the product."""
