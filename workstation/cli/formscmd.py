"""``workstation forms check [DIR]``, ``forms check-pack [FILE]`` and ``forms check-service-pack
[FILE]``: check business templates, the branch pack and the service pack before installing them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from workstation.cli.common import Context

if TYPE_CHECKING:
    from forms.loader import Problem
    from workstation.domain.i18n import Catalog


def refuse(t: Catalog, problems: Sequence[Problem]) -> NoReturn:
    """Every problem on stderr, then exit 1."""
    click.echo(t("template.problems", count=len(problems)), err=True)
    for problem in problems:
        click.echo(problem.render(t), err=True)
    raise SystemExit(1)


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
        refuse(t, problems)
    click.echo(t("template.ok", count=len(templates)))


@forms.command("check-pack")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def check_pack(obj: Context, file: Path | None) -> None:
    """Check the branch pack FILE (default: the configured one, or the shipped one); exit 1
    on errors. Its services' businesses must be codes of the built-in or configured templates."""
    from forms.branch_pack import DEFAULT_BRANCH_PACK, check_branch_pack
    from forms.loader import BUILTIN_PACKS, load_templates
    from workstation.domain.clock import DEFAULT_ZONE, SystemClock, local_date
    from workstation.services.risk.engine import RULE_BOOK

    t = obj.catalog()
    config = obj.config() if obj.has_config() else None
    path = file or (config.queue.pack if config else None) or DEFAULT_BRANCH_PACK
    folders = [*BUILTIN_PACKS, *(config.forms.folders if config else ())]
    day = local_date(SystemClock(config.branch.zone if config else DEFAULT_ZONE))
    templates, _ = load_templates(folders, RULE_BOOK, day)
    checked = check_branch_pack(path, [template.code for template in templates])
    if isinstance(checked, list):
        refuse(t, checked)
    services, counters = len(checked.services), len(checked.counters)
    click.echo(t("branch_pack.ok", path=str(path), services=services, counters=counters))


@forms.command("check-service-pack")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def check_service_pack(obj: Context, file: Path | None) -> None:
    """Check the service pack FILE (prompts, incident playbooks, thresholds; default: the
    shipped one); exit 1 on errors."""
    from forms.service_pack import DEFAULT_SERVICE_PACK
    from forms.service_pack import check_service_pack as check

    t = obj.catalog()
    path = file or DEFAULT_SERVICE_PACK
    checked = check(path)
    if isinstance(checked, list):
        refuse(t, checked)
    click.echo(t("service_pack.ok", path=str(path), playbooks=len(checked.playbooks)))
