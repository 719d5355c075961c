# SPDX-License-Identifier: ISC
# Reliability tests (issue 7): several writers at once, a full disk and
# read-only folders, hostile text on every path; included by Makefile.am.
cli_tests += \
	tests/tui/concurrency.sh \
	tests/tui/notx.sh
cli_tests += \
	tests/cli/diskfull.sh \
	tests/cli/diskfull-gen.sh \
	tests/cli/hostile.sh \
	tests/tui/hostile.sh

# The full-disk shim is a plain shared object (libtool is not used), built
# for the tests only, without the sanitizer flags of the program.
check_DATA = tests/helpers/enospc.so
tests/helpers/enospc.so: $(top_srcdir)/tests/helpers/enospc.c
	$(AM_V_CC)$(MKDIR_P) tests/helpers && \
	$(CC) -shared -fPIC -O1 -g -o $@ \
	    $(top_srcdir)/tests/helpers/enospc.c -ldl
CLEANFILES = tests/helpers/enospc.so
EXTRA_DIST += tests/helpers/enospc.c tests/cli/hostile.py \
	tests/tui/hostile.py tests/data/hostile/strings.txt

# The full-size runs: 2x2000 and 4x2000 concurrent changes and 1000
# crash cycles (minutes, not seconds; not part of make check).
stress:
	TB_STRESS_FULL=1 TB_CRASH_CYCLES=1000 $(MAKE) $(AM_MAKEFLAGS) check \
	    TESTS='tests/tui/concurrency.sh tests/cli/crash.sh'
.PHONY: stress
