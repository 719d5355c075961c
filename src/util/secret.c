/* SPDX-License-Identifier: ISC */
/*
 * Secret hygiene (see secret.h): wiping copies of a key before they are
 * freed, no core dump (which would hold the key) once a key is loaded,
 * and no key variables in a child's environment. libc only; what the
 * platform lacks (prctl, explicit_bzero) configure leaves out.
 */
#include "config.h"

#include "util/secret.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

extern char **environ;

/* Suffixes of the variables that hold credentials (OPENAI_API_KEY,
 * RUNWAYML_API_SECRET, REPLICATE_API_TOKEN, FAL_KEY, ...). */
static const char *const secret_suffixes[] = {
	"_KEY", "_SECRET", "_TOKEN", "_PASSWORD", NULL
};

/* Overwrite len bytes at p with zeros in a way the compiler keeps. */
void
secret_wipe(void *p, size_t len)
{
#ifdef HAVE_EXPLICIT_BZERO
	explicit_bzero(p, len);
#else
	volatile unsigned char	*v = p;

	while (len-- > 0)
		*v++ = 0;
#endif
}

/* Wipe and free a string holding a secret (NULL is fine). */
void
secret_free(char *s)
{
	if (s == NULL)
		return;
	secret_wipe(s, strlen(s));
	free(s);
}

/*
 * Called when a key is loaded: no core file from now on (RLIMIT_CORE 0,
 * inherited by children) and, on Linux, not dumpable, so neither a core
 * nor another process of the same user (ptrace, /proc/PID/environ and
 * /proc/PID/mem) can read the key. Idempotent.
 */
void
secret_protect(void)
{
	static int	 done;
	struct rlimit	 rl;

	if (done)
		return;
	done = 1;
	rl.rlim_cur = 0;
	rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
#if defined(HAVE_PRCTL) && defined(PR_SET_DUMPABLE)
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/* Whether the environment variable name (up to '=' or its end) looks
 * like one holding a credential. */
int
secret_env_name(const char *name)
{
	size_t	 len, slen;
	int	 i;

	len = strcspn(name, "=");
	for (i = 0; secret_suffixes[i] != NULL; i++) {
		slen = strlen(secret_suffixes[i]);
		if (len > slen && strncmp(name + len - slen,
		    secret_suffixes[i], slen) == 0)
			return 1;
	}
	return 0;
}

/*
 * Remove every credential-like variable from the environment; for a
 * child (an editor, a player, a generator program) before exec.
 */
void
secret_env_clear(void)
{
	char	 name[256];
	size_t	 i, len;

	/* No allocation: this runs between fork and exec. */
	for (i = 0; environ != NULL && environ[i] != NULL;) {
		len = strcspn(environ[i], "=");
		if (!secret_env_name(environ[i]) || len >= sizeof name) {
			i++;
			continue;
		}
		memcpy(name, environ[i], len);
		name[len] = '\0';
		/* unsetenv shifts environ down: look at i again. */
		unsetenv(name);
	}
}
