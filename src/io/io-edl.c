/* SPDX-License-Identifier: ISC */
/*
 * CMX 3600 EDLs. The writer emits one video cut event per clip of the
 * cut, with the take's file name as "* FROM CLIP NAME:" (so an editing
 * program can relink) and "* TAKEBOARD TAKE:" (so takeboard can match
 * the event back even when the reel or clip name is changed). A shot
 * without a kept take leaves a hole in the record timecode, where OTIO
 * and FCPXML put a gap. EDLs are ASCII: other characters in names are
 * replaced.
 *
 * The reader accepts what editing programs write around the events
 * (audio events, transitions, M2 speed changes, SPLIT, comments) and
 * refuses anything else with its line number.
 */
#include "config.h"

#include "io/io-edl.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-cut.h"
#include "io/io-text.h"

#define EDL_TITLE_MAX	70
#define EDL_MAX_EVENTS	100000
#define EDL_COMMENT_MAX	200

static int
edl_cause(int rv, char *why, char **cause)
{
	if (cause != NULL)
		*cause = why;
	else
		free(why);
	return rv;
}

/* ----------------------------------------------------------------- writer */

static int
edl_tc(const struct io_cut *c, long long frames, char *out, char **cause)
{
	if (io_timecode_format(&c->rate, frames, out, IO_TC_LEN) == 0)
		return 0;
	*cause = xstrdup("the cut does not fit in 24 hours of timecode "
	    "(try an earlier --start)");
	return -1;
}

/* io_edl_write with cause never NULL. */
static int
edl_write(const struct io_cut *c, struct buf *b, char **cause)
{
	const struct io_item	*it;
	char			 si[IO_TC_LEN], so[IO_TC_LEN];
	char			 ri[IO_TC_LEN], ro[IO_TC_LEN];
	char			*title, *name, *rate;
	long long		 num = 0;
	size_t			 i;

	if (!c->rate.has_tc) {
		rate = io_timecode_rate_name(&c->rate);
		*cause = xasprintf("an EDL needs SMPTE timecode, which %s fps "
		    "does not have (use a whole rate such as 24 or 25, or "
		    "23.976, 29.97 or 59.94)", rate);
		free(rate);
		return -1;
	}
	title = io_text_ascii(c->title, EDL_TITLE_MAX);
	buf_addf(b, "TITLE: %s\n", title);
	free(title);
	buf_addf(b, "FCM: %sDROP FRAME\n", c->rate.drop ? "" : "NON-");
	for (i = 0; i < c->items.n; i++) {
		it = &c->items.v[i];
		if (it->kind != IO_CLIP)
			continue;
		if (edl_tc(c, it->src_in, si, cause) != 0 ||
		    edl_tc(c, it->src_out, so, cause) != 0 ||
		    edl_tc(c, c->start + it->rec_in, ri, cause) != 0 ||
		    edl_tc(c, c->start + it->rec_out, ro, cause) != 0)
			return -1;
		num++;
		buf_addf(b, "\n%03lld  %-8s V     C        %s %s %s %s\n",
		    num, it->reel, si, so, ri, ro);
		name = io_text_ascii(fs_basename(it->file), EDL_COMMENT_MAX);
		buf_addf(b, "* FROM CLIP NAME: %s\n", name);
		free(name);
		name = io_text_ascii(it->shot_code, EDL_COMMENT_MAX);
		buf_addf(b, "* TAKEBOARD TAKE: %lld\n* TAKEBOARD SHOT: %s\n",
		    it->take_id, name);
		free(name);
	}
	return 0;
}

/*
 * Append cut c to b as a CMX 3600 EDL: TITLE, FCM, then one event per
 * clip (reel, V, C, source in/out, record in/out from c->start) with
 * its clip name and takeboard ids as comments. Returns 0, or -1 with
 * *cause when the rate has no timecode or the cut passes 24 hours.
 */
int
io_edl_write(const struct io_cut *c, struct buf *b, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = edl_write(c, b, &why);
	return edl_cause(rv, why, cause);
}

/* ----------------------------------------------------------------- reader */

static void
edl_event_free(struct edl_event *e)
{
	free(e->reel);
	free(e->channel);
	free(e->transition);
	free(e->clip);
}

/* Release a parsed EDL (not the struct itself). */
void
io_edl_free(struct edl *e)
{
	size_t	 i;

	if (e == NULL)
		return;
	free(e->title);
	for (i = 0; i < e->events.n; i++)
		edl_event_free(&e->events.v[i]);
	ARRAY_FREE(&e->events);
	str_list_free(&e->warnings);
	memset(e, 0, sizeof *e);
}

