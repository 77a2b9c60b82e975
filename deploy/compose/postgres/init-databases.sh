#!/usr/bin/env bash
# Runs once, on an empty data volume: one database and one owner per service, and Keycloak's own.
set -euo pipefail
create() { # database, role, password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$1" -v role="$2" -v pw="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role";
SQL
}
create chorus_stories stories "$STORIES_DB_PASSWORD"
create chorus_resources resources "$RESOURCES_DB_PASSWORD"
create chorus_notifications notifications "$NOTIFICATIONS_DB_PASSWORD"
create keycloak keycloak "$KEYCLOAK_DB_PASSWORD"
