/* SPDX-License-Identifier: ISC */
/*
 * Video generation backends: one const ops table per provider and the
 * registry. A backend builds requests (struct http_req) and parses
 * answers (struct http_resp) without any I/O of its own; http.c runs the
 * requests, the engine (gen/) decides what to do with the results. A
 * "program" backend runs a local command instead (api-command.c).
 */
#ifndef TB_API_API_H
#define TB_API_API_H

struct http_req;
struct http_resp;

/* What the provider says about a job, normalised. */
enum api_state {
	API_QUEUED,
	API_RUNNING,
	API_SUCCEEDED,
	API_FAILED,
	API_CANCELLED,
	API_UNKNOWN		/* an unknown status: keep polling */
};

/* How an error answer is to be handled. */
enum api_err {
	API_ERR_NONE,
	API_ERR_TRANSIENT,	/* connection error, 408, 409, 5xx: retry */
	API_ERR_RATE,		/* 429 rate limit: retry after a wait */
	API_ERR_AUTH,		/* 401, 403: permanent */
	API_ERR_INVALID,	/* 400, 404, 422: permanent */
	API_ERR_QUOTA,		/* 429 insufficient_quota: permanent */
	API_ERR_PROTOCOL	/* malformed answer: permanent for the take */
};

/* A provider-neutral request, stored as JSON with the job. */
struct api_req {
	char		*prompt;
	char		*model;
	long long	 seconds;
	char		*size;		/* "1280x720" */
	char		*image;		/* reference image path, or NULL */
	char		*remix_of;	/* remote id of the source video */
	long long	 seed;		/* 0: none (see api_ops.seeded) */
};

/* A job as the provider describes it (from a create or poll answer). */
struct api_job {
	char		*remote_id;
	enum api_state	 state;
	char		*raw_status;
	long long	 progress;	/* 0..100, -1 unknown */
	long long	 expires_at;	/* unix seconds, -1 unknown */
	char		*err_code;
	char		*err_message;
	char		*asset_url;	/* NULL: fetched by id */
	char		*thumb_url;
};

/* A backend's configuration, filled by gen/ from the config file. */
struct api_cfg {
	const char	*name;		/* the configured backend name */
	const char	*base_url;
	const char	*key;		/* NULL when none */
	const char	*version;	/* an API version header, or NULL */
	const char	*program;	/* the command backend's program */
	const char	*workflow;	/* comfyui: the workflow file */
	const char	*negative;	/* comfyui: the negative prompt */
	long long	 fps;		/* comfyui: frames per second */
};

#define API_KIND_HTTP		0
#define API_KIND_PROGRAM	1

struct api_ops {
	const char	*name;		/* "openai", used in config */
	int		 kind;
	const char	*key_env;	/* "OPENAI_API_KEY", or NULL */
	const char	*key_env_alt;	/* read when key_env is unset, or NULL */
	const char	*base_env;	/* "OPENAI_BASE_URL", or NULL */
	const char	*base_default;
	const char	*model_default;
	long long	 seconds_default;
	const char	*size_default;
	/* The models its documentation names, NULL-ended; another model
	 * is passed through with a warning. NULL: no list. */
	const char *const *models;
	int		 remix;		/* remixes a finished video */
	/* Refuse a request the provider would refuse, naming the allowed
	 * values; 0, or -1 with *cause. May be NULL. */
	int		(*check)(const struct api_req *, char **);
	/* Check what the configuration adds (comfyui's workflow file)
	 * before anything is recorded; 0, or -1 with *cause. May be
	 * NULL. */
	int		(*prepare)(const struct api_cfg *,
			    const struct api_req *, char **);
	/* Build the create request. */
	int		(*submit_req)(const struct api_cfg *,
			    const struct api_req *, struct http_req *,
			    char **);
	/* Parse a create or poll answer (2xx) into *job. */
	int		(*job_resp)(const struct http_resp *, struct api_job *,
			    char **);
	int		(*poll_req)(const struct api_cfg *, const char *,
			    struct http_req *, char **);
	/* May be NULL. When a poll says the job succeeded but names no
	 * asset, the engine fetches the result with this request and
	 * parses the answer with job_resp, which must then give the asset
	 * or fail (fal's queue: status, then a separate result). */
	int		(*result_req)(const struct api_cfg *, const char *,
			    struct http_req *, char **);
	/* Build the download of variant "video" or "thumbnail" of a job;
	 * 0, 1 when the provider has no such variant, -1 error. */
	int		(*download_req)(const struct api_cfg *,
			    const struct api_job *, const char *,
			    struct http_req *, char **);
	/* May be NULL. */
	int		(*cancel_req)(const struct api_cfg *, const char *,
			    struct http_req *, char **);
	/* A second cancel request, sent after cancel_req's answer
	 * (comfyui: delete from the queue, then interrupt if running);
	 * may be NULL. */
	int		(*cancel_more)(const struct api_cfg *, const char *,
			    struct http_req *, char **);
	/* Reconciliation through a list endpoint; both NULL when none.
	 * list_find gives the skip-th job matching the request. */
	int		(*list_req)(const struct api_cfg *, struct http_req *,
			    char **);
	int		(*list_find)(const struct http_resp *,
			    const struct api_req *, long long, int, char **,
			    char **);
	/* Read an error answer's code and message; may be NULL. */
	void		(*error)(const struct http_resp *, char **, char **);
	/* 1: the engine draws a random seed at a job's first submission
	 * and stores it with the request before it leaves, so a retry of
	 * the take asks for the same clip (comfyui). */
	int		 seeded;
};

extern const struct api_ops *const api_backends[];

const struct api_ops *api_find(const char *);
char	*api_names(void);
int	 api_known_model(const struct api_ops *, const char *);
void	 api_req_free(struct api_req *);
char	*api_req_to_json(const struct api_req *);
int	 api_req_from_json(const char *, struct api_req *, char **);
int	 api_parse_size(const char *, long long *, long long *);
void	 api_job_free(struct api_job *);
enum api_err api_classify(const struct http_resp *, const char *);
const char *api_err_name(enum api_err);
char	*api_scrub(const char *, const char *);

#endif
