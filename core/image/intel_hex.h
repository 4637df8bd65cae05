// Intel HEX reader.
#pragma once

#include "image/image.h"

#include <QIODevice>
#include <QString>

namespace piton {

/** Reads an Intel HEX file into an Image, following "Intel Hexadecimal Object File Format
 *  Specification, Revision A" (Intel, 1988). Record types: 00 data, 01 end of file,
 *  02 extended segment address (USBA: address = USBA*16 + offset, offset wrapping within the
 *  64 KiB segment), 03 start segment address (CS:IP), 04 extended linear address (ULBA:
 *  address = ULBA<<16 + offset, linear), 05 start linear address. Upper/lower case hex digits
 *  are accepted; CR/LF, trailing whitespace and blank lines are tolerated.
 *
 *  Errors (ErrorKind::Format) name the file and the 1-based line: "<sourceName>:<line>: ..."
 *  for a missing ':' start code, bad hex digit, truncated line (fewer characters than the byte
 *  count says), bad length (extra characters, or a record whose length does not fit its
 *  type), bad checksum (expected and found values), unknown record type, overlapping data
 *  (the address), and data after the end-of-file record. A file without end-of-file record is
 *  read, with a warning (Image::warnings()), as srec_cat and objcopy read it. A read
 *  failure of the device is ErrorKind::Io. `sourceName` is only used in messages. */
Result<Image> readIntelHex(QIODevice &device, const QString &sourceName);

} // namespace piton
