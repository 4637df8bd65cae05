/*
 * Piton wire protocol v1 — constants shared by the device (C11) and the host (C++20).
 *
 * This header is the single source of truth for numbers that cross the wire. The byte-by-byte
 * description of frames and payloads is docs/protocol.md; the package and config formats are
 * docs/package-format.md and docs/config-format.md. Everything on the wire is little-endian.
 *
 * The host includes this header too: it holds only macros and enums, no code.
 */
#ifndef PITON_PROTOCOL_H
#define PITON_PROTOCOL_H

/* ---- Framing (docs/protocol.md §2) ------------------------------------------------------- */
#define PT_FRAME_MAGIC0 0x50u /* 'P' */
#define PT_FRAME_MAGIC1 0x54u /* 'T' */
#define PT_PROTOCOL_VERSION 1u
#define PT_FRAME_HEADER_SIZE 12u  /* magic(2) version(1) command(1) seq(2) flags(1) status(1) len(4) */
#define PT_FRAME_TRAILER_SIZE 4u  /* CRC-32 (IEEE 802.3, as zlib's crc32) over header + payload */
#define PT_FRAME_OVERHEAD (PT_FRAME_HEADER_SIZE + PT_FRAME_TRAILER_SIZE)
#define PT_FRAME_FLAG_RESPONSE 0x01u
/* The payload is sealed (docs/protocol.md §6): u64 counter, AES-256-GCM ciphertext, 16-byte tag. */
#define PT_FRAME_FLAG_SEALED 0x02u

/* Every receiver accepts payloads up to this size before PING has negotiated a larger one. */
#define PT_MIN_MAX_PAYLOAD 1024u
/* Largest payload either side ever sends (the device may offer less per link). */
#define PT_ABSOLUTE_MAX_PAYLOAD 65536u
/* Longest UTF-8 message carried by an error response. */
#define PT_MAX_ERROR_MESSAGE 200u
/* A RATE_LIMITED error response carries, after its message, a NUL and a u32 LE retry_after_ms:
 * how long the peer should wait before it asks again (docs/protocol.md §3, "Retry-after"). */
#define PT_RETRY_AFTER_SIZE 5u

/* ---- Commands (docs/protocol.md §4) ------------------------------------------------------ */
enum pt_command {
    PT_CMD_PING = 0x01,
    PT_CMD_INFO = 0x02,
    PT_CMD_REGIONS = 0x03,
    PT_CMD_SESSION = 0x04,       /* claim (or take over) the board for changes (§4.12) */

    PT_CMD_READ = 0x10,
    PT_CMD_ERASE = 0x11,
    PT_CMD_WRITE = 0x12,
    PT_CMD_HASH = 0x13,

    PT_CMD_CONFIG_READ = 0x20,
    PT_CMD_CONFIG_WRITE = 0x21,
    PT_CMD_CONFIG_GET = 0x22,
    PT_CMD_CONFIG_SET = 0x23,

    PT_CMD_UPDATE_BEGIN = 0x30,
    PT_CMD_UPDATE_DATA = 0x31,
    PT_CMD_UPDATE_STATUS = 0x32,
    PT_CMD_UPDATE_COMMIT = 0x33,
    PT_CMD_UPDATE_ABORT = 0x34,  /* erase staging, whatever its state (recovery of corrupt staging) */

    PT_CMD_REBOOT = 0x40,
    PT_CMD_CONFIRM = 0x41,       /* confirm the running trial image (docs/protocol.md §4.11) */
    PT_CMD_LOCK = 0x42,          /* lock the board for production; irreversible (§4.13) */
    PT_CMD_KEY_UPDATE = 0x43,    /* apply a root-signed key update to the board's key set (§4.14) */

    PT_CMD_AUTH_HELLO = 0x50,    /* authenticated session, step 1: ephemeral keys (§6.2) */
    PT_CMD_AUTH_PROOF = 0x51,    /* step 2: credential and the holder's signature (§6.3) */
    PT_CMD_AUTH_NONCE = 0x52,    /* signed-nonce mode, step 1: a fresh device nonce (§6.6) */
    PT_CMD_AUTH_SIGNED = 0x53    /* step 2: credential and the holder's signature over the nonce (§6.6) */
};

/* ---- LOCK (docs/protocol.md §4.13) ------------------------------------------------------- */
/* The request carries these 4 bytes, so that no stray frame locks a board by accident. */
#define PT_LOCK_CONFIRM "LOCK"
#define PT_LOCK_CONFIRM_LEN 4u

