/* SPDX-License-Identifier: ISC */
/*
 * Fountain screenplays: the parser (scene headings, scene numbers,
 * sections, synopses, action, who speaks, the title page) and the plan
 * of importing a script into a production, computed without the
 * database so that a dry run and the real import agree.
 */
#ifndef TB_IO_IO_FOUNTAIN_H
#define TB_IO_IO_FOUNTAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/array.h"
#include "model/board.h"
#include "io/io-plan.h"

/* A scene of the script. */
struct fountain_scene {
	long long	 line;		/* of its heading */
	char		*code;		/* number (#12A#) or NULL */
	char		*heading;
	char		*section;	/* "ACT ONE / The heist", or "" */
	char		*synopsis;	/* "= ..." lines, or "" */
	char		*description;	/* action paragraphs, or "" */
	struct str_list	 characters;	/* who speaks, in order */
};
ARRAY_DECL(fountain_scene_list, struct fountain_scene);

struct fountain {
	char				*title;	/* Title: */
	struct fountain_scene_list	 scenes;
	struct str_list			 warnings;
};

/* One line of the plan. */
struct fountain_action {
	enum io_verb	 verb;		/* create change same keep */
	size_t		 script;	/* index in scenes, or SIZE_MAX */
	long long	 scene_id;	/* existing scene, or 0 */
	struct scene	 scene;		/* all fields, after */
	struct str_list	 characters;	/* after, sorted */
	bool		 edit;		/* other fields change */
	bool		 cast;		/* characters change */
	long long	 after_id;	/* new: DB_PLACE_* or a scene id */
	size_t		 after;		/* new: after action */
	char		*changes;	/* "heading, description" */
};
ARRAY_DECL(fountain_action_list, struct fountain_action);

struct fountain_plan {
	struct fountain_action_list	 actions;
	char				*title;	/* new, or NULL */
	struct io_tally			 tally;
};

int	 io_fountain_parse(const char *, size_t, struct fountain *, char **);
void	 io_fountain_free(struct fountain *);
int	 io_fountain_plan(const struct fountain *, const char *,
	     const struct scene_list *, const struct str_list *,
	     struct fountain_plan *, char **);
void	 io_fountain_plan_free(struct fountain_plan *);

#endif
