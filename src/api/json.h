/* SPDX-License-Identifier: ISC */
/*
 * Checked cJSON getters for the backends, so none repeats NULL and type
 * checks: a missing member, a JSON null and a member of the wrong type
 * are told apart, and malformed text is an error, never a crash.
 */
#ifndef TB_API_JSON_H
#define TB_API_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct http_resp;

cJSON	*json_parse(const char *, size_t, char **);
cJSON	*json_error_answer(const struct http_resp *, char **, char **);
int	 json_str(const cJSON *, const char *, char **);
int	 json_ll(const cJSON *, const char *, long long *);
int	 json_num(const cJSON *, const char *, double *);
const cJSON *json_obj(const cJSON *, const char *);

#endif
