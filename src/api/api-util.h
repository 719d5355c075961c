/* SPDX-License-Identifier: ISC */
/*
 * Small helpers the JSON backends share: membership in a NULL-ended list
 * of allowed values, provider timestamps with fractional seconds,
 * whether two URLs share an origin (so a key goes only where it was
 * meant to go), and the request pieces several backends build alike: a
 * bearer key, a signed asset URL fetched without credentials, and the
 * search of a list answer for a submission whose answer was lost.
 */
#ifndef TB_API_API_UTIL_H
#define TB_API_API_UTIL_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct api_cfg;
struct api_job;
struct api_req;
struct http_req;
struct http_resp;

/* Whether listed item v could be the submission r made at or after
 * since (api_list_find). */
typedef int	 api_list_match_fn(const cJSON *, const struct api_req *,
		     long long);

int	 api_in_list(const char *const *, const char *);
int	 api_iso_time(const char *, long long *);
int	 api_same_origin(const char *, const char *);
int	 api_id_ok(const char *, const char *, size_t);
void	 api_bearer(const struct api_cfg *, struct http_req *);
int	 api_asset_req(const struct api_job *, const char *, const char *,
	     struct http_req *, char **);
int	 api_list_find(const struct http_resp *, const char *, const char *,
	     api_list_match_fn *, const struct api_req *, long long, int,
	     char **, char **);

#endif
