/* Authenticated sessions and the access policy (auth.h, docs/protocol.md §6). */
#include "auth.h"

#include <string.h>

#include "crc32.h"
#include "package.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

#ifdef PT_ACCESS_POLICY_BUILD /* else: the inline stubs of auth.h */

uint8_t pt_auth_role(const pt_link *link)
{
    return link->auth.state == PT_AUTH_STATE_SEALED || link->auth.state == PT_AUTH_STATE_GRANTED ? link->auth.role : PT_ROLE_NONE;
}

void pt_auth_end(pt_link *link)
{
    memset(&link->auth, 0, sizeof link->auth);
}

void pt_auth_grant(pt_link *link, uint8_t role, uint8_t state, uint8_t out[PT_AUTH_PROOF_RESPONSE_SIZE])
{
    link->auth.role = role;
    link->auth.last_ms = pt_hal_millis();
    link->auth.state = state;
    memset(out, 0, PT_AUTH_PROOF_RESPONSE_SIZE);
    out[0] = role;
    pt_put32(out + 4, PT_AUTH_IDLE_TIMEOUT_MS);
}

#ifdef PT_SEALED_SESSIONS

bool pt_auth_sealed(const pt_link *link)
{
    return link->auth.state == PT_AUTH_STATE_SEALED;
}

static void hash_parts(uint8_t out[32], const void *a, uint32_t alen, const void *b, uint32_t blen, const void *c,
                       uint32_t clen, const void *d, uint32_t dlen)
{
    pt_hal_sha256_ctx h;
    pt_hal_sha256_start(&h);
    pt_hal_sha256_update(&h, a, alen);
    pt_hal_sha256_update(&h, b, blen);
    pt_hal_sha256_update(&h, c, clen);
    pt_hal_sha256_update(&h, d, dlen);
    pt_hal_sha256_finish(&h, out);
}

enum pt_status pt_auth_hello(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out)
{
    const pt_board *b = pt_hal_board();
    if (len != PT_AUTH_HELLO_SIZE)
        return pt_fail(PT_E_BAD_REQUEST, "AUTH_HELLO takes %u payload bytes, got %lu", (unsigned)PT_AUTH_HELLO_SIZE,
                       (unsigned long)len);
    if (req[0] != PT_AUTH_VERSION || req[1] || req[2] || req[3])
        return pt_fail(PT_E_BAD_REQUEST, "AUTH_HELLO version %u (expected %u) or reserved bytes not 0", req[0],
                       (unsigned)PT_AUTH_VERSION);
    if (!b->has_identity)
        return pt_fail(PT_E_STATE, "this board has no identity key: it was provisioned without sessions");
    /* Rate limit before any crypto (GCRA, a token bucket as one deadline): the bucket is full
     * at hello_tat_ms; each HELLO moves it PT_AUTH_HELLO_INTERVAL_MS later; a HELLO is
     * admitted while that deadline lies less than the burst's worth of intervals ahead. */
    const uint32_t now = pt_hal_millis();
    const uint32_t burst_ms = PT_AUTH_HELLO_BURST * PT_AUTH_HELLO_INTERVAL_MS;
    if (!link->hello_started || (int32_t)(link->hello_tat_ms - now) < 0) {
        link->hello_tat_ms = now;
        link->hello_started = 1;
    }
    const uint32_t next = link->hello_tat_ms + PT_AUTH_HELLO_INTERVAL_MS;
    if ((int32_t)(next - now) > (int32_t)burst_ms) {
        pt_auth_end(link);
        return pt_fail(pt_rate_limited(next - now - burst_ms),
                       "too many handshakes on this link (%u, then one per %u ms): try again in %lu ms",
                       (unsigned)PT_AUTH_HELLO_BURST, (unsigned)PT_AUTH_HELLO_INTERVAL_MS,
                       (unsigned long)(next - now - burst_ms));
    }
    link->hello_tat_ms = next;
    pt_auth_end(link); /* a new handshake replaces any session of this link */
    uint8_t dev_eph[65];
    if (pt_hal_p256_generate(link->auth.eph_priv, dev_eph) != PT_HAL_OK)
        return pt_fail(PT_E_INTERNAL, "cannot generate an ephemeral key");
    memcpy(link->auth.host_eph, req + 4, 65);
    hash_parts(link->auth.transcript, PT_AUTH_LABEL_HELLO, (uint32_t)strlen(PT_AUTH_LABEL_HELLO), req + 4, 65,
               dev_eph, 65, b->identity_pub, 65);
    uint32_t sig_len = 0;
    memset(out, 0, PT_AUTH_HELLO_RESPONSE_SIZE);
    if (pt_hal_p256_sign(b->identity_key, link->auth.transcript, out + 131, &sig_len) != PT_HAL_OK) {
        pt_auth_end(link);
        return pt_fail(PT_E_INTERNAL, "cannot sign the handshake transcript");
    }
    memcpy(out, dev_eph, 65);
    memcpy(out + 65, b->identity_pub, 65);
    out[130] = (uint8_t)sig_len;
    link->auth.state = 1;
    return PT_OK;
}

