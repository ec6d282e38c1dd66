/* The store schema, one description for both backends, as forward
 * migrations: MIGRATIONS[i] takes a store from schema version i to i + 1.
 * @ID@, @FK@ and @NAME@ become each backend's spelling (db_schema_text()).
 * Never edit a released step; append a new one. */
#ifndef SC_SCHEMA_H
#define SC_SCHEMA_H

/* The indexes that serve the sorted lists (step 4 -> 5).  A bulk load
 * drops them and builds them again after its rows, in its transaction:
 * building an index once costs a fraction of keeping it sorted row by row. */
#define SORT_INDEX_LIST(X)                                                     \
	X(cluster, "cluster_id")                                               \
	X(template, "template_id")                                             \
	X(size, "size")                                                        \
	X(os, "os")                                                            \
	X(type, "type")                                                        \
	X(memory, "memory")                                                    \
	X(cpus, "cpus")                                                        \
	X(display, "display")                                                  \
	X(monitors, "monitors")                                                \
	X(usb, "usb")                                                          \
	X(migration, "(CASE WHEN usb = 'native' THEN 'pinned' ELSE migration END)") \
	X(description, "description")
#define SORT_INDEX_CREATE(id, expr) "CREATE INDEX objects_by_" #id " ON objects(kind, " expr ", name);"
#define SORT_INDEX_DROP(id, expr) "DROP INDEX objects_by_" #id ";"
#define SORT_INDEXES SORT_INDEX_LIST(SORT_INDEX_CREATE)
#define SORT_INDEXES_DROP SORT_INDEX_LIST(SORT_INDEX_DROP)

/* The substring index that serves the list filter (step 5 -> 6), one per
 * backend (migrate() runs it after the step's shared text).
 * SQLite: an FTS5 table of trigrams holding each object's name, OS and
 * cluster name under the object's id, kept in step by triggers in the
 * writing transaction (a cluster renamed renames it in its objects' rows).
 * A bulk load drops the insert trigger and indexes its new rows at the end
 * (FILTER_INDEX_FILL), as it does for the sort indexes. */
#define FILTER_INS_TRIGGER                                                     \
	"CREATE TRIGGER objects_fts_ins AFTER INSERT ON objects BEGIN"         \
	" INSERT INTO objects_fts(rowid, name, os, cluster)"                   \
	" VALUES (new.id, new.name, new.os,"                                   \
	" (SELECT name FROM clusters WHERE id = new.cluster_id)); END;"
#define FILTER_INDEX_SQLITE                                                    \
	"CREATE VIRTUAL TABLE objects_fts USING fts5(name, os, cluster,"       \
	" tokenize = 'trigram');"                             \
	FILTER_INS_TRIGGER                                                     \
	"CREATE TRIGGER objects_fts_del AFTER DELETE ON objects BEGIN"         \
	" DELETE FROM objects_fts WHERE rowid = old.id; END;"                  \
	"CREATE TRIGGER objects_fts_upd AFTER UPDATE OF id, name, os, cluster_id" \
	" ON objects WHEN old.id IS NOT new.id OR old.name IS NOT new.name"    \
	" OR old.os IS NOT new.os OR old.cluster_id IS NOT new.cluster_id BEGIN" \
	" DELETE FROM objects_fts WHERE rowid = old.id;"                       \
	" INSERT INTO objects_fts(rowid, name, os, cluster)"                   \
	" VALUES (new.id, new.name, new.os,"                                   \
	" (SELECT name FROM clusters WHERE id = new.cluster_id)); END;"        \
	"CREATE TRIGGER clusters_fts_upd AFTER UPDATE OF name ON clusters"     \
	" WHEN old.name IS NOT new.name BEGIN"                                 \
	" UPDATE objects_fts SET cluster = new.name"                           \
	" WHERE rowid IN (SELECT id FROM objects WHERE cluster_id = new.id); END;" \
	FILTER_INDEX_FILL("0")
