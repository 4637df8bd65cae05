/* Error message recording for responses (pt_error.h). */
#include "pt_error.h"

#include <stdarg.h>
#include <stdio.h>

uint32_t pt_retry_after_ms;

#ifdef PT_TERSE_MESSAGES
const char *pt_last_error(void) { return ""; }

void pt_clear_error(void) {}
#else
static char s_message[PT_MAX_ERROR_MESSAGE + 1];

enum pt_status pt_fail(enum pt_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s_message, sizeof s_message, fmt, ap);
    va_end(ap);
    return status;
}

const char *pt_last_error(void) { return s_message; }

void pt_clear_error(void) { s_message[0] = '\0'; }
#endif
