/* SPDX-License-Identifier: ISC */
/* The `import` and `export` commands: screenplays, shot lists, the cut. */
#ifndef TB_CLI_CLI_IO_H
#define TB_CLI_CLI_IO_H

struct cli;

int	 cli_import_fountain(struct cli *, int, char **);
int	 cli_import_csv(struct cli *, int, char **);
int	 cli_import_edl(struct cli *, int, char **);
int	 cli_export_csv(struct cli *, int, char **);
int	 cli_export_edl(struct cli *, int, char **);
int	 cli_export_otio(struct cli *, int, char **);
int	 cli_export_fcpxml(struct cli *, int, char **);

#endif
