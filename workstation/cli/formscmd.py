"""``workstation forms check [DIR]``: check business templates before installing them."""

from __future__ import annotations

from pathlib import Path

import click

from workstation.cli.common import Context


@click.group()
def forms() -> None:
    """Business templates (forms/templates/…)."""


@forms.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def check(obj: Context, folder: Path | None) -> None:
    """Check FOLDER (default: the built-in pack and the configured folders); exit 1 on errors."""
    from forms.loader import BUILTIN_PACKS, load_templates
    from workstation.domain.clock import DEFAULT_ZONE, SystemClock, local_date
    from workstation.services.risk.engine import RULE_BOOK

    t = obj.catalog()
    if folder is not None:
        folders = [folder]
    else:
        configured = obj.config().forms.folders if obj.has_config() else ()
        folders = [*BUILTIN_PACKS, *configured]
    zone = obj.config().branch.zone if obj.has_config() else DEFAULT_ZONE
    day = local_date(SystemClock(zone))
    templates, problems = load_templates(folders, RULE_BOOK, day)
    if problems:
        click.echo(t("template.problems", count=len(problems)), err=True)
        for problem in problems:
            click.echo(problem.render(t), err=True)
        raise SystemExit(1)
    click.echo(t("template.ok", count=len(templates)))
