/* SPDX-License-Identifier: ISC */
/*
 * File-system helpers. fs_place() is how clips enter a production: the
 * data is written under a hidden ".NAME.part" name in the target folder,
 * synced, and renamed into place; with `link` set it first tries a hard
 * link, which is atomic and costs nothing on the same file system.
 */
#include "config.h"

#include "util/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

/* Join two path parts with one slash; caller frees. */
char *
fs_join(const char *a, const char *b)
{
	size_t	 n = strlen(a);

	if (n == 0)
		return xstrdup(b);
	if (a[n - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

/* The folder part of path ("." when there is none); caller frees. */
char *
fs_dirname(const char *path)
{
	const char	*slash;

	slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The last component of path; borrowed from path. */
const char *
fs_basename(const char *path)
{
	const char	*slash;

	slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

/* The extension of the last component without its dot, or "". */
const char *
fs_extension(const char *path)
{
	const char	*base, *dot;

	base = fs_basename(path);
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return "";
	return dot + 1;
}

/* An absolute form of path: the folder is resolved with realpath(), the
 * last part kept as given (it may not exist yet). Caller frees. */
char *
fs_abspath(const char *path, char **cause)
{
	char	*dir, *real, *out = NULL;

	if (cause != NULL)
		*cause = NULL;
	dir = fs_dirname(path);
	real = realpath(dir, NULL);
	if (real == NULL) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", dir, strerror(errno));
	} else
		out = fs_join(real, fs_basename(path));
	free(real);
	free(dir);
	return out;
}

bool
fs_exists(const char *path)
{
	struct stat	 st;

	return lstat(path, &st) == 0;
}

bool
fs_is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Size of a regular file in bytes. Returns 0, or -1 with *cause. */
int
fs_size(const char *path, long long *size, char **cause)
{
	struct stat	 st;

	if (cause != NULL)
		*cause = NULL;
	if (stat(path, &st) != 0) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		if (cause != NULL)
			*cause = xasprintf("%s: not a regular file", path);
		return -1;
	}
	*size = (long long)st.st_size;
	return 0;
}

/* Create a folder and its missing parents. Returns 0 or -1 with *cause. */
int
fs_mkdirs(const char *path, mode_t mode, char **cause)
{
	char	*p, *s;
	int	 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				if (cause != NULL)
					*cause = xasprintf("cannot create "
					    "folder %s: %s", p, strerror(errno));
				goto out;
			}
			if (!fs_is_dir(p)) {
				if (cause != NULL)
					*cause = xasprintf("%s is not a "
					    "folder", p);
				goto out;
			}
			*s = c;
		}
		if (*s == '\0')
			break;
	}
	rv = 0;
out:
	free(p);
	return rv;
}

/* fsync a folder so a rename in it is durable. Returns 0 or -1. */
int
fs_fsync_dir(const char *dir)
{
	int	 fd, rv;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	rv = fsync(fd);
	close(fd);
	return rv;
}

/* "cannot copy SRC into FOLDER: why" for a failed write of tmp. */
static char *
fs_write_error(const char *src, const char *tmp)
{
	char	*dir, *s;
	int	 e = errno;

	dir = fs_dirname(tmp);
	s = xasprintf("cannot copy %s into %s: %s", src, dir, strerror(e));
	free(dir);
	return s;
}

static int
fs_copy_fd(int in, int out, const char *src, const char *tmp, char **cause)
{
	char	 b[65536];
	ssize_t	 n, w, off;

	for (;;) {
		n = read(in, b, sizeof b);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xasprintf("cannot read %s: %s", src,
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		for (off = 0; off < n; off += w) {
			w = write(out, b + off, (size_t)(n - off));
			if (w == -1 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w == -1) {
				*cause = fs_write_error(src, tmp);
				return -1;
			}
		}
	}
}

/*
 * Put a copy of src at dst, which must not exist. With `link`, a hard
 * link is tried first (same file system). Otherwise the bytes go to a
 * temporary ".NAME.part" beside dst, are synced and renamed into place,
 * so dst is either absent or complete. Returns 0, or -1 with *cause.
 */
int
fs_place(const char *src, const char *dst, bool link_ok, char **cause)
{
	char		*dir, *tmp = NULL, *why = NULL;
	int		 in = -1, out = -1, rv = -1;
	struct stat	 st;

	if (cause != NULL)
		*cause = NULL;
	dir = fs_dirname(dst);
	if (fs_exists(dst)) {
		why = xasprintf("%s already exists", dst);
		goto out;
	}
	if (link_ok && link(src, dst) == 0) {
		fs_fsync_dir(dir);
		rv = 0;
		goto out;
	}
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in == -1) {
		why = xasprintf("cannot open %s: %s", src, strerror(errno));
		goto out;
	}
	if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
		why = xasprintf("%s: not a regular file", src);
		goto out;
	}
	tmp = xasprintf("%s/.%s.part", dir, fs_basename(dst));
	out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (out == -1 && errno == EEXIST) {
		/* Left by a crashed run: it was never renamed, so drop it. */
		unlink(tmp);
		out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	}
	if (out == -1) {
		why = xasprintf("cannot write in %s: %s", dir, strerror(errno));
		goto out;
	}
	if (fs_copy_fd(in, out, src, tmp, &why) != 0)
		goto fail;
	if (fsync(out) != 0) {
		why = fs_write_error(src, tmp);
		goto fail;
	}
	if (close(out) != 0) {
		out = -1;
		why = fs_write_error(src, tmp);
		goto fail;
	}
	out = -1;
	if (rename(tmp, dst) != 0) {
		why = xasprintf("cannot rename %s to %s: %s", tmp, dst,
		    strerror(errno));
		goto fail;
	}
	fs_fsync_dir(dir);
	rv = 0;
	goto out;
fail:
	unlink(tmp);
out:
	if (in != -1)
		close(in);
	if (out != -1)
		close(out);
	if (why != NULL) {
		if (cause != NULL)
			*cause = why;
		else
			free(why);
	}
	free(tmp);
	free(dir);
	return rv;
}
