"""``workstation serve``: the display and the pad served to a browser through textual-serve."""

from __future__ import annotations

import shlex
import sys
import urllib.request

from click.testing import CliRunner

from tests.browser import free_port, start, stop, wait_for
from tests.conftest import make_config
from workstation.cli import main
from workstation.cli.servecmd import SERVABLE, app_command, browser_url
from workstation.config import render_config


def test_each_visitor_runs_the_app_with_the_same_configuration(tmp_path):
    config = tmp_path / "my config.toml"
    command = shlex.split(app_command("display", (), config, "en"))
    assert command == [
        sys.executable,
        "-m",
        "workstation",
        "--config",
        str(config.resolve()),
        "--lang",
        "en",
        "display",
    ]
    assert shlex.split(app_command("pad", ("--counter", "02")))[-3:] == ["pad", "--counter", "02"]
    assert set(SERVABLE) == {"display", "pad"}


def test_the_page_tells_the_browser_an_address_it_can_reach():
    assert browser_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert browser_url("0.0.0.0", 8000, "https://tv.branch.example/") == "https://tv.branch.example"
    lan = browser_url("0.0.0.0", 8001)
    assert lan.startswith("http://") and lan.endswith(":8001") and "0.0.0.0" not in lan


def test_an_unknown_app_is_refused(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(render_config(make_config(f"sqlite:///{tmp_path / 'ws.db'}")))
    result = CliRunner().invoke(main, ["--config", str(path), "serve", "teller"])
    assert result.exit_code == 2
    assert "'display'" in result.output and "'pad'" in result.output


def test_serve_answers_with_the_page_of_its_app(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(render_config(make_config(f"sqlite:///{tmp_path / 'ws.db'}")))
    port = free_port()
    command = [sys.executable, "-m", "workstation", "--config", str(path), "--lang", "en"]
    server = start([*command, "serve", "display", "--port", str(port)], tmp_path / "serve.log")
    try:
        url = f"http://127.0.0.1:{port}/"

        def page() -> str | None:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    return response.read().decode()
            except OSError:
                return None

        html = wait_for(page, what="workstation serve to answer")
        assert f"ws://127.0.0.1:{port}/ws" in html
        assert "Counter Workstation · display" in html
    finally:
        stop(server)
    said = (tmp_path / "serve.log").read_text()
    assert f"Serving display on the web: open http://127.0.0.1:{port}" in said
