/*
 * Sessions: one owner at a time (docs/protocol.md §5).
 *
 * A session is one peer on one link: a TCP connection, the serial line, the USB pipe. The first
 * request that may change the board (ERASE, WRITE, CONFIG_WRITE, CONFIG_SET, UPDATE_BEGIN,
 * UPDATE_DATA, UPDATE_COMMIT, UPDATE_ABORT, REBOOT, CONFIRM, SESSION) claims the board for its
 * session; requests that only read (PING, INFO, REGIONS, READ, HASH, CONFIG_READ, CONFIG_GET,
 * UPDATE_STATUS) are served to every session. The board is released when its owner's link is
 * re-initialised (the peer disconnected: pt_link_init), when the owner sent nothing for the
 * board's session timeout (pt_board.session_timeout_ms, default PT_SESSION_TIMEOUT_MS), at every
 * reset, or when another session takes it over with SESSION and PT_SESSION_FLAG_TAKE_OVER
 * (logged through pt_hal_log).
 *
 * The staging transfer belongs to the session that began it (or last sent data for it): while
 * it is fresh (data within the session timeout), another session may resume it (UPDATE_BEGIN
 * of the same package) but not restart it (UPDATE_BEGIN of another package) or abort it.
 * State is RAM only; nothing here touches flash.
 */
#ifndef PT_SESSION_H
#define PT_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/device.h"

/** True for commands that may change the board (they claim it; see above). */
bool pt_session_command_changes(uint8_t command);

/**
 * Admits one request from `link`: refreshes the owner's activity, claims a free board for a
 * changing command. PT_OK, or PT_E_BUSY with a message that names the owner's link, its name
 * (SESSION), since when it holds the board and how long until it is released.
 */
enum pt_status pt_session_admit(pt_link *link, uint8_t command);

/** Refreshes the activity of `link`'s session if it owns the board (after a long request). */
void pt_session_touch(const pt_link *link);

/**
 * SESSION: claims the board for `link` under `name` (UTF-8, `name_len` <= PT_SESSION_NAME_MAX),
 * taking it over from a live owner when `take_over`. Sets *displaced when another live
 * session lost the board. PT_E_BUSY (message as pt_session_admit) when the board is owned and
 * `take_over` is false.
 */
enum pt_status pt_session_claim(pt_link *link, const uint8_t *name, uint32_t name_len, bool take_over,
                                bool *displaced);

/** SESSION with PT_SESSION_FLAG_RELEASE: frees the board if `link`'s session holds it (a
 *  serial line or USB pipe has no disconnect the board could see). Always PT_OK. */
enum pt_status pt_session_release(const pt_link *link);

/** The idle time after which a session releases the board (ms). */
uint32_t pt_session_timeout_ms(void);

/**
 * May `link` restart or abort the staging transfer? PT_OK when staging is idle, stale (no data
 * for the session timeout) or was fed by this link's session; else PT_E_BUSY naming the other
 * session and how much it staged (`staged` of `size` bytes).
 */
enum pt_status pt_session_may_restart_staging(const pt_link *link, uint32_t staged, uint32_t size);

/** Records that `link`'s session fed the staging transfer (UPDATE_BEGIN, UPDATE_DATA). */
void pt_session_note_staging(const pt_link *link);

/** Forgets the staging owner (after ABORT, COMMIT, or a failed verification). */
void pt_session_forget_staging(void);

/** Forgets every session (called by pt_boot(): RAM does not survive a reset). */
void pt_session_reset(void);

#endif
