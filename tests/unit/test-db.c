/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for src/db/: opening (refusals leave files untouched),
 * migrations from a stored version-1 database, ordering, automatic
 * codes, verdicts, and the statistics SQL checked against the same
 * figures computed in C from the takes (board_take_used_ms).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "db/db.h"
#include "db/db-priv.h"
#include "db/db-board.h"
#include "db/db-log.h"
#include "db/db-prompt.h"
#include "db/db-schema.h"
#include "db/db-stats.h"
#include "db/db-take.h"
#include "tap.h"

static char	 dir[] = "/tmp/tb-db-XXXXXX";

static char *
path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static char *
slurp(const char *p, size_t *len)
{
	FILE	*f;
	char	*s;
	long	 n;

	f = fopen(p, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = xmalloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, f);
	fclose(f);
	return s;
}

static void
test_open(void)
{
	struct db	*db = NULL;
	char		*p, *cause = NULL, *before, *after;
	size_t		 n1 = 0, n2 = 0;
	sqlite3		*h;
	FILE		*f;

	p = path("new.db");
	ok(db_open(p, 0, &db, &cause) == -1 && cause != NULL &&
	    strstr(cause, "takeboard init") != NULL,
	    "opening a missing file fails and suggests init");
	free(cause);
	ok(access(p, F_OK) != 0, "and creates nothing");
	ok(db_open(p, DB_OPEN_CREATE, &db, &cause) == 0, "create");
	is_int(db_version(db), db_schema_latest(), "at the latest schema");
	db_close(db);
	ok(db_open(p, DB_OPEN_CREATE, &db, &cause) == -1 && cause != NULL,
	    "create refuses an existing file");
	free(cause);
	ok(db_open(p, 0, &db, &cause) == 0, "reopen");
	db_close(db);
	free(p);

	/* A text file is refused and left byte for byte. */
	p = path("notes.txt");
	f = fopen(p, "w");
	fputs("not a database, just notes\n", f);
	fclose(f);
	before = slurp(p, &n1);
	ok(db_open(p, 0, &db, &cause) == -1 && cause != NULL &&
	    strstr(cause, "not a takeboard database") != NULL,
	    "a text file is refused");
	free(cause);
	after = slurp(p, &n2);
	ok(n1 == n2 && memcmp(before, after, n1) == 0, "and not modified");
	free(before);
	free(after);
	free(p);

	/* Another program's SQLite database is refused untouched. */
	p = path("other.db");
	sqlite3_open(p, &h);
	sqlite3_exec(h, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL,
	    NULL, NULL);
	sqlite3_close(h);
	before = slurp(p, &n1);
	ok(db_open(p, 0, &db, &cause) == -1 && cause != NULL,
	    "a foreign SQLite database is refused");
	free(cause);
	after = slurp(p, &n2);
	ok(n1 == n2 && memcmp(before, after, n1) == 0, "and not modified");
	free(before);
	free(after);
	free(p);

	/* A database from a newer takeboard is refused. */
	p = path("newer.db");
	ok(db_open(p, DB_OPEN_CREATE, &db, &cause) == 0, "make a database");
	db_close(db);
	sqlite3_open(p, &h);
	sqlite3_exec(h, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(h);
	ok(db_open(p, 0, &db, &cause) == -1 && cause != NULL &&
	    strstr(cause, "newer takeboard") != NULL,
	    "a newer schema is refused with a clear message");
	free(cause);
	free(p);
}

/* The stored version-1 fixture opens and migrates to the latest. */
static void
test_fixture(void)
{
	struct db		*db;
	struct scene_list	 l;
	char			*p, *sql, *cause = NULL;
	size_t			 n = 0;
	sqlite3			*h;
	const char		*data;

	data = getenv("TESTS_DIR");
	if (data == NULL)
		data = "tests";
	p = xasprintf("%s/data/db-v1.sql", data);
	sql = slurp(p, &n);
	free(p);
	if (sql == NULL) {
		ok(0, "tests/data/db-v1.sql is readable");
		return;
	}
	sql[n] = '\0';
	p = path("v1.db");
	sqlite3_open(p, &h);
	ok(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "load the version-1 fixture");
	sqlite3_close(h);
	free(sql);
	ok(db_open(p, 0, &db, &cause) == 0, "open it");
	is_int(db_version(db), db_schema_latest(), "migrated to the latest");
	memset(&l, 0, sizeof l);
	ok(db_scene_list(db, &l, &cause) == 0 && l.n == 2 &&
	    strcmp(l.v[0].code, "1") == 0 && l.v[0].takes == 3 &&
	    l.v[0].kept == 1, "its data is intact");
	scene_list_free(&l);
	db_close(db);
	free(p);
}

static long long
add_scene(struct db *db, const char *code, const char *heading, long long at)
{
	struct scene	 sc;
	char		*cause = NULL;
	long long	 id;

	memset(&sc, 0, sizeof sc);
	sc.code = code != NULL ? xstrdup(code) : NULL;
	sc.heading = xstrdup(heading);
	if (db_scene_add(db, &sc, at, &cause) != 0) {
		printf("# %s\n", cause);
		free(cause);
	}
	id = sc.id;
	scene_free(&sc);
	return id;
}

static void
test_board(struct db *db)
{
	struct scene_list	 l;
	struct scene		 sc;
	struct shot		 sh;
	char			*cause = NULL;
	long long		 a, b, c, id;
	size_t			 i;
	int			 dense = 1;

	db_begin(db, &cause);
	a = add_scene(db, NULL, "EXT. ROAD - DAY", DB_PLACE_END);
	b = add_scene(db, NULL, "INT. CAR - DAY", DB_PLACE_END);
	c = add_scene(db, "4A", "EXT. FIELD - DUSK", DB_PLACE_FIRST);
	add_scene(db, NULL, "INT. BARN - NIGHT", a);
	ok(add_scene(db, "1", "duplicate", DB_PLACE_END) == 0,
	    "a taken code is refused");
	memset(&l, 0, sizeof l);
	db_scene_list(db, &l, &cause);
	ok(l.n == 4 && strcmp(l.v[0].code, "4A") == 0 &&
	    strcmp(l.v[1].code, "1") == 0 && strcmp(l.v[2].code, "3") == 0 &&
	    strcmp(l.v[3].code, "2") == 0,
	    "automatic codes and placement: 4A 1 3 2");
	for (i = 0; i < l.n; i++)
		dense &= l.v[i].position == (long long)i + 1;
	ok(dense, "positions are 1..n");
	scene_list_free(&l);
	ok(db_scene_move(db, c, b, &cause) == 0, "move 4A after 2");
	memset(&l, 0, sizeof l);
	db_scene_list(db, &l, &cause);
	ok(l.n == 4 && strcmp(l.v[3].code, "4A") == 0 &&
	    l.v[3].position == 4 && l.v[0].position == 1, "moved, dense");
	scene_list_free(&l);

	memset(&sh, 0, sizeof sh);
	sh.scene_id = c;
	sh.target_ms = BOARD_NONE;
	ok(db_shot_add(db, &sh, DB_PLACE_END, &cause) == 0 &&
	    strcmp(sh.code, "4A-A") == 0, "first shot of 4A is 4A-A");
	shot_free(&sh);
	memset(&sh, 0, sizeof sh);
	sh.scene_id = a;
	sh.target_ms = BOARD_NONE;
	db_shot_add(db, &sh, DB_PLACE_END, &cause);
	id = sh.id;
	is_str(sh.code, "1A", "first shot of 1 is 1A");
	shot_free(&sh);
	memset(&sh, 0, sizeof sh);
	sh.scene_id = a;
	sh.target_ms = BOARD_NONE;
	sh.code = xstrdup("1A");
	ok(db_shot_add(db, &sh, DB_PLACE_END, &cause) == -1 && cause != NULL &&
	    strstr(cause, "already used") != NULL, "shot codes are unique");
	free(cause);
	cause = NULL;
	shot_free(&sh);
	memset(&sh, 0, sizeof sh);
	sh.scene_id = a;
	sh.target_ms = BOARD_NONE;
	db_shot_add(db, &sh, DB_PLACE_FIRST, &cause);
	is_str(sh.code, "1B", "second shot is 1B even when put first");
	ok(sh.position == 1, "and it is first");
	shot_free(&sh);
	ok(db_shot_move(db, id, b, DB_PLACE_END, &cause) == 0,
	    "move a shot to another scene");
	ok(db_shot_get_id(db, id, &sh, &cause) == 1 && sh.scene_id == b &&
	    sh.position == 1, "it is there, first");
	shot_free(&sh);
	ok(db_scene_get(db, "1", &sc, &cause) == 1 && sc.shots == 1,
	    "scene 1 has one shot left");
	scene_free(&sc);
	db_commit(db, &cause);
}

/* A production with random takes, and its statistics checked in C. */
static void
test_stats(struct db *db)
{
	struct shot		 sh;
	struct prompt		 pr;
	struct take		 tk;
	struct take_filter	 f;
	struct take_list	 all;
	struct stats_rows	 rows;
	struct stats		 total, want, sum;
	struct str_list		 why;
	char			*cause = NULL;
	long long		 scene, shots[3], prompts[3];
	uint32_t		 x = 12345;
	size_t			 i;
	int			 k, ok_rows;

	db_begin(db, &cause);
	scene = add_scene(db, "S", "EXT. STATS - DAY", DB_PLACE_END);
	for (k = 0; k < 3; k++) {
		memset(&sh, 0, sizeof sh);
		sh.scene_id = scene;
		sh.target_ms = BOARD_NONE;
		db_shot_add(db, &sh, DB_PLACE_END, &cause);
		shots[k] = sh.id;
		shot_free(&sh);
		memset(&pr, 0, sizeof pr);
		pr.shot_id = shots[k];
		pr.text = xstrdup("prompt");
		pr.seconds_ms = BOARD_NONE;
		db_prompt_add(db, &pr, &cause);
		prompts[k] = pr.id;
		prompt_free(&pr);
	}
	memset(&why, 0, sizeof why);
	str_list_add(&why, "morphing");
	for (k = 0; k < 200; k++) {
		x = x * 1103515245 + 12345;
		memset(&tk, 0, sizeof tk);
		tk.shot_id = shots[k % 3];
		tk.prompt_id = (x >> 8) % 4 == 0 ? 0 : prompts[k % 3];
		tk.file_size = BOARD_NONE;
		tk.duration_ms = (x >> 4) % 7 == 0 ? BOARD_NONE :
		    1000 + (long long)((x >> 3) % 9000);
		tk.state = (x >> 12) % 10 == 0 ? TAKE_FAILED : TAKE_READY;
		tk.cost = (long long)((x >> 5) % 5000000);
		if (db_take_add(db, &tk, &cause) != 0)
			break;
		switch ((x >> 16) % 5) {
		case 0:
			db_take_verdict(db, tk.id, VERDICT_KEEP, NULL,
			    tk.duration_ms > 2000 ? 500 : BOARD_NONE,
			    tk.duration_ms > 2000 ? 1900 : BOARD_NONE, &cause);
			break;
		case 1:
			db_take_verdict(db, tk.id, VERDICT_KEEP, NULL,
			    BOARD_NONE, BOARD_NONE, &cause);
			break;
		case 2:
			db_take_verdict(db, tk.id, VERDICT_REJECT, &why,
			    BOARD_NONE, BOARD_NONE, &cause);
			break;
		case 3:
			db_take_verdict(db, tk.id, VERDICT_MAYBE, NULL,
			    BOARD_NONE, BOARD_NONE, &cause);
			break;
		}
		free(cause);
		cause = NULL;
		take_free(&tk);
	}
	str_list_free(&why);
	db_commit(db, &cause);

	/* Expected figures, computed from the takes in C. */
	take_filter_init(&f);
	f.scene_id = scene;
	memset(&all, 0, sizeof all);
	db_take_list(db, &f, &all, &cause);
	memset(&want, 0, sizeof want);
	for (i = 0; i < all.n; i++) {
		const struct take *t = &all.v[i];

		want.cost += t->cost;
		if (t->state == TAKE_FAILED) {
			want.failed++;
			continue;
		}
		want.takes++;
		want.kept += t->verdict == VERDICT_KEEP;
		want.maybe += t->verdict == VERDICT_MAYBE;
		want.rejected += t->verdict == VERDICT_REJECT;
		want.unreviewed += t->verdict == VERDICT_UNREVIEWED;
		want.ms_generated += t->duration_ms > 0 ? t->duration_ms : 0;
		want.ms_used += board_take_used_ms(t);
	}
	ok(all.n == 200, "200 takes recorded");
	ok(want.failed > 0 && want.kept > 0 && want.ms_used > 0,
	    "the mix has failures and keeps");
	take_list_free(&all);
	for (k = STATS_BY_PRODUCTION; k <= STATS_BY_PROMPT; k++) {
		struct stats_filter sf = { scene, 0 };

		memset(&rows, 0, sizeof rows);
		ok(db_stats(db, (enum stats_by)k, &sf, &rows, &total,
		    &cause) == 0, "stats by %s", stats_by_name(k));
		ok(memcmp(&total, &want, sizeof want) == 0,
		    "by %s: the SQL agrees with the takes", stats_by_name(k));
		memset(&sum, 0, sizeof sum);
		for (i = 0; i < rows.n; i++)
			stats_add(&sum, &rows.v[i].s);
		ok(memcmp(&sum, &total, sizeof sum) == 0,
		    "by %s: the total is the sum of the rows",
		    stats_by_name(k));
		ok_rows = k == STATS_BY_PRODUCTION ? rows.n == 1 :
		    k == STATS_BY_SCENE ? rows.n == 1 :
		    k == STATS_BY_SHOT ? rows.n == 3 : rows.n == 6;
		ok(ok_rows, "by %s: %zu rows", stats_by_name(k), rows.n);
		stats_rows_free(&rows);
	}
}

/* The fields db_take_list_ids reads, equal in a and b. */
static int
same_brief(const struct take *a, const struct take *b)
{
	size_t	i;

#define SAME_STR(x, y) ((x) == NULL ? (y) == NULL : \
	    (y) != NULL && strcmp((x), (y)) == 0)
	if (a->id != b->id || a->shot_id != b->shot_id ||
	    a->prompt_id != b->prompt_id || a->duration_ms != b->duration_ms ||
	    a->state != b->state || a->cost != b->cost ||
	    a->verdict != b->verdict || a->rating != b->rating ||
	    a->in_ms != b->in_ms || a->out_ms != b->out_ms ||
	    !SAME_STR(a->shot_code, b->shot_code) ||
	    !SAME_STR(a->prompt_label, b->prompt_label) ||
	    !SAME_STR(a->file, b->file) || !SAME_STR(a->backend, b->backend) ||
	    !SAME_STR(a->model, b->model) || a->reasons.n != b->reasons.n)
		return 0;
	for (i = 0; i < a->reasons.n; i++)
		if (strcmp(a->reasons.v[i], b->reasons.v[i]) != 0)
			return 0;
#undef SAME_STR
	return 1;
}

