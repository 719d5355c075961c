#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Run takeboard ($TAKEBOARD_REAL) under valgrind memcheck for make
# valgrind: one log per process in $VG_LOG_DIR, and exit status 99 on a
# memory error or a definite leak, so that the test notices.

: "${TAKEBOARD_REAL:?run through make valgrind}"
: "${VG_LOG_DIR:?run through make valgrind}"
exec valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --log-file="$VG_LOG_DIR/vg.%p.log" "$TAKEBOARD_REAL" "$@"
