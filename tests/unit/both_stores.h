/* For unit tests that run on both backends: a store in a fresh SQLite file,
 * or, when SPICECFG_TEST_PG names a PostgreSQL server, in a database made
 * anew on it; `target` is what store_open takes, `reg` the site options'
 * definitions.  Include after cmocka.h and store/config.h. */
static struct sc_optreg reg;
static char dir[] = "/tmp/spicecfg-unit-XXXXXX";
static char target[700];

/* pg_db: the database's name on PostgreSQL; file: the SQLite file's */
static int both_setup(const char *pg_db, const char *file)
{
	struct sc_err err;
	const char *pg = getenv("SPICECFG_TEST_PG");
	if (pg && *pg) {
		char cmd[1024];
		snprintf(target, sizeof target, "%s dbname=%s", pg, pg_db);
		snprintf(cmd, sizeof cmd,
			 "psql -qX '%s dbname=postgres' -c 'DROP DATABASE IF EXISTS %s' "
			 "-c 'CREATE DATABASE %s' >/dev/null",
			 pg, pg_db, pg_db);
		if (system(cmd) != 0)
			return -1;
	} else {
		if (!mkdtemp(dir))
			return -1;
		snprintf(target, sizeof target, "%s/%s", dir, file);
	}
	return config_load_optdefs(&reg, NULL, &err);
}

static int both_teardown(void **state)
{
	(void)state;
	if (target[0] == '/') {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		return system(cmd);
	}
	return 0;
}
