/* SPDX-License-Identifier: ISC */
/*
 * The command backend: a user-configured program makes the clip (a
 * local open model, a script around another service). It is run with an
 * argument vector, never through a shell, gets the request as JSON on
 * stdin and writes the clip to the path it is given.
 */
#ifndef TB_API_API_COMMAND_H
#define TB_API_API_COMMAND_H

#include <sys/types.h>

#include "api/api.h"

extern const struct api_ops api_command_ops;

int	 api_command_start(const struct api_cfg *, const struct api_req *,
	     const char *, const char *, pid_t *, char **);
int	 api_command_done(pid_t, int, int *);

#endif
