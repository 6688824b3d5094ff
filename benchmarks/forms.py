"""Templates and the form screen: load the pack, check a field, open a form.

    .venv/bin/python benchmarks/forms.py

Each figure comes with a baseline measured in the same run:
- loading the pack (parse, validate, check samples, pinyin) against parsing
  the same TOML files with tomllib alone;
- checking one resident ID field against a bare regular-expression match;
- opening the surrender form screen (goal <= 50 ms), from push_screen to its
  first frame sent to the terminal, against a plain screen with the same
  number of labelled compact inputs.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import sys
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = date(2026, 11, 27)


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, ours: list[float], base: list[float], goal: str = "") -> None:
    o, b = statistics.median(ours), statistics.median(base)
    print(f"{name:<34} {o:9.3f} ms   baseline {b:9.3f} ms   ratio {o / b:6.1f}x  {goal}")


def pack_and_field() -> None:
    from forms.fields import check
    from forms.loader import BUILTIN_PACKS, load_pack
    from forms.search import TemplateIndex
    from workstation.services.risk.vocabulary import RULE_NAMES

    files = sorted(BUILTIN_PACKS[0].glob("*.toml"))
    TemplateIndex(load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY))  # imports and pypinyin warm
    ours = timed(lambda: TemplateIndex(load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY)), 20)
    base = timed(lambda: [tomllib.loads(f.read_text(encoding="utf-8")) for f in files], 20)
    report(f"load pack ({len(files)} templates)", ours, base)

    template = next(t for t in load_pack(BUILTIN_PACKS, RULE_NAMES, TODAY) if t.code == "3101")
    spec = template.field("applicant_id")
    pattern = re.compile(r"\d{17}[\dX]")
    ours = timed(lambda: check(spec, "110105198001010016", TODAY), 2000)
    base = timed(lambda: pattern.fullmatch("110105198001010016"), 2000)
    report("check one field (resident ID)", ours, base, "goal <= 1 ms")


async def open_form() -> None:
    import keyring
    from textual.screen import Screen
    from textual.widgets import Input, Label

    from screens.app import WorkstationApp
    from screens.form import FormScreen
    from workstation.cli.demo import prepare_demo
    from workstation.domain.clock import SystemClock
    from workstation.station import open_station

    class Plain(Screen):
        def __init__(self, n: int) -> None:
            super().__init__()
            self.n = n

        def compose(self):
            for i in range(self.n):
                yield Label(f"label {i}")
                yield Input(compact=True, id=f"i{i}")

    with tempfile.TemporaryDirectory() as tmp:
        config, secrets = prepare_demo(Path(tmp), "zh")
        station = open_station(config, secrets, SystemClock())
        template = station.templates.by_code("3101")
        app = WorkstationApp(lambda: station)
        async with app.run_test(size=(140, 42)) as pilot:
            while app.station is None:
                await pilot.pause(0.01)

            painted: dict[object, float] = {}
            display = app._display

            def record(screen, update) -> None:
                display(screen, update)
                painted.setdefault(screen, time.perf_counter())

            app._display = record  # the moment a screen's first frame goes to the terminal

            async def measure(make) -> list[float]:
                samples = []
                for _ in range(15):
                    screen = make()
                    start = time.perf_counter()
                    await app.push_screen(screen)
                    while screen not in painted:
                        await asyncio.sleep(0.0005)
                    samples.append((painted[screen] - start) * 1000)
                    await app.pop_screen()
                    await pilot.pause()
                return samples

            await measure(lambda: FormScreen(template))  # warm CSS and imports
            ours = await measure(lambda: FormScreen(template))
            base = await measure(lambda: Plain(len(template.fields)))
        station.close()
        keyring.set_keyring(keyring.get_keyring())
    report("open the surrender form screen", ours, base, "goal <= 50 ms")


def main() -> None:
    pack_and_field()
    asyncio.run(open_form())


if __name__ == "__main__":
    main()
