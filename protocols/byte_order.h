// Little-endian field access for the wire protocol, packages and config blobs (all
// little-endian: docs/protocol.md §2). Thin wrappers over Qt's qFromLittleEndian/qToLittleEndian.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

namespace piton {

/** Appends a little-endian u16 / u32 to `out`. */
inline void appendLe16(QByteArray &out, quint16 value)
{
    char b[2];
    qToLittleEndian(value, b);
    out.append(b, 2);
}
inline void appendLe32(QByteArray &out, quint32 value)
{
    char b[4];
    qToLittleEndian(value, b);
    out.append(b, 4);
}

/** Reads a little-endian u16 / u32 at byte `offset` of `in`; the caller checks the bounds. */
inline quint16 readLe16(QByteArrayView in, qsizetype offset)
{
    return qFromLittleEndian<quint16>(in.data() + offset);
}
inline quint32 readLe32(QByteArrayView in, qsizetype offset)
{
    return qFromLittleEndian<quint32>(in.data() + offset);
}

} // namespace piton
