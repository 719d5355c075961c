/* SPDX-License-Identifier: ISC */
/*
 * `takeboard report`: the producer's report, in txt, md, csv, json or
 * html, on the standard output or in a file. A file is written under a
 * temporary name in its folder, synced and renamed, so it is either the
 * old file or the whole new report, never half of one. The report
 * reads the database only.
 */
#include "config.h"

#include "cli/cli-report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "db/db.h"
#include "db/db-report.h"
#include "report/report.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"

enum {
	OPT_FORMAT = 256,
	OPT_SCENE,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_BACKEND,
	OPT_PERSON,
	OPT_TABLE
};

/* Write len bytes of s to fd; 0, or -1 with errno. */
static int
report_write_all(int fd, const char *s, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Put b in the file at path: written to a new hidden file beside it,
 * synced, then renamed over path. Returns 0, or -1 with *cause (and no
 * temporary file left behind).
 */
static int
report_place(const char *path, const struct buf *b, char **cause)
{
	char	*dir, *tmp = NULL;
	int	 fd = -1, i, rv = -1, saved;

	*cause = NULL;
	if (fs_is_dir(path)) {
		*cause = xasprintf("cannot write the report to %s: it is a "
		    "folder", path);
		return -1;
	}
	dir = fs_dirname(path);
	for (i = 0; i < 100; i++) {
		free(tmp);
		tmp = xasprintf("%s/.%s.%ld-%d.tmp", dir, fs_basename(path),
		    (long)getpid(), i);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	if (fd == -1) {
		*cause = xasprintf("cannot write the report to %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (report_write_all(fd, b->data != NULL ? b->data : "",
	    b->len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		*cause = xasprintf("cannot write the report to %s: %s", path,
		    strerror(saved));
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		*cause = xasprintf("cannot write the report to %s: %s", path,
		    strerror(saved));
		goto out;
	}
	fs_fsync_dir(dir);
	rv = 0;
out:
	free(tmp);
	free(dir);
	return rv;
}

/* Check a --backend or --person value against the takes; 0, or 1 after
 * an error naming the values there are. */
static int
report_check_name(struct cli *c, enum report_by by, const char *value)
{
	struct str_list	 names;
	char		*cause, *all;
	size_t		 i;
	int		 rv;

	memset(&names, 0, sizeof names);
	if (db_report_names(c->db, by, &names, &cause) != 0)
		return cli_fail(c, cause);
	for (i = 0; i < names.n; i++) {
		if (strcmp(names.v[i], value) == 0) {
			str_list_free(&names);
			return 0;
		}
	}
	all = str_list_join(&names, ", ");
	if (by == REPORT_BY_BACKEND)
		rv = cli_error(c, "no take was made with backend '%s' (%s%s)",
		    value, names.n > 0 ? "backends: " : "no take has a "
		    "backend", all);
	else
		rv = cli_error(c, "no take was made by '%s' (%s%s)", value,
		    names.n > 0 ? "people: " : "there are no takes", all);
	free(all);
	str_list_free(&names);
	return rv;
}

/* `report [--format txt|md|csv|json|html] [-o FILE] [--scene CODE]
 * [--since DATE] [--until DATE] [--backend B] [--person P]
 * [--table NAME]` */
int
cli_report(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "scene", required_argument, NULL, OPT_SCENE },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "person", required_argument, NULL, OPT_PERSON },
		{ "table", required_argument, NULL, OPT_TABLE },
		{ NULL, 0, NULL, 0 }
	};
	struct report_filter	 f;
	struct report_out	 out;
	struct report		 r;
	struct scene		 sc;
	struct buf		 b;
	const char		*arg, *output = NULL, *scene = NULL;
	char			*cause, **rest;
	long long		 since = 0, until = 0;
	int			 ch, have_format = 0, rv;

	memset(&f, 0, sizeof f);
	memset(&out, 0, sizeof out);
	out.format = REPORT_TXT;
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_FORMAT:
			if (report_format_parse(arg, &out.format, &cause) != 0)
				return cli_fail(c, cause);
			have_format = 1;
			break;
		case 'o':
			if (*arg == '\0')
				return cli_usage_error(c, "option -o needs a "
				    "file name");
			output = arg;
			break;
		case OPT_SCENE:
			scene = arg;
			break;
		case OPT_SINCE:
			if (report_day_parse(arg, &since) != 0)
				return cli_error(c, "bad date '%s' for --since "
				    "(want YYYY-MM-DD, such as 2026-10-05)",
				    arg);
			f.since = arg;
			break;
		case OPT_UNTIL:
			if (report_day_parse(arg, &until) != 0)
				return cli_error(c, "bad date '%s' for --until "
				    "(want YYYY-MM-DD, such as 2026-10-05)",
				    arg);
			f.until = arg;
			break;
		case OPT_BACKEND:
			f.backend = arg;
			break;
		case OPT_PERSON:
			f.person = arg;
			break;
		case OPT_TABLE:
			out.table = arg;
			break;
		default:
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 0)
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	if (output != NULL && strcmp(output, "-") == 0)
		output = NULL;
	if (output != NULL && !have_format) {
		rv = report_format_from_path(output, &out.format);
		if (rv < 0)
			return cli_error(c, "cannot tell the format from the "
			    "name '%s' (use .txt, .md, .csv, .json or .html, "
			    "or give --format)", output);
	}
	if (f.since != NULL && f.until != NULL && since > until)
		return cli_error(c, "--since %s is after --until %s", f.since,
		    f.until);
	if (out.table != NULL && (out.format == REPORT_JSON ||
	    out.format == REPORT_HTML))
		return cli_error(c, "--table applies to the csv, md and txt "
		    "formats, not %s", report_format_name(out.format));
	if ((f.backend != NULL && *f.backend == '\0') ||
	    (f.person != NULL && *f.person == '\0'))
		return cli_error(c, "--backend and --person need a name");

	if (cli_db(c) == NULL)
		return 1;
	if (scene != NULL) {
		if (cli_scene(c, scene, &sc) != 0)
			return 1;
		f.scene_id = sc.id;
		scene_free(&sc);
	}
	if (f.backend != NULL &&
	    report_check_name(c, REPORT_BY_BACKEND, f.backend) != 0)
		return 1;
	if (f.person != NULL &&
	    report_check_name(c, REPORT_BY_PERSON, f.person) != 0)
		return 1;

	/* One snapshot for every table of the report. */
	if (db_read_begin(c->db, &cause) != 0)
		return cli_fail(c, cause);
	rv = report_gather(c->db, &f, &r, &cause);
	db_read_end(c->db);
	if (rv != 0) {
		report_free(&r);
		return cli_fail(c, cause);
	}
	out.color = output == NULL && c->color && out.format == REPORT_TXT;
	buf_init(&b);
	rv = report_render(&r, &out, &b, &cause);
	report_free(&r);
	if (rv != 0) {
		buf_fini(&b);
		return cli_fail(c, cause);
	}
	if (output != NULL) {
		rv = report_place(output, &b, &cause);
		buf_fini(&b);
		if (rv != 0)
			return cli_fail(c, cause);
		return 0;
	}
	if (b.len > 0)
		fwrite(b.data, 1, b.len, stdout);
	buf_fini(&b);
	return 0;
}
