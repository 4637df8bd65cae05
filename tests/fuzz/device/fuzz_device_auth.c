/*
 * The session handshake and sealed frames (device-firmware/common/auth.c through server.c and
 * link.c; docs/protocol.md §6), stateful, on the RAM flash model of tests/device/test_hal.c with
 * the access policy on: the board trusts one access key and holds an identity key (both fixed
 * here, made from a fixed seed with mbed TLS).
 *
 * Input: byte 0 sets the board and the start: bit 0 locked, bit 1 the links are serial (else
 * network), bits 2-3 a role 1..3: the harness first completes a genuine handshake on link 1
 * with a credential of that role (AUTH_HELLO, the holder's proof, keys by HKDF) so that the
 * requests below reach the handlers behind the policy; 0 = no handshake. Then at most 16
 * requests, each
 *   u8 command, u8 options, u16 payload length (little-endian), payload
 * options: bit 0 sealed with the session's keys (a valid tag; otherwise the payload goes as it
 * is, which covers raw AUTH_HELLO/AUTH_PROOF and forged sealed frames), bit 1 flip one bit of
 * the sealed frame after sealing (not in its length field), bit 2 reuse the last counter (a replay), bit 3 set the sealed
 * flag on an unsealed frame, bit 4 on link 2, bits 5-7 advance the clock by (bits) x 50 s
 * before it (past the idle timeout and the HELLO rate limit's refill).
 *
 * Checks: the device answers every request with exactly one well-formed response (or resets);
 * a sealed response opens with the session's device-to-host key and its counter increases.
 * Every input starts from the same state (flash restored, sessions and auth state reset). The
 * genuine handshakes run once at start-up; an input with a role starts from the link state they
 * left (the device's pt_link_auth and the harness' keys), with the session's idle clock reset.
 */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "frame.h"
#include "fuzz_board.h"
#include "fuzz_crypto_memo.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecdh.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/ecp.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/sha256.h"
#include "piton/protocol.h"
#include "pt_bytes.h"
#include "session.h"
#include "test_hal.h"

#define MAX_PLAIN 4096u

static uint8_t s_frame[MAX_PLAIN + PT_SEAL_OVERHEAD + PT_FRAME_OVERHEAD];
static uint8_t s_sealed[MAX_PLAIN + PT_SEAL_OVERHEAD];

static mbedtls_ctr_drbg_context s_drbg;
static mbedtls_ecp_group s_grp;
static mbedtls_mpi s_holder_d, s_host_eph_d;
static uint8_t s_host_eph[65];
static uint8_t s_cred[3][PT_CRED_SIZE]; /* observer, technician, factory */

/* The session the harness holds on link 1. */
typedef struct {
    bool on;
    uint8_t k_h2d[32], k_d2h[32];
    uint64_t tx, rx;
} harness_session;
static harness_session s_sess;
/* The state right after a genuine handshake of each role (made once: the handshake's four scalar
 * multiplications under ASan would otherwise cost ~30 ms per input): both sides' session. */
static struct {
    pt_link_auth device;
    harness_session host;
} s_after_handshake[3];

static int fixed_entropy(void *ctx, unsigned char *out, size_t len)
{
    uint32_t *st = ctx;
    for (size_t i = 0; i < len; i++) {
        *st = *st * 1664525u + 1013904223u;
        out[i] = (unsigned char)(*st >> 24);
    }
    return 0;
}

static void must(int ok)
{
    if (!ok)
        abort();
}

static const uint8_t k_spki_prefix[26] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                                          0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};

/* A fresh P-256 key pair: scalar into d, uncompressed point into pub (65). */
static void keypair(mbedtls_mpi *d, uint8_t pub[65])
{
    mbedtls_ecp_point q;
    mbedtls_ecp_point_init(&q);
    size_t n = 0;
    must(mbedtls_ecp_gen_keypair(&s_grp, d, &q, mbedtls_ctr_drbg_random, &s_drbg) == 0);
    must(mbedtls_ecp_point_write_binary(&s_grp, &q, MBEDTLS_ECP_PF_UNCOMPRESSED, &n, pub, 65) == 0 && n == 65);
    mbedtls_ecp_point_free(&q);
}

