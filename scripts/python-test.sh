#!/usr/bin/env bash
# Builds the Python package (maturin, PyO3) into a virtual environment under
# target/ and runs its tests: the bindings against the CLI, and the datatrove
# steps in datatrove's local executor. Used by CI; run it by hand the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# datatrove's filters package imports `regex`; its JSONL reader uses orjson.
"$venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.5,<2" "datatrove>=0.4" regex orjson pytest
cargo build --quiet  # the CLI the tests compare against
(cd python && VIRTUAL_ENV="$PWD/../$venv" PATH="$PWD/../$venv/bin:$PATH" maturin develop --quiet)
SCRAPELINT_BIN="$PWD/target/debug/scrapelint" "$venv/bin/python" -m pytest -q python/tests