/* ---- Status codes carried in the response header (docs/protocol.md §3) ------------------- */
enum pt_status {
    PT_OK = 0,
    PT_E_UNKNOWN_COMMAND = 1,  /* command not known, or not served at this stage */
    PT_E_BAD_REQUEST = 2,      /* payload malformed (length, reserved bytes, field values) */
    PT_E_BAD_REGION = 3,       /* no region with that id */
    PT_E_OUT_OF_RANGE = 4,     /* offset/length outside the region, or length above max payload */
    PT_E_ALIGNMENT = 5,        /* erase range not on sector boundaries */
    PT_E_PROTECTED = 6,        /* region is protected, or the operation is not allowed on it */
    PT_E_LOCKED = 7,           /* raw write refused: device is locked (production) */
    PT_E_NOT_ERASED = 8,       /* program would need to set bits that are 0: erase first */
    PT_E_FLASH = 9,            /* flash driver reported a failure */
    PT_E_SEQUENCE = 10,        /* update data at an unexpected offset, or no update begun */
    PT_E_TOO_LARGE = 11,       /* package larger than the staging region can hold */
    PT_E_VERIFY_SIGNATURE = 12,/* manifest signature invalid or signer not trusted */
    PT_E_VERIFY_HASH = 13,     /* package or payload SHA-256 mismatch */
    PT_E_VERIFY_BOARD = 14,    /* package built for another board */
    PT_E_VERIFY_COMPAT = 15,   /* application requires a firmware version the device lacks */
    PT_E_VERIFY_COUNTER = 16,  /* rollback refused: security counter below the device's or raised by more than
                                * PT_SECURITY_COUNTER_MAX_STEP without a root key, or a payload older than the
                                * installed image without PT_MANIFEST_FLAG_ROLLBACK */
    PT_E_BAD_PACKAGE = 17,     /* package or manifest structure malformed */
    PT_E_BAD_CONFIG = 18,      /* config blob or entry malformed (magic, CRC, key syntax, size) */
    PT_E_NOT_FOUND = 19,       /* config key absent */
    PT_E_STATE = 20,           /* not possible in the current state */
    PT_E_INTERNAL = 21,
    PT_E_BUSY = 22,            /* another session owns the board or its staging (§5) */
    PT_E_AUTH_REQUIRED = 23,   /* the access policy needs a session with a (higher) role (§6.5) */
    PT_E_AUTH_FAILED = 24,     /* credential or proof refused: untrusted, expired, other device, bad signature */
    PT_E_SEAL = 25,            /* sealed frame refused (tag, counter, unsealed on a sealed link): session ended */
    PT_E_RATE_LIMITED = 26,    /* too many erases or handshakes in a short time: wait and retry */
    PT_E_KEY_GENERATION = 31,  /* key update: its generation is not above the board's key set (replay) */
    PT_E_KEYSTORE_FULL = 32,   /* key update: every key set slot is used and none can be reclaimed (each
                                * shares its flash sector with the key set in force or other data) */
    PT_E_NO_ACCESS_KEY = 33,   /* LOCK refused: the board trusts no access key, so no credential could
                                * ever service it once locked (docs/security.md "Policy table") */
    PT_E_VERIFY_KEY = 30       /* encrypted package: wrapped to no key this board holds, or its
                                * wrapped key does not authenticate (docs/package-format.md) */
};

/* ---- PING (docs/protocol.md §4.1) -------------------------------------------------------- */
enum pt_stage { PT_STAGE_BOOTLOADER = 1, PT_STAGE_APPLICATION = 2 };

#define PT_CAP_READ (1u << 0)
#define PT_CAP_ERASE (1u << 1)
#define PT_CAP_WRITE (1u << 2)   /* raw writes allowed (device unlocked) */
#define PT_CAP_HASH (1u << 3)
#define PT_CAP_CONFIG (1u << 4)
#define PT_CAP_UPDATE (1u << 5)
#define PT_CAP_REBOOT (1u << 6)
#define PT_CAP_SESSION (1u << 7) /* one owner at a time; SESSION served (docs/protocol.md §5) */
#define PT_CAP_AUTH (1u << 8)    /* AUTH_HELLO/AUTH_PROOF and sealed frames served (§6) */
#define PT_CAP_AUTH_NONCE (1u << 12) /* AUTH_NONCE/AUTH_SIGNED served: signed-nonce mode, no sealing (§6.6) */

