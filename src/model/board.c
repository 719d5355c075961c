/* SPDX-License-Identifier: ISC */
/*
 * Names, parsing and validation for the storyboard's values, and the
 * destructors of its structs. Every parse error names the bad value and
 * lists the accepted ones, since the messages reach users directly.
 */
#include "config.h"

#include "model/board.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "util/xmalloc.h"

static const char *const status_names[STATUS_COUNT] = {
	"planned", "generating", "review", "approved", "post", "final",
	"omitted"
};
static const char *const verdict_names[VERDICT_COUNT] = {
	"unreviewed", "keep", "maybe", "reject"
};
static const char *const take_state_names[TAKE_STATE_COUNT] = {
	"queued", "generating", "ready", "failed"
};
static const char *const shot_sizes[] = {
	"ECU", "CU", "MCU", "MS", "MLS", "WS", "EWS", NULL
};

/* Find s (case-insensitively) among n names; -1 if absent. On failure
 * *cause lists the accepted values. */
static int
board_lookup(const char *what, const char *const *names, int n,
    const char *s, char **cause)
{
	struct buf	 b;
	int		 i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(names[i], s) == 0)
			return i;
	}
	if (cause != NULL) {
		buf_init(&b);
		buf_addf(&b, "bad %s '%s' (want one of:", what, s);
		for (i = 0; i < n; i++)
			buf_addf(&b, " %s", names[i]);
		buf_addc(&b, ')');
		*cause = buf_detach(&b);
	}
	return -1;
}

const char *
status_name(enum status s)
{
	return (unsigned)s < STATUS_COUNT ? status_names[s] : "?";
}

/* Parse a scene or shot status. Returns 0, or -1 with *cause. */
int
status_parse(const char *s, enum status *out, char **cause)
{
	int	 i;

	if (cause != NULL)
		*cause = NULL;
	i = board_lookup("status", status_names, STATUS_COUNT, s, cause);
	if (i < 0)
		return -1;
	*out = (enum status)i;
	return 0;
}

const char *
verdict_name(enum verdict v)
{
	return (unsigned)v < VERDICT_COUNT ? verdict_names[v] : "?";
}

/* Parse a verdict; "kept" and "rejected" are accepted as synonyms. */
int
verdict_parse(const char *s, enum verdict *out, char **cause)
{
	int	 i;

	if (cause != NULL)
		*cause = NULL;
	if (strcasecmp(s, "kept") == 0)
		s = "keep";
	else if (strcasecmp(s, "rejected") == 0)
		s = "reject";
	i = board_lookup("verdict", verdict_names, VERDICT_COUNT, s, cause);
	if (i < 0)
		return -1;
	*out = (enum verdict)i;
	return 0;
}

const char *
take_state_name(enum take_state t)
{
	return (unsigned)t < TAKE_STATE_COUNT ? take_state_names[t] : "?";
}

int
take_state_parse(const char *s, enum take_state *out, char **cause)
{
	int	 i;

	if (cause != NULL)
		*cause = NULL;
	i = board_lookup("take status", take_state_names, TAKE_STATE_COUNT,
	    s, cause);
	if (i < 0)
		return -1;
	*out = (enum take_state)i;
	return 0;
}

/*
 * Check a scene or shot code: 1-16 characters of A-Z a-z 0-9 . _ -, not
 * starting with '.' or '-' (codes become folder names under takes/).
 * `what` is "scene" or "shot". Returns 0, or -1 with *cause.
 */
int
board_check_code(const char *what, const char *code, char **cause)
{
	const char	*p;
	size_t		 n;

	if (cause != NULL)
		*cause = NULL;
	n = strlen(code);
	if (n == 0 || n > BOARD_CODE_MAX || code[0] == '.' || code[0] == '-')
		goto bad;
	for (p = code; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' &&
		    *p != '-')
			goto bad;
	}
	return 0;
bad:
	if (cause != NULL)
		*cause = xasprintf("bad %s '%s' (want 1 to %d letters, "
		    "digits, '.', '_' or '-', not starting with '.' or '-')",
		    what, code, BOARD_CODE_MAX);
	return -1;
}

/* Parse a shot size (ECU CU MCU MS MLS WS EWS, any case); *out is the
 * upper-case name, caller frees. Returns 0, or -1 with *cause. */
int
board_parse_shot_size(const char *s, char **out, char **cause)
{
	int	 i;

	if (cause != NULL)
		*cause = NULL;
	i = board_lookup("shot size", shot_sizes, 7, s, cause);
	if (i < 0)
		return -1;
	*out = xstrdup(shot_sizes[i]);
	return 0;
}

/* Parse a reject reason tag: 1-32 of a-z 0-9 - _ after lower-casing and
 * turning spaces into '-'. *out allocated. Returns 0, or -1 with *cause. */
int
board_parse_reason(const char *s, char **out, char **cause)
{
	char	*t, *p;

	if (cause != NULL)
		*cause = NULL;
	t = str_trim(xstrdup(s));
	str_lower(t);
	for (p = t; *p != '\0'; p++) {
		if (*p == ' ')
			*p = '-';
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			break;
	}
	if (*p != '\0' || *t == '\0' || strlen(t) > BOARD_REASON_MAX) {
		if (cause != NULL)
			*cause = xasprintf("bad reason '%s' (want a tag of 1 "
			    "to %d letters, digits, '-' or '_', such as "
			    "morphing or wrong-face)", s, BOARD_REASON_MAX);
		free(t);
		return -1;
	}
	*out = t;
	return 0;
}

