/* SPDX-License-Identifier: ISC */
/*
 * The generation engine (see gen-queue.h). Each unfinished job is an
 * item with a phase (idle, or one transfer or program in flight) and a
 * due time. gen_queue_step starts what is due, waits for the network at
 * most as long as asked, and commits what each answer says in its own
 * short transaction. Rules: a submission is committed as "submitting"
 * before it leaves and retried only when it certainly did not arrive;
 * an unanswered one is looked up through the provider's list or left
 * for a person to decide; polls and downloads retry transient errors
 * with the server's Retry-After or capped, jittered backoff; clips go
 * to NAME.part, are fsynced and renamed. Keys are scrubbed from every
 * stored text.
 */
#include "config.h"

#include "gen/gen-queue.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/sanitize.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/clock.h"
#include "db/db.h"
#include "db/db-job.h"
#include "api/api.h"
#include "api/api-command.h"
#include "api/http.h"
#include "gen/gen-config.h"

enum gen_phase {
	PHASE_IDLE,
	PHASE_SUBMIT,
	PHASE_POLL,
	PHASE_DOWNLOAD,
	PHASE_THUMB,
	PHASE_LIST,
	PHASE_COMMAND,
	PHASE_CANCEL,
	PHASE_RESULT		/* api_ops.result_req in flight */
};

static const char *const gen_phase_names[] = {
	"waiting", "submitting", "polling", "downloading", "thumbnail",
	"reconciling", "running", "cancelling", "fetching result"
};

struct gen_item {
	struct job		 job;
	struct gen_backend	*b;
	enum gen_phase		 phase;
	long long		 due;		/* monotonic ms */
	int			 parked;
	int			 looked;	/* polled this run */
	int			 retries;
	int			 refreshed;	/* asked for a fresh URL */
	int			 cancel;	/* a cancel is wanted */
	int			 cancel_more;	/* the second request went */
	int			 cancel_away;	/* cancelled in another session */
	char			*cancel_msg;	/* the provider's refusal */
	int			 seen;		/* still unfinished */
	int			 blocked;	/* waits for a free slot */
	long long		 started;	/* first seen running */
	struct http_resp	*live;
	pid_t			 pid;
	char			*note;
	char			*dir;		/* absolute takes folder */
	char			*base;		/* SHOT-tNNNNN */
};

struct gen_queue {
	struct db		*db;
	struct gen_config	*cfg;
	int			 mode;
	struct http		*http;
	struct gen_item		**items;	/* stable addresses */
	size_t			 n;
	gen_change_fn		*change;
	void			*change_arg;
	int			 lockfd;	/* the engine lock, or -1 */
	struct pollfd		 wake[2];	/* end a wait early */
	int			 nwake;
};

static int	 gen_next_due(struct gen_queue *, int);

static long long
gen_now(void)
{
	return clock_ms();
}

/* A new engine over db with configuration cfg, run in mode GEN_RUN_*. */
struct gen_queue *
gen_queue_new(struct db *db, struct gen_config *cfg, int mode)
{
	struct gen_queue	*q;

	q = xcalloc(1, sizeof *q);
	q->db = db;
	q->cfg = cfg;
	q->mode = mode;
	q->http = http_new(cfg->allow_http);
	q->lockfd = -1;
	http_set_low_speed(q->http, (long)cfg->low_speed_s);
	return q;
}

static void
gen_item_free(struct gen_item *it)
{
	job_free(&it->job);
	free(it->cancel_msg);
	free(it->note);
	free(it->dir);
	free(it->base);
}

/* Stop every transfer and free the engine (programs keep running). */
void
gen_queue_free(struct gen_queue *q)
{
	size_t	 i;

	if (q == NULL)
		return;
	http_free(q->http);
	if (q->lockfd != -1)
		close(q->lockfd);
	for (i = 0; i < q->n; i++) {
		gen_item_free(q->items[i]);
		free(q->items[i]);
	}
	free(q->items);
	free(q);
}

/*
 * Take the production's engine lock (a flock on DATABASE-engine): only
 * one engine at a time sends and follows jobs, so two sessions never
 * submit or download the same job. 1 when this engine holds it, 0 when
 * another process does, -1 with *cause when it cannot be taken. The
 * lock goes with the process, so a killed engine leaves none behind.
 */
int
gen_queue_lock(struct gen_queue *q, char **cause)
{
	char	*path;
	int	 fd;

	if (q->lockfd != -1)
		return 1;
	path = xasprintf("%s-engine", db_path(q->db));
	/* Read-only is enough for flock, so every member of a shared
	 * production's group can take it whoever created the file. */
	fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
	if (fd == -1 && (errno == EACCES || errno == EROFS))
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		*cause = xasprintf("cannot open the engine lock %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		if (errno == EWOULDBLOCK)
			return 0;
		*cause = xasprintf("cannot lock the engine: %s",
		    strerror(errno));
		return -1;
	}
	q->lockfd = fd;
	return 1;
}

/*
 * Let input on fds (up to 2) end gen_queue_step's wait early: the
 * interface passes the terminal and its signal pipe, so it waits in one
 * place for keys, signals and the network.
 */
void
gen_queue_wake_on(struct gen_queue *q, const int *fds, int n)
{
	int	 i;

	q->nwake = 0;
	for (i = 0; i < n && i < 2; i++) {
		q->wake[i].fd = fds[i];
		q->wake[i].events = POLLIN;
		q->nwake++;
	}
	http_wake_on(q->http, fds, q->nwake);
}

/*
 * How long (ms, at most max) a caller may wait before the engine next
 * has work: until the next due job, or briefly while a program runs
 * (its end is found by polling).
 */
int
gen_queue_wait(struct gen_queue *q, int max)
{
	size_t	 i;
	int	 w;

	w = gen_next_due(q, max);
	for (i = 0; i < q->n; i++) {
		if (q->items[i]->phase == PHASE_COMMAND && w > 50)
			w = 50;
	}
	if (http_running(q->http) > 0)
		w = max;
	return w;
}

/* Call fn after every change of a job. */
void
gen_queue_on_change(struct gen_queue *q, gen_change_fn *fn, void *arg)
{
	q->change = fn;
	q->change_arg = arg;
}

/* How many jobs the engine holds. */
size_t
gen_queue_count(const struct gen_queue *q)
{
	return q->n;
}

