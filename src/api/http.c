/* SPDX-License-Identifier: ISC */
/*
 * HTTP over one libcurl multi handle (see http.h). Every easy handle
 * comes from one constructor: https only (http too for 127.0.0.1 when
 * the caller allows it), TLS verification left on, connect and
 * low-speed timeouts, no FAILONERROR (error bodies tell a rate limit
 * from an exhausted quota), no automatic redirects: a 3xx is followed
 * here with the credential header dropped when the host changes.
 */
#include "config.h"

#include "api/http.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "util/buf.h"
#include "util/secret.h"
#include "util/xmalloc.h"

#define HTTP_MAX_REDIRECTS	5
#define HTTP_LOW_SPEED_TIME	30

struct xfer {
	struct http		*http;
	CURL			*easy;
	struct curl_slist	*slist;
	curl_mime		*mime;
	struct http_req		*req;
	struct http_resp	*resp;
	struct buf		 body;
	int			 fd;
	int			 werr;		/* errno of a failed write */
	long long		 offset;	/* resumed from */
	int			 redirects;
	long long		 moved_ms;	/* last time bytes moved */
	curl_off_t		 moved;		/* bytes both ways then */
	int			 stalled;
	int			 first_host;	/* auth still allowed */
	char			*host;		/* of the first URL */
	struct xfer		*next;
};

struct http {
	CURLM			*multi;
	int			 allow_http;
	long			 low_speed_time;	/* seconds */
	int			 running;
	struct xfer		*xfers;
	struct http_resp	**done;
	size_t			 ndone;
	struct curl_waitfd	 wake[2];	/* also end a wait */
	unsigned int		 nwake;
};

/* Start a request description: method and URL are copied. */
void
http_req_init(struct http_req *r, const char *method, const char *url)
{
	memset(r, 0, sizeof *r);
	r->method = xstrdup(method);
	r->url = xstrdup(url);
}

