// Image: a set of address ranges with their bytes, as read from an Intel HEX, S-record or raw
// binary file (and ELF, DfuSe, UF2: see image_file.h). The domain object that packages are built from.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace piton {

/** One contiguous run of bytes at an absolute address (bytes, 32-bit address space). */
struct Segment {
    quint32 address = 0;
    QByteArray data;

    /** One past the last byte's address; 64-bit so that a segment ending at 0xFFFFFFFF fits. */
    quint64 endAddress() const { return quint64(address) + quint64(data.size()); }
    bool operator==(const Segment &) const = default;
};

/** A memory image: segments kept sorted by address, merged where contiguous, never
 *  overlapping. Copyable value type. Addresses are absolute (not region-relative). */
class Image {
public:
    /** The segments, sorted by address; adjacent segments are merged, so two consecutive
     *  segments always have a gap between them. */
    QList<Segment> segments() const { return m_segments; }

    /** True when the image holds no bytes. */
    bool isEmpty() const { return m_segments.isEmpty(); }

    /** Address of the first byte; 0 for an empty image. */
    quint32 lowestAddress() const;

    /** One past the address of the last byte (64-bit: may be 0x100000000); 0 for an empty image. */
    quint64 highestAddressExclusive() const;

    /** Number of data bytes held (gaps not counted). */
    qsizetype byteCount() const;

    /** The bytes from lowestAddress() to highestAddressExclusive(), gaps filled with `fill`.
     *  Empty for an empty image. The caller must keep the span reasonable (it is allocated). */
    QByteArray flatten(quint8 fill = 0xFF) const;

    /** The part of the image inside [from, toExclusive) (64-bit end so 4 GiB can be named). */
    Image cropped(quint32 from, quint64 toExclusive) const;

    /** Adds `data` at `address`. Empty data is ignored. Errors (ErrorKind::Format): the bytes
     *  overlap bytes already present (message names the overlapping address), or they run
     *  past the end of the 32-bit address space. Touching segments are merged. */
    Result<void> addSegment(quint32 address, QByteArray data);

    /** Execution start address if the file gave one (Intel HEX record 03/05, S-record
     *  S7/S8/S9); informational only. For record 03 it is CS << 4 + IP. */
    std::optional<quint32> startAddress() const { return m_start; }
    void setStartAddress(std::optional<quint32> a) { m_start = a; }

    /** The UF2 family id the file's blocks named (UF2 files only; see readUf2()). */
    std::optional<quint32> uf2Family() const { return m_uf2Family; }
    void setUf2Family(std::optional<quint32> f) { m_uf2Family = f; }

    /** What the reader tolerated but a user should know, one message per item, each naming the
     *  file and line like a reader's error ("app.srec:5: no termination record (S7, S8 or S9);
     *  read without a start address"). Empty for a file that follows its format fully. */
    QStringList warnings() const { return m_warnings; }
    void addWarning(const QString &message) { m_warnings.append(message); }

    /** Equal when the segments are equal (start address and warnings are not compared). */
    bool operator==(const Image &o) const { return m_segments == o.m_segments; }

private:
    QList<Segment> m_segments;
    std::optional<quint32> m_start;
    std::optional<quint32> m_uf2Family;
    QStringList m_warnings;
};

} // namespace piton
