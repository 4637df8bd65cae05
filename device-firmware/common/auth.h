/*
 * Authenticated sessions and the access policy (docs/protocol.md §6, docs/security.md
 * "Sessions and access policy").
 *
 * The policy applies on every board built with sealed sessions (PT_SEALED_SESSIONS, piton-vboard,
 * the Cortex-M4 agent), and on a signed-nonce board (PT_NONCE_AUTH, the Cortex-M4 bootloader)
 * that trusts at least one access key (pt_board.access_keys): each command needs a minimum
 * role, depending on the link kind (network, or serial/USB = physical access) and whether the
 * board is locked. A sealed-session
 * board that trusts no access key can grant no role: over the network it serves what needs at
 * most an observer (read-only) and refuses the rest, saying that it trusts no access key; on
 * serial/USB (physical access) it serves everything, locked or not. A role comes from a
 * credential (an access certificate signed by a trusted access key), presented in one of two ways:
 *  - PT_SEALED_SESSIONS (piton-vboard, the Cortex-M4 agent): the handshake AUTH_HELLO/AUTH_PROOF:
 *    ephemeral ECDH P-256, both sides sign the transcript (ECDSA P-256), keys by HKDF-SHA256.
 *    After it every frame on the link is sealed: AES-256-GCM with a counter that must increase,
 *    so frames cannot be altered, replayed or reordered. Any refused sealed frame ends the session.
 *  - PT_NONCE_AUTH (the Cortex-M4 bootloader, whose flash budget holds no ECDH, HKDF or GCM):
 *    AUTH_NONCE/AUTH_SIGNED (§6.6): the holder signs a fresh device nonce, the board's unique id
 *    and the credential; the board verifies with the ECDSA verify it has for packages and grants
 *    the role to the link (unsealed) until the link drops, 300 s without a request, or reset.
 * A build with neither answers AUTH_* with PT_E_UNKNOWN_COMMAND and has no policy (role "none"
 * everywhere). State is RAM only.
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

/* pt_link_auth.state: 0 none, 1 HELLO answered, 2 sealed (PT_SEALED_SESSIONS); 3 nonce handed
 * out, 4 role granted by a signed nonce (PT_NONCE_AUTH). */
#define PT_AUTH_STATE_SEALED 2u
#define PT_AUTH_STATE_NONCE 3u
#define PT_AUTH_STATE_GRANTED 4u

#ifdef PT_SEALED_SESSIONS
#define PT_ACCESS_INFO_SIZE 15u /* pt_access_info(): with PT_INFO_ACCESS_KEYS */
#else
#define PT_ACCESS_INFO_SIZE 12u /* pt_access_info() */
#endif

#if defined(PT_SEALED_SESSIONS) || defined(PT_NONCE_AUTH)
#define PT_ACCESS_POLICY_BUILD 1 /* a role can be granted: the policy table is built */
#endif

/** Does the access policy apply on this board? On every board of a build with
 *  PT_SEALED_SESSIONS; on a PT_NONCE_AUTH board when it trusts an access key; never in a build
 *  that cannot grant a role (inline, so such a build drops the code that depends on it). */
static inline bool pt_policy_active(void)
{
#ifdef PT_SEALED_SESSIONS
    return true;
#elif defined PT_NONCE_AUTH
    return pt_hal_board()->access_key_count > 0;
#else
    return false;
#endif
}

/** Can this board grant roles (it trusts at least one access key)? */
static inline bool pt_policy_has_access_keys(void)
{
#if defined PT_SEALED_SESSIONS && defined PT_WITH_KEYSET
    return pt_keyset_access_count() > 0; /* the access keys of the key set in force (keyset.h) */
#elif defined PT_ACCESS_POLICY_BUILD
    return pt_hal_board()->access_key_count > 0;
#else
    return false;
#endif
}

/** Not a wire command: the policy row for installing a rollback release (a package with
 *  PT_MANIFEST_FLAG_ROLLBACK that brings a lower version), checked at UPDATE_COMMIT. */
#define PT_POLICY_ROLLBACK 0xF0u

#ifdef PT_ACCESS_POLICY_BUILD

/**
 * The one policy table: the minimum enum pt_role `command` (or PT_POLICY_ROLLBACK) needs on a
 * link of `kind` on a board that is `locked` (or PT_POLICY_REFUSED).
 */
uint8_t pt_policy_required(uint8_t command, uint8_t kind, bool locked);

/**
 * Admits `command` (or PT_POLICY_ROLLBACK) on `link` under the policy: PT_OK, or
 * PT_E_AUTH_REQUIRED with a message like "erase needs a technician session on a locked board
 * over TCP". On a sealed-session board without access keys what needs an observer, and
 * everything on serial or USB, is served without a session; the rest is refused: "erase needs a
 * technician session over TCP; this board trusts no access key: provision one with
 * --trust-access-key". A role granted by a signed nonce ends here after PT_AUTH_IDLE_TIMEOUT_MS
 * without a request (else the request refreshes it).
 */
enum pt_status pt_policy_check(pt_link *link, uint8_t command);

/**
 * The erase budget of locked boards with an access policy (docs/security.md "Leaks closed"):
 * PT_OK when erasing `len` bytes at `off` of `r` fits PT_ERASE_BUDGET_SECTORS per
 * PT_ERASE_BUDGET_WINDOW_MS (and counts them), else PT_E_RATE_LIMITED before anything is erased.
 * Bootloader code on ports with a service table, as pt_policy_check.
 */
enum pt_status pt_erase_budget(const pt_region *r, uint32_t off, uint32_t len);

