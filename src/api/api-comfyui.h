/* SPDX-License-Identifier: ISC */
/*
 * A ComfyUI server driven over its HTTP API with the user's own
 * workflow (exported in the API format), its {{placeholders}} filled in
 * from the request.
 */
#ifndef TB_API_API_COMFYUI_H
#define TB_API_API_COMFYUI_H

#include <stddef.h>

#include "api/api.h"

extern const struct api_ops api_comfyui_ops;

int	 api_comfyui_fill(const char *, size_t, const struct api_req *,
	     const struct api_cfg *, char **, char **);

#endif
