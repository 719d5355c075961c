/* SPDX-License-Identifier: ISC */
/*
 * The generation engine: follows every unfinished job of the production
 * (submitting, polling, downloading, reconciling) through non-blocking
 * transfers. Every change is committed as soon as an answer is read, so
 * a crash or kill at any moment loses nothing and submits nothing twice.
 * Commands loop on gen_queue_step until gen_queue_busy is 0; the
 * interface calls gen_queue_step(q, 0) from its main loop.
 */
#ifndef TB_GEN_GEN_QUEUE_H
#define TB_GEN_GEN_QUEUE_H

#include "db/db-job.h"

struct db;
struct gen_config;
struct gen_queue;

#define GEN_RUN_SUBMIT	0	/* send queued submissions, then stop */
#define GEN_RUN_ONCE	1	/* one look at every unfinished job */
#define GEN_RUN_WATCH	2	/* until nothing is left in flight */
#define GEN_RUN_NONE	3	/* only what is asked (a cancel) */

/* What a display needs about one job. */
struct gen_view {
	const struct job *job;
	const char	*phase;		/* "waiting", "polling", ... */
	long long	 dl_now;	/* bytes, -1 when not downloading */
	long long	 dl_total;	/* -1 unknown */
	int		 parked;	/* nothing more this run */
	const char	*note;		/* why parked, or NULL */
};

typedef void gen_change_fn(const struct gen_view *, void *);

struct gen_queue *gen_queue_new(struct db *, struct gen_config *, int);
void	 gen_queue_free(struct gen_queue *);
int	 gen_queue_load(struct gen_queue *, char **);
int	 gen_queue_step(struct gen_queue *, int);
int	 gen_queue_busy(const struct gen_queue *);
size_t	 gen_queue_count(const struct gen_queue *);
void	 gen_queue_view(const struct gen_queue *, size_t, struct gen_view *);
void	 gen_queue_on_change(struct gen_queue *, gen_change_fn *, void *);
int	 gen_queue_lock(struct gen_queue *, char **);
void	 gen_queue_wake_on(struct gen_queue *, const int *, int);
int	 gen_queue_wait(struct gen_queue *, int);
int	 gen_queue_cancel(struct gen_queue *, long long, char **);
int	 gen_queue_cancelling(const struct gen_queue *, long long);
int	 gen_queue_state(const struct gen_queue *, long long);

#endif
