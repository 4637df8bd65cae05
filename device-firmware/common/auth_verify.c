/* The deciding half of the access policy (auth.h): the policy table, credentials
 * (docs/protocol.md §6.1), the lockout after failed proofs and the signed-nonce mode (§6.6).
 * Both mps2-an386 images link it: the bootloader with the signed-nonce mode, the agent with
 * sealed sessions (the same source; the keyless rule is the agent's, sealed-session builds). */
#include <string.h>

#include "auth.h"
#include "package.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"
#include "piton/hal.h"

#ifdef PT_ACCESS_POLICY_BUILD

/* ---- The policy table (docs/security.md "Policy table") --------------------------------- */

#define O PT_POLICY_OPEN
#define OBS PT_ROLE_OBSERVER
#define TEC PT_ROLE_TECHNICIAN
#define FAC PT_ROLE_FACTORY
#define REF 0xFu /* PT_POLICY_REFUSED, as one 4-bit column */
/* The four columns of a row, 4 bits each (a small table for the M4's flash budget). */
#define NEED(dev_serial, dev_net, locked_serial, locked_net)                                               \
    {(uint8_t)((dev_serial) | (dev_net) << 4), (uint8_t)((locked_serial) | (locked_net) << 4)}

/* Columns: development board over serial/USB, development over the network, locked over
 * serial/USB, locked over the network. Commands not listed are open (PING, INFO, REGIONS,
 * UPDATE_STATUS, AUTH_*; unknown commands are refused by the server as unknown). */
static const struct {
    uint8_t command;
    uint8_t need[2];
} k_policy[] = {
    {PT_CMD_READ, NEED(O, OBS, OBS, OBS)},      /* plus the region rules of "Leaks closed" */
    {PT_CMD_HASH, NEED(O, OBS, OBS, OBS)},      /* plus: no sub-sector ranges on locked boards */
    {PT_CMD_CONFIG_READ, NEED(O, OBS, OBS, OBS)}, /* secret entries are never returned */
    {PT_CMD_CONFIG_GET, NEED(O, OBS, OBS, OBS)},
    {PT_CMD_SESSION, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_ERASE, NEED(O, TEC, TEC, TEC)},     /* rate-limited on locked boards */
    {PT_CMD_CONFIG_WRITE, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_CONFIG_SET, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_UPDATE_BEGIN, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_UPDATE_DATA, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_UPDATE_COMMIT, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_UPDATE_ABORT, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_REBOOT, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_CONFIRM, NEED(O, TEC, TEC, TEC)},
    {PT_CMD_WRITE, NEED(O, FAC, FAC, FAC)},     /* a locked board refuses raw writes anyway (LOCKED) */
    {PT_CMD_LOCK, NEED(O, FAC, FAC, FAC)},
#if defined PT_WITH_KEYSET || defined PT_KEYSET_COMPACT_UPDATE /* elsewhere KEY_UPDATE is answered STATE */
    {PT_CMD_KEY_UPDATE, NEED(O, FAC, FAC, FAC)}, /* root-signed as well (keyset.h) */
#endif
#ifdef PT_SEALED_SESSIONS /* the server checks it in these builds (server.c rollback_release_permitted) */
    {PT_POLICY_ROLLBACK, NEED(O, FAC, FAC, FAC)}, /* a rollback release at UPDATE_COMMIT */
#endif
};

