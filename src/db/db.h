/* SPDX-License-Identifier: ISC */
/*
 * The production database: opening (with migrations and the safety
 * settings), finding it from the command line, and transactions. struct
 * db is opaque outside src/db/. Write functions of the db-*.h modules
 * must be called inside db_begin()/db_commit().
 */
#ifndef TB_DB_DB_H
#define TB_DB_DB_H

#define DB_FILE_NAME	"takeboard.db"
#define DB_TAKES_DIR	"takes"

#define DB_OPEN_CREATE	0x1	/* create a new database; it must not exist */

struct db;

int	 db_open(const char *, int, struct db **, char **);
void	 db_close(struct db *);
const char *db_path(const struct db *);
const char *db_dir(const struct db *);
int	 db_begin(struct db *, char **);
int	 db_commit(struct db *, char **);
int	 db_read_begin(struct db *, char **);
void	 db_read_end(struct db *);
void	 db_rollback(struct db *);
int	 db_locate(const char *, char **, char **);
int	 db_version(struct db *);
long long db_data_version(struct db *);

#endif