/* Describe job i for a display. */
void
gen_queue_view(const struct gen_queue *q, size_t i, struct gen_view *v)
{
	const struct gen_item	*it = q->items[i];

	memset(v, 0, sizeof *v);
	v->job = &it->job;
	v->phase = gen_phase_names[it->phase];
	v->dl_now = -1;
	v->dl_total = -1;
	if (it->live != NULL && (it->phase == PHASE_DOWNLOAD)) {
		v->dl_now = it->live->now;
		v->dl_total = it->live->total;
	}
	v->parked = it->parked;
	v->note = it->note;
}

static void
gen_changed(struct gen_queue *q, struct gen_item *it)
{
	struct gen_view	 v;
	size_t		 i;

	if (q->change == NULL)
		return;
	for (i = 0; i < q->n; i++) {
		if (q->items[i] == it)
			break;
	}
	gen_queue_view(q, i, &v);
	q->change(&v, q->change_arg);
}

static void
gen_park(struct gen_item *it, const char *fmt, ...) TB_PRINTF(2, 3);

static void
gen_park(struct gen_item *it, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	it->parked = 1;
	it->phase = PHASE_IDLE;
	free(it->note);
	it->note = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		msg = xvasprintf(fmt, ap);
		va_end(ap);
		/* Notes quote server text: never a key. */
		it->note = api_scrub(msg, it->b != NULL ? it->b->key_used :
		    NULL);
		free(msg);
	}
}

/*
 * (Re)load the unfinished jobs from the database, keeping the items
 * that are busy. 0, or -1 with *cause.
 */
int
gen_queue_load(struct gen_queue *q, char **cause)
{
	struct job_list		 l;
	struct gen_item		*it;
	size_t			 i, j;
	int			 found;

	if (db_job_list(q->db, DB_JOB_UNFINISHED, &l, cause) != 0)
		return -1;
	for (j = 0; j < q->n; j++)
		q->items[j]->seen = 0;
	for (i = 0; i < l.n; i++) {
		found = 0;
		for (j = 0; j < q->n; j++) {
			if (q->items[j]->job.take_id == l.v[i].take_id) {
				q->items[j]->seen = 1;
				found = 1;
			}
		}
		if (found) {
			job_free(&l.v[i]);
			continue;
		}
		q->items = xreallocarray(q->items, q->n + 1,
		    sizeof *q->items);
		it = xcalloc(1, sizeof *it);
		q->items[q->n++] = it;
		it->job = l.v[i];
		it->pid = -1;
		it->seen = 1;
		it->dir = xasprintf("%s/%s/%s/%s", db_dir(q->db),
		    DB_TAKES_DIR, it->job.scene_code, it->job.shot_code);
		it->base = xasprintf("%s-t%05lld", it->job.shot_code,
		    it->job.take_id);
		it->b = gen_config_backend(q->cfg, it->job.backend, NULL);
		if (it->b == NULL)
			it->b = gen_config_backend(q->cfg, it->job.backend,
			    cause);
		free(*cause);
		*cause = NULL;
		if (it->b == NULL)
			gen_park(it, "backend %s is not configured",
			    it->job.backend);
		else if (it->b->ops == NULL || gen_backend_api(q->cfg, it->b,
		    cause) != 0) {
			gen_park(it, "%s", *cause != NULL ? *cause :
			    "backend has no type");
			free(*cause);
			*cause = NULL;
		}
		if (it->job.state == JOB_NEEDS_DECISION)
			gen_park(it, NULL);
	}
	ARRAY_FREE(&l);
	/* Jobs someone else finished or cancelled meanwhile go, unless a
	 * transfer or program of theirs is still in flight here. */
	for (i = j = 0; i < q->n; i++) {
		it = q->items[i];
		if (!it->seen && it->phase == PHASE_IDLE && it->pid == -1) {
			gen_item_free(it);
			free(it);
			continue;
		}
		q->items[j++] = it;
	}
	q->n = j;
	return 0;
}

static void	gen_cancel_start(struct gen_queue *, struct gen_item *);

/*
 * Commit the job's current fields; on failure the item is parked. A job
 * another session cancelled while the provider's answer was on its way
 * here (typically a submission: the other session saw no remote id and
 * could only end it locally) is cancelled at the provider too, so that
 * it is neither left running nor billed, and the cancel is recorded.
 */
static int
gen_save(struct gen_queue *q, struct gen_item *it)
{
	char	*cause = NULL;
	int	 rc = 0;

	it->job.attempts = it->job.attempts < 0 ? 0 : it->job.attempts;
	if (db_begin(q->db, &cause) != 0 ||
	    (rc = db_job_update(q->db, &it->job, &cause)) != 0 ||
	    ((it->job.state == JOB_FAILED || it->job.state == JOB_CANCELLED) &&
	    db_job_set_cost(q->db, it->job.take_id, 0, &cause) != 0) ||
	    db_commit(q->db, &cause) != 0) {
		db_rollback(q->db);
		if (rc == DB_JOB_ENDED && !it->cancel &&
		    it->job.remote_id != NULL &&
		    (it->job.state == JOB_QUEUED ||
		    it->job.state == JOB_IN_PROGRESS)) {
			free(cause);
			it->cancel = 1;
			it->cancel_away = 1;
			it->parked = 0;
			it->phase = PHASE_IDLE;
			gen_cancel_start(q, it);
			return -1;
		}
		gen_park(it, "cannot record: %s", cause != NULL ? cause :
		    "database error");
		free(cause);
		return -1;
	}
	gen_changed(q, it);
	return 0;
}

static char *
gen_scrub(const struct gen_item *it, const char *text)
{
	return api_scrub(text, it->b != NULL ? it->b->key_used : NULL);
}

/* Keep the answer: a download is built from it later, so any answer
 * http.c accepts (up to HTTP_BODY_MAX) is kept whole. */
static void
gen_set_response(struct gen_item *it, const struct http_resp *rs)
{
	free(it->job.last_response);
	it->job.last_response = NULL;
	if (rs->body != NULL && rs->len > 0 && rs->len <= HTTP_BODY_MAX)
		it->job.last_response = gen_scrub(it, rs->body);
}

/* End a job as failed (or cancelled) with a message. */
static void
gen_fail(struct gen_queue *q, struct gen_item *it, enum job_state st,
    const char *fmt, ...) TB_PRINTF(4, 5);

static void
gen_fail(struct gen_queue *q, struct gen_item *it, enum job_state st,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *line;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	line = str_first_line(msg);
	free(msg);
	free(it->job.error);
	it->job.error = gen_scrub(it, line);
	free(line);
	it->job.state = st;
	it->parked = 1;
	it->phase = PHASE_IDLE;
	gen_save(q, it);
}

