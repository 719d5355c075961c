# SPDX-License-Identifier: ISC
# Reliability tests (issue 7): several writers at once, a full disk and
# read-only folders, hostile text on every path; included by Makefile.am.
cli_tests += \
	tests/tui/concurrency.sh
