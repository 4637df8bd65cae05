/*
 * piton-vboard: error messages for the port's functions that return bool and fill an `err`
 * buffer of VB_ERROR_MAX bytes (profile loading, flash file, provisioning, endpoints).
 */
#ifndef VB_ERROR_H
#define VB_ERROR_H

#include <stdbool.h>

#define VB_ERROR_MAX 512u

/** Formats the message into `err` (VB_ERROR_MAX bytes, always NUL-terminated); returns false,
 *  so callers can write `return vb_fail(err, "...", ...);`. */
bool vb_fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* VB_ERROR_H */
