"""The ``workstation`` command in tests: a configuration written where the CLI reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import make_config
from workstation.cli import main
from workstation.config import Config, render_config


def config_file(config: Config, folder: Path) -> Path:
    """``config`` written to ``folder/config.toml``, for ``--config``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(render_config(config), encoding="utf-8")
    return path


@dataclass
class Cli:
    """``workstation --config … --lang en`` on the database at ``url``."""

    url: str
    path: Path

    @classmethod
    def at(cls, url: str, folder: Path) -> Cli:
        """A test configuration on ``url``, its output in ``folder/output``."""
        return cls.of(make_config(url, folder=folder / "output"), folder)

    @classmethod
    def of(cls, config: Config, folder: Path) -> Cli:
        return cls(config.database.url, config_file(config, folder))

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(
            main, ["--config", str(self.path), "--lang", "en", *args], input=input
        )
