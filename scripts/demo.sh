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

log "Base de données : table du cache (sans effet en debug ou si elle existe), migrations"
# Hors debug et sans REDIS_URL, le cache est une table : elle doit exister avant les migrations
# et l'import, dont les enregistrements renouvellent le cache des pages publiques.
"${manage[@]}" createcachetable
"${manage[@]}" migrate --no-input

log "Import des données publiques du programme ($DATA_DIR)"
"${manage[@]}" import_site_eig "$DATA_DIR"

log "Pages du site public"
"${manage[@]}" setup_site

log "Compte de l'équipe du programme"
"${manage[@]}" ensure_demo_staff

log "Activité de démonstration : promotion aux appels ouverts, comptes agent, jury, candidat, EIG, ancien"
# Les adresses affichées (espaces, lien de l'enquête) partent de SITE_URL : celle du serveur lancé.
SITE_URL="${SITE_URL:-http://$HOST:$PORT}" "${manage[@]}" seed_demo_activity

log "Site public : http://$HOST:$PORT/ — administration : http://$HOST:$PORT/admin/"
exec "${manage[@]}" runserver "$HOST:$PORT"