/* ---- Sessions (docs/protocol.md §5) ------------------------------------------------------ */
/* A session that sent nothing for this long releases the board (and its staging transfer). */
#define PT_SESSION_TIMEOUT_MS 10000u
#define PT_SESSION_FLAG_TAKE_OVER 0x01u /* SESSION: displace the current owner (logged) */
#define PT_SESSION_FLAG_RELEASE 0x02u   /* SESSION: this session is done; the board is free */
#define PT_SESSION_NAME_MAX 32u         /* SESSION: client name, UTF-8, shown to others */

/* ---- Authenticated sessions and the access policy (docs/protocol.md §6, docs/security.md) -- */
/* Roles a credential grants, in increasing order: each includes the ones below it. */
enum pt_role { PT_ROLE_NONE = 0, PT_ROLE_OBSERVER = 1, PT_ROLE_TECHNICIAN = 2, PT_ROLE_FACTORY = 3 };
/* What kind of medium a link is (pt_link.kind): the policy treats physical links (serial, USB)
 * and networks differently. 0 is the network so a port that forgets to say gets the strict rules. */
enum pt_link_kind { PT_LINK_NETWORK = 0, PT_LINK_SERIAL = 1, PT_LINK_USB = 2 };
/* What the policy asks for one command: `open` needs nothing; `refused` is never served. */
#define PT_POLICY_OPEN 0u
#define PT_POLICY_REFUSED 0xFFu
#define PT_AUTH_VERSION 1u
#define PT_P256_POINT_SIZE 65u           /* uncompressed SEC 1 point: 0x04, X, Y */
#define PT_AUTH_HELLO_SIZE 69u           /* u8 version, 3 reserved, host ephemeral point */
#define PT_AUTH_HELLO_RESPONSE_SIZE 204u /* device ephemeral point, identity point, u8 sig len, 72 sig, 1 reserved */
#define PT_AUTH_PROOF_SIZE 280u          /* credential (206), u8 sig len, 72 sig, 1 reserved */
#define PT_AUTH_PROOF_RESPONSE_SIZE 8u   /* u8 role, 3 reserved, u32 idle timeout ms */
#define PT_SEAL_COUNTER_SIZE 8u
#define PT_SEAL_TAG_SIZE 16u
#define PT_SEAL_OVERHEAD (PT_SEAL_COUNTER_SIZE + PT_SEAL_TAG_SIZE)
#define PT_AUTH_IDLE_TIMEOUT_MS 300000u  /* a sealed session ends after 300 s without a request */
/* AUTH_HELLO rate limit per link (docs/protocol.md §6.2, docs/security.md): each HELLO costs the
 * board a key generation and an ECDSA signature, so a link may send a burst of
 * PT_AUTH_HELLO_BURST and then one more per PT_AUTH_HELLO_INTERVAL_MS (a token bucket that a
 * reconnect does not refill); beyond that AUTH_HELLO is refused RATE_LIMITED before any crypto. */
#define PT_AUTH_HELLO_BURST 32u
#define PT_AUTH_HELLO_INTERVAL_MS 1000u
/* Transcript and key derivation labels (docs/protocol.md §6.2-6.4). */
#define PT_AUTH_LABEL_HELLO "piton-auth-v1 hello"
#define PT_AUTH_LABEL_PROOF "piton-auth-v1 proof"
#define PT_AUTH_LABEL_KEYS "piton-auth-v1 keys"
/* Signed-nonce mode (docs/protocol.md §6.6): the holder signs SHA-256(label ‖ nonce ‖ the board's
 * unique id (its U bytes) ‖ credential). */
