/* SPDX-License-Identifier: ISC */
/*
 * Output of the command line: aligned tables whose cells are sanitised
 * for the terminal, JSON documents built with cJSON, and colour that is
 * used only on a terminal and never with NO_COLOR.
 */
#ifndef TB_CLI_CLI_OUT_H
#define TB_CLI_CLI_OUT_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "util/xmalloc.h"

struct cli;
struct stats;
struct table;

#define TABLE_LEFT	0x0
#define TABLE_RIGHT	0x1	/* numbers */
#define TABLE_FLEX	0x2	/* may be clipped to fit the terminal */

struct table *table_new(void);
void	 table_col(struct table *, const char *, int);
void	 table_cell(struct table *, const char *);
void	 table_cellf(struct table *, const char *, ...) TB_PRINTF(2, 3);
void	 table_print(struct table *, const struct cli *);
void	 table_free(struct table *);

void	 out_json(cJSON *);
void	 out_json_str(cJSON *, const char *, const char *);
void	 out_json_ms(cJSON *, const char *, long long);
void	 out_json_money(cJSON *, const char *, long long);
void	 out_json_ratio(cJSON *, const char *, bool, double);
void	 out_json_stats(cJSON *, const struct stats *);
void	 out_line(const char *, ...) TB_PRINTF(1, 2);
void	 out_text(const char *);
void	 out_lines(char *);
const char *out_color(const struct cli *, const char *);

#endif
