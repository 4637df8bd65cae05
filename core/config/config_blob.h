// Config blob: the key/value contents of a device's config region (docs/config-format.md).
#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>
#include <QString>

namespace piton {

/** The config blob of docs/config-format.md, format 1: magic "PTCF", version 1, reserved,
 *  u16 entry count, u16 entries length, entries (u8 key length, key, u8 value length, value),
 *  CRC-32 (IEEE, zlib crc32) over everything before it; little-endian; at most 1024 bytes.
 *  Keys are ASCII [a-z0-9._-], 1..32 bytes; values 0..128 bytes of UTF-8. The same bytes are
 *  CONFIG_READ's answer, CONFIG_WRITE's input and a .ptcfg backup file. */
class ConfigBlob {
public:
    /** The entries; QMap keeps keys in ascending order, which for ASCII keys is the byte order
     *  the format requires. */
    QMap<QString, QByteArray> entries;

    /** Parses a blob. Errors (ErrorKind::Format), each naming the failure: too short, larger
     *  than 1024 bytes, bad magic, unsupported format version, reserved byte not 0, entries
     *  length disagrees with the blob size, CRC mismatch (expected and found), entry truncated,
     *  key length 0 or > 32, key with a character outside [a-z0-9._-], value longer than 128,
     *  value not UTF-8, keys not ascending or duplicated, entry count disagrees with entries. */
    static Result<ConfigBlob> parse(QByteArrayView bytes);

    /** Checks that serialize() gives a valid blob: every key and value passes the syntax and
     *  length rules (not the standard-key rules; see validateConfigEntry), at most 65535
     *  entries, and the blob fits 1024 bytes. Errors are ErrorKind::Usage naming the entry. */
    Result<void> check() const;

    /** The blob bytes, keys ascending, CRC via zlib crc32. Call check() first: oversized keys or
     *  values would otherwise produce a blob that parse() refuses. */
    QByteArray serialize() const;

    /** Size in bytes serialize() would produce. */
    qsizetype serializedSize() const;

    /** Loads a backup file (.ptcfg) and parses it. Errors: Io (cannot open or read), Format
     *  for a file larger than 1024 bytes ("<path>: config blob: too large: 10485760 bytes, at
     *  most 1024 allowed": the file's size, not what was read of it), then those of parse(),
     *  prefixed with the path. */
    static Result<ConfigBlob> load(const QString &path);
    /** Writes serialize() to `path` (after check()). Errors: Usage from check(), Io. */
    Result<void> save(const QString &path) const;

    bool operator==(const ConfigBlob &o) const { return entries == o.entries; }
};

/** Validates one entry before it is written to a device (docs/config-format.md, "Standard
 *  keys"). Always: key 1..32 characters of [a-z0-9._-]; value at most 128 bytes of UTF-8.
 *  Standard keys: serial (1..32 printable ASCII), net.dhcp ("0" or "1"), net.ip / net.gateway
 *  (dotted quad a.b.c.d, each 0..255, no leading zeros, and accepted by QHostAddress),
 *  net.mask (dotted quad with contiguous one bits), net.mac (six hex pairs separated by ':'),
 *  usb.product (1..64 characters). Other keys (user.* and any others) get only the general
 *  rules. Errors: ErrorKind::Usage with a message naming the key and the rule broken. */
Result<void> validateConfigEntry(const QString &key, const QByteArray &value);

} // namespace piton
