// The provisioning block: what a factory writes once per board (board id, unique id, locked
// flag, trusted keys). A real MCU keeps it in OTP memory or option bytes; piton-vboard keeps it
// at the start of the LAST sector of the board's `bootloader` region, where the recovery ladder
// writes it through the chip's ROM bootloader. Byte layout (little-endian, 324 bytes): the one
// documented in device-firmware/ports/host/vb_provision.h and docs/package-format.md
// ("Provisioning block"), which this code and vb_provision.c both implement.
#pragma once

#include "error.h"
#include "package/keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace piton {

/** Size of the block in bytes (VB_PROVISION_SIZE). */
constexpr int kProvisioningBlockSize = 324;

/** The key area: the whole provisioning sector after the block. The factory keeps the board's
 *  key blocks there (piton-vboard: root keys at 324, access keys and identity key at 1024,
 *  product key at 1536, LOCK's lock word at 2044; vb_provision.h) and, on boards whose key store shares the sector
 *  (stm32f4-ref: slots from 2048 to the sector's end), the key store. Each block and slot carries
 *  its own magic and CRC; the recovery ladder carries the bytes after the provisioning block over
 *  unchanged when it rewrites the sector through the ROM (docs/rom-loader.md, "What the ROM
 *  rung keeps"), so a board keeps its keys and key updates, including secrets no workstation
 *  could supply. */

/** A provisioning block's contents. */
struct Provisioning {
    QString boardId;              ///< ASCII, 1..31 characters
    QByteArray uniqueId;          ///< 1..16 bytes
    bool locked = false;          ///< production (true) or development
    QList<QByteArray> trustedKeys;///< 0..2 DER SubjectPublicKeyInfo, each 1..128 bytes
};

/** Encodes `p` ("PTPV", version 1, length 324, CRC-32 as zlib crc32 over bytes 0..319).
 *  Errors: Usage naming the field out of range (board id, unique id length, key count or size). */
Result<QByteArray> encodeProvisioning(const Provisioning &p);

/** Decodes a block. Errors: Format naming the problem (magic, version, length, CRC, a field
 *  out of range). */
Result<Provisioning> decodeProvisioning(QByteArrayView block);

/** The lock word (VB_LOCK_OFFSET, VB_LOCK_SIZE; docs/security.md "LOCK is power-safe"): bytes
 *  2044..2047 of the provisioning sector, inside the key area. LOCK programs it from 0xFFFFFFFF to
 *  0 without an erase; any 0 bit means locked, whatever the block's flag says. */
constexpr int kLockWordOffset = 2044;
constexpr int kLockWordSize = 4;

/** True when `sector` (the provisioning sector's bytes from its start; fewer bytes are fine) says
 *  the board is locked: the lock word holds a 0 bit. The block's own flag is Provisioning::locked;
 *  a board is locked when either says so. */
bool lockWordSet(QByteArrayView sector);

/** Where the access block sits in the provisioning sector, in bytes from its start, and its
 *  size (VB_ACCESS_OFFSET, VB_ACCESS_SIZE): inside the key area, after the root key block. */
constexpr int kAccessBlockOffset = 1024;
constexpr int kAccessBlockSize = 376;

/** The access block (device-firmware/ports/host/vb_provision.h, docs/package-format.md
 *  "Access block"): the access keys whose credentials the board accepts and the board's own
 *  identity key pair, which signs its half of every session handshake (docs/protocol.md §6). */
struct AccessBlock {
    QList<QByteArray> accessKeys; ///< 0..2 DER SubjectPublicKeyInfo, each 1..128 bytes
    QByteArray identityPrivate;   ///< 32 bytes, P-256 scalar big-endian; empty: no identity
    QByteArray identityPublic;    ///< 65 bytes, uncompressed SEC 1 point; empty with the above
};

/** Encodes `a` ("PTAK", version 1, length 376, CRC-32 over bytes 0..371). Errors: Usage naming
 *  the field out of range (key count or size, identity sizes). */
Result<QByteArray> encodeAccessBlock(const AccessBlock &a);

/** Decodes an access block. Errors: Format naming the problem (magic, version, length, CRC, a
 *  field out of range); erased bytes (0xFF) read as "magic is not PTAK". */
Result<AccessBlock> decodeAccessBlock(QByteArrayView block);

} // namespace piton
