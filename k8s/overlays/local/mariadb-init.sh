# Sourced (not executed: the ConfigMap mounts it without the execute bit) by the mariadb image's entrypoint on
# the first start with an empty data directory, so its helpers are at hand. The same database and users as
# deploy/mariadb-init/01-users.sql, with the passwords taken from the service's own Secret so that the two
# cannot disagree:
#   - vru_owner, the schema owner: everything on the database, with GRANT OPTION, because Liquibase grants the
#     application user its rights table by table (src/main/resources/db/changelog/900-grants.xml);
#   - vru_app, the application user: created with no privileges at all.
ownerPassword=$(docker_sql_escape_string_literal "${VRU_OWNER_PASSWORD:?}")
appPassword=$(docker_sql_escape_string_literal "${VRU_APP_PASSWORD:?}")
docker_process_sql --database=mysql <<-EOSQL
	CREATE DATABASE IF NOT EXISTS vru CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	CREATE USER IF NOT EXISTS 'vru_owner'@'%' IDENTIFIED BY '${ownerPassword}';
	GRANT ALL PRIVILEGES ON vru.* TO 'vru_owner'@'%' WITH GRANT OPTION;
	CREATE USER IF NOT EXISTS 'vru_app'@'%' IDENTIFIED BY '${appPassword}';
EOSQL
unset ownerPassword appPassword