#define PT_AUTH_LABEL_NONCE "piton-auth-v1 nonce"
#define PT_AUTH_NONCE_SIZE 32u
#define PT_AUTH_NONCE_RESPONSE_SIZE 52u  /* nonce (32), u8 unique id length U, 3 reserved, unique id (16, zero padded) */
#define PT_AUTH_SIGNED_SIZE PT_AUTH_PROOF_SIZE          /* credential (206), u8 sig len, 72 sig, 1 reserved */
#define PT_AUTH_SIGNED_RESPONSE_SIZE PT_AUTH_PROOF_RESPONSE_SIZE /* u8 role, 3 reserved, u32 idle timeout ms */
/* Credential (access certificate), docs/protocol.md §6.1: fixed layout, little-endian. */
#define PT_CRED_MAGIC "PTAC"
#define PT_CRED_VERSION 1u
#define PT_CRED_SIGNED_SIZE 133u         /* bytes 0..132 are signed */
#define PT_CRED_SIZE 206u                /* signed part, u8 signature length, 72 bytes DER signature */
#define PT_CRED_OFF_ROLE 5u
#define PT_CRED_OFF_UID_LEN 6u           /* 0: valid for every board of the access key */
#define PT_CRED_OFF_UID 8u
#define PT_CRED_OFF_NOT_BEFORE 24u       /* u32 Unix time (s) */
#define PT_CRED_OFF_NOT_AFTER 28u        /* u32 Unix time (s) */
#define PT_CRED_OFF_SERIAL 32u           /* u32, for logs and deny lists */
#define PT_CRED_OFF_SUBJECT 36u          /* holder's P-256 point (65) */
#define PT_CRED_OFF_ISSUER 101u          /* SHA-256 of the access key's DER SubjectPublicKeyInfo */
#define PT_CRED_OFF_SIG_LEN 133u
#define PT_CRED_OFF_SIG 134u
/* Erase budget on boards with an access policy (wear-out, docs/security.md "Leaks closed"). */
#define PT_ERASE_BUDGET_SECTORS 64u      /* sectors erased per window ... */
#define PT_ERASE_BUDGET_WINDOW_MS 60000u /* ... of this many ms */
/* INFO tag PT_INFO_ACCESS (u8): */
enum pt_access_state { PT_ACCESS_OPEN = 0, PT_ACCESS_POLICY = 1 };
/* INFO tag PT_INFO_AUTH_MODE (u8): how this stage grants a role (docs/security.md "What each stage offers"). */
enum pt_auth_mode { PT_AUTH_MODE_NONE = 0, PT_AUTH_MODE_SEALED = 1, PT_AUTH_MODE_SIGNED_NONCE = 2 };

/* ---- ERASE flags (docs/protocol.md §4.5): byte 1 of the request ------------------------- */
/* The erase is the first step of a raw write: refuse it unless WRITE to the range would be
 * accepted (device unlocked, image region), so a refused write destroys nothing. */
#define PT_ERASE_FLAG_FOR_WRITE 0x01u

/* ---- INFO tags (docs/protocol.md §4.2); TLV: u8 tag, u8 length, value ------------------- */
enum pt_info_tag {
    PT_INFO_BOARD_ID = 0x01,            /* ASCII */
    PT_INFO_UNIQUE_ID = 0x02,           /* raw bytes (12 on STM32-like boards) */
    PT_INFO_SERIAL_NUMBER = 0x03,       /* UTF-8, from the config entry "serial" */
    PT_INFO_BOOTLOADER_VERSION = 0x04,  /* u32 packed version */
    PT_INFO_FIRMWARE_VERSION = 0x05,    /* u32 packed version; absent when none installed */
    PT_INFO_APPLICATION_VERSION = 0x06, /* u32 packed version; absent when none installed */
    PT_INFO_TRUSTED_KEY = 0x07,         /* 32 bytes: SHA-256 of the key's DER SubjectPublicKeyInfo; repeats */
    PT_INFO_LOCKED = 0x08,              /* u8: 0 unlocked (development), 1 locked (production) */
    PT_INFO_STAGE = 0x09,               /* u8: enum pt_stage */
    PT_INFO_SECURITY_COUNTER = 0x0A,    /* u32 */
    PT_INFO_LAST_INSTALL = 0x0B,        /* u8: enum pt_install_result */
    PT_INFO_IMAGE_STATE = 0x0C,         /* u8: enum pt_image_state */
    PT_INFO_BOOT_COUNT = 0x0D,          /* u32: boots of the current image since it was installed */
    PT_INFO_TRIAL_LIMIT = 0x0E,         /* u8: unconfirmed boots allowed before the bootloader reverts */
    PT_INFO_REVERT_REASON = 0x0F,       /* u8: enum pt_revert_reason (of the last revert) */
    PT_INFO_STAGING_STATE = 0x10,       /* u8: enum pt_staging_state */
    PT_INFO_CONFIG_STATE = 0x11,        /* u8: enum pt_config_state */
    PT_INFO_PREVIOUS_FIRMWARE = 0x12,   /* u32 packed version kept for rollback; absent when none */
    PT_INFO_PREVIOUS_APPLICATION = 0x13, /* u32 packed version kept for rollback; absent when none */
    PT_INFO_ACCESS = 0x20,              /* u8 enum pt_access_state: does the access policy apply */
    PT_INFO_ROLE = 0x21,                /* u8 enum pt_role of the asking link's session */
    PT_INFO_LINK_KIND = 0x22,           /* u8 enum pt_link_kind of the asking link */
    PT_INFO_ROOT_KEY = 0x23,            /* 32 bytes: SHA-256 of a root key's DER SubjectPublicKeyInfo; repeats
                                         * (docs/security.md, "Device keys") */
    PT_INFO_KEYSET_GENERATION = 0x24,   /* u32: generation of the key set in use (0: as provisioned) */
    PT_INFO_ACCESS_KEY = 0x25,          /* 32 bytes: SHA-256 of a trusted access key's DER SPKI; repeats */
    PT_INFO_REVOKED_KEY = 0x26,         /* 33 bytes: u8 enum pt_key_role, SHA-256 of the revoked key's
                                         * DER SPKI; repeats */
    PT_INFO_KEYSTORE = 0x27,            /* 2 bytes: u8 key set slots used, u8 slots in all (0 0: this
                                         * board cannot store key updates) */
    PT_INFO_ACCESS_KEYS = 0x28,         /* u8: how many access keys the board trusts; 0: it grants no
                                         * role, so over TCP it is read-only (docs/security.md) */
    PT_INFO_AUTH_MODE = 0x2A,           /* u8 enum pt_auth_mode: how this stage grants roles; absent on
                                         * builds without an access policy */
    PT_INFO_RESETS = 0x2B,              /* u32: resets since power-on (retained RAM, pt_retained.boot_count):
                                         * a host that lost REBOOT's answer compares it to tell whether
                                         * the board reset */
    PT_INFO_PRODUCT_KEY = 0x30          /* 32 bytes: SHA-256 of the product key's DER SubjectPublicKeyInfo
                                         * (the key encrypted packages are wrapped to); absent when none */
};