/* Add a header line "Name: value" to a request. */
void
http_req_header(struct http_req *r, const char *fmt, ...)
{
	va_list	 ap;

	if (r->nheaders == HTTP_MAX_HEADERS)
		fatal("too many headers");
	va_start(ap, fmt);
	r->headers[r->nheaders++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Add a multipart form field. */
void
http_req_part(struct http_req *r, const char *name, const char *value)
{
	r->parts = xreallocarray(r->parts, (size_t)r->nparts + 1,
	    sizeof *r->parts);
	r->parts[r->nparts].name = xstrdup(name);
	r->parts[r->nparts].value = xstrdup(value);
	r->nparts++;
}

/* Free what a request holds, wiping the credential. */
void
http_req_free(struct http_req *r)
{
	int	 i;

	free(r->method);
	free(r->url);
	for (i = 0; i < r->nheaders; i++)
		free(r->headers[i]);
	secret_free(r->auth);
	free(r->body);
	for (i = 0; i < r->nparts; i++) {
		free(r->parts[i].name);
		free(r->parts[i].value);
	}
	free(r->parts);
	free(r->out_path);
	memset(r, 0, sizeof *r);
}

/* Free an answer from http_next. */
void
http_resp_free(struct http_resp *rs)
{
	if (rs == NULL)
		return;
	free(rs->body);
	free(rs->content_type);
	free(rs->request_id);
	free(rs);
}

/* s percent-encoded for a URL's query or path (allocated): every byte
 * but letters, digits and "-._~" is escaped. */
char *
http_escape(const char *s)
{
	char	*e, *out;

	e = curl_easy_escape(NULL, s, 0);
	if (e == NULL)
		fatal("out of memory");
	out = xstrdup(e);
	curl_free(e);
	return out;
}

/* A new multi handle; allow_http permits http:// to 127.0.0.1. */
struct http *
http_new(int allow_http)
{
	struct http	*h;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	h = xcalloc(1, sizeof *h);
	h->multi = curl_multi_init();
	if (h->multi == NULL)
		fatal("curl_multi_init failed");
	h->allow_http = allow_http;
	h->low_speed_time = HTTP_LOW_SPEED_TIME;
	return h;
}

/*
 * Abort a transfer that moves less than a byte a second for secs seconds
 * (the low_speed_time setting; tests shorten it). Applies to transfers
 * started afterwards.
 */
void
http_set_low_speed(struct http *h, long secs)
{
	if (secs > 0)
		h->low_speed_time = secs;
}

/* Free the header list, wiping it: it holds the credential. */
static void
xfer_slist_free(struct xfer *x)
{
	struct curl_slist	*l;

	for (l = x->slist; l != NULL; l = l->next)
		secret_wipe(l->data, strlen(l->data));
	curl_slist_free_all(x->slist);
	x->slist = NULL;
}

static void
xfer_free(struct xfer *x)
{
	if (x->easy != NULL) {
		curl_multi_remove_handle(x->http->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	xfer_slist_free(x);
	curl_mime_free(x->mime);
	if (x->fd != -1)
		close(x->fd);
	buf_fini(&x->body);
	free(x->host);
	if (x->req != NULL) {
		http_req_free(x->req);
		free(x->req);
	}
	free(x);
}

/* Stop every transfer and free the handle. */
void
http_free(struct http *h)
{
	struct xfer	*x;
	size_t		 i;

	if (h == NULL)
		return;
	for (;;) {
		x = h->xfers;
		if (x == NULL)
			break;
		h->xfers = x->next;
		http_resp_free(x->resp);
		xfer_free(x);
	}
	for (i = 0; i < h->ndone; i++)
		http_resp_free(h->done[i]);
	free(h->done);
	curl_multi_cleanup(h->multi);
	free(h);
}

/* The lower-cased host:port of a URL, or NULL. */
static char *
url_host(const char *url)
{
	CURLU	*u;
	char	*host = NULL, *port = NULL, *out = NULL;

	u = curl_url();
	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK)
		out = xasprintf("%s:%s", host, port);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return out;
}

static int
url_is_loopback_http(const char *url)
{
	return strncmp(url, "http://127.0.0.1:", 17) == 0 ||
	    strncmp(url, "http://127.0.0.1/", 17) == 0 ||
	    strncmp(url, "http://localhost:", 17) == 0;
}

static size_t
http_header_cb(char *data, size_t size, size_t n, void *arg)
{
	struct xfer		*x = arg;
	struct http_resp	*rs = x->resp;
	size_t			 len = size * n, nlen;
	char			*line, *v;
	long long		 ms;

	line = xstrndup(data, len);
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, "HTTP/", 5) == 0) {
		rs->retry_after_ms = -1;
		rs->poll_after_ms = -1;
		rs->should_retry = -1;
		free(rs->request_id);
		rs->request_id = NULL;
	}
	v = strchr(line, ':');
	if (v != NULL) {
		nlen = (size_t)(v - line);
		v++;
		v += strspn(v, " \t");
		if (nlen == 14 &&
		    strncasecmp(line, "retry-after-ms", 14) == 0) {
			ms = strtoll(v, NULL, 10);
			if (ms >= 0)
				rs->retry_after_ms = ms;
		} else if (nlen == 20 &&
		    strncasecmp(line, "openai-poll-after-ms", 20) == 0) {
			ms = strtoll(v, NULL, 10);
			if (ms > 0)
				rs->poll_after_ms = ms;
		} else if (nlen == 12 &&
		    strncasecmp(line, "x-request-id", 12) == 0 &&
		    strlen(v) < 80) {
			free(rs->request_id);
			rs->request_id = xstrdup(v);
		} else if (nlen == 14 &&
		    strncasecmp(line, "x-should-retry", 14) == 0)
			rs->should_retry = strcmp(v, "true") == 0;
	}
	free(line);
	return len;
}

static size_t
http_write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct xfer	*x = arg;
	size_t		 len = size * n, off;
	long		 status = 0;
	ssize_t		 w;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (x->fd == -1 || status < 200 || status > 299) {
		if (x->body.len + len > HTTP_BODY_MAX) {
			x->resp->too_big = 1;
			return 0;
		}
		buf_add(&x->body, data, len);
		return len;
	}
	if (x->req->max_bytes > 0 &&
	    x->offset + x->resp->now + (long long)len > x->req->max_bytes) {
		x->resp->too_big = 1;
		return 0;
	}
	for (off = 0; off < len; off += (size_t)w) {
		w = write(x->fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			/* A full disk or a read-only folder: said so in
			 * http_done (curl owns the error buffer until then). */
			x->resp->local = 1;
			x->werr = errno;
			return 0;
		}
	}
	x->resp->now += (long long)len;
	return len;
}

