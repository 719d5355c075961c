/* SPDX-License-Identifier: ISC */
/*
 * Database changes that only the importers make: a take's in and out
 * points from an edited EDL, and its cost from a take list. Each runs
 * inside db_begin()/db_commit() and logs itself, but for the _was form,
 * whose caller logs the import as a whole.
 */
#ifndef TB_DB_DB_IO_H
#define TB_DB_DB_IO_H

struct db;
struct take;

int	 db_io_take_trim(struct db *, long long, long long, long long,
	     char **);
int	 db_io_take_cost(struct db *, long long, long long, char **);
int	 db_io_take_cost_was(struct db *, const struct take *, long long,
	     char **);

#endif
