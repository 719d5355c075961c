/* SPDX-License-Identifier: ISC */
/*
 * The production, its scenes and shots in the database: lookups by
 * code, ordered listings with counts, and changes (each logged). Write
 * functions must run inside db_begin()/db_commit().
 *
 * Placement arguments: DB_PLACE_END (-1) appends, DB_PLACE_FIRST (0)
 * puts first, and a positive id puts after that scene or shot.
 */
#ifndef TB_DB_DB_BOARD_H
#define TB_DB_DB_BOARD_H

#include "model/board.h"

#define DB_PLACE_END	(-1LL)
#define DB_PLACE_FIRST	0LL

struct db;

/* What lies beneath a scene or shot, for refusing a delete. */
struct board_counts {
	long long	 shots;
	long long	 prompts;
	long long	 takes;
	long long	 reviewed;	/* takes with a verdict or rating */
	long long	 files;		/* takes with a clip file */
};

int	 db_production_get(struct db *, struct production *, char **);
int	 db_production_set(struct db *, const struct production *, char **);

int	 db_scene_get(struct db *, const char *, struct scene *, char **);
int	 db_scene_get_id(struct db *, long long, struct scene *, char **);
int	 db_scene_list(struct db *, struct scene_list *, char **);
int	 db_scene_add(struct db *, struct scene *, long long, char **);
int	 db_scene_update(struct db *, const struct scene *, char **);
int	 db_scene_move(struct db *, long long, long long, char **);
int	 db_scene_counts(struct db *, long long, struct board_counts *,
	     char **);
int	 db_scene_rm(struct db *, long long, char **);
int	 db_scene_characters_get(struct db *, long long, struct str_list *,
	     char **);
int	 db_scene_characters_set(struct db *, long long,
	     const struct str_list *, char **);

int	 db_shot_get(struct db *, const char *, struct shot *, char **);
int	 db_shot_get_id(struct db *, long long, struct shot *, char **);
int	 db_shot_list(struct db *, long long, int, struct shot_list *,
	     char **);
int	 db_shot_find(struct db *, const char *, long long, int, int,
	     long long *, long long *, char **);
int	 db_shot_add(struct db *, struct shot *, long long, char **);
int	 db_shot_update(struct db *, const struct shot *, char **);
int	 db_shot_move(struct db *, long long, long long, long long, char **);
int	 db_shot_counts(struct db *, long long, struct board_counts *,
	     char **);
int	 db_shot_rm(struct db *, long long, char **);

#endif
