/* SPDX-License-Identifier: ISC */
/*
 * Modal input. Each prompt runs its own small loop over tui_getkey(), so
 * resizes repaint the view below and the prompt on top; the main loop's
 * refresh timer pauses meanwhile (nothing is written while the user
 * types). The `:` command line runs the takeboard binary itself on the
 * same production, with its output captured and shown: the interface
 * and the command line share one implementation of every command.
 */
#include "config.h"

#include "tui/tui-input.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/editor.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-line.h"

#define TUI_HISTORY	100
#define TUI_OUTPUT_MAX	(256 * 1024)

static char	*tui_history[TUI_HISTORY];
static int	 tui_nhistory;

/* Draw the line editor on the message line, scrolled so the cursor
 * shows; the terminal cursor is placed on it. */
static void
tui_line_draw(const char *prompt, const struct tui_line *l)
{
	char	*before, *shown;
	int	 pw, avail, cw;
	size_t	 skip = 0;

	pw = (int)sanitize_width(prompt);
	avail = COLS - pw - 1;
	before = xstrndup(l->s, l->cur);
	cw = (int)sanitize_width(before);
	free(before);
	/* Scroll by whole characters until the cursor fits. */
	while (cw > avail && skip < l->cur) {
		skip++;
		while (skip < l->cur && (l->s[skip] & 0xc0) == 0x80)
			skip++;
		before = xstrndup(l->s + skip, l->cur - skip);
		cw = (int)sanitize_width(before);
		free(before);
	}
	tui_put(LINES - 2, 0, pw, prompt, tui_attr(TC_TITLE));
	shown = xstrdup(l->s + skip);
	tui_put(LINES - 2, pw, COLS - pw, shown, A_NORMAL);
	free(shown);
	move(LINES - 2, pw + cw);
}

/*
 * Ask for a line of text on the message line, starting from `initial`
 * (may be NULL). Enter accepts (returns the text, caller frees), Esc or
 * ^C/^G cancels (NULL). Up/Down walk the command history for ':'.
 */
char *
tui_input_line(struct tui *t, const char *prompt, const char *initial)
{
	struct tui_line	 l;
	char		*out = NULL;
	int		 key, hist, is_cmd;

	is_cmd = strcmp(prompt, ":") == 0;
	hist = tui_nhistory;
	tui_line_init(&l, initial);
	curs_set(1);
	for (;;) {
		tui_paint(t);
		tui_line_draw(prompt, &l);
		refresh();
		key = tui_getkey(t, -1);
		if (key == TUI_QUIT_KEY || key == 27 || key == 7 || key == 3)
			break;
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			out = xstrdup(l.s);
			break;
		}
		switch (key) {
		case KEY_LEFT:
		case 2:
			tui_line_left(&l);
			break;
		case KEY_RIGHT:
		case 6:
			tui_line_right(&l);
			break;
		case KEY_HOME:
		case 1:
			tui_line_home(&l);
			break;
		case KEY_END:
		case 5:
			tui_line_end(&l);
			break;
		case KEY_BACKSPACE:
		case 127:
		case 8:
			tui_line_backspace(&l);
			break;
		case KEY_DC:
		case 4:
			tui_line_delete(&l);
			break;
		case 21:
			tui_line_kill_start(&l);
			break;
		case 11:
			tui_line_kill_end(&l);
			break;
		case 23:
			tui_line_kill_word(&l);
			break;
		case KEY_UP:
			if (is_cmd && hist > 0)
				tui_line_set(&l, tui_history[--hist]);
			break;
		case KEY_DOWN:
			if (is_cmd && hist < tui_nhistory - 1)
				tui_line_set(&l, tui_history[++hist]);
			else if (is_cmd) {
				hist = tui_nhistory;
				tui_line_set(&l, "");
			}
			break;
		default:
			if (key >= TUI_WCHAR)
				tui_line_insert(&l, (unsigned)(key - TUI_WCHAR));
			else if (key >= 32 && key < 127)
				tui_line_insert(&l, (unsigned)key);
			break;
		}
	}
	curs_set(0);
	tui_line_fini(&l);
	tui_dirty(t);
	return out;
}

/* Ask a yes/no question; true only for y or Y. */
bool
tui_input_confirm(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*q, *line;
	int	 key;

	va_start(ap, fmt);
	q = xvasprintf(fmt, ap);
	va_end(ap);
	line = xasprintf("%s (y/N) ", q);
	free(q);
	for (;;) {
		tui_paint(t);
		tui_put(LINES - 2, 0, COLS, line, tui_attr(TC_ERROR));
		refresh();
		key = tui_getkey(t, -1);
		if (key != TUI_RESIZED && key != TUI_TIMEOUT)
			break;
	}
	free(line);
	tui_dirty(t);
	return key == 'y' || key == 'Y';
}

