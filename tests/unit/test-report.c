/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for src/report/ and src/db/db-report.c: format names and
 * dates, the escaping of each format, bars, sparklines and wrapping,
 * a report gathered from a production written here with SQL (burn-down,
 * weeks, the previous period, agreement with db_stats), an empty
 * production, and a large one (100 000 takes) that must take time in
 * proportion to its size, not its square.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "db/db.h"
#include "db/db-report.h"
#include "db/db-stats.h"
#include "report/report.h"
#include "report/report-csv.h"
#include "report/report-doc.h"
#include "report/report-json.h"
#include "report/report-md.h"
#include "report/report-svg.h"
#include "report/report-text.h"
#include "tap.h"

static char	 dir[] = "/tmp/tb-report-XXXXXX";

static char *
path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* The processor time used so far: unlike the wall clock, it does not
 * count the time other processes on a busy machine take. */
static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run SQL on the database file directly; fatal on error. */
static void
sql(const char *file, const char *q)
{
	sqlite3	*h;
	char	*err = NULL;

	if (sqlite3_open(file, &h) != SQLITE_OK ||
	    sqlite3_exec(h, q, NULL, NULL, &err) != SQLITE_OK)
		fatal("sql: %s: %s", q, err != NULL ? err : "open");
	sqlite3_close(h);
}

static struct db *
create(const char *name)
{
	struct db	*db;
	char		*p, *cause;

	p = path(name);
	if (db_open(p, DB_OPEN_CREATE, &db, &cause) != 0)
		fatal("%s", cause);
	db_close(db);
	sql(p, "INSERT INTO production (id, title, currency, created) VALUES "
	    "(1, 'Test', 'EUR', '2026-10-01T00:00:00Z')");
	if (db_open(p, 0, &db, &cause) != 0)
		fatal("%s", cause);
	free(p);
	return db;
}