/* Trial boot (docs/boot-flow.md): a new image boots in trial until the agent confirms it. */
enum pt_image_state {
    PT_IMAGE_NONE = 0,       /* no image installed (recovery mode) */
    PT_IMAGE_CONFIRMED = 1,  /* confirmed, or installed at the factory */
    PT_IMAGE_TRIAL = 2,      /* installed, not yet confirmed; reverted after the trial limit */
    PT_IMAGE_REVERTED = 3    /* the last new image was not confirmed: the previous one runs again */
};

enum pt_revert_reason {
    PT_REVERT_NONE = 0,
    PT_REVERT_NOT_CONFIRMED = 1, /* trial limit reached without CONFIRM */
    PT_REVERT_IMAGE_INVALID = 2  /* the new image failed its hash check at boot */
};

enum pt_config_state {
    PT_CONFIG_OK = 0,
    PT_CONFIG_EMPTY = 1,     /* the config equals the factory defaults (nothing of the board's own) */
    PT_CONFIG_CORRUPT = 2    /* no intact record found: restore from a backup */
};

enum pt_install_result {
    PT_INSTALL_NONE = 0,      /* nothing installed since factory */
    PT_INSTALL_OK = 1,        /* last staged package installed */
    PT_INSTALL_REJECTED = 2,  /* bootloader's re-verification failed; staging erased */
    PT_INSTALL_FAILED = 3,    /* programming or read-back verification failed */
    PT_INSTALL_REVERTED = 4   /* installed, then reverted (see PT_INFO_REVERT_REASON) */
};

/* ---- REGIONS (docs/protocol.md §4.3) ----------------------------------------------------- */
#define PT_REGION_PROTECTED (1u << 0) /* host may read only (bootloader, bootstate) */
#define PT_REGION_STAGING (1u << 1)   /* update staging; written only through UPDATE_* */
#define PT_REGION_EXTERNAL (1u << 2)  /* lives in external (serial) flash */
#define PT_REGION_CONFIG (1u << 3)    /* holds the config store; written only through CONFIG_* */
#define PT_REGION_IMAGE (1u << 4)     /* holds an installable image (firmware, deployment) */
#define PT_REGION_NAME_MAX 15u
/* Region names that mean something to the device core and the workstation. A payload of kind
 * firmware goes to PT_REGION_NAME_FIRMWARE, one of kind application to PT_REGION_NAME_DEPLOYMENT
 * (docs/package-format.md); the bootloader keeps the boot state record in
 * PT_REGION_NAME_BOOTSTATE and the images a trial replaces in PT_REGION_NAME_BACKUP
 * (docs/boot-flow.md); PT_REGION_NAME_BOOTLOADER holds the bootloader (and a board's
 * provisioning block). The staging and config regions are found by their flags
 * (PT_REGION_STAGING, PT_REGION_CONFIG), whatever their names. */
