/* SPDX-License-Identifier: ISC */
/*
 * A Fountain 1.1 reader, for what a storyboard needs of a script: its
 * scenes (heading, number, section, synopsis, action text and who
 * speaks) and its title. Dialogue, parentheticals, transitions, lyrics
 * and page breaks are recognised so they are not mistaken for action,
 * then dropped; notes ([[...]]) and the boneyard (text between slash-
 * star and star-slash) are removed first, keeping their line breaks so
 * that line numbers stay true.
 *
 * Scene headings follow the specification: a line with a blank line
 * before and after it that starts with INT, EXT, EST, INT./EXT, INT/EXT
 * or I/E and a dot or space (any case), or a line forced with one
 * leading '.'. A line that looks like a heading but runs straight into
 * text is left as action, with a warning.
 */
#include "config.h"

#include "io/io-fountain.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "db/db-board.h"
#include "io/io-text.h"

#define FOUNTAIN_MAX_SCENES	100000
#define FOUNTAIN_MAX_DEPTH	6

/* The script as lines, with the state of the element being read. */
struct fountain_reader {
	char			**lines;
	size_t			  n;
	struct fountain		 *doc;
	struct fountain_scene	 *scene;	/* the current scene */
	char			 *sections[FOUNTAIN_MAX_DEPTH];
	int			  synopsis_ok;	/* a scene began since
						   the last section */
	int			  in_action;	/* last line: action */
};

static void
fountain_scene_free(struct fountain_scene *s)
{
	free(s->code);
	free(s->heading);
	free(s->section);
	free(s->synopsis);
	free(s->description);
	str_list_free(&s->characters);
	memset(s, 0, sizeof *s);
}

/* Release a parsed script (not the struct itself). */
void
io_fountain_free(struct fountain *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	free(f->title);
	for (i = 0; i < f->scenes.n; i++)
		fountain_scene_free(&f->scenes.v[i]);
	ARRAY_FREE(&f->scenes);
	str_list_free(&f->warnings);
	memset(f, 0, sizeof *f);
}

static void
fountain_warn(struct fountain *f, long long line, const char *fmt,
    const char *arg)
{
	char	*msg, *s;

	msg = xasprintf(fmt, arg);
	s = xasprintf("line %lld: %s", line, msg);
	str_list_add(&f->warnings, s);
	free(s);
	free(msg);
}

/*
 * Remove the boneyard and then the notes from text in place, keeping
 * every line feed. Returns 0, or -1 with *cause when a boneyard is never
 * closed.
 */
