/* Authenticated sessions and the access policy (auth.h, docs/protocol.md §6). */
#include "auth.h"

#include <string.h>

#include "crc32.h"
#include "package.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

#ifdef PT_SEALED_SESSIONS /* else: the inline stubs of auth.h */

/* ---- The policy table (docs/security.md "Policy table") --------------------------------- */

#define O PT_POLICY_OPEN
#define OBS PT_ROLE_OBSERVER
#define TEC PT_ROLE_TECHNICIAN
#define FAC PT_ROLE_FACTORY

/* Columns: development board over serial/USB, development over the network, locked over
 * serial/USB, locked over the network. Commands not listed are open (PING, INFO, REGIONS,
 * UPDATE_STATUS, AUTH_*; unknown commands are refused by the server as unknown). */
static const struct {
    uint8_t command;
    uint8_t need[4];
} k_policy[] = {
    {PT_CMD_READ, {O, OBS, OBS, OBS}},      /* plus the region rules of "Leaks closed" */
    {PT_CMD_HASH, {O, OBS, OBS, OBS}},      /* plus: no sub-sector ranges on locked boards */
    {PT_CMD_CONFIG_READ, {O, OBS, OBS, OBS}}, /* secret entries are never returned */
    {PT_CMD_CONFIG_GET, {O, OBS, OBS, OBS}},
    {PT_CMD_SESSION, {O, TEC, TEC, TEC}},
    {PT_CMD_ERASE, {O, TEC, TEC, TEC}},     /* rate-limited on locked boards */
    {PT_CMD_CONFIG_WRITE, {O, TEC, TEC, TEC}},
    {PT_CMD_CONFIG_SET, {O, TEC, TEC, TEC}},
    {PT_CMD_UPDATE_BEGIN, {O, TEC, TEC, TEC}},
    {PT_CMD_UPDATE_DATA, {O, TEC, TEC, TEC}},
    {PT_CMD_UPDATE_COMMIT, {O, TEC, TEC, TEC}},
    {PT_CMD_UPDATE_ABORT, {O, TEC, TEC, TEC}},
    {PT_CMD_REBOOT, {O, TEC, TEC, TEC}},
    {PT_CMD_CONFIRM, {O, TEC, TEC, TEC}},
    {PT_CMD_WRITE, {O, FAC, FAC, FAC}},     /* a locked board refuses raw writes anyway (LOCKED) */
    {PT_CMD_LOCK, {O, FAC, FAC, FAC}},
    {PT_CMD_KEY_UPDATE, {O, FAC, FAC, FAC}}, /* root-signed as well (keyset.h) */
    {PT_POLICY_ROLLBACK, {O, FAC, FAC, FAC}}, /* a rollback release at UPDATE_COMMIT */
};

uint8_t pt_policy_required(uint8_t command, uint8_t kind, bool locked)
{
    const unsigned col = (locked ? 2u : 0u) + (kind == PT_LINK_NETWORK ? 1u : 0u);
    for (unsigned i = 0; i < sizeof k_policy / sizeof k_policy[0]; i++)
        if (k_policy[i].command == command)
            return k_policy[i].need[col];
    return PT_POLICY_OPEN;
}

#ifndef PT_TERSE_MESSAGES
static const char *command_name(uint8_t c)
{
    switch (c) {
    case PT_CMD_READ: return "read";
    case PT_CMD_HASH: return "hash";
    case PT_CMD_CONFIG_READ: return "config read";
    case PT_CMD_CONFIG_GET: return "config get";
    case PT_CMD_SESSION: return "changes to the board (erase, update, config, reboot)";
    case PT_CMD_ERASE: return "erase";
    case PT_CMD_CONFIG_WRITE: return "config write";
    case PT_CMD_CONFIG_SET: return "config set";
    case PT_CMD_UPDATE_BEGIN:
    case PT_CMD_UPDATE_DATA:
    case PT_CMD_UPDATE_COMMIT: return "update";
    case PT_CMD_UPDATE_ABORT: return "update abort";
    case PT_CMD_REBOOT: return "reboot";
    case PT_CMD_CONFIRM: return "confirm";
    case PT_CMD_WRITE: return "raw write";
    case PT_CMD_LOCK: return "lock";
    case PT_CMD_KEY_UPDATE: return "key update";
    case PT_POLICY_ROLLBACK: return "a rollback release";
    default: return "this command";
    }
}

