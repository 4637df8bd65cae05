// DFU files: the DFU 1.1 suffix, and ST's DfuSe container (.dfu) read and written.
#pragma once

#include "image/image.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace piton {

/** The 16-byte suffix at the end of every DFU file (USB DFU 1.1, appendix B): bcdDevice,
 *  idProduct, idVendor (0xFFFF = any), bcdDFU (0x0100 plain DFU, 0x011A DfuSe), "UFD", bLength
 *  16, dwCRC. All fields little-endian. */
struct DfuSuffix {
    quint16 device = 0xFFFF;
    quint16 product = 0xFFFF;
    quint16 vendor = 0xFFFF;
    quint16 dfuVersion = 0x011A;
};

/** One element of a DfuSe target: bytes at an absolute address (UM0391 §2.3.3). */
struct DfuSeElement {
    quint32 address = 0;
    QByteArray data;
    bool operator==(const DfuSeElement &) const = default;
};

/** One target (one alternate setting of the device, e.g. 0 = internal flash) (UM0391 §2.3.2). */
struct DfuSeTarget {
    quint8 alternate = 0;
    QString name;  ///< szTargetName; empty = bTargetNamed 0
    QList<DfuSeElement> elements;
    bool operator==(const DfuSeTarget &) const = default;
};

/** A DfuSe file (.dfu, ST UM0391 "DfuSe File Format Specification"): prefix "DfuSe" v1,
 *  targets with their elements, DFU suffix with bcdDFU 0x011A. */
struct DfuSeFile {
    DfuSuffix suffix;
    QList<DfuSeTarget> targets;
};

/** A plain DFU file: the payload in front of a DFU suffix (DFU 1.1 appendix B; no addresses).
 *  `lpcPrefix` is set when the payload began with the 16-byte NXP LPC DFU prefix (first two
 *  bytes 0x1A 0x3F in their low 6 bits, then the length in 512-byte blocks), which is removed. */
struct PlainDfuFile {
    DfuSuffix suffix;
    QByteArray payload;
    bool lpcPrefix = false;
};

/** CRC of a DFU suffix over `bytes` (DFU 1.1 appendix B: CRC-32, polynomial 0x04C11DB7
 *  reflected, initial value 0xFFFFFFFF, no final complement; = ~crc32() of zlib). */
quint32 dfuCrc(QByteArrayView bytes);

/** True when `bytes` end in something that looks like a DFU suffix ("UFD" signature and
 *  bLength >= 16), whatever its CRC. */
bool hasDfuSuffix(const QByteArray &bytes);

/** True when `bytes` start with the DfuSe prefix signature "DfuSe". */
bool looksLikeDfuSe(const QByteArray &bytes);

/** Reads and checks the suffix; `payload` receives the bytes in front of it.
 *  Errors (Format, "<sourceName>: ..."): shorter than 16 bytes, no "UFD" signature, bLength
 *  below 16 or longer than the file, CRC mismatch (both values named). */
Result<DfuSuffix> readDfuSuffix(const QByteArray &bytes, const QString &sourceName, QByteArray *payload);

/** Parses a DfuSe file. Errors (Format, "<sourceName>: ..."): those of readDfuSuffix; bcdDFU not
 *  0x011A; prefix signature/version wrong; DFUImageSize neither the file's size (UM0391, what
 *  dfuse-pack writes) nor the size in front of the suffix;
 *  a target or element header or element data cut short (the target and element number are
 *  named); dwTargetSize not the sum of its elements; bytes left over after the last target. */
Result<DfuSeFile> readDfuSe(const QByteArray &bytes, const QString &sourceName);

/** Parses a plain DFU file (suffix bcdDFU other than 0x011A). Errors: those of readDfuSuffix;
 *  nothing in front of the suffix. */
Result<PlainDfuFile> readPlainDfu(const QByteArray &bytes, const QString &sourceName);

/** The memory image of a DfuSe file: all elements of all targets at their addresses.
 *  Errors (Format): overlapping elements (target, element and address named). */
Result<Image> dfuSeImage(const DfuSeFile &file, const QString &sourceName);

/** Writes a DfuSe file (UM0391): prefix, the targets in order, suffix with CRC. Target names
 *  longer than 254 bytes (UTF-8) are cut. */
QByteArray writeDfuSe(const DfuSeFile &file);

/** A DfuSe file with one target (alternate `alternate`, `name`) holding one element per
 *  segment of `image`, for the device `vendor`:`product` (0483:df11 is an STM32 ROM). */
DfuSeFile dfuSeFromImage(const Image &image, quint16 vendor = 0x0483, quint16 product = 0xDF11,
                         quint8 alternate = 0, const QString &name = QStringLiteral("Internal Flash"));

} // namespace piton
