/* SPDX-License-Identifier: ISC */
/*
 * CSV shot lists and take lists: an RFC 4180 reader and writer, the
 * mapping of named columns to shots and takes, and the plan of an
 * import (what it creates, changes and leaves alone), computed from
 * the file and the production without touching the database.
 */
#ifndef TB_IO_IO_CSV_H
#define TB_IO_IO_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/array.h"
#include "model/board.h"
#include "io/io-plan.h"

struct buf;

/* One record of a CSV file and the line it starts on. */
struct csv_record {
	char		**cells;
	size_t		  n;
	long long	  line;
};
ARRAY_DECL(csv_record_list, struct csv_record);

/* A parsed file: records[0] is the header. The cells point into text
 * and each record's cells into the array cells. */
struct csv_file {
	struct csv_record_list	 records;
	char			**cells;
	char			 *text;
	char			  sep;
};

enum csv_kind {
	CSV_SHOTS,
	CSV_TAKES
};

/* The columns of a shot list, in export order. */
enum csv_shot_col {
	CSV_SCENE,
	CSV_SHOT,
	CSV_ORDER,
	CSV_DESCRIPTION,
	CSV_SIZE,
	CSV_ANGLE,
	CSV_MOVEMENT,
	CSV_LENS,
	CSV_SECONDS,
	CSV_STATUS,
	CSV_NOTES,
	CSV_SHOT_COLS
};

/* The columns of a take list, in export order. */
enum csv_take_col {
	CSV_T_SHOT,
	CSV_T_TAKE,
	CSV_T_VARIANT,
	CSV_T_PROMPT,
	CSV_T_BACKEND,
	CSV_T_MODEL,
	CSV_T_SECONDS,
	CSV_T_VERDICT,
	CSV_T_REASONS,
	CSV_T_RATING,
	CSV_T_IN,
	CSV_T_OUT,
	CSV_T_COST,
	CSV_T_FILE,
	CSV_TAKE_COLS
};

#define CSV_HAS(row, col)	(((row)->present & (1U << (col))) != 0)

/* A row of a shot list; fields of absent columns are unset. */
struct csv_shot_row {
	long long	 line;
	unsigned int	 present;	/* 1 << enum csv_shot_col */
	char		*scene;
	char		*code;		/* NULL: a new shot */
	long long	 order;		/* 0: not given */
	bool		 has_status;	/* Status is not empty */
	struct shot	 shot;		/* description ... notes */
};
ARRAY_DECL(csv_shot_rows, struct csv_shot_row);

/* A row of a take list. Its text (the take's shot_code, label,
 * backend, model and file, and prompt) points into the doc's text; only
 * take.reasons is the row's own. */
struct csv_take_row {
	long long	 line;
	unsigned int	 present;	/* 1 << enum csv_take_col */
	long long	 take_id;
	struct take	 take;		/* shot_code, label... */
	char		*prompt;	/* the variant's text */
};
ARRAY_DECL(csv_take_rows, struct csv_take_row);

/* A shot list or take list read from a file. */
struct csv_doc {
	enum csv_kind		 kind;
	unsigned int		 present;
	struct csv_shot_rows	 shots;
	struct csv_take_rows	 takes;
	char			*text;	/* of a take list: its cells */
};

/* One line of a shot-list import. */
struct csv_shot_action {
	enum io_verb	 verb;
	size_t		 row;		/* index in doc->shots */
	long long	 shot_id;	/* 0 until a new shot is added */
	long long	 from_scene;	/* its scene before the import */
	bool		 move;		/* goes to another scene */
	bool		 edit;		/* its fields change */
	struct shot	 shot;		/* all fields, after */
	char		*changes;	/* "description, seconds" */
};
ARRAY_DECL(csv_shot_actions, struct csv_shot_action);

/* One place in a scene's final order: an existing shot or an action. */
struct csv_slot {
	long long	 shot_id;	/* > 0: an existing shot */
	size_t		 action;	/* else this action's shot */
};
ARRAY_DECL(csv_slot_list, struct csv_slot);

/* A scene whose shots the import rearranges. */
struct csv_order {
	long long		 scene_id;
	struct csv_slot_list	 slots;
};
ARRAY_DECL(csv_order_list, struct csv_order);

/* One line of a take-list import. */
struct csv_take_action {
	enum io_verb	 verb;
	size_t		 row;		/* index in doc->takes */
	struct take	 take;		/* the take after the import */
	const struct take *was;		/* before: borrowed from the takes
					   given to io_csv_plan_takes */
	bool		 review;	/* verdict, reasons, in, out */
	bool		 rate;
	bool		 cost;
	char		*changes;
};
ARRAY_DECL(csv_take_actions, struct csv_take_action);

/* What importing a file will do. */
struct csv_plan {
	struct csv_shot_actions	 shots;
	struct csv_order_list	 orders;
	struct csv_take_actions	 takes;
	struct io_tally		 tally;
};

int	 io_csv_parse(const char *, size_t, struct csv_file *, char **);
void	 io_csv_free(struct csv_file *);
void	 io_csv_cell(struct buf *, const char *, bool);
void	 io_csv_end(struct buf *);
char	*io_csv_decimal(long long, int);

int	 io_csv_read(const char *, size_t, struct csv_doc *, char **);
void	 io_csv_doc_free(struct csv_doc *);
char	*io_csv_write_shots(const struct shot_list *);
char	*io_csv_write_takes(const struct take_list *,
	     const struct prompt_list *);

int	 io_csv_plan_shots(const struct csv_doc *, const struct scene_list *,
	     const struct shot_list *, struct csv_plan *, char **);
int	 io_csv_plan_takes(const struct csv_doc *, const struct take_list *,
	     const struct prompt_list *, struct csv_plan *, char **);
void	 io_csv_plan_free(struct csv_plan *);

#endif
