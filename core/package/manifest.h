// Package manifest, formats 1 and 2 (docs/package-format.md, "Manifest"): the signed description
// of a package's payloads. Its byte layout is the contract with the device (protocol.h constants).
#pragma once

#include "error.h"
#include "piton/protocol.h"
#include "version.h" // packVersion, versionToString, parseVersion (protocols/)

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace piton {

/** Payload kinds (protocol.h enum pt_payload_kind). */
enum PayloadKind : int { PayloadFirmware = PT_PAYLOAD_FIRMWARE, PayloadApplication = PT_PAYLOAD_APPLICATION };

/** Region name that a payload kind must target: "firmware" or "deployment"; empty otherwise. */
QString regionForPayloadKind(int kind);

/** One payload descriptor (80 bytes in format 1, 128 bytes in format 2). */
struct PayloadDescriptor {
    int kind = 0;                 ///< PayloadFirmware or PayloadApplication
    QString region;               ///< "firmware" for kind 1, "deployment" for kind 2
    quint32 loadOffset = 0;       ///< bytes from the region's start
    quint32 size = 0;             ///< stored size: bytes in the package (after compression/encryption), > 0
    quint32 payloadOffset = 0;    ///< bytes from the start of the payload area
    quint32 version = 0;          ///< packed
    quint32 requiresFirmware = 0; ///< packed; applications only; 0 = no requirement
    QByteArray sha256;            ///< 32 bytes: SHA-256 of the stored bytes
    /** Format 2: PT_ENCODING_* bits (PT_ENCODING_LZ4: an LZ4 frame of the image;
     *  PT_ENCODING_AES_CTR: encrypted after compression). 0 = the stored bytes are the image. */
    int encoding = 0;
    quint32 imageSize = 0;        ///< encoded payloads: bytes programmed into the region (else unused, 0)
    QByteArray imageSha256{};     ///< encoded payloads: SHA-256 of the image (else unused, empty)
    QByteArray counterBlock{};    ///< AES-CTR initial counter block, 16 bytes (encrypted payloads; else empty)

    /** Bytes the device programs into the region: imageSize when encoded, else size. */
    quint32 installSize() const { return encoding ? imageSize : size; }
    /** SHA-256 of what the device programs: imageSha256 when encoded, else sha256. */
    QByteArray installSha256() const { return encoding ? imageSha256 : sha256; }

    bool operator==(const PayloadDescriptor &) const = default;
};

/** The manifest (format 1: 52 + 80 × payloads bytes; format 2: 52 + 128 × payloads bytes,
 *  plus the key block when PT_MANIFEST_FLAG_ENCRYPTED is set). */
struct Manifest {
    /** Manifest format: 1 or 2; 0 when building = the lowest format that expresses the
     *  manifest (format 1 unless the encrypted flag, an encoding or a key block need format 2,
     *  so packages without them still install on bootloaders that read only format 1).
     *  parse() sets it. */
    int format = 0;
    QString boardId;              ///< ASCII, at most 31 characters
    quint32 version = 0;          ///< package version, packed
    quint32 securityCounter = 0;
    quint32 flags = 0;            ///< PT_MANIFEST_FLAG_*: ROLLBACK in formats 1 and 2, ENCRYPTED in format 2
    QList<PayloadDescriptor> payloads;
    /** Format 2 with PT_MANIFEST_FLAG_ENCRYPTED: the bytes after the descriptors (the key
     *  block; its layout belongs to encrypted packages). Empty otherwise. */
    QByteArray keyBlock;

    /** The format serialize() writes: `format` when set, else the lowest that expresses it. */
    int effectiveFormat() const;

    /** The wire bytes, per docs/package-format.md (little-endian, NUL-padded strings,
     *  reserved bytes 0). Does not validate; use validate() first for untrusted values. */
    QByteArray serialize() const;

    /** Checks the rules a verifier applies to the manifest alone: format 1 or 2, board id
     *  1..31 ASCII printable characters, flags (only PT_MANIFEST_FLAG_*; ENCRYPTED only in
     *  format 2), a key block only with the encrypted flag, 1 or 2 payloads, at most one per
     *  kind, known kinds, region names matching kinds, sizes > 0, payload offsets back to back
     *  from 0, sha256 of 32 bytes, requiresFirmware 0 on firmware payloads, no 32-bit overflow
     *  of offsets; encodings (format 2 only, known bits; AES-CTR only in an encrypted package,
     *  with a 16-byte counter block; an encoded payload has an image size > 0 and a 32-byte
     *  image SHA-256). Errors: Format, naming the field (and payload index). */
    Result<void> validate() const;

    /** Total payload bytes (sum of sizes). */
    quint64 payloadBytes() const;

    /** The descriptor of a kind, or nullptr. */
    const PayloadDescriptor *payload(int kind) const;

    /** Parses and validates manifest bytes (format 1 or 2). Errors (Format), each naming the
     *  problem: too short, bad magic, unsupported version, payload count not 1 or 2, length not
     *  52 + 80 × P (format 2: 52 + 128 × P, more only with the encrypted flag),
     *  an unencoded format 2 payload whose image size or hash differs from the stored ones,
     *  board id not NUL-padded ASCII, reserved bytes not 0, and everything validate() checks. */
    static Result<Manifest> parse(QByteArrayView bytes);

    bool operator==(const Manifest &) const = default;
};

} // namespace piton
