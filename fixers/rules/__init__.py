"""One module per rule; each registers its rule class with ``fixers.registry.register``."""
