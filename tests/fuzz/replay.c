/* SPDX-License-Identifier: ISC */
/*
 * A stand-in for libFuzzer's main() in a normal build: calls a fuzz
 * target's LLVMFuzzerTestOneInput once on every file of the folders (or
 * on the files) named on the command line, so that make check replays
 * the corpora, past crashes included, without clang. Each input is
 * given in a buffer of exactly its size, as libFuzzer does, so a read
 * past its end is caught by AddressSanitizer or valgrind.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "fuzz.h"

static int	replay_dir(const char *, size_t *);

/* Read path whole into an exact-size buffer; 0, or -1 after a message. */
static int
replay_read(const char *path, uint8_t **data, size_t *size)
{
	FILE	*f;
	uint8_t	*d = NULL;
	size_t	 n = 0, got;
	uint8_t	 chunk[8192];

	f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		got = fread(chunk, 1, sizeof chunk, f);
		if (got == 0)
			break;
		d = xreallocarray(d, n + got, 1);
		memcpy(d + n, chunk, got);
		n += got;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(d);
		return -1;
	}
	fclose(f);
	*data = d;
	*size = n;
	return 0;
}

/* Run the target on one file, or on each file of a folder. */
static int
replay_path(const char *path, size_t *count)
{
	struct stat	 sb;
	uint8_t		*data = NULL;
	size_t		 size = 0;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(sb.st_mode))
		return replay_dir(path, count);
	if (replay_read(path, &data, &size) != 0)
		return -1;
	/* An empty file is given as a valid pointer to no bytes. */
	if (data == NULL)
		data = xmalloc(1);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	(*count)++;
	return 0;
}

static int
replay_dir(const char *path, size_t *count)
{
	DIR		*d;
	struct dirent	*de;
	char		*child;
	int		 rv = 0;

	d = opendir(path);
	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		de = readdir(d);
		if (de == NULL)
			break;
		if (de->d_name[0] == '.')
			continue;
		child = xasprintf("%s/%s", path, de->d_name);
		if (replay_path(child, count) != 0)
			rv = -1;
		free(child);
	}
	closedir(d);
	return rv;
}

int
main(int argc, char **argv)
{
	size_t	 count = 0;
	int	 i, rv = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR|FILE ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (replay_path(argv[i], &count) != 0)
			rv = 1;
	}
	printf("%s: %zu inputs replayed\n", argv[0], count);
	return rv;
}
