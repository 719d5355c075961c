/* SPDX-License-Identifier: ISC */
/*
 * fal's queue API for hosted video models (Kling, Veo, Wan, Hailuo and
 * others, named by their fal model id).
 */
#ifndef TB_API_API_FAL_H
#define TB_API_API_FAL_H

#include "api/api.h"

extern const struct api_ops api_fal_ops;

int	 api_fal_remote(const char *, const char *, char **);

#endif
