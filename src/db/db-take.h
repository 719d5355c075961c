/* SPDX-License-Identifier: ISC */
/*
 * Takes in the database: recording them (with or without a clip), their
 * verdicts, reasons, ratings, in/out points and notes. Every verdict
 * records who gave it and when. Writes run inside db_begin/db_commit.
 */
#ifndef TB_DB_DB_TAKE_H
#define TB_DB_DB_TAKE_H

#include "model/board.h"

struct db;

/* Which takes a listing returns; 0 / -1 fields match everything. */
struct take_filter {
	long long	 scene_id;
	long long	 shot_id;
	long long	 prompt_id;
	int		 verdict;	/* enum verdict, or -1 */
	int		 state;		/* enum take_state, or -1 */
	const char	*reason;	/* a reject reason, or NULL */
};

void	 take_filter_init(struct take_filter *);
int	 db_take_get(struct db *, long long, struct take *, char **);
int	 db_take_list(struct db *, const struct take_filter *,
	     struct take_list *, char **);
int	 db_take_add(struct db *, struct take *, char **);
int	 db_take_set_file(struct db *, long long, const char *, long long,
	     char **);
int	 db_take_verdict(struct db *, long long, enum verdict,
	     const struct str_list *, long long, long long, char **);
int	 db_take_rate(struct db *, long long, int, char **);
int	 db_take_verdict_was(struct db *, const struct take *, enum verdict,
	     const struct str_list *, long long, long long, char **);
int	 db_take_rate_was(struct db *, const struct take *, int, char **);
int	 db_take_note(struct db *, long long, const char *, char **);
int	 db_take_rm(struct db *, long long, char **);
int	 db_take_file_used(struct db *, const char *, char **);
int	 db_take_list_ids(struct db *, const long long *, size_t,
	     struct take_list *, char **);
int	 db_take_ids(struct db *, const struct take_filter *, long long **,
	     size_t *, char **);
int	 db_take_page(struct db *, long long, long long, long long, int,
	     long long, size_t, struct take_list *, char **);
int	 db_take_count(struct db *, long long, long long, long long *,
	     char **);
int	 db_take_recent_reasons(struct db *, int, struct str_list *, char **);

#endif
