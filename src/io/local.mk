# SPDX-License-Identifier: ISC
# Interchange: Fountain, CSV, EDL, OTIO and FCPXML (io/ layer and the
# import/export commands); included by Makefile.am.
src_libtakeboard_a_SOURCES += \
	src/io/io-text.c src/io/io-text.h \
	src/io/io-plan.c src/io/io-plan.h \
	src/io/io-timecode.c src/io/io-timecode.h \
	src/io/io-csv.c src/io/io-csv.h \
	src/io/io-fountain.c src/io/io-fountain.h \
	src/io/io-cut.c src/io/io-cut.h \
	src/io/io-edl.c src/io/io-edl.h \
	src/io/io-otio.c src/io/io-otio.h \
	src/io/io-fcpxml.c src/io/io-fcpxml.h \
	src/db/db-io.c src/db/db-io.h \
	src/cli/cli-io.c src/cli/cli-io.h

unit_tests += \
	tests/unit/test-io-timecode \
	tests/unit/test-io-csv \
	tests/unit/test-io-fountain \
	tests/unit/test-io-cut \
	tests/unit/test-io-edl \
	tests/unit/test-io-otio \
	tests/unit/test-io-fcpxml
tests_unit_test_io_timecode_SOURCES = tests/unit/test-io-timecode.c \
	tests/unit/tap.h
tests_unit_test_io_csv_SOURCES = tests/unit/test-io-csv.c tests/unit/tap.h
tests_unit_test_io_fountain_SOURCES = tests/unit/test-io-fountain.c \
	tests/unit/tap.h
tests_unit_test_io_cut_SOURCES = tests/unit/test-io-cut.c \
	tests/unit/io-fixture.h tests/unit/tap.h
tests_unit_test_io_edl_SOURCES = tests/unit/test-io-edl.c \
	tests/unit/io-fixture.h tests/unit/tap.h
tests_unit_test_io_otio_SOURCES = tests/unit/test-io-otio.c \
	tests/unit/io-fixture.h tests/unit/tap.h
tests_unit_test_io_fcpxml_SOURCES = tests/unit/test-io-fcpxml.c \
	tests/unit/io-fixture.h tests/unit/tap.h

cli_tests += \
	tests/cli/io-fountain.sh \
	tests/cli/io-csv.sh \
	tests/cli/io-cut.sh \
	tests/cli/io-garbage.sh

EXTRA_DIST += \
	tests/cli/io-lib.sh \
	tests/cli/io-check.py \
	tests/data/io/syntax.fountain \
	tests/data/io/shots.csv \
	tests/data/io/takes.csv \
	tests/data/io/cut.edl \
	tests/data/io/cut-2997.edl \
	tests/data/io/cut.otio \
	tests/data/io/cut.fcpxml