enum pt_status pt_auth_proof(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out)
{
    if (len != PT_AUTH_PROOF_SIZE)
        return pt_fail(PT_E_BAD_REQUEST, "AUTH_PROOF takes %u payload bytes, got %lu", (unsigned)PT_AUTH_PROOF_SIZE,
                       (unsigned long)len);
    if (link->auth.state != 1)
        return pt_fail(PT_E_STATE, "AUTH_PROOF without AUTH_HELLO on this link");
    enum pt_status s = pt_auth_lockout();
    if (s != PT_OK) {
        pt_auth_end(link);
        return s;
    }
    uint8_t role = 0;
    bool genuine = false;
    s = pt_auth_check_credential(req, &role, &genuine);
    if (s != PT_OK) {
        pt_auth_end(link);
        return s == PT_E_AUTH_FAILED && genuine ? pt_auth_refuse(s) : s;
    }
    uint8_t t2[32];
    hash_parts(t2, PT_AUTH_LABEL_PROOF, (uint32_t)strlen(PT_AUTH_LABEL_PROOF), link->auth.transcript, 32, req,
               PT_CRED_SIZE, "", 0);
    const uint8_t sig_len = req[PT_CRED_SIZE];
    if (sig_len < 8 || sig_len > PT_SIGNATURE_MAX ||
        pt_hal_p256_verify(req + PT_CRED_OFF_SUBJECT, t2, req + PT_CRED_SIZE + 1, sig_len) != PT_HAL_OK) {
        pt_auth_end(link);
        return pt_auth_refuse(pt_fail(PT_E_AUTH_FAILED, "the holder's signature over the handshake does not verify "
                                                "(credential used without its key?)"));
    }
    uint8_t z[32], keys[64];
    pt_hal_result rc = pt_hal_p256_ecdh(link->auth.eph_priv, link->auth.host_eph, z);
    if (rc == PT_HAL_OK)
        rc = pt_hal_hkdf_sha256(t2, 32, z, 32, (const uint8_t *)PT_AUTH_LABEL_KEYS, (uint32_t)strlen(PT_AUTH_LABEL_KEYS),
                                keys, 64);
    memset(z, 0, sizeof z);
    if (rc != PT_HAL_OK) {
        pt_auth_end(link);
        return pt_auth_refuse(pt_fail(PT_E_AUTH_FAILED, "key agreement failed (host ephemeral key not on P-256?)"));
    }
    pt_auth_accepted(req);
    memset(link->auth.eph_priv, 0, 32);
    memcpy(link->auth.k_h2d, keys, 32);
    memcpy(link->auth.k_d2h, keys + 32, 32);
    memset(keys, 0, sizeof keys);
    link->auth.rx_counter = 0;
    link->auth.tx_counter = 0;
    pt_auth_grant(link, role, PT_AUTH_STATE_SEALED, out);
    return PT_OK;
}

static void nonce_of(uint8_t nonce[12], uint32_t direction, uint64_t counter)
{
    pt_put32(nonce, direction);
    pt_put32(nonce + 4, (uint32_t)counter);
    pt_put32(nonce + 8, (uint32_t)(counter >> 32));
}

