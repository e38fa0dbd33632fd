#!/usr/bin/env bash
# Install what the tests need (Python packages into .venv; Chromium, PostgreSQL and nginx from
# Debian when missing) and run lint, format check, type check and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
command -v npm >/dev/null || need+=(npm)  # for axe-core, below
# the ✅/❌ of a review in screenshots (scripts/screenshots.py); Chromium draws boxes without it
command -v dpkg >/dev/null && { dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need+=(fonts-noto-color-emoji); }
# the certificate PDF's fallback fonts (mglearn/certificates/pdf_fonts.py): Arabic, Indic, Ethiopic, ..., CJK, emoji
for font in $(cat scripts/pdf-fonts.txt); do
  command -v dpkg >/dev/null && { dpkg -s "$font" >/dev/null 2>&1 || need+=("$font"); }
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} from Debian ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}: install them (Debian: apt-get install ${need[*]})." >&2
  fi
fi

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
# axe-core (pinned) for the accessibility audit, from the npm registry into a git-ignored cache
AXE=4.14.1
if [ ! -f .cache/axe-core/node_modules/axe-core/axe.min.js ] || ! grep -q "\"version\": \"$AXE\"" .cache/axe-core/node_modules/axe-core/package.json; then
  npm install --prefix .cache/axe-core --no-audit --no-fund --silent "axe-core@$AXE"
fi
# the Digital Credentials Consortium's verifier (pinned), run with Node by tests/test_openbadge_verifier.py
DCC=1.0.0-beta.11
if [ ! -f .cache/verifier-core/node_modules/@digitalcredentials/verifier-core/package.json ] || ! grep -q "\"version\": \"$DCC\"" .cache/verifier-core/node_modules/@digitalcredentials/verifier-core/package.json; then
  npm install --prefix .cache/verifier-core --no-audit --no-fund --silent "@digitalcredentials/verifier-core@$DCC"
fi

echo "== ruff =="
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
echo "== mypy =="
.venv/bin/python -m mypy
echo "== content =="
.venv/bin/python -m mglearn check --strict
echo "== pytest =="
.venv/bin/python -m pytest -n 2 "$@"
