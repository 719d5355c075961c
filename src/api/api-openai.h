/* SPDX-License-Identifier: ISC */
/*
 * The OpenAI-style /v1/videos backend (Sora 2, and the gateways that
 * serve other models behind the same shape).
 */
#ifndef TB_API_API_OPENAI_H
#define TB_API_API_OPENAI_H

#include "api/api.h"

extern const struct api_ops api_openai_ops;

#endif
