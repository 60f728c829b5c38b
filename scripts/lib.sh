# Shared helpers for the scripts in this folder. Source it, do not run it.
# shellcheck shell=bash

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT_DIR/.venv}"
PYTHON="${PYTHON:-python3}"

# Debian packages, by need.
WEASYPRINT_DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig fonts-dejavu-core)
BROWSER_DEBS=(chromium)
POSTGRES_DEBS=(postgresql)

log() {
    printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

die() {
    printf 'Erreur : %s\n' "$*" >&2
    exit 1
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "« $* » demande les droits root (ni root, ni sudo disponibles)."
    fi
}

deb_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Install the given Debian packages that are missing; update the package lists once, only then.
ensure_debs() {
    local missing=() pkg
    for pkg in "$@"; do
        deb_installed "$pkg" || missing+=("$pkg")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    command -v apt-get >/dev/null || die "paquets manquants (${missing[*]}) et apt-get absent : installez-les à la main."
    log "Installation des paquets Debian manquants : ${missing[*]}"
    if [[ -z "${_APT_UPDATED:-}" ]]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        _APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# Create the virtual environment if needed and install the project in it (editable), with the
# given extras ("test" or nothing). Skipped when pyproject.toml has not changed since last time.
ensure_venv() {
    local extras="${1:-}" spec="." stamp digest
    [[ -n "$extras" ]] && spec=".[$extras]"
    if [[ ! -x "$VENV/bin/python" ]]; then
        log "Création de l'environnement virtuel $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    stamp="$VENV/.eig-installed${extras:+-$extras}"
    digest="$(sha256sum "$ROOT_DIR/pyproject.toml" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$digest" ]]; then
        return 0
    fi
    log "Installation des dépendances Python ($spec)"
    "$VENV/bin/python" -m pip install -qq --upgrade pip
    (cd "$ROOT_DIR" && "$VENV/bin/python" -m pip install -qq -e "$spec")
    echo "$digest" >"$stamp"
}

# A TCP port free on the loopback interface right now.
free_port() {
    local python="$VENV/bin/python"
    [[ -x "$python" ]] || python="$PYTHON"
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
