"""Business services: plain synchronous Python over the database.

Every rule a user can break is enforced here; screens and the CLI only show
what a service decided.
"""