static void
tui_box(int y, int x, int h, int w, const char *title)
{
	int	 i;

	for (i = 0; i < h; i++)
		tui_fill(y + i, x, w, A_NORMAL);
	attron(tui_attr(TC_TITLE));
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attroff(tui_attr(TC_TITLE));
	if (title != NULL)
		tui_put(y, x + 2, w - 4 < (int)sanitize_width(title) + 2 ?
		    w - 4 : (int)sanitize_width(title) + 2, title,
		    tui_attr(TC_TITLE));
}

/*
 * A pick list in a box: returns the chosen index, or -1 when cancelled.
 * With `marks` (n booleans, in and out) several items can be marked with
 * Space; Enter then accepts the marks (and returns the cursor's index).
 */
int
tui_input_pick(struct tui *t, const char *title, const char *const *items,
    int n, int cur, bool *marks)
{
	int	 key, h, w, y, x, i, top = 0, rows, res = -1;
	char	*line;

	if (n <= 0)
		return -1;
	if (cur < 0 || cur >= n)
		cur = 0;
	for (;;) {
		tui_paint(t);
		w = COLS * 2 / 3;
		h = n + 2 < LINES - 6 ? n + 2 : LINES - 6;
		rows = h - 2;
		y = (LINES - h) / 2;
		x = (COLS - w) / 2;
		if (cur < top)
			top = cur;
		if (cur >= top + rows)
			top = cur - rows + 1;
		tui_box(y, x, h, w, title);
		for (i = 0; i < rows && top + i < n; i++) {
			line = xasprintf("%s%s", marks == NULL ? "" :
			    marks[top + i] ? "[x] " : "[ ] ", items[top + i]);
			tui_put(y + 1 + i, x + 1, w - 2, line,
			    top + i == cur ? tui_attr(TC_SELECT) : A_NORMAL);
			free(line);
		}
		tui_put(LINES - 2, 0, COLS, marks != NULL ?
		    "Space marks, Enter accepts, Esc cancels" :
		    "Enter picks, Esc cancels", tui_attr(TC_INFO));
		refresh();
		key = tui_getkey(t, -1);
		if (key == TUI_QUIT_KEY || key == 27 || key == 'q')
			break;
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			res = cur;
			break;
		}
		if ((key == KEY_DOWN || key == 'j') && cur < n - 1)
			cur++;
		else if ((key == KEY_UP || key == 'k') && cur > 0)
			cur--;
		else if (key == KEY_HOME || key == 'g')
			cur = 0;
		else if (key == KEY_END || key == 'G')
			cur = n - 1;
		else if (key == KEY_NPAGE)
			cur = cur + rows < n ? cur + rows : n - 1;
		else if (key == KEY_PPAGE)
			cur = cur > rows ? cur - rows : 0;
		else if (key == ' ' && marks != NULL)
			marks[cur] = !marks[cur];
	}
	tui_dirty(t);
	return res;
}

/* Edit long text in $VISUAL/$EDITOR with the screen suspended. Returns
 * the new text (caller frees) or NULL after showing why. */
char *
tui_input_editor(struct tui *t, const char *initial, const char *comment)
{
	char	*text, *cause = NULL;

	tui_suspend(t);
	text = editor_edit(initial, comment, &cause);
	tui_resume(t);
	if (text == NULL)
		tui_error(t, cause);
	return text;
}

/* Show text in a scrollable box until q, Esc or Enter. */
void
tui_input_text(struct tui *t, const char *title, const char *text)
{
	char	**lines;
	int	 n, key, h, w, y, x, i, top = 0, rows;

	w = COLS - 4;
	n = tui_wrap(text, w - 2, &lines);
	for (;;) {
		tui_paint(t);
		w = COLS - 4;
		h = n + 2 < LINES - 4 ? n + 2 : LINES - 4;
		rows = h - 2;
		y = (LINES - h) / 2;
		x = 2;
		if (top > n - rows)
			top = n - rows > 0 ? n - rows : 0;
		tui_box(y, x, h, w, title);
		for (i = 0; i < rows && top + i < n; i++)
			tui_put(y + 1 + i, x + 1, w - 2, lines[top + i],
			    A_NORMAL);
		tui_put(LINES - 2, 0, COLS, "q or Enter closes; arrows and "
		    "PgUp/PgDn scroll", tui_attr(TC_INFO));
		refresh();
		key = tui_getkey(t, -1);
		if (key == TUI_QUIT_KEY || key == 'q' || key == 27 ||
		    key == '\r' || key == '\n' || key == KEY_ENTER)
			break;
		if (key == KEY_DOWN || key == 'j')
			top++;
		else if ((key == KEY_UP || key == 'k') && top > 0)
			top--;
		else if (key == KEY_NPAGE || key == ' ')
			top += rows;
		else if (key == KEY_PPAGE)
			top = top > rows ? top - rows : 0;
	}
	tui_wrap_free(lines, n);
	tui_dirty(t);
}

/*
 * Split a command line into words, shell-style: blanks separate words,
 * '...' keeps everything literally, "..." allows \" and \\, and a
 * backslash quotes the next character elsewhere. Returns the number of
 * words (*argv NULL-terminated; free each and the array), or -1 with
 * *cause for an unfinished quote.
 */
