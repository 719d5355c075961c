# SPDX-License-Identifier: ISC
# The full-screen interface (tui/ layer); included by Makefile.am.
src_libtakeboard_a_SOURCES += \
	src/tui/tui-curses.h \
	src/tui/tui-keys.c src/tui/tui-keys.h \
	src/tui/tui-line.c src/tui/tui-line.h \
	src/tui/tui-draw.c src/tui/tui-draw.h \
	src/tui/tui-input.c src/tui/tui-input.h \
	src/tui/tui-edit.c src/tui/tui-edit.h \
	src/tui/tui-board.c src/tui/tui-board.h \
	src/tui/tui-shot.c src/tui/tui-shot.h \
	src/tui/tui-review.c src/tui/tui-review.h \
	src/tui/tui-stats.c src/tui/tui-stats.h \
	src/tui/tui-gen.c src/tui/tui-gen.h \
	src/tui/tui-queue.c src/tui/tui-queue.h \
	src/tui/tui-help.c src/tui/tui-help.h \
	src/tui/tui.c src/tui/tui.h

unit_tests += tests/unit/test-tui
tests_unit_test_tui_SOURCES = tests/unit/test-tui.c tests/unit/tap.h
cli_tests += \
	tests/tui/board.sh \
	tests/tui/shot.sh \
	tests/tui/review.sh \
	tests/tui/play.sh \
	tests/tui/edit.sh \
	tests/tui/resize.sh \
	tests/tui/shared.sh \
	tests/tui/terminal.sh \
	tests/tui/queue.sh \
	tests/tui/crash.sh
EXTRA_DIST += tests/tui/lib.sh