/*
 * db_take_list_ids for many ids (one range scan) against the same ids
 * one at a time (one query each): ids in any order, given twice, naming
 * no take, takes with several reasons.
 */
static void
test_take_list_ids(struct db *db)
{
	struct take_filter	 f;
	struct take_list	 many, one;
	struct str_list		 why;
	long long		*all, *ask;
	char			*cause = NULL;
	size_t			 n, i, k, m = 0, same = 0;

	take_filter_init(&f);
	if (db_take_ids(db, &f, &all, &n, &cause) != 0 || n < 100) {
		ok(0, "list the take ids: %s", cause != NULL ? cause : "few");
		free(cause);
		return;
	}
	memset(&why, 0, sizeof why);
	str_list_add(&why, "wrong-face");
	str_list_add(&why, "blur");
	str_list_add(&why, "flicker");
	ok(db_take_verdict(db, all[n / 2], VERDICT_REJECT, &why, BOARD_NONE,
	    BOARD_NONE, &cause) == 0, "reject a take for three reasons");
	str_list_free(&why);
	ask = xreallocarray(NULL, n + 8, sizeof *ask);
	for (i = 0; i < n; i++)
		ask[m++] = all[n - 1 - i];
	ask[m++] = all[n / 2];
	ask[m++] = all[n - 1] + 5;
	ask[m++] = 0;
	ask[m++] = all[0];
	memset(&many, 0, sizeof many);
	ok(db_take_list_ids(db, ask, m, &many, &cause) == 0,
	    "read %zu takes at once", m);
	ok(many.n == m - 2, "every id that names a take is read (%zu)",
	    many.n);
	for (i = 0, k = 0; i < m && k < many.n; i++) {
		memset(&one, 0, sizeof one);
		db_take_list_ids(db, &ask[i], 1, &one, &cause);
		if (one.n == 1)
			same += same_brief(&one.v[0], &many.v[k++]);
		take_list_free(&one);
	}
	ok(same == m - 2, "the same takes, in the order asked, as read one "
	    "by one (%zu of %zu)", same, m - 2);
	for (i = 0; i < many.n; i++)
		if (many.v[i].id == all[n / 2])
			break;
	ok(i < many.n && many.v[i].reasons.n == 3 &&
	    strcmp(many.v[i].reasons.v[0], "blur") == 0 &&
	    strcmp(many.v[i].reasons.v[2], "wrong-face") == 0,
	    "several reasons, in order");
	take_list_free(&many);
	free(ask);
	free(all);
}