/* DER ECDSA signature of `hash` with scalar d into sig (at most 72 bytes); returns its length. */
static uint8_t sign(const mbedtls_mpi *d, const uint8_t hash[32], uint8_t *sig)
{
    mbedtls_mpi r, s;
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    must(mbedtls_ecdsa_sign(&s_grp, &r, &s, d, hash, 32, mbedtls_ctr_drbg_random, &s_drbg) == 0);
    /* DER SEQUENCE { INTEGER r, INTEGER s } */
    uint8_t ints[2][34];
    size_t lens[2];
    const mbedtls_mpi *v[2] = {&r, &s};
    for (int i = 0; i < 2; i++) {
        uint8_t b[33];
        b[0] = 0;
        must(mbedtls_mpi_write_binary(v[i], b + 1, 32) == 0);
        size_t at = 0;
        while (at < 32 && b[at] == 0 && !(b[at + 1] & 0x80))
            at++;
        lens[i] = 33 - at;
        memcpy(ints[i], b + at, lens[i]);
    }
    uint8_t n = 0;
    sig[n++] = 0x30;
    sig[n++] = (uint8_t)(4 + lens[0] + lens[1]);
    for (int i = 0; i < 2; i++) {
        sig[n++] = 0x02;
        sig[n++] = (uint8_t)lens[i];
        memcpy(sig + n, ints[i], lens[i]);
        n = (uint8_t)(n + lens[i]);
    }
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    return n;
}

static void setup(void)
{
    static uint32_t seed = 0x5eed;
    mbedtls_ctr_drbg_init(&s_drbg);
    must(mbedtls_ctr_drbg_seed(&s_drbg, fixed_entropy, &seed, NULL, 0) == 0);
    mbedtls_ecp_group_init(&s_grp);
    must(mbedtls_ecp_group_load(&s_grp, MBEDTLS_ECP_DP_SECP256R1) == 0);
    mbedtls_mpi access_d, id_d;
    mbedtls_mpi_init(&access_d);
    mbedtls_mpi_init(&id_d);
    mbedtls_mpi_init(&s_holder_d);
    mbedtls_mpi_init(&s_host_eph_d);
    uint8_t access_pub[65], holder_pub[65];
    pt_board *b = th_board();
    keypair(&access_d, access_pub);
    keypair(&id_d, b->identity_pub);
    keypair(&s_holder_d, holder_pub);
    keypair(&s_host_eph_d, s_host_eph);
    must(mbedtls_mpi_write_binary(&id_d, b->identity_key, 32) == 0);
    b->has_identity = true;
    b->access_key_count = 1;
    b->access_keys[0].der_len = 91;
    memcpy(b->access_keys[0].der, k_spki_prefix, 26);
    memcpy(b->access_keys[0].der + 26, access_pub, 65);
    uint8_t issuer[32];
    mbedtls_sha256_ret(b->access_keys[0].der, 91, issuer, 0);
    for (int role = PT_ROLE_OBSERVER; role <= PT_ROLE_FACTORY; role++) {
        uint8_t *c = s_cred[role - 1];
        memset(c, 0, PT_CRED_SIZE);
        memcpy(c, PT_CRED_MAGIC, 4);
        c[4] = PT_CRED_VERSION;
        c[PT_CRED_OFF_ROLE] = (uint8_t)role;
        pt_put32(c + PT_CRED_OFF_NOT_BEFORE, 0);
        pt_put32(c + PT_CRED_OFF_NOT_AFTER, 0xFFFFFFFFu);
        pt_put32(c + PT_CRED_OFF_SERIAL, (uint32_t)role);
        memcpy(c + PT_CRED_OFF_SUBJECT, holder_pub, 65);
        memcpy(c + PT_CRED_OFF_ISSUER, issuer, 32);
        uint8_t h[32];
        mbedtls_sha256_ret(c, PT_CRED_SIGNED_SIZE, h, 0);
        c[PT_CRED_OFF_SIG_LEN] = sign(&access_d, h, c + PT_CRED_OFF_SIG);
    }
    mbedtls_mpi_free(&access_d);
    mbedtls_mpi_free(&id_d);
}

/* Every input starts from the board fb_snapshot() took, without a harness session. */
static void restore(void)
{
    fcm_next_input();
    fb_restore();
    memset(&s_sess, 0, sizeof s_sess);
}

static void nonce_of(uint8_t nonce[12], uint32_t direction, uint64_t counter)
{
    pt_put32(nonce, direction);
    pt_put32(nonce + 4, (uint32_t)counter);
    pt_put32(nonce + 8, (uint32_t)(counter >> 32));
}

/* A sealed response on the harness' session must open and count up. */
static void check_sealed_response(const pt_frame *f)
{
    if (!(f->flags & PT_FRAME_FLAG_SEALED))
        return;
    if (!s_sess.on || f->length < PT_SEAL_OVERHEAD)
        abort();
    const uint8_t *p = f->payload;
    const uint64_t counter = (uint64_t)pt_get32(p) | ((uint64_t)pt_get32(p + 4) << 32);
    if (counter <= s_sess.rx)
        abort();
    uint8_t nonce[12], plain[MAX_PLAIN + 1024];
    const uint32_t n = f->length - PT_SEAL_OVERHEAD;
    if (n > sizeof plain)
        abort();
    nonce_of(nonce, 1, counter);
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    must(mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, s_sess.k_d2h, 256) == 0);
    if (mbedtls_gcm_auth_decrypt(&g, n, nonce, 12, p - PT_FRAME_HEADER_SIZE, PT_FRAME_HEADER_SIZE, p + 8 + n, 16,
                                 p + 8, plain) != 0)
        abort();
    mbedtls_gcm_free(&g);
    s_sess.rx = counter;
}

