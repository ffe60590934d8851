#!/usr/bin/env bash
# Install foedus with its test tools into .venv and run the whole test suite.
# Works on a fresh machine with Python 3.11 and the package registries (PyPI, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
# Headless Chromium renders the reports in the browser tests (Debian package).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
      >/dev/null) || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "warning: chromium not found and not root; browser tests will be skipped" >&2
  fi
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -q "$@"
