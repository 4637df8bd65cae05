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
 *  raw binary placed at `baseAddress`. Errors: file cannot be opened/read (Io); parse errors of
 *  the readers (Format); raw binary without a base address (Usage: "give a base address for
 *  raw binary file ..."); a base address given for HEX/S-record is refused (Usage), since those
 *  files carry their own addresses; empty raw file (Format); raw file that does not fit the
 *  32-bit address space from the base address (Format). */
Result<Image> loadImage(const QString &path, std::optional<quint32> baseAddress = {});

/** Parses a load address as typed by a user: "0x08040000" (hex, case-insensitive prefix) or
 *  decimal; surrounding spaces are ignored. nullopt when it is not a 32-bit number. */
std::optional<quint32> parseAddress(const QString &text);

} // namespace piton
