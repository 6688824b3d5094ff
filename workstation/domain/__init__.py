"""Pure values: messages, clocks, roles, checks. Imports nothing from the project."""
