/*
 * Piton device core — the entry points a port calls. C11, no heap.
 *
 * A port (main loop of a real MCU, or piton-vboard) does:
 *
 *     power-on:  zero pt_hal_retained(); fill the pt_board
 *     reset:     stage = pt_boot();              // bootloader: install pending package, choose stage
 *                for (;;) { bytes from a link -> pt_link_receive(link, bytes, n); }
 *
 * pt_link_receive() decodes frames (docs/protocol.md §2), serves requests, and sends responses
 * through link->send. A REBOOT or a successful UPDATE_COMMIT calls pt_hal_reset() after the
 * response has been sent, so pt_link_receive() may not return.
 */
#ifndef PITON_DEVICE_H
#define PITON_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "piton/hal.h"
#include "piton/protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pt_link pt_link;

/** A link's authenticated session (docs/protocol.md §6); owned by the core (common/auth.c). */
typedef struct {
    uint8_t state;              /* 0 none, 1 HELLO answered, 2 sealed */
    uint8_t role;               /* enum pt_role once sealed */
    uint32_t last_ms;           /* last request of the sealed session */
    uint64_t rx_counter;        /* highest counter accepted from the host */
    uint64_t tx_counter;        /* last counter the device sealed with */
    uint8_t eph_priv[32];       /* device's ephemeral key between HELLO and PROOF */
    uint8_t host_eph[65];
    uint8_t transcript[32];     /* T1 after HELLO */
    uint8_t k_h2d[32];          /* AES-256-GCM key host -> device */
    uint8_t k_d2h[32];          /* AES-256-GCM key device -> host */
} pt_link_auth;

/** Responses the core keeps per link for retransmission (docs/protocol.md §2, "Retransmission"):
 *  as many as the largest window the device grants, each with up to PT_RECENT_PAYLOAD bytes of
 *  payload (every response of a command that changes state fits; a longer error message is kept
 *  truncated, a longer response of a reading command is produced again). */
#define PT_RECENT_RESPONSES 4u
#define PT_RECENT_PAYLOAD 64u

/** One kept response (core-owned, inside pt_link). */
typedef struct {
    uint32_t request_crc;  /* CRC-32 field of the request frame: identifies a repeat exactly */
    uint16_t seq;
    uint8_t command;
    uint8_t state;         /* 0 empty, 1 kept, 2 too long to keep: serve the repeat again */
    uint8_t status;
    uint8_t flags;         /* of the response: a sealed one (docs/protocol.md §6.4) is sent again
                            * byte for byte, the same counter and tag */
    uint8_t len;
    uint8_t payload[PT_RECENT_PAYLOAD];
} pt_recent_response;

/** Sends `len` bytes on the link; blocks until they are handed to the medium. */
typedef void (*pt_link_send_fn)(pt_link *link, const uint8_t *data, size_t len);

/**
 * One byte-stream link (a UART, a TCP connection, a USB bulk pair). The port owns the storage,
 * including the buffers: rx_buf and tx_buf must each hold max_payload + PT_FRAME_OVERHEAD bytes.
 */
struct pt_link {
    /* set by the port before pt_link_init() */
    pt_link_send_fn send;
    void *port_ctx;             /* free for the port */
    uint32_t max_payload;       /* what this link offers in PING (4096 serial, 16384 TCP) */
    uint8_t *rx_buf;
    uint8_t *tx_buf;
    uint32_t buf_size;          /* size of each of rx_buf and tx_buf */
    const char *name;           /* how other sessions' refusals name this link, e.g. "tcp
                                 * 127.0.0.1:40312" or "serial"; NULL = "a link" */
    uint32_t byte_time_us;      /* time one byte takes on the medium (10 bits per byte of a
                                 * UART: 87 at 115200 baud); 0 = fast link (TCP, USB, pty) */
    uint8_t kind;               /* enum pt_link_kind: the access policy tells network and physical
                                 * links apart (0 = network, the strict default) */
    uint32_t rx_fifo;           /* bytes the port buffers while the core serves a request (a
                                 * UART's receive ring), beyond them bytes are lost; 0 = the
                                 * medium holds back what does not fit (TCP, USB, flow control).
                                 * PING sizes window and payload to it (docs/protocol.md §4.1). */
    /* owned by the core */
    uint32_t rx_len;            /* bytes held in rx_buf */
    uint32_t rx_first_ms;       /* pt_hal_millis() when the frame at the start of rx_buf began */
    uint32_t generation;        /* counts pt_link_init() calls: a new peer is a new session */
    uint32_t peer_max_payload;  /* negotiated by PING; PT_MIN_MAX_PAYLOAD before */
    uint64_t discarded;         /* bytes dropped while resynchronising (diagnostics) */
    pt_link_auth auth;          /* authenticated session on this link, if any */
    pt_recent_response recent[PT_RECENT_RESPONSES]; /* the last responses sent, for repeats */
    uint32_t repeats;           /* requests answered from `recent` (diagnostics) */
    uint8_t recent_next;        /* the entry of `recent` the next response replaces */
    /* AUTH_HELLO rate limit (common/auth.c): kept across pt_link_init(), so that a peer that
     * reconnects on the same link does not start a fresh budget */
    uint32_t hello_tat_ms;      /* pt_hal_millis() at which the bucket is full again */
    uint8_t hello_started;      /* 0 until the first AUTH_HELLO (hello_tat_ms unset) */
};

