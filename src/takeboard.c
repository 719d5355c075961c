/* SPDX-License-Identifier: ISC */
/*
 * takeboard: a terminal storyboard and take tracker for AI video
 * production. main() sets the locale for the character type only (so
 * numbers keep their "C" decimal point) and hands over to the command
 * line.
 */
#include "config.h"

#include <locale.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	return cli_main(argc, argv, NULL);
}
