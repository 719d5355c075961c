/* SPDX-License-Identifier: ISC */
/*
 * The Runway task API backend (text_to_video and image_to_video).
 */
#ifndef TB_API_API_RUNWAY_H
#define TB_API_API_RUNWAY_H

#include "api/api.h"

extern const struct api_ops api_runway_ops;

#endif