uint8_t pt_policy_required(uint8_t command, uint8_t kind, bool locked)
{
    const unsigned shift = kind == PT_LINK_NETWORK ? 4u : 0u;
    for (unsigned i = 0; i < sizeof k_policy / sizeof k_policy[0]; i++)
        if (k_policy[i].command == command) {
            const unsigned need = (k_policy[i].need[locked ? 1 : 0] >> shift) & 0xFu;
            return need == REF ? PT_POLICY_REFUSED : (uint8_t)need;
        }
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
#if defined PT_WITH_KEYSET || defined PT_KEYSET_COMPACT_UPDATE
    case PT_CMD_KEY_UPDATE: return "key update";
#endif
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

#ifdef PT_NONCE_AUTH
/* A role granted by a signed nonce lasts while requests come (PT_AUTH_IDLE_TIMEOUT_MS). */
static void grant_touch(pt_link *link)
{
    const uint32_t now = pt_hal_millis();
    if (link->auth.state != PT_AUTH_STATE_GRANTED)
        return;
    if ((uint32_t)(now - link->auth.last_ms) >= PT_AUTH_IDLE_TIMEOUT_MS)
        pt_auth_end(link);
    else
        link->auth.last_ms = now;
}

#endif

enum pt_status pt_policy_check(pt_link *link, uint8_t command)
{
#ifdef PT_NONCE_AUTH
    grant_touch(link);
#endif
    if (!pt_policy_active())
        return PT_OK;
    const bool locked = pt_hal_board()->locked;
    const uint8_t need = pt_policy_required(command, link->kind, locked);
    const uint8_t have = pt_auth_role(link);
    if (need == PT_POLICY_OPEN || (need != PT_POLICY_REFUSED && have >= need))
        return PT_OK;
#ifdef PT_SEALED_SESSIONS /* a signed-nonce board without access keys has no policy at all */
    const bool keyless = !pt_policy_has_access_keys();
    if (keyless && (need == PT_ROLE_OBSERVER || (link->kind != PT_LINK_NETWORK && !locked)))
        return PT_OK; /* no role can be granted: reads are served as on a board without a policy,
                       * and on a development board physical access (serial, USB) services it;
                       * over the network it is read-only. A locked board never serves a change
                       * without a session (LOCK needs an access key: server.c h_lock) */
#endif
#ifdef PT_TERSE_MESSAGES
    return PT_E_AUTH_REQUIRED;
#else
    const char *verb = command == PT_CMD_SESSION ? "need" : "needs";
#ifdef PT_SEALED_SESSIONS
    if (keyless && need != PT_POLICY_REFUSED)
        return pt_fail(PT_E_AUTH_REQUIRED,
                       "%s %s a %s session %sover %s; this board trusts no access key: provision one with "
                       "--trust-access-key",
                       command_name(command), verb, role_name(need), locked ? "on a locked board " : "",
                       kind_name(link->kind));
#endif
    if (need == PT_POLICY_REFUSED)
        return pt_fail(PT_E_AUTH_REQUIRED, "%s is refused on a %s board over %s", command_name(command),
                       locked ? "locked" : "development", kind_name(link->kind));
    return pt_fail(PT_E_AUTH_REQUIRED, "%s %s a %s session on a %s board over %s%s%s%s", command_name(command),
                   verb, role_name(need), locked ? "locked" : "development", kind_name(link->kind),
                   have ? " (this session is " : "", have ? role_name(have) : "", have ? ")" : "");
#endif
}


/* Erase budget of locked boards with an access policy (docs/security.md "Leaks closed"):
 * PT_ERASE_BUDGET_SECTORS sectors per PT_ERASE_BUDGET_WINDOW_MS, counted in RAM (persisting the
 * count would itself wear flash). A range that does not fit the budget is refused before its
 * first sector is erased. */
static struct {
    uint32_t window_ms, erased; /* start of the window; sectors erased in it */
} s_erase; /* one struct: one address to load on the Cortex-M4 bootloader's budget */

enum pt_status pt_erase_budget(const pt_region *r, uint32_t off, uint32_t len)
{
    if (!pt_hal_board()->locked || !pt_policy_active() || off > r->size || len > r->size - off)
        return PT_OK;
    uint32_t sectors = 0, a = r->address + off, end = r->address + off + len, start, size;
    while (a < end && pt_hal_flash_sector_of(a, &start, &size) == PT_HAL_OK && size) {
        sectors++;
        a = start + size;
    }
    const uint32_t now = pt_hal_millis();
    if ((uint32_t)(now - s_erase.window_ms) >= PT_ERASE_BUDGET_WINDOW_MS || s_erase.erased == 0) {
        s_erase.window_ms = now;
        s_erase.erased = 0;
    }
    if (s_erase.erased + sectors > PT_ERASE_BUDGET_SECTORS) {
        const uint32_t wait_ms = PT_ERASE_BUDGET_WINDOW_MS - (now - s_erase.window_ms); /* the window's end */
        return pt_fail(pt_rate_limited(wait_ms), "erase of %lu sectors exceeds the budget of a locked board (%lu per %lu s, "
                                                 "%lu used): retry in %lu s",
                       (unsigned long)sectors, (unsigned long)PT_ERASE_BUDGET_SECTORS,
                       (unsigned long)(PT_ERASE_BUDGET_WINDOW_MS / 1000u), (unsigned long)s_erase.erased,
                       (unsigned long)(wait_ms / 1000u + 1u));
    }
    s_erase.erased += sectors;
    return PT_OK;
}

void pt_access_info(const pt_link *link, uint8_t out[PT_ACCESS_INFO_SIZE])
{
    const uint8_t tlvs[PT_ACCESS_INFO_SIZE] = {
        PT_INFO_ACCESS, 1, pt_policy_active() ? PT_ACCESS_POLICY : PT_ACCESS_OPEN, PT_INFO_ROLE, 1, pt_auth_role(link),
        PT_INFO_LINK_KIND, 1, link->kind,
#ifdef PT_SEALED_SESSIONS
#ifdef PT_WITH_KEYSET
        PT_INFO_ACCESS_KEYS, 1, (uint8_t)pt_keyset_access_count(),
#else
        PT_INFO_ACCESS_KEYS, 1, pt_hal_board()->access_key_count,
#endif
        PT_INFO_AUTH_MODE, 1, PT_AUTH_MODE_SEALED};
#else
        PT_INFO_AUTH_MODE, 1, PT_AUTH_MODE_SIGNED_NONCE};
#endif
    memcpy(out, tlvs, sizeof tlvs);
}

