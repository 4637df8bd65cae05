// UF2 reader (Microsoft's USB Flashing Format).
#pragma once

#include "image/image.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace piton {

/** True when `bytes` start with a UF2 block's two start magics ("UF2\n", 0x9E5D5157). */
bool looksLikeUf2(const QByteArray &bytes);

/** Reads a UF2 file (github.com/microsoft/uf2 README, "File format"): 512-byte blocks, each
 *  with magics 0x0A324655 0x9E5D5157 … 0x0AB16F30, flags, targetAddr, payloadSize (<= 476),
 *  blockNo, numBlocks and fileSize-or-familyID, all little-endian. Blocks flagged "not main
 *  flash" (0x1) are skipped, as a UF2 bootloader skips them. The family id (flag 0x2000) of the
 *  blocks read is recorded in Image::uf2Family().
 *
 *  `family`: the board's family id. With it, blocks naming another family are skipped (a file
 *  may carry images for several chips) and a file with no block for it is refused; without
 *  it, a file naming more than one family is refused.
 *
 *  Errors (Format, "<sourceName>: ..."): size not a multiple of 512 (trailing bytes named); a
 *  block with a bad magic (block index and file offset named); payloadSize over 476; a file
 *  container (flag 0x1000, files rather than flash contents); blockNo >= numBlocks or
 *  numBlocks changing within one family's sequence; a missing or repeated block number;
 *  overlapping data; no block for the board's family (families present named); several
 *  families and no board family given. */
Result<Image> readUf2(const QByteArray &bytes, const QString &sourceName, std::optional<quint32> family = {});

} // namespace piton
