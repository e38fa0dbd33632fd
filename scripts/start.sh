#!/usr/bin/env bash
# Install what the app needs (into .venv) and start it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# the certificate PDF's fallback fonts from Debian (mglearn/certificates/pdf_fonts.py), when root can add them
need=()
if command -v dpkg >/dev/null; then
  for font in $(cat scripts/pdf-fonts.txt); do dpkg -s "$font" >/dev/null 2>&1 || need+=("$font"); done
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Without ${need[*]} a certificate prints names in other scripts as U+FFFD (Debian: apt-get install ${need[*]})." >&2
  fi
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
# the project itself, editable: the `mglearn` command (.venv/bin/mglearn) and `import mglearn`
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/python -m streamlit run app.py "$@"
