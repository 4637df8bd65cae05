/*
 * piton-vboard: the board's byte links on the host: a pseudo-terminal standing for a UART, and
 * a TCP listener standing for Ethernet. Each endpoint owns one pt_link (device.h) with static
 * buffers of max_payload + PT_FRAME_OVERHEAD bytes.
 *
 * Serial: posix_openpt/grantpt/unlockpt; the slave is put in raw mode (cfmakeraw) and one slave
 * fd stays open inside piton-vboard, so the master never sees a hang-up when the workstation
 * closes its side. Optionally a symlink points at the slave path (/dev/pts/N). Offers
 * VB_SERIAL_MAX_PAYLOAD.
 *
 * TCP: listens on HOST:PORT (port 0 = ephemeral); up to VB_TCP_CLIENTS connections at once, each
 * its own pt_link and so its own session (docs/protocol.md §5: one may change the board, the
 * others are refused with BUSY but may read); a connection beyond that is closed at once, with
 * a line on stderr. TCP_NODELAY. Offers VB_TCP_MAX_PAYLOAD.
 *
 * Sending blocks until every byte is written (partial writes and EAGAIN handled). A TCP client
 * that went away is dropped and the rest of the response discarded; a serial line whose reader
 * has not taken anything for VB_SERIAL_STALL_MS has its unread input flushed (a real UART never
 * blocks on its receiver).
 */
#ifndef PITON_VBOARD_ENDPOINT_H
#define PITON_VBOARD_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "piton/device.h"
#include "vb_profile.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_SERIAL_MAX_PAYLOAD 4096u
#define VB_TCP_MAX_PAYLOAD 16384u
#define VB_SERIAL_STALL_MS 1000u
#define VB_TCP_STALL_MS 10000u
#define VB_TCP_CLIENTS 3u

/** Serial endpoint state (fields read-only for callers). */
typedef struct {
    int master_fd;               /* -1 when closed */
    int slave_fd;                /* kept open so the master never sees a hang-up */
    char slave_path[64];         /* /dev/pts/N */
    const char *link_path;       /* symlink to keep pointing at slave_path, or NULL */
    pt_link link;
} vb_serial;

/** TCP endpoint state (fields read-only for callers). */
/** One TCP connection: its socket and its link (named "tcp PEER" in BUSY messages). */
typedef struct {
    int fd;                      /* -1 when the slot is free */
    bool reinit;                 /* dropped while sending: the main loop re-inits the link */
    char name[96];               /* "tcp 127.0.0.1:40312" */
    pt_link link;
} vb_tcp_client;

/** TCP endpoint state (fields read-only for callers). */
typedef struct {
    int listen_fd;               /* -1 when disabled */
    char bound[80];              /* "HOST:PORT" actually bound (port resolved when 0 was asked) */
    vb_tcp_client clients[VB_TCP_CLIENTS];
} vb_tcp;

/**
 * Opens a new pty in raw mode and, if `link_path` is not NULL, (re)creates that symlink to the
 * slave path (an existing symlink is replaced; any other existing file is an error). Sets up
 * s->link (send function, buffers, max payload) and calls pt_link_init(). False with `err`.
 */
bool vb_serial_open(vb_serial *s, const char *link_path, char *err);

/** Closes the pty (master and slave). The symlink is left in place. */
void vb_serial_close(vb_serial *s);

/** Closes the pty and opens a new one (new /dev/pts/N; the symlink follows). */
bool vb_serial_reopen(vb_serial *s, char *err);

/** Discards bytes the workstation sent that the board has not read yet. */
void vb_serial_drain_input(vb_serial *s);

/** Removes the symlink if it still points at our slave. */
void vb_serial_remove_link(vb_serial *s);

/**
 * Listens on `host_port` ("HOST:PORT", IPv4 address or name; PORT 0 = ephemeral). Fills
 * t->bound with the address actually bound. False with `err` naming the address and reason.
 */
bool vb_tcp_open(vb_tcp *t, const char *host_port, char *err);

/** Accepts a pending connection into a free slot and inits its link; with every slot taken,
 *  closes it at once. Returns the slot, or NULL. */
vb_tcp_client *vb_tcp_accept(vb_tcp *t);

/** Closes one connection (the listener stays up) and inits its link, which ends its session.
 *  Safe from inside the link's send function: the init is then deferred to vb_tcp_service(). */
void vb_tcp_drop_client(vb_tcp_client *c);

/** Closes every connection (a reset drops them all, as on a real board). */
void vb_tcp_drop_all(vb_tcp *t);

/** Completes deferred drops; call from the main loop outside pt_link_receive(). */
void vb_tcp_service(vb_tcp *t);

/** Closes clients and listener. */
void vb_tcp_close(vb_tcp *t);

/** Set by the signal handler: blocking sends give up when this becomes non-zero. */
extern volatile int vb_stop_requested;

/** Milliseconds from CLOCK_MONOTONIC (unwrapped). */
uint64_t vb_monotonic_ms(void);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_ENDPOINT_H */