static const char *role_name(uint8_t r)
{
    return r == PT_ROLE_OBSERVER ? "observer" : r == PT_ROLE_TECHNICIAN ? "technician" : r == PT_ROLE_FACTORY ? "factory" : "no";
}

static const char *kind_name(uint8_t k)
{
    return k == PT_LINK_SERIAL ? "serial" : k == PT_LINK_USB ? "USB" : "TCP";
}
#endif

enum pt_status pt_policy_check(const pt_link *link, uint8_t command)
{
    if (!pt_policy_active())
        return PT_OK;
    const bool locked = pt_hal_board()->locked;
    const uint8_t need = pt_policy_required(command, link->kind, locked);
    const uint8_t have = pt_auth_role(link);
    if (need == PT_POLICY_OPEN || (need != PT_POLICY_REFUSED && have >= need))
        return PT_OK;
    const bool keyless = !pt_policy_has_access_keys();
    if (keyless && (need == PT_ROLE_OBSERVER || link->kind != PT_LINK_NETWORK))
        return PT_OK; /* no role can be granted: reads are served as on a board without a policy,
                       * and physical access (serial, USB) is the only way to service it, also
                       * when locked (a factory bundle written through the ROM carries no access
                       * keys yet); over the network it is read-only */
#ifdef PT_TERSE_MESSAGES
    return PT_E_AUTH_REQUIRED;
#else
    const char *verb = command == PT_CMD_SESSION ? "need" : "needs";
    if (keyless && need != PT_POLICY_REFUSED)
        return pt_fail(PT_E_AUTH_REQUIRED,
                       "%s %s a %s session over %s; this board trusts no access key: provision one with "
                       "--trust-access-key",
                       command_name(command), verb, role_name(need), kind_name(link->kind));
    if (need == PT_POLICY_REFUSED)
        return pt_fail(PT_E_AUTH_REQUIRED, "%s is refused on a %s board over %s", command_name(command),
                       locked ? "locked" : "development", kind_name(link->kind));
    return pt_fail(PT_E_AUTH_REQUIRED, "%s %s a %s session on a %s board over %s%s%s%s", command_name(command),
                   verb, role_name(need), locked ? "locked" : "development", kind_name(link->kind),
                   have ? " (this session is " : "", have ? role_name(have) : "", have ? ")" : "");
#endif
}

uint8_t pt_auth_role(const pt_link *link)
{
    return pt_auth_sealed(link) ? link->auth.role : PT_ROLE_NONE;
}

bool pt_auth_sealed(const pt_link *link)
{
    return link->auth.state == 2;
}

void pt_auth_end(pt_link *link)
{
    memset(&link->auth, 0, sizeof link->auth);
}

/* Failed proofs in a row (all links) with a genuine credential (signed by a trusted access key):
 * expired, for another device, or presented without its key. A peer without any credential
 * cannot lock technicians out; its attempts cost the board one SHA-256 per access key. */
