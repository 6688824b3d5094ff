"""Two workstation processes posting on one database: every serial unique and gapless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parents[1]
PER_PROCESS = 200


def test_two_processes_posting_200_each_get_400_gapless_serials(db_url):
    # two workstations at one counter (the same teller signed in on both): one sequence
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrent_poster", db_url, teller, str(PER_PROCESS)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for teller in ("T001", "T001")
    ]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    for child in children:  # both start posting at once
        child.stdin.write("go\n")
        child.stdin.flush()
    serials = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        serials += out.split()
    assert len(serials) == 2 * PER_PROCESS
    assert len(set(serials)) == len(serials)
    numbers = sorted(int(serial.rsplit("-", 1)[1]) for serial in serials)
    assert numbers == list(range(1, 2 * PER_PROCESS + 1))
