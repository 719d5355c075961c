/* SPDX-License-Identifier: ISC */
/*
 * The report as a document: sections, headline figures, tables and
 * charts, built once from a struct report and written by the txt, md,
 * csv and html writers. Every string in it is raw (as the database or
 * the formatters gave it); each writer escapes all of it for its own
 * format, so no writer can forget a piece of database text.
 */
#ifndef TB_REPORT_REPORT_DOC_H
#define TB_REPORT_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/array.h"
#include "model/board.h"
#include "report/report.h"

/* Column and cell flags. */
#define RDOC_RIGHT	0x01	/* a number: right-aligned */
#define RDOC_FLEX	0x02	/* free text, clipped to fit in txt */
#define RDOC_TEXT	0x04	/* text from the database */
#define RDOC_CODE	0x08	/* a scene or shot code: text in CSV */
#define RDOC_BAR	0x10	/* a bar of the cell's `bar` (0 to 1) */
#define RDOC_BLOCK	0x20	/* long text: under its row in txt */

/* The formats a table appears in. */
#define RDOC_IN_DISPLAY	0x1	/* txt, md and html */
#define RDOC_IN_CSV	0x2
#define RDOC_IN_ALL	0x3

struct rdoc_col {
	char	*title;		/* heading in txt, md, html; NULL: CSV only */
	char	*csv;		/* heading in CSV; NULL: not in CSV */
	int	 flags;
	int	 drop;		/* txt leaves out the highest first to fit
				   80 columns; 0: never */
};

struct rdoc_cell {
	char	*text;		/* as shown */
	char	*csv;		/* in CSV; NULL: as shown */
	double	 bar;		/* RDOC_BAR columns: 0 to 1 */
	int	 flags;		/* added to the column's flags */
};

ARRAY_DECL(rdoc_cols, struct rdoc_col);
ARRAY_DECL(rdoc_cells, struct rdoc_cell);

struct rdoc_table {
	const char		*name;		/* for --table and CSV */
	char			*title;
	int			 in;		/* RDOC_IN_* */
	struct rdoc_cols	 cols;
	struct rdoc_cells	 cells;		/* row by row */
	size_t			 limit;		/* shown rows in txt, md,
						   html (0: all) */
	char			*empty;		/* said when no rows */
};

struct rdoc_figure {
	char	*label;
	char	*value;
	char	*note;		/* may be NULL */
};
ARRAY_DECL(rdoc_figures, struct rdoc_figure);

enum rdoc_chart_kind {
	RDOC_CHART_BARS,	/* one bar per label */
	RDOC_CHART_LINES	/* series over days */
};

struct rdoc_series {
	char	*name;
	double	*v;		/* n values; NAN when there is none */
	bool	 last;		/* a level (shown by the last value of a
				   span), not a count (summed) */
};

struct rdoc_chart {
	enum rdoc_chart_kind	 kind;
	const char		*name;
	char			*title;
	size_t			 n;
	char			**labels;	/* bar codes, or days */
	char			**labels2;	/* bars: text after the code */
	char			**values;	/* bars: the value as shown */
	struct rdoc_series	 series[3];
	int			 nseries;
};

enum rdoc_kind {
	RDOC_SECTION,
	RDOC_PARA,
	RDOC_FIGURES,
	RDOC_TABLE,
	RDOC_CHART
};

struct rdoc_block {
	enum rdoc_kind		 kind;
	const char		*id;		/* sections: an anchor */
	char			*text;		/* sections, paragraphs */
	struct rdoc_figures	 figures;
	struct rdoc_table	*table;
	struct rdoc_chart	*chart;
};
ARRAY_DECL(rdoc_blocks, struct rdoc_block);

struct rdoc {
	char			*title;		/* the production's */
	struct str_list		 meta;		/* lines under the title */
	struct rdoc_blocks	 blocks;
};

struct rdoc *rdoc_build(const struct report *);
void	 rdoc_free(struct rdoc *);
int	 rdoc_check_table(const struct rdoc *, enum report_format,
	     const char *, char **);
bool	 rdoc_table_in(const struct rdoc_table *, enum report_format);
size_t	 rdoc_rows(const struct rdoc_table *);
size_t	 rdoc_shown(const struct rdoc_table *, enum report_format);
const struct rdoc_cell *rdoc_at(const struct rdoc_table *, size_t, size_t);
bool	 rdoc_col_in(const struct rdoc_col *, enum report_format);

#endif
