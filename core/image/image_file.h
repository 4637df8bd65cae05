// Loading an image file by its extension.
#pragma once

#include "image/image.h"

#include <QString>

#include <optional>

namespace piton {

/** Which reader loadImage() uses for a path. */
enum class ImageFileFormat { IntelHex, SRecord, Binary };

/** The format chosen by extension (case-insensitive): .hex/.ihex/.ihx -> IntelHex;
 *  .srec/.s19/.s28/.s37/.mot/.mhx -> SRecord; anything else (.bin, ...) -> Binary. */
ImageFileFormat imageFormatForPath(const QString &path);

/** Loads an image file: Intel HEX or S-record by extension (see imageFormatForPath), else a
 *  raw binary placed at `baseAddress`. `baseOption` is how the caller's user gives a base
 *  address (e.g. "--application-base"); the message for a raw binary without one names it.
 *  Errors, in the order checked:
 *  - Io: `path` is a directory ("<path> is a directory, not an image file"); the file cannot
 *    be opened or read.
 *  - Usage: raw binary without a base address ("<path> is read as a raw binary file, which
 *    carries no addresses: give its base address with <baseOption> ADDRESS, ..."); a base
 *    address given for HEX/S-record, since those files carry their own addresses.
 *  - Format: the file is empty or holds no data records ("<path> holds no data (...)"); parse
 *    errors of the readers; a raw file that does not fit the 32-bit address space from the base
 *    address.
 *  A returned image is never empty. */
Result<Image> loadImage(const QString &path, std::optional<quint32> baseAddress = {}, const QString &baseOption = {});

/** Parses a load address as typed by a user: "0x08040000" (hex, case-insensitive prefix) or
 *  decimal; surrounding spaces are ignored. nullopt when it is not a 32-bit number. */
std::optional<quint32> parseAddress(const QString &text);

} // namespace piton