/* What a store of an older version lacks (for tests of the upgrade). */
#define FILTER_INDEX_SQLITE_DROP                                               \
	"DROP TRIGGER objects_fts_ins; DROP TRIGGER objects_fts_del;"          \
	"DROP TRIGGER objects_fts_upd; DROP TRIGGER clusters_fts_upd;"         \
	"DROP TABLE objects_fts;"
/* Indexes the objects with an id above the given SQL expression's. */
#define FILTER_INDEX_FILL(after)                                               \
	"INSERT INTO objects_fts(rowid, name, os, cluster)"                    \
	" SELECT o.id, o.name, o.os, c.name FROM objects o"                    \
	" JOIN clusters c ON c.id = o.cluster_id WHERE o.id > " after ";"
/* PostgreSQL: pg_trgm's GIN indexes on the expressions the filter tests,
 * which serve its LIKE directly.  Where the extension cannot be created
 * (not installed, not allowed) the filter scans as before. */
#define FILTER_TRGM_EXT "CREATE EXTENSION IF NOT EXISTS pg_trgm"
#define FILTER_INDEX_PG                                                        \
	"CREATE INDEX objects_name_trgm ON objects USING gin (lower(name) gin_trgm_ops);" \
	"CREATE INDEX objects_os_trgm ON objects USING gin (lower(os) gin_trgm_ops);" \
	"CREATE INDEX clusters_name_trgm ON clusters USING gin (lower(name) gin_trgm_ops);"
#define FILTER_STEP 5

/* PostgreSQL: every suffix of three characters or more of each object's
 * lower-cased name under its id (step 6 -> 7).  A name holds a filter of
 * three characters or more when one of its suffixes starts with it: a
 * range of the btree, whose scan a LIMIT stops (a GIN index is read whole
 * into a bitmap before the first row, and the trigrams of generated names
 * are in nearly every name).  Kept in step by a trigger in the writing
 * transaction.  A bulk load sets spicecfg.suffixes_after to the last id
 * before it: the trigger passes over the rows after it, which are then
 * added at once (SUFFIX_FILL).  (SQLite's FTS5 trigram index stops at a
 * LIMIT itself.) */
#define SUFFIX_ROWS(name, id)                                                  \
	"SELECT substr(lower(" name "), i)" id " FROM generate_series(1, char_length(" name ") - 2) i"
#define SUFFIX_INDEX_CREATE "CREATE INDEX name_suffixes_suf ON name_suffixes(suf, id);"
#define SUFFIX_INDEX_DROP "DROP INDEX name_suffixes_suf;"
#define SUFFIX_INDEX_PG                                                        \
	"CREATE TABLE name_suffixes(suf TEXT COLLATE \"C\" NOT NULL, id BIGINT NOT NULL);"   \
	SUFFIX_FILL("0") SUFFIX_INDEX_CREATE                                   \
	"CREATE FUNCTION name_suffixes_sync() RETURNS trigger LANGUAGE plpgsql AS $f$"  \
	" DECLARE after BIGINT := CAST(coalesce(nullif(current_setting("          \
	"'spicecfg.suffixes_after', true), ''), '9223372036854775807') AS BIGINT);" \
	" BEGIN IF TG_OP <> 'INSERT' AND OLD.id <= after THEN DELETE FROM name_suffixes" \
	" WHERE id = OLD.id AND suf IN (" SUFFIX_ROWS("OLD.name", "") "); END IF;" \
	" IF TG_OP <> 'DELETE' AND NEW.id <= after THEN INSERT INTO name_suffixes(suf, id) " \
	SUFFIX_ROWS("NEW.name", ", NEW.id") "; END IF; RETURN NULL; END $f$;"      \
	"CREATE TRIGGER name_suffixes_ins AFTER INSERT ON objects FOR EACH ROW"   \
	" EXECUTE FUNCTION name_suffixes_sync();"                              \
	"CREATE TRIGGER name_suffixes_upd AFTER UPDATE OF id, name ON objects FOR EACH ROW" \
	" WHEN (OLD.id <> NEW.id OR OLD.name <> NEW.name) EXECUTE FUNCTION name_suffixes_sync();" \
	"CREATE TRIGGER name_suffixes_del AFTER DELETE ON objects FOR EACH ROW"   \
	" EXECUTE FUNCTION name_suffixes_sync();"
