/* SPDX-License-Identifier: ISC */
/*
 * The fal backend's handling of the URLs fal returns: only the path is
 * kept, reduced to "{owner}/{app}/requests/{id}", every character
 * checked, so no host the server names and no "../" reaches a request
 * carrying the key. Also its answers and requests.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util/xmalloc.h"
#include "api/api.h"
#include "api/api-fal.h"
#include "api/http.h"

#define RID	"80e732af-660e-45cd-bd63-580e4f2a94cc"

static void
resp(struct http_resp *rs, const char *body)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	rs->body = (char *)body;
	rs->len = strlen(body);
}

static int
remote(const char *url, const char *id, const char *want)
{
	char	*out;
	int	 rv;

	rv = api_fal_remote(url, id, &out);
	if (want == NULL) {
		free(out);
		return rv == -1;
	}
	rv = rv == 0 && strcmp(out, want) == 0;
	free(out);
	return rv;
}

int
main(void)
{
	struct api_cfg	 cfg;
	struct api_req	 r;
	struct api_job	 job;
	struct http_resp rs;
	struct http_req	 hr;
	char		*cause = NULL;

	ok(remote("https://queue.fal.run/fal-ai/kling-video/requests/" RID
	    "/status", RID, "fal-ai/kling-video/requests/" RID),
	    "remote: a status URL");
	ok(remote("https://evil.example/fal-ai/veo3/requests/" RID, NULL,
	    "fal-ai/veo3/requests/" RID), "remote: the host is dropped");
	ok(remote("https://gw.example/prefix/fal-ai/veo3/requests/" RID
	    "?logs=1", NULL, "fal-ai/veo3/requests/" RID),
	    "remote: the two segments before /requests/");
	ok(remote("https://queue.fal.run/fal-ai/veo3/requests/" RID, "other",
	    NULL), "remote: another request id is refused");
	ok(remote("https://queue.fal.run/../x/requests/" RID, NULL, NULL),
	    "remote: .. is refused");
	ok(remote("https://queue.fal.run/fal-ai/a%2Fb/requests/" RID, NULL,
	    NULL), "remote: an escaped character is refused");
	ok(remote("https://queue.fal.run/veo3/requests/" RID, NULL, NULL),
	    "remote: one segment is not enough");
	ok(remote("https://queue.fal.run/fal-ai/veo3/" RID, NULL, NULL),
	    "remote: no /requests/");
	ok(remote("https://queue.fal.run/fal-ai/veo3/requests/a.b", NULL,
	    NULL), "remote: a request id with a dot");
	ok(remote("queue.fal.run/fal-ai/veo3/requests/" RID, NULL, NULL),
	    "remote: not a URL");

	/* Answers. */
	resp(&rs, "{\"request_id\":\"" RID "\",\"status_url\":"
	    "\"https://elsewhere/fal-ai/veo3/requests/" RID "/status\"}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_QUEUED && strcmp(job.remote_id,
	    "fal-ai/veo3/requests/" RID) == 0, "job_resp: a submit answer");
	api_job_free(&job);
	resp(&rs, "{\"request_id\":\"" RID "\"}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == -1 && cause != NULL,
	    "job_resp: a submit answer without URLs");
	free(cause);
	cause = NULL;
	resp(&rs, "{\"status\":\"IN_QUEUE\",\"queue_position\":4}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_QUEUED, "job_resp: IN_QUEUE");
	is_str(job.raw_status, "IN_QUEUE (position 4)",
	    "job_resp: the queue position");
	api_job_free(&job);
	resp(&rs, "{\"status\":\"COMPLETED\"}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_SUCCEEDED && job.asset_url == NULL,
	    "job_resp: COMPLETED names no asset (the result follows)");
	api_job_free(&job);
	resp(&rs, "{\"status\":\"COMPLETED\",\"error\":\"boom\","
	    "\"error_type\":\"internal\"}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_FAILED && strcmp(job.err_message, "boom") == 0,
	    "job_resp: COMPLETED with an error fails");
	api_job_free(&job);
	resp(&rs, "{\"video\":{\"url\":\"https://v3.fal.media/x.mp4\"}}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_SUCCEEDED && strcmp(job.asset_url,
	    "https://v3.fal.media/x.mp4") == 0, "job_resp: the result");
	api_job_free(&job);
	resp(&rs, "{\"images\":[]}");
	ok(api_fal_ops.job_resp(&rs, &job, &cause) == -1 &&
	    strstr(cause, "no video URL") != NULL,
	    "job_resp: a result without a video");
	free(cause);
	cause = NULL;

	/* Requests. */
	memset(&cfg, 0, sizeof cfg);
	cfg.name = "fal";
	cfg.base_url = "https://queue.fal.run";
	cfg.key = "k:s";
	memset(&r, 0, sizeof r);
	r.prompt = (char *)"a cat";
	r.model = (char *)"fal-ai/veo3";
	r.seconds = 8;
	r.size = (char *)"1080x1920";
	ok(api_fal_ops.check(&r, &cause) == 0, "check: veo3 8 s 9:16");
	ok(api_fal_ops.submit_req(&cfg, &r, &hr, &cause) == 0,
	    "submit_req: veo3");
	is_str(hr.url, "https://queue.fal.run/fal-ai/veo3", "submit_req: url");
	is_str(hr.body, "{\"prompt\":\"a cat\",\"duration\":\"8s\","
	    "\"aspect_ratio\":\"9:16\",\"resolution\":\"1080p\"}",
	    "submit_req: veo3's input");
	is_str(hr.auth, "Authorization: Key k:s", "submit_req: the key");
	http_req_free(&hr);
	r.model = (char *)"fal-ai/wan/v2.2-a14b/text-to-video";
	r.seconds = 5;
	r.size = (char *)"832x480";
	ok(api_fal_ops.check(&r, &cause) == 0 &&
	    api_fal_ops.submit_req(&cfg, &r, &hr, &cause) == 0,
	    "submit_req: wan at 832x480");
	is_str(hr.body, "{\"prompt\":\"a cat\",\"num_frames\":81,"
	    "\"frames_per_second\":16,\"aspect_ratio\":\"16:9\","
	    "\"resolution\":\"480p\"}", "submit_req: wan's frames");
	http_req_free(&hr);
	ok(api_fal_ops.poll_req(&cfg, "fal-ai/veo3/requests/" RID, &hr,
	    &cause) == 0, "poll_req");
	is_str(hr.url, "https://queue.fal.run/fal-ai/veo3/requests/" RID
	    "/status", "poll_req: url");
	http_req_free(&hr);
	ok(api_fal_ops.cancel_req(&cfg, "fal-ai/veo3/requests/" RID, &hr,
	    &cause) == 0 && strcmp(hr.method, "PUT") == 0,
	    "cancel_req: PUT");
	http_req_free(&hr);
	ok(api_fal_ops.result_req(&cfg, "../../x/requests/" RID, &hr,
	    &cause) == -1, "result_req: a damaged stored id is refused");
	http_req_free(&hr);
	free(cause);
	return done_testing();
}
