#!/usr/bin/env bash
# Opens the web demo: builds it if needed, then prints a URL.
#   web-demo/demo.sh            prints the file:// URL of web-demo/dist/index.html (no server needed)
#   web-demo/demo.sh --serve    serves web-demo/dist on http://127.0.0.1:8000/ (python3 -m http.server)
#   PORT=9000 web-demo/demo.sh --serve
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ ! -f "$root/wasm/dist/caci-worker-source.js" ]; then
  "$root/wasm/build.sh"
fi
if [ ! -f "$here/dist/index.html" ] || [ -n "$(find "$here/index.html" "$here/style.css" "$here/js" "$root/wasm/dist" \
     "$root/samples" -newer "$here/dist/index.html" 2>/dev/null | head -1)" ]; then
  "$here/build.sh"
fi
if [ "${1:-}" = "--serve" ]; then
  port=${PORT:-8000}
  echo "Serving the demo at http://127.0.0.1:$port/ (Ctrl-C to stop)"
  cd "$here/dist" && exec python3 -m http.server "$port" --bind 127.0.0.1
fi
echo "Open this in a browser (works straight from disk):"
echo "  file://$here/dist/index.html"