/* Parse a rating 1-5. Returns 0, or -1 with *cause. */
int
board_parse_rating(const char *s, int *out, char **cause)
{
	long long	 v;

	if (cause != NULL)
		*cause = NULL;
	if (str_to_ll(s, 1, 5, &v) != 0) {
		if (cause != NULL)
			*cause = xasprintf("bad rating '%s' (want 1 to 5)", s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/*
 * The n-th (from 0) automatic shot code for a scene: the scene code and
 * letters A, B, ... (I and O are skipped, as on film slates, to avoid
 * confusion with 1 and 0), then AA, AB, ...; a '-' separates them when
 * the scene code itself ends in a letter ("4A-B"). Caller frees.
 */
char *
board_next_shot_code(const char *scene, unsigned n)
{
	static const char	 letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	const unsigned		 base = sizeof letters - 1;
	char			 suffix[8];
	size_t			 len, i;
	const char		*sep;

	/* Bijective base-24 numbering: A..Z, AA..ZZ, AAA... */
	len = 0;
	n++;
	while (n > 0 && len < sizeof suffix - 1) {
		n--;
		suffix[len++] = letters[n % base];
		n /= base;
	}
	for (i = 0; i < len / 2; i++) {
		char c = suffix[i];

		suffix[i] = suffix[len - 1 - i];
		suffix[len - 1 - i] = c;
	}
	suffix[len] = '\0';
	len = strlen(scene);
	sep = len > 0 && isalpha((unsigned char)scene[len - 1]) ? "-" : "";
	return xasprintf("%s%s%s", scene, sep, suffix);
}

/*
 * The part of a kept take used in the cut, in ms: out - in, where an
 * unset in is 0 and an unset out is the duration, never past the
 * duration (an unknown duration uses nothing). 0 for takes not kept.
 * Mirrors the SQL in db-stats.c.
 */
long long
board_take_used_ms(const struct take *tk)
{
	long long	 in, out, dur;

	if (tk->verdict != VERDICT_KEEP || tk->state != TAKE_READY)
		return 0;
	dur = tk->duration_ms != BOARD_NONE ? tk->duration_ms : 0;
	in = tk->in_ms != BOARD_NONE ? tk->in_ms : 0;
	out = tk->out_ms != BOARD_NONE ? tk->out_ms : dur;
	if (out > dur)
		out = dur;
	return out > in ? out - in : 0;
}

void
production_free(struct production *p)
{
	if (p == NULL)
		return;
	free(p->title);
	free(p->currency);
	free(p->created);
	memset(p, 0, sizeof *p);
}

void
scene_free(struct scene *sc)
{
	if (sc == NULL)
		return;
	free(sc->code);
	free(sc->heading);
	free(sc->synopsis);
	free(sc->notes);
	free(sc->created);
	free(sc->section);
	free(sc->description);
	memset(sc, 0, sizeof *sc);
}

void
shot_free(struct shot *sh)
{
	if (sh == NULL)
		return;
	free(sh->scene_code);
	free(sh->code);
	free(sh->description);
	free(sh->size);
	free(sh->angle);
	free(sh->movement);
	free(sh->lens);
	free(sh->action);
	free(sh->dialogue);
	free(sh->notes);
	free(sh->created);
	memset(sh, 0, sizeof *sh);
}

void
prompt_free(struct prompt *pr)
{
	if (pr == NULL)
		return;
	free(pr->shot_code);
	free(pr->label);
	free(pr->text);
	free(pr->model);
	free(pr->size);
	free(pr->parent_label);
	free(pr->author);
	free(pr->created);
	memset(pr, 0, sizeof *pr);
}

void
take_free(struct take *tk)
{
	if (tk == NULL)
		return;
	free(tk->shot_code);
	free(tk->scene_code);
	free(tk->prompt_label);
	free(tk->file);
	free(tk->error);
	free(tk->job_id);
	free(tk->backend);
	free(tk->model);
	str_list_free(&tk->reasons);
	free(tk->notes);
	free(tk->created);
	free(tk->created_by);
	free(tk->verdict_by);
	free(tk->verdict_at);
	memset(tk, 0, sizeof *tk);
}

void
str_list_add(struct str_list *l, const char *s)
{
	*ARRAY_ADD(l) = xstrdup(s);
}

void
str_list_free(struct str_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	ARRAY_FREE(l);
}

/* The strings joined with sep; caller frees. */
char *
str_list_join(const struct str_list *l, const char *sep)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_adds(&b, sep);
		buf_adds(&b, l->v[i]);
	}
	return buf_detach(&b);
}

#define BOARD_LIST_FREE(fn, type, item_free)				\
void									\
fn(struct type *l)							\
{									\
	size_t	 i;							\
									\
	for (i = 0; i < l->n; i++)					\
		item_free(&l->v[i]);					\
	ARRAY_FREE(l);							\
}
BOARD_LIST_FREE(scene_list_free, scene_list, scene_free)
BOARD_LIST_FREE(shot_list_free, shot_list, shot_free)
BOARD_LIST_FREE(prompt_list_free, prompt_list, prompt_free)
BOARD_LIST_FREE(take_list_free, take_list, take_free)
