"""Storage: SQLAlchemy 2 models, the session factory, and Alembic migrations.

Importing this package is cheap; SQLAlchemy is imported by the modules inside
it, which the start-up path loads off the UI thread.
"""
