-- The database and the service's two users, for the Compose setup (docker-compose.yml). The mariadb image runs
-- this once, as root, on the first start with an empty data volume; to run it again, remove the volume
-- (docker compose down -v).
--
-- LOCAL ONLY: the passwords are throwaway values that docker-compose.yml repeats. A real server gets its own,
-- from a secret store.
--
-- Two users, as the top-level README explains (Audit trail):
--   vru_owner  the schema owner. Liquibase migrates as this user and grants the application user its rights
--              table by table (src/main/resources/db/changelog/900-grants.xml), so it needs everything on the
--              database WITH GRANT OPTION.
--   vru_app    the application user. Created with no privileges: Liquibase grants SELECT, INSERT, UPDATE,
--              DELETE on ordinary tables and only SELECT, INSERT on the audit trail and submission revisions, so
--              that the running service cannot rewrite history. It needs nothing before the first start.

CREATE DATABASE IF NOT EXISTS vru CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'vru_owner'@'%' IDENTIFIED BY 'local-owner-password';
GRANT ALL PRIVILEGES ON vru.* TO 'vru_owner'@'%' WITH GRANT OPTION;

CREATE USER IF NOT EXISTS 'vru_app'@'%' IDENTIFIED BY 'local-app-password';
