/* SPDX-License-Identifier: ISC */
/*
 * The storyboard's plain data: production, scenes, shots, prompt
 * variants and takes, with their enumerations and validation rules.
 * Structs here are transparent; each *_free releases the strings a
 * struct owns (the struct itself is caller storage) and accepts NULL.
 */
#ifndef TB_MODEL_BOARD_H
#define TB_MODEL_BOARD_H

#include <stdbool.h>

#include "util/array.h"

#define BOARD_CODE_MAX		16
#define BOARD_REASON_MAX	32
#define BOARD_NONE		(-1LL)	/* an unset optional number */

/* Status of a scene or a shot, in production order. */
enum status {
	STATUS_PLANNED,
	STATUS_GENERATING,
	STATUS_REVIEW,
	STATUS_APPROVED,
	STATUS_POST,
	STATUS_FINAL,
	STATUS_OMITTED,
	STATUS_COUNT
};

enum verdict {
	VERDICT_UNREVIEWED,
	VERDICT_KEEP,
	VERDICT_MAYBE,
	VERDICT_REJECT,
	VERDICT_COUNT
};

/* Generation state of a take. */
enum take_state {
	TAKE_QUEUED,
	TAKE_GENERATING,
	TAKE_READY,
	TAKE_FAILED,
	TAKE_STATE_COUNT
};

struct production {
	char		*title;
	double		 fps;
	char		*currency;
	char		*created;
};

struct scene {
	long long	 id;
	char		*code;
	long long	 position;
	char		*heading;
	char		*synopsis;
	char		*notes;
	enum status	 status;
	char		*created;
	char		*section;	/* grouping label (script section) */
	char		*description;	/* action text from the script */
	/* Counts, filled by listings. */
	long long	 shots;
	long long	 takes;
	long long	 kept;
	long long	 ms_generated;	/* of ready takes (usage's base) */
	long long	 ms_used;	/* kept, between in and out */
};

struct shot {
	long long	 id;
	long long	 scene_id;
	char		*scene_code;
	char		*code;
	long long	 position;
	char		*description;
	char		*size;		/* ECU ... EWS, or NULL */
	char		*angle;
	char		*movement;
	char		*lens;
	long long	 target_ms;	/* BOARD_NONE when unset */
	char		*action;
	char		*dialogue;
	enum status	 status;
	char		*notes;
	char		*created;
	long long	 variants;
	long long	 takes;
	long long	 kept;
};

struct prompt {
	long long	 id;
	long long	 shot_id;
	char		*shot_code;
	char		*label;
	char		*text;
	char		*model;
	long long	 seconds_ms;	/* BOARD_NONE when unset */
	char		*size;
	long long	 parent_id;	/* 0 when none */
	char		*parent_label;
	char		*author;
	char		*created;
	long long	 takes;
	long long	 kept;
};

ARRAY_DECL(str_list, char *);

struct take {
	long long	 id;
	long long	 shot_id;
	char		*shot_code;
	char		*scene_code;
	long long	 prompt_id;	/* 0 when none */
	char		*prompt_label;
	char		*file;		/* relative to the production folder */
	long long	 file_size;	/* BOARD_NONE when unknown */
	long long	 duration_ms;	/* BOARD_NONE when unknown */
	enum take_state	 state;
	char		*error;
	char		*job_id;
	char		*backend;
	char		*model;
	long long	 cost;		/* micro-units */
	enum verdict	 verdict;
	struct str_list	 reasons;
	int		 rating;	/* 0 when unrated */
	long long	 in_ms;		/* BOARD_NONE when unset */
	long long	 out_ms;
	char		*notes;
	char		*created;
	char		*created_by;
	char		*verdict_by;
	char		*verdict_at;
};

ARRAY_DECL(scene_list, struct scene);
ARRAY_DECL(shot_list, struct shot);
ARRAY_DECL(prompt_list, struct prompt);
ARRAY_DECL(take_list, struct take);

const char *status_name(enum status);
int	 status_parse(const char *, enum status *, char **);
const char *verdict_name(enum verdict);
int	 verdict_parse(const char *, enum verdict *, char **);
const char *take_state_name(enum take_state);
int	 take_state_parse(const char *, enum take_state *, char **);

int	 board_check_code(const char *, const char *, char **);
int	 board_parse_shot_size(const char *, char **, char **);
int	 board_parse_reason(const char *, char **, char **);
int	 board_parse_rating(const char *, int *, char **);
char	*board_next_shot_code(const char *, unsigned);
long long board_take_used_ms(const struct take *);

void	 production_free(struct production *);
void	 scene_free(struct scene *);
void	 shot_free(struct shot *);
void	 prompt_free(struct prompt *);
void	 take_free(struct take *);
void	 str_list_add(struct str_list *, const char *);
void	 str_list_free(struct str_list *);
char	*str_list_join(const struct str_list *, const char *);
void	 scene_list_free(struct scene_list *);
void	 shot_list_free(struct shot_list *);
void	 prompt_list_free(struct prompt_list *);
void	 take_list_free(struct take_list *);

#endif
