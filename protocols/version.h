// Firmware/application/bootloader versions as carried on the wire: u32 packed
// major << 24 | minor << 16 | patch (PT_VERSION in piton/protocol.h; docs/protocol.md §4.2).
#pragma once

#include <QString>

#include <optional>

namespace piton {

/** Packs a version: major and minor 0..255, patch 0..65535 (higher bits are masked off). */
constexpr quint32 packVersion(quint32 major, quint32 minor, quint32 patch)
{
    return ((major & 0xFFu) << 24) | ((minor & 0xFFu) << 16) | (patch & 0xFFFFu);
}

/** "major.minor.patch", e.g. 0x01020003 -> "1.2.3". */
QString versionToString(quint32 packed);

/** Parses "major.minor.patch" (decimal; "1.2" means "1.2.0"); nullopt when malformed or a
 *  field is out of range (major/minor > 255, patch > 65535). */
std::optional<quint32> parseVersion(const QString &text);

} // namespace piton
