/* SPDX-License-Identifier: ISC */
/*
 * HTTP for the backends: the only user of libcurl. Requests run on one
 * multi handle without blocking; the caller drives them with http_wait
 * (from a command's loop or the interface's main loop) and collects
 * finished ones with http_next. JSON answers are kept in memory under a
 * cap; downloads stream to a file (resumed with a Range request when it
 * already holds bytes) and are fsynced. Redirects are followed here, by
 * hand, so a credential header never reaches another host.
 */
#ifndef TB_API_HTTP_H
#define TB_API_HTTP_H

#include <stddef.h>

#include "util/xmalloc.h"

#define HTTP_MAX_HEADERS	8
#define HTTP_BODY_MAX		(1024 * 1024)	/* an answer in memory */

struct http_part {
	char	*name;
	char	*value;
};

struct http_req {
	char		*method;	/* "GET", "POST", "DELETE" */
	char		*url;
	char		*headers[HTTP_MAX_HEADERS];	/* "Name: value" */
	int		 nheaders;
	char		*auth;		/* credential header: first host only */
	char		*body;		/* a JSON body, or NULL */
	struct http_part *parts;	/* multipart form fields */
	int		 nparts;
	char		*out_path;	/* download into this file */
	long long	 max_bytes;	/* download cap, 0 none */
};

struct http_resp {
	long		 status;	/* 0 when no answer */
	int		 curl_rc;
	int		 sent;		/* the request may have reached it */
	char		 error[256];	/* transport error, no secrets */
	char		*body;		/* JSON or error body (NUL-ended) */
	size_t		 len;
	char		*content_type;
	char		*request_id;
	long long	 retry_after_ms;	/* -1 none */
	long long	 poll_after_ms;		/* -1 none */
	int		 should_retry;		/* -1 none, 0, 1 */
	int		 too_big;
	int		 refused;	/* URL or protocol refused: no retry */
	int		 local;		/* the file could not be written */
	long long	 now;		/* bytes downloaded so far */
	long long	 total;		/* expected bytes, -1 unknown */
	void		*tag;
};

struct http;

void	 http_req_init(struct http_req *, const char *, const char *);
void	 http_req_header(struct http_req *, const char *, ...) TB_PRINTF(2, 3);
void	 http_req_part(struct http_req *, const char *, const char *);
void	 http_req_free(struct http_req *);
void	 http_resp_free(struct http_resp *);
char	*http_escape(const char *);

struct http *http_new(int);
void	 http_free(struct http *);
void	 http_set_low_speed(struct http *, long);
struct http_resp *http_start(struct http *, struct http_req *, void *);
int	 http_wait(struct http *, int);
struct http_resp *http_next(struct http *);
int	 http_running(const struct http *);
void	 http_wake_on(struct http *, const int *, int);

#endif
