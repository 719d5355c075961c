/* SPDX-License-Identifier: ISC */
/*
 * The Replicate predictions backend.
 */
#ifndef TB_API_API_REPLICATE_H
#define TB_API_API_REPLICATE_H

#include "api/api.h"

extern const struct api_ops api_replicate_ops;

long long replicate_progress(const char *);

#endif