/** Prepares a link (or re-prepares it after the peer reconnected): empties the decoder,
 *  forgets the kept responses and returns the negotiated payload to PT_MIN_MAX_PAYLOAD. */
void pt_link_init(pt_link *link);

/**
 * Feeds received bytes: decodes, serves every complete request, sends its response.
 *
 * A request that repeats one of the last PT_RECENT_RESPONSES requests exactly (same sequence
 * number, command and frame CRC: a host's retransmission) is answered with the response kept
 * from the first time and not executed again; a new request evicts the kept responses of later
 * sequence numbers (they were served out of order behind a lost request). docs/protocol.md §2,
 * "Retransmission".
 *
 * A partial frame may take PT_RX_TIMEOUT_MS plus its own length times byte_time_us, counted
 * from its first byte (not from the last byte received, so a frame that trickles in cannot
 * hold the link). When that time is over, its first byte is dropped and the decoder
 * resynchronises on the next magic in what arrived after it (docs/protocol.md §2.2). Call with
 * len 0 (or pt_link_poll()) from the port's idle loop so the timeout also fires when nothing
 * more arrives.
 */
void pt_link_receive(pt_link *link, const uint8_t *data, size_t len);
#define PT_RX_TIMEOUT_MS 1000u

/** pt_link_receive(link, NULL, 0): applies the partial-frame timeout. */
void pt_link_poll(pt_link *link);

/**
 * The bootloader's start-up: resumes an interrupted install or revert (journal in the bootstate
 * record), verifies and installs a pending package from staging (after copying the images it
 * replaces to the `backup` region), counts boots of a trial image and reverts it after the trial
 * limit, then picks the stage: PT_STAGE_APPLICATION when a valid application is installed and no
 * REBOOT asked for the bootloader, else PT_STAGE_BOOTLOADER (recovery mode). Call once after
 * every reset. State machine: docs/boot-flow.md.
 */
enum pt_stage pt_boot(void);

/**
 * The application's start-up on a board where the application is an image of its own that the
 * bootloader jumped to (a real MCU; piton-vboard runs both stages in one program and does not
 * need it). Call it instead of pt_boot(): it installs nothing and counts no boot (the bootloader
 * did both just before), loads the boot state and enters PT_STAGE_APPLICATION with the installed
 * image's state (trial or confirmed), so the agent serves and pt_confirm() works. Returns
 * PT_STAGE_BOOTLOADER when the boot state records no installed application (the caller should
 * reset into the bootloader).
 */
enum pt_stage pt_app_start(void);

/** The stage chosen by the last pt_boot() or pt_app_start(). */
enum pt_stage pt_current_stage(void);

/** Image state after the last pt_boot() or pt_confirm(): enum pt_image_state (INFO 0x0C). */
enum pt_image_state pt_current_image_state(void);

/**
 * Confirms the running trial image (docs/boot-flow.md): the bootloader will no longer revert
 * it, the security counter of its package takes effect, and the backup may be reused. The agent
 * calls this once the application is up and serving (piton-vboard: when the application stage
 * starts, unless --no-confirm); the host can send CONFIRM (0x41). PT_OK when the image is
 * confirmed already; PT_E_STATE in the bootloader stage or when no image is installed.
 */
enum pt_status pt_confirm(void);

/** Boots a trial image may take before the bootloader reverts it: the config entry
 *  `trial_boots` when it holds a decimal 1..255, else PT_DEFAULT_TRIAL_BOOTS (INFO 0x0E). */
uint8_t pt_trial_limit(void);
#define PT_DEFAULT_TRIAL_BOOTS 3u

/** Bootloader version compiled into this build (PT_VERSION packed). */
#define PT_BOOTLOADER_VERSION_MAJOR 1
#define PT_BOOTLOADER_VERSION_MINOR 0
#define PT_BOOTLOADER_VERSION_PATCH 0

#ifdef __cplusplus
}
#endif

#endif /* PITON_DEVICE_H */
