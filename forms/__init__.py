"""Business templates: one TOML file per business type, its schema, loader and search.

Depends only on ``workstation.domain``. A new business type is a new file.
"""
