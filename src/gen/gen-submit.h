/* SPDX-License-Identifier: ISC */
/*
 * Recording new generation work: the budget check, the takes and jobs of
 * a submission, and the resubmission of a failed take. Shared by the
 * command line (gen, retry) and the interface (its queue and shot
 * views); the engine (gen-queue.c) sends what these record.
 */
#ifndef TB_GEN_GEN_SUBMIT_H
#define TB_GEN_GEN_SUBMIT_H

struct db;
struct gen_plan;
struct job;
struct prompt;

int	 gen_budget_check(struct db *, long long, char **);
char	*gen_plan_question(const struct gen_plan *, const struct prompt *,
	     long long);
int	 gen_submit_add(struct db *, const struct prompt *,
	     const struct gen_plan *, long long, long long *, char **);
int	 gen_submit_retry(struct db *, struct job *, long long *, char **);

#endif
