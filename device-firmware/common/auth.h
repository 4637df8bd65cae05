/*
 * Authenticated sessions and the access policy (docs/protocol.md §6, docs/security.md
 * "Sessions and access policy").
 *
 * Every board built with sessions enforces the policy: each command needs a minimum role,
 * depending on the link kind (network, or serial/USB = physical access) and whether the board is
 * locked. A board that trusts no access key (pt_board.access_keys) can grant no role: over the
 * network it serves what needs at most an observer (read-only) and refuses the rest, saying that
 * it trusts no access key; on serial/USB (physical access) it serves everything, locked or not. A role comes from a credential (an access
 * certificate signed by a trusted access key) presented in the handshake AUTH_HELLO/AUTH_PROOF:
 * ephemeral ECDH P-256, both sides sign the transcript (ECDSA P-256), keys by HKDF-SHA256. After
 * it every frame on the link is sealed: AES-256-GCM with a counter that must increase, so frames
 * cannot be altered, replayed or reordered. Any refused sealed frame ends the session.
 *
 * The handshake and sealing need PT_SEALED_SESSIONS (the crypto functions of piton/hal.h); a
 * build without it (the Cortex-M4 images, for their flash budget) answers AUTH_* with
 * PT_E_UNKNOWN_COMMAND and applies the same policy with role "none". State is RAM only.
 */
#ifndef PT_AUTH_H
#define PT_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"
#include "piton/device.h"
#ifdef PT_WITH_KEYSET
#include "keyset.h"
#endif

/** Does the access policy apply on this board? On every board of a build with
 *  PT_SEALED_SESSIONS, never in one without (inline, so such a build drops the code that
 *  depends on it). */
static inline bool pt_policy_active(void)
{
#ifdef PT_SEALED_SESSIONS
    return true;
#else
    return false;
#endif
}

/** Can this board grant roles (it trusts at least one access key)? */
static inline bool pt_policy_has_access_keys(void)
{
#if defined PT_SEALED_SESSIONS && defined PT_WITH_KEYSET
    return pt_keyset_access_count() > 0; /* the access keys of the key set in force (keyset.h) */
#elif defined PT_SEALED_SESSIONS
    return pt_hal_board()->access_key_count > 0;
#else
    return false;
#endif
}

/** Not a wire command: the policy row for installing a rollback release (a package with
 *  PT_MANIFEST_FLAG_ROLLBACK that brings a lower version), checked at UPDATE_COMMIT. */
#define PT_POLICY_ROLLBACK 0xF0u

#ifdef PT_SEALED_SESSIONS

/**
 * The one policy table: the minimum enum pt_role `command` (or PT_POLICY_ROLLBACK) needs on a
 * link of `kind` on a board that is `locked` (or PT_POLICY_REFUSED).
 */
uint8_t pt_policy_required(uint8_t command, uint8_t kind, bool locked);

/**
 * Admits `command` (or PT_POLICY_ROLLBACK) on `link` under the policy: PT_OK, or
 * PT_E_AUTH_REQUIRED with a message like "erase needs a technician session on a locked board
 * over TCP". On a board without access keys what needs an observer, and everything on serial or
 * USB, is served without a session; the rest is refused: "erase needs a technician session over
 * TCP; this board trusts no access key: provision one with --trust-access-key".
 */
enum pt_status pt_policy_check(const pt_link *link, uint8_t command);

/** The role of `link`'s sealed session (PT_ROLE_NONE without one). */
uint8_t pt_auth_role(const pt_link *link);

/** True when `link` has a sealed session: requests must be sealed, responses are sealed. */
bool pt_auth_sealed(const pt_link *link);

/** AUTH_HELLO: `req`/`len` as docs/protocol.md §6.2; writes PT_AUTH_HELLO_RESPONSE_SIZE bytes. */
enum pt_status pt_auth_hello(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out);

/** AUTH_PROOF: checks credential and proof (§6.3); writes PT_AUTH_PROOF_RESPONSE_SIZE bytes.
 *  On PT_OK the link is sealed from the next request on. PT_E_AUTH_FAILED naming the reason,
 *  PT_E_RATE_LIMITED after 5 failures in a row (60 s). */
enum pt_status pt_auth_proof(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out);

/**
 * Opens a sealed request in place (§6.4): checks counter and tag, decrypts, and points
 * f->payload/f->length at the plaintext. A frame that is not sealed on a sealed link, or sealed
 * on a link without a session, or fails its tag or counter, ends the session: PT_E_SEAL. An
 * unsealed PING or AUTH_HELLO on a sealed link (a new host on a serial line) ends the session
 * and is served unsealed (PT_OK, f unchanged).
 */
enum pt_status pt_auth_unseal(pt_link *link, pt_frame *f);

/**
 * Seals a response in place: `payload` (at buf + PT_FRAME_HEADER_SIZE + PT_SEAL_COUNTER_SIZE,
 * `len` bytes) is encrypted and framed with command, seq and status; returns the frame size.
 */
size_t pt_auth_seal_response(pt_link *link, uint8_t *buf, uint8_t command, uint16_t seq, uint8_t status,
                             uint32_t len);

/** Ends `link`'s session (keys zeroed). */
void pt_auth_end(pt_link *link);

#else /* no sealed sessions: no role can be granted, so no policy, no AUTH_*, no sealed frames */

static inline uint8_t pt_policy_required(uint8_t command, uint8_t kind, bool locked)
{
    (void)command, (void)kind, (void)locked;
    return PT_POLICY_OPEN;
}
static inline enum pt_status pt_policy_check(const pt_link *link, uint8_t command)
{
    (void)link, (void)command;
    return PT_OK;
}
static inline uint8_t pt_auth_role(const pt_link *link)
{
    (void)link;
    return PT_ROLE_NONE;
}
static inline bool pt_auth_sealed(const pt_link *link)
{
    (void)link;
    return false;
}
static inline enum pt_status pt_auth_hello(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out)
{
    (void)link, (void)req, (void)len, (void)out;
    return PT_E_UNKNOWN_COMMAND;
}
static inline enum pt_status pt_auth_proof(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out)
{
    (void)link, (void)req, (void)len, (void)out;
    return PT_E_UNKNOWN_COMMAND;
}
static inline enum pt_status pt_auth_unseal(pt_link *link, pt_frame *f)
{
    (void)link;
    return (f->flags & PT_FRAME_FLAG_SEALED) ? PT_E_SEAL : PT_OK;
}
static inline size_t pt_auth_seal_response(pt_link *link, uint8_t *buf, uint8_t command, uint16_t seq, uint8_t status,
                                           uint32_t len)
{
    (void)link, (void)buf, (void)command, (void)seq, (void)status, (void)len;
    return 0;
}
static inline void pt_auth_end(pt_link *link)
{
    (void)link;
}

#endif

#endif
