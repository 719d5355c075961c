/* SPDX-License-Identifier: ISC */
/*
 * Generation jobs in the database: one row per generated take, written
 * before its request leaves (state submitting, with the whole request),
 * then updated with the remote id, state, progress and last raw answer
 * in the same transaction that reads each answer. The take's status is
 * kept in step. Also the production's settings (the budget cap).
 */
#ifndef TB_DB_DB_JOB_H
#define TB_DB_DB_JOB_H

#include "util/array.h"

struct db;

enum job_state {
	JOB_SUBMITTING,
	JOB_QUEUED,
	JOB_IN_PROGRESS,
	JOB_DOWNLOADING,
	JOB_DONE,
	JOB_FAILED,
	JOB_NEEDS_DECISION,
	JOB_CANCELLED,
	JOB_STATE_COUNT
};

struct job {
	long long	 take_id;
	enum job_state	 state;
	char		*request_json;
	char		*remote_id;	/* NULL until the provider answered */
	char		*backend;
	char		*model;
	long long	 attempts;
	long long	 next_poll_at;	/* unix seconds, -1 unset */
	char		*last_response;
	long long	 progress;	/* 0..100, -1 unknown */
	long long	 expires_at;	/* unix seconds, -1 unknown */
	char		*error;
	long long	 retry_of;	/* take id, -1 none */
	char		*created;
	char		*updated;
	/* Read-only, joined from the take. */
	long long	 shot_id;
	char		*shot_code;
	char		*scene_code;
	char		*prompt_label;
	char		*file;
	long long	 file_size;
};
ARRAY_DECL(job_list, struct job);

#define DB_JOB_ALL		0
#define DB_JOB_UNFINISHED	1	/* not done, failed or cancelled */
#define DB_JOB_OPEN		2	/* not done */

const char *job_state_name(enum job_state);
int	 job_state_parse(const char *, enum job_state *);
int	 job_state_final(enum job_state);
void	 job_free(struct job *);
void	 job_list_free(struct job_list *);

int	 db_job_add(struct db *, struct job *, char **);
int	 db_job_get(struct db *, long long, struct job *, char **);
int	 db_job_list(struct db *, int, struct job_list *, char **);
/* db_job_update: the job ended meanwhile, elsewhere. */
#define DB_JOB_ENDED	(-2)

int	 db_job_update(struct db *, const struct job *, char **);
int	 db_job_finish(struct db *, long long, const char *, long long,
	     long long, long long, char **);
int	 db_job_remote_used(struct db *, const char *, char **);
int	 db_job_set_cost(struct db *, long long, long long, char **);
int	 db_job_spent(struct db *, long long *, char **);
int	 db_setting_get(struct db *, const char *, char **, char **);
int	 db_setting_set(struct db *, const char *, const char *, char **);

#endif
