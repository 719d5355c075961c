/* SPDX-License-Identifier: ISC */
/*
 * A streaming JSON writer: values go straight into a struct buf, with no
 * tree in between, for documents too large to build as cJSON items first
 * (the report is 12 MB at a million takes). The layout is byte for byte
 * that of cJSON_Print (tabs, "key":<tab>value, arrays on one line), and
 * numbers are printed as cJSON prints them, so a document can move from
 * one to the other without its readers noticing. Strings are made safe
 * for a terminal as sanitize_json_string says.
 *
 * Inside an object every value has a key; inside an array, and for the
 * top value, the key is NULL. jsonw_fini frees what the writer holds
 * (not the buffer).
 */
#ifndef TB_UTIL_JSONW_H
#define TB_UTIL_JSONW_H

#include <stdbool.h>

struct buf;

#define JSONW_DEPTH	32

struct jsonw_memo;

struct jsonw {
	struct buf		*b;
	int			 depth;
	bool			 array[JSONW_DEPTH + 1];
	bool			 items[JSONW_DEPTH + 1];
	struct jsonw_memo	*memo;	/* numbers printed lately */
};

void	jsonw_init(struct jsonw *, struct buf *);
void	jsonw_fini(struct jsonw *);
void	jsonw_object(struct jsonw *, const char *);
void	jsonw_array(struct jsonw *, const char *);
void	jsonw_end(struct jsonw *);
void	jsonw_str(struct jsonw *, const char *, const char *);
void	jsonw_null(struct jsonw *, const char *);
void	jsonw_ll(struct jsonw *, const char *, long long);
void	jsonw_num(struct jsonw *, const char *, double);
void	jsonw_fixed(struct jsonw *, const char *, long long, int);

#endif