static int
fountain_strip(char *text, char **cause)
{
	char		*r, *w, *end;
	long long	 line = 1, open;

	for (r = w = text; *r != '\0';) {
		if (r[0] == '/' && r[1] == '*') {
			open = line;
			end = strstr(r + 2, "*/");
			if (end == NULL) {
				*cause = xasprintf("line %lld: '/*' starts a "
				    "boneyard that is never closed with '*/'",
				    open);
				return -1;
			}
			for (; r < end; r++) {
				if (*r == '\n') {
					*w++ = '\n';
					line++;
				}
			}
			r += 2;
			continue;
		}
		if (*r == '\n')
			line++;
		*w++ = *r++;
	}
	*w = '\0';
	for (r = w = text; *r != '\0';) {
		if (r[0] == '[' && r[1] == '[') {
			end = strstr(r + 2, "]]");
			if (end != NULL) {
				for (; r < end; r++) {
					if (*r == '\n')
						*w++ = '\n';
				}
				r += 2;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
	return 0;
}

/* Whether line i is blank (or past the end). */
static bool
fountain_blank(const struct fountain_reader *fr, size_t i)
{
	return i >= fr->n || io_text_blank(fr->lines[i]);
}

/* A trimmed copy of s. */
static char *
fountain_trim(const char *s)
{
	return str_trim(xstrdup(s));
}

/* Whether t (trimmed) starts like a scene heading: a known prefix, any
 * case, then a dot or a space. */
static bool
fountain_heading_prefix(const char *t)
{
	static const char *const prefixes[] = {
		"INT./EXT", "INT/EXT", "INT", "EXT", "EST", "I/E", NULL
	};
	size_t	 n;
	int	 i;

	for (i = 0; prefixes[i] != NULL; i++) {
		n = strlen(prefixes[i]);
		if (strncasecmp(t, prefixes[i], n) == 0 &&
		    (t[n] == '.' || t[n] == ' '))
			return true;
	}
	return false;
}

/* Whether t is forced as a heading: one '.' then a letter or digit. */
static bool
fountain_forced_heading(const char *t)
{
	return t[0] == '.' && (isalnum((unsigned char)t[1]) ||
	    (unsigned char)t[1] >= 0x80);
}

/* Whether s has a letter and no lower-case letter before any '('. */
static bool
fountain_upper(const char *s)
{
	bool	 letter = false;

	for (; *s != '\0' && *s != '('; s++) {
		if (islower((unsigned char)*s))
			return false;
		if (isupper((unsigned char)*s))
			letter = true;
	}
	return letter;
}

/* Whether t is a transition: upper case ending in "TO:", or forced
 * with '>' (and not centred text, which ends with '<'). */
static bool
fountain_transition(const char *t)
{
	size_t	 n = strlen(t);

	if (t[0] == '>')
		return n < 2 || t[n - 1] != '<';
	return n >= 3 && strcmp(t + n - 3, "TO:") == 0 && fountain_upper(t);
}

/*
 * Split a heading into its text and scene number ("INT. HOUSE #1A#").
 * Sets *code (or NULL) and returns the heading, both allocated. A
 * number that is not letters, digits, '-' and '.' stays in the text.
 */
static char *
fountain_number(const char *t, char **code)
{
	const char	*open, *p;
	size_t		 n = strlen(t);

	*code = NULL;
	if (n < 3 || t[n - 1] != '#')
		return fountain_trim(t);
	for (open = t + n - 2; open > t && *open != '#'; open--)
		;
	if (*open != '#' || open + 1 == t + n - 1)
		return fountain_trim(t);
	for (p = open + 1; p < t + n - 1; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return fountain_trim(t);
	}
	*code = xstrndup(open + 1, (size_t)(t + n - 1 - (open + 1)));
	return str_trim(xstrndup(t, (size_t)(open - t)));
}

/* The current section path, "ACT ONE / The heist". */
static char *
fountain_section(const struct fountain_reader *fr)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	for (i = 0; i < FOUNTAIN_MAX_DEPTH; i++) {
		if (fr->sections[i] == NULL || *fr->sections[i] == '\0')
			continue;
		if (b.len > 0)
			buf_adds(&b, " / ");
		buf_adds(&b, fr->sections[i]);
	}
	return buf_detach(&b);
}

static void
fountain_append(char **field, const char *sep, const char *text)
{
	char	*s;

	if (**field == '\0')
		s = xstrdup(text);
	else
		s = xasprintf("%s%s%s", *field, sep, text);
	free(*field);
	*field = s;
}

static int
fountain_new_scene(struct fountain_reader *fr, long long line,
    const char *text, bool forced, char **cause)
{
	struct fountain_scene	*s;
	char			*code, *heading, *why;
	size_t			 i;

	heading = fountain_number(forced ? text + 1 : text, &code);
	if (*heading == '\0') {
		free(heading);
		free(code);
		fountain_warn(fr->doc, line, "%s", "an empty scene heading is "
		    "left out");
		return 0;
	}
	if (code != NULL && board_check_code("scene number", code, &why) !=
	    0) {
		*cause = xasprintf("line %lld: %s", line, why);
		free(why);
		free(code);
		free(heading);
		return -1;
	}
	for (i = 0; code != NULL && i < fr->doc->scenes.n; i++) {
		s = &fr->doc->scenes.v[i];
		if (s->code != NULL && strcmp(s->code, code) == 0) {
			*cause = xasprintf("line %lld: scene number #%s# is "
			    "used twice (also on line %lld)", line, code,
			    s->line);
			free(code);
			free(heading);
			return -1;
		}
	}
	if (fr->doc->scenes.n >= FOUNTAIN_MAX_SCENES) {
		*cause = xasprintf("line %lld: more than %d scenes", line,
		    FOUNTAIN_MAX_SCENES);
		free(code);
		free(heading);
		return -1;
	}
	s = ARRAY_ADD(&fr->doc->scenes);
	s->line = line;
	s->code = code;
	s->heading = heading;
	s->section = fountain_section(fr);
	s->synopsis = xstrdup("");
	s->description = xstrdup("");
	fr->scene = s;
	fr->synopsis_ok = 1;
	return 0;
}

/* Record a character cue's name (without '@', extensions and '^'). */
static void
fountain_character(struct fountain_reader *fr, const char *t)
{
	char	*name, *paren;
	size_t	 i, n;

	if (fr->scene == NULL)
		return;
	name = xstrdup(t[0] == '@' ? t + 1 : t);
	n = strlen(name);
	if (n > 0 && name[n - 1] == '^')
		name[n - 1] = '\0';
	paren = strchr(name, '(');
	if (paren != NULL)
		*paren = '\0';
	str_trim(name);
	for (i = 0; *name != '\0' && i < fr->scene->characters.n; i++) {
		if (strcmp(fr->scene->characters.v[i], name) == 0)
			break;
	}
	if (*name != '\0' && i == fr->scene->characters.n)
		str_list_add(&fr->scene->characters, name);
	free(name);
}

static void
fountain_action(struct fountain_reader *fr, const char *text)
{
	if (fr->scene == NULL)
		return;
	fountain_append(&fr->scene->description, fr->in_action ? "\n" : "\n\n",
	    text);
	fr->in_action = 1;
}

/* Read the title page, if the script starts with one; returns the
 * first line of the body. */
static size_t
fountain_title_page(struct fountain_reader *fr)
{
	const char	*l, *colon, *p;
	char		*key, *val, *v;
	size_t		 i;
	bool		 title = false;

	l = fr->n > 0 ? fr->lines[0] : "";
	colon = strchr(l, ':');
	if (colon == NULL || colon == l || !isalpha((unsigned char)*l))
		return 0;
	for (p = l; p < colon; p++) {
		if (!isalnum((unsigned char)*p) && *p != ' ' && *p != '_' &&
		    *p != '-')
			return 0;
	}
	for (i = 0; i < fr->n && !io_text_blank(fr->lines[i]); i++) {
		l = fr->lines[i];
		if (*l == ' ' || *l == '\t') {
			if (title) {
				v = fountain_trim(l);
				fountain_append(&fr->doc->title, " ", v);
				free(v);
			}
			continue;
		}
		title = false;
		colon = strchr(l, ':');
		if (colon == NULL)
			continue;
		key = str_trim(xstrndup(l, (size_t)(colon - l)));
		if (strcasecmp(key, "Title") == 0) {
			val = fountain_trim(colon + 1);
			free(fr->doc->title);
			fr->doc->title = val;
			title = true;
		}
		free(key);
	}
	/* Drop emphasis marks from the title: _**BRICK & STEEL**_. */
	if (fr->doc->title != NULL) {
		char *r, *w;

		for (r = w = fr->doc->title; *r != '\0'; r++) {
			if (*r == '\\' && r[1] != '\0')
				*w++ = *++r;
			else if (*r != '*' && *r != '_')
				*w++ = *r;
		}
		*w = '\0';
		str_trim(fr->doc->title);
		if (*fr->doc->title == '\0') {
			free(fr->doc->title);
			fr->doc->title = NULL;
		}
	}
	return i;
}

static int
fountain_body(struct fountain_reader *fr, size_t first, char **cause)
{
	const char	*l;
	char		*t;
	size_t		 i;
	long long	 line;
	int		 depth, dialogue = 0, rv = 0;
	bool		 before, after;

	for (i = first; i < fr->n && rv == 0; i++) {
		l = fr->lines[i];
		line = (long long)i + 1;
		before = i == first || fountain_blank(fr, i - 1);
		after = fountain_blank(fr, i + 1);
		/* Two spaces keep a dialogue going over an empty line. */
		if (dialogue && strlen(l) >= 2 && io_text_blank(l))
			continue;
		if (io_text_blank(l)) {
			dialogue = 0;
			fr->in_action = 0;
			continue;
		}
		if (dialogue)
			continue;
		t = fountain_trim(l);
		if (t[0] == '!') {
			fountain_action(fr, t + 1);
		} else if (t[0] == '#') {
			for (depth = 0; t[depth] == '#'; depth++)
				;
			if (depth > FOUNTAIN_MAX_DEPTH)
				depth = FOUNTAIN_MAX_DEPTH;
			free(fr->sections[depth - 1]);
			fr->sections[depth - 1] = fountain_trim(t + depth);
			for (; depth < FOUNTAIN_MAX_DEPTH; depth++) {
				free(fr->sections[depth]);
				fr->sections[depth] = NULL;
			}
			fr->synopsis_ok = 0;
			fr->in_action = 0;
		} else if (strspn(t, "=") >= 3 && t[strspn(t, "=")] == '\0') {
			fr->in_action = 0;	/* page break */
		} else if (t[0] == '=') {
			if (fr->scene != NULL && fr->synopsis_ok) {
				char *syn = fountain_trim(t + 1);

				fountain_append(&fr->scene->synopsis, "\n",
				    syn);
				free(syn);
			}
		} else if (before && fountain_forced_heading(t)) {
			fr->in_action = 0;
			rv = fountain_new_scene(fr, line, t, true, cause);
		} else if (before && fountain_heading_prefix(t) && after) {
			fr->in_action = 0;
			rv = fountain_new_scene(fr, line, t, false, cause);
		} else if (before && fountain_heading_prefix(t)) {
			fountain_warn(fr->doc, line, "'%s' looks like a scene "
			    "heading but has no blank line after it; it is "
			    "read as action", t);
			fountain_action(fr, t);
		} else if (t[0] == '>' && strlen(t) >= 2 &&
		    t[strlen(t) - 1] == '<') {
			char *c = xstrndup(t + 1, strlen(t) - 2);

			str_trim(c);
			fountain_action(fr, c);
			free(c);
		} else if (before && after && fountain_transition(t)) {
			fr->in_action = 0;
		} else if (t[0] == '>') {
			fr->in_action = 0;	/* forced transition */
		} else if (t[0] == '~') {
			fr->in_action = 0;	/* lyrics */
		} else if (before && !after && (t[0] == '@' ||
		    fountain_upper(t))) {
			fountain_character(fr, t);
			fr->in_action = 0;
			dialogue = 1;
		} else {
			fountain_action(fr, t);
		}
		free(t);
	}
	return rv;
}

/* io_fountain_parse with cause never NULL. */
static int
fountain_parse(const char *buf, size_t len, struct fountain *f, char **cause)
{
	struct fountain_reader	 fr;
	char			*text = NULL, *p, *nl;
	size_t			 cap = 0, first, i;
	int			 rv = -1;

	memset(f, 0, sizeof *f);
	memset(&fr, 0, sizeof fr);
	fr.doc = f;
	if (io_text_check(buf, len, cause) != 0)
		return -1;
	text = io_text_lines(buf, len);
	if (io_text_blank(text)) {
		*cause = xstrdup("the script is empty");
		goto out;
	}
	if (fountain_strip(text, cause) != 0)
		goto out;
	for (p = text;;) {
		if (fr.n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			fr.lines = xreallocarray(fr.lines, cap,
			    sizeof *fr.lines);
		}
		fr.lines[fr.n++] = p;
		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	for (i = 0; i < fr.n; i++) {
		/* Form feeds (page breaks of old exports) are blank. */
		for (p = fr.lines[i]; *p != '\0'; p++) {
			if (*p == '\f')
				*p = ' ';
		}
	}
	first = fountain_title_page(&fr);
	if (fountain_body(&fr, first, cause) != 0)
		goto out;
	if (f->scenes.n == 0) {
		*cause = xstrdup("no scene headings found (a heading is a line "
		    "starting with INT., EXT., EST., INT./EXT. or I/E, or "
		    "forced with a leading '.', with a blank line before and "
		    "after)");
		goto out;
	}
	rv = 0;
out:
	for (i = 0; i < FOUNTAIN_MAX_DEPTH; i++)
		free(fr.sections[i]);
	free(fr.lines);
	free(text);
	if (rv != 0)
		io_fountain_free(f);
	return rv;
}

/*
 * Parse a Fountain script held in buf (UTF-8, with or without a byte-
 * order mark, any line ends). Returns 0 with *f filled (io_fountain_
 * free; f->warnings lists what was read in an unexpected way), or -1
 * with *cause ("line N: ..." when a line is at fault): not UTF-8 text,
 * an unclosed boneyard, a bad or repeated scene number, no scenes.
 */
int
io_fountain_parse(const char *buf, size_t len, struct fountain *f,
    char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = fountain_parse(buf, len, f, &why);
	if (cause != NULL)
		*cause = why;
	else
		free(why);
	return rv;
}

/* ------------------------------------------------------------------ plan */

/* Release a plan (not the struct itself). */
void
io_fountain_plan_free(struct fountain_plan *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->actions.n; i++) {
		scene_free(&p->actions.v[i].scene);
		str_list_free(&p->actions.v[i].characters);
		free(p->actions.v[i].changes);
	}
	ARRAY_FREE(&p->actions);
	free(p->title);
	memset(p, 0, sizeof *p);
}

/* A heading for comparison: lower case, runs of white space as one
 * space, trimmed. Caller frees. */
static char *
fountain_heading_key(const char *s)
{
	struct buf	 b;
	bool		 space = false;

	buf_init(&b);
	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = false;
		buf_addc(&b, (char)tolower((unsigned char)*s));
	}
	return buf_detach(&b);
}

/* Whether two headings are the same, ignoring case and spacing. */
static bool
fountain_same_heading(const char *a, const char *b)
{
	char	*x, *y;
	bool	 same;

	x = fountain_heading_key(a);
	y = fountain_heading_key(b);
	same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static int
fountain_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
fountain_sorted(const struct str_list *in, struct str_list *out)
{
	size_t	 i;

	for (i = 0; i < in->n; i++)
		str_list_add(out, in->v[i]);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, fountain_cmp_str);
}

static bool
fountain_same_list(const struct str_list *a, const struct str_list *b)
{
	size_t	 i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	}
	return true;
}

