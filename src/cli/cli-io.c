/* SPDX-License-Identifier: ISC */
/*
 * The `import` and `export` commands. An import reads the whole file
 * (up to TAKEBOARD_MAX_IMPORT bytes), parses it and plans what it will
 * do before it writes anything; a dry run prints the plan, a real
 * import takes the write lock, plans again against what is there now,
 * applies the plan in one transaction and prints it once committed, so
 * a failure leaves the production as it was and stdout empty.
 *
 * An export writes to stdout or, with -o, to a temporary file beside
 * the target that is synced and renamed over it: never a half-written
 * file under the name the editor will open.
 */
#include "config.h"

#include "cli/cli-io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "io/io-csv.h"
#include "io/io-cut.h"
#include "io/io-edl.h"
#include "io/io-fcpxml.h"
#include "io/io-fountain.h"
#include "io/io-otio.h"
#include "io/io-plan.h"
#include "io/io-timecode.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-io.h"
#include "db/db-log.h"
#include "db/db-prompt.h"
#include "db/db-take.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

#define IO_MAX_IMPORT	(64LL * 1024 * 1024)
#define IO_MAX_MESSAGE	400	/* bytes of an error message */

enum {
	OPT_DRY_RUN = 256,
	OPT_SHOTS,
	OPT_TAKES,
	OPT_START
};

static int	 io_cut_get(struct cli *, struct io_cut *);

/* The lines of a plan, printed once it is done. */
struct io_out {
	struct buf	 text;
};

static void
io_out_init(struct io_out *o)
{
	buf_init(&o->text);
	buf_adds(&o->text, "");
}

static void
io_out_line(struct io_out *o, enum io_verb v, const char *fmt, ...)
    TB_PRINTF(3, 4);

/* "VERB" padded to 9 columns and two spaces, as "%-9s  " would. */
static void
io_out_verb(struct io_out *o, enum io_verb v)
{
	const char	*name = io_verb_name(v);
	size_t		 n = strlen(name);

	buf_add(&o->text, name, n);
	buf_add(&o->text, "           ", (n < 9 ? 9 - n : 0) + 2);
}

/* Add "VERB  text" to the plan. */
static void
io_out_line(struct io_out *o, enum io_verb v, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	io_out_verb(o, v);
	buf_adds(&o->text, s);
	buf_addc(&o->text, '\n');
	free(s);
}

/* Add "VERB  take ID of shot CODE[ (CHANGES)]" to the plan, as
 * io_out_line would, without formatting: a take list has 100k. */
static void
io_out_take(struct io_out *o, enum io_verb v, long long id,
    const char *shot, const char *changes)
{
	unsigned long long	 u;
	char			 num[32], *p = num + sizeof num;

	u = id < 0 ? -(unsigned long long)id : (unsigned long long)id;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (id < 0)
		*--p = '-';
	io_out_verb(o, v);
	buf_adds(&o->text, "take ");
	buf_add(&o->text, p, (size_t)(num + sizeof num - p));
	buf_adds(&o->text, " of shot ");
	buf_adds(&o->text, shot != NULL ? shot : "(null)");
	if (changes != NULL) {
		buf_adds(&o->text, " (");
		buf_adds(&o->text, changes);
		buf_addc(&o->text, ')');
	}
	buf_addc(&o->text, '\n');
}

/* Print the plan (each line sanitised) and a last summary line. */
static void
io_out_print(struct io_out *o, const char *summary)
{
	if (o->text.data != NULL)
		out_lines(o->text.data);
	out_line("%s", summary);
	buf_fini(&o->text);
}


/* ------------------------------------------------------------ the files */

/* The import size limit: TAKEBOARD_MAX_IMPORT bytes, else 64 MiB. */
static int
io_max_import(struct cli *c, long long *max)
{
	const char	*env;

	*max = IO_MAX_IMPORT;
	env = getenv("TAKEBOARD_MAX_IMPORT");
	if (env == NULL || *env == '\0')
		return 0;
	if (str_to_ll(env, 1, INT64_MAX / 2, max) != 0)
		return cli_error(c, "bad TAKEBOARD_MAX_IMPORT '%s' (want a "
		    "number of bytes, such as 67108864)", env);
	return 0;
}

/*
 * Read the file to import into *data (NUL-terminated, *len bytes), up
 * to the import limit. Returns 0, or 1 after printing an error.
 */
