#!/usr/bin/env bash
# Install what the app needs (into .venv) and start it on http://localhost:8501.
#
#   bash scripts/start.sh [--port N] [--host ADDRESS] [other streamlit options]
#
# --port N        the port to listen on (default 8501)
# --host ADDRESS  the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 for
#                 every network interface, e.g. behind a reverse proxy on another machine)
# Everything else goes to `streamlit run` (e.g. --server.baseUrlPath=leren).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
PORT=8501
HOST=127.0.0.1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --port=*) PORT=${1#--port=}; shift ;;
    --host) HOST=${2:?--host needs an address}; shift 2 ;;
    --host=*) HOST=${1#--host=}; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done
case "$PORT" in ''|*[!0-9]*) echo "mglearn: --port needs a number, not '$PORT'" >&2; exit 2 ;; esac
say() { echo "mglearn: $*"; }

# the certificate PDF's fallback fonts from Debian (mglearn/certificates/pdf_fonts.py), when root can add them
need=()
if command -v dpkg >/dev/null; then
  for font in $(cat scripts/pdf-fonts.txt); do dpkg -s "$font" >/dev/null 2>&1 || need+=("$font"); done
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing fonts for certificates in every script: ${need[*]} (apt-get, a minute or two)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Without ${need[*]} a certificate prints names in other scripts as U+FFFD (Debian: apt-get install ${need[*]})." >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  say "making the Python environment in .venv..."
  "$PY" -m venv .venv
fi
# pip runs only when requirements.txt or pyproject.toml changed since the last install
stamp=.venv/.mglearn-installed
wanted=$(cat requirements.txt pyproject.toml | cksum)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  say "installing the Python packages into .venv (the first time takes about a minute)..."
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  # the project itself, editable: the `mglearn` command (.venv/bin/mglearn) and `import mglearn`
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
  echo "$wanted" >"$stamp"
else
  say "the Python packages are up to date"
fi
shown=$HOST
[ "$HOST" = 127.0.0.1 ] && shown=localhost
# certificates carry the app's public address: on this machine it is this port, unless told
if [ -z "${MGLEARN_PUBLIC_URL:-}" ] && [ "$shown" = localhost ]; then
  export MGLEARN_PUBLIC_URL="http://localhost:$PORT"
fi
say "starting on http://$shown:$PORT (Ctrl+C stops it; --help: other ports and addresses)"
exec .venv/bin/python -m streamlit run app.py --server.address="$HOST" --server.port="$PORT" ${extra[@]+"${extra[@]}"}
