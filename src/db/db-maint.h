/* SPDX-License-Identifier: ISC */
/*
 * Keeping a production healthy: a consistent copy while others work
 * (VACUUM INTO, never a file copy), and checks of the database's
 * integrity and of the clips it refers to.
 */
#ifndef TB_DB_DB_MAINT_H
#define TB_DB_DB_MAINT_H

#include "util/array.h"

struct db;

/* A problem found by db_maint_check. */
struct maint_problem {
	char		*what;		/* "integrity", "foreign key", "clip" */
	char		*detail;
};
ARRAY_DECL(maint_problems, struct maint_problem);

/* A take's clip, for checking it on disk. */
struct maint_clip {
	long long	 take_id;
	char		*file;
	long long	 size;		/* -1 when not recorded */
};
ARRAY_DECL(maint_clips, struct maint_clip);

int	 db_maint_backup(struct db *, const char *, char **);
int	 db_maint_check(struct db *, struct maint_problems *, char **);
int	 db_maint_clips(struct db *, struct maint_clips *, char **);
void	 maint_problems_free(struct maint_problems *);
void	 maint_clips_free(struct maint_clips *);

#endif
