/*
 * Error reporting inside the device core. A failing function returns an enum pt_status
 * (protocol.h, docs/protocol.md §3) and records a short UTF-8 message naming the problem with
 * pt_fail(); the protocol server sends that message in the error response.
 */
#ifndef PT_ERROR_H
#define PT_ERROR_H

#include <stdint.h>

#include "piton/protocol.h"

#if defined(__GNUC__)
#define PT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PT_PRINTF(a, b)
#endif

#ifdef PT_TERSE_MESSAGES
/* Build option for small targets (the mps2-an386 images): no message texts. They cost about
 * 5 KB of strings plus printf (3.5 KB with newlib-nano); error responses then carry the status
 * alone (docs/protocol.md §3), which the workstation names. Inlined, the texts drop out. */
static inline enum pt_status pt_fail(enum pt_status status, const char *fmt, ...) PT_PRINTF(2, 3);
static inline enum pt_status pt_fail(enum pt_status status, const char *fmt, ...)
{
    (void)fmt;
    return status;
}
#else
/** Records the message (printf format, truncated to PT_MAX_ERROR_MESSAGE bytes) and returns
 *  `status` unchanged, so callers write `return pt_fail(PT_E_X, "...", ...);`. */
enum pt_status pt_fail(enum pt_status status, const char *fmt, ...) PT_PRINTF(2, 3);
#endif

/** The wait (ms) the last pt_rate_limited() asked for; the server sends it in the RATE_LIMITED
 *  error response's retry-after field (docs/protocol.md §3). */
extern uint32_t pt_retry_after_ms;

/** Records how long the refused peer should wait before it asks again (ms) and returns
 *  PT_E_RATE_LIMITED, so callers write `return pt_fail(pt_rate_limited(ms), "...", ...);`. */
static inline enum pt_status pt_rate_limited(uint32_t retry_after_ms)
{
    pt_retry_after_ms = retry_after_ms;
    return PT_E_RATE_LIMITED;
}

/** The message recorded by the last pt_fail() (NUL-terminated, never NULL). */
const char *pt_last_error(void);

/** Clears the recorded message. */
void pt_clear_error(void);

#endif