/* Adds the suffixes of the objects with an id above the SQL expression's. */
#define SUFFIX_FILL(after)                                                     \
	"INSERT INTO name_suffixes(suf, id) SELECT substr(lower(o.name), i), o.id FROM objects o," \
	" generate_series(1, char_length(o.name) - 2) i WHERE o.id > " after ";"
/* What a store of schema version 6 lacks (for tests of the upgrade). */
#define SUFFIX_INDEX_PG_DROP                                                   \
	"DROP TABLE name_suffixes; DROP FUNCTION name_suffixes_sync() CASCADE;"
#define SUFFIX_STEP 6

/* SQLite: the trigram index of the names alone (step 7 -> 8), in place of
 * objects_fts.  The OS and the cluster name have few distinct values,
 * which the filter tests one by one (the kind's OS values by the (kind,
 * os, name) index, the clusters by name); only the name needs an index of
 * its substrings.  With the OS in the index, every Windows row held the
 * trigrams of "win", and a filter's column query read all of them.  An
 * external-content table (the names stay in objects, the index holds
 * only the trigrams' lists), kept in step by triggers in the writing
 * transaction; a bulk load drops the insert trigger and indexes its new
 * rows at the end (NAMES_INDEX_FILL). */
#define NAMES_INS_TRIGGER                                                      \
	"CREATE TRIGGER names_fts_ins AFTER INSERT ON objects BEGIN"           \
	" INSERT INTO names_fts(rowid, name) VALUES (new.id, new.name); END;"
#define NAMES_INDEX_SQLITE                                                     \
	"CREATE VIRTUAL TABLE names_fts USING fts5(name, content = 'objects',"  \
	" content_rowid = 'id', columnsize = 0, tokenize = 'trigram');"        \
	NAMES_INS_TRIGGER                                                      \
	"CREATE TRIGGER names_fts_del AFTER DELETE ON objects BEGIN"           \
	" INSERT INTO names_fts(names_fts, rowid, name)"                       \
	" VALUES ('delete', old.id, old.name); END;"                           \
	"CREATE TRIGGER names_fts_upd AFTER UPDATE OF id, name ON objects"      \
	" WHEN old.id IS NOT new.id OR old.name IS NOT new.name BEGIN"         \
	" INSERT INTO names_fts(names_fts, rowid, name)"                       \
	" VALUES ('delete', old.id, old.name);"                                \
	" INSERT INTO names_fts(rowid, name) VALUES (new.id, new.name); END;"  \
	NAMES_INDEX_FILL("0")
/* What a store of an older version lacks (for tests of the upgrade). */
#define NAMES_INDEX_SQLITE_DROP                                                \
	"DROP TRIGGER names_fts_ins; DROP TRIGGER names_fts_del;"              \
	"DROP TRIGGER names_fts_upd; DROP TABLE names_fts;"
/* Indexes the names of the objects with an id above the SQL expression's. */
#define NAMES_INDEX_FILL(after)                                                \
	"INSERT INTO names_fts(rowid, name) SELECT id, name FROM objects"      \
	" WHERE id > " after ";"
/* The highest id indexed when a bulk load starts: every row is, then. */
#define NAMES_INDEX_LAST "(SELECT coalesce(max(id), 0) FROM objects)"
/* Step 7 -> 8 on SQLite: the old index out, the names' index in. */
#define NAMES_INDEX_STEP_SQLITE FILTER_INDEX_SQLITE_DROP NAMES_INDEX_SQLITE
#define NAMES_STEP 7

/* The audit log's filter (step 8 -> 9): the rows that hold a filter are
 * found from indexes, not by testing every row of the log.  The users and
 * the fields are few distinct values, each tested once (read in order by
 * a skip of the (who, id) and (field, id) indexes) and their rows read by
 * the same index; the objects are many, and have an index of their
 * substrings.  SQLite: an external-content FTS5 table of the objects'
 * trigrams under the row's id, kept in step by triggers in the writing
 * transaction.  PostgreSQL: pg_trgm's GIN index of lower(object), which
 * serves the filter's LIKE directly (without the extension the object's
 * test scans, as before). */