/* The error text of an answer: "401 invalid_api_key: message". */
static char *
gen_http_error(struct gen_item *it, const struct http_resp *rs)
{
	char	*code = NULL, *msg = NULL, *out;

	if (rs->status == 0)
		return xasprintf("%s: %s", it->b->name, rs->error);
	if (rs->curl_rc != 0)
		return xasprintf("%s: HTTP %ld, then %s", it->b->name,
		    rs->status, rs->error[0] != '\0' ? rs->error :
		    "a transfer error");
	if (it->b->ops->error != NULL)
		it->b->ops->error(rs, &code, &msg);
	out = xasprintf("%s: HTTP %ld%s%s%s%s", it->b->name, rs->status,
	    code != NULL ? " " : "", code != NULL ? code : "",
	    msg != NULL ? ": " : "", msg != NULL ? msg : "");
	free(code);
	free(msg);
	return out;
}

static char *
gen_err_code(struct gen_item *it, const struct http_resp *rs)
{
	char	*code = NULL, *msg = NULL;

	if (rs->status != 0 && it->b->ops->error != NULL)
		it->b->ops->error(rs, &code, &msg);
	free(msg);
	return code;
}

/*
 * Schedule a retry of a transient failure: the server's wait, else
 * exponential backoff with jitter. Returns 0, or -1 when the wait is
 * longer than the cap or attempts ran out (the item is then parked).
 */
static int
gen_retry(struct gen_queue *q, struct gen_item *it,
    const struct http_resp *rs)
{
	long long	 wait, base;
	int		 i;
	char		*err;

	it->retries++;
	if (rs != NULL && rs->retry_after_ms >= 0)
		wait = rs->retry_after_ms;
	else {
		base = q->cfg->retry_base_ms;
		for (i = 1; i < it->retries && base < q->cfg->retry_cap_ms;
		    i++)
			base *= 2;
		if (base > q->cfg->retry_cap_ms)
			base = q->cfg->retry_cap_ms;
		wait = base * 3 / 4 + (long long)(random() % (base / 4 + 1));
	}
	it->phase = PHASE_IDLE;
	if (wait > q->cfg->retry_cap_ms ||
	    it->retries > q->cfg->attempts) {
		err = rs != NULL ? gen_http_error(it, rs) :
		    xstrdup("too many attempts");
		gen_park(it, "left for the next sync (%s)", err);
		free(err);
		return -1;
	}
	it->due = gen_now() + wait;
	return 0;
}

static struct http_resp fake_resp;

/* The provider's view of a job, from its last stored answer. */
static int
gen_stored_job(struct gen_item *it, struct api_job *aj, char **cause)
{
	struct http_resp	 rs = fake_resp;

	if (it->job.last_response == NULL) {
		*cause = xstrdup("no stored answer");
		return -1;
	}
	rs.status = 200;
	rs.body = it->job.last_response;
	rs.len = strlen(it->job.last_response);
	return it->b->ops->job_resp(&rs, aj, cause);
}

static int
gen_inflight(const struct gen_queue *q, const struct gen_backend *b)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < q->n; i++) {
		if (q->items[i]->b != b)
			continue;
		if (q->items[i]->phase == PHASE_SUBMIT ||
		    q->items[i]->phase == PHASE_COMMAND)
			n++;
	}
	return n;
}

/* A seed in 1..2^31-1 from /dev/urandom (random() is never seeded, so
 * every run would draw the same one). */
static long long
gen_seed(void)
{
	unsigned char	 b[4];
	long long	 v = 0;
	int		 fd, i;

	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd == -1 || read(fd, b, sizeof b) != (ssize_t)sizeof b) {
		for (i = 0; i < 4; i++)
			b[i] = (unsigned char)((gen_now() ^ getpid()) >> (i * 8));
	}
	if (fd != -1)
		close(fd);
	for (i = 0; i < 4; i++)
		v = (v << 8) | b[i];
	v &= 0x7fffffff;
	return v == 0 ? 1 : v;
}

/*
 * Jobs of backend b other than it that are being sent (live), or whose
 * submission went unanswered and waits to be looked up in the list.
 */
static int
gen_submitting(const struct gen_queue *q, const struct gen_item *it,
    int live)
{
	const struct gen_item	*x;
	size_t			 i;
	int			 n = 0;

	for (i = 0; i < q->n; i++) {
		x = q->items[i];
		if (x == it || x->b != it->b)
			continue;
		if (live && x->phase == PHASE_SUBMIT)
			n++;
		else if (!live && !x->parked && x->phase != PHASE_SUBMIT &&
		    x->job.state == JOB_SUBMITTING && x->job.remote_id == NULL)
			n++;
	}
	return n;
}

