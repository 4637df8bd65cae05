/*
 * piton-vboard: the command line, parsed and checked into one struct before anything starts.
 * Options and their meaning: README.md next to this file, and `piton-vboard --help`.
 */
#ifndef PITON_VBOARD_OPTIONS_H
#define PITON_VBOARD_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "piton/hal.h"
#include "vb_usb.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_MAX_CUTS 64u

/** Every option of piton-vboard, checked (strings point into argv). */
typedef struct {
    const char *board;                 /* --board ID (required) */
    const char *flash_path;            /* --flash FILE (required) */
    const char *serial_link;           /* --serial-link PATH or NULL */
    const char *tcp;                   /* --tcp HOST:PORT or NULL */
    const char *boards_dir;            /* --boards-dir DIR or NULL */
    vb_usb_options usb;                /* --usb-*; usb.mount NULL: no USB */
    const char *keys[PT_MAX_TRUSTED_KEYS]; /* --trust-key PEM files */
    unsigned key_count;
    const char *product_key;           /* --product-key PEM file (private) or NULL */
    const char *root_keys[PT_MAX_ROOT_KEYS]; /* --root-key PEM files */
    unsigned root_key_count;
    bool locked;                       /* --locked */
    const char *access_keys[PT_MAX_ACCESS_KEYS]; /* --trust-access-key PEM files (credential issuers) */
    unsigned access_key_count;         /* 0 and !no_access_key: the development access key */
    bool no_access_key;                /* --no-access-key: provision without any access key */
    bool new_identity;                 /* --new-identity: re-provisioning replaces the identity key */
    bool verbose;                      /* --verbose */
    long long drop_after;              /* --drop-link-after BYTES; -1 = off */
    unsigned long lose_rx;             /* --lose-rx EVERY: 16 of every EVERY received bytes lost; 0 = off */
    unsigned long lose_tx;             /* --lose-tx N: every N-th frame sent lost; 0 = off */
    int drop_reply_cmd;                /* --drop-reply CMD[:N]: the N-th response to CMD lost; -1 = off */
    unsigned long drop_reply_nth;
    int drop_request_cmd;              /* --drop-request CMD[:N]: the N-th request CMD lost; -1 = off */
    unsigned long drop_request_nth;
    unsigned long long cuts[VB_MAX_CUTS]; /* --power-cut-after N,... (each from the previous cut) */
    unsigned cut_count;
    bool torn;                         /* --torn */
    uint64_t seed;                     /* --seed S (xorshift64 state, never 0; default 1) */
    const char *flips[PT_MAX_REGIONS]; /* --flip-bits REGION:COUNT, syntax checked */
    unsigned flip_count;
    bool no_confirm;                   /* --no-confirm */
    unsigned long watchdog_ms;         /* --watchdog-ms (default 500) */
    unsigned long clock_step_ms;       /* --clock-step MS: SIGRTMIN advances the clock by MS; 0 = off */
    unsigned long session_timeout_ms;  /* --session-timeout-ms; 0 = the core's default */
    bool stats;                        /* --stats */
    bool rom_loader;                   /* --rom-loader: BOOT0 high at power-on (vb_rom.h) */
    int rom_fault;                     /* --rom-fault KIND:N: a vb_rom_fault_kind (vb_rom.h); 0 = off */
    uint32_t rom_fault_count;          /* ... N: the first N Read Memory commands */
    bool blank;                        /* --blank: a new flash file stays erased (a new chip) */
    uint32_t baud;                     /* --baud N: pace the pty at N bit/s (vb_pace.h); 0 = off */
    uint32_t adapter_latency_ms;       /* --adapter-latency-ms N per direction; 0 = off */
    bool flash_timing;                 /* --flash-timing: erase/program take the profile's time (vb_timing.h) */
    long rx_buffer;                    /* --rx-buffer BYTES (0 = unbounded); -1 = the profile's */
} vb_options;

/**
 * Parses argv into `o`. Returns -1 when the program should go on, else the exit status to end
 * with: 0 after --help (usage on stdout), 2 for a usage error (the reason, then the usage, on
 * stderr). Checks everything that needs no file: required options, number syntax and ranges,
 * USB options only with --usb-ffs, string lengths, gadget name.
 */
int vb_options_parse(int argc, char **argv, vb_options *o);

/** Prints the usage text. */
void vb_options_usage(FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_OPTIONS_H */