/* The shot view's pages of takes, keyed on ids, against the full list;
 * the scenes' totals against the statistics; the search for shots. */
static void
test_take_pages(struct db *db)
{
	static const char *const codes[] = { "S-A", "S-B", "S-C" };
	struct shot		 sh;
	struct prompt_list	 pl;
	struct take_filter	 f;
	struct take_list	 all, pg;
	struct scene_list	 sl;
	struct stats_rows	 rows;
	struct stats_filter	 sf;
	char			*cause = NULL;
	long long		 n, key, ids[3], found, scene;
	size_t			 i, k, got;
	int			 v, o, same = 1, counted = 1, skips = 1;

	for (k = 0; k < 3; k++) {
		if (db_shot_get(db, codes[k], &sh, &cause) != 1)
			break;
		ids[k] = sh.id;
		memset(&pl, 0, sizeof pl);
		db_prompt_list(db, sh.id, &pl, &cause);
		/* v == 0: the variant; v == 1: every take of the shot. */
		for (v = 0; v < 2 && pl.n > 0; v++) {
			long long pid = v == 0 ? pl.v[0].id : 0;

			take_filter_init(&f);
			f.shot_id = sh.id;
			f.prompt_id = pid;
			memset(&all, 0, sizeof all);
			db_take_list(db, &f, &all, &cause);
			if (db_take_count(db, sh.id, pid, &n, &cause) != 0 ||
			    n != (long long)all.n || all.n < 20)
				counted = 0;
			/* Forward by 7, keyed on the last id. */
			memset(&pg, 0, sizeof pg);
			for (key = 0, got = 0;; got = pg.n) {
				db_take_page(db, sh.id, pid, key, 1, 0, 7, &pg,
				    &cause);
				if (pg.n == got)
					break;
				key = pg.v[pg.n - 1].id;
			}
			same &= pg.n == all.n;
			for (i = 0; i < pg.n && i < all.n; i++)
				same &= pg.v[i].id == all.v[i].id;
			take_list_free(&pg);
			/* Backward by 5 from the end. */
			for (key = 0, i = all.n; i > 0; i -= got) {
				memset(&pg, 0, sizeof pg);
				db_take_page(db, sh.id, pid, key, -1, 0, 5, &pg,
				    &cause);
				got = pg.n;
				if (got == 0 || got > i)
					break;
				for (o = 0; o < (int)got; o++)
					same &= pg.v[o].id ==
					    all.v[i - got + (size_t)o].id;
				key = pg.v[0].id;
				take_list_free(&pg);
			}
			take_list_free(&pg);
			same &= i == 0;
			/* Jumps: skip o from either end. */
			for (o = 0; o + 3 <= (int)all.n; o += 4) {
				memset(&pg, 0, sizeof pg);
				db_take_page(db, sh.id, pid, 0, 1, o, 3, &pg,
				    &cause);
				skips &= pg.n == 3 &&
				    pg.v[0].id == all.v[o].id &&
				    pg.v[2].id == all.v[o + 2].id;
				take_list_free(&pg);
				db_take_page(db, sh.id, pid, 0, -1, o, 3, &pg,
				    &cause);
				skips &= pg.n == 3 &&
				    pg.v[2].id == all.v[all.n - 1 - o].id &&
				    pg.v[0].id == all.v[all.n - 3 - o].id;
				take_list_free(&pg);
			}
			memset(&pg, 0, sizeof pg);
			db_take_page(db, sh.id, pid, 0, 1, (long long)all.n, 3,
			    &pg, &cause);
			skips &= pg.n == 0;
			take_list_free(&pg);
			take_list_free(&all);
		}
		prompt_list_free(&pl);
		shot_free(&sh);
	}
	ok(k == 3, "the stats shots are S-A S-B S-C");
	ok(counted, "the totals count the takes a page walks through");
	ok(same, "pages forward and backward give the list, in order");
	ok(skips, "a page after skipping gives the takes at that place");

	/* The scene list's seconds are those of the statistics. */
	memset(&sl, 0, sizeof sl);
	memset(&rows, 0, sizeof rows);
	db_scene_list(db, &sl, &cause);
	for (i = 0; i < sl.n && strcmp(sl.v[i].code, "S") != 0; i++)
		continue;
	memset(&sf, 0, sizeof sf);
	sf.scene_id = i < sl.n ? sl.v[i].id : -1;
	ok(i < sl.n && db_stats(db, STATS_BY_SCENE, &sf, &rows, NULL,
	    &cause) == 0 && rows.n == 1 && rows.v[0].s.ms_generated > 0 &&
	    sl.v[i].ms_generated == rows.v[0].s.ms_generated &&
	    sl.v[i].ms_used == rows.v[0].s.ms_used &&
	    sl.v[i].takes == rows.v[0].s.takes &&
	    sl.v[i].kept == rows.v[0].s.kept && sl.v[i].shots == 3,
	    "the scene list's totals are the statistics'");
	stats_rows_free(&rows);
	scene_list_free(&sl);

	/* Search: forward, backward, wrapping, inclusive, any case. */
	ok(db_shot_find(db, "s-b", ids[0], 1, 0, &found, &scene,
	    &cause) == 1 && found == ids[1], "search forward: S-B after S-A");
	ok(db_shot_find(db, "S-", ids[2], 1, 0, &found, &scene,
	    &cause) == 1 && found == ids[0], "forward wraps to S-A");
	ok(db_shot_find(db, "S-", ids[0], -1, 0, &found, &scene,
	    &cause) == 1 && found == ids[2], "backward wraps to S-C");
	ok(db_shot_find(db, "S-", ids[1], -1, 0, &found, &scene,
	    &cause) == 1 && found == ids[0], "backward: S-A before S-B");
	ok(db_shot_find(db, "S-", ids[1], 1, 1, &found, &scene,
	    &cause) == 1 && found == ids[1], "a fresh search starts here");
	ok(db_shot_find(db, "S-B", ids[1], 1, 0, &found, &scene,
	    &cause) == 1 && found == ids[1], "the only match: itself");
	ok(db_shot_find(db, "zzz", ids[1], 1, 0, &found, &scene,
	    &cause) == 0, "no match: 0");
}