static long long
http_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Progress, and the stall check: libcurl's own low-speed check averages
 * the rate over several seconds (7.88: up to 6), so a body that stops
 * after a burst runs on for low_speed_time + 6 s; this one aborts when
 * no byte has moved either way for low_speed_time.
 */
static int
http_progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer	*x = arg;
	long long	 now;

	(void)ultotal;
	if (dltotal > 0)
		x->resp->total = x->offset + (long long)dltotal;
	now = http_now_ms();
	if (dlnow + ulnow != x->moved) {
		x->moved = dlnow + ulnow;
		x->moved_ms = now;
	} else if (now - x->moved_ms > x->http->low_speed_time * 1000) {
		x->stalled = 1;
		return 1;
	}
	return 0;
}

/* Set up the easy handle of x for its current URL; 0, or -1. */
static int
xfer_setup(struct xfer *x)
{
	struct http_req	*r = x->req;
	struct stat	 sb;
	curl_mimepart	*part;
	const char	*protos;
	int		 i;

	if (x->easy != NULL) {
		curl_multi_remove_handle(x->http->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	xfer_slist_free(x);
	curl_mime_free(x->mime);
	x->mime = NULL;
	buf_reset(&x->body);
	x->easy = curl_easy_init();
	if (x->easy == NULL)
		return -1;
	protos = "https";
	if (x->http->allow_http && url_is_loopback_http(r->url))
		protos = "http,https";
	if (strncmp(r->url, "http://", 7) == 0 && strcmp(protos, "https") ==
	    0) {
		snprintf(x->resp->error, sizeof x->resp->error, "refusing a "
		    "plain http URL (only https, or http to 127.0.0.1 when "
		    "allowed)");
		return -1;
	}
	if (strncmp(r->url, "https://", 8) != 0 && strcmp(protos, "https") ==
	    0) {
		snprintf(x->resp->error, sizeof x->resp->error, "refusing a "
		    "URL that is not https");
		return -1;
	}
	curl_easy_setopt(x->easy, CURLOPT_URL, r->url);
	curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, protos);
	curl_easy_setopt(x->easy, CURLOPT_REDIR_PROTOCOLS_STR, protos);
	curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(x->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->easy, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(x->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(x->easy, CURLOPT_LOW_SPEED_TIME,
	    x->http->low_speed_time);
	curl_easy_setopt(x->easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(x->easy, CURLOPT_SSL_VERIFYHOST, 2L);
	if (r->out_path == NULL)
		curl_easy_setopt(x->easy, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(x->easy, CURLOPT_USERAGENT, "takeboard/" VERSION);
	curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, x->resp->error);
	curl_easy_setopt(x->easy, CURLOPT_HEADERFUNCTION, http_header_cb);
	curl_easy_setopt(x->easy, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(x->easy, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->easy, CURLOPT_XFERINFOFUNCTION, http_progress_cb);
	curl_easy_setopt(x->easy, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(x->easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
	for (i = 0; i < r->nheaders; i++)
		x->slist = curl_slist_append(x->slist, r->headers[i]);
	if (r->auth != NULL && x->first_host)
		x->slist = curl_slist_append(x->slist, r->auth);
	if (r->body != NULL) {
		x->slist = curl_slist_append(x->slist,
		    "Content-Type: application/json");
		curl_easy_setopt(x->easy, CURLOPT_POSTFIELDS, r->body);
	} else if (r->nparts > 0) {
		x->mime = curl_mime_init(x->easy);
		for (i = 0; i < r->nparts; i++) {
			part = curl_mime_addpart(x->mime);
			curl_mime_name(part, r->parts[i].name);
			curl_mime_data(part, r->parts[i].value,
			    CURL_ZERO_TERMINATED);
		}
		curl_easy_setopt(x->easy, CURLOPT_MIMEPOST, x->mime);
	}
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0)
		curl_easy_setopt(x->easy, CURLOPT_CUSTOMREQUEST, r->method);
	curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->slist);
	x->offset = 0;
	x->resp->now = 0;
	x->moved = 0;
	x->moved_ms = http_now_ms();
	x->stalled = 0;
	if (r->out_path != NULL) {
		if (x->fd == -1) {
			x->fd = open(r->out_path, O_WRONLY | O_CREAT |
			    O_CLOEXEC, 0644);
			if (x->fd == -1) {
				x->resp->local = 1;
				snprintf(x->resp->error,
				    sizeof x->resp->error, "cannot create %s: "
				    "%s", r->out_path, strerror(errno));
				return -1;
			}
		}
		if (fstat(x->fd, &sb) == 0 && sb.st_size > 0)
			x->offset = (long long)sb.st_size;
		if (lseek(x->fd, (off_t)x->offset, SEEK_SET) < 0)
			return -1;
		if (x->offset > 0)
			curl_easy_setopt(x->easy, CURLOPT_RESUME_FROM_LARGE,
			    (curl_off_t)x->offset);
	}
	if (curl_multi_add_handle(x->http->multi, x->easy) != CURLM_OK)
		return -1;
	x->http->running++;
	return 0;
}

static void
http_finish(struct http *h, struct xfer *x)
{
	struct xfer	**pp;

	for (pp = &h->xfers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == x) {
			*pp = x->next;
			break;
		}
	}
	if (x->body.len > 0 || x->resp->body == NULL) {
		x->resp->len = x->body.len;
		x->resp->body = x->body.data != NULL ? buf_detach(&x->body) :
		    xstrdup("");
	}
	h->done = xreallocarray(h->done, h->ndone + 1, sizeof *h->done);
	h->done[h->ndone++] = x->resp;
	x->resp = NULL;
	xfer_free(x);
}

/*
 * Start request r (taken over: freed by http) with tag for the caller.
 * Returns the answer being filled (its now/total fields show progress);
 * http_next hands it back, finished, exactly once. A request that cannot
 * start comes back from http_next with curl_rc set and sent 0.
 */
struct http_resp *
http_start(struct http *h, struct http_req *r, void *tag)
{
	struct xfer	*x;
	struct http_resp *rs;

	x = xcalloc(1, sizeof *x);
	rs = xcalloc(1, sizeof *rs);
	rs->retry_after_ms = -1;
	rs->poll_after_ms = -1;
	rs->should_retry = -1;
	rs->total = -1;
	rs->tag = tag;
	x->http = h;
	x->fd = -1;
	x->req = xmalloc(sizeof *x->req);
	*x->req = *r;
	memset(r, 0, sizeof *r);
	x->resp = rs;
	x->first_host = 1;
	x->host = url_host(x->req->url);
	buf_init(&x->body);
	x->next = h->xfers;
	h->xfers = x;
	if (x->host == NULL || xfer_setup(x) != 0) {
		rs->curl_rc = CURLE_URL_MALFORMAT;
		rs->refused = 1;
		if (rs->error[0] == '\0')
			snprintf(rs->error, sizeof rs->error, "bad URL");
		http_finish(h, x);
	}
	return rs;
}

static int
http_not_sent(CURLcode rc)
{
	return rc == CURLE_COULDNT_RESOLVE_HOST ||
	    rc == CURLE_COULDNT_RESOLVE_PROXY ||
	    rc == CURLE_COULDNT_CONNECT || rc == CURLE_URL_MALFORMAT ||
	    rc == CURLE_UNSUPPORTED_PROTOCOL ||
	    rc == CURLE_SSL_CONNECT_ERROR ||
	    rc == CURLE_PEER_FAILED_VERIFICATION;
}

/* Handle one finished easy transfer: follow a redirect, restart a
 * refused resume, or finish it. */
static void
http_done(struct http *h, struct xfer *x, CURLcode rc)
{
	struct http_resp	*rs = x->resp;
	char			*loc = NULL, *ct = NULL, *host;
	long			 status = 0;
	curl_off_t		 ra = -1;

	h->running--;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	rs->status = status;
	if (rc == CURLE_ABORTED_BY_CALLBACK && x->stalled) {
		rc = CURLE_OPERATION_TIMEDOUT;
		snprintf(rs->error, sizeof rs->error, "no data for %ld s",
		    h->low_speed_time);
	}
	rs->curl_rc = (int)rc;
	rs->sent = !http_not_sent(rc);
	if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
		rs->refused = 1;
	if (rc == CURLE_RANGE_ERROR && x->fd != -1) {
		/* The server ignores ranges: start over. */
		if (ftruncate(x->fd, 0) == 0 && xfer_setup(x) == 0)
			return;
	}
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	free(rs->content_type);
	rs->content_type = ct != NULL ? xstrdup(ct) : NULL;
	if (rs->retry_after_ms < 0 &&
	    curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &ra) ==
	    CURLE_OK && ra > 0)
		rs->retry_after_ms = (long long)ra * 1000;
	/* Only a GET is followed: a redirected POST could submit twice. */
	if (rc == CURLE_OK && status >= 300 && status <= 399 &&
	    status != 304 && strcmp(x->req->method, "GET") == 0)
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
	if (loc != NULL) {
		if (++x->redirects > HTTP_MAX_REDIRECTS) {
			snprintf(rs->error, sizeof rs->error, "too many "
			    "redirects");
			rs->curl_rc = CURLE_TOO_MANY_REDIRECTS;
		} else {
			host = url_host(loc);
			if (host == NULL || x->host == NULL ||
			    strcmp(host, x->host) != 0)
				x->first_host = 0;
			free(host);
			free(x->req->url);
			x->req->url = xstrdup(loc);
			if (xfer_setup(x) == 0)
				return;
			rs->curl_rc = CURLE_UNSUPPORTED_PROTOCOL;
			rs->refused = 1;
		}
	}
	if (x->werr != 0)
		snprintf(rs->error, sizeof rs->error, "cannot write %s: %s",
		    x->req->out_path, strerror(x->werr));
	if (rc != CURLE_OK && rs->error[0] == '\0')
		snprintf(rs->error, sizeof rs->error, "%s",
		    curl_easy_strerror(rc));
	if (rs->too_big)
		snprintf(rs->error, sizeof rs->error, "the answer is larger "
		    "than allowed");
	if (x->fd != -1 && rc == CURLE_OK && status >= 200 && status <= 299) {
		if (fsync(x->fd) != 0) {
			rs->curl_rc = CURLE_WRITE_ERROR;
			rs->local = 1;
			snprintf(rs->error, sizeof rs->error, "cannot write "
			    "%s: %s", x->req->out_path, strerror(errno));
		}
		rs->now += x->offset;
	}
	http_finish(h, x);
}

/*
 * Wait up to timeout_ms (0: not at all) for network activity and move
 * the transfers on. Returns the number still running.
 */
int
http_wait(struct http *h, int timeout_ms)
{
	CURLMsg		*msg;
	struct xfer	*x;
	int		 running, left;

	if (h->running > 0 && timeout_ms > 0)
		curl_multi_poll(h->multi, h->nwake > 0 ? h->wake : NULL,
		    h->nwake, timeout_ms, NULL);
	curl_multi_perform(h->multi, &running);
	for (;;) {
		msg = curl_multi_info_read(h->multi, &left);
		if (msg == NULL)
			break;
		if (msg->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &x);
		if (x != NULL)
			http_done(h, x, msg->data.result);
	}
	return h->running;
}

/* Let input on these descriptors (up to 2: a terminal and a signal
 * pipe) end http_wait early, so a program waiting on the network stays
 * responsive. */
void
http_wake_on(struct http *h, const int *fds, int n)
{
	int	 i;

	h->nwake = 0;
	for (i = 0; i < n && i < 2; i++) {
		h->wake[i].fd = fds[i];
		h->wake[i].events = CURL_WAIT_POLLIN;
		h->wake[i].revents = 0;
		h->nwake++;
	}
}

/* The next finished answer (the caller frees it), or NULL. */
struct http_resp *
http_next(struct http *h)
{
	struct http_resp	*rs;

	if (h->ndone == 0)
		return NULL;
	rs = h->done[0];
	memmove(h->done, h->done + 1, (h->ndone - 1) * sizeof *h->done);
	h->ndone--;
	return rs;
}

/* How many transfers are running or waiting to be collected. */
int
http_running(const struct http *h)
{
	return h->running + (int)h->ndone;
}
