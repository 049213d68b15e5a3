// A GIN index on every FerretDB table's `_id`, so that looking a document up by `_id` is an index scan.
//
// Why: FerretDB 1.24 pushes `{ _id: x }` down to PostgreSQL as `_jsonb->'_id' @> '"x"'`, a containment test
// the btree index it creates cannot serve, so every `_id` lookup scanned the whole table: 4.4 s for one
// patent among 1,000,000. A GIN (jsonb_path_ops) index on the same expression serves that test: 3 ms.
// MongoDB itself needs nothing of the kind; this only tunes the local stand-in.
//
// An event trigger indexes each table FerretDB creates (one per collection, at once); tables created
// before the trigger existed are indexed when the stack starts. Idempotent.

/** SQL run on the FerretDB database at every start of the local PostgreSQL. */
export const ID_INDEX_SQL = `
CREATE OR REPLACE FUNCTION panhuo_id_gin_index(target regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> ''_id'') jsonb_path_ops)',
    left((SELECT relname FROM pg_class WHERE oid = target), 55) || '_id_gin',
    target
  );
END $fn$;

CREATE OR REPLACE FUNCTION panhuo_index_new_tables() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE cmd record;
BEGIN
  FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands()
             WHERE command_tag = 'CREATE TABLE' AND object_type = 'table' LOOP
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = cmd.objid AND attname = '_jsonb' AND NOT attisdropped) THEN
      PERFORM panhuo_id_gin_index(cmd.objid::regclass);
    END IF;
  END LOOP;
END $fn$;

DROP EVENT TRIGGER IF EXISTS panhuo_index_new_tables;
CREATE EVENT TRIGGER panhuo_index_new_tables ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION panhuo_index_new_tables();

DO $do$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.oid FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = '_jsonb' AND NOT a.attisdropped
    WHERE c.relkind = 'r' AND NOT EXISTS (
      SELECT 1 FROM pg_class i WHERE i.relnamespace = c.relnamespace
        AND i.relname = left(c.relname, 55) || '_id_gin')
  LOOP
    PERFORM panhuo_id_gin_index(t.oid::regclass);
  END LOOP;
END $do$;
`;
