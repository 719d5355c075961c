/* SPDX-License-Identifier: ISC */
/*
 * The Luma Dream Machine API backend (video generations).
 */
#ifndef TB_API_API_LUMA_H
#define TB_API_API_LUMA_H

#include "api/api.h"

extern const struct api_ops api_luma_ops;

#endif
