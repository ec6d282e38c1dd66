/* Files in and out: whole-file reads with a size limit, and atomic writes
 * (a temp file in the same directory, fsync, rename), so an export that
 * fails leaves either the old file or nothing, never half a file. */
#ifndef SC_FILEIO_H
#define SC_FILEIO_H

#include <stddef.h>

#include "../model/err.h"

/* mode for fileio_write(): the usual 0666 less the umask. */
#define FILEIO_MODE_DEFAULT (-1)

/* flags for fileio_write_flags() */
#define FILEIO_NOFOLLOW 1 /* refuse a path that is a symbolic link */

/* Writes data to path with the given permission bits (exactly, whatever the
 * umask, e.g. 0600 for files holding a password) or FILEIO_MODE_DEFAULT.
 * What is already at path decides how:
 *   missing or a regular file   atomic replace: a temp file in the same
 *                               directory, fsync, rename (mode applies)
 *   "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N
 *                               the descriptor spicecfg inherited
 *   a character device, a FIFO  written in place, never replaced; a FIFO
 *                               that no process reads is an error at once
 *   a block device, a socket, a directory, a dangling link, a kernel
 *   file under /proc            refused
 *   a symbolic link             what it points to, as above: the link stays
 *                               (FILEIO_NOFOLLOW: refused)
 * Errors name the path and the cause. */
int fileio_write(const char *path, const void *data, size_t len, int mode, struct sc_err *err);
int fileio_write_flags(const char *path, const void *data, size_t len, int mode, int flags,
		       struct sc_err *err);

/* Reads all of path ("-" = standard input) into a malloc'd buffer with a
 * NUL after the last byte.  Only regular files are read: a FIFO, a device
 * or a socket is refused at once (the open never blocks).  Files over max
 * bytes are refused (SC_EUSAGE) without reading them; a missing file is
 * SC_ENOTFOUND. */
int fileio_read(const char *path, size_t max, char **out, size_t *len, struct sc_err *err);

/* Reads the file name of the open directory dirfd (real path dir_real;
 * path names it in messages) without following a link at open time: the
 * opened file must be a regular file, and a symbolic link is taken only if
 * the file it leads to, once opened, lies inside dir_real.  A file swapped
 * for a link or anything else after the directory was listed is refused. */
int fileio_read_at(int dirfd, const char *dir_real, const char *name, const char *path,
		   size_t max, char **out, size_t *len, struct sc_err *err);
/* The real path of the open directory dirfd, for fileio_read_at(). */
int fileio_dir_real(int dirfd, const char *path, char *real, size_t size, struct sc_err *err);

#endif
