#include "package/signed_file.h"

#include "byte_order.h"
#include "piton/protocol.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace piton {

namespace {
// docs/package-format.md, "File layout"; the values are protocol.h's PT_PACKAGE_*.
constexpr qsizetype kHeaderSize = PT_PACKAGE_HEADER_SIZE; // the fixed header
constexpr qsizetype kHeaderMax = PT_PACKAGE_HEADER_MAX;   // header with extensions
constexpr int kSignatureMax = PT_SIGNATURE_MAX;
constexpr int kFormatVersion = PT_PACKAGE_FORMAT_VERSION;

QString tr(const char *text)
{
    return QCoreApplication::translate("piton", text); // the context lupdate gives tr() in namespace piton
}
} // namespace

Result<SignedEnvelope> parseSignedEnvelope(QByteArrayView bytes, QByteArrayView magic, const QString &what,
                                           const QString &notA)
{
    auto formatError = [&what](const QString &message) {
        return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(what, message));
    };
    if (bytes.size() < kHeaderSize)
        return formatError(tr("%1 bytes, shorter than the 16-byte header").arg(bytes.size()));
    if (bytes.first(4) != magic)
        return formatError(tr("bad magic (expected \"%1\"): %2").arg(QString::fromLatin1(magic), notA));
    const quint16 formatVersion = readLe16(bytes, 4);
    if (formatVersion != kFormatVersion)
        return formatError(tr("unsupported format version %1 (expected 1)").arg(formatVersion));
    const quint16 headerSize = readLe16(bytes, 6);
    if (headerSize < kHeaderSize || headerSize > kHeaderMax)
        return formatError(tr("header size %1, expected 16..%2").arg(headerSize).arg(kHeaderMax));
    const quint32 manifestLength = readLe32(bytes, 8);
    const quint16 signatureLength = readLe16(bytes, 12);
    if (readLe16(bytes, 14) != 0)
        return formatError(tr("reserved header field is not 0"));
    if (signatureLength < 1 || signatureLength > kSignatureMax)
        return formatError(tr("signature length %1, must be 1..%2").arg(signatureLength).arg(kSignatureMax));
    if (quint64(headerSize) + manifestLength + signatureLength > quint64(bytes.size()))
        return formatError(tr("truncated: %1 bytes, header says manifest %2 + signature %3 bytes follow")
                               .arg(bytes.size()).arg(manifestLength).arg(signatureLength));
    SignedEnvelope e;
    // Header extensions: entries of type (u16), length (u16), value, filling the header exactly.
    for (qsizetype at = kHeaderSize; at < headerSize;) {
        if (headerSize - at < 4)
            return formatError(tr("header extension at byte %1 is cut off by the header size %2").arg(at).arg(headerSize));
        const quint16 type = readLe16(bytes, at);
        const quint16 length = readLe16(bytes, at + 2);
        if (at + 4 + length > headerSize)
            return formatError(tr("header extension %1 of %2 bytes at byte %3 runs past the header size %4")
                                   .arg(type).arg(length).arg(at).arg(headerSize));
        e.extensions.append({type, bytes.sliced(at + 4, length).toByteArray()});
        at += 4 + length;
    }
    e.manifestBytes = bytes.sliced(headerSize, qsizetype(manifestLength)).toByteArray();
    e.signature = bytes.sliced(headerSize + qsizetype(manifestLength), signatureLength).toByteArray();
    e.bodyOffset = headerSize + qsizetype(manifestLength) + signatureLength;
    return e;
}

Result<QByteArray> sealSignedEnvelope(QByteArrayView magic, const QByteArray &manifest, const PrivateKey &key,
                                      const QList<QByteArray> &body, const QList<HeaderExtension> &extensions)
{
    if (key.isNull())
        return Error::make(ErrorKind::Usage, tr("no signing key given"));
    QByteArray header;
    for (const HeaderExtension &x : extensions) {
        appendLe16(header, x.type);
        appendLe16(header, quint16(x.value.size()));
        header.append(x.value);
    }
    const qsizetype headerSize = kHeaderSize + header.size();
    if (headerSize > kHeaderMax)
        return Error::make(ErrorKind::Usage, tr("header extensions of %1 bytes do not fit the %2-byte header")
                                                 .arg(header.size()).arg(kHeaderMax));
    auto signature = key.sign(manifest);
    if (!signature)
        return signature.error();
    if (signature->isEmpty() || signature->size() > kSignatureMax)
        return Error::make(ErrorKind::Format, tr("signature of %1 bytes does not fit the format").arg(signature->size()));
    qsizetype bodySize = 0;
    for (const QByteArray &b : body)
        bodySize += b.size();
    QByteArray out;
    out.reserve(headerSize + manifest.size() + signature->size() + bodySize);
    out.append(magic.data(), 4);
    appendLe16(out, quint16(kFormatVersion));
    appendLe16(out, quint16(headerSize));
    appendLe32(out, quint32(manifest.size()));
    appendLe16(out, quint16(signature->size()));
    appendLe16(out, 0);
    out.append(header);
    out.append(manifest);
    out.append(*signature);
    for (const QByteArray &b : body)
        out.append(b);
    return out;
}

void appendPaddedAscii(QByteArray &out, const QString &text, int field)
{
    QByteArray bytes = text.toLatin1().left(field);
    bytes.resize(field, '\0');
    out.append(bytes);
}

std::optional<QString> readPaddedAscii(QByteArrayView field)
{
    const qsizetype n = field.indexOf('\0');
    if (n < 0)
        return std::nullopt; // no terminating NUL: longer than field - 1 characters
    for (qsizetype i = n; i < field.size(); ++i)
        if (field[i] != 0)
            return std::nullopt;
    for (qsizetype i = 0; i < n; ++i)
        if (quint8(field[i]) < 0x20 || quint8(field[i]) > 0x7e)
            return std::nullopt;
    return QString::fromLatin1(field.first(n));
}

bool allZeroBytes(QByteArrayView bytes)
{
    for (char c : bytes)
        if (c != 0)
            return false;
    return true;
}


Result<void> saveFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(ErrorKind::Io, tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace piton
