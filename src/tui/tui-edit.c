/* SPDX-License-Identifier: ISC */
/*
 * The interface's writes. Prompts are asked before the transaction
 * starts (no lock is held while someone types), then the change runs in
 * one BEGIN IMMEDIATE transaction through db/, and all views reload.
 */
#include "config.h"

#include "tui/tui-edit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-take.h"
#include "tui/tui.h"
#include "tui/tui-input.h"

/* Finish a change: commit on success, roll back (showing cause) on
 * failure. Returns 0 or -1. */
static int
tui_edit_end(struct tui *t, int failed, char *cause)
{
	if (failed) {
		db_rollback(tui_db(t));
		tui_error(t, cause);
		return -1;
	}
	return tui_commit(t);
}

/* Ask for a status; 0 with *st set, -1 when cancelled. */
int
tui_edit_pick_status(struct tui *t, enum status *st)
{
	const char	*items[STATUS_COUNT];
	int		 i;

	for (i = 0; i < STATUS_COUNT; i++)
		items[i] = status_name((enum status)i);
	i = tui_input_pick(t, "Status", items, STATUS_COUNT, (int)*st, NULL);
	if (i < 0)
		return -1;
	*st = (enum status)i;
	return 0;
}

/* Add a scene after `after` (a scene id, or DB_PLACE_END); its heading is
 * asked. *id receives the new scene's id. */
int
tui_edit_scene_add(struct tui *t, long long after, long long *id)
{
	struct scene	 sc;
	char		*heading, *cause = NULL;
	int		 failed;

	heading = tui_input_line(t, "New scene heading: ", NULL);
	if (heading == NULL || *str_trim(heading) == '\0') {
		free(heading);
		return -1;
	}
	memset(&sc, 0, sizeof sc);
	sc.heading = heading;
	if (tui_begin(t) != 0) {
		scene_free(&sc);
		return -1;
	}
	failed = db_scene_add(tui_db(t), &sc, after, &cause) != 0;
	if (!failed)
		tui_message(t, "scene %s added", sc.code);
	*id = sc.id;
	scene_free(&sc);
	return tui_edit_end(t, failed, cause);
}

/* Edit one field of a scene, chosen from a list. */
int
tui_edit_scene(struct tui *t, long long id)
{
	static const char *const fields[] = {
		"heading", "code", "status", "synopsis (editor)",
		"notes (editor)"
	};
	struct scene	 sc;
	char		*cause = NULL, *v = NULL, *what;
	int		 f, found, failed;

	found = db_scene_get_id(tui_db(t), id, &sc, &cause);
	if (found <= 0) {
		tui_error(t, found < 0 ? cause : xstrdup("no such scene"));
		return -1;
	}
	what = xasprintf("Edit scene %s", sc.code);
	f = tui_input_pick(t, what, fields, 5, 0, NULL);
	free(what);
	switch (f) {
	case 0:
		v = tui_input_line(t, "Heading: ", sc.heading);
		if (v != NULL && *str_trim(v) != '\0') {
			free(sc.heading);
			sc.heading = v;
			v = NULL;
		} else
			f = -1;
		break;
	case 1:
		v = tui_input_line(t, "Code: ", sc.code);
		if (v != NULL && *str_trim(v) != '\0') {
			free(sc.code);
			sc.code = v;
			v = NULL;
		} else
			f = -1;
		break;
	case 2:
		if (tui_edit_pick_status(t, &sc.status) != 0)
			f = -1;
		break;
	case 3:
	case 4:
		v = tui_input_editor(t, f == 3 ? sc.synopsis : sc.notes,
		    f == 3 ? "The scene's synopsis." : "Notes on the scene.");
		if (v == NULL)
			f = -1;
		else if (f == 3) {
			free(sc.synopsis);
			sc.synopsis = v;
		} else {
			free(sc.notes);
			sc.notes = v;
		}
		v = NULL;
		break;
	}
	free(v);
	if (f < 0 || tui_begin(t) != 0) {
		scene_free(&sc);
		return -1;
	}
	failed = db_scene_update(tui_db(t), &sc, &cause) != 0;
	if (!failed)
		tui_message(t, "scene %s changed", sc.code);
	scene_free(&sc);
	return tui_edit_end(t, failed, cause);
}

