/* SPDX-License-Identifier: ISC */
/*
 * The change log: who changed what and when. Every write function of
 * src/db/ adds its entry in the same transaction as the change itself.
 */
#ifndef TB_DB_DB_LOG_H
#define TB_DB_DB_LOG_H

#include "util/array.h"
#include "util/xmalloc.h"

struct db;

struct event {
	long long	 id;
	char		*at;
	char		*user;
	char		*action;	/* "add", "edit", "keep", ... */
	char		*object;	/* "scene 4", "take 17", ... */
	char		*detail;
};
ARRAY_DECL(event_list, struct event);

int	 db_log_add(struct db *, char **, const char *, const char *,
	     const char *, const char *, ...) TB_PRINTF(6, 7);
int	 db_log_list(struct db *, long long, struct event_list *, char **);
void	 event_list_free(struct event_list *);

#endif
