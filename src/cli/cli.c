/* SPDX-License-Identifier: ISC */
/*
 * `takeboard [-f FILE] COMMAND ...`: global options, the command table
 * (the single source of usage and help text), and the helpers shared by
 * the command modules. Messages go to stderr as "takeboard: ...", after
 * the sanitiser, since they often quote what the user or the database
 * gave us.
 */
#include "config.h"

#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "util/sanitize.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/clock.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-take.h"
#include "cli/cli-demo.h"
#include "cli/cli-gen.h"
#include "cli/cli-io.h"
#include "cli/cli-maint.h"
#include "cli/cli-prod.h"
#include "cli/cli-prompt.h"
#include "cli/cli-report.h"
#include "cli/cli-scene.h"
#include "cli/cli-shot.h"
#include "cli/cli-stats.h"
#include "cli/cli-take.h"

static int	 cli_help(struct cli *, int, char **);

static const struct cli_cmd cli_cmds[] = {
	{ NULL, "init", "[--title T] [--fps N] [--currency C] [--shared]",
	  "create a production in the current folder", cli_init },
	{ NULL, "demo", "[DIR]",
	  "create a sample production to explore", cli_demo },
	{ NULL, "production", "[--title T] [--fps N] [--currency C] [--json]",
	  "show or change the production", cli_production },
	{ NULL, "backup", "FILE",
	  "write a consistent copy of the database", cli_backup },
	{ NULL, "check", "[--json]",
	  "check the database and the clips", cli_check },

	{ "scene", "add", "HEADING [--code C] [--after CODE | --first] "
	  "[--synopsis T] [--notes T] [--status S]",
	  "add a scene", cli_scene_add },
	{ "scene", "list", "[--json]",
	  "list the scenes in order", cli_scene_list },
	{ "scene", "show", "CODE [--json]",
	  "show one scene", cli_scene_show },
	{ "scene", "edit", "CODE [--code NEW] [--heading H] [--synopsis T] "
	  "[--notes T] [--status S]",
	  "change a scene", cli_scene_edit },
	{ "scene", "move", "CODE (--after CODE | --first)",
	  "move a scene in the storyboard", cli_scene_move },
	{ "scene", "rm", "CODE [--force]",
	  "delete a scene", cli_scene_rm },

	{ "shot", "add", "SCENE DESCRIPTION [--code C] [--after SHOT | "
	  "--first] [--size S] [--angle A] [--move M] [--lens L] "
	  "[--seconds N] [--action T] [--dialogue T] [--notes T] "
	  "[--status S]",
	  "add a shot to a scene", cli_shot_add },
	{ "shot", "list", "[SCENE] [--status S] [--json]",
	  "list shots in storyboard order", cli_shot_list },
	{ "shot", "show", "SHOT [--json]",
	  "show one shot with its variants", cli_shot_show },
	{ "shot", "edit", "SHOT [--code NEW] [--description T] [--size S] "
	  "[--angle A] [--move M] [--lens L] [--seconds N] [--action T] "
	  "[--dialogue T] [--notes T] [--status S]",
	  "change a shot", cli_shot_edit },
	{ "shot", "move", "SHOT (--after SHOT | --first | --scene SCENE)",
	  "move a shot within or between scenes", cli_shot_move },
	{ "shot", "status", "SHOT STATUS",
	  "set a shot's status", cli_shot_status },
	{ "shot", "rm", "SHOT [--force]",
	  "delete a shot", cli_shot_rm },

	{ "prompt", "add", "SHOT [TEXT | --file F | -] [--label L] "
	  "[--model M] [--seconds N] [--size WxH] [--from VARIANT]",
	  "add a prompt variant (no text: open $VISUAL/$EDITOR)",
	  cli_prompt_add },
	{ "prompt", "list", "SHOT [--json]",
	  "list a shot's prompt variants", cli_prompt_list },
	{ "prompt", "show", "VARIANT [--json]",
	  "show a prompt variant", cli_prompt_show },
	{ "prompt", "diff", "VARIANT VARIANT",
	  "word diff of two variants", cli_prompt_diff },
	{ "prompt", "rm", "VARIANT [--force]",
	  "delete a prompt variant", cli_prompt_rm },

	{ "take", "add", "SHOT [--prompt VARIANT] [--seconds N] [--cost X] "
	  "[--backend B] [--model M] [--move] [--failed TEXT] [FILE...]",
	  "register takes made elsewhere", cli_take_add },
	{ "take", "list", "[SHOT] [--scene CODE] [--prompt VARIANT] "
	  "[--verdict V] [--status S] [--json]",
	  "list takes", cli_take_list },
	{ "take", "show", "TAKE [--json]",
	  "show one take", cli_take_show },
	{ "take", "keep", "TAKE [--in S] [--out S]",
	  "keep a take, optionally trimmed", cli_take_keep },
	{ "take", "maybe", "TAKE",
	  "mark a take maybe", cli_take_maybe },
	{ "take", "reject", "TAKE [--reason TAG]...",
	  "reject a take, with reasons", cli_take_reject },
	{ "take", "unreview", "TAKE",
	  "clear a take's verdict", cli_take_unreview },
	{ "take", "rate", "TAKE N",
	  "rate a take 1 to 5 (0 clears)", cli_take_rate },
	{ "take", "note", "TAKE TEXT",
	  "set a take's note", cli_take_note },
	{ "take", "rm", "TAKE [--force]",
	  "delete a take", cli_take_rm },

	{ NULL, "report", "[--format txt|md|csv|json|html] [-o FILE] "
	  "[--scene CODE] [--since DATE] [--until DATE] [--backend B] "
	  "[--person P] [--table NAME]",
	  "the producer's report: keep ratios, cost, progress", cli_report },

	{ "import", "fountain", "FILE [--dry-run]",
	  "import scenes from a Fountain screenplay", cli_import_fountain },
	{ "import", "csv", "FILE [--dry-run]",
	  "import a CSV shot list", cli_import_csv },
	{ "import", "edl", "FILE [--dry-run]",
	  "match an edited CMX 3600 EDL back to takes", cli_import_edl },
	{ "export", "csv", "[--shots | --takes] [-o FILE]",
	  "export the shot list or the takes as CSV", cli_export_csv },
	{ "export", "edl", "[-o FILE] [--start TIMECODE]",
	  "export the cut as a CMX 3600 EDL", cli_export_edl },
	{ "export", "otio", "[-o FILE] [--start TIMECODE]",
	  "export the cut as OpenTimelineIO", cli_export_otio },
	{ "export", "fcpxml", "[-o FILE] [--start TIMECODE]",
	  "export the cut as FCPXML 1.10", cli_export_fcpxml },

	{ NULL, "gen", "VARIANT [-n COUNT] [--backend NAME] [--model M] "
	  "[--seconds N] [--size WxH] [--remix TAKE] [--yes]",
	  "generate takes of a prompt variant", cli_gen },
	{ NULL, "sync", "[--watch]",
	  "follow unfinished jobs and download clips", cli_sync },
	{ NULL, "jobs", "[--json]",
	  "what is in flight, queued, failed or undecided", cli_jobs },
	{ NULL, "cancel", "TAKE",
	  "cancel a take's generation", cli_cancel },
	{ NULL, "retry", "TAKE",
	  "submit a failed take's request again", cli_retry },
	{ NULL, "budget", "[AMOUNT | none]",
	  "show or set the production's budget cap", cli_budget },

	{ NULL, "stats", "[--by production|scene|shot|prompt|backend|model] "
	  "[--scene CODE] [--shot CODE] [--json]",
	  "keep ratio, usage and cost", cli_stats },
	{ NULL, "log", "[N] [--json]",
	  "who changed what, newest first", cli_log },
	{ NULL, "help", "[COMMAND]",
	  "show help for a command", cli_help },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* Print the usage of one command, to stdout or stderr. */
void
cli_usage(const struct cli_cmd *cmd, bool to_stdout)
{
	FILE	*f = to_stdout ? stdout : stderr;

	fprintf(f, "usage: takeboard [-f FILE] %s%s%s %s\n",
	    cmd->group != NULL ? cmd->group : "",
	    cmd->group != NULL ? " " : "", cmd->name, cmd->args);
}

static void
cli_usage_all(FILE *f)
{
	const struct cli_cmd	*cmd;

	fputs("usage: takeboard [-f FILE] [--no-color] [-h] [-V] [COMMAND "
	    "[ARGS...]]\n\nPlan a film as scenes and shots, track the takes "
	    "a video generator makes,\nand see how few are kept. With no "
	    "command, takeboard opens the production\nin its full-screen "
	    "interface.\n\nCommands:\n", f);
	for (cmd = cli_cmds; cmd->name != NULL; cmd++) {
		char *name = xasprintf("%s%s%s", cmd->group != NULL ?
		    cmd->group : "", cmd->group != NULL ? " " : "", cmd->name);

		fprintf(f, "  %-17s %s\n", name, cmd->help);
		free(name);
	}
	fputs("\n'takeboard help COMMAND' shows a command's options; "
	    "takeboard(1) has the rest.\n", f);
}

static void
cli_vmessage(const char *fmt, va_list ap)
{
	char	*s, *clean;

	s = xvasprintf(fmt, ap);
	clean = sanitize_line(s);
	fflush(stdout);
	fprintf(stderr, "takeboard: %s\n", clean);
	free(clean);
	free(s);
}

static void
cli_message(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	cli_vmessage(fmt, ap);
	va_end(ap);
}

/* Warn on stderr ("takeboard: warning: ..."); the command goes on. */
void
cli_warn(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	cli_message("warning: %s", s);
	free(s);
}

/* Report a runtime error; returns 1 (the exit status). Rolls back an
 * open transaction, so a failed command changes nothing. */
int
cli_error(struct cli *c, const char *fmt, ...)
{
	va_list	 ap;

	if (c != NULL && c->db != NULL)
		db_rollback(c->db);
	va_start(ap, fmt);
	cli_vmessage(fmt, ap);
	va_end(ap);
	return 1;
}

/* Report an error message from a lower layer (and free it); returns 1. */
int
cli_fail(struct cli *c, char *cause)
{
	cli_error(c, "%s", cause != NULL ? cause : "unknown error");
	free(cause);
	return 1;
}

/* Report a usage error with the command's usage line; returns 2. */
int
cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	cli_vmessage(fmt, ap);
	va_end(ap);
	if (c != NULL && c->cmd != NULL)
		cli_usage(c->cmd, false);
	else
		fputs("usage: takeboard [-f FILE] [-h] [-V] COMMAND "
		    "[ARGS...]\n", stderr);
	return 2;
}