/* Move scene id after `after` (a scene id or DB_PLACE_FIRST). */
int
tui_edit_scene_move(struct tui *t, long long id, long long after)
{
	char	*cause = NULL;
	int	 failed;

	if (tui_begin(t) != 0)
		return -1;
	failed = db_scene_move(tui_db(t), id, after, &cause) != 0;
	return tui_edit_end(t, failed, cause);
}

/* Delete a scene after saying what goes with it and asking. */
int
tui_edit_scene_rm(struct tui *t, long long id)
{
	struct scene		 sc;
	struct board_counts	 n;
	char			*cause = NULL;
	int			 found, failed, ok;

	found = db_scene_get_id(tui_db(t), id, &sc, &cause);
	if (found <= 0 || db_scene_counts(tui_db(t), id, &n, &cause) != 0) {
		tui_error(t, found == 0 ? xstrdup("no such scene") : cause);
		if (found > 0)
			scene_free(&sc);
		return -1;
	}
	if (n.shots > 0)
		ok = tui_input_confirm(t, "Delete scene %s with its %lld "
		    "shots, %lld variants and %lld takes (%lld reviewed)?",
		    sc.code, n.shots, n.prompts, n.takes, n.reviewed);
	else
		ok = tui_input_confirm(t, "Delete scene %s?", sc.code);
	if (!ok || tui_begin(t) != 0) {
		scene_free(&sc);
		return -1;
	}
	failed = db_scene_rm(tui_db(t), id, &cause) != 0;
	if (!failed)
		tui_message(t, "scene %s deleted%s", sc.code, n.files > 0 ?
		    "; its clip files stay in takes/" : "");
	scene_free(&sc);
	return tui_edit_end(t, failed, cause);
}

/* Add a shot to a scene after `after` (a shot id or DB_PLACE_END); its
 * description is asked. */
int
tui_edit_shot_add(struct tui *t, long long scene, long long after,
    long long *id)
{
	struct shot	 sh;
	char		*d, *cause = NULL;
	int		 failed;

	d = tui_input_line(t, "New shot description: ", NULL);
	if (d == NULL)
		return -1;
	memset(&sh, 0, sizeof sh);
	sh.scene_id = scene;
	sh.description = str_trim(d);
	sh.target_ms = BOARD_NONE;
	if (tui_begin(t) != 0) {
		shot_free(&sh);
		return -1;
	}
	failed = db_shot_add(tui_db(t), &sh, after, &cause) != 0;
	if (!failed)
		tui_message(t, "shot %s added", sh.code);
	*id = sh.id;
	shot_free(&sh);
	return tui_edit_end(t, failed, cause);
}