static void
test_take_rules(struct db *db)
{
	struct take	 tk;
	struct event_list evs;
	char		*cause = NULL;
	long long	 shot = 0, id;
	int		 r;

	db_begin(db, &cause);
	{
		struct shot sh;

		db_shot_get(db, "S-A", &sh, &cause);
		shot = sh.id;
		shot_free(&sh);
	}
	memset(&tk, 0, sizeof tk);
	tk.shot_id = shot;
	tk.file_size = BOARD_NONE;
	tk.duration_ms = 4000;
	tk.state = TAKE_READY;
	db_take_add(db, &tk, &cause);
	r = db_take_verdict(db, tk.id, VERDICT_KEEP, NULL, 3000, 2000, &cause);
	ok(r == -1 && cause != NULL && strstr(cause, "before") != NULL,
	    "in after out is refused");
	free(cause);
	cause = NULL;
	r = db_take_verdict(db, tk.id, VERDICT_KEEP, NULL, 0, 4001, &cause);
	ok(r == -1 && cause != NULL && strstr(cause, "within") != NULL,
	    "out past the end is refused");
	free(cause);
	cause = NULL;
	ok(db_take_verdict(db, tk.id, VERDICT_KEEP, NULL, 0, 4000,
	    &cause) == 0, "the whole take is fine");
	id = tk.id;
	take_free(&tk);
	ok(db_take_get(db, id, &tk, &cause) == 1 &&
	    strcmp(tk.verdict_by, "tester") == 0 && tk.verdict_at != NULL,
	    "the verdict records who and when");
	take_free(&tk);
	ok(db_take_get(db, 999999, &tk, &cause) == 0, "no such take: 0");
	memset(&tk, 0, sizeof tk);
	tk.shot_id = shot;
	tk.file_size = BOARD_NONE;
	tk.duration_ms = BOARD_NONE;
	tk.state = TAKE_FAILED;
	db_take_add(db, &tk, &cause);
	ok(db_take_verdict(db, tk.id, VERDICT_KEEP, NULL, BOARD_NONE,
	    BOARD_NONE, &cause) == -1, "a failed take cannot be kept");
	free(cause);
	cause = NULL;
	take_free(&tk);
	db_commit(db, &cause);
	memset(&evs, 0, sizeof evs);
	ok(db_log_list(db, 3, &evs, &cause) == 0 && evs.n == 3 &&
	    strcmp(evs.v[0].user, "tester") == 0 &&
	    strcmp(evs.v[0].action, "add") == 0 &&
	    strcmp(evs.v[1].action, "keep") == 0,
	    "the log has the newest changes first, with the user");
	event_list_free(&evs);
}

