/* SPDX-License-Identifier: ISC */
/*
 * A growable byte buffer, always NUL-terminated, for building strings.
 * A struct buf is caller-owned storage: buf_init before use, buf_fini
 * (or buf_detach to keep the string) after.
 */
#ifndef TB_UTIL_BUF_H
#define TB_UTIL_BUF_H

#include <stddef.h>

#include "util/xmalloc.h"

struct buf {
	char	*data;		/* NUL-terminated; NULL until first write */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_fini(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...) TB_PRINTF(2, 3);
const char *buf_str(const struct buf *);
char	*buf_detach(struct buf *);

#endif