static int
io_read(struct cli *c, const char *path, char **data, size_t *len)
{
	struct stat	 st;
	long long	 max;
	char		*b = NULL;
	size_t		 n = 0, cap;
	ssize_t		 r;
	int		 fd, rv = 1;

	*data = NULL;
	*len = 0;
	if (io_max_import(c, &max) != 0)
		return 1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return cli_error(c, "cannot open %s: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) != 0) {
		cli_error(c, "cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		cli_error(c, "cannot read %s: it is a folder", path);
		goto out;
	}
	if (S_ISREG(st.st_mode) && st.st_size > max)
		goto big;
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	b = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if ((long long)cap > max)
				goto big;
			cap *= 2;
			b = xreallocarray(b, cap + 1, 1);
		}
		r = read(fd, b + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			cli_error(c, "cannot read %s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if ((long long)n > max)
			goto big;
	}
	b[n] = '\0';
	*data = b;
	*len = n;
	b = NULL;
	rv = 0;
	goto out;
big:
	cli_error(c, "%s is larger than the import limit of %lld bytes (set "
	    "TAKEBOARD_MAX_IMPORT to change it)", path, max);
out:
	free(b);
	close(fd);
	return rv;
}

/*
 * Write data (NUL-terminated, len bytes) to path atomically: a temporary
 * file in the same folder, synced, then renamed over path. NULL or "-"
 * is stdout: exactly the data when it is a file or a pipe, but on a
 * terminal, where a person reads it, with control characters from the
 * production made visible as everywhere else (sanitize_text). Returns 0,
 * or 1 after printing an error (path is then untouched).
 */
static int
io_write(struct cli *c, const char *path, const char *data, size_t len)
{
	char		*dir = NULL, *tmp = NULL, *shown = NULL;
	size_t		 off = 0;
	ssize_t		 w;
	mode_t		 mask;
	int		 fd = -1, rv = 1;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (len > 0 && isatty(STDOUT_FILENO)) {
			shown = sanitize_text(data);
			data = shown;
			len = strlen(shown);
		}
		if (len > 0 && fwrite(data, 1, len, stdout) != len) {
			free(shown);
			return cli_error(c, "cannot write the output: %s",
			    strerror(errno));
		}
		free(shown);
		return 0;
	}
	if (fs_is_dir(path))
		return cli_error(c, "cannot write %s: it is a folder", path);
	dir = fs_dirname(path);
	tmp = xasprintf("%s/.%s.XXXXXX", dir, fs_basename(path));
	fd = mkstemp(tmp);
	if (fd == -1) {
		cli_error(c, "cannot create a file in %s: %s", dir,
		    strerror(errno));
		goto out;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0)
		goto fail;
	while (off < len) {
		w = write(fd, data + off, len - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			goto fail;
		off += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	fs_fsync_dir(dir);
	rv = 0;
	goto out;
fail:
	cli_error(c, "cannot write %s: %s", path, strerror(errno));
	unlink(tmp);
out:
	if (fd != -1)
		close(fd);
	free(tmp);
	free(dir);
	return rv;
}

/* Parse the arguments of an import: FILE [--dry-run]. Returns 0, or the
 * exit status after an error. */
static int
io_import_args(struct cli *c, int argc, char **argv, const char **file,
    int *dry)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	char		**rest;
	int		 ch, n;

	*dry = 0;
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_DRY_RUN)
			return 2;
		*dry = 1;
	}
	n = cli_opt_rest(argc, argv, &rest);
	if (n == 0)
		return cli_usage_error(c, "give the file to import");
	if (n > 1)
		return cli_usage_error(c, "unexpected argument '%s'", rest[1]);
	*file = rest[0];
	return 0;
}

/* Report a parse error of file (cut short if it quotes a huge value);
 * returns 1. */
static int
io_bad_file(struct cli *c, const char *file, char *cause)
{
	size_t	 n;

	if (cause != NULL && strlen(cause) > IO_MAX_MESSAGE) {
		n = IO_MAX_MESSAGE;
		while (n > 0 && ((unsigned char)cause[n] & 0xc0) == 0x80)
			n--;
		cause[n] = '\0';
		cli_error(c, "%s: %s...", file, cause);
	} else {
		cli_error(c, "%s: %s", file, cause != NULL ? cause :
		    "cannot read");
	}
	free(cause);
	return 1;
}

/*
 * Start the write transaction or, for a dry run, a read transaction
 * (ended when the production is closed): the plan is made from one
 * snapshot, and the thousands of reads of a long take list do not each
 * take and drop the read lock (a quarter of a 100k-row dry run's time).
 */
