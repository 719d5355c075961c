/* SPDX-License-Identifier: ISC */
/*
 * A full disk, simulated for the tests (LD_PRELOAD=enospc.so). Writes to
 * files whose path contains ENOSPC_PATTERN fail with ENOSPC once
 * ENOSPC_AFTER bytes (default 0) have been written to such files by the
 * process; fsync, fdatasync and fallocate on them fail too from then on.
 * Everything else passes straight through. SQLite and takeboard both
 * reach the C library's write functions through the dynamic linker, so
 * this catches the database, its WAL and every file takeboard makes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long	 enospc_used;

/* Whether fd is a file the full disk holds. */
static int
enospc_match(int fd)
{
	const char	*pat;
	char		 link[64], path[4096];
	ssize_t		 n;

	pat = getenv("ENOSPC_PATTERN");
	if (pat == NULL || *pat == '\0')
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return strstr(path, pat) != NULL;
}

/* How many of len bytes fit on fd's disk; -1 (errno ENOSPC) if none. */
static ssize_t
enospc_room(int fd, size_t len)
{
	const char	*env;
	long long	 limit = 0;

	if (!enospc_match(fd))
		return (ssize_t)len;
	env = getenv("ENOSPC_AFTER");
	if (env != NULL)
		limit = atoll(env);
	if (len == 0)
		return 0;
	if (enospc_used >= limit) {
		errno = ENOSPC;
		return -1;
	}
	if ((long long)len > limit - enospc_used)
		len = (size_t)(limit - enospc_used);
	enospc_used += (long long)len;
	return (ssize_t)len;
}

/* A sync on a full file fails once the room is used up. */
static int
enospc_sync(int fd)
{
	const char	*env;
	long long	 limit = 0;

	if (!enospc_match(fd))
		return 0;
	env = getenv("ENOSPC_AFTER");
	if (env != NULL)
		limit = atoll(env);
	if (enospc_used < limit)
		return 0;
	errno = ENOSPC;
	return -1;
}

/* The C library's own name (declared first in the function). */
#define REAL(name) \
	static __typeof__(&name) real; \
	if (real == NULL) \
		real = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t
write(int fd, const void *b, size_t len)
{
	ssize_t	 n;

	REAL(write);
	n = enospc_room(fd, len);
	if (n < 0)
		return -1;
	return real(fd, b, (size_t)n);
}

ssize_t
pwrite(int fd, const void *b, size_t len, off_t off)
{
	ssize_t	 n;

	REAL(pwrite);
	n = enospc_room(fd, len);
	if (n < 0)
		return -1;
	return real(fd, b, (size_t)n, off);
}

ssize_t
pwrite64(int fd, const void *b, size_t len, off64_t off)
{
	ssize_t	 n;

	REAL(pwrite64);
	n = enospc_room(fd, len);
	if (n < 0)
		return -1;
	return real(fd, b, (size_t)n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	size_t	 len = 0;
	int	 i;

	REAL(writev);
	for (i = 0; i < cnt; i++)
		len += iov[i].iov_len;
	if (enospc_match(fd) && enospc_room(fd, len) != (ssize_t)len) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, iov, cnt);
}

int
fsync(int fd)
{
	REAL(fsync);
	if (enospc_sync(fd) != 0)
		return -1;
	return real(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	if (enospc_sync(fd) != 0)
		return -1;
	return real(fd);
}

int
posix_fallocate(int fd, off_t off, off_t len)
{
	REAL(posix_fallocate);
	if (enospc_sync(fd) != 0)
		return ENOSPC;
	return real(fd, off, len);
}

int
fallocate(int fd, int mode, off_t off, off_t len)
{
	REAL(fallocate);
	if (enospc_sync(fd) != 0)
		return -1;
	return real(fd, mode, off, len);
}
