"""``workstation serve APP``: a workstation screen in a web browser, for a TV or a tablet.

textual-serve runs a small web server; each browser that opens its page gets
its own process of the app's command (``workstation display`` for the calling
display, ``workstation pad`` for the rating pad), with the same ``--config``
and ``--lang``. The processes share nothing but the database::

    workstation serve display --host 0.0.0.0 --port 8000
    workstation serve pad --port 8001 --counter 02      # options after APP go to the app
    workstation serve display --demo /tmp/d1            # the demo running in /tmp/d1

The page's websocket address is built from ``--public-url``: serving on
``0.0.0.0`` without it, this machine's LAN address is used, so a TV that opens
``http://<that address>:8000`` connects. Ctrl+C stops the server.
"""

from __future__ import annotations

import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from workstation.cli.common import Context

SERVABLE: dict[str, tuple[str, ...]] = {
    "display": ("display",),
    "pad": ("pad",),
}
"""What can be served: a name, and the ``workstation`` subcommand each visitor runs."""
ANY_ADDRESS = ("0.0.0.0", "::", "")


def app_command(
    app: str, extra: Sequence[str] = (), config_path: Path | None = None, lang: str | None = None
) -> str:
    """The shell command line textual-serve starts for each visitor of ``app``."""
    args = [sys.executable, "-m", "workstation"]
    if config_path is not None:
        args += ["--config", str(config_path.resolve())]
    if lang is not None:
        args += ["--lang", lang]
    return shlex.join([*args, *SERVABLE[app], *extra])


def lan_address() -> str:
    """This machine's address on its LAN (the one its default route leaves by)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET: a UDP connect sends nothing
        address: str = probe.getsockname()[0]
        return address
    except OSError:
        return socket.gethostname()
    finally:
        probe.close()


def browser_url(host: str, port: int, given: str | None = None) -> str:
    """Where browsers reach the server: ``given``, else the host (the LAN address for any)."""
    if given:
        return given.rstrip("/")
    name = lan_address() if host in ANY_ADDRESS else host
    if ":" in name:  # an IPv6 address
        name = f"[{name}]"
    return f"http://{name}:{port}"


def run_server(
    command: str, host: str, port: int, *, url: str | None = None, title: str | None = None
) -> None:
    """Serve ``command`` with textual-serve until interrupted (Ctrl+C or SIGTERM)."""
    from textual_serve.server import Server

    Server(command, host=host, port=port, title=title, public_url=url).serve()


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("app", type=click.Choice(sorted(SERVABLE)))
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public-url", help="The URL browsers use to reach this server (behind a proxy).")
@click.pass_obj
def serve(
    obj: Context, app: str, extra: tuple[str, ...], host: str, port: int, public_url: str | None
) -> None:
    """Serve APP (display or pad) to web browsers; options after APP go to the app."""
    if "--demo" not in extra:  # the demo's app reads the demo's folder, not the configuration
        obj.config()  # a bad configuration is refused here, not shown to every visitor
    t = obj.catalog()
    url = browser_url(host, port, public_url)
    command = app_command(app, extra, obj.config_path, obj.lang)
    click.echo(t("serve.serving", app=app, url=url))
    run_server(command, host, port, url=url, title=t("serve.title", app=app))
