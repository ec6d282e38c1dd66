# spicecfg — see README.md.  `make` builds ./spicecfg; `make test` installs
# the test dependencies, builds under ASan+UBSan and runs every test.

VERSION  := 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/spicecfg
MANDIR    = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/vendor-completions

CC       ?= cc
PKGS      = ncursesw libconfig libxml-2.0 sqlite3 libpq
BUILD    ?= build/rel
OPT      ?= -O2 -g
SAN      ?=
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq is loaded only when a PostgreSQL store is opened (store/libpq_load.c)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libpq,$(PKGS)) 2>/dev/null)

CPPFLAGS += -D_GNU_SOURCE -DSPICECFG_VERSION=\"$(VERSION)\" \
	    -DSPICECFG_DATADIR=\"$(DATADIR)\" -I.
CFLAGS   += -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers \
	    $(OPT) $(SAN) $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lm
# libvirt's remote calls run through the sanitizer runtime's XDR
# interceptors, which find the real functions only in a library mapped when
# the runtime starts (glibc no longer has them, libtirpc does): the
# sanitizer build maps libtirpc from the start.
ifneq ($(SAN),)
LDLIBS   += -Wl,--push-state,--no-as-needed $(shell pkg-config --libs libtirpc 2>/dev/null) -Wl,--pop-state
endif

# One static library per layer, linked from the top down; `make check-layers`
# proves that no layer reaches one it may not use (see STYLE.md).
LAYERS    := model store hosts tui cli
model_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard model/*.c)))
store_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard store/*.c))) $(BUILD)/gen/optdefs_blob.o
hosts_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard hosts/*.c)))
tui_OBJ   := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard tui/*.c))) $(BUILD)/gen/help_blob.o
cli_OBJ   := $(patsubst %.c,$(BUILD)/%.o,$(sort $(filter-out cli/main.c,$(wildcard cli/*.c))))
LIB_OBJ   := $(foreach l,$(LAYERS),$($(l)_OBJ))
# top layer first, so that each library finds what it uses in those after it
LIBS      := $(foreach l,cli tui hosts store model,$(BUILD)/lib$(l).a)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_SRC := $(wildcard tests/helpers/*.c)
HELPER_BIN := $(HELPER_SRC:tests/helpers/%.c=$(BUILD)/tests/%)
DEPS     := $(LIB_OBJ:.o=.d) $(BUILD)/cli/main.d

# Objects reached only through a library's pattern rule are intermediate to
# make; keep them, so that a rebuild compiles only what changed.
.SECONDARY:
.SECONDEXPANSION:
.PHONY: all run test check check-layers test-slow deps deps-test install uninstall clean format fuzz bench deb mutate

all: spicecfg

spicecfg: $(BUILD)/spicecfg
	cp $< $@

$(BUILD)/spicecfg: $(BUILD)/cli/main.o $(LIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/lib%.a: $$(%_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The shipped option definitions, also built in as a fallback.
$(BUILD)/gen/optdefs_blob.c: data/options.conf
	@mkdir -p $(dir $@)
	{ echo '/* generated from data/options.conf */'; \
	  echo 'const char spicecfg_optdefs_blob[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' $<; \
	  echo ';'; } > $@

$(BUILD)/gen/optdefs_blob.o: $(BUILD)/gen/optdefs_blob.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The help texts (help/topics/NAME.txt: a title line, then the text), built
# in so that F1 works wherever the binary is copied.
HELP_TXT := $(sort $(wildcard help/topics/*.txt))
$(BUILD)/gen/help_blob.c: $(HELP_TXT) tui/helpdb.h
	@mkdir -p $(dir $@)
	{ echo '/* generated from help/topics */'; \
	  echo '#include "tui/helpdb.h"'; \
	  echo 'const struct tui_help_topic tui_help_topics[] = {'; \
	  for f in $(HELP_TXT); do \
	    printf '{"%s",\n' "$$(basename $$f .txt)"; \
	    sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' $$f; \
	    echo '},'; \
	  done; \
	  echo '{0, 0}};'; } > $@

$(BUILD)/gen/help_blob.o: $(BUILD)/gen/help_blob.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: tests/unit/test_%.c $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs cmocka)

# Small C programs the shell tests use (pty driver, real-consumer checks);
# one with a line "// links: libspicecfg" also gets spicecfg's own libraries.
$(BUILD)/tests/%: tests/helpers/%.c $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(shell sed -n 's,^// pkg-config: ,,p' $< | xargs -r pkg-config --cflags) \
	  -o $@ $< $(if $(shell grep -l '^// links: libspicecfg' $<),$(LIBS) $(LDLIBS)) \
	  $(shell sed -n 's,^// pkg-config: ,,p' $< | xargs -r pkg-config --libs) -lutil

-include $(DEPS)

deps:
	@tools/deps.sh run

deps-test:
	@tools/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	./spicecfg --db demo.db demo
	./spicecfg --db demo.db

SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Everything a test needs, built under the sanitizers; then the layer check.
check:
	@$(MAKE) --no-print-directory BUILD=build/san OPT="-O1 -g" SAN="$(SANFLAGS)" \
	  build/san/spicecfg $(UNIT_BIN:$(BUILD)/%=build/san/%) $(HELPER_BIN:$(BUILD)/%=build/san/%)
	@$(MAKE) --no-print-directory BUILD=build/san OPT="-O1 -g" SAN="$(SANFLAGS)" check-layers

check-layers: $(LIBS)
	@tools/check-layers.sh . $(BUILD)

test: deps-test
	@$(MAKE) --no-print-directory all check
	@tests/run.sh build/san

test-slow: deps-test
	@$(MAKE) --no-print-directory all check
	@SPICECFG_SLOW=1 tests/run.sh build/san

fuzz: deps-test
	@tests/fuzz/run.sh build/fuzz $${FUZZ_SECONDS:-60}

# Mutation run over model/ (not part of `make test`; see tests/MUTATION.md).
# MUTATE_ARGS="--sample 200" or "--file ovf.c --limit 20" narrow it.
mutate:
	@tests/mutate $(MUTATE_ARGS)

bench: deps-test
	@$(MAKE) --no-print-directory all
	@tests/bench/run

install: $(BUILD)/spicecfg
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 0755 $(BUILD)/spicecfg $(DESTDIR)$(BINDIR)/spicecfg
	install -m 0644 data/options.conf $(DESTDIR)$(DATADIR)/options.conf
	install -m 0644 help/spicecfg.1 $(DESTDIR)$(MANDIR)/man1/spicecfg.1
	install -m 0644 help/spicecfg.conf.5 $(DESTDIR)$(MANDIR)/man5/spicecfg.conf.5
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0644 data/completion/spicecfg.bash $(DESTDIR)$(BASHCOMPDIR)/spicecfg
	install -m 0644 data/completion/_spicecfg $(DESTDIR)$(ZSHCOMPDIR)/_spicecfg

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/spicecfg $(DESTDIR)$(DATADIR)/options.conf \
	  $(DESTDIR)$(MANDIR)/man1/spicecfg.1 $(DESTDIR)$(MANDIR)/man5/spicecfg.conf.5 \
	  $(DESTDIR)$(BASHCOMPDIR)/spicecfg $(DESTDIR)$(ZSHCOMPDIR)/_spicecfg
	-rmdir $(DESTDIR)$(DATADIR)/help $(DESTDIR)$(DATADIR) 2>/dev/null

# The Debian package (debian/), built as dpkg-buildpackage does: the .deb
# and its .buildinfo and .changes are written to the parent directory.
deb:
	dpkg-buildpackage -us -uc -b -j2

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build spicecfg
