/* SPDX-License-Identifier: ISC */
/*
 * The Google Gemini API backend: Veo through long-running operations.
 */
#ifndef TB_API_API_GEMINI_H
#define TB_API_API_GEMINI_H

#include "api/api.h"

extern const struct api_ops api_gemini_ops;

int	 gemini_operation_ok(const char *);

#endif
