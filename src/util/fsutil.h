/* SPDX-License-Identifier: ISC */
/*
 * File-system helpers: paths, mkdir -p, and the atomic placement of a
 * clip (temporary name in the target folder, fsync, rename), so that a
 * crash never leaves a partial file under its final name.
 */
#ifndef TB_UTIL_FSUTIL_H
#define TB_UTIL_FSUTIL_H

#include <stdbool.h>
#include <sys/types.h>

char	*fs_join(const char *, const char *);
char	*fs_dirname(const char *);
const char *fs_basename(const char *);
const char *fs_extension(const char *);
char	*fs_abspath(const char *, char **);
bool	 fs_exists(const char *);
bool	 fs_is_dir(const char *);
int	 fs_size(const char *, long long *, char **);
int	 fs_mkdirs(const char *, mode_t, char **);
int	 fs_place(const char *, const char *, bool, char **);
int	 fs_fsync_dir(const char *);

#endif
