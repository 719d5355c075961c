/* SPDX-License-Identifier: ISC */
/*
 * takeboard: a terminal storyboard and take tracker for AI video
 * production. main() sets the locale for the character type only (so
 * numbers keep their "C" decimal point) and hands over to the command
 * line, which opens the full-screen interface when no command is given.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"
#include "tui/tui-keys.h"

int
main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	if (argc == 2 && strcmp(argv[1], "--keys") == 0) {
		/* The interface's key bindings, from its key table. */
		tui_keys_print();
		return fflush(stdout) == 0 ? 0 : 1;
	}
	return cli_main(argc, argv, tui_main);
}
