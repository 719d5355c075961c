# SPDX-License-Identifier: ISC
# Reliability and security tests of generation: malformed provider
# answers, HTTP hardening and secret handling against a loopback mock
# (tests/stub/mockbad.py); included by Makefile.am.
src_libtakeboard_a_SOURCES += \
	src/util/secret.c src/util/secret.h

cli_tests += \
	tests/cli/gen-malformed.sh \
	tests/cli/gen-http.sh \
	tests/cli/secrets.sh \
	tests/cli/canary.sh

EXTRA_DIST += \
	tests/stub/mockbad.py