static uint64_t get64(const uint8_t *p)
{
    return (uint64_t)pt_get32(p) | ((uint64_t)pt_get32(p + 4) << 32);
}

static enum pt_status seal_failure(pt_link *link, const char *why)
{
    pt_auth_end(link);
#ifdef PT_TERSE_MESSAGES
    (void)why;
    return PT_E_SEAL;
#else
    return pt_fail(PT_E_SEAL, "sealed frame refused: %s; the session has ended", why);
#endif
}

enum pt_status pt_auth_unseal(pt_link *link, pt_frame *f)
{
    const bool sealed_frame = (f->flags & PT_FRAME_FLAG_SEALED) != 0;
    if (!pt_auth_sealed(link))
        return sealed_frame ? seal_failure(link, "this link has no session") : PT_OK;
    if (!sealed_frame && (f->command == PT_CMD_PING || f->command == PT_CMD_AUTH_HELLO)) {
        /* A new host on a link that keeps no connection state (a serial line, a USB port the
         * last host left): it starts with PING or a handshake. The session ends; a peer that
         * injects this gains nothing (the link only loses its role). */
        pt_auth_end(link);
        return PT_OK;
    }
    if (!sealed_frame)
        return seal_failure(link, "unsealed request on a sealed session");
    const uint32_t now = pt_hal_millis();
    if ((uint32_t)(now - link->auth.last_ms) >= PT_AUTH_IDLE_TIMEOUT_MS)
        return seal_failure(link, "the session was idle too long");
    if (f->length < PT_SEAL_OVERHEAD)
        return seal_failure(link, "shorter than counter and tag");
    uint8_t *p = (uint8_t *)(uintptr_t)f->payload; /* the link's own rx_buf: opened in place */
    const uint64_t counter = get64(p);
    if (counter <= link->auth.rx_counter)
        return seal_failure(link, "counter not above the last one (replayed or reordered)");
    uint8_t nonce[12];
    nonce_of(nonce, 0, counter);
    const uint32_t n = f->length - PT_SEAL_OVERHEAD;
    if (pt_hal_gcm_open(link->auth.k_h2d, nonce, p - PT_FRAME_HEADER_SIZE, PT_FRAME_HEADER_SIZE, p + 8, n,
                        p + 8 + n) != PT_HAL_OK)
        return seal_failure(link, "authentication tag does not match (altered in transit)");
    link->auth.rx_counter = counter;
    link->auth.last_ms = now;
    f->payload = p + PT_SEAL_COUNTER_SIZE;
    f->length = n;
    return PT_OK;
}

size_t pt_auth_seal_response(pt_link *link, uint8_t *buf, uint8_t command, uint16_t seq, uint8_t status, uint32_t len)
{
    uint8_t *h = buf;
    const uint32_t total = len + PT_SEAL_OVERHEAD;
    h[0] = PT_FRAME_MAGIC0;
    h[1] = PT_FRAME_MAGIC1;
    h[2] = PT_PROTOCOL_VERSION;
    h[3] = command;
    pt_put16(h + 4, seq);
    h[6] = PT_FRAME_FLAG_RESPONSE | PT_FRAME_FLAG_SEALED;
    h[7] = status;
    pt_put32(h + 8, total);
    uint8_t *p = buf + PT_FRAME_HEADER_SIZE;
    const uint64_t counter = ++link->auth.tx_counter;
    pt_put32(p, (uint32_t)counter);
    pt_put32(p + 4, (uint32_t)(counter >> 32));
    uint8_t nonce[12];
    nonce_of(nonce, 1, counter);
    pt_hal_gcm_seal(link->auth.k_d2h, nonce, h, PT_FRAME_HEADER_SIZE, p + 8, len, p + 8 + len);
    pt_put32(p + total, pt_crc32(buf, PT_FRAME_HEADER_SIZE + total));
    return PT_FRAME_HEADER_SIZE + total + PT_FRAME_TRAILER_SIZE;
}

#endif /* PT_SEALED_SESSIONS */

#else
typedef int pt_auth_not_built; /* ISO C wants a translation unit to declare something */
#endif
