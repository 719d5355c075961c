# SPDX-License-Identifier: ISC
# The producer's report (report/ layer and its command); included by
# Makefile.am.
src_libtakeboard_a_SOURCES += \
	src/db/db-report.c src/db/db-report.h \
	src/report/report.c src/report/report.h \
	src/report/report-doc.c src/report/report-doc.h \
	src/report/report-text.c src/report/report-text.h \
	src/report/report-md.c src/report/report-md.h \
	src/report/report-csv.c src/report/report-csv.h \
	src/report/report-json.c src/report/report-json.h \
	src/report/report-svg.c src/report/report-svg.h \
	src/report/report-html.c src/report/report-html.h \
	src/cli/cli-report.c src/cli/cli-report.h

unit_tests += tests/unit/test-report
tests_unit_test_report_SOURCES = tests/unit/test-report.c tests/unit/tap.h

cli_tests += \
	tests/cli/report.sh \
	tests/cli/report-sql.sh \
	tests/cli/report-html.sh \
	tests/cli/report-chromium.sh \
	tests/cli/report-escape.sh

EXTRA_DIST += \
	tests/cli/report-lib.sh \
	tests/data/report/report.txt \
	tests/data/report/report.md \
	tests/data/report/report.csv \
	tests/data/report/report.json \
	tests/data/report/report.html \
	tests/data/report/report-period.txt \
	tests/data/report/report-filter.md \
	tests/data/report/report-scenes.csv \
	tests/data/report/report-empty.txt \
	tests/data/report/report-empty.json
