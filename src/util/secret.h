/* SPDX-License-Identifier: ISC */
/*
 * Keeping API keys out of the places they could leak to: memory that is
 * freed, core dumps, and the environment of programs takeboard starts.
 */
#ifndef TB_UTIL_SECRET_H
#define TB_UTIL_SECRET_H

#include <stddef.h>

void	 secret_wipe(void *, size_t);
void	 secret_free(char *);
void	 secret_protect(void);
int	 secret_env_name(const char *);
void	 secret_env_clear(void);

#endif
