#!/usr/bin/env bash
# Install what the product needs on a Debian/Ubuntu machine, only what is missing.
#   scripts/install.sh demo   Python dependencies and the libraries of the PDF reports
#   scripts/install.sh test   the same, plus the test tools, PostgreSQL and Chromium
set -euo pipefail
source "$(dirname "$0")/lib.sh"

target="${1:-demo}"
case "$target" in
    demo)
        ensure_debs "${WEASYPRINT_DEBS[@]}"
        ensure_venv
        ;;
    test)
        ensure_debs "${WEASYPRINT_DEBS[@]}" "${BROWSER_DEBS[@]}" "${POSTGRES_DEBS[@]}"
        ensure_venv test
        ;;
    *)
        die "usage : $0 [demo|test]"
        ;;
esac
