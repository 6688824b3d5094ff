"""Start-up: process start to a sign-in screen ready for input, against a bare Textual app.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Both apps run headless in fresh processes, alternately, under the same
harness (_ready.py); the figure is wall time from spawning the process to
the moment an Input has focus. Goal: workstation / bare <= 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def prepare(folder: Path) -> tuple[Path, str]:
    """A seeded demo database and its config; returns (config path, journal key)."""
    sys.path.insert(0, str(ROOT))
    import keyring

    from workstation.cli.demo import prepare_demo
    from workstation.secrets import JOURNAL_KEY

    prepare_demo(folder, "zh")
    key = keyring.get_keyring().get_password("counter-workstation", JOURNAL_KEY)
    return folder / "config.toml", key


def once(args: list[str], env: dict[str, str]) -> float:
    read_fd, write_fd = os.pipe()
    env = {**env, "BENCH_READY_FD": str(write_fd)}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(HERE / "_ready.py"), *args],
        env=env,
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    ready = os.read(read_fd, 1)
    elapsed = time.perf_counter() - start
    os.close(read_fd)
    _, err = child.communicate(timeout=60)
    if ready != b"r" or child.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({child.returncode}): {err.decode()[-2000:]}")
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config, key = prepare(Path(tmp) / "demo")
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            # the warm-up runs leave both apps' bytecode here, as an installed workstation
            # has it (pip compiles at install): measured, not recompiled at every start
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
            "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
            "PYTHON_KEYRING_BACKEND": "envkeyring.EnvKeyring",
            "BENCH_JOURNAL_KEY": key,
        }
        bare: list[float] = []
        workstation: list[float] = []
        once(["bare"], env)  # warm the page cache and bytecode for both
        once(["workstation", str(config)], env)
        for _ in range(options.runs):
            bare.append(once(["bare"], env))
            workstation.append(once(["workstation", str(config)], env))
    b, w = statistics.median(bare), statistics.median(workstation)
    print(f"runs: {options.runs} each, alternating, headless")
    print(f"bare Textual app  median {b:7.1f} ms   min {min(bare):7.1f} ms")
    print(f"workstation       median {w:7.1f} ms   min {min(workstation):7.1f} ms")
    print(f"ratio (median)    {w / b:.2f}x   goal <= 1.5x")


if __name__ == "__main__":
    main()