int
tui_input_split(const char *line, char ***argv, char **cause)
{
	struct buf	 w;
	const char	*p = line;
	char		**v = NULL;
	int		 n = 0, inword = 0;
	char		 q = 0;

	buf_init(&w);
	v = xcalloc(1, sizeof *v);
	for (;; p++) {
		if (q == 0 && (*p == '\0' || *p == ' ' || *p == '\t')) {
			if (inword) {
				v = xreallocarray(v, (size_t)n + 2, sizeof *v);
				v[n++] = buf_detach(&w);
				v[n] = NULL;
				inword = 0;
			}
			if (*p == '\0')
				break;
			continue;
		}
		if (*p == '\0') {
			*cause = xstrdup("unfinished quote");
			buf_fini(&w);
			while (n > 0)
				free(v[--n]);
			free(v);
			return -1;
		}
		inword = 1;
		if (q == '\'') {
			if (*p == '\'')
				q = 0;
			else
				buf_addc(&w, *p);
		} else if (q == '"') {
			if (*p == '"')
				q = 0;
			else if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				buf_addc(&w, *++p);
			else
				buf_addc(&w, *p);
		} else if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == '\\' && p[1] != '\0')
			buf_addc(&w, *++p);
		else
			buf_addc(&w, *p);
	}
	buf_fini(&w);
	*argv = v;
	return n;
}

/* The path of the running takeboard binary. */
static char *
tui_self(void)
{
	char	 b[PATH_MAX];
	ssize_t	 n;

	n = readlink("/proc/self/exe", b, sizeof b - 1);
	if (n <= 0)
		return xstrdup("takeboard");
	b[n] = '\0';
	return xstrdup(b);
}

/* Run takeboard -f DB ARGS... with output captured; returns its exit
 * status (or -1) and the output in *out. */
static int
tui_run_self(struct tui *t, char **args, int nargs, char **out)
{
	struct buf	 b;
	char		**argv, *self, chunk[4096];
	int		 fds[2], status = -1, i, devnull;
	ssize_t		 r;
	pid_t		 pid;

	buf_init(&b);
	*out = NULL;
	if (pipe(fds) != 0) {
		*out = xasprintf("pipe: %s", strerror(errno));
		return -1;
	}
	self = tui_self();
	argv = xcalloc((size_t)nargs + 4, sizeof *argv);
	argv[0] = self;
	argv[1] = (char *)"-f";
	argv[2] = (char *)tui_db_path(t);
	for (i = 0; i < nargs; i++)
		argv[3 + i] = args[i];
	pid = fork();
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		if (devnull != -1)
			dup2(devnull, STDIN_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		unsetenv("VISUAL");
		setenv("EDITOR", "false", 1);
		execv(self, argv);
		_exit(127);
	}
	close(fds[1]);
	if (pid > 0) {
		for (;;) {
			r = read(fds[0], chunk, sizeof chunk);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			if (b.len < TUI_OUTPUT_MAX)
				buf_add(&b, chunk, (size_t)r);
		}
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	} else
		buf_addf(&b, "cannot run takeboard: %s", strerror(errno));
	close(fds[0]);
	free(argv);
	free(self);
	*out = buf_detach(&b);
	return status;
}

/*
 * The ':' command line: read a command with history, run it as
 * `takeboard -f DB COMMAND...`, show its output (one line on the
 * message line, more in a box), and reload the views.
 */
void
tui_input_command(struct tui *t)
{
	char	*line, *cause = NULL, **args, *out, *nl;
	int	 n, status, i;

	line = tui_input_line(t, ":", NULL);
	if (line == NULL)
		return;
	n = tui_input_split(line, &args, &cause);
	if (n < 0) {
		tui_error(t, cause);
		free(line);
		return;
	}
	if (n == 0) {
		free(args);
		free(line);
		return;
	}
	if (tui_nhistory == TUI_HISTORY) {
		free(tui_history[0]);
		memmove(tui_history, tui_history + 1,
		    (TUI_HISTORY - 1) * sizeof *tui_history);
		tui_nhistory--;
	}
	tui_history[tui_nhistory++] = xstrdup(line);
	/* "takeboard" typed out of habit is dropped. */
	i = strcmp(args[0], "takeboard") == 0 ? 1 : 0;
	status = tui_run_self(t, args + i, n - i, &out);
	while (out[0] != '\0' && out[strlen(out) - 1] == '\n')
		out[strlen(out) - 1] = '\0';
	nl = strchr(out, '\n');
	if (nl == NULL && status == 0)
		tui_message(t, "%s", *out != '\0' ? out : "done");
	else if (nl == NULL)
		tui_error(t, xstrdup(*out != '\0' ? out : "failed"));
	else
		tui_input_text(t, line, out);
	free(out);
	for (i = 0; i < n; i++)
		free(args[i]);
	free(args);
	free(line);
	tui_changed(t);
}