/* The statement cache (db-priv.h): one compiled statement per text,
 * reset and unbound on reuse, a fresh one while it is in use. */
static void
test_stmt_cache(struct db *db)
{
	sqlite3_stmt	*a, *b, *c;
	char		 sql[] = "SELECT ?", other[32], *cause = NULL;
	int		 i, good;

	a = db_stmt(db, "SELECT ?", &cause);
	ok(a != NULL, "db_stmt prepares a statement");
	sqlite3_bind_int64(a, 1, 7);
	b = db_stmt(db, "SELECT ?", &cause);
	ok(b != NULL && b != a, "a statement in use is not handed out twice");
	db_release(db, b);
	is_int(sqlite3_step(a), SQLITE_ROW, "the first one still steps");
	is_int(sqlite3_column_int(a, 0), 7, "with its own binding");
	db_release(db, a);
	c = db_stmt(db, sql, &cause);
	ok(c == a, "the same text (another copy) gets the cached statement");
	ok(sqlite3_step(c) == SQLITE_ROW &&
	    sqlite3_column_type(c, 0) == SQLITE_NULL,
	    "reset, with its parameters cleared");
	db_release(db, c);
	good = 1;
	for (i = 0; i < 2 * DB_CACHE_SIZE; i++) {
		snprintf(other, sizeof other, "SELECT %d + ?", i);
		c = db_stmt(db, other, &cause);
		if (c == NULL) {
			good = 0;
			break;
		}
		sqlite3_bind_int64(c, 1, 1);
		if (sqlite3_step(c) != SQLITE_ROW ||
		    sqlite3_column_int(c, 0) != i + 1)
			good = 0;
		db_release(db, c);
	}
	ok(good, "more statements than the cache holds: older ones evicted");
	c = db_stmt(db, "SELECT ?", &cause);
	sqlite3_bind_int64(c, 1, 3);
	ok(sqlite3_step(c) == SQLITE_ROW && sqlite3_column_int(c, 0) == 3,
	    "an evicted statement is prepared again");
	db_release(db, c);
	c = db_stmt(db, "SELEKT 1", &cause);
	ok(c == NULL && cause != NULL, "a bad statement fails with a cause");
	free(cause);
	cause = NULL;
	ok(db_begin(db, &cause) == 0, "begin");
	c = db_stmt(db, "INSERT INTO event (at, user, action, object) "
	    "VALUES ('now', 'tester', 'cache', 'test')", &cause);
	ok(c != NULL && db_step_done(db, c, &cause, "insert") == 0,
	    "db_step_done releases a cached statement");
	db_rollback(db);
	c = db_stmt(db, "SELECT count(*) FROM event WHERE action = 'cache'",
	    &cause);
	ok(c != NULL && sqlite3_step(c) == SQLITE_ROW &&
	    sqlite3_column_int(c, 0) == 0, "a rollback undoes cached writes");
	db_release(db, c);
}

int
main(void)
{
	struct db	*db;
	char		*p, *cause = NULL, *cmd;

	setenv("USER", "tester", 1);
	setenv("TAKEBOARD_NOW", "2026-11-01T12:00:00Z", 1);
	if (mkdtemp(dir) == NULL)
		skip_all("cannot make a temporary folder");
	test_open();
	test_fixture();
	p = path("board.db");
	if (db_open(p, DB_OPEN_CREATE, &db, &cause) != 0) {
		ok(0, "open %s: %s", p, cause);
		return done_testing();
	}
	test_board(db);
	test_stats(db);
	test_take_list_ids(db);
	test_take_pages(db);
	test_take_rules(db);
	test_stmt_cache(db);
	db_close(db);
	free(p);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	free(cmd);
	return done_testing();
}
