"""Child process for the watcher tests and benchmark: commits to a database when told.

    python -m tests.watch_writer URL CHANNEL

Reads commands from stdin, one a line, and answers ``done`` after each:
``commit N`` (N units of work, each inserting a row into ``watch_probe`` and
notifying CHANNEL), ``read N`` (N read-only units of work), ``quit``.
Prints ``ready`` first.
"""

from __future__ import annotations

import sys

from sqlalchemy import text

from workstation.db.engine import Database
from workstation.db.watch import notify


def main(url: str, channel: str) -> None:
    db = Database(url)
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, count = line.partition(" ")
        if command == "quit":
            break
        for _ in range(int(count or 1)):
            if command == "commit":
                with db.write() as session:
                    session.execute(text("INSERT INTO watch_probe (note) VALUES ('x')"))
                    notify(session, channel)
            else:
                with db.read() as session:
                    session.execute(text("SELECT count(*) FROM watch_probe")).scalar()
        print("done", flush=True)
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
