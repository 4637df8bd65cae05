// Values the device reports: PING, INFO, REGIONS and UPDATE_STATUS responses (docs/protocol.md §4).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

#include "piton/protocol.h"

namespace piton {

/** What SESSION granted (docs/protocol.md §4.12). */
struct SessionGrant {
    quint32 timeoutMs = 0;  ///< idle time after which the device releases the session (ms)
    bool displaced = false; ///< another live session lost the board (take-over)
};

/** PING response (docs/protocol.md §4.1). */
struct PingInfo {
    int stage = 0;            ///< PT_STAGE_BOOTLOADER (1) or PT_STAGE_APPLICATION (2)
    int protocolVersion = 0;  ///< 1
    int window = 1;           ///< requests the host may have in flight
    quint32 maxPayload = PT_MIN_MAX_PAYLOAD; ///< bytes, both directions
    quint32 capabilities = 0; ///< PT_CAP_* bits

    bool has(quint32 capability) const { return (capabilities & capability) != 0; }
};

/** INFO response (docs/protocol.md §4.2). Absent optional entries keep the defaults below. */
struct DeviceInfo {
    QString boardId;                       ///< e.g. "stm32f4-ref"
    QByteArray uniqueId;                   ///< raw bytes
    QString serialNumber;                  ///< empty when not set
    std::optional<quint32> bootloaderVersion;  ///< packed (version.h)
    std::optional<quint32> firmwareVersion;    ///< absent: no firmware installed
    std::optional<quint32> applicationVersion; ///< absent: no application installed
    QList<QByteArray> trustedKeys;         ///< 32-byte SHA-256 of each key's DER SubjectPublicKeyInfo
    QByteArray productKey;                 ///< 32-byte fingerprint of the product key (encrypted packages); empty: none
    QList<QByteArray> rootKeys;            ///< the same of each root key (PT_INFO_ROOT_KEY): they sign packages too
    bool locked = false;                   ///< production device: raw writes refused
    int stage = 0;                         ///< as PingInfo::stage; 0 when not reported
    quint32 securityCounter = 0;           ///< highest installed
    int lastInstall = PT_INSTALL_NONE;     ///< enum pt_install_result

    // Trial boot, rollback and recovery (tags 0x0C-0x13). Each is empty when the device does
    // not report it (a device older than this part of the protocol).
    std::optional<int> imageState;         ///< enum pt_image_state: none, confirmed, trial, reverted
    std::optional<quint32> bootCount;      ///< boots of the current image since it was installed
    std::optional<int> trialLimit;         ///< unconfirmed boots allowed before the bootloader reverts
    std::optional<int> revertReason;       ///< enum pt_revert_reason of the last revert
    std::optional<int> stagingState;       ///< enum pt_staging_state
    std::optional<int> configState;        ///< enum pt_config_state
    std::optional<quint32> previousFirmwareVersion;    ///< packed; kept for rollback
    std::optional<quint32> previousApplicationVersion; ///< packed; kept for rollback
    /** Resets since power-on (tag 0x2B): a host compares it before and after REBOOT to tell
     *  whether the board reset when REBOOT's answer was lost; empty on older devices. */
    std::optional<quint32> resets;

    // Access policy (tags 0x20-0x22, docs/protocol.md §6): empty on devices without it.
    std::optional<bool> accessPolicy;      ///< true: the board enforces the access policy
    std::optional<int> role;               ///< enum pt_role of the asking link's session
    std::optional<int> linkKind;           ///< enum pt_link_kind of the asking link
    std::optional<int> authMode;           ///< enum pt_auth_mode: how the stage grants roles (INFO 0x2A)
    std::optional<int> accessKeyCount;     ///< tag 0x28: access keys the board trusts (0: read-only over TCP)

    // Key set (tags 0x24-0x27, docs/security.md "Rotating and revoking keys"): empty on devices
    // without key updates. trustedKeys (0x07) are the package keys of this key set.
    std::optional<quint32> keySetGeneration; ///< 0: the keys as provisioned
    QList<QByteArray> accessKeys;          ///< 32-byte fingerprints of the access keys it trusts
    struct RevokedKey {
        int role = 0;                      ///< enum pt_key_role
        QByteArray fingerprint;            ///< 32 bytes
    };
    QList<RevokedKey> revokedKeys;
    std::optional<int> keyStoreUsed;       ///< key set slots used
    std::optional<int> keyStoreSlots;      ///< key set slots in all (0: the board takes no key updates)
};

/** Result of KEY_UPDATE (docs/protocol.md §4.14). */
struct KeyUpdateResult {
    quint32 generation = 0;   ///< the board's key set generation now
    int slotsUsed = 0;
    int slotsTotal = 0;
};

/** "observer", "technician", "factory", "none" (enum pt_role); unknown: "unknown (N)". */
QString roleName(int role);

/** Names of the INFO and UPDATE_STATUS enumerations for output (JSON values and text), in the
 *  field's terms: "none", "confirmed", "trial", "reverted"; "ok", "rejected", ...; unknown values
 *  give "unknown (N)". Source: docs/protocol.md §4.2 and §4.8. */
QString imageStateName(int state);
QString installResultName(int result);
QString revertReasonName(int reason);
QString stagingStateName(int state);
QString configStateName(int state);

/** A run of `count` equal sectors of `size` bytes. */
struct SectorRun {
    quint32 count = 0;
    quint32 size = 0;
};

/** One flash region (docs/protocol.md §4.3). Offsets are region-relative, in bytes. */
struct Region {
    int id = 0;
    QString name;          ///< bootloader, config, firmware, deployment, bootstate, update
    quint32 address = 0;   ///< absolute address of the first byte (display, image placement)
    quint32 size = 0;      ///< bytes
    quint32 flags = 0;     ///< PT_REGION_* bits
    QList<SectorRun> sectors; ///< in address order; sizes add up to `size`

    bool isProtected() const { return (flags & PT_REGION_PROTECTED) != 0; }
    bool isStaging() const { return (flags & PT_REGION_STAGING) != 0; }
    bool isExternal() const { return (flags & PT_REGION_EXTERNAL) != 0; }
    bool isConfig() const { return (flags & PT_REGION_CONFIG) != 0; }
    bool isImage() const { return (flags & PT_REGION_IMAGE) != 0; }

    /** Total number of sectors. */
    quint32 sectorCount() const;
    /** True when `offset` (0..size) is the start of a sector or the region's end. */
    bool isSectorBoundary(quint32 offset) const;
    /** Region-relative start of the sector holding `offset`; nullopt when offset >= size. */
    std::optional<quint32> sectorStart(quint32 offset) const;
    /** Size in bytes of the sector holding `offset`; nullopt when offset >= size. */
    std::optional<quint32> sectorSize(quint32 offset) const;
};

/** UPDATE_STATUS response (docs/protocol.md §4.8). */
struct StagingStatus {
    int state = PT_STAGING_EMPTY; ///< enum pt_staging_state
    quint32 packageSize = 0;      ///< bytes, 0 when empty
    quint32 staged = 0;           ///< bytes staged so far
    QByteArray packageSha256;     ///< 32 bytes (zeros when empty)
};

} // namespace piton
