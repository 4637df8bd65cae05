#include "line/password.h"
#include "line/line_text_p.h"

#include <QByteArray>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace piton::line {

namespace {

constexpr char kScheme[] = "pbkdf2-sha256";
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

/** PBKDF2-HMAC-SHA256 of `password` (UTF-8) with `salt`, `iterations` rounds; empty on failure. */
QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray out(kHashBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(utf8.constData(), int(utf8.size()), reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                          iterations, EVP_sha256(), int(out.size()), reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return {};
    return out;
}

} // namespace

Result<QString> hashPassword(const QString &password)
{
    if (password.size() < kPasswordMinLength)
        return lineUsage(QCoreApplication::translate("piton::line", "a password needs at least %1 characters").arg(kPasswordMinLength));
    QByteArray salt(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), int(salt.size())) != 1)
        return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "no random bytes for the password's salt (OpenSSL RAND_bytes failed)"));
    const QByteArray hash = derive(password, salt, kPasswordIterations);
    if (hash.isEmpty())
        return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "the password could not be hashed (OpenSSL PKCS5_PBKDF2_HMAC failed)"));
    return QStringLiteral("%1$%2$%3$%4")
        .arg(QLatin1String(kScheme))
        .arg(kPasswordIterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
}

bool checkPassword(const QString &password, const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String(kScheme))
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    const QByteArray salt = QByteArray::fromBase64(parts[2].toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts[3].toLatin1());
    if (!ok || iterations < 1 || iterations > 10000000 || salt.isEmpty() || expected.size() != kHashBytes)
        return false;
    const QByteArray actual = derive(password, salt, iterations);
    return actual.size() == expected.size() && CRYPTO_memcmp(actual.constData(), expected.constData(), size_t(actual.size())) == 0;
}

} // namespace piton::line