static void
fountain_note(struct buf *b, const char *what)
{
	if (b->len > 0)
		buf_adds(b, ", ");
	buf_adds(b, what);
}

/* Whether code is an existing scene's or already planned. */
static bool
fountain_code_used(const struct scene_list *scenes,
    const struct fountain *doc, const struct fountain_plan *p,
    const char *code)
{
	size_t	 i;

	for (i = 0; i < scenes->n; i++) {
		if (strcmp(scenes->v[i].code, code) == 0)
			return true;
	}
	for (i = 0; i < doc->scenes.n; i++) {
		if (doc->scenes.v[i].code != NULL &&
		    strcmp(doc->scenes.v[i].code, code) == 0)
			return true;
	}
	for (i = 0; i < p->actions.n; i++) {
		if (p->actions.v[i].scene.code != NULL &&
		    strcmp(p->actions.v[i].scene.code, code) == 0)
			return true;
	}
	return false;
}

/* The next automatic scene code: one more than the largest all-digit
 * code in use or planned. */
static char *
fountain_next_code(const struct scene_list *scenes, const struct fountain *doc,
    const struct fountain_plan *p)
{
	long long	 max = 0, v;
	const char	*c;
	char		*code;
	size_t		 i, n;

	n = scenes->n + doc->scenes.n + p->actions.n;
	for (i = 0; i < n; i++) {
		if (i < scenes->n)
			c = scenes->v[i].code;
		else if (i < scenes->n + doc->scenes.n)
			c = doc->scenes.v[i - scenes->n].code;
		else
			c = p->actions.v[i - scenes->n -
			    doc->scenes.n].scene.code;
		if (c != NULL && strspn(c, "0123456789") == strlen(c) &&
		    strlen(c) < 16 && str_to_ll(c, 0, INT64_MAX, &v) == 0 &&
		    v > max)
			max = v;
	}
	for (;;) {
		code = xasprintf("%lld", ++max);
		if (!fountain_code_used(scenes, doc, p, code))
			return code;
		free(code);
	}
}

