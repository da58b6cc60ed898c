-- Database-wide defaults for the Quartier database (runs once, on an empty data directory).
-- Timestamps are stored as timestamptz; pinning the session zone to UTC keeps text renderings
-- in logs and ad-hoc queries unambiguous across the German DST switch.
ALTER DATABASE quartier SET timezone TO 'UTC';
-- A runaway query must not hold an outbox or job row lock for ever (relays use
-- FOR UPDATE SKIP LOCKED; a stuck transaction would stall one partition of work).
ALTER DATABASE quartier SET idle_in_transaction_session_timeout TO '5min';
-- Nobody but the owner creates objects in public; each service works in its own schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
