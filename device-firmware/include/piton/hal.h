/*
 * Piton device HAL — what a port (a real MCU, or ports/host = piton-vboard) provides to the
 * portable bootloader and update agent. C11, no heap. All functions are called from one thread.
 *
 * Addresses are absolute (as in the board's memory map); lengths are bytes; times milliseconds.
 * docs/porting.md explains the contract; ports/template/template_hal.c is an empty HAL to start
 * a port from.
 */
#ifndef PITON_HAL_H
#define PITON_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Board description (filled by the port at start-up; constant afterwards) -------------- */

#define PT_MAX_REGIONS 8u
#define PT_MAX_SECTOR_RUNS 8u
#define PT_MAX_TRUSTED_KEYS 2u
#define PT_MAX_ACCESS_KEYS 2u
#define PT_MAX_ROOT_KEYS 2u    /* root keys: may move the security counter freely (docs/security.md) */
#define PT_PUBKEY_DER_MAX 128u /* DER SubjectPublicKeyInfo of a P-256 key is 91 bytes */
#define PT_UNIQUE_ID_MAX 16u

/** A run of `count` equal sectors of `size` bytes. */
typedef struct {
    uint16_t count;
    uint32_t size;
} pt_sector_run;

/** A named flash region (docs/protocol.md §4.3). Its index in pt_board.regions is its wire id. */
typedef struct {
    char name[16];              /* NUL-terminated, at most 15 characters */
    uint32_t address;           /* absolute address of the first byte */
    uint32_t size;              /* bytes */
    uint32_t flags;             /* PT_REGION_* from protocol.h */
    uint8_t run_count;          /* 1..PT_MAX_SECTOR_RUNS */
    pt_sector_run runs[PT_MAX_SECTOR_RUNS]; /* the region's sectors, in address order */
} pt_region;

/** A trusted public key: DER SubjectPublicKeyInfo (ECDSA P-256). */
typedef struct {
    uint16_t der_len;
    uint8_t der[PT_PUBKEY_DER_MAX];
} pt_trusted_key;

/**
 * What the bootloader and agent know about the board they run on. On a real MCU this is
 * compiled in plus the factory provisioning block; piton-vboard builds it from the board profile
 * JSON and the provisioning block in its flash file.
 */
typedef struct {
    char board_id[32];          /* NUL-terminated */
    uint8_t unique_id[PT_UNIQUE_ID_MAX];
    uint8_t unique_id_len;
    bool locked;                /* production device: no raw writes */
    uint8_t trusted_key_count;
    pt_trusted_key trusted_keys[PT_MAX_TRUSTED_KEYS];
    uint8_t root_key_count;     /* root keys (factory provisioning; 0 on boards without them): they sign
                                 * packages too, and only theirs may raise the security counter by more
                                 * than PT_SECURITY_COUNTER_MAX_STEP */
    pt_trusted_key root_keys[PT_MAX_ROOT_KEYS];
    uint8_t region_count;
    pt_region regions[PT_MAX_REGIONS];
    uint32_t session_timeout_ms; /* idle time after which a session releases the board;
                                  * 0 = PT_SESSION_TIMEOUT_MS (docs/protocol.md §5) */
    /* Access policy (docs/security.md "Sessions and access policy"). A board with at least one
     * access key enforces the policy; one without stays open as before (INFO PT_INFO_ACCESS). */
    uint8_t access_key_count;
    pt_trusted_key access_keys[PT_MAX_ACCESS_KEYS]; /* credential issuers; never package signers */
    bool has_identity;           /* identity_key holds the board's own P-256 private scalar */
    uint8_t identity_key[32];    /* signs the handshake transcript (docs/protocol.md §6.2) */
    uint8_t identity_pub[65];    /* its public point, sent in AUTH_HELLO */
    /* Key set store (docs/security.md "Rotating and revoking keys"): protected flash where the
     * core programs the key set of each key update into the next erased slot of
     * PT_KEYSET_SLOT_SIZE bytes; it never erases it (a factory re-provision does). Size 0: the
     * board keeps its provisioned keys and refuses key updates. */
    uint32_t keystore_address;
    uint32_t keystore_size;      /* bytes */
} pt_board;
#define PT_KEYSET_SLOT_SIZE 1024u

/** The board this code runs on. Never NULL after the port's start-up. */
const pt_board *pt_hal_board(void);

/* ---- Flash (NOR semantics) ---------------------------------------------------------------- */