/* The production database, opened on first use; NULL after printing an
 * error. */
struct db *
cli_db(struct cli *c)
{
	char	*path, *cause;

	if (c->db != NULL)
		return c->db;
	if (db_locate(c->dbopt, &path, &cause) != 0) {
		cli_fail(c, cause);
		return NULL;
	}
	if (db_open(path, 0, &c->db, &cause) != 0) {
		free(path);
		cli_fail(c, cause);
		return NULL;
	}
	free(path);
	return c->db;
}

/* Open the database and start a write transaction; 0, or 1 on error. */
int
cli_begin(struct cli *c)
{
	char	*cause;

	if (cli_db(c) == NULL)
		return 1;
	if (db_begin(c->db, &cause) != 0)
		return cli_fail(c, cause);
	return 0;
}

/* Commit the command's transaction; 0, or 1 on error. */
int
cli_commit(struct cli *c)
{
	char	*cause;

	if (db_commit(c->db, &cause) != 0)
		return cli_fail(c, cause);
	return 0;
}

/* Check that text given for a field (named `what`) is valid UTF-8;
 * 0, or 1 after an error. NULL is fine. */
int
cli_text(struct cli *c, const char *what, const char *s)
{
	if (s == NULL || str_utf8_valid(s))
		return 0;
	return cli_error(c, "the %s is not valid UTF-8 text", what);
}