/* Failed proofs in a row (all links) with a genuine credential (signed by a trusted access key):
 * expired, for another device, or presented without its key. A peer without any credential
 * cannot lock technicians out; its attempts cost the board one SHA-256 per access key. */
static struct {
    uint32_t failures;
    uint32_t locked_until; /* pt_hal_millis() until which AUTH_PROOF is refused */
} s_lock;
#define AUTH_MAX_FAILURES 5u
#define AUTH_LOCKOUT_MS 60000u

enum pt_status pt_auth_refuse(enum pt_status s)
{
    if (++s_lock.failures >= AUTH_MAX_FAILURES) {
        s_lock.locked_until = pt_hal_millis() + AUTH_LOCKOUT_MS;
        s_lock.failures = 0;
#ifndef PT_TERSE_MESSAGES /* the images without texts: the refusal's retry-after field says it */
        pt_hal_log("auth: lockout 60 s");
#endif
    }
    return s;
}

enum pt_status pt_auth_lockout(void)
{
    const uint32_t wait_ms = s_lock.locked_until - pt_hal_millis();
    if ((int32_t)wait_ms > 0)
        return pt_fail(pt_rate_limited(wait_ms), "too many failed handshakes: try again in %lu s",
                       (unsigned long)(wait_ms / 1000u + 1u));
    return PT_OK;
}

static uint32_t s_time_floor; /* newest credential start accepted: a clock for boards without one */

void pt_auth_accepted(const uint8_t *cred)
{
    s_lock.failures = 0;
    const uint32_t nb = pt_get32(cred + PT_CRED_OFF_NOT_BEFORE);
    if (nb > s_time_floor)
        s_time_floor = nb;
}

enum pt_status pt_auth_check_credential(const uint8_t *cred, uint8_t *role, bool *genuine)
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
     * provisioned ones): a revoked access key's credentials are refused from then on. Builds
     * without a key store: the provisioned access keys. */
    const pt_trusted_key *issuer = NULL;
#ifdef PT_WITH_KEYSET
    pt_trusted_key issuer_key;
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
        if (memcmp(fp, cred + PT_CRED_OFF_ISSUER, 32) == 0)
            issuer = &b->access_keys[i];
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