static int
io_start(struct cli *c, int dry)
{
	char	*cause;

	if (!dry)
		return cli_begin(c);
	if (cli_db(c) == NULL)
		return 1;
	if (db_read_begin(c->db, &cause) != 0)
		return cli_fail(c, cause);
	return 0;
}

/* Every variant of the production, appended to *out (one query; the
 * importers and exporters need no take counts). */
static int
io_prompts(struct cli *c, struct prompt_list *out)
{
	char	*cause;

	if (db_prompt_list_all(c->db, out, &cause) != 0)
		return cli_fail(c, cause);
	return 0;
}

static char *
io_count(long long n, const char *what)
{
	return xasprintf("%lld %s", n, what);
}

/* "3 to create, 1 to change, 2 unchanged" or, after an import, "3
 * created, 1 changed, 2 unchanged"; kept and skipped lines get words of
 * their own. Caller frees. */
static char *
io_summary(const struct io_tally *t, int dry, const char *kept,
    const char *skipped)
{
	struct buf	 b;
	char		*s;
	int		 v;

	buf_init(&b);
	for (v = 0; v < IO_VERB_COUNT; v++) {
		if (t->n[v] == 0)
			continue;
		switch (v) {
		case IO_CREATE:
			s = io_count(t->n[v], dry ? "to create" : "created");
			break;
		case IO_CHANGE:
			s = io_count(t->n[v], dry ? "to change" : "changed");
			break;
		case IO_SAME:
			s = io_count(t->n[v], "unchanged");
			break;
		case IO_KEEP:
			s = io_count(t->n[v], kept);
			break;
		default:
			s = io_count(t->n[v], skipped);
			break;
		}
		buf_addf(&b, "%s%s", b.len > 0 ? ", " : "", s);
		free(s);
	}
	if (b.len == 0)
		buf_adds(&b, "nothing to import");
	return buf_detach(&b);
}

static void
io_done(struct io_out *o, const char *file, const struct io_tally *t,
    int dry, const char *kept, const char *skipped)
{
	char	*sum, *line;

	sum = io_summary(t, dry, kept, skipped);
	if (dry)
		line = xasprintf("dry run: %s; nothing was changed", sum);
	else
		line = xasprintf("imported %s: %s", file, sum);
	io_out_print(o, line);
	free(line);
	free(sum);
}

/* ------------------------------------------------------------ fountain */

static int
io_fountain_apply(struct cli *c, struct fountain_plan *p)
{
	struct fountain_action	*a;
	struct production	 prod;
	long long		 place;
	char			*cause = NULL;
	size_t			 i;

	for (i = 0; i < p->actions.n; i++) {
		a = &p->actions.v[i];
		if (a->verb == IO_CREATE) {
			place = a->after != SIZE_MAX ?
			    p->actions.v[a->after].scene_id : a->after_id;
			if (db_scene_add(c->db, &a->scene, place, &cause) != 0)
				return cli_fail(c, cause);
			a->scene_id = a->scene.id;
		} else if (a->verb == IO_CHANGE && a->edit &&
		    db_scene_update(c->db, &a->scene, &cause) != 0)
			return cli_fail(c, cause);
		if (a->cast && db_scene_characters_set(c->db, a->scene_id,
		    &a->characters, &cause) != 0)
			return cli_fail(c, cause);
	}
	if (p->title != NULL) {
		if (db_production_get(c->db, &prod, &cause) < 0)
			return cli_fail(c, cause);
		free(prod.title);
		prod.title = xstrdup(p->title);
		if (db_production_set(c->db, &prod, &cause) != 0) {
			production_free(&prod);
			return cli_fail(c, cause);
		}
		production_free(&prod);
	}
	return 0;
}

static void
io_fountain_print(struct fountain_plan *p, const char *old_title,
    struct io_out *o)
{
	const struct fountain_action	*a;
	size_t				 i;

	for (i = 0; i < p->actions.n; i++) {
		a = &p->actions.v[i];
		if (a->verb == IO_CHANGE)
			io_out_line(o, a->verb, "scene %s: %s (%s)",
			    a->scene.code, a->scene.heading, a->changes);
		else if (a->verb == IO_KEEP)
			io_out_line(o, a->verb, "scene %s: %s (not in the "
			    "script; %lld shot%s, %lld take%s)", a->scene.code,
			    a->scene.heading, a->scene.shots,
			    a->scene.shots == 1 ? "" : "s", a->scene.takes,
			    a->scene.takes == 1 ? "" : "s");
		else
			io_out_line(o, a->verb, "scene %s: %s", a->scene.code,
			    a->scene.heading);
	}
	if (p->title != NULL)
		io_out_line(o, IO_CHANGE, "production title '%s' -> '%s'",
		    old_title != NULL ? old_title : "", p->title);
}

