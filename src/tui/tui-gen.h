/* SPDX-License-Identifier: ISC */
/*
 * The generation engine inside the interface: the main loop waits in
 * the engine (network, keys and signals at once) while jobs are in
 * flight, so takes are sent, followed and downloaded while people work,
 * and never inside a key handler. Only one takeboard per production
 * drives the engine; the others show the queue as the database has it.
 */
#ifndef TB_TUI_TUI_GEN_H
#define TB_TUI_TUI_GEN_H

#include <stdbool.h>

struct gen_view;
struct tui;
struct tui_gen;

struct tui_gen *tui_gen_new(int, int);
void	 tui_gen_free(struct tui_gen *);
void	 tui_gen_kick(struct tui *);
bool	 tui_gen_busy(struct tui *);
void	 tui_gen_step(struct tui *, int);
void	 tui_gen_apply(struct tui *);
const char *tui_gen_status(struct tui *);
bool	 tui_gen_live(struct tui *, long long, struct gen_view *);
void	 tui_gen_submit(struct tui *, long long);
void	 tui_gen_cancel(struct tui *, long long);
void	 tui_gen_retry(struct tui *, long long);

#endif
