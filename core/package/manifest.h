// Package manifest, format 1 (docs/package-format.md, "Manifest"): the signed description of a
// package's payloads. Its byte layout is the contract with the device (protocol.h constants).
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

/** One payload descriptor (80 bytes on the wire). */
struct PayloadDescriptor {
    int kind = 0;                 ///< PayloadFirmware or PayloadApplication
    QString region;               ///< "firmware" for kind 1, "deployment" for kind 2
    quint32 loadOffset = 0;       ///< bytes from the region's start
    quint32 size = 0;             ///< bytes, > 0
    quint32 payloadOffset = 0;    ///< bytes from the start of the payload area
    quint32 version = 0;          ///< packed
    quint32 requiresFirmware = 0; ///< packed; applications only; 0 = no requirement
    QByteArray sha256;            ///< 32 bytes

    bool operator==(const PayloadDescriptor &) const = default;
};

/** The manifest (52 + 80 × payloads bytes). */
struct Manifest {
    QString boardId;              ///< ASCII, at most 31 characters
    quint32 version = 0;          ///< package version, packed
    quint32 securityCounter = 0;
    quint32 flags = 0;            ///< 0 or PT_MANIFEST_FLAG_ROLLBACK (a rollback release)
    QList<PayloadDescriptor> payloads;

    /** The wire bytes, per docs/package-format.md (little-endian, NUL-padded strings,
     *  reserved bytes 0). Does not validate; use validate() first for untrusted values. */
    QByteArray serialize() const;

    /** Checks the rules a verifier applies to the manifest alone: board id 1..31 ASCII
     *  printable characters, flags 0 or PT_MANIFEST_FLAG_ROLLBACK, 1 or 2 payloads, at most one per kind, known kinds,
     *  region names matching kinds, sizes > 0, payload offsets back to back from 0, sha256 of
     *  32 bytes, requiresFirmware 0 on firmware payloads, no 32-bit overflow of offsets.
     *  Errors: Format, naming the field (and payload index). */
    Result<void> validate() const;

    /** Total payload bytes (sum of sizes). */
    quint64 payloadBytes() const;

    /** The descriptor of a kind, or nullptr. */
    const PayloadDescriptor *payload(int kind) const;

    /** Parses and validates manifest bytes. Errors (Format), each naming the problem: too
     *  short, bad magic, unsupported version, payload count not 1 or 2, length not 52 + 80 × P,
     *  board id not NUL-padded ASCII, reserved bytes not 0, and everything validate() checks. */
    static Result<Manifest> parse(QByteArrayView bytes);

    bool operator==(const Manifest &) const = default;
};

} // namespace piton
