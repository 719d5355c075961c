/* SPDX-License-Identifier: ISC */
/*
 * Running $VISUAL/$EDITOR on a temporary file. The editor string may
 * hold arguments ("code -w"), so it runs through /bin/sh as git does;
 * the file name is passed as a separate argument, never spliced into
 * the command.
 */
#include "config.h"

#include "util/editor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/secret.h"
#include "util/strutil.h"
#include "util/xmalloc.h"

#define EDITOR_MAX	(1024 * 1024)

/* Drop lines starting with '#' and trim; returns s. */
char *
editor_strip_comments(char *s)
{
	char	*in = s, *out = s, *nl;
	size_t	 len;

	while (*in != '\0') {
		nl = strchr(in, '\n');
		len = nl != NULL ? (size_t)(nl - in) + 1 : strlen(in);
		if (*in != '#') {
			memmove(out, in, len);
			out += len;
		}
		in += len;
	}
	*out = '\0';
	return str_trim(s);
}

static char *
editor_read(const char *path, char **cause)
{
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	f = fopen(path, "r");
	if (f == NULL) {
		*cause = xasprintf("cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b);
	for (;;) {
		n = fread(chunk, 1, sizeof chunk, f);
		buf_add(&b, chunk, n);
		if (n < sizeof chunk || b.len > EDITOR_MAX)
			break;
	}
	fclose(f);
	if (b.len > EDITOR_MAX || memchr(buf_str(&b), '\0', b.len) != NULL) {
		*cause = xstrdup("the edited text is too long or not text");
		buf_fini(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * Let the user edit `initial` (may be NULL) in their editor, with
 * `comment` (may be NULL; lines are prefixed with "# ") below it.
 * Returns the new text without comment lines, trimmed (caller frees;
 * may be ""), or NULL with *cause when the editor could not run or
 * failed.
 */
char *
editor_edit(const char *initial, const char *comment, char **cause)
{
	const char	*editor, *tmpdir, *p, *nl;
	char		*path, *text = NULL;
	FILE		*f;
	pid_t		 pid;
	int		 fd, status;

	*cause = NULL;
	editor = getenv("VISUAL");
	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	tmpdir = getenv("TMPDIR");
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	path = xasprintf("%s/takeboard-edit-XXXXXX.txt", tmpdir);
	fd = mkstemps(path, 4);
	if (fd == -1) {
		*cause = xasprintf("cannot create a temporary file in %s: %s",
		    tmpdir, strerror(errno));
		free(path);
		return NULL;
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	if (initial != NULL && *initial != '\0')
		fprintf(f, "%s\n", initial);
	for (p = comment; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL) {
			fprintf(f, "# %s\n", p);
			break;
		}
		fprintf(f, "# %.*s\n", (int)(nl - p), p);
	}
	if (fclose(f) != 0) {
		*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	fflush(stdout);
	pid = fork();
	if (pid == -1) {
		*cause = xasprintf("cannot start the editor: %s",
		    strerror(errno));
		goto out;
	}
	if (pid == 0) {
		secret_env_clear();
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path,
		    (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			*cause = xasprintf("cannot wait for the editor: %s",
			    strerror(errno));
			goto out;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*cause = xasprintf("the editor (%s) failed", editor);
		goto out;
	}
	text = editor_read(path, cause);
	if (text != NULL)
		editor_strip_comments(text);
out:
	unlink(path);
	free(path);
	return text;
}
