"""Operation-risk checks: a fixed vocabulary of named, parameterised rules.

Templates refer to rules by name only; nothing in a template is evaluated.
"""