static void
fountain_fill(struct fountain_action *a, const struct fountain_scene *fs,
    const struct scene *old, const struct str_list *cast)
{
	struct str_list	 want;
	struct buf	 b;

	memset(&want, 0, sizeof want);
	fountain_sorted(&fs->characters, &want);
	buf_init(&b);
	if (old != NULL) {
		a->scene.id = old->id;
		a->scene.code = xstrdup(old->code);
		a->scene.status = old->status;
		a->scene.notes = xstrdup(old->notes);
		a->scene.synopsis = xstrdup(old->synopsis);
		a->scene.heading = xstrdup(old->heading);
		a->scene.section = xstrdup(old->section);
		a->scene.description = xstrdup(old->description);
		a->scene.position = old->position;
		a->scene_id = old->id;
		if (fs->code != NULL && strcmp(fs->code, old->code) != 0) {
			buf_addf(&b, "code %s -> %s", old->code, fs->code);
			free(a->scene.code);
			a->scene.code = xstrdup(fs->code);
		}
		if (strcmp(old->heading, fs->heading) != 0) {
			fountain_note(&b, "heading");
			free(a->scene.heading);
			a->scene.heading = xstrdup(fs->heading);
		}
		if (strcmp(old->section, fs->section) != 0) {
			fountain_note(&b, "section");
			free(a->scene.section);
			a->scene.section = xstrdup(fs->section);
		}
		if (*fs->synopsis != '\0' &&
		    strcmp(old->synopsis, fs->synopsis) != 0) {
			fountain_note(&b, "synopsis");
			free(a->scene.synopsis);
			a->scene.synopsis = xstrdup(fs->synopsis);
		}
		if (strcmp(old->description, fs->description) != 0) {
			fountain_note(&b, "description");
			free(a->scene.description);
			a->scene.description = xstrdup(fs->description);
		}
		a->edit = b.len > 0;
		if (!fountain_same_list(cast, &want)) {
			fountain_note(&b, "characters");
			a->cast = true;
		}
		a->verb = b.len > 0 ? IO_CHANGE : IO_SAME;
	} else {
		a->verb = IO_CREATE;
		a->scene.status = STATUS_PLANNED;
		a->scene.heading = xstrdup(fs->heading);
		a->scene.section = xstrdup(fs->section);
		a->scene.synopsis = xstrdup(fs->synopsis);
		a->scene.description = xstrdup(fs->description);
		a->scene.notes = xstrdup("");
		a->cast = want.n > 0;
	}
	a->characters = want;
	a->changes = buf_detach(&b);
}

