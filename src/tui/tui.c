/* SPDX-License-Identifier: ISC */
/*
 * The interface's main loop. Single-threaded and event-driven: one wait
 * point (poll on the terminal and a self-pipe that the signal handlers
 * write to), signal handlers that only set flags, redraws only when
 * something changed, and a once-a-second look at PRAGMA data_version so
 * that changes made by someone else on the production appear within a
 * second. Views form a stack: keys go to the top one.
 */
#include "config.h"

#include "tui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "util/array.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-stats.h"
#include "tui/tui-board.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-gen.h"
#include "tui/tui-help.h"
#include "tui/tui-input.h"
#include "tui/tui-queue.h"
#include "tui/tui-stats.h"

#define TUI_MESSAGE_SECONDS	6

ARRAY_DECL(tui_views, struct tui_view);

struct tui {
	struct db		*db;
	char			*dbpath;
	struct tui_views	 views;
	struct production	 prod;
	struct stats		 totals;
	long long		 data_version;
	char			*msg;
	int			 msg_error;
	time_t			 msg_at;
	int			 dirty;
	int			 quit;
	int			 flags;
	struct tui_gen		*gen;
};

static volatile sig_atomic_t	 tui_got_winch;
static volatile sig_atomic_t	 tui_got_quit;
static volatile sig_atomic_t	 tui_got_cont;
static int			 tui_pipe[2] = { -1, -1 };
static int			 tui_active;

static void
tui_signal(int sig)
{
	int	 saved = errno;
	char	 c = 0;

	if (sig == SIGWINCH)
		tui_got_winch = 1;
	else if (sig == SIGCONT)
		tui_got_cont = 1;
	else
		tui_got_quit = 1;
	if (tui_pipe[1] != -1)
		(void)!write(tui_pipe[1], &c, 1);
	errno = saved;
}

/* Leave curses, for fatal() and exits. */
static void
tui_restore(void)
{
	if (tui_active) {
		tui_active = 0;
		endwin();
	}
}

struct db *
tui_db(struct tui *t)
{
	return t->db;
}

/* The generation engine's state in this interface. */
struct tui_gen *
tui_gen_of(struct tui *t)
{
	return t->gen;
}

const char *
tui_db_path(struct tui *t)
{
	return t->dbpath;
}

/* The production's totals, as of the last reload. */
const struct stats *
tui_totals(struct tui *t)
{
	return &t->totals;
}

const char *
tui_currency(struct tui *t)
{
	return t->prod.currency != NULL ? t->prod.currency : "";
}

void
tui_dirty(struct tui *t)
{
	t->dirty = 1;
}

/* Rows available to a view (between the title line and the message). */
int
tui_view_rows(struct tui *t)
{
	(void)t;
	return LINES - 4;
}

void
tui_set_title(struct tui_view *v, const char *fmt, ...)
{
	va_list	 ap;

	free(v->title);
	va_start(ap, fmt);
	v->title = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Show an information message on the message line for a while. */
void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;

	free(t->msg);
	va_start(ap, fmt);
	t->msg = xvasprintf(fmt, ap);
	va_end(ap);
	t->msg_error = 0;
	t->msg_at = time(NULL);
	t->dirty = 1;
}

/* Show an error (takes ownership of cause). */
void
tui_error(struct tui *t, char *cause)
{
	free(t->msg);
	t->msg = cause != NULL ? cause : xstrdup("unknown error");
	t->msg_error = 1;
	t->msg_at = time(NULL);
	t->dirty = 1;
	beep();
}

void
tui_errorf(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	tui_error(t, s);
}