static int
tui_edit_shot_field(struct tui *t, struct shot *sh, int f)
{
	static const char *const sizes[] = {
		"(none)", "ECU", "CU", "MCU", "MS", "MLS", "WS", "EWS"
	};
	char		*v = NULL, *cause = NULL, *cur;
	char		**field = NULL;
	const char	*label = NULL, *comment = NULL;
	long long	 ms;
	int		 i;

	switch (f) {
	case 0:
		field = &sh->description;
		label = "Description: ";
		break;
	case 1:
		field = &sh->code;
		label = "Code: ";
		break;
	case 2:
		for (i = 1; i < 8; i++) {
			if (sh->size != NULL && strcmp(sh->size, sizes[i]) == 0)
				break;
		}
		i = tui_input_pick(t, "Shot size", sizes, 8, i < 8 ? i : 0,
		    NULL);
		if (i < 0)
			return -1;
		free(sh->size);
		sh->size = i == 0 ? NULL : xstrdup(sizes[i]);
		return 0;
	case 3:
		field = &sh->angle;
		label = "Angle: ";
		break;
	case 4:
		field = &sh->movement;
		label = "Camera movement: ";
		break;
	case 5:
		field = &sh->lens;
		label = "Lens: ";
		break;
	case 6:
		cur = sh->target_ms == BOARD_NONE ? xstrdup("") :
		    xasprintf("%.3g", sh->target_ms / 1000.0);
		v = tui_input_line(t, "Target seconds: ", cur);
		free(cur);
		if (v == NULL)
			return -1;
		str_trim(v);
		if (*v == '\0')
			sh->target_ms = BOARD_NONE;
		else if (units_parse_seconds(v, &ms, &cause) != 0 || ms == 0) {
			free(v);
			tui_error(t, cause != NULL ? cause :
			    xstrdup("the target must be more than 0 s"));
			return -1;
		} else
			sh->target_ms = ms;
		free(v);
		return 0;
	case 7:
		return tui_edit_pick_status(t, &sh->status);
	case 8:
		field = &sh->action;
		comment = "The action in this shot.";
		break;
	case 9:
		field = &sh->dialogue;
		comment = "The dialogue in this shot.";
		break;
	case 10:
		field = &sh->notes;
		comment = "Notes on this shot.";
		break;
	default:
		return -1;
	}
	if (comment != NULL)
		v = tui_input_editor(t, *field, comment);
	else
		v = tui_input_line(t, label, *field);
	if (v == NULL)
		return -1;
	if (comment == NULL)
		str_trim(v);
	free(*field);
	*field = v;
	return 0;
}

/* Edit one field of a shot, chosen from a list. */
int
tui_edit_shot(struct tui *t, long long id)
{
	static const char *const fields[] = {
		"description", "code", "size", "angle", "movement", "lens",
		"seconds", "status", "action (editor)", "dialogue (editor)",
		"notes (editor)"
	};
	struct shot	 sh;
	char		*cause = NULL, *what;
	int		 f, found, failed;

	found = db_shot_get_id(tui_db(t), id, &sh, &cause);
	if (found <= 0) {
		tui_error(t, found < 0 ? cause : xstrdup("no such shot"));
		return -1;
	}
	what = xasprintf("Edit shot %s", sh.code);
	f = tui_input_pick(t, what, fields, 11, 0, NULL);
	free(what);
	if (f < 0 || tui_edit_shot_field(t, &sh, f) != 0) {
		shot_free(&sh);
		return -1;
	}
	if (board_check_code("shot code", sh.code, &cause) != 0) {
		shot_free(&sh);
		tui_error(t, cause);
		return -1;
	}
	if (tui_begin(t) != 0) {
		shot_free(&sh);
		return -1;
	}
	failed = db_shot_update(tui_db(t), &sh, &cause) != 0;
	if (!failed)
		tui_message(t, "shot %s changed", sh.code);
	shot_free(&sh);
	return tui_edit_end(t, failed, cause);
}

/* Move shot id within scene `scene` after `after` (id or DB_PLACE_*). */
int
tui_edit_shot_move(struct tui *t, long long id, long long scene,
    long long after)
{
	char	*cause = NULL;
	int	 failed;

	if (tui_begin(t) != 0)
		return -1;
	failed = db_shot_move(tui_db(t), id, scene, after, &cause) != 0;
	return tui_edit_end(t, failed, cause);
}

/* Delete a shot after saying what goes with it and asking. */
int
tui_edit_shot_rm(struct tui *t, long long id)
{
	struct shot		 sh;
	struct board_counts	 n;
	char			*cause = NULL;
	int			 found, failed, ok;

	found = db_shot_get_id(tui_db(t), id, &sh, &cause);
	if (found <= 0 || db_shot_counts(tui_db(t), id, &n, &cause) != 0) {
		tui_error(t, found == 0 ? xstrdup("no such shot") : cause);
		if (found > 0)
			shot_free(&sh);
		return -1;
	}
	if (n.prompts > 0 || n.takes > 0)
		ok = tui_input_confirm(t, "Delete shot %s with its %lld "
		    "variants and %lld takes (%lld reviewed)?", sh.code,
		    n.prompts, n.takes, n.reviewed);
	else
		ok = tui_input_confirm(t, "Delete shot %s?", sh.code);
	if (!ok || tui_begin(t) != 0) {
		shot_free(&sh);
		return -1;
	}
	failed = db_shot_rm(tui_db(t), id, &cause) != 0;
	if (!failed)
		tui_message(t, "shot %s deleted", sh.code);
	shot_free(&sh);
	return tui_edit_end(t, failed, cause);
}