static char *
render(const struct report *r, enum report_format f, const char *table)
{
	struct report_out	 out;
	struct buf		 b;
	char			*cause = NULL;

	memset(&out, 0, sizeof out);
	out.format = f;
	out.table = table;
	buf_init(&b);
	if (report_render(r, &out, &b, &cause) != 0) {
		buf_fini(&b);
		free(cause);
		return NULL;
	}
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static void
test_names(void)
{
	enum report_format	 f = REPORT_TXT;
	char			*cause = NULL;
	long long		 d = 0, day;
	char			 s[64], back[11];
	struct tm		 tm;
	time_t			 t;
	int			 bad;

	ok(report_format_parse("HTML", &f, NULL) == 0 && f == REPORT_HTML,
	    "format names are case-insensitive");
	ok(report_format_parse("markdown", &f, NULL) == 0 && f == REPORT_MD,
	    "markdown is md");
	ok(report_format_parse("pdf", &f, &cause) == -1 && cause != NULL &&
	    strstr(cause, "txt md csv json html") != NULL,
	    "a bad format names the choices");
	free(cause);
	ok(report_format_from_path("a/b.json", &f) == 1 && f == REPORT_JSON,
	    "the extension picks the format");
	ok(report_format_from_path("a.b/report", &f) == 0,
	    "no extension: no format");
	ok(report_format_from_path("r.pdf", &f) == -1, "an unknown extension");
	is_str(report_format_name(REPORT_CSV), "csv", "format name");

	ok(report_day_parse("2026-10-05", &d) == 0 && d == 20731,
	    "a day is days since 1970");
	report_day_format(d, s);
	is_str(s, "2026-10-05", "and back");
	ok(report_day_parse("2024-02-29", &d) == 0, "a leap day");
	ok(report_day_parse("2026-02-29", &d) == -1, "not a leap year");
	ok(report_day_parse("2026-02-30", &d) == -1, "no such day");
	ok(report_day_parse("2026-2-03", &d) == -1, "two-digit months");
	ok(report_day_parse("2026-10-05T00:00:00Z", &d) == -1, "days only");
	ok(report_day_parse("1969-12-31", &d) == -1, "from 1970 on");
	ok(report_day_parse("", &d) == -1 && report_day_parse(NULL, &d) == -1,
	    "empty");
	ok(report_day_parse("2100-02-29", &d) == -1 &&
	    report_day_parse("2000-02-29", &d) == 0,
	    "century years are leap years only every 400");
	ok(report_day_parse("2026-00-10", &d) == -1 &&
	    report_day_parse("2026-13-10", &d) == -1 &&
	    report_day_parse("2026-04-31", &d) == -1 &&
	    report_day_parse("2026-04-00", &d) == -1, "no such month or day");

	/* every day from 1970 to 9999 parses to what timegm says, and
	 * report_day_format gives the same text back */
	for (bad = 0, day = 0; day < 2932897; day++) {
		t = (time_t)day * 86400;
		gmtime_r(&t, &tm);
		snprintf(s, sizeof s, "%04d-%02d-%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
		if (report_day_parse(s, &d) != 0 || d != day) {
			if (bad++ < 3)
				printf("# %s: %lld\n", s, d);
			continue;
		}
		if (day % 97 == 0) {
			report_day_format(d, back);
			if (strcmp(back, s) != 0 && bad++ < 3)
				printf("# %lld formats as %s\n", d, back);
		}
	}
	is_int(bad, 0, "1970-01-01 to 9999-12-31 agree with timegm");
}

static char *
csvf(const char *s, int flags)
{
	struct buf	 b;

	buf_init(&b);
	report_csv_field(&b, s, flags);
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static void
test_escaping(void)
{
	struct buf	 b;
	char		*s;

	s = csvf("a \"b\", c\nd", RDOC_TEXT);
	is_str(s, "\"a \"\"b\"\", c\nd\"", "CSV text quoted, quotes doubled");
	free(s);
	s = csvf("=1+2", RDOC_TEXT);
	is_str(s, "\"'=1+2\"", "a formula is defused");
	free(s);
	s = csvf("-x", RDOC_TEXT);
	is_str(s, "\"'-x\"", "so is a leading minus");
	free(s);
	s = csvf("x\033[31m", RDOC_TEXT);
	is_str(s, "\"x^[[31m\"", "escapes are shown, not sent");
	free(s);
	s = csvf("007", RDOC_CODE);
	is_str(s, "\"=\"\"007\"\"\"", "a code with a leading zero stays text");
	free(s);
	s = csvf("1.10", RDOC_CODE);
	is_str(s, "\"=\"\"1.10\"\"\"", "so does one that looks like a number");
	free(s);
	s = csvf("12", RDOC_CODE);
	is_str(s, "\"12\"", "a plain number code is quoted");
	free(s);
	s = csvf("4A", RDOC_CODE);
	is_str(s, "\"4A\"", "an ordinary code is quoted");
	free(s);
	s = csvf("12.50", 0);
	is_str(s, "12.50", "numbers are plain");
	free(s);
	s = csvf("", RDOC_TEXT);
	is_str(s, "", "empty is empty");
	free(s);

	buf_init(&b);
	report_md_escape(&b, "a|b *c* <d> & `e`\nf_g [h](i) #j $k");
	is_str(buf_str(&b), "a\\|b \\*c\\* \\<d\\> \\& \\`e\\`<br>f\\_g "
	    "\\[h\\](i) \\#j \\$k", "Markdown specials are escaped");
	buf_fini(&b);
	buf_init(&b);
	report_md_escape(&b, "x\033[1my");
	is_str(buf_str(&b), "x^\\[\\[1my", "Markdown gets no escape character");
	buf_fini(&b);

	buf_init(&b);
	report_xml_escape(&b, "<a href=\"x\">'&'</a>\n\001", true);
	is_str(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;"
	    "&lt;/a&gt;<br/>^A", "XML escaping");
	buf_fini(&b);
	buf_init(&b);
	report_xml_escape(&b, "a\nb", false);
	is_str(buf_str(&b), "a b", "a newline as a space");
	buf_fini(&b);

}

static void
test_text(void)
{
	struct buf	 b;
	double		 v[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 0 };
	double		 w[4] = { 0, 0, 0, 0 };

	buf_init(&b);
	report_text_bar(&b, 0.5, 4);
	is_str(buf_str(&b), "\xe2\x96\x88\xe2\x96\x88  ", "half a bar");
	buf_reset(&b);
	report_text_bar(&b, 0.001, 4);
	is_str(buf_str(&b), "\xe2\x96\x8f   ", "a tiny share shows");
	buf_reset(&b);
	report_text_bar(&b, 0, 3);
	is_str(buf_str(&b), "   ", "zero draws nothing");
	buf_reset(&b);
	report_text_bar(&b, NAN, 2);
	is_str(buf_str(&b), "  ", "no value draws nothing");
	buf_reset(&b);
	report_text_bar(&b, 7, 1);
	is_str(buf_str(&b), "\xe2\x96\x88", "over 1 is full");
	buf_reset(&b);

	report_text_spark(&b, v, 10, 10, 0);
	is_str(buf_str(&b), "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83\xe2\x96\x84"
	    "\xe2\x96\x85\xe2\x96\x86\xe2\x96\x87\xe2\x96\x88\xe2\x96\x88"
	    "\xe2\x96\x81", "a sparkline: zero lowest, the rest above it");
	buf_reset(&b);
	report_text_spark(&b, v, 10, 5, 0);
	is_int(b.len, 15, "summed into fewer columns");
	buf_reset(&b);
	report_text_spark(&b, w, 4, 10, 1);
	is_str(buf_str(&b), "\xe2\x96\x81\xe2\x96\x81\xe2\x96\x81\xe2\x96\x81",
	    "all zero is flat");
	buf_reset(&b);
	w[0] = 30;
	w[1] = 30;
	w[2] = 27;
	w[3] = 23;
	report_text_spark(&b, w, 4, 10, 1);
	is_str(buf_str(&b), "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x85\xe2\x96\x81",
	    "a level is drawn from its lowest to its highest");
	buf_reset(&b);

	report_text_wrap(&b, "one two three four", 2, 14);
	is_str(buf_str(&b), "  one two\n  three four\n", "wrapped, indented");
	buf_reset(&b);
	report_text_wrap(&b, "abcdefghijklmnopqrstuvwxyz", 0, 10);
	is_str(buf_str(&b), "abcdefghij\nklmnopqrst\nuvwxyz\n",
	    "a long word is cut");
	buf_reset(&b);
	report_text_wrap(&b, "a\nb\033", 0, 20);
	is_str(buf_str(&b), "a\nb^[\n", "lines kept, text sanitised");
	buf_fini(&b);
}

/*
 * A small production by SQL: scene 1 with shots A (takes over days 1 to
 * 3, one kept) and B (omitted on day 2), scene 2 empty. Statuses: A
 * planned day 0, review day 1, approved day 3; B planned day 0, omitted
 * day 2 (10:00) and back to review the same day (12:00).
 */
static void
test_gather(void)
{
	struct report		 r;
	struct report_filter	 f;
	struct stats_rows	 rows;
	struct stats		 total;
	struct db		*db;
	char			*p, *cause = NULL, *s;
	size_t			 i;
	int			 same;

	db = create("small.db");
	p = path("small.db");
	sql(p, "INSERT INTO scene (id, code, position, heading, created) VALUES"
	    " (1, '1', 1, 'One', '2026-10-01T00:00:00Z'),"
	    " (2, '2', 2, 'Two', '2026-10-01T00:00:00Z');"
	    "INSERT INTO shot (id, scene_id, code, position, status, created)"
	    " VALUES (1, 1, '1A', 1, 'approved', '2026-10-01T09:00:00Z'),"
	    " (2, 1, '1B', 2, 'review', '2026-10-01T09:00:00Z');"
	    "INSERT INTO status_change (kind, object_id, status, at, user)"
	    " VALUES ('shot', 1, 'planned', '2026-10-01T09:00:00Z', 'a'),"
	    " ('shot', 2, 'planned', '2026-10-01T09:00:00Z', 'a'),"
	    " ('shot', 1, 'review', '2026-10-02T09:00:00Z', 'a'),"
	    " ('shot', 2, 'omitted', '2026-10-03T10:00:00Z', 'a'),"
	    " ('shot', 2, 'review', '2026-10-03T12:00:00Z', 'a'),"
	    " ('shot', 1, 'approved', '2026-10-04T09:00:00Z', 'a'),"
	    " ('shot', 99, 'planned', '2026-09-01T09:00:00Z', 'a');"
	    "INSERT INTO prompt (id, shot_id, label, text, author, created)"
	    " VALUES (1, 1, 'v1', 'first', 'a', '2026-10-01T09:00:00Z'),"
	    " (2, 1, 'v2', 'second', 'a', '2026-10-01T09:00:00Z');"
	    "INSERT INTO take (id, shot_id, prompt_id, duration_ms, status,"
	    " cost, verdict, in_ms, out_ms, created, created_by, backend)"
	    " VALUES"
	    " (1, 1, 1, 8000, 'ready', 400000, 'reject', NULL, NULL,"
	    "  '2026-10-02T10:00:00Z', 'ana', 'gemini'),"
	    " (2, 1, 2, 8000, 'ready', 400000, 'keep', 1000, 3000,"
	    "  '2026-10-02T11:00:00Z', 'joe', 'gemini'),"
	    " (3, 1, 2, NULL, 'failed', 100000, 'unreviewed', NULL, NULL,"
	    "  '2026-10-03T11:00:00Z', 'joe', 'runway'),"
	    " (4, 2, NULL, 5000, 'ready', 0, 'reject', NULL, NULL,"
	    "  '2026-10-04T11:00:00Z', 'joe', NULL);"
	    "INSERT INTO take_reason VALUES (1, 'hands'), (1, 'morphing'),"
	    " (4, 'morphing');");
	free(p);

	ok(report_gather(db, NULL, &r, &cause) == 0, "gather");
	is_int(r.scenes.n, 2, "two scenes");
	is_int(r.shots.n, 2, "two shots");
	is_int(r.total.takes, 3, "three takes");
	is_int(r.total.failed, 1, "one failed");
	is_int(r.total.ms_used, 2000, "two seconds used");
	is_int(r.total.cost, 900000, "the cost, failed included");
	is_int(r.shots_kept, 1, "one shot with a keeper");
	is_int(r.scenes.v[0].s.takes, 3, "the scene sums its shots");
	is_int(r.scenes.v[1].s.takes, 0, "an empty scene");
	is_int(r.days.n, 4, "days 1 to 4");
	is_str(r.days.v[0].date, "2026-10-01", "from the first status");
	is_int(r.days.v[0].open, 2, "day 1: both shots open");
	is_int(r.days.v[1].open, 2, "day 2: review is open");
	is_int(r.days.v[2].open, 2, "day 3: omitted then back the same day");
	is_int(r.days.v[3].open, 1, "day 4: one approved");
	is_int(r.days.v[1].s.takes, 2, "two takes on day 2");
	is_int(r.weeks.n, 1, "one ISO week");
	is_str(r.weeks.v[0].label, "2026-W40", "its label");
	ok(!r.weekly, "by day");
	ok(r.best[0] >= 0 && r.variants.v[r.best[0]].id == 2,
	    "v2 is the best variant of 1A");
	is_int(r.best[1], -1, "1B has none");
	is_int(r.nbudget, 2, "two shots in the budget table");
	is_str(r.shots.v[r.budget[0]].code, "1A", "money spent comes first");
	is_int(r.reasons.n, 2, "two reasons");
	is_str(r.reasons.v[0].reason, "morphing", "the most frequent first");
	is_int(r.reasons.v[0].takes, 2, "counted per take");
	is_int(r.people.n, 2, "two people");
	is_str(r.people.v[0].name, "joe", "by cost");
	is_int(r.backends.n, 3, "gemini, runway and none");
	ok(!r.has_prev, "no previous period without --since");

	/* The same sums as `takeboard stats`. */
	memset(&rows, 0, sizeof rows);
	ok(db_stats(db, STATS_BY_SHOT, NULL, &rows, &total, NULL) == 0,
	    "stats by shot");
	same = rows.n == r.shots.n && memcmp(&total, &r.total,
	    sizeof total) == 0;
	for (i = 0; same && i < rows.n; i++)
		same = memcmp(&rows.v[i].s, &r.shots.v[i].s,
		    sizeof total) == 0;
	ok(same, "every shot and the total agree with db_stats");
	stats_rows_free(&rows);

	s = render(&r, REPORT_TXT, NULL);
	ok(s != NULL && strstr(s, "Production report: Test") != NULL,
	    "txt renders");
	free(s);
	s = render(&r, REPORT_JSON, "scenes");
	ok(s == NULL, "--table is refused for json");
	s = render(&r, REPORT_CSV, "nope");
	ok(s == NULL, "an unknown table is refused");
	s = render(&r, REPORT_CSV, "days");
	ok(s != NULL && strncmp(s, "day,takes,", 10) == 0 &&
	    strstr(s, "2026-10-04,1,0,0,") != NULL, "one CSV table");
	free(s);
	report_free(&r);

	/* A period: the previous one is as long, just before it. */
	memset(&f, 0, sizeof f);
	f.since = "2026-10-03";
	f.until = "2026-10-04";
	ok(report_gather(db, &f, &r, &cause) == 0, "gather a period");
	is_int(r.total.takes, 1, "one take in it");
	ok(r.has_prev, "a previous period");
	is_str(r.prev_first, "2026-10-01", "that starts two days before");
	is_str(r.prev_last, "2026-10-02", "and ends the day before");
	is_int(r.prev.takes, 2, "with two takes");
	is_int(r.days.n, 2, "the period's days");
	report_free(&r);

	f.since = "2026-08-01";
	f.until = "2026-10-04";
	ok(report_gather(db, &f, &r, &cause) == 0, "a long period");
	ok(r.weekly && r.days.n == 65, "goes by week");
	ok(r.weeks.n == 10 && r.weeks.v[0].ndays == 2, "ISO weeks, cut");
	report_free(&r);

	memset(&f, 0, sizeof f);
	f.scene_id = 2;
	ok(report_gather(db, &f, &r, &cause) == 0, "an empty scene");
	ok(r.scenes.n == 1 && r.shots.n == 0 && r.days.n == 0,
	    "nothing in it");
	s = render(&r, REPORT_HTML, NULL);
	ok(s != NULL && strstr(s, "</html>") != NULL, "still a page");
	free(s);
	report_free(&r);
	db_close(db);
}

static void
test_empty(void)
{
	struct report	 r;
	struct db	*db;
	char		*s, *cause = NULL;
	int		 f, good = 1;

	db = create("empty.db");
	ok(report_gather(db, NULL, &r, &cause) == 0, "an empty production");
	ok(r.days.n == 0 && r.nbudget == 0 && r.total.takes == 0,
	    "has nothing");
	for (f = REPORT_TXT; f <= REPORT_HTML; f++) {
		s = render(&r, (enum report_format)f, NULL);
		if (s == NULL || *s == '\0')
			good = 0;
		free(s);
	}
	ok(good, "and every format writes it");
	report_free(&r);
	db_close(db);
}

/* Write a production of nshots shots (3 variants each) and ntakes takes
 * over 60 days with SQL. */
static void
big(const char *name, int nshots, int ntakes)
{
	struct buf	 b;
	char		*p;
	int		 i;

	db_close(create(name));
	p = path(name);
	buf_init(&b);
	buf_adds(&b, "BEGIN;");
	for (i = 0; i < nshots / 10; i++)
		buf_addf(&b, "INSERT INTO scene (id, code, position, heading, "
		    "created) VALUES (%d, '%d', %d, 'Scene %d', "
		    "'2026-08-01T00:00:00Z');", i + 1, i + 1, i + 1, i + 1);
	buf_addf(&b, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM n WHERE i < %d) "
	    "INSERT INTO shot (id, scene_id, code, position, status, created) "
	    "SELECT i, (i - 1) / 10 + 1, 'S' || i, i, 'generating', "
	    "'2026-08-01T09:00:00Z' FROM n;", nshots);
	buf_adds(&b, "INSERT INTO status_change (kind, object_id, status, at, "
	    "user) SELECT 'shot', id, 'planned', created, 'a' FROM shot;"
	    "INSERT INTO status_change (kind, object_id, status, at, user) "
	    "SELECT 'shot', id, 'approved', '2026-09-' || "
	    "printf('%02d', id % 28 + 1) || 'T10:00:00Z', 'a' FROM shot "
	    "WHERE id % 3 = 0;"
	    "INSERT INTO prompt (id, shot_id, label, text, author, created) "
	    "SELECT (h.id - 1) * 3 + v.v, h.id, 'v' || v.v, 'prompt ' || h.id, "
	    "'a', h.created FROM shot h, (SELECT 1 AS v UNION SELECT 2 "
	    "UNION SELECT 3) v;");
	buf_addf(&b, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM n WHERE i < %d) "
	    "INSERT INTO take (shot_id, prompt_id, duration_ms, status, cost, "
	    "verdict, out_ms, created, created_by, backend, model) "
	    "SELECT (i * 7919) %% %d + 1, ((i * 7919) %% %d) * 3 + i %% 3 + 1, "
	    "5000 + i %% 5 * 1000, CASE WHEN i %% 17 = 0 THEN 'failed' ELSE "
	    "'ready' END, 100000 + i %% 7 * 50000, CASE WHEN i %% 301 = 0 "
	    "THEN 'keep' WHEN i %% 11 = 0 THEN 'maybe' WHEN i %% 3 = 0 THEN "
	    "'unreviewed' ELSE 'reject' END, CASE WHEN i %% 2 = 0 THEN 2000 "
	    "END, date('2026-08-01', '+' || (i %% 60) || ' days') || "
	    "'T10:00:00Z', 'user' || (i %% 9), 'backend' || (i %% 4), "
	    "'model' || (i %% 5) FROM n;", ntakes, nshots, nshots);
	buf_adds(&b, "INSERT INTO take_reason SELECT id, 'reason' || (id % 12) "
	    "FROM take WHERE verdict = 'reject';"
	    "INSERT INTO take_reason SELECT id, 'other' FROM take WHERE "
	    "verdict = 'reject' AND id % 5 = 0; COMMIT;");
	sql(p, buf_str(&b));
	buf_fini(&b);
	free(p);
}

/* Gather and write every format; returns the seconds it took. */
static double
timed(const char *name, struct stats *total)
{
	struct report	 r;
	struct db	*db;
	char		*p, *s, *cause = NULL;
	double		 t0;
	int		 f;

	p = path(name);
	if (db_open(p, 0, &db, &cause) != 0)
		fatal("%s", cause);
	free(p);
	t0 = now_s();
	if (report_gather(db, NULL, &r, &cause) != 0)
		fatal("%s", cause);
	for (f = REPORT_TXT; f <= REPORT_HTML; f++) {
		s = render(&r, (enum report_format)f, NULL);
		if (s == NULL)
			fatal("render");
		free(s);
	}
	t0 = now_s() - t0;
	*total = r.total;
	report_free(&r);
	db_close(db);
	return t0;
}

static void
test_large(void)
{
	struct stats	 small, large;
	double		 t1, t2, t;
	int		 i;

	big("s.db", 100, 10000);
	big("l.db", 1000, 100000);
	/* The best of a few runs, so a busy machine counts less. */
	t1 = timed("s.db", &small);
	for (i = 0; i < 2; i++) {
		t = timed("s.db", &small);
		t1 = t < t1 ? t : t1;
	}
	t2 = timed("l.db", &large);
	is_int(large.takes + large.failed, 100000, "100 000 takes");
	ok(large.kept > 0 && large.ms_used > 0, "with keepers");
	printf("# 10 000 takes: %.3f s, 100 000 takes: %.3f s\n", t1, t2);
	ok(t2 < 30, "a large production takes seconds, not minutes");
	/* Ten times the production: linear is 10 (up to twice that with
	 * the B-tree lookups and caches), quadratic 100. */
	ok(t1 < 0.01 || t2 / t1 < 50, "and time grows with size, not its "
	    "square (x%.1f for x10)", t1 > 0 ? t2 / t1 : 0);
}

int
main(void)
{
	char	*p;

	if (mkdtemp(dir) == NULL)
		fatal("mkdtemp");
	test_names();
	test_escaping();
	test_text();
	test_gather();
	test_empty();
	test_large();
	p = xasprintf("rm -rf '%s'", dir);
	if (system(p) != 0)
		printf("# could not remove %s\n", dir);
	free(p);
	return done_testing();
}
