#include "byte_order.h"

#include <QCoreApplication>
#include "config/config_blob.h"
#include "piton/protocol.h"

#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringDecoder>

#include <zlib.h>

namespace piton {

namespace {

// docs/config-format.md; the values are protocol.h's, the one contract with the device.
constexpr qsizetype kHeaderSize = PT_CONFIG_HEADER_SIZE;
constexpr qsizetype kMaxSize = PT_CONFIG_MAX_SIZE;
constexpr int kKeyMax = PT_CONFIG_KEY_MAX;
constexpr int kValueMax = PT_CONFIG_VALUE_MAX;
constexpr int kFormatVersion = PT_CONFIG_FORMAT_VERSION;
constexpr const char *kMagic = PT_CONFIG_MAGIC;


quint32 crc32Of(QByteArrayView bytes)
{
    return quint32(crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(bytes.data()), uInt(bytes.size())));
}

bool keyCharOk(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/** Empty when fine, else what is wrong with the key's syntax. */
QString keySyntaxProblem(QByteArrayView key)
{
    if (key.isEmpty())
        return QCoreApplication::translate("ConfigBlob", "key is empty");
    if (key.size() > kKeyMax)
        return QCoreApplication::translate("ConfigBlob", "key is %1 bytes long, at most %2 allowed").arg(key.size()).arg(kKeyMax);
    for (char c : key)
        if (!keyCharOk(c))
            return QCoreApplication::translate("ConfigBlob", "key contains '%1'; only a-z, 0-9, '.', '_' and '-' are allowed")
                .arg((c >= 0x20 && c < 0x7f) ? QString(QLatin1Char(c))
                                             : QStringLiteral("\\x%1").arg(quint8(c), 2, 16, QLatin1Char('0')));
    return {};
}

bool isUtf8(QByteArrayView value)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)QString(decoder.decode(value));
    return !decoder.hasError();
}

QString valueProblem(QByteArrayView value)
{
    if (value.size() > kValueMax)
        return QCoreApplication::translate("ConfigBlob", "value is %1 bytes long, at most %2 allowed").arg(value.size()).arg(kValueMax);
    if (!isUtf8(value))
        return QCoreApplication::translate("ConfigBlob", "value is not valid UTF-8");
    return {};
}

Error formatError(const QString &msg)
{
    return Error::make(ErrorKind::Format, QCoreApplication::translate("ConfigBlob", "config blob: %1").arg(msg));
}

} // namespace