/** The INFO tags of the access policy for `link` (docs/protocol.md §4.2): 1-byte TLVs,
 *  PT_INFO_ACCESS, PT_INFO_ROLE, PT_INFO_LINK_KIND, (sealed-session builds: PT_INFO_ACCESS_KEYS,)
 *  PT_INFO_AUTH_MODE. Bootloader code on ports
 *  with a service table, as pt_policy_check. */
void pt_access_info(const pt_link *link, uint8_t out[PT_ACCESS_INFO_SIZE]);

/** The role of `link`'s session, sealed or granted by a signed nonce (PT_ROLE_NONE without one). */
uint8_t pt_auth_role(const pt_link *link);

/**
 * Checks a credential (PT_CRED_SIZE bytes, docs/protocol.md §6.1, in the order given there):
 * PT_OK with its *role; PT_E_AUTH_FAILED naming the reason (*genuine is set once the access
 * key's signature verified: a later failure is a genuine credential misused, which counts
 * toward the lockout), PT_E_INTERNAL when the crypto memory ran out. Bootloader code on ports
 * with a service table (common/auth_verify.c).
 */
enum pt_status pt_auth_check_credential(const uint8_t *cred, uint8_t *role, bool *genuine);

/** After a successful proof: the failure count starts again, and the credential's start is the
 *  clock floor of a board without a clock. */
void pt_auth_accepted(const uint8_t *cred);

/** Counts one failed proof with a genuine credential (5 in a row: AUTH_PROOF/AUTH_SIGNED
 *  refused for 60 s); returns `s`. */
enum pt_status pt_auth_refuse(enum pt_status s);

/** PT_E_RATE_LIMITED (naming the seconds left) while the lockout lasts, else PT_OK. */
enum pt_status pt_auth_lockout(void);

/** Ends `link`'s session (keys zeroed). */
void pt_auth_end(pt_link *link);

/** Gives `link` `role` in `state` (PT_AUTH_STATE_SEALED or _GRANTED) from now, and writes the
 *  response of AUTH_PROOF / AUTH_SIGNED (u8 role, 3 res, u32 idle timeout ms) to `out`. */
void pt_auth_grant(pt_link *link, uint8_t role, uint8_t state, uint8_t out[PT_AUTH_PROOF_RESPONSE_SIZE]);

#endif

#ifdef PT_SEALED_SESSIONS

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

#else /* no sealed sessions: no AUTH_HELLO/AUTH_PROOF, no sealed frames */

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
static inline size_t pt_auth_seal_response(pt_link *link, uint8_t *buf, uint8_t command, uint16_t seq, uint8_t status,
                                           uint32_t len)
{
    (void)link, (void)buf, (void)command, (void)seq, (void)status, (void)len;
    return 0;
}
static inline enum pt_status pt_auth_unseal(pt_link *link, pt_frame *f)
{
    (void)link;
    return (f->flags & PT_FRAME_FLAG_SEALED) ? PT_E_SEAL : PT_OK;
}

#endif

#ifdef PT_NONCE_AUTH

/**
 * AUTH_NONCE and AUTH_SIGNED (§6.6; `command` says which), for `link`'s `auth` only; writes the
 * response to `out` and its size to *out_len (0 on an error).
 * AUTH_NONCE: no payload; PT_AUTH_NONCE_RESPONSE_SIZE bytes: a fresh nonce (pt_hal_nonce) and the
 * unique id the holder signs. Replaces any role of the link.
 * AUTH_SIGNED: credential and the holder's signature over the link's nonce (used once, whatever
 * the outcome); PT_AUTH_SIGNED_RESPONSE_SIZE bytes. It checks the credential
 * (pt_auth_check_credential), then the holder's ECDSA P-256 signature over
 * SHA-256(PT_AUTH_LABEL_NONCE ‖ nonce ‖ unique id ‖ credential). On PT_OK the link has the
 * credential's role. PT_E_STATE without a nonce, PT_E_AUTH_FAILED naming the reason,
 * PT_E_RATE_LIMITED after 5 failures in a row with genuine credentials (60 s).
 * Bootloader code (common/auth_verify.c) on ports with a service table, as pt_policy_check: the
 * agent calls both through it (common/services.h).
 */
enum pt_status pt_auth_nonce_mode(pt_link *link, uint8_t command, const uint8_t *req, uint32_t len, uint8_t *out,
                                  uint32_t *out_len);

#else

static inline enum pt_status pt_auth_nonce_mode(pt_link *link, uint8_t command, const uint8_t *req, uint32_t len,
                                                uint8_t *out, uint32_t *out_len)
{
    (void)link, (void)command, (void)req, (void)len, (void)out;
    *out_len = 0;
    return PT_E_UNKNOWN_COMMAND;
}

#endif

#ifndef PT_ACCESS_POLICY_BUILD /* no role can be granted: no policy */

static inline uint8_t pt_policy_required(uint8_t command, uint8_t kind, bool locked)
{
    (void)command, (void)kind, (void)locked;
    return PT_POLICY_OPEN;
}
static inline enum pt_status pt_policy_check(pt_link *link, uint8_t command)
{
    (void)link, (void)command;
    return PT_OK;
}
static inline enum pt_status pt_erase_budget(const pt_region *r, uint32_t off, uint32_t len)
{
    (void)r, (void)off, (void)len;
    return PT_OK;
}
static inline uint8_t pt_auth_role(const pt_link *link)
{
    (void)link;
    return PT_ROLE_NONE;
}
static inline void pt_auth_end(pt_link *link)
{
    (void)link;
}

#endif

#endif
