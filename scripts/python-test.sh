#!/usr/bin/env bash
# Builds the Python package (maturin, PyO3) into a virtual environment under
# target/ and runs its tests: the bindings against the CLI, and the datatrove
# steps in datatrove's local and Ray executors. What the tests need comes from
# the package's own extras (python/pyproject.toml). Used by CI; run it by hand
# the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${SCRAPELINT_VENV:-target/py-venv}  # a fresh one: SCRAPELINT_VENV=target/py-fresh
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# Always through the venv's own interpreter: a target/ copied from another
# checkout carries scripts whose first line names that checkout's venv.
py="$(cd "$venv" && pwd)/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check "maturin>=1.5,<2"
cargo build --quiet  # the CLI the tests compare against
export VIRTUAL_ENV="$(cd "$venv" && pwd)"; export PATH="$VIRTUAL_ENV/bin:$PATH"
(cd python && "$py" -m maturin develop --quiet --extras datatrove,test)
# Ray is large: its extra is installed on its own, and if it cannot be, the
# Ray test says so and is skipped.
mapfile -t ray < <("$py" -c 'import tomllib; print("\n".join(tomllib.load(open("python/pyproject.toml", "rb"))["project"]["optional-dependencies"]["ray"]))')
if ! "$py" -m pip install --quiet --disable-pip-version-check "${ray[@]}"; then
  echo "python-test: the [ray] extra could not be installed; the Ray test will be skipped" >&2
fi
SCRAPELINT_BIN="$PWD/target/debug/scrapelint" "$py" -m pytest -q -rs python/tests