#define PT_REGION_NAME_BOOTLOADER "bootloader"
#define PT_REGION_NAME_FIRMWARE "firmware"
#define PT_REGION_NAME_DEPLOYMENT "deployment"
#define PT_REGION_NAME_BOOTSTATE "bootstate"
#define PT_REGION_NAME_BACKUP "backup"

/* ---- UPDATE_STATUS (docs/protocol.md §4.8) ----------------------------------------------- */
enum pt_staging_state {
    PT_STAGING_EMPTY = 0,
    PT_STAGING_PARTIAL = 1,   /* receiving: some bytes staged */
    PT_STAGING_COMPLETE = 2,  /* all bytes staged, not yet verified */
    PT_STAGING_PENDING = 3,   /* verified ("verified" in the field's terms), installs at next reset */
    PT_STAGING_CORRUPT = 4    /* header unreadable or inconsistent */
};

/* ---- REBOOT ------------------------------------------------------------------------------ */
enum pt_reboot_mode { PT_REBOOT_NORMAL = 0, PT_REBOOT_BOOTLOADER = 1 };

/* ---- Versions: u32 = major << 24 | minor << 16 | patch (patch 0..65535) ------------------- */
#define PT_VERSION(major, minor, patch) \
    ((((unsigned long)(major) & 0xFFu) << 24) | (((unsigned long)(minor) & 0xFFu) << 16) | \
     ((unsigned long)(patch) & 0xFFFFu))

/* ---- Package format (docs/package-format.md) --------------------------------------------- */
#define PT_PACKAGE_MAGIC "PTPK"
#define PT_PACKAGE_FORMAT_VERSION 1u
#define PT_PACKAGE_HEADER_SIZE 16u    /* the fixed header; header size may be larger: */
#define PT_PACKAGE_HEADER_MAX 256u    /* header + extensions (unsigned hints the device skips) */
#define PT_PACKAGE_EXT_SIGNER_KEY 1u  /* extension: the signer's public key, DER SPKI (a hint) */
#define PT_MANIFEST_MAGIC "PTMF"
#define PT_MANIFEST_FORMAT_VERSION 2u    /* the newest manifest format; 1 is still read */
#define PT_MANIFEST_FORMAT_V1 1u         /* payload descriptors of 80 bytes, no encoding */
#define PT_MANIFEST_FORMAT_V2 2u         /* payload descriptors of 128 bytes (encoding, image size/hash) */
#define PT_MANIFEST_FIXED_SIZE 52u
#define PT_MANIFEST_PAYLOAD_SIZE 80u     /* format 1 descriptor */
#define PT_MANIFEST_PAYLOAD_SIZE_V2 128u /* format 2 descriptor */
/* Manifest flags (offset 48). ROLLBACK in formats 1 and 2, ENCRYPTED in format 2 only. Other
 * bits must be 0. */
#define PT_MANIFEST_FLAG_ENCRYPTED 0x01u /* a key block follows the descriptors (encrypted packages) */
#define PT_MANIFEST_FLAG_ROLLBACK 0x02u  /* a rollback release */
#define PT_MANIFEST_FLAGS_KNOWN (PT_MANIFEST_FLAG_ENCRYPTED | PT_MANIFEST_FLAG_ROLLBACK)
/* Payload encoding (format 2 descriptor offset 1): stored bytes = AES-CTR(LZ4F(image)), each
 * step optional. Other bits must be 0. */
