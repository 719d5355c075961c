/* SPDX-License-Identifier: ISC */
/*
 * The one place that includes curses, so the header's location and the
 * wide-character API switch are handled once (as htop's ProvideCurses.h
 * does). Every tui/ file includes this instead of <curses.h>.
 */
#ifndef TB_TUI_TUI_CURSES_H
#define TB_TUI_TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_NCURSES_H)
#include <ncurses.h>
#else
#include <curses.h>
#endif

#endif