/* `import fountain FILE [--dry-run]` */
int
cli_import_fountain(struct cli *c, int argc, char **argv)
{
	struct fountain		 doc;
	struct fountain_plan	 plan;
	struct production	 prod;
	struct scene_list	 scenes;
	struct str_list		*cast = NULL;
	struct io_out		 o;
	const char		*file;
	char			*data, *cause;
	size_t			 len, i;
	int			 dry, rv;

	rv = io_import_args(c, argc, argv, &file, &dry);
	if (rv != 0)
		return rv;
	if (io_read(c, file, &data, &len) != 0)
		return 1;
	rv = io_fountain_parse(data, len, &doc, &cause);
	free(data);
	if (rv != 0)
		return io_bad_file(c, file, cause);
	memset(&scenes, 0, sizeof scenes);
	memset(&plan, 0, sizeof plan);
	memset(&prod, 0, sizeof prod);
	io_out_init(&o);
	rv = 1;
	if (io_start(c, dry) != 0)
		goto out;
	if (db_production_get(c->db, &prod, &cause) < 0 ||
	    db_scene_list(c->db, &scenes, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	cast = xcalloc(scenes.n + 1, sizeof *cast);
	for (i = 0; i < scenes.n; i++) {
		if (db_scene_characters_get(c->db, scenes.v[i].id, &cast[i],
		    &cause) != 0) {
			cli_fail(c, cause);
			goto out;
		}
	}
	if (io_fountain_plan(&doc, prod.title, &scenes, cast, &plan,
	    &cause) != 0) {
		io_bad_file(c, file, cause);
		goto out;
	}
	io_fountain_print(&plan, prod.title, &o);
	if (!dry && (io_fountain_apply(c, &plan) != 0 || cli_commit(c) != 0))
		goto out;
	for (i = 0; i < doc.warnings.n; i++)
		cli_warn("%s: %s", file, doc.warnings.v[i]);
	io_done(&o, file, &plan.tally, dry, "not in the script", "skipped");
	rv = 0;
out:
	buf_fini(&o.text);
	for (i = 0; cast != NULL && i < scenes.n; i++)
		str_list_free(&cast[i]);
	free(cast);
	production_free(&prod);
	scene_list_free(&scenes);
	io_fountain_plan_free(&plan);
	io_fountain_free(&doc);
	return rv;
}

/* ------------------------------------------------------------------ csv */

/* Arrange the shots of each scene the import reorders. */
static int
io_csv_order(struct cli *c, const struct csv_plan *p)
{
	const struct csv_order	*o;
	struct shot_list	 cur;
	long long		*want, *have = NULL, id;
	size_t			 i, j, k, n;
	char			*cause;
	int			 rv = 1;

	for (i = 0; i < p->orders.n; i++) {
		o = &p->orders.v[i];
		n = o->slots.n;
		want = xcalloc(n + 1, sizeof *want);
		for (j = 0; j < n; j++)
			want[j] = o->slots.v[j].shot_id > 0 ?
			    o->slots.v[j].shot_id :
			    p->shots.v[o->slots.v[j].action].shot_id;
		memset(&cur, 0, sizeof cur);
		if (db_shot_list(c->db, o->scene_id, -1, &cur, &cause) != 0) {
			free(want);
			return cli_fail(c, cause);
		}
		have = xcalloc(cur.n + 1, sizeof *have);
		for (j = 0; j < cur.n; j++)
			have[j] = cur.v[j].id;
		rv = 0;
		for (j = 0; j < n && j < cur.n && rv == 0; j++) {
			if (have[j] == want[j])
				continue;
			if (db_shot_move(c->db, want[j], o->scene_id, j == 0 ?
			    DB_PLACE_FIRST : want[j - 1], &cause) != 0) {
				rv = cli_fail(c, cause);
				break;
			}
			/* Do the same move on our copy of the order. */
			for (k = j; k < cur.n && have[k] != want[j]; k++)
				;
			id = k < cur.n ? have[k] : want[j];
			if (k < cur.n)
				memmove(have + j + 1, have + j,
				    (k - j) * sizeof *have);
			have[j] = id;
		}
		shot_list_free(&cur);
		free(have);
		free(want);
		if (rv != 0)
			return rv;
	}
	return 0;
}

static int
io_csv_apply_shots(struct cli *c, struct csv_plan *p)
{
	struct csv_shot_action	*a;
	char			*cause;
	size_t			 i;

	for (i = 0; i < p->shots.n; i++) {
		a = &p->shots.v[i];
		if (a->verb == IO_CREATE) {
			if (db_shot_add(c->db, &a->shot, DB_PLACE_END,
			    &cause) != 0)
				return cli_fail(c, cause);
			a->shot_id = a->shot.id;
			continue;
		}
		if (a->move && db_shot_move(c->db, a->shot_id,
		    a->shot.scene_id, DB_PLACE_END, &cause) != 0)
			return cli_fail(c, cause);
		if (a->edit && db_shot_update(c->db, &a->shot, &cause) != 0)
			return cli_fail(c, cause);
	}
	return io_csv_order(c, p);
}

/*
 * Write a take list's changes. The takes were read in this transaction,
 * so they are not read again, and the import is logged as one entry
 * (the plan printed lists each take's change): a log entry per take
 * was a fifth of a 100k-row import's time and grew the database by
 * 7.4 MB.
 */
static int
io_csv_apply_takes(struct cli *c, const struct csv_plan *p, const char *file)
{
	const struct csv_take_action	*a;
	const struct take		*t;
	char				*cause;
	size_t				 i, n = 0, nv = 0, nr = 0, nc = 0;

	for (i = 0; i < p->takes.n; i++) {
		a = &p->takes.v[i];
		t = &a->take;
		if (a->review && db_take_verdict_was(c->db, a->was, t->verdict,
		    t->verdict == VERDICT_REJECT ? &t->reasons : NULL,
		    t->in_ms, t->out_ms, &cause) != 0)
			return cli_fail(c, cause);
		if (a->rate && db_take_rate_was(c->db, a->was, t->rating,
		    &cause) != 0)
			return cli_fail(c, cause);
		if (a->cost && db_io_take_cost_was(c->db, a->was, t->cost,
		    &cause) != 0)
			return cli_fail(c, cause);
		n += a->verb == IO_CHANGE;
		nv += a->review;
		nr += a->rate;
		nc += a->cost;
	}
	if (n > 0 && db_log_add(c->db, &cause, "import", "take list",
	    fs_basename(file), "%zu %s changed: %zu reviewed, %zu rated, %zu "
	    "costed", n, n == 1 ? "take" : "takes", nv, nr, nc) != 0)
		return cli_fail(c, cause);
	return 0;
}

static void
io_csv_print(const struct csv_doc *d, const struct csv_plan *p,
    struct io_out *o)
{
	const struct csv_shot_action	*a;
	const struct csv_take_action	*t;
	size_t				 i;

	for (i = 0; i < p->shots.n; i++) {
		a = &p->shots.v[i];
		if (a->verb == IO_CREATE)
			io_out_line(o, a->verb, "shot %s in scene %s: %s",
			    a->shot.code, a->shot.scene_code,
			    a->shot.description);
		else if (a->verb == IO_CHANGE)
			io_out_line(o, a->verb, "shot %s (%s)", a->shot.code,
			    a->changes);
		else
			io_out_line(o, a->verb, "shot %s", a->shot.code);
	}
	for (i = 0; i < p->takes.n; i++) {
		t = &p->takes.v[i];
		io_out_take(o, t->verb, t->take.id, t->take.shot_code,
		    t->verb == IO_CHANGE ? t->changes : NULL);
	}
	(void)d;
}

/*
 * The takes a take list names, read one by one rather than the whole
 * production (an import of 100k rows into a million takes would hold
 * every take in memory). Returns 0, or 1 after an error.
 */
static int
io_csv_takes(struct cli *c, const struct csv_doc *d, struct take_list *out)
{
	long long	*ids;
	char		*cause;
	size_t		 i;
	int		 rv = 0;

	ids = xreallocarray(NULL, d->takes.n + 1, sizeof *ids);
	for (i = 0; i < d->takes.n; i++)
		ids[i] = d->takes.v[i].take_id;
	if (db_take_list_ids(c->db, ids, d->takes.n, out, &cause) != 0)
		rv = cli_fail(c, cause);
	free(ids);
	return rv;
}

/* `import csv FILE [--dry-run]` */
int
cli_import_csv(struct cli *c, int argc, char **argv)
{
	struct csv_doc		 doc;
	struct csv_plan		 plan;
	struct scene_list	 scenes;
	struct shot_list	 shots;
	struct take_list	 takes;
	struct prompt_list	 prompts;
	struct io_out		 o;
	const char		*file;
	char			*data, *cause;
	size_t			 len;
	int			 dry, rv;

	rv = io_import_args(c, argc, argv, &file, &dry);
	if (rv != 0)
		return rv;
	if (io_read(c, file, &data, &len) != 0)
		return 1;
	rv = io_csv_read(data, len, &doc, &cause);
	free(data);
	if (rv != 0)
		return io_bad_file(c, file, cause);
	memset(&scenes, 0, sizeof scenes);
	memset(&shots, 0, sizeof shots);
	memset(&takes, 0, sizeof takes);
	memset(&prompts, 0, sizeof prompts);
	memset(&plan, 0, sizeof plan);
	io_out_init(&o);
	rv = 1;
	if (io_start(c, dry) != 0)
		goto out;
	if (db_scene_list(c->db, &scenes, &cause) != 0 ||
	    db_shot_list(c->db, 0, -1, &shots, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (doc.kind == CSV_SHOTS) {
		if (io_csv_plan_shots(&doc, &scenes, &shots, &plan,
		    &cause) != 0) {
			io_bad_file(c, file, cause);
			goto out;
		}
	} else {
		if (io_csv_takes(c, &doc, &takes) != 0)
			goto out;
		if (io_prompts(c, &prompts) != 0)
			goto out;
		if (io_csv_plan_takes(&doc, &takes, &prompts, &plan,
		    &cause) != 0) {
			io_bad_file(c, file, cause);
			goto out;
		}
	}
	io_csv_print(&doc, &plan, &o);
	if (!dry) {
		if (doc.kind == CSV_SHOTS && io_csv_apply_shots(c, &plan) != 0)
			goto out;
		if (doc.kind == CSV_TAKES && io_csv_apply_takes(c, &plan, file) != 0)
			goto out;
		if (cli_commit(c) != 0)
			goto out;
	}
	io_done(&o, file, &plan.tally, dry, "kept", "skipped");
	rv = 0;
out:
	buf_fini(&o.text);
	io_csv_plan_free(&plan);
	io_csv_doc_free(&doc);
	scene_list_free(&scenes);
	shot_list_free(&shots);
	take_list_free(&takes);
	prompt_list_free(&prompts);
	return rv;
}

/* ------------------------------------------------------------------ edl */

/* The production's frame rate as an exact rate; 0 or 1 after an error. */
static int
io_rate(struct cli *c, struct io_rate *r)
{
	struct production	 p;
	char			*cause;
	int			 found;

	found = db_production_get(c->db, &p, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "the production has no settings row");
	found = io_timecode_rate(p.fps, r, &cause);
	production_free(&p);
	if (found != 0)
		return cli_fail(c, cause);
	return 0;
}

static int
io_edl_apply(struct cli *c, const struct edl_plan *p)
{
	const struct edl_action	*a;
	char			*cause;
	size_t			 i;
	int			 rv;

	for (i = 0; i < p->actions.n; i++) {
		a = &p->actions.v[i];
		if (a->verb != IO_CHANGE)
			continue;
		if (a->keep)
			rv = db_take_verdict(c->db, a->take_id, VERDICT_KEEP,
			    NULL, a->in_ms, a->out_ms, &cause);
		else
			rv = db_io_take_trim(c->db, a->take_id, a->in_ms,
			    a->out_ms, &cause);
		if (rv != 0)
			return cli_fail(c, cause);
	}
	return 0;
}

/* `import edl FILE [--dry-run]` */
int
cli_import_edl(struct cli *c, int argc, char **argv)
{
	struct edl		 edl;
	struct edl_plan		 plan;
	struct io_cut		 cut;
	struct take_list	 takes;
	struct take_filter	 f;
	struct io_rate		 rate;
	struct io_out		 o;
	const char		*file;
	char			*data, *cause;
	size_t			 len, i;
	int			 dry, rv;

	rv = io_import_args(c, argc, argv, &file, &dry);
	if (rv != 0)
		return rv;
	if (io_read(c, file, &data, &len) != 0)
		return 1;
	if (cli_db(c) == NULL || io_rate(c, &rate) != 0) {
		free(data);
		return 1;
	}
	if (!rate.has_tc) {
		free(data);
		cause = io_timecode_rate_name(&rate);
		cli_error(c, "an EDL needs SMPTE timecode, which %s fps does "
		    "not have", cause);
		free(cause);
		return 1;
	}
	rv = io_edl_parse(data, len, &rate, &edl, &cause);
	free(data);
	if (rv != 0)
		return io_bad_file(c, file, cause);
	memset(&takes, 0, sizeof takes);
	memset(&plan, 0, sizeof plan);
	memset(&cut, 0, sizeof cut);
	io_out_init(&o);
	rv = 1;
	if (io_start(c, dry) != 0)
		goto out;
	take_filter_init(&f);
	if (db_take_list(c->db, &f, &takes, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (io_cut_get(c, &cut) != 0)
		goto out;
	if (io_edl_plan(&edl, &rate, &takes, &cut, &plan, &cause) != 0) {
		io_bad_file(c, file, cause);
		goto out;
	}
	for (i = 0; i < plan.actions.n; i++)
		io_out_line(&o, plan.actions.v[i].verb, "%s",
		    plan.actions.v[i].text);
	if (!dry && (io_edl_apply(c, &plan) != 0 || cli_commit(c) != 0))
		goto out;
	for (i = 0; i < edl.warnings.n; i++)
		cli_warn("%s: %s", file, edl.warnings.v[i]);
	io_done(&o, file, &plan.tally, dry, "not in the EDL", "skipped");
	rv = 0;
out:
	buf_fini(&o.text);
	io_cut_free(&cut);
	io_edl_plan_free(&plan);
	io_edl_free(&edl);
	take_list_free(&takes);
	return rv;
}

/* -------------------------------------------------------------- exports */

/* `export csv [--shots | --takes] [-o FILE]` */
int
cli_export_csv(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "shots", no_argument, NULL, OPT_SHOTS },
		{ "takes", no_argument, NULL, OPT_TAKES },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct shot_list	 shots;
	struct take_list	 takes;
	struct prompt_list	 prompts;
	struct take_filter	 f;
	const char		*arg, *path = NULL;
	char			*cause, **rest, *text = NULL;
	int			 ch, want_shots = 0, want_takes = 0, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_SHOTS:
			want_shots = 1;
			break;
		case OPT_TAKES:
			want_takes = 1;
			break;
		case 'o':
			path = arg;
			break;
		default:
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 0)
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	if (want_shots && want_takes)
		return cli_usage_error(c, "--shots and --takes exclude each "
		    "other");
	if (cli_db(c) == NULL)
		return 1;
	memset(&shots, 0, sizeof shots);
	memset(&takes, 0, sizeof takes);
	memset(&prompts, 0, sizeof prompts);
	/* Shots, takes and variants from one snapshot. */
	if (db_read_begin(c->db, &cause) != 0 ||
	    db_shot_list(c->db, 0, -1, &shots, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (want_takes) {
		take_filter_init(&f);
		if (db_take_list(c->db, &f, &takes, &cause) != 0) {
			cli_fail(c, cause);
			goto out;
		}
		if (io_prompts(c, &prompts) != 0)
			goto out;
		db_read_end(c->db);
		text = io_csv_write_takes(&takes, &prompts);
	} else {
		db_read_end(c->db);
		text = io_csv_write_shots(&shots);
	}
	rv = io_write(c, path, text, strlen(text));
out:
	free(text);
	shot_list_free(&shots);
	take_list_free(&takes);
	prompt_list_free(&prompts);
	return rv;
}

/* Assemble the production's cut; 0 with *cut filled (io_cut_free), or 1
 * after an error. */
static int
io_cut_get(struct cli *c, struct io_cut *cut)
{
	struct production	 prod;
	struct scene_list	 scenes;
	struct shot_list	 shots;
	struct take_list	 takes;
	struct prompt_list	 prompts;
	struct take_filter	 f;
	char			*cause = NULL;
	int			 rv = 1;

	memset(cut, 0, sizeof *cut);
	memset(&prod, 0, sizeof prod);
	memset(&scenes, 0, sizeof scenes);
	memset(&shots, 0, sizeof shots);
	memset(&takes, 0, sizeof takes);
	memset(&prompts, 0, sizeof prompts);
	take_filter_init(&f);
	f.verdict = VERDICT_KEEP;
	f.state = TAKE_READY;
	if (db_production_get(c->db, &prod, &cause) < 0 ||
	    db_scene_list(c->db, &scenes, &cause) != 0 ||
	    db_shot_list(c->db, 0, -1, &shots, &cause) != 0 ||
	    db_take_list(c->db, &f, &takes, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (io_prompts(c, &prompts) != 0)
		goto out;
	if (io_cut_build(&prod, db_dir(c->db), &scenes, &shots, &takes,
	    &prompts, cut, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	rv = 0;
out:
	production_free(&prod);
	scene_list_free(&scenes);
	shot_list_free(&shots);
	take_list_free(&takes);
	prompt_list_free(&prompts);
	return rv;
}

/*
 * The options shared by the cut exports (-o FILE, --start TIMECODE),
 * then the cut itself, with its warnings and holes reported on stderr
 * (`hole` names what a missing shot leaves). Returns 0 with *cut filled
 * (io_cut_free), or the exit status.
 */
static int
io_cut_load(struct cli *c, int argc, char **argv, const char **path,
    const char *hole, struct io_cut *cut)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "start", required_argument, NULL, OPT_START },
		{ NULL, 0, NULL, 0 }
	};
	const struct io_item	*it;
	const char		*arg, *start = NULL;
	char			*cause = NULL, **rest, *secs;
	char			 tc[IO_TC_LEN];
	size_t			 i;
	int			 ch, rv;

	memset(cut, 0, sizeof *cut);
	*path = NULL;
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == 'o')
			*path = arg;
		else if (ch == OPT_START)
			start = arg;
		else
			return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 0)
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	if (cli_db(c) == NULL || db_read_begin(c->db, &cause) != 0)
		return cause != NULL ? cli_fail(c, cause) : 1;
	rv = io_cut_get(c, cut);
	db_read_end(c->db);
	if (rv != 0)
		return 1;
	if (start != NULL && (!cut->rate.has_tc ||
	    io_timecode_parse(&cut->rate, start, &cut->start, &cause) != 0)) {
		if (cause == NULL) {
			secs = io_timecode_rate_name(&cut->rate);
			cause = xasprintf("--start needs SMPTE timecode, which "
			    "%s fps does not have", secs);
			free(secs);
		}
		io_cut_free(cut);
		return cli_fail(c, cause);
	}
	for (i = 0; i < cut->warnings.n; i++)
		cli_warn("%s", cut->warnings.v[i]);
	for (i = 0; i < cut->items.n; i++) {
		it = &cut->items.v[i];
		if (it->kind != IO_GAP)
			continue;
		secs = units_fmt_seconds(io_timecode_ms(&cut->rate,
		    it->rec_out - it->rec_in));
		if (io_timecode_format(&cut->rate, cut->start + it->rec_in,
		    tc, sizeof tc) != 0)
			tc[0] = '\0';
		cli_warn("shot %s (scene %s) has %s: %s s %s%s%s", it->shot_code,
		    it->scene_code, it->why, secs, hole, tc[0] != '\0' ?
		    " at " : "", tc);
		free(secs);
	}
	if (cut->items.n == 0)
		cli_warn("the cut is empty (the storyboard has no shots)");
	return 0;
}

/* `export edl [-o FILE] [--start TIMECODE]` */
int
cli_export_edl(struct cli *c, int argc, char **argv)
{
	struct io_cut	 cut;
	const char	*path;
	struct buf	 b;
	char		*cause;
	int		 rv;

	rv = io_cut_load(c, argc, argv, &path, "hole in the record timecode",
	    &cut);
	if (rv != 0)
		return rv;
	buf_init(&b);
	if (io_edl_write(&cut, &b, &cause) != 0)
		rv = cli_fail(c, cause);
	else
		rv = io_write(c, path, buf_str(&b), b.len);
	buf_fini(&b);
	io_cut_free(&cut);
	return rv;
}

/* `export otio [-o FILE] [--start TIMECODE]` */
int
cli_export_otio(struct cli *c, int argc, char **argv)
{
	struct io_cut	 cut;
	const char	*path;
	char		*text;
	int		 rv;

	rv = io_cut_load(c, argc, argv, &path, "gap", &cut);
	if (rv != 0)
		return rv;
	text = io_otio_write(&cut);
	rv = io_write(c, path, text, strlen(text));
	free(text);
	io_cut_free(&cut);
	return rv;
}

/* `export fcpxml [-o FILE] [--start TIMECODE]` */
int
cli_export_fcpxml(struct cli *c, int argc, char **argv)
{
	struct io_cut	 cut;
	const char	*path;
	char		*text;
	int		 rv;

	rv = io_cut_load(c, argc, argv, &path, "gap", &cut);
	if (rv != 0)
		return rv;
	text = io_fcpxml_write(&cut);
	rv = io_write(c, path, text, strlen(text));
	free(text);
	io_cut_free(&cut);
	return rv;
}