#define PT_ENCODING_LZ4 0x1u             /* LZ4 frame format (lz4_Frame_format.md 1.6.x), independent blocks */
#define PT_ENCODING_AES_CTR 0x2u         /* AES-CTR over the (compressed) bytes, after compression */
#define PT_ENCODING_KNOWN (PT_ENCODING_LZ4 | PT_ENCODING_AES_CTR)
#define PT_MANIFEST_CTR_SIZE 16u         /* AES-CTR initial counter block in a format 2 descriptor */
/* Format 2 payload descriptor field offsets (docs/package-format.md). */
#define PT_DESC2_KIND 0u
#define PT_DESC2_ENCODING 1u
#define PT_DESC2_REGION 4u
#define PT_DESC2_LOAD_OFFSET 20u
#define PT_DESC2_STORED_SIZE 24u
#define PT_DESC2_AREA_OFFSET 28u
#define PT_DESC2_VERSION 32u
#define PT_DESC2_REQUIRES 36u
#define PT_DESC2_STORED_SHA256 40u
#define PT_DESC2_IMAGE_SIZE 72u
#define PT_DESC2_IMAGE_SHA256 80u
#define PT_DESC2_CTR 112u
/* LZ4 payloads: the largest uncompressed block the device decodes (bytes); the writer cuts
 * blocks of at most this many image bytes (the frame's BD byte still says 64 KB, the smallest
 * maximum the frame format can declare). RAM on the device: one block in + one block out. */
#define PT_LZ4_BLOCK_MAX 4096u
#define PT_MANIFEST_MAX_PAYLOADS 2u
#define PT_BOARD_ID_MAX 31u          /* stored in 32 bytes, NUL padded */
#define PT_MANIFEST_BOARD_ID_SIZE 32u /* manifest board id field, NUL padded (PT_BOARD_ID_MAX + 1) */
#define PT_MANIFEST_REGION_SIZE 16u   /* payload descriptor region field, NUL padded (PT_REGION_NAME_MAX + 1) */
#define PT_SIGNATURE_MAX 72u         /* DER ECDSA-Sig-Value for P-256 */
/* Manifest flags (offset 48, formats 1 and 2; docs/package-format.md). Bit 1: a rollback release,
 * which may install payloads of a lower version than the installed images (the version check in
 * common/package.c); without it such a package is refused. */
#define PT_MANIFEST_FLAG_ROLLBACK 0x02u
/* How far one package may raise the device's security counter unless a root key signed it
 * (docs/security.md, "Device keys"). 16: a release may skip up to 15 security releases the
 * device never saw, while a stolen release key can no longer set 0xFFFFFFFF in one package and
 * lock every genuine update out; it needs an install per step of 16 (2^28 installs to reach the
 * top, far beyond the boot state sector's erase endurance) and is revoked by a key update. */
#define PT_SECURITY_COUNTER_MAX_STEP 16u
enum pt_payload_kind { PT_PAYLOAD_FIRMWARE = 1, PT_PAYLOAD_APPLICATION = 2 };

/* ---- Encrypted payloads: the manifest's key block (docs/package-format.md "Key block") ---- */
#define PT_KEYBLOCK_MAGIC "PTKB"
#define PT_KEYBLOCK_VERSION 1u
#define PT_KEYBLOCK_HEADER_SIZE 8u       /* magic, version, recipient count, reserved */
#define PT_KEYBLOCK_RECIPIENT_SIZE 152u  /* kind, fingerprint, ephemeral point, wrapped key, tag */
#define PT_KEYBLOCK_MAX_RECIPIENTS 4u
#define PT_KEYBLOCK_MAX_SIZE (PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE * PT_KEYBLOCK_MAX_RECIPIENTS)
/* Offsets inside a recipient entry. */
#define PT_RECIPIENT_OFF_KIND 0u
#define PT_RECIPIENT_OFF_FINGERPRINT 4u  /* SHA-256 of the recipient key's DER SubjectPublicKeyInfo */
#define PT_RECIPIENT_OFF_EPHEMERAL 36u   /* uncompressed SEC 1 P-256 point, 65 bytes */
#define PT_RECIPIENT_OFF_WRAPPED 104u    /* AES-256-GCM ciphertext of the content key, 32 bytes */
#define PT_RECIPIENT_OFF_TAG 136u        /* GCM tag, 16 bytes */
enum pt_recipient_kind { PT_RECIPIENT_PRODUCT = 1, PT_RECIPIENT_DEVICE = 2 };
#define PT_CONTENT_KEY_SIZE 32u          /* random per package; payload keys derive from it */
/* HKDF-SHA256 info strings (RFC 5869), ASCII without a NUL: */
#define PT_KDF_INFO_WRAP "piton-ecies-p256-v1"  /* ‖ recipient fingerprint (32) ‖ ephemeral point (65) */
#define PT_KDF_INFO_PAYLOAD "piton-payload-v1"  /* ‖ payload index (1 byte) */
#define PT_KDF_INFO_BACKUP "piton-backup-v1"    /* device storage key for the backup region */

