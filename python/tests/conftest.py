import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

TOPICS = [
    "arms control talks in Geneva",
    "grain exports through the Black Sea",
    "a strike at the port of Rotterdam",
    "the price of copper in Chile",
]


def document(i: int) -> str:
    """A document with residue for per-document and corpus lints."""
    topic = TOPICS[i % len(TOPICS)]
    name = "Ryabakov" if i == 13 else "Ryabkov"
    head = "Top World Magazine\n\n" if i % 3 else ""
    link = "Read Also: Strong earthquake shakes parts of western China\n\n" if i == 7 else ""
    stray = " ." if i % 5 == 0 else ""
    return (
        f"{head}Officials met on day {i} to discuss {topic}.{stray} Deputy Minister Sergei {name} "
        f"said the talks on {topic} would go on.\n\n{link}Analysts said report {i} was detailed.\n"
    )


@pytest.fixture(scope="session")
def cli():
    """The scrapelint binary of this checkout (built if needed)."""
    exe = os.environ.get("SCRAPELINT_BIN")
    if not exe:
        subprocess.run(["cargo", "build", "--quiet"], cwd=REPO, check=True)
        exe = str(REPO / "target" / "debug" / "scrapelint")

    def run(*args, cwd=None, fails=False):
        """The CLI's standard output; with ``fails``, its error (exit 2) on standard error."""
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
        p = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, env=env)
        if fails:
            assert p.returncode == 2, (p.returncode, p.stderr)
            return p.stderr
        assert p.returncode in (0, 1), p.stderr
        return p.stdout

    return run


@pytest.fixture
def shards(tmp_path):
    """Three JSONL shards of 10 records each, with ids."""
    folder = tmp_path / "shards"
    folder.mkdir()
    for s in range(3):
        with open(folder / f"s{s}.jsonl", "w") as f:
            for i in range(s * 10, s * 10 + 10):
                f.write(json.dumps({"id": f"doc-{i}", "text": document(i)}) + "\n")
    return folder
