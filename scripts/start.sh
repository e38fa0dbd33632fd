#!/usr/bin/env bash
# Install what the app needs (into .venv) and start it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
# the project itself, editable: the `mglearn` command (.venv/bin/mglearn) and `import mglearn`
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/python -m streamlit run app.py "$@"
