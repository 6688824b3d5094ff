"""``workstation pad``: the rating pad (服务评价器) at one window, or in its tablet's browser.

Nobody signs in: it opens the station from the configuration (the tablet's PC
has joined like a counter PC) and answers only its own counter's requests.
``--demo DIR`` rates at the demo running in DIR::

    workstation pad --counter 02                          # the configured branch
    workstation pad --counter 02 --demo /tmp/d1           # the demo in /tmp/d1
    workstation serve pad --counter 02 --port 8001        # the same, in the tablet's browser
"""

from __future__ import annotations

from pathlib import Path

import click

from workstation.cli.common import Context, demo_option, language_option
from workstation.cli.displaycmd import run_unattended, station_opener


@click.command()
@click.option("--counter", required=True, help="The window this pad stands at (01, 02 …).")
@demo_option("Rate at")
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Seconds without a touch before a request is recorded 未评价 (not rated).",
)
@language_option
@click.pass_obj
def pad(
    obj: Context, counter: str, demo_dir: Path | None, timeout: float, lang: str | None
) -> None:
    """The rating pad: the customer rates the service of the ticket just finished."""
    from screens.pad_app import PadApp

    opener, _config, lang = station_opener(obj, demo_dir, lang)
    run_unattended(PadApp(opener, counter, lang=lang, timeout=timeout))