/* Set the status of n scenes (scenes true) or shots in one transaction. */
int
tui_edit_status(struct tui *t, int scenes, const long long *ids, size_t n,
    enum status st)
{
	struct scene	 sc;
	struct shot	 sh;
	char		*cause = NULL;
	size_t		 i;
	int		 failed = 0, found;

	if (n == 0 || tui_begin(t) != 0)
		return -1;
	for (i = 0; i < n && !failed; i++) {
		if (scenes) {
			found = db_scene_get_id(tui_db(t), ids[i], &sc, &cause);
			if (found == 1) {
				sc.status = st;
				failed = db_scene_update(tui_db(t), &sc,
				    &cause) != 0;
				scene_free(&sc);
			} else
				failed = found < 0;
		} else {
			found = db_shot_get_id(tui_db(t), ids[i], &sh, &cause);
			if (found == 1) {
				sh.status = st;
				failed = db_shot_update(tui_db(t), &sh,
				    &cause) != 0;
				shot_free(&sh);
			} else
				failed = found < 0;
		}
	}
	if (!failed)
		tui_message(t, "%zu %s%s now %s", n, scenes ? "scene" : "shot",
		    n == 1 ? " is" : "s are", status_name(st));
	return tui_edit_end(t, failed, cause);
}

/* Add a prompt variant to a shot, written in the editor; with parent > 0
 * the parent's text is the starting point and the new one derives from
 * it. */
int
tui_edit_prompt_add(struct tui *t, long long shot, long long parent)
{
	struct prompt	 pr, par;
	char		*text, *cause = NULL;
	int		 failed, found = 0;

	memset(&par, 0, sizeof par);
	if (parent > 0) {
		found = db_prompt_get(tui_db(t), parent, &par, &cause);
		if (found < 0) {
			tui_error(t, cause);
			return -1;
		}
	}
	text = tui_input_editor(t, found ? par.text : NULL, "Write the new "
	    "prompt variant above. Lines starting with '#' are ignored; an "
	    "empty prompt adds nothing.");
	if (text == NULL || *text == '\0') {
		free(text);
		prompt_free(&par);
		if (text != NULL)
			tui_message(t, "empty prompt: nothing added");
		return -1;
	}
	memset(&pr, 0, sizeof pr);
	pr.shot_id = shot;
	pr.text = text;
	pr.seconds_ms = BOARD_NONE;
	if (found) {
		pr.parent_id = par.id;
		pr.model = par.model != NULL ? xstrdup(par.model) : NULL;
		pr.seconds_ms = par.seconds_ms;
		pr.size = par.size != NULL ? xstrdup(par.size) : NULL;
	}
	prompt_free(&par);
	if (tui_begin(t) != 0) {
		prompt_free(&pr);
		return -1;
	}
	failed = db_prompt_add(tui_db(t), &pr, &cause) != 0;
	if (!failed)
		tui_message(t, "variant %s added", pr.label);
	prompt_free(&pr);
	return tui_edit_end(t, failed, cause);
}

/* Delete a variant (and its takes) after asking. */
int
tui_edit_prompt_rm(struct tui *t, long long id)
{
	struct prompt		 pr;
	struct board_counts	 n;
	char			*cause = NULL;
	int			 found, failed;

	found = db_prompt_get(tui_db(t), id, &pr, &cause);
	if (found <= 0 || db_prompt_counts(tui_db(t), id, &n, &cause) != 0) {
		tui_error(t, found == 0 ? xstrdup("no such variant") : cause);
		if (found > 0)
			prompt_free(&pr);
		return -1;
	}
	if (!tui_input_confirm(t, "Delete variant %s/%s with its %lld takes "
	    "(%lld reviewed)?", pr.shot_code, pr.label, n.takes, n.reviewed) ||
	    tui_begin(t) != 0) {
		prompt_free(&pr);
		return -1;
	}
	failed = db_prompt_rm(tui_db(t), id, &cause) != 0;
	if (!failed)
		tui_message(t, "variant %s deleted", pr.label);
	prompt_free(&pr);
	return tui_edit_end(t, failed, cause);
}

