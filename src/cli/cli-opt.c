/* SPDX-License-Identifier: ISC */
/*
 * A thin layer over getopt_long. Long options only (plus -n style short
 * forms where a long option's `val` is a printable character), with
 * getopt's own messages replaced by ours.
 */
#include "config.h"

#include "cli/cli-opt.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "cli/cli.h"

static int	 cli_opt_inited;

/* Reset getopt for a new command line. */
void
cli_opt_start(void)
{
	optind = 0;	/* glibc: full re-initialisation */
	opterr = 0;
	cli_opt_inited = 1;
}

/*
 * The next option of argv: its `val` with *arg set to its value (or
 * NULL), CLI_OPT_END when there are no more, or CLI_OPT_ERROR after a
 * usage error was printed.
 */
int
cli_opt_next(struct cli *c, int argc, char **argv, const struct option *longs,
    const char **arg)
{
	struct buf	 shorts;
	const struct option *o;
	int		 ch;

	if (!cli_opt_inited)
		cli_opt_start();
	buf_init(&shorts);
	buf_addc(&shorts, ':');
	for (o = longs; o->name != NULL; o++) {
		if (o->val > 0 && o->val < 128 && isalnum(o->val)) {
			buf_addc(&shorts, (char)o->val);
			if (o->has_arg == required_argument)
				buf_addc(&shorts, ':');
		}
	}
	ch = getopt_long(argc, argv, buf_str(&shorts), longs, NULL);
	buf_fini(&shorts);
	*arg = optarg;
	if (ch == -1) {
		cli_opt_inited = 0;
		return CLI_OPT_END;
	}
	if (ch == '?' || ch == ':') {
		const char *bad = argv[optind - 1];

		cli_opt_inited = 0;
		if (ch == ':')
			cli_usage_error(c, "option %s needs a value", bad);
		else if (optopt != 0 && strncmp(bad, "--", 2) != 0)
			cli_usage_error(c, "unknown option -%c", optopt);
		else
			cli_usage_error(c, "unknown option %s", bad);
		return CLI_OPT_ERROR;
	}
	return ch;
}

/* After the options: point *rest at the arguments and return their
 * count. */
int
cli_opt_rest(int argc, char **argv, char ***rest)
{
	*rest = argv + optind;
	return argc - optind;
}