Result<ConfigBlob> ConfigBlob::parse(QByteArrayView b)
{
    if (b.size() < kHeaderSize + 4)
        return formatError(QCoreApplication::translate("ConfigBlob", "too short: %1 bytes, a blob has at least %2").arg(b.size()).arg(kHeaderSize + 4));
    if (b.size() > kMaxSize)
        return formatError(QCoreApplication::translate("ConfigBlob", "too large: %1 bytes, at most %2 allowed").arg(b.size()).arg(kMaxSize));
    if (b.first(4) != QByteArrayView(kMagic, 4))
        return formatError(QCoreApplication::translate("ConfigBlob", "bad magic (expected \"PTCF\")"));
    if (quint8(b[4]) != kFormatVersion)
        return formatError(QCoreApplication::translate("ConfigBlob", "unsupported format version %1 (expected 1)").arg(quint8(b[4])));
    if (b[5] != 0)
        return formatError(QCoreApplication::translate("ConfigBlob", "reserved byte 5 is %1, must be 0").arg(quint8(b[5])));
    const quint16 count = readLe16(b, 6);
    const quint16 length = readLe16(b, 8);
    if (kHeaderSize + length + 4 != b.size())
        return formatError(QCoreApplication::translate("ConfigBlob", "entries length %1 disagrees with the blob size %2 (expected %3)")
                               .arg(length).arg(b.size()).arg(b.size() - kHeaderSize - 4));
    const quint32 expectedCrc = crc32Of(b.first(kHeaderSize + length));
    const quint32 foundCrc = readLe32(b, kHeaderSize + length);
    if (expectedCrc != foundCrc)
        return formatError(QCoreApplication::translate("ConfigBlob", "CRC mismatch: computed 0x%1, blob holds 0x%2")
                               .arg(expectedCrc, 8, 16, QLatin1Char('0'))
                               .arg(foundCrc, 8, 16, QLatin1Char('0')));
    ConfigBlob blob;
    qsizetype at = kHeaderSize;
    const qsizetype end = kHeaderSize + length;
    QByteArray previousKey;
    int index = 0;
    while (at < end) {
        const QString where = QCoreApplication::translate("ConfigBlob", "entry %1 (offset %2)").arg(index).arg(at);
        const int keyLength = quint8(b[at]);
        if (keyLength == 0 || keyLength > kKeyMax)
            return formatError(QCoreApplication::translate("ConfigBlob", "%1: key length %2, must be 1..%3").arg(where).arg(keyLength).arg(kKeyMax));
        if (at + 1 + keyLength + 1 > end)
            return formatError(QCoreApplication::translate("ConfigBlob", "%1: truncated key").arg(where));
        const QByteArray key = b.sliced(at + 1, keyLength).toByteArray();
        if (const QString p = keySyntaxProblem(key); !p.isEmpty())
            return formatError(QStringLiteral("%1: %2").arg(where, p));
        const int valueLength = quint8(b[at + 1 + keyLength]);
        if (valueLength > kValueMax)
            return formatError(QCoreApplication::translate("ConfigBlob", "%1 '%2': value length %3, at most %4 allowed")
                                   .arg(where, QString::fromLatin1(key)).arg(valueLength).arg(kValueMax));
        if (at + 2 + keyLength + valueLength > end)
            return formatError(QCoreApplication::translate("ConfigBlob", "%1 '%2': truncated value").arg(where, QString::fromLatin1(key)));
        const QByteArray value = b.sliced(at + 2 + keyLength, valueLength).toByteArray();
        if (!isUtf8(value))
            return formatError(QCoreApplication::translate("ConfigBlob", "%1 '%2': value is not valid UTF-8").arg(where, QString::fromLatin1(key)));
        if (index > 0 && key == previousKey)
            return formatError(QCoreApplication::translate("ConfigBlob", "%1: key '%2' appears twice").arg(where, QString::fromLatin1(key)));
        if (index > 0 && key < previousKey)
            return formatError(QCoreApplication::translate("ConfigBlob", "%1: keys not in ascending order ('%2' after '%3')")
                                   .arg(where, QString::fromLatin1(key), QString::fromLatin1(previousKey)));
        blob.entries.insert(QString::fromLatin1(key), value);
        previousKey = key;
        at += 2 + keyLength + valueLength;
        ++index;
    }
    if (index != count)
        return formatError(QCoreApplication::translate("ConfigBlob", "entry count %1 in the header, but the entries hold %2").arg(count).arg(index));
    return blob;
}

Result<void> ConfigBlob::check() const
{
    if (entries.size() > 0xFFFF)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("ConfigBlob", "too many config entries (%1)").arg(entries.size()));
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const QByteArray key = it.key().toUtf8();
        if (const QString p = keySyntaxProblem(key); !p.isEmpty())
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("ConfigBlob", "config key '%1': %2").arg(it.key(), p));
        if (const QString p = valueProblem(it.value()); !p.isEmpty())
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("ConfigBlob", "config key '%1': %2").arg(it.key(), p));
    }
    if (serializedSize() > kMaxSize)
        return Error::make(ErrorKind::Usage,
                           QCoreApplication::translate("ConfigBlob", "config is %1 bytes, more than the %2 bytes a config region holds")
                               .arg(serializedSize()).arg(kMaxSize));
    return {};
}

qsizetype ConfigBlob::serializedSize() const
{
    qsizetype n = kHeaderSize + 4;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        n += 2 + it.key().toUtf8().size() + it.value().size();
    return n;
}

QByteArray ConfigBlob::serialize() const
{
    QByteArray body;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const QByteArray key = it.key().toUtf8();
        body.append(char(quint8(key.size())));
        body.append(key);
        body.append(char(quint8(it.value().size())));
        body.append(it.value());
    }
    QByteArray out(kMagic, 4);
    out.append(char(kFormatVersion)).append(char(0));
    appendLe16(out, quint16(entries.size()));
    appendLe16(out, quint16(body.size()));
    out.append(body);
    appendLe32(out, crc32Of(out));
    return out;
}

Result<ConfigBlob> ConfigBlob::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("ConfigBlob", "cannot open %1: %2").arg(path, file.errorString()));
    // A blob is at most kMaxSize bytes: read one more to tell, but name the file's own size.
    const QByteArray bytes = file.read(kMaxSize + 1);
    if (file.error() != QFileDevice::NoError)
        return Error::make(ErrorKind::Io, QCoreApplication::translate("ConfigBlob", "cannot read %1: %2").arg(path, file.errorString()));
    if (bytes.size() > kMaxSize) {
        const QString size = file.isSequential() ? QCoreApplication::translate("ConfigBlob", "more than %1").arg(kMaxSize) : QString::number(file.size());
        return Error::make(ErrorKind::Format, QCoreApplication::translate("ConfigBlob", "%1: config blob: too large: %2 bytes, at most %3 allowed")
                                                  .arg(path, size).arg(kMaxSize));
    }
    auto r = parse(bytes);
    if (!r)
        return Error::make(r.error().kind, QStringLiteral("%1: %2").arg(path, r.error().message));
    return r;
}