/* Give n takes a verdict (with reasons for a reject, in/out for a keep)
 * in one transaction. */
int
tui_edit_verdict(struct tui *t, const long long *ids, size_t n,
    enum verdict v, const struct str_list *reasons, long long in,
    long long out)
{
	char	*cause = NULL;
	size_t	 i;
	int	 failed = 0;

	if (n == 0 || tui_begin(t) != 0)
		return -1;
	for (i = 0; i < n && !failed; i++)
		failed = db_take_verdict(tui_db(t), ids[i], v, reasons, in,
		    out, &cause) != 0;
	if (!failed && n > 1)
		tui_message(t, "%zu takes: %s", n, verdict_name(v));
	else if (!failed)
		tui_message(t, "take %lld: %s", ids[0], verdict_name(v));
	return tui_edit_end(t, failed, cause);
}

/* Pick reject reasons: the recently used ones first, then "other..." to
 * type new ones (comma-separated). 0 with *out filled, -1 if cancelled. */
int
tui_edit_pick_reasons(struct tui *t, struct str_list *out)
{
	struct str_list	 recent;
	const char	**items;
	bool		*marks;
	char		*cause = NULL, *typed, *p, *comma, *tag;
	size_t		 i;
	int		 n, r, rv = -1;

	memset(&recent, 0, sizeof recent);
	if (db_take_recent_reasons(tui_db(t), 30, &recent, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	n = (int)recent.n + 1;
	items = xcalloc((size_t)n, sizeof *items);
	marks = xcalloc((size_t)n, sizeof *marks);
	for (i = 0; i < recent.n; i++)
		items[i] = recent.v[i];
	items[n - 1] = "other... (type new reasons)";
	r = tui_input_pick(t, "Reject reasons", items, n, 0, marks);
	if (r < 0)
		goto out;
	for (i = 0; i < recent.n; i++) {
		if (marks[i])
			str_list_add(out, recent.v[i]);
	}
	if (marks[n - 1] || r == n - 1) {
		typed = tui_input_line(t, "Reasons (comma-separated): ", NULL);
		for (p = typed; p != NULL && *p != '\0';
		    p = comma != NULL ? comma + 1 : p + strlen(p)) {
			comma = strchr(p, ',');
			if (comma != NULL)
				*comma = '\0';
			if (*str_trim(p) == '\0')
				continue;
			if (board_parse_reason(p, &tag, &cause) != 0) {
				tui_error(t, cause);
				free(typed);
				goto out;
			}
			str_list_add(out, tag);
			free(tag);
		}
		free(typed);
	}
	rv = 0;
out:
	free(items);
	free(marks);
	str_list_free(&recent);
	return rv;
}

/* Rate a take 1-5 (0 clears). */
int
tui_edit_rate(struct tui *t, long long id, int rating)
{
	char	*cause = NULL;
	int	 failed;

	if (tui_begin(t) != 0)
		return -1;
	failed = db_take_rate(tui_db(t), id, rating, &cause) != 0;
	if (!failed)
		tui_message(t, "take %lld rated %d", id, rating);
	return tui_edit_end(t, failed, cause);
}

/* Delete a take after asking (its clip stays on disk). */
int
tui_edit_take_rm(struct tui *t, long long id)
{
	char	*cause = NULL;
	int	 failed;

	if (!tui_input_confirm(t, "Delete take %lld? Its clip stays on disk.",
	    id) || tui_begin(t) != 0)
		return -1;
	failed = db_take_rm(tui_db(t), id, &cause) != 0;
	if (!failed)
		tui_message(t, "take %lld deleted", id);
	return tui_edit_end(t, failed, cause);
}
