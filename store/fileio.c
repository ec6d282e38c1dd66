#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int to_stdout(const void *data, size_t len, struct sc_err *err)
{
	/* The caller may have printed through stdio before. */
	if (fflush(stdout) != 0 || write_all(STDOUT_FILENO, data, len) < 0)
		return sc_fail(err, SC_ERUNTIME, "cannot write to standard output: %s",
			       strerror(errno));
	return SC_OK;
}

static mode_t default_mode(void)
{
	mode_t um = umask(0);
	umask(um);
	return 0666 & ~um;
}

/* The directory of path, so that the temp file and the rename stay on one
 * file system. */
static void dir_of(const char *path, char *dir, size_t n)
{
	char copy[4096];
	snprintf(copy, sizeof copy, "%s", path);
	snprintf(dir, n, "%s", dirname(copy));
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd); /* best effort: the rename is already visible */
		close(fd);
	}
}

int fileio_write(const char *path, const void *data, size_t len, int mode, struct sc_err *err)
{
	char dir[4096], tmp[4200];
	if (strcmp(path, "-") == 0)
		return to_stdout(data, len, err);
	if (!*path || strlen(path) >= sizeof dir)
		return sc_fail(err, SC_EUSAGE, "invalid output path '%s'", path);
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return sc_fail(err, SC_EUSAGE, "%s: is a directory; give a file name", path);
	dir_of(path, dir, sizeof dir);
	char copy[4096];
	snprintf(copy, sizeof copy, "%s", path);
	snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, basename(copy));
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return sc_fail(err, SC_ERUNTIME, "%s: cannot create a file in %s: %s", path, dir,
			       strerror(errno));
	mode_t m = mode < 0 ? default_mode() : (mode_t)mode;
	if (fchmod(fd, m) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", path, strerror(e));
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", path, strerror(e));
	}
	sync_dir(dir);
	return SC_OK;
}

static int read_fd(int fd, const char *name, size_t max, char **out, size_t *len,
		   struct sc_err *err)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		if (n == cap) {
			if (cap > max)
				break;
			char *p = realloc(buf, cap * 2 + 1);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			return sc_fail(err, SC_ERUNTIME, "%s: cannot read: %s", name, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max)
			break;
	}
	if (!buf)
		return sc_fail(err, SC_ERUNTIME, "%s: out of memory", name);
	if (n > max) {
		free(buf);
		return sc_fail(err, SC_EUSAGE, "%s: more than %zu bytes; files over %zu MiB are refused",
			       name, max, max >> 20);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return SC_OK;
}

int fileio_read(const char *path, size_t max, char **out, size_t *len, struct sc_err *err)
{
	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, "standard input", max, out, len, err);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return sc_fail(err, errno == ENOENT ? SC_ENOTFOUND : SC_ERUNTIME,
			       "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	int rc = SC_OK;
	if (fstat(fd, &st) < 0)
		rc = sc_fail(err, SC_ERUNTIME, "%s: %s", path, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = sc_fail(err, SC_EUSAGE, "%s: is a directory", path);
	else if (!S_ISREG(st.st_mode))
		rc = sc_fail(err, SC_EUSAGE, "%s: not a regular file", path);
	else if ((size_t)st.st_size > max)
		rc = sc_fail(err, SC_EUSAGE,
			     "%s: file is %lld bytes; files over %zu MiB are refused", path,
			     (long long)st.st_size, max >> 20);
	if (!rc) {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		rc = read_fd(fd, path, max, out, len, err);
	}
	close(fd);
	return rc;
}

/* The real path of an open file, as the kernel knows it (Linux /proc). */
static int fd_path(int fd, char *buf, size_t size)
{
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, size - 1);
	if (n < 0 || (size_t)n >= size - 1)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* A symbolic link in the directory: opened without side effects (O_PATH),
 * checked where it leads once open, and only then opened for reading
 * through the open file itself, so nothing can be swapped in between. */
static int open_link_inside(int dirfd, const char *dir_real, const char *name,
			    const char *path, struct sc_err *err)
{
	char real[4096], self[64];
	struct stat a, b;
	size_t rl = strlen(dir_real);
	int pfd = openat(dirfd, name, O_PATH | O_CLOEXEC);
	if (pfd < 0)
		return sc_fail(err, errno == ENOENT ? SC_ENOTFOUND : SC_ERUNTIME,
			       "%s: cannot open: %s", path, strerror(errno)), -1;
	if (fd_path(pfd, real, sizeof real) || strncmp(real, dir_real, rl) ||
	    (real[rl] != '/' && !(rl == 1 && dir_real[0] == '/'))) {
		close(pfd);
		return sc_fail(err, SC_EUSAGE, "%s: refused: a symbolic link leading out of its "
			       "directory", path), -1;
	}
	if (fstat(pfd, &a) < 0 || !S_ISREG(a.st_mode)) {
		close(pfd);
		return sc_fail(err, SC_EUSAGE, "%s: not a regular file", path), -1;
	}
	snprintf(self, sizeof self, "/proc/self/fd/%d", pfd);
	int fd = open(self, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	close(pfd);
	if (fd >= 0 && (fstat(fd, &b) < 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino)) {
		close(fd);
		fd = -1;
		errno = ESTALE;
	}
	if (fd < 0)
		sc_fail(err, SC_ERUNTIME, "%s: cannot open: %s", path, strerror(errno));
	return fd;
}

int fileio_read_at(int dirfd, const char *dir_real, const char *name, const char *path,
		   size_t max, char **out, size_t *len, struct sc_err *err)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0 && errno == ELOOP) {
		if ((fd = open_link_inside(dirfd, dir_real, name, path, err)) < 0)
			return err->status;
	} else if (fd < 0) {
		return sc_fail(err, errno == ENOENT ? SC_ENOTFOUND : SC_ERUNTIME,
			       "%s: cannot open: %s", path, strerror(errno));
	}
	struct stat st;
	int rc = SC_OK;
	if (fstat(fd, &st) < 0)
		rc = sc_fail(err, SC_ERUNTIME, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		rc = sc_fail(err, SC_EUSAGE, "%s: not a regular file", path);
	else if ((size_t)st.st_size > max)
		rc = sc_fail(err, SC_EUSAGE,
			     "%s: file is %lld bytes; files over %zu MiB are refused", path,
			     (long long)st.st_size, max >> 20);
	if (!rc) {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		rc = read_fd(fd, path, max, out, len, err);
	}
	close(fd);
	return rc;
}

int fileio_dir_real(int dirfd, const char *path, char *real, size_t size, struct sc_err *err)
{
	if (fd_path(dirfd, real, size) == 0)
		return SC_OK;
	return sc_fail(err, SC_ERUNTIME, "%s: cannot tell where the directory is (is /proc "
		       "mounted?)", path);
}
