/* SPDX-License-Identifier: ISC */
/*
 * Prompt variants in the database. A variant is never edited once it
 * exists (its takes' statistics depend on its text): a changed phrasing
 * is a new variant derived from it (parent_id). Writes run inside
 * db_begin()/db_commit().
 */
#ifndef TB_DB_DB_PROMPT_H
#define TB_DB_DB_PROMPT_H

#include "model/board.h"
#include "db/db-board.h"

struct db;

int	 db_prompt_get(struct db *, long long, struct prompt *, char **);
int	 db_prompt_find(struct db *, const char *, struct prompt *, char **);
int	 db_prompt_list(struct db *, long long, struct prompt_list *, char **);
int	 db_prompt_list_all(struct db *, struct prompt_list *, char **);
int	 db_prompt_add(struct db *, struct prompt *, char **);
int	 db_prompt_rm(struct db *, long long, char **);
int	 db_prompt_counts(struct db *, long long, struct board_counts *,
	     char **);

#endif