/* ---- Key updates (docs/package-format.md "Key updates", docs/security.md "Rotating and revoking
 * keys"). A key update is a package of its own kind: the PTPK header, a PTKU manifest (instead of
 * PTMF) holding up to PT_KEYUPD_MAX_ENTRIES entries, a signature by a ROOT key, no payloads. The
 * whole file goes in one KEY_UPDATE request (docs/protocol.md §4.14). */
#define PT_KEYUPD_MAGIC "PTKU"
#define PT_KEYUPD_FORMAT_VERSION 1u
#define PT_KEYUPD_FIXED_SIZE 48u         /* magic, u16 version, u16 entry count, board id (32), u32 generation, u32 flags */
#define PT_KEYUPD_ENTRY_SIZE 104u        /* u8 action, u8 role, u16 0, fingerprint (32), point (65), 3 x 0 */
#define PT_KEYUPD_MAX_ENTRIES 6u
#define PT_KEYUPD_OFF_GENERATION 40u
#define PT_KEYUPD_OFF_FLAGS 44u
#define PT_KEYUPD_ENTRY_OFF_FINGERPRINT 4u
#define PT_KEYUPD_ENTRY_OFF_POINT 36u
/* Flag bit 0: a PTKB key block (one recipient of kind PT_RECIPIENT_PRODUCT, the board's current
 * product key) follows the entries; its wrapped 32 bytes are the new product key's private
 * scalar (the same ECIES wrap as an encrypted package's content key). Other bits must be 0. */
#define PT_KEYUPD_FLAG_PRODUCT_KEY 0x01u
/* Root key proof of possession (docs/package-format.md "Key updates"): an entry adding a root key
 * (role PT_KEY_ROOT, at most PT_KEYUPD_MAX_ROOT_ADDS per update) needs the NEW root key's
 * signature over SHA-256 of the manifest bytes before the proof, in a block after the entries and
 * the key block: u8 signature length 1..72, 3 x 0, the DER signature zero padded to 72 bytes. The
 * current root key's signature covers the whole manifest, proof included. */
#define PT_KEYUPD_PROOF_SIZE 76u
#define PT_KEYUPD_MAX_ROOT_ADDS 1u
/* Largest key update: header 16, fixed 48, 6 entries, a key block with one recipient, a root
 * proof, signature 72 = 996 bytes; it fits the smallest payload every link accepts, sealed too
 * (PT_MIN_MAX_PAYLOAD - PT_SEAL_OVERHEAD = 1000). */
#define PT_KEYUPD_MAX_SIZE (PT_PACKAGE_HEADER_SIZE + PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * PT_KEYUPD_MAX_ENTRIES + \
                            PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE + PT_KEYUPD_PROOF_SIZE + PT_SIGNATURE_MAX)
enum pt_keyupd_action { PT_KEYUPD_ADD = 1, PT_KEYUPD_REVOKE = 2 };
/* Key roles. PT_KEY_ROOT: the keys that sign key updates (and may move the security counter
 * freely); a key update adds one (with its proof of possession) or revokes one, and at least one
 * stays (docs/security.md "Rotating the root keys"). */
enum pt_key_role { PT_KEY_PACKAGE = 1, PT_KEY_ACCESS = 2, PT_KEY_PRODUCT = 3, PT_KEY_ROOT = 4 };
/* The board's key set (device side, docs/security.md): at most this many package signing keys
 * and access keys, and revoked fingerprints it remembers. */
#define PT_KEYSET_MAX_KEYS 4u
#define PT_KEYSET_MAX_REVOKED 8u
/* KEY_UPDATE response: u32 new generation, u8 slots used, u8 slots in all, 2 x 0. */
#define PT_KEY_UPDATE_RESPONSE_SIZE 8u

/* ---- Config blob (docs/config-format.md) ------------------------------------------------- */
#define PT_CONFIG_MAGIC "PTCF"
#define PT_CONFIG_FORMAT_VERSION 1u
#define PT_CONFIG_HEADER_SIZE 10u
#define PT_CONFIG_MAX_SIZE 1024u     /* whole blob including header and CRC */
#define PT_CONFIG_KEY_MAX 32u
#define PT_CONFIG_VALUE_MAX 128u
/* Keys with this prefix are secret: write-only, never in CONFIG_READ or backups (values empty
 * there), kept by CONFIG_WRITE (docs/config-format.md "Secret entries"). */
#define PT_CONFIG_SECRET_PREFIX "secret."

#endif /* PITON_PROTOCOL_H */
