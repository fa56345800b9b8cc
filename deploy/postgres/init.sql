-- One role and one database per service, so that "no service reads another's tables" (DESIGN.md) is
-- enforced by PostgreSQL rather than hoped for. The same layout `npm start` creates on the embedded
-- server (provisionServiceDatabase in libs/local-infra/src/postgres.ts); each service's migrations then
-- create its tables, as their owner.
--
-- The postgres image runs this file once, as the superuser, when its data volume is empty; to run it
-- again, remove the volume (`docker compose down -v`). The passwords equal the role names: local
-- development only, the server is published on 127.0.0.1 (see docker-compose.yml).

CREATE ROLE orders LOGIN PASSWORD 'orders';
CREATE DATABASE waybill_orders OWNER orders;
-- By default every role may connect to every database; now only the owner (and superusers) may.
REVOKE CONNECT, TEMPORARY ON DATABASE waybill_orders FROM PUBLIC;

CREATE ROLE inventory LOGIN PASSWORD 'inventory';
CREATE DATABASE waybill_inventory OWNER inventory;
REVOKE CONNECT, TEMPORARY ON DATABASE waybill_inventory FROM PUBLIC;

CREATE ROLE routing LOGIN PASSWORD 'routing';
CREATE DATABASE waybill_routing OWNER routing;
REVOKE CONNECT, TEMPORARY ON DATABASE waybill_routing FROM PUBLIC;

CREATE ROLE notifications LOGIN PASSWORD 'notifications';
CREATE DATABASE waybill_notifications OWNER notifications;
REVOKE CONNECT, TEMPORARY ON DATABASE waybill_notifications FROM PUBLIC;
