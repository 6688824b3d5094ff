"""Templates and the form screen: load the pack, check a field, open a form.

    .venv/bin/python benchmarks/forms.py

Each figure comes with a baseline measured in the same run:
- loading the pack (parse, validate, check samples, pinyin) against parsing
  the same TOML files with tomllib alone;
- checking one resident ID field against a bare regular-expression match;
- opening the surrender form screen (goal <= 50 ms), from push_screen to its
  first frame sent to the terminal, against a plain screen with the same
  number of labelled compact inputs.

Only whole-screen frames that reach the terminal count (not ones held back
in a batch), and the clock stops at the first of them that shows the form the
teller works in: the title, every field on show with its label, the sample
filled form with the focused field's help, the documents checklist, with the
first field focused. A screen that painted a skeleton first and filled it in
later is timed to the filled-in frame, not the skeleton (the run says how many
screens needed more than one frame). Each frame's text is read only after its
time is noted.
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
    from screens.textual_compat import in_batch, is_layout_update, wrap_display
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

            frames: dict[object, list] = {}

            def recording(display):
                def record(screen, update) -> None:
                    display(screen, update)
                    if not is_layout_update(update) or in_batch(app):
                        return  # nothing goes to the terminal
                    if update.region.size == app.size:  # a whole frame: note when, keep it
                        focused = screen.focused.id if screen.focused is not None else None
                        frames.setdefault(screen, []).append((time.perf_counter(), update, focused))

                return record

            wrap_display(app, recording)

            def shows(update, expected: list[str]) -> bool:
                text = "".join("".join(strip.text for strip in line) for line in update.strips)
                return all(part in text.replace(" ", "") for part in expected)

            async def measure(make, expected: list[str], focus: str) -> list[float]:
                """Time from push_screen to the first frame that shows all of ``expected``."""
                expected = [part.replace(" ", "") for part in expected]
                samples = []
                for _ in range(15):
                    screen = make()
                    start = time.perf_counter()
                    await app.push_screen(screen)
                    checked, done = 0, None
                    while done is None and time.perf_counter() - start < 5:
                        await asyncio.sleep(0.0005)
                        painted = frames.get(screen, [])
                        for when, update, focused in painted[checked:]:
                            if done is None and focused == focus and shows(update, expected):
                                done = when
                        checked = len(painted)
                    if done is None:
                        raise SystemExit(f"{screen} never showed all of {expected}")
                    if done != painted[0][0]:
                        late.append(screen)
                    samples.append((done - start) * 1000)
                    await app.pop_screen()
                    await pilot.pause()
                return samples

            late: list[object] = []
            t, first = app.t, template.fields[0]
            form = [
                f"{template.code}{template.name.get(t.lang)}",
                *(spec.label.get(t.lang) for spec in template.fields if not spec.agent_only),
                t("form.sample_title"),
                first.sample,
                first.help.get(t.lang)[:12],  # the focused field's help, beside the sample
                t("form.documents"),
                template.documents[0].label.get(t.lang),
            ]
            focus = f"f-{first.key}"
            await measure(lambda: FormScreen(template), form, focus)  # warm CSS and imports
            ours = await measure(lambda: FormScreen(template), form, focus)
            plain = [f"label {i}" for i in range(len(template.fields))]
            base = await measure(lambda: Plain(len(template.fields)), plain, "i0")
            if late:
                print(f"{len(late)} screens needed more than one frame to show everything")
        station.close()
        keyring.set_keyring(keyring.get_keyring())
    report("open the surrender form screen", ours, base, "goal <= 50 ms")


def main() -> None:
    pack_and_field()
    asyncio.run(open_form())


if __name__ == "__main__":
    main()
