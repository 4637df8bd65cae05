/*
 * Checks for piton-vboard's C unit tests (test_port.c, test_timing.c, test_dfuse.c; one test
 * program per translation unit): CHECK counts every check and prints a failed one with its
 * place, vb_check_args() takes the command line they share (NAME BOARDS_DIR WORK_DIR), and
 * vb_check_summary() prints the counts and gives the exit status.
 */
#ifndef VB_CHECK_H
#define VB_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

static int g_failures, g_checks;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        ++g_checks;                                                                     \
        if (!(cond)) {                                                                  \
            ++g_failures;                                                               \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);             \
        }                                                                               \
    } while (0)

/** Whether the command line is `name BOARDS_DIR WORK_DIR` (prints the usage to stderr when not;
 *  the caller then exits 2); creates WORK_DIR when it is missing. */
static inline bool vb_check_args(const char *name, int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s BOARDS_DIR WORK_DIR\n", name);
        return false;
    }
    mkdir(argv[2], 0755);
    return true;
}

/** Prints "NAME: C checks, F failures" and returns the exit status: 0 when no check failed. */
static inline int vb_check_summary(const char *name)
{
    printf("%s: %d checks, %d failures\n", name, g_checks, g_failures);
    return g_failures ? 1 : 0;
}

#endif