/* Resolve a scene code; 0 with *sc filled, or 1 after an error. */
int
cli_scene(struct cli *c, const char *code, struct scene *sc)
{
	char	*cause;
	int	 found;

	if (cli_db(c) == NULL)
		return 1;
	found = db_scene_get(c->db, code, sc, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "no scene '%s' (see 'takeboard scene "
		    "list')", code);
	return 0;
}

/* Resolve a shot code; 0 with *sh filled, or 1 after an error. */
int
cli_shot(struct cli *c, const char *code, struct shot *sh)
{
	char	*cause;
	int	 found;

	if (cli_db(c) == NULL)
		return 1;
	found = db_shot_get(c->db, code, sh, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "no shot '%s' (see 'takeboard shot list')",
		    code);
	return 0;
}

/* Resolve a variant reference (ID or SHOT/LABEL); 0 or 1 after error. */
int
cli_prompt(struct cli *c, const char *ref, struct prompt *pr)
{
	char	*cause;
	int	 found;

	if (cli_db(c) == NULL)
		return 1;
	found = db_prompt_find(c->db, ref, pr, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "no prompt variant '%s' (give its id or "
		    "SHOT/LABEL, see 'takeboard prompt list SHOT')", ref);
	return 0;
}

/* Resolve a take id; 0 with *tk filled, or 1 after an error. */
int
cli_take(struct cli *c, const char *ref, struct take *tk)
{
	long long	 id;
	char		*cause;
	int		 found;

	if (str_to_ll(ref, 1, 0x7fffffffffffffffLL, &id) != 0)
		return cli_error(c, "bad take id '%s' (want a number such as "
		    "17)", ref);
	if (cli_db(c) == NULL)
		return 1;
	found = db_take_get(c->db, id, tk, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "no take %lld (see 'takeboard take list')",
		    id);
	return 0;
}

