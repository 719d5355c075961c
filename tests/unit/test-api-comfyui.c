/* SPDX-License-Identifier: ISC */
/*
 * The comfyui backend's placeholder filling (api_comfyui_fill): text
 * placeholders replaced inside strings, a string that is exactly a
 * numeric placeholder turned into a number, the user's text never
 * scanned again, and the refusals (no {{prompt}}, an unknown
 * placeholder, the UI format, malformed JSON, nodes without inputs).
 * Also the answers: history shapes, the /view query's escaping, the
 * submit answer's node_errors.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tap.h"
#include "util/xmalloc.h"
#include "api/api.h"
#include "api/api-comfyui.h"
#include "api/http.h"

static int
fill(const char *text, const struct api_req *r, const struct api_cfg *cfg,
    char **out, char **cause)
{
	*cause = NULL;
	return api_comfyui_fill(text, strlen(text), r, cfg, out, cause);
}

static void
resp(struct http_resp *rs, const char *body)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	rs->body = (char *)body;
	rs->len = strlen(body);
}

int
main(void)
{
	struct api_req	 r;
	struct api_cfg	 cfg;
	struct api_job	 job;
	struct http_resp rs;
	char		*out, *cause;

	memset(&r, 0, sizeof r);
	r.prompt = (char *)"a cat \"at\" the {{seed}} piano";
	r.seconds = 5;
	r.size = (char *)"832x480";
	r.seed = 4242;
	memset(&cfg, 0, sizeof cfg);
	cfg.name = "comfyui";
	cfg.fps = 16;
	cfg.negative = "blurry";

	/* Text placeholders, numbers, the prompt's own braces kept. */
	ok(fill("{\"6\":{\"class_type\":\"T\",\"inputs\":{\"text\":"
	    "\"{{prompt}}, 35mm\",\"neg\":\"no {{negative_prompt}}\","
	    "\"w\":\"{{width}}\",\"h\":\"{{height}}\",\"n\":\"{{frames}}\","
	    "\"s\":\"{{seed}}\",\"f\":\"{{fps}}\",\"sec\":\"{{seconds}}\","
	    "\"name\":\"tb/{{seconds}}s-{{seed}}\",\"l\":[\"{{frames}}\","
	    "{\"x\":\"{{prompt}}\"}]}}}", &r, &cfg, &out, &cause) == 0,
	    "fill: a workflow with every placeholder");
	is_str(out, "{\"6\":{\"class_type\":\"T\",\"inputs\":{\"text\":"
	    "\"a cat \\\"at\\\" the {{seed}} piano, 35mm\",\"neg\":"
	    "\"no blurry\",\"w\":832,\"h\":480,\"n\":80,\"s\":4242,\"f\":16,"
	    "\"sec\":5,\"name\":\"tb/5s-4242\",\"l\":[80,{\"x\":"
	    "\"a cat \\\"at\\\" the {{seed}} piano\"}]}}}",
	    "fill: strings filled, exact placeholders as numbers, the "
	    "prompt not scanned again");
	free(out);

	/* Defaults: 24 fps, 1280x720, an empty negative prompt. */
	cfg.fps = 0;
	cfg.negative = NULL;
	r.size = NULL;
	ok(fill("{\"1\":{\"class_type\":\"T\",\"inputs\":{\"t\":"
	    "\"{{prompt}}\",\"n\":\"{{negative_prompt}}\",\"len\":"
	    "\"{{frames}}\",\"w\":\"{{width}}x{{height}}\"}}}", &r, &cfg,
	    &out, &cause) == 0, "fill: defaults");
	is_str(out, "{\"1\":{\"class_type\":\"T\",\"inputs\":{\"t\":"
	    "\"a cat \\\"at\\\" the {{seed}} piano\",\"n\":\"\",\"len\":120,"
	    "\"w\":\"1280x720\"}}}", "fill: 5 s at 24 fps is 120 frames");
	free(out);

	/* Refusals. */
	ok(fill("{\"1\":{\"class_type\":\"T\",\"inputs\":{\"t\":\"x\"}}}",
	    &r, &cfg, &out, &cause) == -1 && out == NULL &&
	    strstr(cause, "no {{prompt}} placeholder") != NULL,
	    "fill: no {{prompt}} is refused");
	free(cause);
	ok(fill("{\"1\":{\"class_type\":\"T\",\"inputs\":{\"t\":"
	    "\"{{prompt}}\",\"k\":\"{{steps}}\"}}}", &r, &cfg, &out,
	    &cause) == -1 && strstr(cause, "node 1 has an unknown "
	    "placeholder {{steps}}") != NULL,
	    "fill: an unknown placeholder is named");
	free(cause);
	ok(fill("{\"1\":{\"class_type\":\"T\",\"inputs\":{\"t\":"
	    "\"{{prompt}} {{open\"}}}", &r, &cfg, &out, &cause) == -1 &&
	    strstr(cause, "unknown placeholder {{") != NULL,
	    "fill: an unclosed placeholder is refused");
	free(cause);
	ok(fill("{\"nodes\":[],\"links\":[]}", &r, &cfg, &out, &cause) ==
	    -1 && strstr(cause, "UI format") != NULL,
	    "fill: the UI format is refused, naming the API export");
	free(cause);
	ok(fill("{\"1\":{\"class_type\":\"T\",\"inputs\":", &r, &cfg, &out,
	    &cause) == -1 && cause != NULL, "fill: malformed JSON");
	free(cause);
	ok(fill("{\"1\":{\"inputs\":{\"t\":\"{{prompt}}\"}}}", &r, &cfg,
	    &out, &cause) == -1 && strstr(cause, "node 1") != NULL,
	    "fill: a node without class_type");
	free(cause);
	ok(fill("[1,2]", &r, &cfg, &out, &cause) == -1 && cause != NULL,
	    "fill: not an object");
	free(cause);
	ok(fill("{}", &r, &cfg, &out, &cause) == -1 && cause != NULL,
	    "fill: no nodes");
	free(cause);

	/* Answers. */
	cause = NULL;
	resp(&rs, "{\"prompt_id\":\"5e4c8c3b-1f0a\",\"number\":3,"
	    "\"node_errors\":{}}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_QUEUED && strcmp(job.remote_id,
	    "5e4c8c3b-1f0a") == 0, "job_resp: the submit answer");
	api_job_free(&job);
	resp(&rs, "{\"prompt_id\":\"../x\",\"number\":3}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == -1,
	    "job_resp: a malformed prompt id is refused");
	free(cause);
	cause = NULL;
	resp(&rs, "{\"prompt_id\":\"abc\",\"number\":3,\"node_errors\":"
	    "{\"4\":{\"errors\":[{\"message\":\"Value not in list\","
	    "\"details\":\"ckpt_name: 'x' not in []\"}],\"class_type\":"
	    "\"Loader\"}}}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_FAILED, "job_resp: node_errors fail the job");
	is_str(job.err_message, "node 4 (Loader): Value not in list: "
	    "ckpt_name: 'x' not in []", "job_resp: node error message");
	api_job_free(&job);
	resp(&rs, "{}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_RUNNING && job.remote_id == NULL,
	    "job_resp: {} while waiting or running");
	api_job_free(&job);
	resp(&rs, "{\"abc\":{\"outputs\":{\"2\":{\"images\":[{\"filename\":"
	    "\"p.png\",\"subfolder\":\"\",\"type\":\"temp\"}]},\"9\":{"
	    "\"gifs\":[{\"filename\":\"a b&c#.MP4\",\"subfolder\":\"x/y z+\","
	    "\"type\":\"output\"}]}},\"status\":{\"status_str\":\"success\","
	    "\"completed\":true,\"messages\":[]}}}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_SUCCEEDED, "job_resp: success");
	is_str(job.asset_url, "view?filename=a%20b%26c%23.MP4&subfolder="
	    "x%2Fy%20z%2B&type=output", "job_resp: the video, escaped");
	api_job_free(&job);
	resp(&rs, "{\"abc\":{\"outputs\":{\"2\":{\"images\":[{\"filename\":"
	    "\"p.png\"}]}},\"status\":{\"status_str\":\"success\"}}}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == -1 &&
	    strstr(cause, "without a video output") != NULL,
	    "job_resp: no video output");
	free(cause);
	cause = NULL;
	resp(&rs, "{\"abc\":{\"outputs\":{},\"status\":{\"status_str\":"
	    "\"error\",\"messages\":[[\"execution_error\",{\"node_type\":"
	    "\"KSampler\",\"exception_message\":\"out of memory\"}]]}}}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_FAILED && strcmp(job.err_code, "KSampler") ==
	    0 && strcmp(job.err_message, "out of memory") == 0,
	    "job_resp: an execution error");
	api_job_free(&job);
	resp(&rs, "{\"abc\":{\"outputs\":{},\"status\":{\"status_str\":"
	    "\"error\",\"messages\":[[\"execution_interrupted\",{}]]}}}");
	ok(api_comfyui_ops.job_resp(&rs, &job, &cause) == 0 &&
	    job.state == API_CANCELLED, "job_resp: interrupted");
	api_job_free(&job);
	return done_testing();
}
