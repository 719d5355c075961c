/* SPDX-License-Identifier: ISC */
/*
 * Editing long text in the user's editor, git-style: the text goes to a
 * temporary file with a comment block, $VISUAL (else $EDITOR, else vi)
 * runs on it, and what comes back, without '#' comment lines, is the
 * result.
 */
#ifndef TB_UTIL_EDITOR_H
#define TB_UTIL_EDITOR_H

char	*editor_edit(const char *, const char *, char **);
char	*editor_strip_comments(char *);

#endif