static const struct cli_cmd *
cli_find(int argc, char **argv, int *used)
{
	const struct cli_cmd	*cmd;

	*used = 0;
	for (cmd = cli_cmds; cmd->name != NULL; cmd++) {
		if (cmd->group == NULL && strcmp(cmd->name, argv[0]) == 0) {
			*used = 1;
			return cmd;
		}
		if (cmd->group != NULL && strcmp(cmd->group, argv[0]) == 0 &&
		    argc > 1 && strcmp(cmd->name, argv[1]) == 0) {
			*used = 2;
			return cmd;
		}
	}
	return NULL;
}

static bool
cli_is_group(const char *name)
{
	const struct cli_cmd	*cmd;

	for (cmd = cli_cmds; cmd->name != NULL; cmd++) {
		if (cmd->group != NULL && strcmp(cmd->group, name) == 0)
			return true;
	}
	return false;
}

static void
cli_group_usage(FILE *f, const char *group)
{
	const struct cli_cmd	*cmd;

	for (cmd = cli_cmds; cmd->name != NULL; cmd++) {
		if (cmd->group != NULL && strcmp(cmd->group, group) == 0)
			fprintf(f, "usage: takeboard [-f FILE] %s %s %s\n",
			    cmd->group, cmd->name, cmd->args);
	}
}

/* `takeboard help [COMMAND]`. */
static int
cli_help(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd	*cmd;
	int			 used;

	(void)c;
	if (argc < 2) {
		cli_usage_all(stdout);
		return 0;
	}
	cmd = cli_find(argc - 1, argv + 1, &used);
	if (cmd != NULL) {
		cli_usage(cmd, true);
		printf("%s\n", cmd->help);
		return 0;
	}
	if (cli_is_group(argv[1])) {
		cli_group_usage(stdout, argv[1]);
		return 0;
	}
	return cli_usage_error(NULL, "no command '%s'", argv[1]);
}

static int
cli_width(void)
{
	struct winsize	 ws;
	const char	*env;
	long long	 v;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	env = getenv("COLUMNS");
	if (env != NULL && str_to_ll(env, 20, 10000, &v) == 0)
		return (int)v;
	return 80;
}

/* Environment variables with a bad value are errors, not ignored. */
static int
cli_check_env(void)
{
	const char	*v;
	long long	 n;
	time_t		 t;

	v = getenv("TAKEBOARD_NOW");
	if (v != NULL && *v != '\0' && clock_parse_iso(v, &t) != 0)
		return cli_error(NULL, "bad TAKEBOARD_NOW '%s' (want a UTC "
		    "time such as 2026-11-01T12:00:00Z)", v);
	v = getenv("TAKEBOARD_BUSY_TIMEOUT");
	if (v != NULL && *v != '\0' && str_to_ll(v, 0, 600000, &n) != 0)
		return cli_error(NULL, "bad TAKEBOARD_BUSY_TIMEOUT '%s' (want "
		    "milliseconds from 0 to 600000)", v);
	return 0;
}

