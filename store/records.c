/* Site option values, the audit log and drafts in the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/field.h"
#include "store_impl.h"

static const char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

/* ---- options ---- */

static const char SQL_OPT_ALL[] = "SELECT option_name, option_value, version FROM vdc_options";
static const char SQL_OPT_SET[] =
	"INSERT INTO vdc_options(option_name, option_value, version) VALUES (?, ?, ?)"
	" ON CONFLICT(option_name, version) DO UPDATE SET option_value = excluded.option_value";

int store_options_load(struct sc_store *st, struct sc_optreg *reg, struct sc_err *err)
{
	sqlite3_stmt *s = store_prep(st, SQL_OPT_ALL, err);
	if (!s)
		return err->status;
	memset(reg->values, 0, sizeof reg->values);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int i = sc_opt_find(reg, col_text(s, 0));
		const char *ver = col_text(s, 2);
		int slot = strcmp(ver, "general") == 0 ? SC_OPT_GENERAL : sc_cver_parse(ver);
		bool is_version = strcmp(ver, "general") != 0;
		/* rows of unknown options or versions (a newer spicecfg) are kept, unused */
		if (i < 0 || slot < 0 || is_version != reg->defs[i].per_version)
			continue;
		sc_strlcpy(reg->values[i][slot], col_text(s, 1), sizeof reg->values[i][slot]);
	}
	if (rc != SQLITE_DONE)
		return store_sql_fail(st, err, "read site options");
	return 0;
}

int store_option_set(struct sc_store *st, struct sc_optreg *reg, const char *key, int cver,
		     const char *value, struct sc_err *err)
{
	int i = sc_opt_find(reg, key);
	if (i < 0)
		return sc_fail(err, SC_EUSAGE, "unknown option '%s' (see: spicecfg config -l)", key);
	const struct sc_optdef *d = &reg->defs[i];
	if (d->per_version && cver < 0)
		return sc_fail(err, SC_EUSAGE,
			       "%s is set per cluster version: add --cver 3.0, 3.1 or 3.2", key);
	if (!d->per_version && cver >= 0)
		return sc_fail(err, SC_EUSAGE,
			       "%s is a general option: use no --cver (or --cver general)", key);
	char norm[SC_OPT_VALUE_MAX], obj[96];
	if (sc_opt_validate(d, value, norm, sizeof norm, err))
		return err->status;
	enum sc_cver v = cver < 0 ? SC_CVER_30 : (enum sc_cver)cver;
	int slot = d->per_version ? cver : SC_OPT_GENERAL;
	const char *ver = d->per_version ? sc_cver_name(v) : "general";
	char old[SC_OPT_VALUE_MAX];
	sc_strlcpy(old, sc_opt_value(reg, i, v), sizeof old);
	if (store_begin(st, err))
		return err->status;
	int rc = 0;
	sqlite3_stmt *s = store_prep(st, SQL_OPT_SET, err);
	if (!s)
		rc = err->status;
	else {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, norm, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, ver, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_sql_fail(st, err, "set an option");
	}
	snprintf(obj, sizeof obj, "option:%s", key);
	if (!rc && strcmp(old, norm))
		rc = store_audit_note(st, obj, ver, old, norm, err);
	rc = store_finish(st, rc, err);
	if (!rc)
		sc_strlcpy(reg->values[i][slot], norm, sizeof reg->values[i][slot]);
	return rc;
}

/* ---- audit ---- */

#define AUDIT_FILTER                                                                      \
	" WHERE ?1 IS NULL OR instr(lower(object), lower(?1)) > 0 OR instr(lower(who), "      \
	"lower(?1)) > 0 OR instr(lower(field), lower(?1)) > 0"
static const char SQL_AUDIT_SCAN[] = "SELECT id, at, who, object, field, old, new FROM audit"
	AUDIT_FILTER " ORDER BY id DESC LIMIT ?2 OFFSET ?3";
static const char SQL_AUDIT_COUNT[] = "SELECT count(*) FROM audit" AUDIT_FILTER;

static void bind_filter(sqlite3_stmt *s, const char *filter)
{
	if (filter && *filter)
		sqlite3_bind_text(s, 1, filter, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 1);
}