static void
gen_start_submit(struct gen_queue *q, struct gen_item *it)
{
	struct api_req	 r;
	struct http_req	 hr;
	char		*cause = NULL, *part, *errp;

	if (gen_inflight(q, it->b) >= it->b->concurrency) {
		/* Started when a transfer ends, not by the clock. */
		it->blocked = 1;
		return;
	}
	/* Unanswered submissions are looked up first (gen_start_list). */
	if (it->b->ops->list_req != NULL && gen_submitting(q, it, 0) > 0) {
		it->due = gen_now() + 100;
		return;
	}
	if (api_req_from_json(it->job.request_json, &r, &cause) != 0) {
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	it->job.attempts++;
	if (it->b->ops->kind == API_KIND_PROGRAM) {
		if (fs_mkdirs(it->dir, 0755, &cause) != 0) {
			gen_fail(q, it, JOB_FAILED, "%s", cause);
			free(cause);
			api_req_free(&r);
			return;
		}
		it->job.state = JOB_IN_PROGRESS;
		if (gen_save(q, it) != 0) {
			api_req_free(&r);
			return;
		}
		part = xasprintf("%s/%s.part", it->dir, it->base);
		errp = xasprintf("%s/.%s.stderr", it->dir, it->base);
		unlink(part);
		if (api_command_start(&it->b->api, &r, part, errp, &it->pid,
		    &cause) != 0) {
			gen_fail(q, it, JOB_FAILED, "%s", cause);
			free(cause);
		} else
			it->phase = PHASE_COMMAND;
		free(part);
		free(errp);
		api_req_free(&r);
		return;
	}
	if (it->b->ops->seeded && r.seed <= 0) {
		/* Drawn once, stored with the intent below: a retry of the
		 * take asks for the same clip. */
		r.seed = gen_seed();
		free(it->job.request_json);
		it->job.request_json = api_req_to_json(&r);
	}
	memset(&hr, 0, sizeof hr);
	if (it->b->ops->submit_req(&it->b->api, &r, &hr, &cause) != 0) {
		api_req_free(&r);
		http_req_free(&hr);
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	api_req_free(&r);
	/* The intent is on disk before the request leaves. */
	it->job.state = JOB_SUBMITTING;
	if (gen_save(q, it) != 0) {
		http_req_free(&hr);
		return;
	}
	it->phase = PHASE_SUBMIT;
	it->live = http_start(q->http, &hr, it);
}

static void
gen_start_http(struct gen_queue *q, struct gen_item *it, enum gen_phase ph,
    int (*build)(const struct api_cfg *, const char *, struct http_req *,
    char **))
{
	struct http_req	 hr;
	char		*cause = NULL;

	memset(&hr, 0, sizeof hr);
	if (build(&it->b->api, it->job.remote_id, &hr, &cause) != 0) {
		http_req_free(&hr);
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	it->phase = ph;
	it->live = http_start(q->http, &hr, it);
}

static void
gen_start_list(struct gen_queue *q, struct gen_item *it)
{
	struct http_req	 hr;
	char		*cause = NULL;

	/*
	 * The list could show the job of a submission still in flight,
	 * not yet recorded as another take's: wait until none is, so a
	 * job is never given to two takes.
	 */
	if (gen_submitting(q, it, 1) > 0) {
		it->phase = PHASE_IDLE;
		it->due = gen_now() + 100;
		return;
	}
	memset(&hr, 0, sizeof hr);
	if (it->b->ops->list_req(&it->b->api, &hr, &cause) != 0) {
		http_req_free(&hr);
		gen_fail(q, it, JOB_NEEDS_DECISION, "%s", cause);
		free(cause);
		return;
	}
	it->phase = PHASE_LIST;
	it->live = http_start(q->http, &hr, it);
}

/* The clip's final name, its extension from the Content-Type only. */
static char *
gen_final(const struct gen_item *it, const char *ctype)
{
	const char	*ext = ".mp4";

	if (ctype != NULL && strncmp(ctype, "video/webm", 10) == 0)
		ext = ".webm";
	else if (ctype != NULL && strncmp(ctype, "video/quicktime", 15) == 0)
		ext = ".mov";
	return xasprintf("%s/%s%s", it->dir, it->base, ext);
}

/* Record a clip now at its final path: size, duration, cost; done. */
static void
gen_record(struct gen_queue *q, struct gen_item *it, const char *final)
{
	struct api_req	 r;
	long long	 size = -1, ms = -1, cost = 0, price;
	char		*cause = NULL, *rel;

	fs_size(final, &size, &cause);
	free(cause);
	cause = NULL;
	if (api_req_from_json(it->job.request_json, &r, &cause) == 0) {
		ms = r.seconds * 1000;
		price = gen_backend_price(it->b, r.model, r.size);
		if (price > 0)
			cost = price * r.seconds;
		api_req_free(&r);
	}
	free(cause);
	cause = NULL;
	rel = xstrdup(final + strlen(db_dir(q->db)) + 1);
	it->job.state = JOB_DONE;
	it->job.progress = 100;
	free(it->job.error);
	it->job.error = NULL;
	free(it->job.file);
	it->job.file = xstrdup(rel);
	it->job.file_size = size;
	if (db_begin(q->db, &cause) != 0 ||
	    db_job_finish(q->db, it->job.take_id, rel, size, ms, cost,
	    &cause) != 0 ||
	    db_job_update(q->db, &it->job, &cause) != 0 ||
	    db_commit(q->db, &cause) != 0) {
		db_rollback(q->db);
		gen_park(it, "cannot record the clip: %s", cause);
		free(cause);
	} else {
		it->parked = 1;
		it->phase = PHASE_IDLE;
		gen_changed(q, it);
	}
	free(rel);
}

static int
gen_find_clip(struct gen_item *it, char **out)
{
	static const char *const exts[] = { ".mp4", ".webm", ".mov", NULL };
	char	*p;
	int	 i;

	for (i = 0; exts[i] != NULL; i++) {
		p = xasprintf("%s/%s%s", it->dir, it->base, exts[i]);
		if (fs_exists(p)) {
			*out = p;
			return 1;
		}
		free(p);
	}
	return 0;
}

static void
gen_start_download(struct gen_queue *q, struct gen_item *it, int thumb)
{
	struct api_job	 aj;
	struct http_req	 hr;
	char		*cause = NULL, *final, *part;
	int		 rc;

	if (!thumb && gen_find_clip(it, &final)) {
		/* Renamed before a crash, not yet recorded. */
		part = xasprintf("%s/%s.part", it->dir, it->base);
		if (!fs_exists(part)) {
			free(part);
			gen_record(q, it, final);
			free(final);
			return;
		}
		free(part);
		free(final);
	}
	if (gen_stored_job(it, &aj, &cause) != 0) {
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	memset(&hr, 0, sizeof hr);
	rc = it->b->ops->download_req(&it->b->api, &aj, thumb ? "thumbnail" :
	    "video", &hr, &cause);
	api_job_free(&aj);
	if (rc != 0) {
		http_req_free(&hr);
		if (thumb) {
			free(cause);
			it->parked = 1;
			it->phase = PHASE_IDLE;
			return;
		}
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	if (fs_mkdirs(it->dir, 0755, &cause) != 0) {
		http_req_free(&hr);
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	hr.out_path = xasprintf("%s/%s%s", it->dir, it->base, thumb ?
	    ".thumb.part" : ".part");
	hr.max_bytes = thumb ? 20 * 1024 * 1024 : it->b->max_bytes;
	it->phase = thumb ? PHASE_THUMB : PHASE_DOWNLOAD;
	it->live = http_start(q->http, &hr, it);
}

/* Start whatever work item it has due now. */
/* The item of take id, or NULL. */
static struct gen_item *
gen_find(const struct gen_queue *q, long long id)
{
	size_t	 i;

	for (i = 0; i < q->n; i++) {
		if (q->items[i]->job.take_id == id)
			return q->items[i];
	}
	return NULL;
}

/* End a cancelled item, with what the provider said against it. */
static void
gen_cancel_end(struct gen_queue *q, struct gen_item *it)
{
	const char	*msg = it->cancel_msg;
	int		 local;

	/* A provider without a cancel request keeps the job running. */
	local = it->job.remote_id != NULL && it->b != NULL && it->b->ops !=
	    NULL && it->b->ops->kind == API_KIND_HTTP &&
	    it->b->ops->cancel_req == NULL;
	if (it->cancel_away && local)
		gen_fail(q, it, JOB_CANCELLED, "cancelled in another session "
		    "while it was being sent; the provider cannot cancel it, "
		    "so it may still run and be billed");
	else if (it->cancel_away)
		gen_fail(q, it, JOB_CANCELLED, "cancelled in another session "
		    "while it was being sent; %s%s", msg != NULL ?
		    "the provider refused to cancel its job: " : "its job at "
		    "the provider was cancelled too", msg != NULL ? msg : "");
	else
		gen_fail(q, it, JOB_CANCELLED, "cancelled by %s%s%s%s%s",
		    clock_user(), msg != NULL ? " (the provider said: " : "",
		    msg != NULL ? msg : "", msg != NULL ? ")" : "",
		    local ? " here only: the provider cannot cancel it, so it "
		    "may still run and be billed" : "");
}

/* Send a cancel request built by build; 0, or -1 when it cannot be
 * built (the reason kept for the take's error). */
static int
gen_cancel_send(struct gen_queue *q, struct gen_item *it,
    int (*build)(const struct api_cfg *, const char *, struct http_req *,
    char **))
{
	struct http_req	 hr;
	char		*cause = NULL;

	memset(&hr, 0, sizeof hr);
	if (build(&it->b->api, it->job.remote_id, &hr, &cause) != 0) {
		http_req_free(&hr);
		if (it->cancel_msg == NULL)
			it->cancel_msg = xasprintf("not told: %s", cause);
		free(cause);
		return -1;
	}
	it->phase = PHASE_CANCEL;
	it->live = http_start(q->http, &hr, it);
	gen_changed(q, it);
	return 0;
}

/* Send the cancel of a wanted item, or end it here when the provider
 * has nothing to cancel. */
static void
gen_cancel_start(struct gen_queue *q, struct gen_item *it)
{
	if (it->job.remote_id == NULL || it->b == NULL || it->b->ops ==
	    NULL || it->b->ops->cancel_req == NULL || it->b->api.name ==
	    NULL) {
		gen_cancel_end(q, it);
		return;
	}
	it->cancel_more = 0;
	if (gen_cancel_send(q, it, it->b->ops->cancel_req) != 0)
		gen_cancel_end(q, it);
}

/* A cancel request was answered: send the provider's second one, if it
 * has one (such as ComfyUI's interrupt of a running prompt), else end. */
static void
gen_cancel_done(struct gen_queue *q, struct gen_item *it,
    struct http_resp *rs)
{
	if ((rs->status < 200 || rs->status > 299) && it->cancel_msg == NULL)
		it->cancel_msg = gen_http_error(it, rs);
	it->phase = PHASE_IDLE;
	if (!it->cancel_more && it->b->ops->cancel_more != NULL) {
		it->cancel_more = 1;
		if (gen_cancel_send(q, it, it->b->ops->cancel_more) == 0)
			return;
	}
	gen_cancel_end(q, it);
}

static void
gen_start(struct gen_queue *q, struct gen_item *it)
{
	if (it->cancel) {
		gen_cancel_start(q, it);
		return;
	}
	if (q->mode == GEN_RUN_NONE) {
		gen_park(it, NULL);
		return;
	}
	if (it->job.state == JOB_QUEUED && it->job.remote_id == NULL) {
		gen_start_submit(q, it);
		return;
	}
	switch (it->job.state) {
	case JOB_QUEUED:
	case JOB_IN_PROGRESS:
		if (it->b->ops->kind == API_KIND_PROGRAM) {
			gen_fail(q, it, JOB_NEEDS_DECISION, "the program was "
			    "interrupted (takeboard stopped while it ran); "
			    "retry or cancel the take");
			return;
		}
		if (q->mode == GEN_RUN_SUBMIT) {
			gen_park(it, NULL);
			return;
		}
		if (q->mode == GEN_RUN_ONCE && it->looked) {
			gen_park(it, NULL);
			return;
		}
		gen_start_http(q, it, PHASE_POLL, it->b->ops->poll_req);
		return;
	case JOB_SUBMITTING:
		if (it->b->ops->kind == API_KIND_PROGRAM ||
		    it->b->ops->list_req == NULL) {
			gen_fail(q, it, JOB_NEEDS_DECISION, "the submission "
			    "was interrupted before %s answered: it may or "
			    "may not have been accepted (check the "
			    "provider, then retry or cancel the take)",
			    it->b->name);
			return;
		}
		gen_start_list(q, it);
		return;
	case JOB_DOWNLOADING:
		if (q->mode == GEN_RUN_SUBMIT) {
			gen_park(it, NULL);
			return;
		}
		gen_start_download(q, it, 0);
		return;
	default:
		gen_park(it, NULL);
		return;
	}
}

static long long
gen_poll_delay(struct gen_queue *q, struct gen_item *it,
    const struct http_resp *rs)
{
	long long	 d, age;

	if (rs->poll_after_ms > 0)
		d = rs->poll_after_ms;
	else {
		/* Back off for long jobs: double after each minute. */
		d = q->cfg->poll_ms;
		age = gen_now() - it->started;
		while (age > 60000 && d < q->cfg->poll_max_ms) {
			d *= 2;
			age -= 60000;
		}
	}
	if (d > q->cfg->poll_max_ms)
		d = q->cfg->poll_max_ms;
	return d;
}

/* Apply a parsed provider job to the item. */
static void
gen_apply(struct gen_queue *q, struct gen_item *it, struct api_job *aj,
    const struct http_resp *rs)
{
	if (it->job.remote_id == NULL)
		it->job.remote_id = xstrdup(aj->remote_id);
	if (aj->progress >= 0)
		it->job.progress = aj->progress;
	if (aj->expires_at > 0)
		it->job.expires_at = aj->expires_at;
	switch (aj->state) {
	case API_SUCCEEDED:
		/* A cancel that came too late: the clip is made (and
		 * billed), so it is kept. */
		if (it->cancel) {
			it->cancel = 0;
			free(it->note);
			it->note = xstrdup("finished before it could be "
			    "cancelled");
		}
		if (aj->asset_url == NULL && it->b->ops->result_req != NULL) {
			/* Done, but the asset comes with a separate result. */
			it->job.state = JOB_IN_PROGRESS;
			it->job.progress = 100;
			if (gen_save(q, it) == 0)
				gen_start_http(q, it, PHASE_RESULT,
				    it->b->ops->result_req);
			return;
		}
		it->job.state = JOB_DOWNLOADING;
		it->job.progress = 100;
		if (gen_save(q, it) == 0)
			gen_start_download(q, it, 0);
		return;
	case API_FAILED:
		gen_fail(q, it, JOB_FAILED, "%s: generation failed%s%s%s%s",
		    it->b->name, aj->err_code != NULL ? ": " : "",
		    aj->err_code != NULL ? aj->err_code : "",
		    aj->err_message != NULL ? ": " : "",
		    aj->err_message != NULL ? aj->err_message : "");
		return;
	case API_CANCELLED:
		gen_fail(q, it, JOB_CANCELLED, "%s: cancelled by the "
		    "provider", it->b->name);
		return;
	case API_QUEUED:
		it->job.state = JOB_QUEUED;
		break;
	default:
		it->job.state = JOB_IN_PROGRESS;
		break;
	}
	if (it->started == 0)
		it->started = gen_now();
	it->retries = 0;
	it->phase = PHASE_IDLE;
	it->due = gen_now() + gen_poll_delay(q, it, rs);
	if (gen_save(q, it) != 0)
		return;
	if (it->cancel) {
		gen_cancel_start(q, it);
		return;
	}
	if (q->mode != GEN_RUN_WATCH)
		gen_park(it, NULL);
}

static void
gen_submit_done(struct gen_queue *q, struct gen_item *it,
    struct http_resp *rs)
{
	struct api_job	 aj;
	enum api_err	 e;
	char		*cause = NULL, *msg, *code;

	if (rs->status >= 200 && rs->status <= 299 && rs->curl_rc == 0) {
		gen_set_response(it, rs);
		if (it->b->ops->job_resp(rs, &aj, &cause) != 0) {
			/* Accepted, but the id is unreadable. */
			free(cause);
			gen_fail(q, it, JOB_NEEDS_DECISION, "%s accepted the "
			    "submission but its answer was unreadable; check "
			    "the provider, then retry or cancel the take",
			    it->b->name);
			return;
		}
		gen_apply(q, it, &aj, rs);
		api_job_free(&aj);
		if (q->mode == GEN_RUN_SUBMIT && it->phase == PHASE_IDLE)
			gen_park(it, NULL);
		return;
	}
	if (rs->refused) {
		gen_fail(q, it, JOB_FAILED, "%s: %s", it->b->name, rs->error);
		return;
	}
	code = gen_err_code(it, rs);
	e = rs->curl_rc != 0 && (rs->status == 0 || (rs->status >= 200 &&
	    rs->status <= 299)) ? API_ERR_TRANSIENT : api_classify(rs, code);
	free(code);
	if ((e == API_ERR_TRANSIENT && !rs->sent && rs->status == 0) ||
	    e == API_ERR_RATE) {
		/* Certainly not accepted: back to the local queue. */
		it->job.state = JOB_QUEUED;
		gen_save(q, it);
		gen_retry(q, it, rs);
		return;
	}
	if (e == API_ERR_TRANSIENT) {
		/* It may have arrived: never resubmit blindly. */
		it->phase = PHASE_IDLE;
		if (it->b->ops->list_req != NULL) {
			gen_start_list(q, it);
			return;
		}
		msg = gen_http_error(it, rs);
		gen_fail(q, it, JOB_NEEDS_DECISION, "%s; the submission may "
		    "or may not have been accepted (check the provider, "
		    "then retry or cancel the take)", msg);
		free(msg);
		return;
	}
	gen_set_response(it, rs);
	msg = gen_http_error(it, rs);
	gen_fail(q, it, JOB_FAILED, "%s (%s)", msg, api_err_name(e));
	free(msg);
}

static void
gen_poll_done(struct gen_queue *q, struct gen_item *it,
    struct http_resp *rs)
{
	struct api_job	 aj;
	enum api_err	 e;
	char		*cause = NULL, *msg, *code;

	it->looked = 1;
	if (rs->status >= 200 && rs->status <= 299 && rs->curl_rc == 0) {
		gen_set_response(it, rs);
		if (it->b->ops->job_resp(rs, &aj, &cause) != 0) {
			gen_fail(q, it, JOB_FAILED, "%s: %s", it->b->name,
			    cause);
			free(cause);
			return;
		}
		gen_apply(q, it, &aj, rs);
		api_job_free(&aj);
		return;
	}
	if (rs->refused) {
		gen_fail(q, it, JOB_FAILED, "%s: %s", it->b->name, rs->error);
		return;
	}
	if (rs->too_big) {
		msg = gen_http_error(it, rs);
		gen_fail(q, it, JOB_FAILED, "%s", msg);
		free(msg);
		return;
	}
	code = gen_err_code(it, rs);
	e = rs->curl_rc != 0 && rs->status >= 200 && rs->status <= 299 ?
	    API_ERR_TRANSIENT : api_classify(rs, code);
	free(code);
	if (e == API_ERR_TRANSIENT || e == API_ERR_RATE) {
		gen_retry(q, it, rs);
		return;
	}
	gen_set_response(it, rs);
	msg = gen_http_error(it, rs);
	gen_fail(q, it, JOB_FAILED, "%s (%s)", msg, api_err_name(e));
	free(msg);
}

static void
gen_list_done(struct gen_queue *q, struct gen_item *it,
    struct http_resp *rs)
{
	struct api_req	 r;
	time_t		 since;
	char		*cause = NULL, *id = NULL, *msg;
	int		 found, skip, used;

	if (rs->status < 200 || rs->status > 299 || rs->curl_rc != 0) {
		if (api_classify(rs, NULL) == API_ERR_TRANSIENT ||
		    rs->status == 429) {
			it->job.state = JOB_SUBMITTING;
			gen_retry(q, it, rs);
			return;
		}
		msg = gen_http_error(it, rs);
		gen_fail(q, it, JOB_NEEDS_DECISION, "cannot look for the "
		    "interrupted submission (%s); retry or cancel the take",
		    msg);
		free(msg);
		return;
	}
	if (api_req_from_json(it->job.request_json, &r, &cause) != 0) {
		gen_fail(q, it, JOB_FAILED, "%s", cause);
		free(cause);
		return;
	}
	since = 0;
	if (clock_parse_iso(it->job.created, &since) != 0)
		since = 0;
	/* The first matching job no other take already holds. */
	for (skip = 0;; skip++) {
		found = it->b->ops->list_find(rs, &r, (long long)since - 86400,
		    skip, &id, &cause);
		if (found != 1)
			break;
		used = db_job_remote_used(q->db, id, &cause);
		if (used == 0)
			break;
		free(id);
		id = NULL;
		if (used < 0) {
			found = -1;
			break;
		}
	}
	api_req_free(&r);
	if (found == 1) {
		it->job.remote_id = id;
		it->job.state = JOB_QUEUED;
		it->phase = PHASE_IDLE;
		it->due = 0;
		free(it->job.error);
		it->job.error = NULL;
		gen_save(q, it);
		return;
	}
	free(cause);
	gen_fail(q, it, JOB_NEEDS_DECISION, "the submission was "
	    "interrupted and %s does not list it: it was probably not "
	    "accepted (retry or cancel the take)", it->b->name);
}

/* fsync a file by path; 0, or -1. */
static int
fsync_path(const char *path)
{
	int	 fd, rv;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	rv = fsync(fd);
	close(fd);
	return rv;
}

static int
gen_media_type(const char *ct, int thumb)
{
	if (ct == NULL)
		return 0;
	if (thumb)
		return strncmp(ct, "image/", 6) == 0;
	return strncmp(ct, "video/", 6) == 0 ||
	    strncmp(ct, "application/octet-stream", 24) == 0 ||
	    strncmp(ct, "application/binary", 18) == 0;
}

/* Whether the job's clip comes from a URL of its own (signed, without
 * credentials), which a new poll renews. */
static int
gen_signed_url(struct gen_item *it)
{
	struct api_job	 aj;
	char		*cause = NULL;
	int		 rv;

	if (gen_stored_job(it, &aj, &cause) != 0) {
		free(cause);
		return 0;
	}
	rv = aj.asset_url != NULL;
	api_job_free(&aj);
	return rv;
}

static void
gen_download_done(struct gen_queue *q, struct gen_item *it,
    struct http_resp *rs, int thumb)
{
	enum api_err	 e;
	char		*part, *final, *msg;

	part = xasprintf("%s/%s%s", it->dir, it->base, thumb ?
	    ".thumb.part" : ".part");
	if (rs->status >= 200 && rs->status <= 299 && rs->curl_rc == 0) {
		if (!gen_media_type(rs->content_type, thumb)) {
			unlink(part);
			free(part);
			if (thumb) {
				it->parked = 1;
				it->phase = PHASE_IDLE;
				return;
			}
			msg = sanitize_clip(rs->content_type != NULL ?
			    rs->content_type : "none", 60);
			gen_fail(q, it, JOB_FAILED, "%s: the clip is not a "
			    "video (Content-Type %s)", it->b->name, msg);
			free(msg);
			return;
		}
		if (thumb)
			final = xasprintf("%s/%s.webp", it->dir, it->base);
		else
			final = gen_final(it, rs->content_type);
		if (rename(part, final) != 0) {
			gen_fail(q, it, JOB_FAILED, "cannot rename %s: %s",
			    part, strerror(errno));
			free(part);
			free(final);
			return;
		}
		fs_fsync_dir(it->dir);
		free(part);
		if (thumb) {
			free(final);
			it->parked = 1;
			it->phase = PHASE_IDLE;
			return;
		}
		gen_record(q, it, final);
		free(final);
		if (it->job.state == JOB_DONE)
			gen_start_download(q, it, 1);
		return;
	}
	if (thumb) {
		unlink(part);
		free(part);
		it->parked = 1;
		it->phase = PHASE_IDLE;
		return;
	}
	if (rs->too_big) {
		unlink(part);
		free(part);
		gen_fail(q, it, JOB_FAILED, "%s: the clip is larger than "
		    "max_size (%lld bytes)", it->b->name, it->b->max_bytes);
		return;
	}
	if (rs->local) {
		/* No retry can help a full disk or a read-only folder; the
		 * .part keeps its bytes for the next sync. */
		free(part);
		gen_park(it, "left for the next sync (%s)", rs->error);
		return;
	}
	if (rs->refused) {
		unlink(part);
		free(part);
		gen_fail(q, it, JOB_FAILED, "download: %s: %s", it->b->name,
		    rs->error);
		return;
	}
	e = rs->status == 0 || (rs->status >= 200 && rs->status <= 299) ?
	    API_ERR_TRANSIENT : api_classify(rs, NULL);
	if (e == API_ERR_TRANSIENT || e == API_ERR_RATE) {
		/* The .part keeps its bytes; the next try resumes. */
		free(part);
		gen_retry(q, it, rs->status >= 200 && rs->status <= 299 ?
		    NULL : rs);
		return;
	}
	if (!it->refreshed && it->job.remote_id != NULL &&
	    it->job.last_response != NULL && (rs->status == 403 ||
	    rs->status == 404 || rs->status == 410) && gen_signed_url(it)) {
		/* A signed output URL expired: a new poll gives a fresh one. */
		free(part);
		it->refreshed = 1;
		gen_start_http(q, it, PHASE_POLL, it->b->ops->poll_req);
		return;
	}
	unlink(part);
	free(part);
	msg = gen_http_error(it, rs);
	gen_fail(q, it, JOB_FAILED, "download: %s", msg);
	free(msg);
}

static void
gen_command_check(struct gen_queue *q, struct gen_item *it)
{
	char	*part, *final, *errp, *text = NULL, *line, *cause = NULL;
	long long size = -1;
	int	 status = 0, rc;
	FILE	*f;
	char	 buf[512];
	size_t	 n;

	rc = api_command_done(it->pid, 0, &status);
	if (rc == 0)
		return;
	it->pid = -1;
	it->phase = PHASE_IDLE;
	part = xasprintf("%s/%s.part", it->dir, it->base);
	errp = xasprintf("%s/.%s.stderr", it->dir, it->base);
	f = fopen(errp, "r");
	if (f != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		text = xstrdup(buf);
	}
	unlink(errp);
	free(errp);
	if (rc == 1 && status == 0 && fs_size(part, &size, &cause) == 0 &&
	    size > 0) {
		final = xasprintf("%s/%s.mp4", it->dir, it->base);
		if (fsync_path(part) != 0 || rename(part, final) != 0) {
			gen_fail(q, it, JOB_FAILED, "cannot place the clip: "
			    "%s", strerror(errno));
		} else {
			fs_fsync_dir(it->dir);
			gen_record(q, it, final);
		}
		free(final);
	} else {
		unlink(part);
		line = text != NULL ? str_first_line(text) : xstrdup("");
		if (it->cancel)
			gen_fail(q, it, JOB_CANCELLED, "cancelled by %s",
			    clock_user());
		else if (rc == 1 && status == 0)
			gen_fail(q, it, JOB_FAILED, "%s: the program wrote "
			    "no clip", it->b->name);
		else
			gen_fail(q, it, JOB_FAILED, "%s: exit status %d%s%s",
			    it->b->name, status, *line != '\0' ? ": " : "",
			    line);
		free(line);
	}
	free(cause);
	free(text);
	free(part);
}

/* The wait (ms) until the next due item, at most max. */
static int
gen_next_due(struct gen_queue *q, int max)
{
	long long	 now, d, best = max;
	size_t		 i;

	now = gen_now();
	for (i = 0; i < q->n; i++) {
		if (q->items[i]->parked || q->items[i]->blocked ||
		    q->items[i]->phase != PHASE_IDLE)
			continue;
		d = q->items[i]->due - now;
		if (d < best)
			best = d < 0 ? 0 : d;
	}
	return (int)best;
}

/* Order of starting: clips about to expire first, then by take. */
static int
gen_cmp(const void *a, const void *b)
{
	const struct gen_item	*x = *(struct gen_item *const *)a;
	const struct gen_item	*y = *(struct gen_item *const *)b;
	long long		 ex, ey;

	ex = x->job.expires_at > 0 ? x->job.expires_at : 0x7fffffffffffLL;
	ey = y->job.expires_at > 0 ? y->job.expires_at : 0x7fffffffffffLL;
	if (ex != ey)
		return ex < ey ? -1 : 1;
	return x->job.take_id < y->job.take_id ? -1 :
	    x->job.take_id > y->job.take_id;
}

/*
 * One turn of the engine: start due work, wait for the network up to
 * timeout_ms (0: no waiting, for the interface's loop) and apply what
 * finished. Returns the number of jobs with work left this run.
 */
int
gen_queue_step(struct gen_queue *q, int timeout_ms)
{
	struct http_resp	*rs;
	struct gen_item		*it;
	long long		 now;
	size_t			 i;
	int			 wait, due;

	now = gen_now();
	/* The order only matters when something starts: no sort on the
	 * wake-ups in between (a thousand jobs waiting cost nothing). */
	due = 0;
	for (i = 0; i < q->n; i++) {
		it = q->items[i];
		it->blocked = 0;
		if (!it->parked && it->phase == PHASE_IDLE && it->due <= now)
			due = 1;
	}
	if (due && q->n > 1)
		qsort(q->items, q->n, sizeof *q->items, gen_cmp);
	for (i = 0; due && i < q->n; i++) {
		it = q->items[i];
		if (it->parked || it->phase != PHASE_IDLE || it->due > now)
			continue;
		gen_start(q, it);
	}
	wait = gen_next_due(q, timeout_ms);
	for (i = 0; i < q->n; i++) {
		if (q->items[i]->phase == PHASE_COMMAND && wait > 50)
			wait = 50;
	}
	if (http_running(q->http) > 0)
		http_wait(q->http, wait);
	else if (wait > 0 && gen_queue_busy(q))
		poll(q->nwake > 0 ? q->wake : NULL, (nfds_t)q->nwake, wait);
	for (;;) {
		rs = http_next(q->http);
		if (rs == NULL)
			break;
		it = rs->tag;
		it->live = NULL;
		switch (it->phase) {
		case PHASE_SUBMIT:
			gen_submit_done(q, it, rs);
			break;
		case PHASE_POLL:
		case PHASE_RESULT:
			gen_poll_done(q, it, rs);
			break;
		case PHASE_LIST:
			gen_list_done(q, it, rs);
			break;
		case PHASE_DOWNLOAD:
			gen_download_done(q, it, rs, 0);
			break;
		case PHASE_THUMB:
			gen_download_done(q, it, rs, 1);
			break;
		case PHASE_CANCEL:
			gen_cancel_done(q, it, rs);
			break;
		default:
			break;
		}
		http_resp_free(rs);
	}
	for (i = 0; i < q->n; i++) {
		if (q->items[i]->phase == PHASE_COMMAND)
			gen_command_check(q, q->items[i]);
	}
	return gen_queue_busy(q);
}

/* How many jobs still have work in this run. */
int
gen_queue_busy(const struct gen_queue *q)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < q->n; i++) {
		if (!q->items[i]->parked || q->items[i]->phase != PHASE_IDLE)
			n++;
	}
	return n;
}

/*
 * Cancel the job of take id without waiting: one that is only queued
 * here, waiting for a decision or whose provider cannot cancel simply
 * ends; one at the provider ends once the provider has answered a
 * cancel request; a running program gets SIGTERM. A job still being
 * submitted or polled is cancelled as soon as that answer is in. A
 * finished generation (downloading) is not cancelled: the clip exists
 * and is paid for. 0 (follow with gen_queue_cancelling), or -1 with
 * *cause.
 */
int
gen_queue_cancel(struct gen_queue *q, long long id, char **cause)
{
	struct gen_item	*it;

	it = gen_find(q, id);
	if (it == NULL || job_state_final(it->job.state)) {
		*cause = xasprintf("take %lld has no unfinished job", id);
		return -1;
	}
	if (it->job.state == JOB_DOWNLOADING || it->phase == PHASE_DOWNLOAD ||
	    it->phase == PHASE_THUMB) {
		*cause = xasprintf("take %lld is already generated (its clip "
		    "is being downloaded); delete the take instead if it is "
		    "not wanted", id);
		return -1;
	}
	it->cancel = 1;
	it->parked = 0;
	if (it->phase == PHASE_COMMAND && it->pid > 0) {
		kill(it->pid, SIGTERM);
		return 0;
	}
	if (it->phase == PHASE_IDLE)
		gen_cancel_start(q, it);
	return 0;
}

/* Whether a cancel of take id is still under way (1) or over (0). */
int
gen_queue_cancelling(const struct gen_queue *q, long long id)
{
	const struct gen_item	*it;

	it = gen_find(q, id);
	return it != NULL && it->cancel && !job_state_final(it->job.state);
}

/* The state the job of take id is in, as far as this engine knows:
 * -1 when the engine does not hold it. */
int
gen_queue_state(const struct gen_queue *q, long long id)
{
	const struct gen_item	*it;

	it = gen_find(q, id);
	return it != NULL ? (int)it->job.state : -1;
}
