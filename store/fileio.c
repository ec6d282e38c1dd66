#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
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

/* Writes to a descriptor spicecfg inherited ("-" is standard output). */
static int to_fd(int fd, const char *name, const void *data, size_t len, struct sc_err *err)
{
	/* The caller may have printed through stdio before. */
	if (fd == STDOUT_FILENO)
		fflush(stdout);
	else if (fd == STDERR_FILENO)
		fflush(stderr);
	if (fcntl(fd, F_GETFD) < 0)
		return sc_fail(err, SC_ERUNTIME, "%s: descriptor %d is not open", name, fd);
	if (write_all(fd, data, len) < 0)
		return sc_fail(err, SC_ERUNTIME, "cannot write to %s: %s",
			       fd == STDOUT_FILENO ? "standard output" : name, strerror(errno));
	return SC_OK;
}

/* The descriptor a name stands for: "-", /dev/stdout, /dev/stderr,
 * /dev/fd/N and /proc/self/fd/N are written through the descriptor itself,
 * so a pipe, a terminal or a file opened for appending behaves as the
 * shell set it up; -1 for any other name. */
static int named_fd(const char *path)
{
	if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	const char *n = NULL;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	if (!n || *n < '0' || *n > '9' || strlen(n) > 9 || strspn(n, "0123456789") != strlen(n))
		return -1;
	return atoi(n);
}

static mode_t default_mode(void)
{
	mode_t um = umask(0);
	umask(um);
	return 0666 & ~um;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd); /* best effort: the rename is already visible */
		close(fd);
	}
}

/* path names a regular file or nothing: a temp file in the same directory
 * (so the rename stays on one file system), fsync, rename.  name is what
 * the user gave, for messages. */
static int replace_atomic(const char *name, const char *path, const void *data, size_t len,
			  int mode, struct sc_err *err)
{
	char *dcopy = strdup(path), *bcopy = strdup(path), *tmp = NULL;
	int rc = SC_OK;
	if (!dcopy || !bcopy)
		goto oom;
	const char *dir = dirname(dcopy), *base = basename(bcopy);
	size_t n = strlen(dir) + strlen(base) + 16;
	if (!(tmp = malloc(n)))
		goto oom;
	snprintf(tmp, n, "%s/.%s.XXXXXX", dir, base);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = sc_fail(err, SC_ERUNTIME, "%s: cannot create a file in %s: %s", name, dir,
			     strerror(errno));
		goto out;
	}
	mode_t m = mode < 0 ? default_mode() : (mode_t)mode;
	struct stat st;
	if (fchmod(fd, m) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		rc = sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", name, strerror(e));
		goto out;
	}
	if (close(fd) < 0) {
		int e = errno;
		unlink(tmp);
		rc = sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", name, strerror(e));
		goto out;
	}
	/* Something other than a file put there meanwhile is never replaced. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		unlink(tmp);
		rc = sc_fail(err, SC_ERUNTIME,
			     "%s: changed into something other than a file while writing; "
			     "nothing written",
			     name);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		rc = sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", name, strerror(e));
		goto out;
	}
	sync_dir(dir);
	goto out;
oom:
	rc = sc_fail(err, SC_ERUNTIME, "%s: out of memory", name);
out:
	free(dcopy);
	free(bcopy);
	free(tmp);
	return rc;
}

/* A device or a FIFO: opened without creating or truncating anything, and
 * without blocking, so a FIFO that nobody reads is an error, not a hang. */
static int write_in_place(const char *path, const void *data, size_t len, struct sc_err *err)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		struct stat st;
		if (e == ENXIO && stat(path, &st) == 0 && S_ISFIFO(st.st_mode))
			return sc_fail(err, SC_ERUNTIME,
				       "%s: a FIFO that no process is reading; start the reader "
				       "first, nothing written",
				       path);
		return sc_fail(err, SC_ERUNTIME, "%s: cannot open: %s", path, strerror(e));
	}
	struct stat st;
	int rc = SC_OK;
	if (fstat(fd, &st) < 0)
		rc = sc_fail(err, SC_ERUNTIME, "%s: %s", path, strerror(errno));
	else if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode))
		rc = sc_fail(err, SC_EUSAGE,
			     "%s: a file of the kernel, not written; give a regular file, a "
			     "character device or a FIFO",
			     path);
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0 ||
		 write_all(fd, data, len) < 0)
		rc = sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", path, strerror(errno));
	if (close(fd) < 0 && !rc)
		rc = sc_fail(err, SC_ERUNTIME, "%s: cannot write: %s", path, strerror(errno));
	return rc;
}