typedef enum {
    PT_HAL_OK = 0,
    PT_HAL_E_RANGE = -1,       /* address/length outside every flash device */
    PT_HAL_E_NOT_ERASED = -2,  /* program would set a bit that is 0; nothing written */
    PT_HAL_E_ALIGNMENT = -3,   /* erase address is not a sector start */
    PT_HAL_E_IO = -4,          /* the medium failed */
    PT_HAL_E_SIGNATURE = -5,   /* pt_hal_p256_verify: the signature does not verify (or is not
                                * a DER ECDSA-Sig-Value, or the key is not a P-256 point) */
    PT_HAL_E_NO_MEMORY = -6    /* pt_hal_p256_verify: the crypto library's memory ran out (an
                                * internal error of the device, never a bad signature) */
} pt_hal_result;

/** Reads `len` bytes at `address` into `buf`. */
pt_hal_result pt_hal_flash_read(uint32_t address, void *buf, uint32_t len);

/**
 * Programs `len` bytes at `address`. NOR rule: programming can only clear bits. If any byte
 * would need a 0 bit set to 1, returns PT_HAL_E_NOT_ERASED and writes nothing.
 * May cross sector boundaries but not flash-device boundaries.
 */
pt_hal_result pt_hal_flash_program(uint32_t address, const void *buf, uint32_t len);

/** Erases the sector that starts at `address` (all bytes become 0xFF). */
pt_hal_result pt_hal_flash_erase_sector(uint32_t address);

/** Finds the sector containing `address`: its start and size. PT_HAL_E_RANGE if none. */
pt_hal_result pt_hal_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size);

/* ---- Crypto ------------------------------------------------------------------------------- */
/*
 * SHA-256 (FIPS 180-4) and ECDSA P-256 signature verification (FIPS 186-4, SEC 1). The core
 * never calls a crypto library itself. A port implements these with mbed TLS 2.28 by linking
 * device-firmware/crypto/pt_crypto_mbedtls.c (ports/host, the mps2-an386 bootloader), or
 * forwards them to the bootloader's service table (piton/services.h: the mps2-an386
 * application). Never write your own crypto.
 */

/** Storage for one SHA-256 computation; opaque to the core, at least as large as the
 *  implementation's context (pt_crypto_mbedtls.c checks mbedtls_sha256_context at compile time). */
typedef struct {
    uint32_t opaque[28];
} pt_hal_sha256_ctx;

/** Starts a SHA-256 computation in `ctx`. */
void pt_hal_sha256_start(pt_hal_sha256_ctx *ctx);
/** Hashes `len` more bytes (any length, including 0). */
void pt_hal_sha256_update(pt_hal_sha256_ctx *ctx, const void *data, uint32_t len);
/** Writes the 32-byte digest to `out`; `ctx` must be started again before reuse. */
void pt_hal_sha256_finish(pt_hal_sha256_ctx *ctx, uint8_t out[32]);

/**
 * Verifies the ECDSA P-256 signature `sig` (DER ECDSA-Sig-Value, RFC 5480 §2.2.3; `sig_len`
 * bytes, at most 72) of the 32-byte `hash` under the public key `point` (uncompressed SEC 1
 * point: 0x04, X, Y; 65 bytes). PT_HAL_OK when it verifies; PT_HAL_E_SIGNATURE when it does
 * not, is malformed, or `point` is not on the curve; PT_HAL_E_NO_MEMORY when the crypto
 * library ran out of memory (a static arena on a target: the caller reports an internal error,
 * not a bad signature).
 */
pt_hal_result pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                 uint32_t sig_len);

/*
 * Crypto of authenticated sessions (docs/protocol.md §6). Needed only by a build with
 * PT_SEALED_SESSIONS (piton-vboard, the device tests, the mps2-an386 agent);
 * device-firmware/crypto/pt_session_mbedtls.c implements them with mbed TLS 2.28. P-256 private keys are 32-byte big-endian scalars, public
 * keys 65-byte uncompressed SEC 1 points (SEC 1 v2 §2.3.3).
 */

/** Fills `out` with `len` bytes from the board's random source (a TRNG; /dev/urandom on the
 *  host). PT_HAL_E_IO when it cannot. */
pt_hal_result pt_hal_random(uint8_t *out, uint32_t len);

/**
 * Signed-nonce mode (docs/protocol.md §6.6; builds with PT_NONCE_AUTH): fills `out` with a
 * nonce this board has never handed out before, across resets. A port with a TRNG takes 32
 * random bytes; a port without one (mps2-an386) hashes a persistent counter that grows at every
 * reset with a per-reset counter, the unique id and its timers, so nonces are unique but not
 * secret (docs/security.md "What each stage offers" says why unique is what counts).
 */
