/* SPDX-License-Identifier: ISC */
/*
 * Time and attribution: the current time as ISO 8601 UTC (fixed through
 * TAKEBOARD_NOW in tests) and the name of the user making a change.
 */
#ifndef TB_MODEL_CLOCK_H
#define TB_MODEL_CLOCK_H

#include <time.h>

long long clock_ms(void);
time_t	 clock_now(void);
char	*clock_iso(time_t);
char	*clock_now_iso(void);
int	 clock_parse_iso(const char *, time_t *);
const char *clock_user(void);
void	 clock_fix(time_t);
void	 clock_set_user(const char *);

#endif