Result<void> ConfigBlob::save(const QString &path) const
{
    if (auto r = check(); !r)
        return r;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("ConfigBlob", "cannot write %1: %2").arg(path, file.errorString()));
    file.write(serialize());
    if (!file.commit())
        return Error::make(ErrorKind::Io, QCoreApplication::translate("ConfigBlob", "cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

namespace {

Error usage(const QString &key, const QString &msg)
{
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("ConfigBlob", "config key '%1': %2").arg(key, msg));
}

/** Parses a strict dotted quad (a.b.c.d, 0..255, no leading zeros) into host order. */
std::optional<quint32> dottedQuad(const QByteArray &value)
{
    static const QRegularExpression syntax(
        QStringLiteral("^(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})$"));
    const QString text = QString::fromLatin1(value);
    const auto m = syntax.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    quint32 v = 0;
    for (int i = 1; i <= 4; ++i) {
        const int part = m.captured(i).toInt();
        if (part > 255)
            return std::nullopt;
        v = v << 8 | quint32(part);
    }
    QHostAddress address;
    if (!address.setAddress(text) || address.protocol() != QAbstractSocket::IPv4Protocol ||
        address.toIPv4Address() != v)
        return std::nullopt;
    return v;
}

} // namespace

Result<void> validateConfigEntry(const QString &key, const QByteArray &value)
{
    const QByteArray keyBytes = key.toUtf8();
    if (const QString p = keySyntaxProblem(keyBytes); !p.isEmpty())
        return usage(key, p);
    if (const QString p = valueProblem(value); !p.isEmpty())
        return usage(key, p);

    if (key == QLatin1String("serial")) {
        if (value.isEmpty() || value.size() > 32)
            return usage(key, QCoreApplication::translate("ConfigBlob", "serial number must be 1..32 characters, is %1").arg(value.size()));
        for (char c : value)
            if (c < 0x20 || c > 0x7e)
                return usage(key, QCoreApplication::translate("ConfigBlob", "serial number must be printable ASCII"));
    } else if (key == QLatin1String("net.dhcp")) {
        if (value != "0" && value != "1")
            return usage(key, QCoreApplication::translate("ConfigBlob", "must be 0 or 1, is '%1'").arg(QString::fromUtf8(value)));
    } else if (key == QLatin1String("net.ip") || key == QLatin1String("net.gateway")) {
        if (!dottedQuad(value))
            return usage(key, QCoreApplication::translate("ConfigBlob", "'%1' is not an IPv4 address a.b.c.d (each 0..255)")
                                  .arg(QString::fromUtf8(value)));
    } else if (key == QLatin1String("net.mask")) {
        const auto mask = dottedQuad(value);
        if (!mask)
            return usage(key, QCoreApplication::translate("ConfigBlob", "'%1' is not a dotted-quad netmask a.b.c.d (each 0..255)")
                                  .arg(QString::fromUtf8(value)));
        // Contiguous ones: the inverted mask plus one is a power of two (or zero).
        const quint32 inverted = ~*mask;
        if ((inverted & (inverted + 1)) != 0)
            return usage(key, QCoreApplication::translate("ConfigBlob", "netmask %1 has non-contiguous one bits").arg(QString::fromUtf8(value)));
    } else if (key == QLatin1String("net.mac")) {
        static const QRegularExpression mac(QStringLiteral("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$"));
        if (!mac.match(QString::fromLatin1(value)).hasMatch())
            return usage(key, QCoreApplication::translate("ConfigBlob", "'%1' is not a MAC address: six hex pairs separated by ':' "
                                             "(e.g. 02:00:00:12:34:56)")
                                  .arg(QString::fromUtf8(value)));
    } else if (key == QLatin1String("usb.product")) {
        const qsizetype n = QString::fromUtf8(value).toUcs4().size();
        if (n < 1 || n > 64)
            return usage(key, QCoreApplication::translate("ConfigBlob", "USB product string must be 1..64 characters, is %1").arg(n));
    }
    return {};
}

} // namespace piton