static const pt_frame *plain_request(pt_link *l, uint8_t cmd, uint16_t seq, const uint8_t *payload, uint32_t len)
{
    const size_t n = pt_frame_encode(s_frame, cmd, seq, 0, 0, payload, len);
    th_clear_sent();
    (void)th_feed_on(l, s_frame, n);
    return fb_response(cmd);
}

/* The genuine handshake on link 1 with the credential of `role`. */
static void handshake(uint8_t role, uint16_t *seq)
{
    uint8_t hello[PT_AUTH_HELLO_SIZE] = {PT_AUTH_VERSION, 0, 0, 0};
    memcpy(hello + 4, s_host_eph, 65);
    const pt_frame *f = plain_request(&th_link, PT_CMD_AUTH_HELLO, (*seq)++, hello, sizeof hello);
    if (!f || f->status != PT_OK || f->length != PT_AUTH_HELLO_RESPONSE_SIZE)
        abort(); /* a fresh board with an identity key answers HELLO */
    uint8_t dev_eph[65], t1[32], m2h[32];
    memcpy(dev_eph, f->payload, 65);
    mbedtls_sha256_context h;
    mbedtls_sha256_init(&h);
    mbedtls_sha256_starts_ret(&h, 0);
    mbedtls_sha256_update_ret(&h, (const uint8_t *)PT_AUTH_LABEL_HELLO, strlen(PT_AUTH_LABEL_HELLO));
    mbedtls_sha256_update_ret(&h, s_host_eph, 65);
    mbedtls_sha256_update_ret(&h, f->payload, 65);
    mbedtls_sha256_update_ret(&h, f->payload + 65, 65);
    mbedtls_sha256_finish_ret(&h, t1);
    const uint8_t *cred = s_cred[role - 1];
    mbedtls_sha256_starts_ret(&h, 0);
    mbedtls_sha256_update_ret(&h, (const uint8_t *)PT_AUTH_LABEL_PROOF, strlen(PT_AUTH_LABEL_PROOF));
    mbedtls_sha256_update_ret(&h, t1, 32);
    mbedtls_sha256_update_ret(&h, cred, PT_CRED_SIZE);
    mbedtls_sha256_finish_ret(&h, m2h);
    mbedtls_sha256_free(&h);
    uint8_t proof[PT_AUTH_PROOF_SIZE];
    memset(proof, 0, sizeof proof);
    memcpy(proof, cred, PT_CRED_SIZE);
    proof[PT_CRED_SIZE] = sign(&s_holder_d, m2h, proof + PT_CRED_SIZE + 1);
    f = plain_request(&th_link, PT_CMD_AUTH_PROOF, (*seq)++, proof, sizeof proof);
    if (!f || f->status != PT_OK || f->length != PT_AUTH_PROOF_RESPONSE_SIZE || f->payload[0] != role)
        abort();
    /* Z = x(e_host * E_dev); K_h2d || K_d2h = HKDF(SHA-256(M2), Z, label). */
    mbedtls_ecp_point q;
    mbedtls_mpi z;
    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&z);
    uint8_t zb[32], keys[64];
    must(mbedtls_ecp_point_read_binary(&s_grp, &q, dev_eph, 65) == 0);
    must(mbedtls_ecdh_compute_shared(&s_grp, &z, &q, &s_host_eph_d, mbedtls_ctr_drbg_random, &s_drbg) == 0);
    must(mbedtls_mpi_write_binary(&z, zb, 32) == 0);
    must(mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), m2h, 32, zb, 32,
                      (const uint8_t *)PT_AUTH_LABEL_KEYS, strlen(PT_AUTH_LABEL_KEYS), keys, 64) == 0);
    mbedtls_ecp_point_free(&q);
    mbedtls_mpi_free(&z);
    memcpy(s_sess.k_h2d, keys, 32);
    memcpy(s_sess.k_d2h, keys + 32, 32);
    s_sess.on = true;
}