#ifdef PT_NONCE_AUTH
static enum pt_status verify_signed(const uint8_t nonce[32], const uint8_t *req, uint8_t *role, bool *genuine)
{
    const pt_board *b = pt_hal_board();
    *genuine = false;
    enum pt_status s = pt_auth_check_credential(req, role, genuine);
    if (s != PT_OK)
        return s;
    uint8_t h[32];
    pt_hal_sha256_ctx c;
    pt_hal_sha256_start(&c);
    pt_hal_sha256_update(&c, PT_AUTH_LABEL_NONCE, (uint32_t)strlen(PT_AUTH_LABEL_NONCE));
    pt_hal_sha256_update(&c, nonce, PT_AUTH_NONCE_SIZE);
    pt_hal_sha256_update(&c, b->unique_id, b->unique_id_len <= PT_UNIQUE_ID_MAX ? b->unique_id_len : PT_UNIQUE_ID_MAX);
    pt_hal_sha256_update(&c, req, PT_CRED_SIZE);
    pt_hal_sha256_finish(&c, h);
    const uint8_t sig_len = req[PT_CRED_SIZE];
    const pt_hal_result rc = sig_len < 8 || sig_len > PT_SIGNATURE_MAX
                                 ? PT_HAL_E_SIGNATURE
                                 : pt_hal_p256_verify(req + PT_CRED_OFF_SUBJECT, h, req + PT_CRED_SIZE + 1, sig_len);
    if (rc == PT_HAL_E_NO_MEMORY)
        return pt_fail(PT_E_INTERNAL, "out of crypto memory while checking the signed nonce");
    if (rc != PT_HAL_OK)
        return pt_fail(PT_E_AUTH_FAILED, "the holder's signature over the nonce does not verify "
                                         "(credential used without its key, or an old nonce)");
    pt_auth_accepted(req);
    return PT_OK;
}

static enum pt_status auth_nonce(pt_link *link, uint32_t len, uint8_t *out)
{
    const pt_board *b = pt_hal_board();
    if (len != 0)
        return pt_fail(PT_E_BAD_REQUEST, "AUTH_NONCE takes no payload, got %lu bytes", (unsigned long)len);
    pt_auth_end(link); /* a new nonce replaces any role of this link */
    pt_hal_nonce(link->auth.transcript);
    memset(out, 0, PT_AUTH_NONCE_RESPONSE_SIZE);
    memcpy(out, link->auth.transcript, PT_AUTH_NONCE_SIZE);
    out[32] = b->unique_id_len <= PT_UNIQUE_ID_MAX ? b->unique_id_len : PT_UNIQUE_ID_MAX;
    memcpy(out + 36, b->unique_id, out[32]);
    link->auth.state = PT_AUTH_STATE_NONCE;
    return PT_OK;
}

static enum pt_status auth_signed(pt_link *link, const uint8_t *req, uint32_t len, uint8_t *out)
{
    if (len != PT_AUTH_SIGNED_SIZE)
        return pt_fail(PT_E_BAD_REQUEST, "AUTH_SIGNED takes %u payload bytes, got %lu", (unsigned)PT_AUTH_SIGNED_SIZE,
                       (unsigned long)len);
    if (link->auth.state != PT_AUTH_STATE_NONCE)
        return pt_fail(PT_E_STATE, "AUTH_SIGNED without a fresh AUTH_NONCE on this link");
    uint8_t nonce[PT_AUTH_NONCE_SIZE];
    memcpy(nonce, link->auth.transcript, sizeof nonce);
    pt_auth_end(link); /* the nonce is used once, whatever the outcome */
    enum pt_status s = pt_auth_lockout();
    if (s != PT_OK)
        return s;
    uint8_t role = 0;
    bool genuine = false;
    s = verify_signed(nonce, req, &role, &genuine);
    if (s != PT_OK)
        return s == PT_E_AUTH_FAILED && genuine ? pt_auth_refuse(s) : s;
    pt_auth_grant(link, role, PT_AUTH_STATE_GRANTED, out);
    return PT_OK;
}

enum pt_status pt_auth_nonce_mode(pt_link *link, uint8_t command, const uint8_t *req, uint32_t len, uint8_t *out,
                                  uint32_t *out_len)
{
    const bool nonce = command == PT_CMD_AUTH_NONCE;
    enum pt_status s = nonce ? auth_nonce(link, len, out) : auth_signed(link, req, len, out);
    *out_len = s != PT_OK ? 0u : nonce ? PT_AUTH_NONCE_RESPONSE_SIZE : PT_AUTH_SIGNED_RESPONSE_SIZE;
    return s;
}
#endif

#else
typedef int pt_auth_verify_not_built; /* ISO C wants a translation unit to declare something */
#endif