/* Split s (modified) into at most max words on white space. */
static size_t
edl_words(char *s, char **w, size_t max)
{
	size_t	 n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || n == max)
			return n;
		w[n++] = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
}

/* A short quotable copy of a bad line for messages. */
static char *
edl_quote(const char *l)
{
	char	*s = xstrndup(l, 40);

	return str_trim(s);
}

static bool
edl_prefix(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/* Parse an event line into *ev; -1 with *cause when it is malformed. */
static int
edl_event_line(char *l, long long line, const struct io_rate *r,
    struct edl_event *ev, char **cause)
{
	char		*w[12], *why;
	long long	*tc[4];
	size_t		 n, i, t;
	long long	 num, len;

	n = edl_words(l, w, 12);
	if (n < 8 || n > 9 || str_to_ll(w[0], 0, 999999, &num) != 0) {
		*cause = xasprintf("line %lld: an event line needs NUMBER "
		    "REEL CHANNEL TRANSITION [LENGTH] SOURCE-IN SOURCE-OUT "
		    "RECORD-IN RECORD-OUT", line);
		return -1;
	}
	if (n == 9 && str_to_ll(w[4], 0, 999999, &len) != 0) {
		*cause = xasprintf("line %lld: bad transition length '%s'",
		    line, w[4]);
		return -1;
	}
	ev->line = line;
	ev->num = num;
	ev->reel = xstrdup(w[1]);
	ev->channel = xstrdup(w[2]);
	ev->transition = xstrdup(w[3]);
	tc[0] = &ev->src_in;
	tc[1] = &ev->src_out;
	tc[2] = &ev->rec_in;
	tc[3] = &ev->rec_out;
	for (i = 0; i < 4; i++) {
		t = n - 4 + i;
		if (io_timecode_parse(r, w[t], tc[i], &why) != 0) {
			*cause = xasprintf("line %lld: %s", line, why);
			free(why);
			return -1;
		}
	}
	if (ev->src_out < ev->src_in || ev->rec_out < ev->rec_in) {
		*cause = xasprintf("line %lld: an out point comes before its "
		    "in point", line);
		return -1;
	}
	return 0;
}

/* A comment line: keep what names the take. */
static void
edl_comment(struct edl *e, const char *l)
{
	struct edl_event	*ev;
	const char		*v;
	char			*val;
	long long		 id;

	if (e->events.n == 0)
		return;
	ev = &e->events.v[e->events.n - 1];
	for (v = l + 1; *v == ' ' || *v == '\t'; v++)
		;
	if (edl_prefix(v, "FROM CLIP NAME:")) {
		val = str_trim(xstrdup(v + strlen("FROM CLIP NAME:")));
		free(ev->clip);
		ev->clip = val;
	} else if (edl_prefix(v, "SOURCE FILE:") && ev->clip == NULL) {
		val = str_trim(xstrdup(v + strlen("SOURCE FILE:")));
		ev->clip = xstrdup(fs_basename(val));
		free(val);
	} else if (edl_prefix(v, "TAKEBOARD TAKE:")) {
		val = str_trim(xstrdup(v + strlen("TAKEBOARD TAKE:")));
		if (str_to_ll(val, 1, INT64_MAX, &id) == 0)
			ev->take_id = id;
		free(val);
	}
}

/* io_edl_parse with cause never NULL. */
static int
edl_parse(const char *buf, size_t len, const struct io_rate *rate,
    struct edl *e, char **cause)
{
	struct io_rate	 r = *rate;
	struct edl_event ev;
	char		*text, *l, *nl, *q, *name;
	long long	 line = 0;
	int		 rv = -1;

	memset(e, 0, sizeof *e);
	if (io_text_check(buf, len, cause) != 0)
		return -1;
	text = io_text_lines(buf, len);
	r.drop = false;
	for (l = text; l != NULL; l = nl) {
		nl = strchr(l, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		line++;
		str_trim(l);
		if (*l == '\0' || *l == '*' || *l == '%' || *l == '>')
			;
		else if (edl_prefix(l, "TITLE:")) {
			free(e->title);
			e->title = str_trim(xstrdup(l + 6));
		} else if (edl_prefix(l, "FCM:")) {
			q = str_trim(xstrdup(l + 4));
			if (strcasecmp(q, "DROP FRAME") == 0) {
				if (rate->base != 30 && rate->base != 60) {
					name = io_timecode_rate_name(rate);
					*cause = xasprintf("line %lld: a drop-"
					    "frame EDL needs 29.97 or 59.94 "
					    "fps, and the production runs at "
					    "%s", line, name);
					free(name);
					free(q);
					goto out;
				}
				r.drop = e->drop = true;
			} else if (strcasecmp(q, "NON-DROP FRAME") == 0)
				r.drop = false;
			else {
				*cause = xasprintf("line %lld: unknown frame "
				    "code mode '%s' (want DROP FRAME or "
				    "NON-DROP FRAME)", line, q);
				free(q);
				goto out;
			}
			free(q);
		} else if (isdigit((unsigned char)*l)) {
			memset(&ev, 0, sizeof ev);
			if (edl_event_line(l, line, &r, &ev, cause) != 0) {
				edl_event_free(&ev);
				goto out;
			}
			if (e->events.n >= EDL_MAX_EVENTS) {
				edl_event_free(&ev);
				*cause = xasprintf("line %lld: more than %d "
				    "events", line, EDL_MAX_EVENTS);
				goto out;
			}
			*ARRAY_ADD(&e->events) = ev;
		} else if (edl_prefix(l, "M2 ") || edl_prefix(l, "M2\t")) {
			q = xasprintf("line %lld: a speed change (M2) is "
			    "ignored", line);
			str_list_add(&e->warnings, q);
			free(q);
		} else if (edl_prefix(l, "SPLIT:") || edl_prefix(l, "AUD ") ||
		    edl_prefix(l, "SWM ") || edl_prefix(l, "REM ") ||
		    edl_prefix(l, "EFFECTS NAME IS") ||
		    edl_prefix(l, "FINAL CUT PRO REEL:"))
			;
		else {
			q = edl_quote(l);
			*cause = xasprintf("line %lld: not an EDL line ('%s')",
			    line, q);
			free(q);
			goto out;
		}
		if (*l == '*')
			edl_comment(e, l);
	}
	if (e->events.n == 0) {
		*cause = xstrdup("no events found (an event line reads NUMBER "
		    "REEL CHANNEL TRANSITION SOURCE-IN SOURCE-OUT RECORD-IN "
		    "RECORD-OUT)");
		goto out;
	}
	rv = 0;
out:
	free(text);
	if (rv != 0)
		io_edl_free(e);
	return rv;
}

/*
 * Parse a CMX 3600 EDL held in buf, reading timecodes at rate (an EDL
 * does not say its frame rate; FCM says whether it is drop frame).
 * Returns 0 with *e filled (io_edl_free), or -1 with *cause naming the
 * line.
 */
int
io_edl_parse(const char *buf, size_t len, const struct io_rate *rate,
    struct edl *e, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = edl_parse(buf, len, rate, e, &why);
	return edl_cause(rv, why, cause);
}

/* ------------------------------------------------------------------- plan */

/* Release a plan (not the struct itself). */
void
io_edl_plan_free(struct edl_plan *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->actions.n; i++) {
		free(p->actions.v[i].shot_code);
		free(p->actions.v[i].text);
	}
	ARRAY_FREE(&p->actions);
	memset(p, 0, sizeof *p);
}

/* Whether the channel carries picture (V, B, AA/V...). */
static bool
edl_video(const char *ch)
{
	return strchr(ch, 'V') != NULL || strchr(ch, 'v') != NULL ||
	    strcasecmp(ch, "B") == 0;
}

/* A file name without its extension. Caller frees. */
static char *
edl_stem(const char *s)
{
	const char	*dot = strrchr(s, '.');

	if (dot == NULL || dot == s)
		return xstrdup(s);
	return xstrndup(s, (size_t)(dot - s));
}

/* The take an event names: by TAKEBOARD TAKE, by clip name, by a
 * takeboard reel name. NULL if none. */
static const struct take *
edl_find(const struct edl_event *ev, const struct take_list *takes)
{
	const struct take	*tk;
	long long		 id = ev->take_id;
	char			*a, *b;
	size_t			 i;
	bool			 same;

	if (id == 0 && strlen(ev->reel) == 8 && ev->reel[0] == 'T' &&
	    strspn(ev->reel + 1, "0123456789") == 7 &&
	    str_to_ll(ev->reel + 1, 1, 9999999, &id) != 0)
		id = 0;
	for (i = 0; id > 0 && i < takes->n; i++) {
		if (takes->v[i].id == id)
			return &takes->v[i];
	}
	if (ev->take_id > 0 || ev->clip == NULL)
		return NULL;
	a = edl_stem(ev->clip);
	for (i = 0; i < takes->n; i++) {
		tk = &takes->v[i];
		if (tk->file == NULL)
			continue;
		b = edl_stem(fs_basename(tk->file));
		same = strcmp(a, b) == 0;
		free(b);
		if (same) {
			free(a);
			return tk;
		}
	}
	free(a);
	return NULL;
}

static char *
edl_secs(long long ms)
{
	if (ms == BOARD_NONE)
		return xstrdup("-");
	return xasprintf("%lld.%03lld", ms / 1000, ms % 1000);
}

static void
edl_skip(struct edl_plan *p, const struct edl_event *ev, size_t i,
    const char *why)
{
	struct edl_action	*a;

	a = ARRAY_ADD(&p->actions);
	a->verb = IO_SKIP;
	a->event = i;
	a->in_ms = a->out_ms = BOARD_NONE;
	a->text = xasprintf("event %03lld (line %lld, reel %s%s%s%s): %s",
	    ev->num, ev->line, ev->reel, ev->clip != NULL ? ", clip '" : "",
	    ev->clip != NULL ? ev->clip : "", ev->clip != NULL ? "'" : "",
	    why);
	p->tally.n[IO_SKIP]++;
}

/* Per take: the span of its events. */
struct edl_use {
	const struct take	*take;
	size_t			 first;
	long long		 in;
	long long		 out;
	struct buf		 events;
};

/* Whether take id is a clip of cut (any kept take when cut is NULL). */
static bool
edl_in_cut(const struct io_cut *cut, long long id)
{
	size_t	 i;

	if (cut == NULL)
		return true;
	for (i = 0; i < cut->items.n; i++) {
		if (cut->items.v[i].kind == IO_CLIP &&
		    cut->items.v[i].take_id == id)
			return true;
	}
	return false;
}

/* io_edl_plan with cause never NULL. */
static int
edl_plan(const struct edl *e, const struct io_rate *r,
    const struct take_list *takes, const struct io_cut *cut,
    struct edl_plan *p)
{
	const struct edl_event	*ev;
	const struct take	*tk;
	struct edl_use		*use;
	struct edl_action	*a;
	size_t			 i, j, nuse = 0;
	long long		 media, cin, cout;
	char			*why, *x, *y, *x2, *y2;

	memset(p, 0, sizeof *p);
	use = xcalloc(e->events.n + 1, sizeof *use);
	for (i = 0; i < e->events.n; i++) {
		ev = &e->events.v[i];
		if (!edl_video(ev->channel))
			continue;
		tk = edl_find(ev, takes);
		if (tk == NULL) {
			why = ev->take_id > 0 ? xasprintf("take %lld is not in "
			    "the production", ev->take_id) :
			    xstrdup("no take matches it");
			edl_skip(p, ev, i, why);
			free(why);
			continue;
		}
		if (tk->state != TAKE_READY) {
			why = xasprintf("take %lld is %s", tk->id,
			    take_state_name(tk->state));
			edl_skip(p, ev, i, why);
			free(why);
			continue;
		}
		media = tk->duration_ms != BOARD_NONE ?
		    io_timecode_frames(r, tk->duration_ms) : -1;
		if (ev->src_out <= ev->src_in) {
			edl_skip(p, ev, i, "it is empty (a transition's "
			    "outgoing side?)");
			continue;
		}
		if (media >= 0 && ev->src_out > media) {
			why = xasprintf("it ends after the end of take %lld "
			    "(source timecode must count from 00:00:00:00 at "
			    "the start of the clip)", tk->id);
			edl_skip(p, ev, i, why);
			free(why);
			continue;
		}
		for (j = 0; j < nuse; j++) {
			if (use[j].take == tk)
				break;
		}
		if (j == nuse) {
			nuse++;
			use[j].take = tk;
			use[j].first = i;
			use[j].in = ev->src_in;
			use[j].out = ev->src_out;
			buf_init(&use[j].events);
			buf_addf(&use[j].events, "%03lld", ev->num);
		} else {
			if (ev->src_in < use[j].in)
				use[j].in = ev->src_in;
			if (ev->src_out > use[j].out)
				use[j].out = ev->src_out;
			buf_addf(&use[j].events, ", %03lld", ev->num);
		}
	}
	for (j = 0; j < nuse; j++) {
		tk = use[j].take;
		a = ARRAY_ADD(&p->actions);
		a->event = use[j].first;
		a->take_id = tk->id;
		a->shot_code = xstrdup(tk->shot_code);
		media = tk->duration_ms != BOARD_NONE ?
		    io_timecode_frames(r, tk->duration_ms) : -1;
		cin = io_timecode_frames(r, tk->in_ms != BOARD_NONE ?
		    tk->in_ms : 0);
		cout = tk->out_ms != BOARD_NONE ?
		    io_timecode_frames(r, tk->out_ms) : media;
		a->in_ms = use[j].in == 0 ? BOARD_NONE :
		    io_timecode_ms(r, use[j].in);
		a->out_ms = use[j].out == media ? BOARD_NONE :
		    io_timecode_ms(r, use[j].out);
		if (a->out_ms != BOARD_NONE && tk->duration_ms != BOARD_NONE &&
		    a->out_ms > tk->duration_ms)
			a->out_ms = tk->duration_ms;
		a->keep = tk->verdict != VERDICT_KEEP;
		a->verb = !a->keep && cin == use[j].in && cout == use[j].out ?
		    IO_SAME : IO_CHANGE;
		x = edl_secs(io_timecode_ms(r, use[j].in));
		y = edl_secs(io_timecode_ms(r, use[j].out));
		if (a->verb == IO_SAME)
			a->text = xasprintf("take %lld (shot %s), event%s %s: "
			    "in %s, out %s", tk->id, tk->shot_code,
			    strchr(buf_str(&use[j].events), ',') != NULL ?
			    "s" : "", buf_str(&use[j].events), x, y);
		else {
			x2 = edl_secs(tk->in_ms);
			y2 = edl_secs(tk->out_ms);
			a->text = xasprintf("take %lld (shot %s), event%s %s: "
			    "in %s, out %s (was in %s, out %s%s%s)", tk->id,
			    tk->shot_code, strchr(buf_str(&use[j].events),
			    ',') != NULL ? "s" : "", buf_str(&use[j].events),
			    x, y, x2, y2, a->keep ? "; " : "", a->keep ?
			    verdict_name(tk->verdict) : "");
			free(x2);
			free(y2);
		}
		free(x);
		free(y);
		p->tally.n[a->verb]++;
		buf_fini(&use[j].events);
	}
	/* Takes of takeboard's cut (or kept takes) the editor left out. */
	for (i = 0; i < takes->n; i++) {
		tk = &takes->v[i];
		if (tk->verdict != VERDICT_KEEP || tk->state != TAKE_READY ||
		    tk->file == NULL || !edl_in_cut(cut, tk->id))
			continue;
		for (j = 0; j < nuse; j++) {
			if (use[j].take == tk)
				break;
		}
		if (j < nuse)
			continue;
		a = ARRAY_ADD(&p->actions);
		a->verb = IO_KEEP;
		a->event = SIZE_MAX;
		a->take_id = tk->id;
		a->shot_code = xstrdup(tk->shot_code);
		a->in_ms = tk->in_ms;
		a->out_ms = tk->out_ms;
		a->text = xasprintf("take %lld (shot %s) is in takeboard's cut "
		    "but not in the EDL", tk->id, tk->shot_code);
		p->tally.n[IO_KEEP]++;
	}
	free(use);
	/* In the order of the EDL, the takes it leaves out last. */
	for (i = 1; i < p->actions.n; i++) {
		for (j = i; j > 0 && p->actions.v[j - 1].event >
		    p->actions.v[j].event; j--) {
			struct edl_action t = p->actions.v[j];

			p->actions.v[j] = p->actions.v[j - 1];
			p->actions.v[j - 1] = t;
		}
	}
	return 0;
}

/*
 * Match the video events of e to takes (all of them; durations in ms)
 * at rate r: by "* TAKEBOARD TAKE:", else by clip name (the take's file
 * name, with or without extension), else by a takeboard reel name. A
 * take used by several events spans them all. Source timecode counts
 * from the start of the clip. The plan has one line per matched take
 * (change or unchanged; a take not kept becomes kept), per skipped
 * event and per clip of cut (every kept take when cut is NULL) the EDL
 * leaves out. Returns 0 with *p filled (io_edl_plan_free).
 */
int
io_edl_plan(const struct edl *e, const struct io_rate *r,
    const struct take_list *takes, const struct io_cut *cut,
    struct edl_plan *p, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	return edl_plan(e, r, takes, cut, p);
}