/* io_fountain_plan with cause never NULL. */
static int
fountain_plan(const struct fountain *doc, const char *title,
    const struct scene_list *scenes, const struct str_list *cast,
    struct fountain_plan *p)
{
	struct fountain_action	*a;
	size_t			*match, i, j, k;
	bool			*claimed;
	static const struct str_list none;

	memset(p, 0, sizeof *p);
	match = xcalloc(doc->scenes.n + 1, sizeof *match);
	claimed = xcalloc(scenes->n + 1, sizeof *claimed);
	for (i = 0; i < doc->scenes.n; i++)
		match[i] = SIZE_MAX;
	/* By scene number first, then by heading in storyboard order. */
	for (i = 0; i < doc->scenes.n; i++) {
		for (j = 0; doc->scenes.v[i].code != NULL && j < scenes->n;
		    j++) {
			if (strcmp(scenes->v[j].code,
			    doc->scenes.v[i].code) == 0) {
				match[i] = j;
				claimed[j] = true;
			}
		}
	}
	for (i = 0; i < doc->scenes.n; i++) {
		for (j = 0; match[i] == SIZE_MAX && j < scenes->n; j++) {
			if (!claimed[j] && fountain_same_heading(
			    scenes->v[j].heading, doc->scenes.v[i].heading)) {
				match[i] = j;
				claimed[j] = true;
			}
		}
	}
	for (i = 0; i < doc->scenes.n; i++) {
		a = ARRAY_ADD(&p->actions);
		a->script = i;
		a->after = SIZE_MAX;
		a->after_id = DB_PLACE_END;
		j = match[i];
		fountain_fill(a, &doc->scenes.v[i], j != SIZE_MAX ?
		    &scenes->v[j] : NULL, j != SIZE_MAX && cast != NULL ?
		    &cast[j] : &none);
		if (a->verb != IO_CREATE)
			continue;
		/* After the script's previous scene; the first ones go
		 * before the first scene of the script that exists. */
		if (i > 0) {
			a->after = i - 1;
			continue;
		}
		for (k = i + 1; k < doc->scenes.n; k++) {
			if (match[k] != SIZE_MAX)
				break;
		}
		if (k < doc->scenes.n)
			a->after_id = match[k] == 0 ? DB_PLACE_FIRST :
			    scenes->v[match[k] - 1].id;
	}
	/* Codes for new scenes without a number, once every number is
	 * known. */
	for (i = 0; i < p->actions.n; i++) {
		a = &p->actions.v[i];
		if (a->verb == IO_CREATE)
			a->scene.code = doc->scenes.v[i].code != NULL ?
			    xstrdup(doc->scenes.v[i].code) :
			    fountain_next_code(scenes, doc, p);
		p->tally.n[a->verb]++;
	}
	for (j = 0; j < scenes->n; j++) {
		if (claimed[j])
			continue;
		a = ARRAY_ADD(&p->actions);
		a->verb = IO_KEEP;
		a->script = SIZE_MAX;
		a->after = SIZE_MAX;
		a->scene_id = scenes->v[j].id;
		a->scene.id = scenes->v[j].id;
		a->scene.code = xstrdup(scenes->v[j].code);
		a->scene.heading = xstrdup(scenes->v[j].heading);
		a->scene.shots = scenes->v[j].shots;
		a->scene.takes = scenes->v[j].takes;
		a->changes = xstrdup("");
		p->tally.n[IO_KEEP]++;
	}
	if (doc->title != NULL && (title == NULL ||
	    strcmp(doc->title, title) != 0)) {
		p->title = xstrdup(doc->title);
		p->tally.n[IO_CHANGE]++;
	}
	free(match);
	free(claimed);
	return 0;
}

/*
 * Plan the import of script doc into a production titled title with
 * these scenes (in storyboard order) whose characters are cast[i]
 * (sorted; cast may be NULL when no scene has any). Script scenes match
 * existing ones by scene number, else by heading (ignoring case and
 * spacing, in order); matched scenes take the script's heading,
 * section, description, characters and number, and its synopsis when it
 * has one; other script scenes are created after the script's previous
 * scene; existing scenes the script does not mention are kept. Returns
 * 0 with *p filled (io_fountain_plan_free), or -1 with *cause.
 */
int
io_fountain_plan(const struct fountain *doc, const char *title,
    const struct scene_list *scenes, const struct str_list *cast,
    struct fountain_plan *p, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	return fountain_plan(doc, title, scenes, cast, p);
}