static bool
cli_wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

/* No command: open the full-screen interface on the production, or
 * print the usage when there is no interface or no terminal. */
static int
cli_open_ui(struct cli *c, cli_ui_fn *ui, int flags, long max_redraws)
{
	char	*path, *cause;
	int	 rv;

	if (ui == NULL || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_usage_all(stdout);
		return 0;
	}
	if (db_locate(c->dbopt, &path, &cause) != 0)
		return cli_fail(c, cause);
	rv = ui(path, flags, max_redraws);
	free(path);
	return rv;
}

/* The program: parse global options and run one command, or open the
 * interface `ui` (may be NULL) when there is none. */
int
cli_main(int argc, char **argv, cli_ui_fn *ui)
{
	struct cli		 c;
	const struct cli_cmd	*cmd;
	const char		*env;
	long long		 max_redraws = 0;
	int			 i, used, rv, ui_flags = 0;

	memset(&c, 0, sizeof c);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			cli_usage_all(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0) {
			printf("takeboard %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "--no-color") == 0) {
			ui_flags |= CLI_UI_NO_COLOR;
			continue;
		}
		if (strncmp(argv[i], "--max-redraws=", 14) == 0) {
			/* For automated smoke runs of the interface. */
			if (str_to_ll(argv[i] + 14, 1, 1000000000,
			    &max_redraws) != 0)
				return cli_usage_error(NULL, "bad %s", argv[i]);
			continue;
		}
		if (strcmp(argv[i], "-f") == 0 ||
		    strcmp(argv[i], "--file") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error(NULL, "option %s needs "
				    "a value", argv[i]);
			c.dbopt = argv[++i];
		} else if (strncmp(argv[i], "--file=", 7) == 0)
			c.dbopt = argv[i] + 7;
		else if (strncmp(argv[i], "-f", 2) == 0)
			c.dbopt = argv[i] + 2;
		else
			return cli_usage_error(NULL, "unknown option %s",
			    argv[i]);
	}
	if (c.dbopt != NULL && *c.dbopt == '\0')
		return cli_usage_error(NULL, "option -f needs a file name");
	if (i >= argc) {
		env = getenv("NO_COLOR");
		if (env != NULL && *env != '\0')
			ui_flags |= CLI_UI_NO_COLOR;
		if (cli_check_env() != 0)
			return 1;
		return cli_open_ui(&c, ui, ui_flags, (long)max_redraws);
	}
	argc -= i;
	argv += i;
	cmd = cli_find(argc, argv, &used);
	if (cmd == NULL) {
		if (cli_is_group(argv[0])) {
			if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
			    strcmp(argv[1], "--help") == 0)) {
				cli_group_usage(stdout, argv[0]);
				return 0;
			}
			if (argc > 1)
				cli_message("no command '%s %s'", argv[0],
				    argv[1]);
			else
				cli_message("'%s' needs a command", argv[0]);
			cli_group_usage(stderr, argv[0]);
			return 2;
		}
		return cli_usage_error(NULL, "no command '%s' (see 'takeboard "
		    "help')", argv[0]);
	}
	c.cmd = cmd;
	if (cli_check_env() != 0)
		return 1;
	c.tty = isatty(STDOUT_FILENO);
	env = getenv("NO_COLOR");
	c.color = c.tty && (env == NULL || *env == '\0');
	c.width = c.tty ? cli_width() : 0;
	if (cli_wants_help(argc - used + 1, argv + used - 1)) {
		cli_usage(cmd, true);
		printf("%s\n", cmd->help);
		return 0;
	}
	/* Commands see their own name as argv[0]. */
	rv = cmd->fn(&c, argc - used + 1, argv + used - 1);
	if (c.db != NULL)
		db_close(c.db);
	if (fflush(stdout) != 0 && rv == 0) {
		fprintf(stderr, "takeboard: cannot write the output\n");
		rv = 1;
	}
	return rv;
}