#define AUDIT_INDEX_SQLITE                                                     \
	"CREATE VIRTUAL TABLE audit_fts USING fts5(object, content = 'audit',"  \
	" content_rowid = 'id', columnsize = 0, tokenize = 'trigram');"        \
	AUDIT_FTS_INS_TRIGGER                                                  \
	"CREATE TRIGGER audit_fts_del AFTER DELETE ON audit BEGIN"             \
	" INSERT INTO audit_fts(audit_fts, rowid, object)"                     \
	" VALUES ('delete', old.id, old.object); END;"                         \
	"CREATE TRIGGER audit_fts_upd AFTER UPDATE OF id, object ON audit"      \
	" WHEN old.id IS NOT new.id OR old.object IS NOT new.object BEGIN"     \
	" INSERT INTO audit_fts(audit_fts, rowid, object)"                     \
	" VALUES ('delete', old.id, old.object);"                              \
	" INSERT INTO audit_fts(rowid, object) VALUES (new.id, new.object); END;" \
	AUDIT_INDEX_FILL("0")
/* A bulk load drops the insert trigger and indexes the audit rows it
 * added at its end, as it does for the names (store_bulk_filter). */
#define AUDIT_FTS_INS_TRIGGER                                                  \
	"CREATE TRIGGER audit_fts_ins AFTER INSERT ON audit BEGIN"             \
	" INSERT INTO audit_fts(rowid, object) VALUES (new.id, new.object); END;"
#define AUDIT_INDEX_FILL(after)                                                \
	"INSERT INTO audit_fts(rowid, object) SELECT id, object FROM audit"    \
	" WHERE id > " after ";"
#define AUDIT_INDEX_LAST "(SELECT coalesce(max(id), 0) FROM audit)"
/* What a store of an older version lacks (for tests of the upgrade). */
#define AUDIT_INDEX_SQLITE_DROP                                                \
	"DROP TRIGGER audit_fts_ins; DROP TRIGGER audit_fts_del;"              \
	"DROP TRIGGER audit_fts_upd; DROP TABLE audit_fts;"                    \
	"DROP INDEX audit_who; DROP INDEX audit_field;"
#define AUDIT_INDEX_PG                                                         \
	"CREATE INDEX audit_object_trgm ON audit USING gin (lower(object) gin_trgm_ops);"
#define AUDIT_INDEX_PG_DROP                                                    \
	"DROP INDEX IF EXISTS audit_object_trgm; DROP INDEX audit_who; DROP INDEX audit_field;"
#define AUDIT_STEP 8

