#include "package/signed_file.h"

#include "byte_order.h"

#include <QSaveFile>

namespace piton {

namespace {
// docs/package-format.md, "File layout"; protocol.h PT_PACKAGE_*.
constexpr qsizetype kHeaderSize = 16;
constexpr int kSignatureMax = 72;
} // namespace

Result<SignedEnvelope> parseSignedEnvelope(QByteArrayView bytes, QByteArrayView magic, const QString &what,
                                           const QString &notA)
{
    auto formatError = [&what](const QString &message) {
        return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(what, message));
    };
    if (bytes.size() < kHeaderSize)
        return formatError(QStringLiteral("%1 bytes, shorter than the 16-byte header").arg(bytes.size()));
    if (bytes.first(4) != magic)
        return formatError(QStringLiteral("bad magic (expected \"%1\"): %2").arg(QString::fromLatin1(magic), notA));
    const quint16 formatVersion = readLe16(bytes, 4);
    if (formatVersion != 1)
        return formatError(QStringLiteral("unsupported format version %1 (expected 1)").arg(formatVersion));
    const quint16 headerSize = readLe16(bytes, 6);
    if (headerSize != kHeaderSize)
        return formatError(QStringLiteral("header size %1, expected 16").arg(headerSize));
    const quint32 manifestLength = readLe32(bytes, 8);
    const quint16 signatureLength = readLe16(bytes, 12);
    if (readLe16(bytes, 14) != 0)
        return formatError(QStringLiteral("reserved header field is not 0"));
    if (signatureLength < 1 || signatureLength > kSignatureMax)
        return formatError(QStringLiteral("signature length %1, must be 1..%2").arg(signatureLength).arg(kSignatureMax));
    if (quint64(kHeaderSize) + manifestLength + signatureLength > quint64(bytes.size()))
        return formatError(QStringLiteral("truncated: %1 bytes, header says manifest %2 + signature %3 bytes follow")
                               .arg(bytes.size()).arg(manifestLength).arg(signatureLength));
    SignedEnvelope e;
    e.manifestBytes = bytes.sliced(kHeaderSize, qsizetype(manifestLength)).toByteArray();
    e.signature = bytes.sliced(kHeaderSize + qsizetype(manifestLength), signatureLength).toByteArray();
    e.bodyOffset = kHeaderSize + qsizetype(manifestLength) + signatureLength;
    return e;
}

Result<QByteArray> sealSignedEnvelope(QByteArrayView magic, const QByteArray &manifest, const PrivateKey &key,
                                      const QList<QByteArray> &body)
{
    if (key.isNull())
        return Error::make(ErrorKind::Usage, QStringLiteral("no signing key given"));
    auto signature = key.sign(manifest);
    if (!signature)
        return signature.error();
    if (signature->isEmpty() || signature->size() > kSignatureMax)
        return Error::make(ErrorKind::Format, QStringLiteral("signature of %1 bytes does not fit the format").arg(signature->size()));
    qsizetype bodySize = 0;
    for (const QByteArray &b : body)
        bodySize += b.size();
    QByteArray out;
    out.reserve(kHeaderSize + manifest.size() + signature->size() + bodySize);
    out.append(magic.data(), 4);
    appendLe16(out, 1);
    appendLe16(out, quint16(kHeaderSize));
    appendLe32(out, quint32(manifest.size()));
    appendLe16(out, quint16(signature->size()));
    appendLe16(out, 0);
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
        return Error::make(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace piton