static uint32_t s_failures;
static uint32_t s_locked_until; /* pt_hal_millis() until which AUTH_PROOF is refused */
static uint32_t s_time_floor;   /* newest credential start seen: a clock for boards without one */
#define AUTH_MAX_FAILURES 5u
#define AUTH_LOCKOUT_MS 60000u

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
        return pt_fail(PT_E_RATE_LIMITED, "too many handshakes on this link (%u, then one per %u ms): try again in %lu ms",
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

static enum pt_status refuse(enum pt_status s)
{
    if (++s_failures >= AUTH_MAX_FAILURES) {
        s_locked_until = pt_hal_millis() + AUTH_LOCKOUT_MS;
        s_failures = 0;
        pt_hal_log("auth: 5 failed handshakes in a row: AUTH_PROOF refused for 60 s");
    }
    return s;
}

static enum pt_status check_credential(const uint8_t *cred, uint8_t *role, bool *genuine)
{
    const pt_board *b = pt_hal_board();
    if (memcmp(cred, PT_CRED_MAGIC, 4) != 0 || cred[4] != PT_CRED_VERSION || cred[7] != 0)
        return pt_fail(PT_E_AUTH_FAILED, "credential: magic, version or reserved byte wrong");
    *role = cred[PT_CRED_OFF_ROLE];
    if (*role < PT_ROLE_OBSERVER || *role > PT_ROLE_FACTORY)
        return pt_fail(PT_E_AUTH_FAILED, "credential: role %u unknown", *role);
    const uint8_t uid_len = cred[PT_CRED_OFF_UID_LEN];
    const uint8_t sig_len = cred[PT_CRED_OFF_SIG_LEN];
    if (uid_len > PT_UNIQUE_ID_MAX || sig_len < 8 || sig_len > PT_SIGNATURE_MAX)
        return pt_fail(PT_E_AUTH_FAILED, "credential: unique id or signature length out of range");
    /* The issuer among the access keys of the key set in force (keyset.h; generation 0 = the
     * provisioned ones): a revoked access key's credentials are refused from then on. */
    pt_trusted_key issuer_key;
    const pt_trusted_key *issuer = NULL;
#ifdef PT_WITH_KEYSET
    pt_keyset ks;
    if (pt_keyset_load(&ks) != PT_OK)
        return pt_fail(PT_E_FLASH, "cannot read the board's key set");
    for (uint8_t i = 0; i < ks.access_count && i < PT_KEYSET_MAX_KEYS; i++) {
        uint8_t fp[32];
        pt_keyset_fingerprint(ks.access[i], fp);
        if (memcmp(fp, cred + PT_CRED_OFF_ISSUER, 32) == 0) {
            issuer_key.der_len = (uint16_t)(PT_P256_SPKI_PREFIX_SIZE + 65u);
            memcpy(issuer_key.der, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE);
            memcpy(issuer_key.der + PT_P256_SPKI_PREFIX_SIZE, ks.access[i], 65);
            issuer = &issuer_key;
        }
    }
#else
    for (uint8_t i = 0; i < b->access_key_count && i < PT_MAX_ACCESS_KEYS; i++) {
        uint8_t fp[32];
        pt_sha256(b->access_keys[i].der, b->access_keys[i].der_len, fp);
        if (memcmp(fp, cred + PT_CRED_OFF_ISSUER, 32) == 0) {
            issuer_key = b->access_keys[i];
            issuer = &issuer_key;
        }
    }
#endif
    if (!issuer)
        return pt_fail(PT_E_AUTH_FAILED,
                       "credential issued by an access key this board does not trust (fingerprint %02x%02x%02x%02x...)",
                       cred[PT_CRED_OFF_ISSUER], cred[PT_CRED_OFF_ISSUER + 1], cred[PT_CRED_OFF_ISSUER + 2],
                       cred[PT_CRED_OFF_ISSUER + 3]);
    uint8_t h[32];
    pt_sha256(cred, PT_CRED_SIGNED_SIZE, h);
    pt_hal_result rc = pt_key_verify(issuer, h, cred + PT_CRED_OFF_SIG, sig_len);
    if (rc == PT_HAL_E_NO_MEMORY)
        return pt_fail(PT_E_INTERNAL, "out of crypto memory while checking the credential");
    if (rc != PT_HAL_OK)
        return pt_fail(PT_E_AUTH_FAILED, "credential signature does not verify under the trusted access key");
    *genuine = true; /* from here on a failure is a genuine credential misused: it counts */
    if (uid_len && (uid_len != b->unique_id_len || memcmp(cred + PT_CRED_OFF_UID, b->unique_id, uid_len) != 0))
        return pt_fail(PT_E_AUTH_FAILED, "credential is for another device (this board's unique id differs)");
    const uint32_t nb = pt_get32(cred + PT_CRED_OFF_NOT_BEFORE), na = pt_get32(cred + PT_CRED_OFF_NOT_AFTER);
    uint32_t now = pt_hal_unix_time();
    if (now == 0)
        now = s_time_floor > nb ? s_time_floor : nb; /* no clock: the newest start seen */
    if (now < nb)
        return pt_fail(PT_E_AUTH_FAILED, "credential is not valid before %lu (Unix time; board says %lu)",
                       (unsigned long)nb, (unsigned long)now);
    if (now > na)
        return pt_fail(PT_E_AUTH_FAILED, "credential expired at %lu (Unix time; board says %lu)", (unsigned long)na,
                       (unsigned long)now);
    return PT_OK;
}

enum pt_status pt_auth_proof(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out)
{
    if (len != PT_AUTH_PROOF_SIZE)
        return pt_fail(PT_E_BAD_REQUEST, "AUTH_PROOF takes %u payload bytes, got %lu", (unsigned)PT_AUTH_PROOF_SIZE,
                       (unsigned long)len);
    if (link->auth.state != 1)
        return pt_fail(PT_E_STATE, "AUTH_PROOF without AUTH_HELLO on this link");
    if ((int32_t)(s_locked_until - pt_hal_millis()) > 0) {
        pt_auth_end(link);
        return pt_fail(PT_E_RATE_LIMITED, "too many failed handshakes: try again in %lu s",
                       (unsigned long)((s_locked_until - pt_hal_millis()) / 1000u + 1u));
    }
    uint8_t role = 0;
    bool genuine = false;
    enum pt_status s = check_credential(req, &role, &genuine);
    if (s != PT_OK) {
        pt_auth_end(link);
        return s == PT_E_AUTH_FAILED && genuine ? refuse(s) : s;
    }
    uint8_t t2[32];
    hash_parts(t2, PT_AUTH_LABEL_PROOF, (uint32_t)strlen(PT_AUTH_LABEL_PROOF), link->auth.transcript, 32, req,
               PT_CRED_SIZE, "", 0);
    const uint8_t sig_len = req[PT_CRED_SIZE];
    if (sig_len < 8 || sig_len > PT_SIGNATURE_MAX ||
        pt_hal_p256_verify(req + PT_CRED_OFF_SUBJECT, t2, req + PT_CRED_SIZE + 1, sig_len) != PT_HAL_OK) {
        pt_auth_end(link);
        return refuse(pt_fail(PT_E_AUTH_FAILED, "the holder's signature over the handshake does not verify "
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
        return refuse(pt_fail(PT_E_AUTH_FAILED, "key agreement failed (host ephemeral key not on P-256?)"));
    }
    const uint32_t nb = pt_get32(req + PT_CRED_OFF_NOT_BEFORE);
    if (nb > s_time_floor)
        s_time_floor = nb;
    s_failures = 0;
    memset(link->auth.eph_priv, 0, 32);
    memcpy(link->auth.k_h2d, keys, 32);
    memcpy(link->auth.k_d2h, keys + 32, 32);
    memset(keys, 0, sizeof keys);
    link->auth.role = role;
    link->auth.rx_counter = 0;
    link->auth.tx_counter = 0;
    link->auth.last_ms = pt_hal_millis();
    link->auth.state = 2;
    memset(out, 0, PT_AUTH_PROOF_RESPONSE_SIZE);
    out[0] = role;
    pt_put32(out + 4, PT_AUTH_IDLE_TIMEOUT_MS);
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

#else
typedef int pt_auth_not_built; /* ISO C wants a translation unit to declare something */
#endif
