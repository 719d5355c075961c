/* SPDX-License-Identifier: ISC */
/*
 * The command line: dispatch of `takeboard COMMAND ...` and the helpers
 * every command module shares (opening the production, transactions,
 * error and usage reporting, resolving codes). Commands return the exit
 * status: 0 success, 1 runtime error, 2 usage error.
 */
#ifndef TB_CLI_CLI_H
#define TB_CLI_CLI_H

#include <stdbool.h>

#include "util/xmalloc.h"

struct db;
struct scene;
struct shot;
struct prompt;
struct take;
struct cli;

/* Arguments for "%lld %s%s": a count and a noun, plural when needed. */
#define CLI_N(n, noun)	(long long)(n), (noun), ((n) == 1 ? "" : "s")

typedef int cli_fn(struct cli *, int, char **);

/* One command of the table in cli.c. */
struct cli_cmd {
	const char	*group;		/* "scene", or NULL for a top command */
	const char	*name;		/* "add" */
	const char	*args;		/* usage after the name */
	const char	*help;		/* one line */
	cli_fn		*fn;
};

struct cli {
	const char		*dbopt;		/* -f FILE, or NULL */
	struct db		*db;		/* opened on demand */
	const struct cli_cmd	*cmd;		/* the running command */
	bool			 tty;		/* stdout is a terminal */
	bool			 color;		/* tty and no NO_COLOR */
	int			 width;		/* terminal columns, 0 if none */
};

/* The full-screen interface, run when no command is given: the path of
 * the production, TUI_NO_COLOR-style flags, a redraw limit (0: none). */
typedef int cli_ui_fn(const char *, int, long);

#define CLI_UI_NO_COLOR	0x1

int	 cli_main(int, char **, cli_ui_fn *);
struct db *cli_db(struct cli *);
int	 cli_begin(struct cli *);
int	 cli_commit(struct cli *);
void	 cli_warn(const char *, ...) TB_PRINTF(1, 2);
int	 cli_fail(struct cli *, char *);
int	 cli_error(struct cli *, const char *, ...) TB_PRINTF(2, 3);
int	 cli_usage_error(struct cli *, const char *, ...) TB_PRINTF(2, 3);
void	 cli_usage(const struct cli_cmd *, bool);
int	 cli_text(struct cli *, const char *, const char *);
int	 cli_scene(struct cli *, const char *, struct scene *);
int	 cli_shot(struct cli *, const char *, struct shot *);
int	 cli_prompt(struct cli *, const char *, struct prompt *);
int	 cli_take(struct cli *, const char *, struct take *);

#endif
