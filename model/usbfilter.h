/* usbredir filter rules as values (SPEC §4, §9): the rule list the site
 * option UsbFilter holds, read and written in the syntax libusbredirparser
 * reads, and the names of the USB device classes the rules match. */
#ifndef SC_USBFILTER_H
#define SC_USBFILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* One rule; -1 in class, vendor, product or version matches anything. */
struct sc_usbrule {
	int cls, vendor, product, version;
	bool allow;
};

enum sc_usbrule_col { SC_UR_CLASS, SC_UR_VENDOR, SC_UR_PRODUCT, SC_UR_VERSION, SC_UR_ALLOW,
		      SC_UR_COUNT };

/* More rules than a UsbFilter value can hold in its shortest spelling. */
#define SC_USBFILTER_MAX 128

/* The USB-IF device class codes with a name, in code order. */
struct sc_usb_class {
	int code;
	const char *name;
};
extern const struct sc_usb_class sc_usb_classes[];
extern const int sc_usb_nclasses;

/* "mass storage" for 0x08, "any class" for -1, NULL for a code without a name. */
const char *sc_usb_class_name(int code);

/* Reads "class,vendor,product,version,allow|..." (numbers as strtol with
 * base 0 reads them, -1 = any, allow 0 or 1).  With out NULL it only
 * checks; otherwise up to max rules go to out and their count to *n.  The
 * error names the rule and the part that is wrong. */
int sc_usbfilter_parse(const char *rules, struct sc_usbrule *out, int max, int *n,
		       struct sc_err *err);

/* The canonical spelling: hex numbers (0x08, 0x046d), -1 for any, joined
 * by '|'.  Returns 0, or -1 when it does not fit in size. */
int sc_usbfilter_format(const struct sc_usbrule *rules, int n, char *buf, size_t size);

/* One cell typed in the rule editor: "any" or -1, or a number in the
 * column's range (0x.. hex or decimal); the error names the column, the
 * text and what is valid. */
int sc_usbrule_cell(enum sc_usbrule_col col, const char *text, int *out, struct sc_err *err);

/* A cell as the editor shows it: "0x08 mass storage", "0x046d", "any". */
void sc_usbrule_cell_text(const struct sc_usbrule *r, enum sc_usbrule_col col, char *buf,
			  size_t size);

#endif
