/* SPDX-License-Identifier: ISC */
/*
 * `takeboard demo [DIR]`: a sample production to explore, the same on
 * every run. A seeded generator (splitmix64) and a fixed calendar give a
 * short film in eight scenes and thirty shots, two to four prompt
 * variants per shot, and about three hundred takes reviewed the way
 * teams review them: most rejected with reasons, a few maybes, a handful
 * kept and trimmed, so usage lands near the 0.3% real productions see.
 * The storyboard is planned on the first morning and its shots move
 * through generating, review and approved as their takes come in, so
 * the status history (the report's burn-down) tells the same story. It
 * goes through the same db/ functions as every other command.
 */
#include "config.h"

#include "cli/cli-demo.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/clock.h"
#include "model/stats.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-stats.h"
#include "db/db-take.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

#define DEMO_START	1791158400	/* 2026-10-05T00:00:00Z */
#define DEMO_DAYS	14

struct demo_scene {
	const char	*heading;
	const char	*synopsis;
	enum status	 status;
	int		 shots;
	int		 weight;	/* takes per shot, roughly */
};

struct demo_shot {
	const char	*size;
	const char	*angle;
	const char	*move;
	const char	*lens;
	int		 seconds;
	const char	*description;
};

struct demo_model {
	const char	*backend;
	const char	*model;
	long long	 micros_per_s;
	int		 seconds;
};

static const struct demo_scene demo_scenes[8] = {
	{ "EXT. HARBOUR WALL - DAWN", "Ines waits for a boat that is late.",
	  STATUS_APPROVED, 4, 18 },
	{ "INT. NET LOFT - DAY", "Her grandfather mends nets and will not "
	  "talk about the storm.", STATUS_REVIEW, 4, 16 },
	{ "EXT. CLIFF PATH - DAY", "Ines climbs to the lighthouse against "
	  "the wind.", STATUS_GENERATING, 5, 12 },
	{ "INT. LIGHTHOUSE - DUSK", "She finds the logbook and the last "
	  "entry.", STATUS_GENERATING, 4, 10 },
	{ "EXT. OPEN SEA - NIGHT", "The memory: the boat, the wave, the "
	  "light going out.", STATUS_GENERATING, 3, 12 },
	{ "INT. KITCHEN - NIGHT", "She reads the entry aloud; he finally "
	  "answers.", STATUS_PLANNED, 4, 1 },
	{ "EXT. HARBOUR WALL - NIGHT", "They light a lamp for the boat that "
	  "never came back.", STATUS_PLANNED, 3, 1 },
	{ "EXT. HARBOUR - DAWN", "A new morning; the boat that was late "
	  "comes in.", STATUS_PLANNED, 3, 0 },
};

static const struct demo_shot demo_shots[30] = {
	{ "EWS", "high", "slow push-in", "24mm", 6, "The harbour at first light, one figure on the wall" },
	{ "MS", "eye level", "static", "50mm", 4, "Ines, hood up, watching the mouth of the harbour" },
	{ "CU", "eye level", "handheld", "85mm", 3, "Her hands turning a brass compass" },
	{ "WS", "low", "static", "35mm", 5, "Empty water where the boat should be" },
	{ "MLS", "eye level", "dolly left", "35mm", 5, "Grandfather at the nets, light through dusty windows" },
	{ "CU", "over the shoulder", "static", "85mm", 3, "The needle going through the mesh" },
	{ "MCU", "eye level", "static", "50mm", 4, "Ines asks about the storm; he does not look up" },
	{ "ECU", "eye level", "rack focus", "100mm macro", 3, "A knot pulled tight" },
	{ "EWS", "aerial", "drone orbit", "16mm", 6, "The cliff path, wind flattening the grass" },
	{ "WS", "low", "tracking", "24mm", 5, "Ines leaning into the wind" },
	{ "MS", "side", "tracking", "35mm", 4, "Her scarf tearing loose and flying off" },
	{ "CU", "eye level", "handheld", "50mm", 3, "Her face, eyes narrowed against salt spray" },
	{ "WS", "low", "tilt up", "24mm", 5, "The lighthouse rising above her" },
	{ "MS", "eye level", "static", "35mm", 4, "The lighthouse door, its paint flaking" },
	{ "MCU", "eye level", "slow push-in", "50mm", 4, "Ines on the spiral stairs, torch in hand" },
	{ "CU", "top down", "static", "85mm", 3, "The logbook on the desk, dust on the cover" },
	{ "ECU", "top down", "slow pan", "100mm macro", 4, "Handwriting of the last entry" },
	{ "WS", "eye level", "static", "24mm", 6, "A small fishing boat in heavy swell at night" },
	{ "MS", "low", "handheld", "35mm", 4, "Grandfather, young, hauling a line" },
	{ "EWS", "high", "static", "16mm", 5, "The lighthouse beam sweeping, then going dark" },
	{ "MS", "eye level", "static", "50mm", 4, "Kitchen table, the logbook between them" },
	{ "CU", "eye level", "static", "85mm", 3, "Grandfather's face as she reads" },
	{ "CU", "eye level", "static", "85mm", 3, "Ines reading, her voice catching" },
	{ "MCU", "eye level", "slow push-in", "50mm", 4, "He answers at last" },
	{ "WS", "eye level", "static", "35mm", 5, "Two figures on the wall with a lamp" },
	{ "CU", "eye level", "static", "85mm", 3, "The lamp wick catching" },
	{ "EWS", "high", "slow pull-out", "16mm", 6, "The lamp a single point in the dark harbour" },
	{ "EWS", "aerial", "drone push-in", "16mm", 6, "Dawn over the harbour, a boat rounding the point" },
	{ "MS", "eye level", "static", "50mm", 4, "Ines sees it and stands" },
	{ "WS", "low", "static", "24mm", 5, "The boat coming alongside the wall" },
};

