/* SPDX-License-Identifier: ISC */
/*
 * The user's generation settings: $XDG_CONFIG_HOME/takeboard/config,
 * "key = value" lines, general keys first, then a section per backend
 * ("[backend openai]"; a section with another name and "type = openai"
 * is a second backend of that type, such as a gateway). Keys come from
 * the environment first; the file's are refused when others can read it.
 */
#ifndef TB_GEN_GEN_CONFIG_H
#define TB_GEN_GEN_CONFIG_H

#include <stddef.h>

#include "api/api.h"

struct gen_price {
	char		*model;
	char		*size;		/* NULL: any size */
	long long	 per_s;		/* micro-units per second */
};

struct gen_backend {
	char			*name;
	const struct api_ops	*ops;
	char			*base_url;
	char			*key;		/* from the file */
	char			*version;
	char			*program;
	char			*workflow;	/* comfyui, as configured */
	char			*negative;	/* comfyui */
	long long		 fps;		/* comfyui, -1 unset */
	char			*model;
	char			*size;
	long long		 seconds;	/* -1 unset */
	long long		 concurrency;
	long long		 max_bytes;
	struct gen_price	*prices;
	size_t			 nprices;
	/* Filled by gen_backend_api. */
	char			*key_used;
	char			*workflow_path;	/* resolved */
	struct api_cfg		 api;
};

struct gen_config {
	char			*path;
	int			 insecure;	/* group/other-readable */
	char			*backend;	/* the default backend */
	int			 allow_http;	/* http to 127.0.0.1 */
	long long		 poll_ms;
	long long		 poll_max_ms;
	long long		 retry_base_ms;
	long long		 retry_cap_ms;
	long long		 attempts;
	long long		 low_speed_s;	/* stall limit, seconds */
	struct gen_backend	**backends;	/* stable addresses */
	size_t			 nbackends;
};

/* A checked request, ready to be stored with its jobs. */
struct gen_plan {
	struct gen_backend	*b;
	char			*model;
	long long		 seconds;
	char			*size;
	char			*request_json;
	long long		 price;		/* per second, -1 unknown */
	char			*warning;	/* to show, or NULL */
	long long		 remix_take;	/* the source take, or -1 */
};

struct job;
struct prompt;

int	 gen_plan_make(struct gen_config *, const char *,
	     const struct prompt *, const char *, long long, const char *,
	     const struct job *, struct gen_plan *, char **);
void	 gen_plan_free(struct gen_plan *);
int	 gen_config_load(struct gen_config *, char **);
int	 gen_config_parse(struct gen_config *, const char *, const char *,
	     char **);
void	 gen_config_free(struct gen_config *);
struct gen_backend *gen_config_backend(struct gen_config *, const char *,
	     char **);
int	 gen_backend_api(struct gen_config *, struct gen_backend *, char **);
long long gen_backend_price(const struct gen_backend *, const char *,
	     const char *);

#endif