/* Encodes a sealed request frame into s_frame; returns its size. */
static size_t seal_request(uint8_t cmd, uint16_t seq, const uint8_t *payload, uint32_t len, uint64_t counter)
{
    memset(s_sealed, 0, len + PT_SEAL_OVERHEAD);
    (void)pt_frame_encode(s_frame, cmd, seq, PT_FRAME_FLAG_SEALED, 0, s_sealed, len + PT_SEAL_OVERHEAD);
    uint8_t header[PT_FRAME_HEADER_SIZE], nonce[12];
    memcpy(header, s_frame, sizeof header);
    pt_put32(s_sealed, (uint32_t)counter);
    pt_put32(s_sealed + 4, (uint32_t)(counter >> 32));
    nonce_of(nonce, 0, counter);
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    must(mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, s_sess.k_h2d, 256) == 0);
    must(mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, len, nonce, 12, header, sizeof header, payload,
                                   s_sealed + 8, 16, s_sealed + 8 + len) == 0);
    mbedtls_gcm_free(&g);
    return pt_frame_encode(s_frame, cmd, seq, PT_FRAME_FLAG_SEALED, 0, s_sealed, len + PT_SEAL_OVERHEAD);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fb_ready()) {
        th_factory();
        fcm_init();
        setup();
        (void)th_boot();
        for (uint8_t role = PT_ROLE_OBSERVER; role <= PT_ROLE_FACTORY; role++) {
            uint16_t seq = 1;
            memset(&s_sess, 0, sizeof s_sess);
            memset(&th_link.auth, 0, sizeof th_link.auth);
            th_link.hello_started = 0;
            handshake(role, &seq);
            s_after_handshake[role - 1].device = th_link.auth;
            s_after_handshake[role - 1].host = s_sess;
        }
        th_link.hello_started = 0;
        memset(&th_link.auth, 0, sizeof th_link.auth);
        memset(&s_sess, 0, sizeof s_sess);
        fb_snapshot();
    }
    if (size == 0)
        return 0;
    restore();
    th_board()->locked = data[0] & 1;
    th_link.kind = th_link2.kind = (data[0] & 2) ? PT_LINK_SERIAL : PT_LINK_NETWORK;
    uint16_t seq = 1;
    const uint8_t role = (data[0] >> 2) & 3;
    if (role) {
        th_link.auth = s_after_handshake[role - 1].device;
        th_link.auth.last_ms = pt_hal_millis();
        s_sess = s_after_handshake[role - 1].host;
    }
    size_t at = 1;
    for (int n = 0; n < 16 && size - at >= 4; n++) {
        const uint8_t command = data[at], options = data[at + 1];
        uint32_t len = (uint32_t)data[at + 2] | (uint32_t)data[at + 3] << 8;
        at += 4;
        if (len > size - at)
            len = (uint32_t)(size - at);
        const uint8_t *payload = data + at;
        at += len;
        th_advance_ms(50000u * (uint32_t)(options >> 5));
        pt_link *l = (options & 0x10) ? &th_link2 : &th_link;
        const uint32_t max = fb_max_request(l); /* what the link takes as a frame (fuzz_board.h) */
        size_t frame_len;
        if ((options & 1) && s_sess.on && len <= MAX_PLAIN && max >= PT_SEAL_OVERHEAD) {
            if (len > max - PT_SEAL_OVERHEAD)
                len = max - PT_SEAL_OVERHEAD;
            const uint64_t counter = (options & 4) && s_sess.tx ? s_sess.tx : ++s_sess.tx;
            frame_len = seal_request(command, seq++, payload, len, counter);
            if (options & 2) { /* one bit altered in transit, CRC made valid again */
                /* Not in the length field: a frame that claims another length takes the next
                 * requests' bytes into it (or leaves its tail to be scanned as a frame), so the
                 * one-response-per-request check would not hold; the frame decoder's resync on
                 * such a stream is device_frame's. */
                size_t bit = ((size_t)(len ? payload[0] : 0) * 7u + (size_t)n) % ((frame_len - 8) * 8);
                if (bit >= 8 * 8)
                    bit += 4 * 8;
                s_frame[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                pt_put32(s_frame + frame_len - 4, pt_crc32(s_frame, frame_len - 4));
            }
        } else {
            if (len > max)
                len = max;
            frame_len = pt_frame_encode(s_frame, command, seq++, (options & 8) ? PT_FRAME_FLAG_SEALED : 0, 0, payload,
                                        len);
        }
        th_clear_sent();
        (void)th_feed_on(l, s_frame, frame_len);
        const pt_frame *f = fb_response(s_frame[3]);
        if (f && l == &th_link) {
            check_sealed_response(f);
            if (f->status == PT_E_SEAL || (command == PT_CMD_AUTH_HELLO && !(options & 1)))
                s_sess.on = false; /* the device ended the session */
        }
    }
    return 0;
}