static const struct demo_model demo_models[4] = {
	{ "gemini", "veo-3.1-generate-preview", 400000, 8 },
	{ "runway", "gen4_turbo", 50000, 10 },
	{ "comfyui", "wan2.2-t2v", 0, 5 },
	{ "luma", "ray-2", 140000, 5 },
};

static const char *const demo_styles[4] = {
	"35mm film look, soft natural light, muted blue-grey palette",
	"photoreal, overcast sky, cold palette, fine film grain",
	"anamorphic, shallow depth of field, desaturated, consistent "
	    "character: Ines, 20s, dark curly hair, yellow oilskin",
	"photoreal, stable anatomy, no morphing, same yellow oilskin and "
	    "curly hair as previous shots, natural motion",
};

static const char *const demo_reasons[10] = {
	"morphing", "wrong-face", "continuity", "physics", "hands",
	"style-drift", "framing", "artefacts", "pacing", "text-garble"
};

static const char *const demo_users[3] = { "maya", "joe", "ana" };

static uint64_t demo_state;

/* The ids of the scenes and shots; per shot, the first and last day of
 * its takes and the day its keeper was kept (-1: none). */
static long long demo_scene_id[8], demo_shot_id[30];
static int demo_first[30], demo_last[30], demo_kept[30];

/* splitmix64: small, fast and the same everywhere. */
static uint64_t
demo_rand(void)
{
	uint64_t	 z;

	demo_state += 0x9e3779b97f4a7c15ULL;
	z = demo_state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static int
demo_pick(int n)
{
	return (int)(demo_rand() % (uint64_t)n);
}

static int
demo_dir_ok(const char *dir, char **cause)
{
	DIR		*d;
	struct dirent	*e;
	int		 empty = 1;

	if (!fs_exists(dir))
		return fs_mkdirs(dir, 0777, cause);
	d = opendir(dir);
	if (d == NULL) {
		*cause = xasprintf("cannot use %s: %s", dir, strerror(errno));
		return -1;
	}
	for (;;) {
		e = readdir(d);
		if (e == NULL)
			break;
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	}
	closedir(d);
	if (!empty) {
		*cause = xasprintf("%s is not empty; give a new folder for "
		    "the demo", dir);
		return -1;
	}
	return 0;
}

/* Move shot `id` (or scene, when `scene` is set) to status st at time
 * t, as the director. */
static int
demo_move(struct db *db, int scene, long long id, enum status st, time_t t,
    char **cause)
{
	struct scene	 sc;
	struct shot	 sh;
	int		 rv;

	clock_fix(t);
	clock_set_user(demo_users[0]);
	if (scene) {
		if (db_scene_get_id(db, id, &sc, cause) <= 0)
			return -1;
		sc.status = st;
		rv = db_scene_update(db, &sc, cause);
		scene_free(&sc);
		return rv;
	}
	if (db_shot_get_id(db, id, &sh, cause) <= 0)
		return -1;
	sh.status = st;
	rv = db_shot_update(db, &sh, cause);
	shot_free(&sh);
	return rv;
}

/*
 * The status history. A shot starts generating the morning of its first
 * take and goes to review the evening after its last one; a shot with a
 * keeper goes to review when it is kept and is approved the next
 * evening, as are the shots of an approved scene the day after their
 * review (never later than the last day). A scene follows its first
 * shot into generating and its last into review and approval, and ends
 * in the status demo_scenes gives it.
 */
static int
demo_progress(struct db *db, char **cause)
{
	time_t			 t[3], st[3];
	enum status		 target, steps[3] = {
		STATUS_GENERATING, STATUS_REVIEW, STATUS_APPROVED
	};
	int			 n = 0, s, k, j, d0, d1, d2;

	for (s = 0; s < 8; s++) {
		memset(st, 0, sizeof st);
		for (j = 0; j < demo_scenes[s].shots; j++, n++) {
			target = demo_scenes[s].weight == 0 ? STATUS_PLANNED :
			    demo_scenes[s].status;
			if (demo_kept[n] >= 0 && target >= STATUS_REVIEW)
				target = STATUS_APPROVED;
			d0 = demo_first[n] >= 0 ? demo_first[n] : 2;
			d1 = demo_last[n] >= 0 ? demo_last[n] + 1 : d0 + 1;
			if (demo_kept[n] >= 0 && demo_kept[n] < d1)
				d1 = demo_kept[n];
			d1 = d1 > DEMO_DAYS - 2 ? DEMO_DAYS - 2 : d1;
			d1 = d1 < d0 ? d0 : d1;
			d2 = d1 + 1;
			t[0] = DEMO_START + 86400LL * d0 + 8 * 3600LL;
			t[1] = DEMO_START + 86400LL * d1 + 17 * 3600LL;
			t[2] = DEMO_START + 86400LL * d2 + 18 * 3600LL;
			for (k = 0; k < 3 && steps[k] <= target; k++) {
				if (demo_move(db, 0, demo_shot_id[n], steps[k],
				    t[k], cause) != 0)
					return -1;
				if (st[k] == 0 || (k == 0 ? t[k] < st[k] :
				    t[k] > st[k]))
					st[k] = t[k];
			}
		}
		for (k = 0; k < 3 && steps[k] <= demo_scenes[s].status &&
		    st[k] != 0; k++) {
			if (demo_move(db, 1, demo_scene_id[s], steps[k],
			    st[k] + 60, cause) != 0)
				return -1;
		}
	}
	return 0;
}

/* Fill the open database; runs inside one transaction. */
static int
demo_fill(struct db *db, char **cause)
{
	struct production	 p;
	struct scene		 sc;
	struct shot		 sh;
	struct prompt		 pr;
	struct take		 tk;
	struct str_list		 reasons;
	struct take_filter	 f;
	struct take_list	 all;
	struct stats_rows	 rows;
	struct stats		 total;
	long long		 vids[4], slice;
	size_t			 keep_at[5];
	time_t			 when;
	int			 s, k, v, nv, t, nt, n = 0, m, day, r, nkeep;
	size_t			 i;

	memset(&p, 0, sizeof p);
	p.title = xstrdup("Saltwater");
	p.fps = 24;
	p.currency = xstrdup("USD");
	clock_fix(DEMO_START);
	clock_set_user(demo_users[0]);
	if (db_production_set(db, &p, cause) != 0) {
		production_free(&p);
		return -1;
	}
	production_free(&p);
	demo_state = 2026;
	for (s = 0; s < 8; s++) {
		memset(&sc, 0, sizeof sc);
		sc.heading = xstrdup(demo_scenes[s].heading);
		sc.synopsis = xstrdup(demo_scenes[s].synopsis);
		sc.notes = xstrdup("");
		sc.status = STATUS_PLANNED;
		clock_fix(DEMO_START + 9 * 3600LL + 60LL * s);
		clock_set_user(demo_users[0]);
		if (db_scene_add(db, &sc, DB_PLACE_END, cause) != 0) {
			scene_free(&sc);
			return -1;
		}
		demo_scene_id[s] = sc.id;
		for (k = 0; k < demo_scenes[s].shots; k++, n++) {
			const struct demo_shot *ds = &demo_shots[n];

			memset(&sh, 0, sizeof sh);
			sh.scene_id = sc.id;
			sh.description = xstrdup(ds->description);
			sh.size = xstrdup(ds->size);
			sh.angle = xstrdup(ds->angle);
			sh.movement = xstrdup(ds->move);
			sh.lens = xstrdup(ds->lens);
			sh.target_ms = ds->seconds * 1000LL;
			sh.status = STATUS_PLANNED;
			clock_fix(DEMO_START + 9 * 3600LL + 60LL * n + 30);
			clock_set_user(demo_users[0]);
			demo_first[n] = demo_last[n] = demo_kept[n] = -1;
			if (db_shot_add(db, &sh, DB_PLACE_END, cause) != 0)
				goto fail_shot;
			demo_shot_id[n] = sh.id;
			/* Variants: each refines the one before it. */
			nv = 2 + demo_pick(3);
			for (v = 0; v < nv; v++) {
				m = demo_pick(4);
				clock_fix(DEMO_START + 86400LL * (v * 3 +
				    demo_pick(2)) + 3600LL * (9 + demo_pick(8)));
				clock_set_user(demo_users[demo_pick(2)]);
				memset(&pr, 0, sizeof pr);
				pr.shot_id = sh.id;
				pr.text = xasprintf("%s. %s shot, %s angle, %s, "
				    "%s lens. %s.", ds->description, ds->size,
				    ds->angle, ds->move, ds->lens,
				    demo_styles[v]);
				pr.model = xstrdup(demo_models[m].model);
				pr.seconds_ms = demo_models[m].seconds * 1000LL;
				pr.size = xstrdup("1280x720");
				pr.parent_id = v > 0 ? vids[v - 1] : 0;
				if (db_prompt_add(db, &pr, cause) != 0) {
					prompt_free(&pr);
					goto fail_shot;
				}
				vids[v] = pr.id;
				prompt_free(&pr);
			}
			/* Takes, later variants more often. */
			nt = demo_scenes[s].weight == 0 ? 0 :
			    demo_scenes[s].weight / 2 +
			    demo_pick(demo_scenes[s].weight + 1);
			for (t = 0; t < nt; t++) {
				v = demo_pick(nv + 2);
				v = v >= nv ? nv - 1 : v;
				m = demo_pick(4);
				day = (v * DEMO_DAYS) / (nv + 1) +
				    demo_pick(DEMO_DAYS / (nv + 1) + 1);
				clock_fix(DEMO_START + 86400LL * day +
				    3600LL * (9 + demo_pick(10)) +
				    60LL * demo_pick(60));
				if (demo_first[n] < 0 || day < demo_first[n])
					demo_first[n] = day;
				if (day > demo_last[n])
					demo_last[n] = day;
				clock_set_user(demo_users[demo_pick(2)]);
				memset(&tk, 0, sizeof tk);
				tk.shot_id = sh.id;
				tk.prompt_id = vids[v];
				tk.file_size = BOARD_NONE;
				tk.backend = xstrdup(demo_models[m].backend);
				tk.model = xstrdup(demo_models[m].model);
				tk.duration_ms = demo_models[m].seconds * 1000LL;
				tk.cost = demo_models[m].micros_per_s *
				    demo_models[m].seconds;
				tk.state = TAKE_READY;
				if (demo_pick(100) < 6) {
					tk.state = TAKE_FAILED;
					tk.duration_ms = BOARD_NONE;
					tk.error = xstrdup(demo_pick(2) ?
					    "content policy: generation "
					    "blocked" : "timed out after 900 s");
					if (m != 2)
						tk.cost = 0;
				}
				tk.job_id = xasprintf("demo-%04d-%03d", n, t);
				if (db_take_add(db, &tk, cause) != 0) {
					take_free(&tk);
					goto fail_shot;
				}
				if (tk.state == TAKE_READY &&
				    demo_pick(100) < 85) {
					/* Reviewed a day later by the director. */
					clock_fix(clock_now() + 86400);
					clock_set_user(demo_users[0]);
					memset(&reasons, 0, sizeof reasons);
					r = demo_pick(100);
					if (r < 8) {
						if (db_take_verdict(db, tk.id,
						    VERDICT_MAYBE, NULL,
						    BOARD_NONE, BOARD_NONE,
						    cause) != 0)
							goto fail_take;
					} else {
						str_list_add(&reasons,
						    demo_reasons[demo_pick(10)]);
						if (demo_pick(3) == 0)
							str_list_add(&reasons,
							    demo_reasons[
							    demo_pick(10)]);
						if (db_take_verdict(db, tk.id,
						    VERDICT_REJECT, &reasons,
						    BOARD_NONE, BOARD_NONE,
						    cause) != 0) {
							str_list_free(&reasons);
							goto fail_take;
						}
						str_list_free(&reasons);
					}
					if (demo_pick(3) == 0 &&
					    db_take_rate(db, tk.id,
					    1 + demo_pick(3), cause) != 0)
						goto fail_take;
				}
				take_free(&tk);
			}
			shot_free(&sh);
		}
		scene_free(&sc);
	}

	/*
	 * Keep one maybe in each of the first five shots that have one,
	 * trimmed so the production uses about 0.3% of what it generated.
	 */
	memset(&rows, 0, sizeof rows);
	if (db_stats(db, STATS_BY_PRODUCTION, NULL, &rows, &total,
	    cause) != 0)
		return -1;
	stats_rows_free(&rows);
	take_filter_init(&f);
	f.verdict = VERDICT_MAYBE;
	memset(&all, 0, sizeof all);
	if (db_take_list(db, &f, &all, cause) != 0)
		return -1;
	nkeep = 0;
	for (i = 0; i < all.n && nkeep < 5; i++) {
		if (nkeep > 0 &&
		    all.v[i].shot_id == all.v[i - 1].shot_id)
			continue;
		keep_at[nkeep++] = i;
	}
	slice = nkeep > 0 ? (total.ms_generated * 3 / 1000) / nkeep : 0;
	slice -= slice % 10;
	for (k = 0; k < nkeep; k++) {
		/* Kept two days after it was made (it was a maybe). */
		const struct take *kt = &all.v[keep_at[k]];

		if (clock_parse_iso(kt->created, &when) != 0)
			when = DEMO_START;
		day = (int)((when - DEMO_START) / 86400) + 2;
		day = day > DEMO_DAYS - 2 ? DEMO_DAYS - 2 : day;
		for (v = 0; v < 30; v++) {
			if (demo_shot_id[v] == kt->shot_id)
				demo_kept[v] = day;
		}
		clock_fix(DEMO_START + 86400LL * day + 3600LL * (10 + k));
		clock_set_user(demo_users[k % 2 == 0 ? 0 : 2]);
		if (db_take_verdict(db, kt->id, VERDICT_KEEP, NULL,
		    1000, 1000 + (slice > 400 ? slice : 400), cause) != 0 ||
		    db_take_rate(db, kt->id, 4 + k % 2, cause) != 0) {
			take_list_free(&all);
			return -1;
		}
	}
	take_list_free(&all);
	return demo_progress(db, cause);
fail_take:
	take_free(&tk);
fail_shot:
	shot_free(&sh);
	scene_free(&sc);
	return -1;
}

/* `takeboard demo [DIR]` */
int
cli_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	struct db		*db = NULL;
	struct stats_rows	 rows;
	struct stats		 total;
	const char		*arg, *dir = "takeboard-demo";
	char			*cause = NULL, **rest, *path = NULL;
	char			*takes = NULL, *usage;
	int			 nrest, rv = 1;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	nrest = cli_opt_rest(argc, argv, &rest);
	if (nrest > 1)
		return cli_usage_error(c, "give at most one folder");
	if (nrest == 1)
		dir = rest[0];
	if (demo_dir_ok(dir, &cause) != 0)
		return cli_fail(c, cause);
	path = fs_join(dir, DB_FILE_NAME);
	takes = fs_join(dir, DB_TAKES_DIR);
	if (fs_mkdirs(takes, 0777, &cause) != 0 ||
	    db_open(path, DB_OPEN_CREATE, &db, &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	if (db_begin(db, &cause) != 0 || demo_fill(db, &cause) != 0 ||
	    db_commit(db, &cause) != 0) {
		db_close(db);
		db = NULL;
		unlink(path);
		rv = cli_fail(c, cause);
		goto out;
	}
	clock_fix(0);
	clock_set_user(NULL);
	memset(&rows, 0, sizeof rows);
	if (db_stats(db, STATS_BY_PRODUCTION, NULL, &rows, &total,
	    &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	stats_rows_free(&rows);
	usage = stats_fmt_usage(&total);
	out_line("Created the demo production 'Saltwater' in %s", db_dir(db));
	out_line("8 scenes, 30 shots, %lld takes generated (and %lld failed "
	    "attempts), %lld kept; usage %s", total.takes, total.failed,
	    total.kept, usage);
	out_line("Try: cd %s && takeboard stats", dir);
	free(usage);
	rv = 0;
out:
	db_close(db);
	free(path);
	free(takes);
	return rv;
}