static int
tui_load_totals(struct tui *t)
{
	struct stats_rows	 rows;
	char			*cause;
	int			 found;

	production_free(&t->prod);
	found = db_production_get(t->db, &t->prod, &cause);
	if (found <= 0) {
		if (found < 0)
			tui_error(t, cause);
		t->prod.title = xstrdup("?");
		t->prod.currency = xstrdup("");
	}
	memset(&rows, 0, sizeof rows);
	if (db_stats(t->db, STATS_BY_PRODUCTION, NULL, &rows, &t->totals,
	    &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	stats_rows_free(&rows);
	return 0;
}

/*
 * The production changed (we wrote, or someone else did): re-read the
 * totals and every view on the stack. Returns 0, or -1 if a view could
 * not reload.
 */
int
tui_changed(struct tui *t)
{
	size_t	 i;
	int	 rv = 0;

	tui_load_totals(t);
	for (i = 0; i < t->views.n; i++) {
		if (t->views.v[i].ops->reload != NULL &&
		    t->views.v[i].ops->reload(t, &t->views.v[i]) != 0)
			rv = -1;
	}
	t->data_version = db_data_version(t->db);
	t->dirty = 1;
	return rv;
}

/* Push a view (taking ownership of data) and load it. */
void
tui_push(struct tui *t, const struct tui_view_ops *ops, void *data,
    const char *title)
{
	struct tui_view	*v;

	v = ARRAY_ADD(&t->views);
	v->ops = ops;
	v->data = data;
	v->title = xstrdup(title != NULL ? title : ops->name);
	if (ops->reload != NULL)
		ops->reload(t, v);
	t->dirty = 1;
}

static void
tui_view_free(struct tui_view *v)
{
	if (v->ops->free != NULL)
		v->ops->free(v);
	free(v->title);
}

/* Pop the top view; the last one (the board) is never popped. */
void
tui_pop(struct tui *t)
{
	if (t->views.n <= 1)
		return;
	tui_view_free(&t->views.v[--t->views.n]);
	/* What lies below may be out of date after changes made on top. */
	tui_changed(t);
}

static struct tui_view *
tui_top(struct tui *t)
{
	return &t->views.v[t->views.n - 1];
}

/* Start a write transaction; 0, or -1 with the error shown. */
int
tui_begin(struct tui *t)
{
	char	*cause;

	if (db_begin(t->db, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	return 0;
}

/* Commit and reload everything; 0, or -1 with the error shown. */
int
tui_commit(struct tui *t)
{
	char	*cause;

	if (db_commit(t->db, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	tui_changed(t);
	return 0;
}

/* Hand the terminal to another program (an editor, a player). */
void
tui_suspend(struct tui *t)
{
	(void)t;
	def_prog_mode();
	endwin();
}

void
tui_resume(struct tui *t)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	t->dirty = 1;
}

static void
tui_resize(struct tui *t)
{
	struct winsize	 ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	t->dirty = 1;
}

static void
tui_draw_header(struct tui *t)
{
	char	*usage, *cost, *line;
	int	 w;

	usage = stats_fmt_usage(&t->totals);
	cost = units_fmt_money(t->totals.cost);
	line = xasprintf("takes %lld  kept %lld  usage %s  cost %s %s",
	    t->totals.takes, t->totals.kept, usage, cost, tui_currency(t));
	w = COLS / 3;
	tui_fill(0, 0, COLS, tui_attr(TC_HEADER));
	tui_put(0, 0, w, t->prod.title, tui_attr(TC_HEADER));
	tui_putr(0, w, COLS - w, line, tui_attr(TC_HEADER));
	free(line);
	free(usage);
	free(cost);
}

/* The footer: the keys of the top view marked for it, help and back
 * first so they show however narrow the screen is. */
static void
tui_draw_footer(struct tui *t)
{
	const struct tui_key	*k;
	struct tui_view		*v = tui_top(t);
	struct buf		 line;
	char			*keys;
	int			 pass, first;

	buf_init(&line);
	for (pass = 0; pass < 2; pass++) {
		for (k = tui_keys; k->name != NULL; k++) {
			if (!k->footer || !(k->ctx & v->ops->ctx))
				continue;
			first = k->op == OP_HELP || k->op == OP_BACK;
			if ((pass == 0) != first)
				continue;
			keys = tui_keys_name(k->keys[0]);
			buf_addf(&line, "%s%s %s", line.len > 0 ? "  " : "",
			    keys, k->name);
			free(keys);
		}
	}
	tui_put(LINES - 1, 0, COLS, buf_str(&line), tui_attr(TC_FOOTER));
	buf_fini(&line);
}

/* Paint the whole screen: header, view title, the top view, message and
 * footer. ncurses sends only what differs from the terminal's screen. */
void
tui_paint(struct tui *t)
{
	struct tui_view	*v;
	char		*msg;

	erase();
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		msg = xasprintf("The terminal is %dx%d: enlarge it to at "
		    "least %dx%d.", COLS, LINES, TUI_MIN_COLS, TUI_MIN_ROWS);
		mvaddnstr(0, 0, msg, COLS > 0 ? COLS : 0);
		if (LINES > 1)
			mvaddnstr(1, 0, "(q quits)", COLS);
		free(msg);
		refresh();
		t->dirty = 0;
		return;
	}
	v = tui_top(t);
	tui_draw_header(t);
	tui_put(1, 0, COLS, v->title, tui_attr(TC_TITLE));
	v->ops->draw(t, v, 2, LINES - 4);
	if (t->msg != NULL)
		tui_put(LINES - 2, 0, COLS, t->msg,
		    tui_attr(t->msg_error ? TC_ERROR : TC_INFO));
	tui_draw_footer(t);
	refresh();
	t->dirty = 0;
}

/*
 * Wait up to timeout_ms (-1: forever) for a key and return it: a
 * character (TUI_WCHAR + code point beyond ASCII), a KEY_* code,
 * TUI_TIMEOUT, TUI_RESIZED after the terminal changed size (the caller
 * repaints), or TUI_QUIT_KEY after SIGTERM, SIGHUP or SIGINT.
 */
int
tui_getkey(struct tui *t, int timeout_ms)
{
	struct pollfd	 pfd[2];
	wint_t		 wc;
	char		 drain[64];
	int		 r;

	for (;;) {
		if (tui_got_quit)
			return TUI_QUIT_KEY;
		if (tui_got_winch || tui_got_cont) {
			tui_got_winch = tui_got_cont = 0;
			tui_resize(t);
			return TUI_RESIZED;
		}
		r = wget_wch(stdscr, &wc);
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE) {
				/* resizeterm() queues this itself: the size is
				 * already known, only the screen is stale. */
				t->dirty = 1;
				return TUI_RESIZED;
			}
			return (int)wc;
		}
		if (r == OK)
			return wc < 0x80 ? (int)wc : TUI_WCHAR + (int)wc;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = tui_pipe[0];
		pfd[1].events = POLLIN;
		/* While jobs are in flight, wait in the engine: it wakes
		 * for the network, a key or a signal, whichever is first. */
		if (t->gen != NULL && tui_gen_busy(t)) {
			tui_gen_step(t, timeout_ms < 0 || timeout_ms > 1000 ?
			    1000 : timeout_ms);
			r = poll(pfd, 2, 0);
			if (r == 0 && timeout_ms < 0)
				continue;
		} else
			r = poll(pfd, 2, timeout_ms);
		if (r == 0)
			return TUI_TIMEOUT;
		if (r < 0 && errno != EINTR)
			return TUI_QUIT_KEY;
		if (r > 0 && (pfd[1].revents & POLLIN))
			(void)!read(tui_pipe[0], drain, sizeof drain);
		if (r > 0 && (pfd[0].revents & (POLLHUP | POLLERR)))
			return TUI_QUIT_KEY;
	}
}

static int
tui_setup(struct tui *t, char **cause)
{
	struct sigaction	 sa;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("the interface needs a terminal; for "
		    "scripts, use the commands (see 'takeboard help')");
		return -1;
	}
	if (pipe(tui_pipe) != 0) {
		*cause = xasprintf("pipe: %s", strerror(errno));
		return -1;
	}
	fcntl(tui_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(tui_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(tui_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(tui_pipe[1], F_SETFD, FD_CLOEXEC);
	/* Before initscr(), so ncurses leaves SIGWINCH to us. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (newterm(NULL, stdout, stdin) == NULL) {
		*cause = xasprintf("cannot use the terminal (TERM=%s)",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		return -1;
	}
	tui_active = 1;
	fatal_set_hook(tui_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* Draw every frame even while keys are pending (no typeahead
	 * check), so a burst of keys cannot starve the screen. */
	typeahead(-1);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	tui_draw_init(!(t->flags & TUI_NO_COLOR));
	return 0;
}

static void
tui_dispatch(struct tui *t, int key)
{
	struct tui_view	*v = tui_top(t);
	MEVENT		 me;
	enum tui_op	 op = OP_NONE;

	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		if (key == 'q' || key == 'Q' || key == 27)
			t->quit = 1;
		return;
	}
	if (key == KEY_MOUSE) {
		if (getmouse(&me) == OK && v->ops->mouse != NULL &&
		    v->ops->mouse(t, v, me.y, me.x, (int)me.bstate))
			t->dirty = 1;
		return;
	}
	if (key < TUI_WCHAR)
		op = tui_keys_lookup(v->ops->ctx, key);
	if (t->msg != NULL && !t->msg_error) {
		free(t->msg);
		t->msg = NULL;
	}
	t->dirty = 1;
	if (v->ops->key(t, v, op, key))
		return;
	switch (op) {
	case OP_QUIT:
		t->quit = 1;
		break;
	case OP_BACK:
		if (t->views.n > 1)
			tui_pop(t);
		else
			t->quit = 1;
		break;
	case OP_HELP:
		tui_help_open(t, v->ops->ctx, v->ops->name);
		break;
	case OP_STATS:
		tui_stats_open(t);
		break;
	case OP_QUEUE:
		tui_queue_open(t);
		break;
	case OP_COMMAND:
		tui_input_command(t);
		break;
	case OP_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		if (t->msg != NULL && t->msg_error) {
			free(t->msg);
			t->msg = NULL;
		}
		break;
	}
}

/* CPU time of the process so far, in microseconds. */
static long long
tui_cpu_us(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * TAKEBOARD_KEY_CPU=FILE (for contrib/bench): append a line "KEY CPU_US"
 * per key to FILE, the CPU time from reading the key to the end of the
 * redraw it caused, and "open CPU_US" for the first screen (the CPU
 * time from the start of the process). Returns NULL when unset.
 */
static FILE *
tui_keylog_open(void)
{
	const char	*path;
	FILE		*f;

	path = getenv("TAKEBOARD_KEY_CPU");
	if (path == NULL || *path == '\0')
		return NULL;
	f = fopen(path, "a");
	if (f != NULL)
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

/*
 * Run the interface on the production at dbpath until the user quits.
 * flags: TUI_NO_COLOR. max_redraws > 0 leaves after that many screen
 * updates (for automated smoke runs). Returns the exit status.
 */
int
tui_main(const char *dbpath, int flags, long max_redraws)
{
	struct tui	 t;
	char		*cause = NULL;
	long		 redraws = 0;
	long long	 dv, cpu0 = 0;
	time_t		 checked = 0, kicked = 0;
	int		 key, lastkey = -1, rv = 1;
	FILE		*keylog;

	memset(&t, 0, sizeof t);
	keylog = tui_keylog_open();
	t.flags = flags;
	t.dbpath = xstrdup(dbpath);
	if (db_open(dbpath, 0, &t.db, &cause) != 0) {
		fprintf(stderr, "takeboard: %s\n", cause);
		free(cause);
		free(t.dbpath);
		return 1;
	}
	if (tui_setup(&t, &cause) != 0) {
		tui_restore();
		fprintf(stderr, "takeboard: %s\n", cause);
		free(cause);
		goto out;
	}
	tui_load_totals(&t);
	t.data_version = db_data_version(t.db);
	t.gen = tui_gen_new(STDIN_FILENO, tui_pipe[0]);
	tui_board_open(&t);
	tui_gen_kick(&t);
	t.dirty = 1;
	while (!t.quit) {
		if (t.dirty) {
			tui_paint(&t);
			if (keylog != NULL && lastkey != -2) {
				if (lastkey == -1)
					fprintf(keylog, "open %lld\n",
					    tui_cpu_us());
				else
					fprintf(keylog, "%d %lld\n", lastkey,
					    tui_cpu_us() - cpu0);
				lastkey = -2;
			}
			if (max_redraws > 0 && ++redraws >= max_redraws)
				break;
		}
		key = tui_getkey(&t, 1000);
		/* What the engine changed meanwhile (never inside a modal
		 * prompt, whose caller may hold a view's rows). */
		tui_gen_apply(&t);
		if (key == TUI_QUIT_KEY)
			break;
		if (key == TUI_RESIZED)
			continue;
		if (key == TUI_TIMEOUT) {
			if (time(NULL) == checked)
				continue;
			checked = time(NULL);
			dv = db_data_version(t.db);
			if (dv != t.data_version) {
				tui_changed(&t);
				tui_gen_kick(&t);
				kicked = checked;
			} else if (checked - kicked >= 5 &&
			    !tui_gen_busy(&t)) {
				/* Another engine may have stopped with
				 * work left. */
				tui_gen_kick(&t);
				kicked = checked;
			}
			if (t.msg != NULL && !t.msg_error &&
			    time(NULL) - t.msg_at >= TUI_MESSAGE_SECONDS) {
				free(t.msg);
				t.msg = NULL;
				t.dirty = 1;
			}
			continue;
		}
		if (keylog != NULL) {
			lastkey = key;
			cpu0 = tui_cpu_us();
		}
		tui_dispatch(&t, key);
	}
	rv = 0;
out:
	tui_restore();
	/* Jobs go on at the provider; say who picks them up. */
	if (t.gen != NULL && tui_gen_busy(&t))
		fprintf(stderr, "takeboard: jobs are still in flight; "
		    "'takeboard sync --watch' (or the interface) follows "
		    "them\n");
	tui_gen_free(t.gen);
	while (t.views.n > 0)
		tui_view_free(&t.views.v[--t.views.n]);
	ARRAY_FREE(&t.views);
	production_free(&t.prod);
	free(t.msg);
	db_close(t.db);
	free(t.dbpath);
	if (keylog != NULL)
		fclose(keylog);
	if (tui_pipe[0] != -1) {
		close(tui_pipe[0]);
		close(tui_pipe[1]);
		tui_pipe[0] = tui_pipe[1] = -1;
	}
	return rv;
}
