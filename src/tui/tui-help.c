/* SPDX-License-Identifier: ISC */
/*
 * Help: every key of the view it was opened from, straight from the key
 * table that dispatches them, then the keys that work everywhere.
 */
#include "config.h"

#include "tui/tui-help.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-keys.h"

struct helpv {
	int	 ctx;
	char	**lines;
	int	 n;
	int	 top;
};

static void
help_add(struct helpv *h, char *line)
{
	h->lines = xreallocarray(h->lines, (size_t)h->n + 1,
	    sizeof *h->lines);
	h->lines[h->n++] = line;
}

static void
help_build(struct helpv *h, const char *view)
{
	const struct tui_key	*k, *j;
	char			*keys;
	int			 pass, seen;

	help_add(h, xasprintf("Keys of the %s view:", view));
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			help_add(h, xstrdup(""));
			help_add(h, xstrdup("Everywhere:"));
		}
		for (k = tui_keys; k->name != NULL; k++) {
			if (!(k->ctx & h->ctx))
				continue;
			if ((pass == 0) != (k->ctx != TUI_CTX_ALL))
				continue;
			/* One line per operation (rate has two entries). */
			seen = 0;
			for (j = tui_keys; j < k; j++) {
				if (j->op == k->op && (j->ctx & h->ctx))
					seen = 1;
			}
			if (seen)
				continue;
			keys = tui_keys_describe(k);
			help_add(h, xasprintf("  %-16s %-16s %s", keys,
			    k->name, k->help));
			free(keys);
		}
	}
}

static void
help_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct helpv	*h = v->data;
	int		 i;

	(void)t;
	if (h->top > h->n - rows)
		h->top = h->n - rows > 0 ? h->n - rows : 0;
	for (i = 0; i < rows && h->top + i < h->n; i++)
		tui_put(y + i, 1, COLS - 2, h->lines[h->top + i],
		    h->lines[h->top + i][0] != ' ' ? A_BOLD : A_NORMAL);
}

static int
help_key(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct helpv	*h = v->data;
	int		 rows = tui_view_rows(t);

	(void)key;
	switch (op) {
	case OP_DOWN:
		h->top++;
		return 1;
	case OP_UP:
		if (h->top > 0)
			h->top--;
		return 1;
	case OP_PAGE_DOWN:
		h->top += rows;
		return 1;
	case OP_PAGE_UP:
		h->top = h->top > rows ? h->top - rows : 0;
		return 1;
	case OP_TOP:
		h->top = 0;
		return 1;
	case OP_BOTTOM:
		h->top = h->n;
		return 1;
	case OP_HELP:
		return 1;
	default:
		return 0;
	}
}

static void
help_free(struct tui_view *v)
{
	struct helpv	*h = v->data;
	int		 i;

	for (i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

static const struct tui_view_ops help_ops = {
	.name = "help",
	.ctx = TUI_CTX_HELP,
	.reload = NULL,
	.draw = help_draw,
	.key = help_key,
	.mouse = NULL,
	.free = help_free,
};

/* Open help for the view with context ctx and name view. */
void
tui_help_open(struct tui *t, int ctx, const char *view)
{
	struct helpv	*h;
	char		*title;

	h = xcalloc(1, sizeof *h);
	h->ctx = ctx;
	help_build(h, view);
	title = xasprintf("Help: %s (q goes back)", view);
	tui_push(t, &help_ops, h, title);
	free(title);
}
