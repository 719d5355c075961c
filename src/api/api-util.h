/* SPDX-License-Identifier: ISC */
/*
 * Small helpers the JSON backends share: membership in a NULL-ended list
 * of allowed values, provider timestamps with fractional seconds, and
 * whether two URLs share an origin (so a key goes only where it was
 * meant to go).
 */
#ifndef TB_API_API_UTIL_H
#define TB_API_API_UTIL_H

#include <stddef.h>

int	 api_in_list(const char *const *, const char *);
int	 api_iso_time(const char *, long long *);
int	 api_same_origin(const char *, const char *);
int	 api_id_ok(const char *, const char *, size_t);

#endif
