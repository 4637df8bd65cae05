#include "vb_error.h"

#include <stdarg.h>
#include <stdio.h>

bool vb_fail(char *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, VB_ERROR_MAX, fmt, ap);
    va_end(ap);
    return false;
}
