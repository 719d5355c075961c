/* SPDX-License-Identifier: ISC */
/*
 * Running the command backend's program (see api-command.h): fork and
 * exec with an argument vector "PROGRAM --output PATH --prompt TEXT
 * --seconds N [--model M] [--size WxH]", the request as JSON on stdin
 * (from an unlinked temporary file, so nothing can block), stderr into
 * a file the engine reads for the error, and no API key in the child's
 * environment. The engine waits for it without blocking.
 */
#include "config.h"

#include "api/api-command.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/secret.h"
#include "util/xmalloc.h"

static const char *const command_key_vars[] = {
	"OPENAI_API_KEY", "RUNWAYML_API_SECRET", "TAKEBOARD_API_KEY",
	"GEMINI_API_KEY", "LUMAAI_API_KEY", "REPLICATE_API_TOKEN",
	"FAL_KEY", NULL
};

/*
 * Start cfg->program for request r, writing the clip to out and its
 * stderr to errpath. 0 with *pid, or -1 with *cause.
 */
int
api_command_start(const struct api_cfg *cfg, const struct api_req *r,
    const char *out, const char *errpath, pid_t *pid, char **cause)
{
	char		*json, *tmpl, *argv[16], secs[32];
	int		 in, efd, n = 0, i;
	size_t		 len, off;
	ssize_t		 w;

	if (cfg->program == NULL || *cfg->program == '\0') {
		*cause = xasprintf("backend %s has no program (set program "
		    "= PATH in its [backend %s] section)", cfg->name,
		    cfg->name);
		return -1;
	}
	tmpl = xasprintf("%s.json.XXXXXX", out);
	in = mkstemp(tmpl);
	if (in == -1) {
		*cause = xasprintf("cannot create a temporary file: %s",
		    strerror(errno));
		free(tmpl);
		return -1;
	}
	unlink(tmpl);
	free(tmpl);
	json = api_req_to_json(r);
	len = strlen(json);
	for (off = 0; off < len; off += (size_t)w) {
		w = write(in, json + off, len - off);
		if (w < 0 && errno == EINTR)
			w = 0;
		else if (w < 0)
			break;
	}
	free(json);
	if (off < len || write(in, "\n", 1) != 1 ||
	    lseek(in, 0, SEEK_SET) != 0) {
		*cause = xasprintf("cannot write the request: %s",
		    strerror(errno));
		close(in);
		return -1;
	}
	efd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (efd == -1) {
		*cause = xasprintf("cannot create %s: %s", errpath,
		    strerror(errno));
		close(in);
		return -1;
	}
	snprintf(secs, sizeof secs, "%lld", r->seconds);
	argv[n++] = (char *)cfg->program;
	argv[n++] = (char *)"--output";
	argv[n++] = (char *)out;
	argv[n++] = (char *)"--prompt";
	argv[n++] = r->prompt;
	argv[n++] = (char *)"--seconds";
	argv[n++] = secs;
	if (r->model != NULL) {
		argv[n++] = (char *)"--model";
		argv[n++] = r->model;
	}
	if (r->size != NULL) {
		argv[n++] = (char *)"--size";
		argv[n++] = r->size;
	}
	argv[n] = NULL;
	fflush(NULL);
	*pid = fork();
	if (*pid == -1) {
		*cause = xasprintf("cannot fork: %s", strerror(errno));
		close(in);
		close(efd);
		return -1;
	}
	if (*pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		for (i = 0; command_key_vars[i] != NULL; i++)
			unsetenv(command_key_vars[i]);
		secret_env_clear();
		if (dup2(in, 0) == -1 || dup2(efd, 2) == -1)
			_exit(126);
		close(1);
		if (open("/dev/null", O_WRONLY) != 1)
			_exit(126);
		execvp(argv[0], argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(in);
	close(efd);
	return 0;
}

/*
 * Whether the program pid has finished (waiting at most, when wait is
 * set, until it does): 1 with its exit status in *status (128 + the
 * signal when killed), 0 still running, -1 unknown child.
 */
int
api_command_done(pid_t pid, int wait, int *status)
{
	pid_t	 rc;
	int	 st;

	for (;;) {
		rc = waitpid(pid, &st, wait ? 0 : WNOHANG);
		if (rc != -1 || errno != EINTR)
			break;
	}
	if (rc == 0)
		return 0;
	if (rc == -1)
		return -1;
	if (WIFEXITED(st))
		*status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		*status = 128 + WTERMSIG(st);
	else
		*status = 1;
	return 1;
}

static int
command_check(const struct api_req *r, char **cause)
{
	if (r->seconds < 1 || r->seconds > 600) {
		*cause = xasprintf("the command backend takes 1 to 600 "
		    "seconds, not %lld", r->seconds);
		return -1;
	}
	return 0;
}

const struct api_ops api_command_ops = {
	.name = "command",
	.kind = API_KIND_PROGRAM,
	.key_env = NULL,
	.base_env = NULL,
	.base_default = NULL,
	.model_default = NULL,
	.seconds_default = 4,
	.size_default = NULL,
	.check = command_check,
};