void pt_hal_nonce(uint8_t out[32]);

/** Seconds since 1970-01-01 UTC from the board's clock, or 0 when the board has none (then a
 *  credential's validity is checked against the newest credential start it has seen). */
uint32_t pt_hal_unix_time(void);

/** Generates an ephemeral P-256 key pair (private scalar, public point). PT_HAL_E_IO when the
 *  random source fails, PT_HAL_E_NO_MEMORY when the crypto library's memory ran out. */
pt_hal_result pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65]);

/** ECDH on P-256 (SEC 1 §3.3.1): the 32-byte x coordinate of priv * peer. PT_HAL_E_SIGNATURE
 *  when `peer` is not a point on the curve. */
pt_hal_result pt_hal_p256_ecdh(const uint8_t priv[32], const uint8_t peer[65], uint8_t secret[32]);

/** ECDSA P-256 signature (deterministic, RFC 6979) of the 32-byte `hash` under `priv`: DER
 *  ECDSA-Sig-Value into `sig` (72 bytes room), its length in *sig_len. */
pt_hal_result pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72], uint32_t *sig_len);

/** HKDF-SHA256 (RFC 5869): `out_len` (<= 255 * 32) bytes from `ikm` with `salt` and `info`. */
pt_hal_result pt_hal_hkdf_sha256(const uint8_t *salt, uint32_t salt_len, const uint8_t *ikm, uint32_t ikm_len,
                                 const uint8_t *info, uint32_t info_len, uint8_t *out, uint32_t out_len);

/** AES-256-GCM (NIST SP 800-38D) in place: encrypts `len` bytes of `data` under `key` with the
 *  12-byte `nonce` and `aad`, writes the 16-byte `tag`. */
pt_hal_result pt_hal_gcm_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad, uint32_t aad_len,
                              uint8_t *data, uint32_t len, uint8_t tag[16]);

/** AES-256-GCM in place: checks `tag` and decrypts. PT_HAL_E_SIGNATURE when the tag does not
 *  match (then `data` holds no plaintext: it is zeroed). */
pt_hal_result pt_hal_gcm_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad, uint32_t aad_len,
                              uint8_t *data, uint32_t len, const uint8_t tag[16]);

/* ---- Clock, reset, retained state ---------------------------------------------------------- */

/** Milliseconds since power-on (wraps after 49 days). */
uint32_t pt_hal_millis(void);

/**
 * Resets the board: the port restarts the bootloader from the top (pt_boot()). Any link the
 * workstation holds drops for the reset. Does not return.
 */
_Noreturn void pt_hal_reset(void);

/**
 * Retained RAM: survives a reset (pt_hal_reset) but not a power cycle, where the port zeroes it.
 * Used for the "stay in the bootloader" request and the boot counter.
 */
typedef struct {
    uint32_t magic;             /* PT_RETAINED_MAGIC when the fields below are meaningful */
    uint32_t request;           /* enum pt_reboot_mode requested by the last REBOOT */
    uint32_t boot_count;        /* resets since power-on */
    uint32_t reserved[5];
} pt_retained;
#define PT_RETAINED_MAGIC 0x50545254u /* "PTRT" */

/** The retained RAM block. Never NULL. */
pt_retained *pt_hal_retained(void);

/* ---- Production lock ---------------------------------------------------------------------- */

/**
 * Locks the board for production (LOCK, docs/protocol.md §4.13): sets the locked flag of the
 * factory provisioning (OTP or option bytes on a real MCU; the provisioning block on
 * piton-vboard) so that pt_hal_board()->locked is true from now on and after every reset and
 * power cycle. Irreversible except by a factory reprovision. PT_HAL_OK also when the board was
 * locked already; PT_HAL_E_IO when the provisioning could not be written (or the port cannot
 * lock: the board stays as it was).
 */
pt_hal_result pt_hal_lock(void);

/* ---- Diagnostics --------------------------------------------------------------------------- */

/**
 * Records one line of the device's own log (NUL-terminated UTF-8, no newline, at most 200
 * bytes), e.g. "session: taken over by ...". A board writes it to its debug UART or a log
 * buffer; piton-vboard prints it to stderr. Must not block for long and may drop lines.
 */
void pt_hal_log(const char *line);

#ifdef __cplusplus
}
#endif

#endif /* PITON_HAL_H */
