"""Sellers: the organisations that sell here, their members, documents and application lifecycle."""
