/* Status codes and user-facing error messages shared by every module. */
#ifndef SC_ERR_H
#define SC_ERR_H

#include <stddef.h>

enum sc_status {
	SC_OK = 0,
	SC_ERUNTIME = 1, /* I/O, store, anything the user cannot fix by retyping */
	SC_EUSAGE = 2,   /* bad argument or value: the message says what is valid */
	SC_ENOTFOUND = 3,
	SC_EEXIST = 4,
	SC_ECONFLICT = 5, /* the row changed since it was read */
	SC_EBUSY = 6,     /* the store stayed locked past the busy timeout */
};

struct sc_err {
	int status;
	char msg[768];
};

/* Fills err (if not NULL) and returns status, so callers can write
 * `return sc_fail(err, SC_EUSAGE, "...")`.  A message longer than msg (a
 * long path in it) loses bytes from its middle, marked "...", never its end,
 * where the reason is. */
int sc_fail(struct sc_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A size limit as people read it: "16 MiB", "4 KiB", "1000 bytes" (whole
 * units only, so the text is the exact limit).  buf has SC_SIZE_TEXT bytes. */
#define SC_SIZE_TEXT 32
const char *sc_size_text(size_t n, char *buf);

/* Process exit code for a status: 0, 1 (runtime) or 2 (usage). */
int sc_exit_code(int status);

/* A short list of messages, each tied to a form field (or -1). */
#define SC_MSGS_MAX 16
struct sc_msgs {
	int n;
	struct {
		int field;
		char text[256];
	} m[SC_MSGS_MAX];
};

void sc_msgs_add(struct sc_msgs *msgs, int field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Bounded copy that always terminates; returns 0, or -1 when truncated. */
int sc_strlcpy(char *dst, const char *src, size_t size);

/* Copies s for a terminal or a log: control characters (C0, DEL, C1) and
 * bytes that are not UTF-8 become \xNN, so text from outside (a $USER, a
 * file name) can never move the cursor, recolour or fake a line.  Cut to
 * fit with "..."; returns 0, or -1 when cut. */
int sc_escape(const char *s, char *out, size_t size);

#endif
