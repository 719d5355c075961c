/* SPDX-License-Identifier: ISC */
/*
 * The schema and its numbered forward migrations, applied on open.
 */
#ifndef TB_DB_DB_SCHEMA_H
#define TB_DB_DB_SCHEMA_H

/* 'TkBd': marks a SQLite file as a takeboard production. */
#define DB_APPLICATION_ID	1416315492

struct db;

int	 db_schema_latest(void);
int	 db_schema_migrate(struct db *, char **);

#endif