static const char *type_name(mode_t m)
{
	return S_ISBLK(m)    ? "a block device"
	       : S_ISSOCK(m) ? "a socket"
	       : S_ISDIR(m)  ? "a directory"
			     : "not a file";
}

/* A symbolic link to a regular file: the file it names is replaced, the link
 * stays.  Links into /proc (a process's descriptors) are written in place. */
static int write_link_target(const char *path, const void *data, size_t len, int mode,
			     struct sc_err *err)
{
	char *real = realpath(path, NULL);
	if (!real)
		return sc_fail(err, SC_ERUNTIME, "%s: cannot resolve the link: %s", path,
			       strerror(errno));
	int rc = strncmp(real, "/proc/", 6) == 0 ? write_in_place(path, data, len, err)
						 : replace_atomic(path, real, data, len, mode, err);
	free(real);
	return rc;
}

int fileio_write_flags(const char *path, const void *data, size_t len, int mode, int flags,
		       struct sc_err *err)
{
	int fd = named_fd(path);
	if (fd >= 0)
		return to_fd(fd, path, data, len, err);
	if (!*path)
		return sc_fail(err, SC_EUSAGE, "empty output path; give a file name");
	struct stat lst, st;
	if (lstat(path, &lst) < 0) {
		if (errno != ENOENT)
			return sc_fail(err, SC_ERUNTIME, "%s: %s", path, strerror(errno));
		return replace_atomic(path, path, data, len, mode, err);
	}
	bool link = S_ISLNK(lst.st_mode);
	if (link && (flags & FILEIO_NOFOLLOW))
		return sc_fail(err, SC_EUSAGE,
			       "%s: a symbolic link, not written through; remove it or give "
			       "another name",
			       path);
	if (!link)
		st = lst;
	else if (stat(path, &st) < 0)
		return sc_fail(err, SC_EUSAGE,
			       errno == ENOENT ? "%s: a symbolic link to a missing file; give "
						 "the file itself or remove the link"
					       : "%s: a symbolic link that cannot be followed: %s",
			       path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return sc_fail(err, SC_EUSAGE, "%s: is a directory; give a file name", path);
	if (S_ISREG(st.st_mode))
		return link ? write_link_target(path, data, len, mode, err)
			    : replace_atomic(path, path, data, len, mode, err);
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return write_in_place(path, data, len, err);
	return sc_fail(err, SC_EUSAGE,
		       "%s: is %s, not written; give a regular file, a character device "
		       "or a FIFO",
		       path, type_name(st.st_mode));
}

int fileio_write(const char *path, const void *data, size_t len, int mode, struct sc_err *err)
{
	return fileio_write_flags(path, data, len, mode, 0, err);
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
		char lim[SC_SIZE_TEXT];
		free(buf);
		return sc_fail(err, SC_EUSAGE, "%s: more than %s; larger input is refused", name,
			       sc_size_text(max, lim));
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return SC_OK;
}

static const char *read_type_name(mode_t m)
{
	return S_ISFIFO(m)  ? "a FIFO"
	       : S_ISCHR(m) ? "a character device"
			    : type_name(m);
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
	char lim[SC_SIZE_TEXT];
	int rc = SC_OK;
	if (fstat(fd, &st) < 0)
		rc = sc_fail(err, SC_ERUNTIME, "%s: %s", path, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = sc_fail(err, SC_EUSAGE, "%s: is a directory", path);
	else if (!S_ISREG(st.st_mode))
		rc = sc_fail(err, SC_EUSAGE,
			     "%s: is %s, not read; give a regular file (or - for standard input)",
			     path, read_type_name(st.st_mode));
	else if ((size_t)st.st_size > max)
		rc = sc_fail(err, SC_EUSAGE, "%s: file is %lld bytes; files over %s are refused",
			     path, (long long)st.st_size, sc_size_text(max, lim));
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
