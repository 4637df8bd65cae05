// Motorola S-record reader.
#pragma once

#include "image/image.h"

#include <QIODevice>
#include <QString>

namespace piton {

/** Reads a Motorola S-record file into an Image (format as in the SREC(5) description shipped
 *  with Motorola's M68000 family manuals and srecord's srec_motorola(5)): every line is
 *  `S<type><count><address><data><checksum>` in hex, where count is the number of bytes after
 *  it and checksum is the ones' complement of the low byte of the sum of count, address and
 *  data bytes. Types: S0 header (ignored), S1/S2/S3 data with 16/24/32-bit address, S5/S6
 *  record count (16/24-bit; checked against the data records seen), S7/S8/S9 start address and
 *  end of file (32/24/16-bit). S4 is reserved and refused.
 *
 *  Errors (ErrorKind::Format) name the file and 1-based line, like readIntelHex: missing 'S',
 *  bad hex digit, truncated line, bad length, bad checksum, unknown record type, overlapping
 *  data, wrong record count, data after the termination record.
 *
 *  A file without termination record is read, with a warning (Image::warnings()): srec_cat
 *  1.64 (`-o app.srec -motorola`) writes none when its input has no start address, and
 *  objcopy and srec_cat read such files. */
Result<Image> readSRecord(QIODevice &device, const QString &sourceName);

} // namespace piton
