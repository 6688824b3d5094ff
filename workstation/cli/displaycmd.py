"""``workstation display``: the calling display (叫号屏) on the TV's computer, or in its browser.

Nobody signs in: it opens the station from the configuration (as any
workstation of the branch does, so the PC has joined like a counter PC) and
only reads the queue. The display host speaks the calls (``[voice]``); the
counters do not. ``--demo DIR`` shows the demo running in DIR, the way
``workstation demo --join`` opens another counter on it::

    workstation display                          # the configured branch
    workstation display --demo /tmp/d1           # the demo in /tmp/d1
    workstation serve display --host 0.0.0.0     # the same, in the TV's browser
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workstation.cli.common import Context, demo_option, language_option
from workstation.cli.runlog import interactive

if TYPE_CHECKING:
    from screens.following_app import FollowingApp
    from workstation.config import Config
    from workstation.secrets import Secrets
    from workstation.station import Station


def demo_station_config(data_dir: Path, lang: str) -> tuple[Config, Secrets]:
    """The demo running in ``data_dir``, checked as ``workstation demo --join`` checks it."""
    from workstation.cli.demo import join_demo

    return join_demo(data_dir, "01", lang)


def station_opener(
    obj: Context, demo_dir: Path | None, lang: str | None
) -> tuple[Callable[[], Station], Config, str]:
    """How an unattended app (the display, a pad) opens the station, its config, its language."""
    from workstation.domain.clock import SystemClock
    from workstation.secrets import Secrets
    from workstation.station import open_station

    lang = lang or obj.lang
    if demo_dir is not None:
        config, secrets = demo_station_config(demo_dir, lang or "zh")
    else:
        config, secrets = obj.config(), Secrets()
    clock = SystemClock(config.branch.zone)
    return (lambda: open_station(config, secrets, clock)), config, lang or config.ui.language


def run_unattended(app: FollowingApp) -> None:
    """Run ``app``; its failure, if it stopped on one, said in one line."""
    interactive()
    app.run()
    if app.error_message:
        click.echo(app.error_message, err=True)
        sys.exit(app.return_code or 2)


@click.command()
@demo_option("Show")
@click.option("--no-voice", is_flag=True, help="Show the calls without speaking them.")
@language_option
@click.pass_obj
def display(obj: Context, demo_dir: Path | None, no_voice: bool, lang: str | None) -> None:
    """The calling display: the latest call large, the queues, the notices; calls spoken."""
    from screens.display_app import DisplayApp
    from workstation.services.voice import Announcer

    opener, config, lang = station_opener(obj, demo_dir, lang)
    voice = config.voice
    app = DisplayApp(
        opener,
        lambda bell: Announcer.for_host(
            voice.enabled and not no_voice, voice.voice, voice.rate, bell
        ),
        lang=lang,
    )
    run_unattended(app)
