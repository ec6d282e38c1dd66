/* Files of an import directory are opened relative to the open directory,
 * without following a link at open time: a file swapped for a link to a
 * file outside, or for a FIFO, after the directory was listed is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/fileio.h"

static char top[] = "/tmp/spicecfg-open-XXXXXX";
static char dir[300], outside[300], real[4096];
static int dfd = -1;

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int read_in_dir(const char *name, char **buf, struct sc_err *e)
{
	size_t len;
	char path[400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return fileio_read_at(dfd, real, name, path, 1 << 20, buf, &len, e);
}

static void swap_after_listing(void **state)
{
	(void)state;
	char p[400], *buf = NULL;
	struct sc_err e = {0};
	snprintf(p, sizeof p, "%s/a.ovf", dir);
	put(p, "<inside/>");

	/* as listed: a regular file inside */
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_OK);
	assert_string_equal(buf, "<inside/>");
	free(buf);

	/* swapped for a link leading out: refused, the outside file unread */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink(outside, p), 0);
	buf = NULL;
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_EUSAGE);
	assert_null(buf);
	assert_non_null(strstr(e.msg, "a.ovf: refused: a symbolic link leading out of its directory"));

	/* a relative link that climbs out: the same */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("../outside.ovf", p), 0);
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "leading out"));

	/* a link to a file inside the directory is still taken */
	char q[400];
	snprintf(q, sizeof q, "%s/b.ovf", dir);
	put(q, "<b/>");
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("b.ovf", p), 0);
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_OK);
	assert_string_equal(buf, "<b/>");
	free(buf);

	/* swapped for a FIFO: refused at once, never a hang */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "not a regular file"));

	/* a link to a FIFO inside: not a regular file either */
	assert_int_equal(rename(p, q), 0);
	assert_int_equal(symlink("b.ovf", p), 0);
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "not a regular file"));

	/* swapped for a directory, or gone */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_EUSAGE);
	assert_int_equal(rmdir(p), 0);
	assert_int_equal(read_in_dir("a.ovf", &buf, &e), SC_ENOTFOUND);
	unlink(q);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(top))
		return -1;
	snprintf(dir, sizeof dir, "%s/dir", top);
	snprintf(outside, sizeof outside, "%s/outside.ovf", top);
	if (mkdir(dir, 0700))
		return -1;
	put(outside, "<secret/>");
	struct sc_err e;
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	return dfd < 0 || fileio_dir_real(dfd, dir, real, sizeof real, &e);
}

static int teardown(void **state)
{
	(void)state;
	close(dfd);
	unlink(outside);
	rmdir(dir);
	rmdir(top);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(swap_after_listing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