static const char *const MIGRATIONS[] = {
	/* 0 -> 1 */
	"CREATE TABLE clusters("
	" id @ID@,"
	" name @NAME@ NOT NULL UNIQUE,"
	" version TEXT NOT NULL CHECK (version IN ('3.0','3.1','3.2')),"
	" rowver INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE objects("
	" id @ID@,"
	" kind TEXT NOT NULL CHECK (kind IN ('vm','template','pool')),"
	" name @NAME@ NOT NULL,"
	" uuid TEXT NOT NULL,"
	" cluster_id @FK@ NOT NULL REFERENCES clusters(id),"
	" template_id @FK@ REFERENCES objects(id),"
	" os TEXT NOT NULL, type TEXT NOT NULL, display TEXT NOT NULL,"
	" monitors INTEGER NOT NULL, usb TEXT NOT NULL, migration TEXT NOT NULL,"
	" memory INTEGER NOT NULL, cpus INTEGER NOT NULL,"
	" wan INTEGER NOT NULL, smartcard INTEGER NOT NULL, usb_autoshare INTEGER NOT NULL,"
	" size INTEGER NOT NULL DEFAULT 0,"
	" description TEXT NOT NULL DEFAULT '',"
	" rowver INTEGER NOT NULL DEFAULT 1,"
	" UNIQUE (kind, name));"
	"CREATE INDEX objects_cluster ON objects(cluster_id);"
	"CREATE INDEX objects_template ON objects(template_id);"
	"CREATE TABLE vdc_options("
	" option_name TEXT NOT NULL,"
	" option_value TEXT NOT NULL,"
	" version TEXT NOT NULL DEFAULT 'general',"
	" PRIMARY KEY (option_name, version));"
	"CREATE TABLE audit("
	" id @ID@,"
	" at TEXT NOT NULL, who TEXT NOT NULL, object TEXT NOT NULL, field TEXT NOT NULL,"
	" old TEXT, new TEXT);"
	"CREATE TABLE drafts("
	" id @ID@,"
	" at TEXT NOT NULL, who TEXT NOT NULL, orig_name TEXT NOT NULL,"
	" orig_rowver INTEGER NOT NULL, data TEXT NOT NULL);",
	/* 1 -> 2: a user's latest draft is found without reading everyone's.
	 * (Lists sorted by a column other than the name sort in the query, about
	 * 60 ms for 100k VMs: an index per column would slow every insert.) */
	"CREATE INDEX drafts_who ON drafts(who, id);",
	/* 2 -> 3: libvirt hosts with the capabilities last read from them, and
	 * the vms linked to a host's domain (SPEC §10).  A link goes with its
	 * vm; a host with links is removed only after they are. */
	"CREATE TABLE hosts("
	" id @ID@,"
	" name @NAME@ NOT NULL UNIQUE,"
	" uri TEXT NOT NULL,"
	" cluster_id @FK@ NOT NULL REFERENCES clusters(id),"
	" hypervisor TEXT NOT NULL DEFAULT '',"
	" caps TEXT,"
	" caps_at TEXT NOT NULL DEFAULT '',"
	" rowver INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX hosts_cluster ON hosts(cluster_id);"
	"CREATE TABLE host_links("
	" object_id @FK@ PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,"
	" host_id @FK@ NOT NULL REFERENCES hosts(id),"
	" domain TEXT NOT NULL,"
	" pending INTEGER NOT NULL DEFAULT 0,"
	" seen TEXT NOT NULL DEFAULT '',"
	" UNIQUE (host_id, domain));",
	/* 3 -> 4: the console options after 3.1 (SPEC §9).  Existing rows get
	 * the table's defaults. */
	"ALTER TABLE objects ADD COLUMN copy_paste INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE objects ADD COLUMN file_transfer INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE objects ADD COLUMN disconnect_action TEXT NOT NULL DEFAULT 'lock-screen';"
	"ALTER TABLE objects ADD COLUMN disconnect_delay INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE objects ADD COLUMN allow_reconnect INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE objects ADD COLUMN spice_proxy TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE clusters ADD COLUMN spice_proxy TEXT NOT NULL DEFAULT '';",
	/* 4 -> 5: every order a list can be sorted in has an index that serves
	 * its keyset seek, (kind, value, name), so a page anywhere in a million
	 * rows reads its rows only; the policy in force is an expression. */
	SORT_INDEXES,
	/* 5 -> 6: the substring index of the list filter, which each backend
	 * spells its own way: FILTER_INDEX_SQLITE, FILTER_INDEX_PG (above). */
	"SELECT 1;",
	/* 6 -> 7: PostgreSQL's suffixes of the names (SUFFIX_INDEX_PG, above);
	 * nothing on SQLite. */
	"SELECT 1;",
	/* 7 -> 8: SQLite's trigram index of the names alone
	 * (NAMES_INDEX_STEP_SQLITE, above); on both backends, the audit rows
	 * of a host's URI written before its passwords were redacted are
	 * redacted (store.c, audit_redact_uris). */
	"SELECT 1;",
	/* 8 -> 9: the audit log's filter from indexes: its users' and fields'
	 * rows by value, and each backend's index of the objects
	 * (AUDIT_INDEX_SQLITE, AUDIT_INDEX_PG, above). */
	"CREATE INDEX audit_who ON audit(who, id);"
	"CREATE INDEX audit_field ON audit(field, id);",
};

#define SCHEMA_STEPS ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))


#endif
