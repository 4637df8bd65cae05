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

/** The key area: the first bytes of the provisioning sector, in bytes. After the block the
 *  factory keeps the board's key blocks there (piton-vboard: root keys at 324, access keys and
 *  identity key at 1024, product key at 1536; vb_provision.h). Each block carries its own
 *  magic and CRC; the recovery ladder carries the bytes after the provisioning block over
 *  unchanged when it rewrites the sector through the ROM (docs/rom-loader.md, "What the ROM
 *  rung keeps"), so a board keeps its keys, including secrets no workstation could supply. */
constexpr int kProvisioningKeyAreaSize = 4096;

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

} // namespace piton
