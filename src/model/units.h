/* SPDX-License-Identifier: ISC */
/*
 * Units of the data model: durations kept in milliseconds, money in
 * millionths of the currency unit, frame rates, frame sizes. Parsing is
 * strict and every error names the bad value.
 */
#ifndef TB_MODEL_UNITS_H
#define TB_MODEL_UNITS_H

#include <stdbool.h>

#define UNITS_MAX_MS	(1000LL * 3600 * 24 * 7)	/* a week of footage */
#define UNITS_MAX_MONEY	(1000000LL * 1000000000)	/* a billion */

int	 units_parse_seconds(const char *, long long *, char **);
int	 units_parse_money(const char *, long long *, char **);
int	 units_parse_fps(const char *, double *, char **);
int	 units_parse_frame_size(const char *, char **, char **);
int	 units_parse_currency(const char *, char **, char **);
char	*units_fmt_seconds(long long);
char	*units_fmt_money(long long);
double	 units_ms_to_s(long long);
double	 units_money_to_double(long long);

#endif
