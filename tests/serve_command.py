"""Child process for the browser harness: textual-serve serving one command line.

    python -m tests.serve_command PORT COMMAND

The same server ``workstation serve`` runs (:func:`workstation.cli.servecmd.run_server`),
for any command, on 127.0.0.1.
"""

from __future__ import annotations

import sys

from workstation.cli.servecmd import run_server

if __name__ == "__main__":
    run_server(sys.argv[2], "127.0.0.1", int(sys.argv[1]))
