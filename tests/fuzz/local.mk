# SPDX-License-Identifier: ISC
# Fuzz targets, sanitizers and valgrind (issue 7); included at the end
# of Makefile.am. Each tests/fuzz/fuzz-NAME.c is one libFuzzer target
# with its corpus in tests/fuzz/corpus/NAME/. A normal build links the
# targets with replay.c, and make check replays every corpus (seeds and
# past crashes); ./configure CC=clang --enable-fuzzing links them with
# libFuzzer instead, and `make fuzz` runs each for FUZZ_TIME seconds.

fuzz_names = api req mp4 fountain csv edl config
fuzz_targets = \
	tests/fuzz/fuzz-api \
	tests/fuzz/fuzz-req \
	tests/fuzz/fuzz-mp4 \
	tests/fuzz/fuzz-fountain \
	tests/fuzz/fuzz-csv \
	tests/fuzz/fuzz-edl \
	tests/fuzz/fuzz-config
check_PROGRAMS += $(fuzz_targets)

if FUZZING
fuzz_driver =
fuzz_ldflags = $(AM_LDFLAGS) -fsanitize=fuzzer
FUZZ_ENGINE = libfuzzer
else
fuzz_driver = tests/fuzz/replay.c
fuzz_ldflags = $(AM_LDFLAGS)
FUZZ_ENGINE = replay
endif
fuzz_common = tests/fuzz/fuzz.h $(fuzz_driver)

tests_fuzz_fuzz_api_SOURCES = tests/fuzz/fuzz-api.c $(fuzz_common)
tests_fuzz_fuzz_api_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_req_SOURCES = tests/fuzz/fuzz-req.c $(fuzz_common)
tests_fuzz_fuzz_req_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_mp4_SOURCES = tests/fuzz/fuzz-mp4.c $(fuzz_common)
tests_fuzz_fuzz_mp4_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_fountain_SOURCES = tests/fuzz/fuzz-fountain.c \
	tests/fuzz/board.h $(fuzz_common)
tests_fuzz_fuzz_fountain_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_csv_SOURCES = tests/fuzz/fuzz-csv.c tests/fuzz/board.h \
	$(fuzz_common)
tests_fuzz_fuzz_csv_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_edl_SOURCES = tests/fuzz/fuzz-edl.c tests/fuzz/board.h \
	$(fuzz_common)
tests_fuzz_fuzz_edl_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz-config.c $(fuzz_common)
tests_fuzz_fuzz_config_LDFLAGS = $(fuzz_ldflags)

# Replay each corpus; a crash, a sanitizer report or a leak fails it.
fuzz_tests = tests/fuzz/replay.sh
cli_tests += $(fuzz_tests)

# Every sanitizer report ends the program with SIGABRT (never a
# warning that scrolls by), so each test that checks an exit status
# notices; leaks are checked at exit. Extra options may be given in
# ASAN_OPTIONS and UBSAN_OPTIONS. TAKEBOARD_WRAPPER (make valgrind)
# runs takeboard through a wrapper.
tb_asan = abort_on_error=1:halt_on_error=1:detect_leaks=1:exitcode=99
tb_ubsan = abort_on_error=1:halt_on_error=1:print_stacktrace=1
AM_TESTS_ENVIRONMENT += \
	ASAN_OPTIONS="$(tb_asan)$${ASAN_OPTIONS:+:$$ASAN_OPTIONS}"; \
	UBSAN_OPTIONS="$(tb_ubsan)$${UBSAN_OPTIONS:+:$$UBSAN_OPTIONS}"; \
	LSAN_OPTIONS="exitcode=99$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}"; \
	FUZZ_DIR='$(abs_top_builddir)/tests/fuzz'; \
	FUZZ_ENGINE='$(FUZZ_ENGINE)'; FUZZ_NAMES='$(fuzz_names)'; \
	export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS FUZZ_DIR FUZZ_ENGINE \
	    FUZZ_NAMES; \
	if [ -n "$${TAKEBOARD_WRAPPER:-}" ]; then \
	    TAKEBOARD_REAL=$$TAKEBOARD; TAKEBOARD=$$TAKEBOARD_WRAPPER; \
	    export TAKEBOARD_REAL TAKEBOARD; \
	fi;

# ------------------------------------------------------------ make fuzz
# Runs every target for FUZZ_TIME seconds (one at a time) and prints
# executions, coverage and crashes; FUZZ_TARGETS="csv edl" picks some.
# See contrib/fuzz.sh.
FUZZ_TIME = 60
fuzz:
	$(SHELL) $(top_srcdir)/contrib/fuzz.sh -t '$(FUZZ_TIME)' \
	    -b '$(abs_top_builddir)' $(FUZZ_TARGETS)
.PHONY: fuzz

# -------------------------------------------------------- make valgrind
# The CLI tests with takeboard run under valgrind memcheck and totals of
# errors and definite leaks (tests/valgrind/run.sh; the TUI tests are
# left out: too slow under valgrind; VALGRIND_TESTS="tests/cli/x.sh ..."
# runs some). Needs a build without sanitizers.
if SANITIZERS
SANITIZERS_ON = yes
else
SANITIZERS_ON = no
endif
VALGRIND_TESTS = $(cli_tests)
valgrind: all $(check_PROGRAMS)
	MAKE='$(MAKE)' $(SHELL) $(top_srcdir)/tests/valgrind/run.sh \
	    '$(abs_top_builddir)' '$(SANITIZERS_ON)' $(VALGRIND_TESTS)
.PHONY: valgrind

EXTRA_DIST += \
	contrib/fuzz.sh \
	tests/fuzz/README \
	tests/fuzz/corpus \
	tests/fuzz/api.dict \
	tests/fuzz/config.dict \
	tests/valgrind/run.sh \
	tests/valgrind/vg-takeboard.sh
