#!/bin/sh
# SPDX-License-Identifier: ISC
# Run an automake test driver but keep `make check` quiet: passing
# results are not echoed (they are still recorded in the .log and .trs
# files and counted in the summary); failures, skips and errors are.
"$@" | grep -v -E '^(.\[[0-9;]*m)?PASS(.\[m)?: '
exit 0
