#!/usr/bin/env bash
# Start the product on the program's real public data, with a staff account, on
# http://$HOST:$PORT/ (127.0.0.1:8000 unless told otherwise).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
DATA_DIR="${EIG_DATA_DIR:-$ROOT_DIR/../shared/data/site-eig}"

bash "$ROOT_DIR/scripts/install.sh" demo
[[ -d "$DATA_DIR" ]] || die "données introuvables : $DATA_DIR (le dossier shared/ doit être à côté du projet)."

cd "$ROOT_DIR"
manage=("$VENV/bin/python" manage.py)
mkdir -p var
LOG_FILE="$ROOT_DIR/var/demo.log"
SUMMARY_FILE="$ROOT_DIR/var/demo-accounts.txt"
: >"$LOG_FILE"

# Each step writes its details to the log; the terminal keeps one line per step.
step() {
    local title="$1"
    shift
    log "$title"
    if ! "$@" >>"$LOG_FILE" 2>&1; then
        tail -n 30 "$LOG_FILE" >&2
        die "l'étape « $title » a échoué ; le détail est dans $LOG_FILE."
    fi
}

# Hors debug et sans REDIS_URL, le cache est une table : elle doit exister avant les migrations
# et l'import, dont les enregistrements renouvellent le cache des pages publiques.
step "Base de données : table du cache" "${manage[@]}" createcachetable
step "Base de données : migrations" "${manage[@]}" migrate --no-input
step "Import des données publiques du programme ($DATA_DIR)" "${manage[@]}" import_site_eig "$DATA_DIR"
step "Pages du site public" "${manage[@]}" setup_site

# The accounts and their new passwords: the summary printed at the end (kept in var/, which git
# ignores, for the time of the demo).
log "Comptes de démonstration"
{
    "${manage[@]}" ensure_demo_staff
    echo
    # Les adresses affichées (espaces, lien de l'enquête) partent de SITE_URL : celle du serveur lancé.
    SITE_URL="${SITE_URL:-http://$HOST:$PORT}" "${manage[@]}" seed_demo_activity
} >"$SUMMARY_FILE" 2>>"$LOG_FILE" || die "la création des comptes a échoué ; le détail est dans $LOG_FILE."
chmod 600 "$SUMMARY_FILE"

rule="════════════════════════════════════════════════════════════════════════════════"
{
    echo
    echo "$rule"
    echo "  Démonstration prête : http://$HOST:$PORT/"
    echo "  Administration : http://$HOST:$PORT/admin/ (compte de l'équipe ci-dessous)"
    echo "$rule"
    echo
    echo "Équipe du programme (superutilisateur)"
    sed -e 's/^/  /' "$SUMMARY_FILE"
    echo
    echo "$rule"
    echo "  Détail de l'installation : $LOG_FILE"
    echo "  Comptes et mots de passe : $SUMMARY_FILE"
    echo "$rule"
} >&2

log "Serveur de développement sur http://$HOST:$PORT/ (Ctrl+C pour l'arrêter)"
exec "${manage[@]}" runserver "$HOST:$PORT"