int store_audit_scan(struct sc_store *st, const char *filter, long offset, long limit,
		     store_audit_cb cb, void *arg, struct sc_err *err)
{
	sqlite3_stmt *s = store_prep(st, SQL_AUDIT_SCAN, err);
	if (!s)
		return err->status;
	bind_filter(s, filter);
	sqlite3_bind_int64(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	int rc;
	struct store_audit a;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(s, 0);
		sc_strlcpy(a.at, col_text(s, 1), sizeof a.at);
		sc_strlcpy(a.who, col_text(s, 2), sizeof a.who);
		sc_strlcpy(a.object, col_text(s, 3), sizeof a.object);
		sc_strlcpy(a.field, col_text(s, 4), sizeof a.field);
		a.old = sqlite3_column_type(s, 5) == SQLITE_NULL ? NULL : col_text(s, 5);
		a.neu = sqlite3_column_type(s, 6) == SQLITE_NULL ? NULL : col_text(s, 6);
		if (cb(&a, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		return store_sql_fail(st, err, "read the audit log");
	sqlite3_reset(s);
	return 0;
}

int store_audit_count(struct sc_store *st, const char *filter, long *out, struct sc_err *err)
{
	sqlite3_stmt *s = store_prep(st, SQL_AUDIT_COUNT, err);
	if (!s)
		return err->status;
	bind_filter(s, filter);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_sql_fail(st, err, "count the audit log");
	*out = sqlite3_column_int64(s, 0);
	return 0;
}

/* ---- drafts ---- */

static const char SQL_DRAFT_ADD[] =
	"INSERT INTO drafts(at, who, orig_name, orig_rowver, data) VALUES (?, ?, ?, ?, ?)";
static const char SQL_DRAFT_LATEST[] = "SELECT id, at, who, orig_name, orig_rowver, data "
				       "FROM drafts WHERE who = ? ORDER BY id DESC LIMIT 1";
static const char SQL_DRAFT_RM[] = "DELETE FROM drafts WHERE id = ?";

/* A draft is "key=value" lines: kind, every field, and the chosen migration
 * (the form keeps it even while native USB pins the effective one). */
static void draft_encode(const struct sc_object *o, char *buf, size_t n)
{
	size_t len = (size_t)snprintf(buf, n, "kind=%s\nmigration_choice=%s\nuuid=%s\n",
				      sc_kind_name(o->kind), sc_migration_name(o->migration),
				      o->uuid);
	char v[SC_DESC_MAX + 1];
	for (int f = 0; f < SC_F_COUNT && len < n; f++) {
		if (!sc_field_applies(f, o->kind) || f == SC_F_MIGRATION)
			continue;
		sc_field_get(o, f, v, sizeof v);
		len += (size_t)snprintf(buf + len, n - len, "%s=%s\n", sc_field_info(f)->key, v);
	}
}

static void draft_decode(const char *data, struct sc_object *o)
{
	char line[SC_DESC_MAX + 64];
	memset(o, 0, sizeof *o);
	o->monitors = 1;
	o->memory = 1024;
	o->cpus = 1;
	for (const char *p = data; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len < sizeof line) {
			memcpy(line, p, len);
			line[len] = '\0';
			char *eq = strchr(line, '=');
			if (eq) {
				*eq = '\0';
				int f = sc_field_lookup(line), k;
				if (strcmp(line, "kind") == 0 && (k = sc_kind_parse(eq + 1)) > 0)
					o->kind = (enum sc_kind)k;
				else if (strcmp(line, "uuid") == 0)
					sc_strlcpy(o->uuid, eq + 1, sizeof o->uuid);
				else if (strcmp(line, "migration_choice") == 0)
					sc_field_set(o, SC_F_MIGRATION, eq + 1, NULL);
				else if (f >= 0 && f != SC_F_MIGRATION)
					sc_field_set(o, f, eq + 1, NULL); /* a bad line is dropped */
			}
		}
		p += len + (nl ? 1 : 0);
	}
}

int store_draft_save(struct sc_store *st, const struct store_draft *d, struct sc_err *err)
{
	char data[SC_DESC_MAX + 2048], at[32];
	draft_encode(&d->obj, data, sizeof data);
	store_now(at, sizeof at);
	if (store_begin(st, err))
		return err->status;
	sqlite3_stmt *s = store_prep(st, SQL_DRAFT_ADD, err);
	int rc = s ? 0 : err->status;
	if (!rc) {
		sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, st->who, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, d->orig_name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, d->orig_rowver);
		sqlite3_bind_text(s, 5, data, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_sql_fail(st, err, "save a draft");
	}
	return store_finish(st, rc, err);
}

int store_draft_latest(struct sc_store *st, struct store_draft *out, struct sc_err *err)
{
	sqlite3_stmt *s = store_prep(st, SQL_DRAFT_LATEST, err);
	if (!s)
		return err->status;
	sqlite3_bind_text(s, 1, st->who, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return sc_fail(err, SC_ENOTFOUND, "no draft");
	if (rc != SQLITE_ROW)
		return store_sql_fail(st, err, "read drafts");
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	sc_strlcpy(out->at, col_text(s, 1), sizeof out->at);
	sc_strlcpy(out->who, col_text(s, 2), sizeof out->who);
	sc_strlcpy(out->orig_name, col_text(s, 3), sizeof out->orig_name);
	out->orig_rowver = sqlite3_column_int64(s, 4);
	draft_decode(col_text(s, 5), &out->obj);
	sqlite3_reset(s);
	return 0;
}

int store_draft_delete(struct sc_store *st, int64_t id, struct sc_err *err)
{
	sqlite3_stmt *s = store_prep(st, SQL_DRAFT_RM, err);
	if (!s)
		return err->status;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sql_fail(st, err, "delete a draft");
	return 0;
}
