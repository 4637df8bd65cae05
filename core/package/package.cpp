#include "byte_order.h"
#include "package/package.h"
#include "piton/protocol.h"

#include <QCoreApplication>
#include <QFile>

namespace piton {

namespace {

// docs/package-format.md, "File layout"; the values are protocol.h's PT_PACKAGE_*.
constexpr qsizetype kHeaderSize = PT_PACKAGE_HEADER_SIZE;  // the fixed header
constexpr qsizetype kHeaderMax = PT_PACKAGE_HEADER_MAX;    // header with extensions
constexpr quint16 kExtSignerKey = PT_PACKAGE_EXT_SIGNER_KEY;
constexpr int kSignatureMax = PT_SIGNATURE_MAX;
constexpr int kFormatVersion = PT_PACKAGE_FORMAT_VERSION;
constexpr const char *kMagic = PT_PACKAGE_MAGIC;


Error formatError(const QString &message)
{
    return Error::make(ErrorKind::Format, QCoreApplication::translate("Package", "package: %1").arg(message));
}
Error verifyError(const QString &message)
{
    return Error::make(ErrorKind::Verify, message);
}

QString hex32(quint64 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

QString payloadName(const PayloadDescriptor &d)
{
    return d.kind == PayloadFirmware ? QCoreApplication::translate("Package", "firmware payload") : QCoreApplication::translate("Package", "application payload");
}

} // namespace

QByteArray Package::sha256() const
{
    return piton::sha256(fileBytes);
}

QByteArray Package::payload(int kind) const
{
    for (qsizetype i = 0; i < manifest.payloads.size() && i < payloads.size(); ++i)
        if (manifest.payloads[i].kind == kind)
            return payloads[i];
    return {};
}

Result<Package> Package::parse(QByteArray bytes)
{
    if (bytes.size() < kHeaderSize)
        return formatError(QCoreApplication::translate("Package", "%1 bytes, shorter than the 16-byte header").arg(bytes.size()));
    if (QByteArrayView(bytes).first(4) != QByteArrayView(kMagic, 4))
        return formatError(QCoreApplication::translate("Package", "bad magic (expected \"PTPK\"): not a Piton package"));
    const quint16 formatVersion = readLe16(bytes, 4);
    if (formatVersion != kFormatVersion)
        return formatError(QCoreApplication::translate("Package", "unsupported format version %1 (expected 1)").arg(formatVersion));
    const quint16 headerSize = readLe16(bytes, 6);
    if (headerSize < kHeaderSize || headerSize > kHeaderMax)
        return formatError(QCoreApplication::translate("Package", "header size %1, expected 16..%2").arg(headerSize).arg(kHeaderMax));
    const quint32 manifestLength = readLe32(bytes, 8);
    const quint16 signatureLength = readLe16(bytes, 12);
    if (readLe16(bytes, 14) != 0)
        return formatError(QCoreApplication::translate("Package", "reserved header field is not 0"));
    if (signatureLength < 1 || signatureLength > kSignatureMax)
        return formatError(QCoreApplication::translate("Package", "signature length %1, must be 1..%2").arg(signatureLength).arg(kSignatureMax));
    if (quint64(headerSize) + manifestLength + signatureLength > quint64(bytes.size()))
        return formatError(QCoreApplication::translate("Package", "truncated: %1 bytes, header says manifest %2 + signature %3 bytes follow")
                               .arg(bytes.size()).arg(manifestLength).arg(signatureLength));
    Package pkg;
    // Header extensions: entries of type (u16), length (u16), value, filling the header exactly.
    for (qsizetype at = kHeaderSize; at < headerSize;) {
        if (headerSize - at < 4)
            return formatError(QCoreApplication::translate("Package", "header extension at byte %1 is cut off by the header size %2")
                                   .arg(at).arg(headerSize));
        const quint16 type = readLe16(bytes, at);
        const quint16 length = readLe16(bytes, at + 2);
        if (at + 4 + length > headerSize)
            return formatError(QCoreApplication::translate("Package", "header extension %1 of %2 bytes at byte %3 runs past the header size %4")
                                   .arg(type).arg(length).arg(at).arg(headerSize));
        if (type == kExtSignerKey) {
            auto key = PublicKey::fromDer(QByteArrayView(bytes).sliced(at + 4, length));
            if (!key)
                return formatError(QCoreApplication::translate("Package", "the signer key in the header is not a P-256 public key: %1")
                                       .arg(key.error().message));
            pkg.namedSigner = key.value();
        }
        at += 4 + length; // unknown types are skipped: later hints do not break this reader
    }
    pkg.manifestBytes = bytes.mid(headerSize, qsizetype(manifestLength));
    auto manifest = Manifest::parse(pkg.manifestBytes);
    if (!manifest)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Package", "package: %1").arg(manifest.error().message));
    pkg.manifest = *manifest;
    pkg.signature = bytes.mid(headerSize + qsizetype(manifestLength), signatureLength);
    const quint64 payloadStart = quint64(headerSize) + manifestLength + signatureLength;
    const quint64 expectedSize = payloadStart + pkg.manifest.payloadBytes();
    if (quint64(bytes.size()) < expectedSize)
        return formatError(QCoreApplication::translate("Package", "truncated: %1 bytes, the manifest describes %2")
                               .arg(bytes.size()).arg(expectedSize));
    if (quint64(bytes.size()) > expectedSize)
        return formatError(QCoreApplication::translate("Package", "%1 trailing bytes after the payloads (file %2 bytes, expected %3)")
                               .arg(quint64(bytes.size()) - expectedSize).arg(bytes.size()).arg(expectedSize));
    for (const PayloadDescriptor &d : pkg.manifest.payloads)
        pkg.payloads.append(bytes.mid(qsizetype(payloadStart + d.payloadOffset), qsizetype(d.size)));
    pkg.fileBytes = std::move(bytes);
    return pkg;
}

Result<Package> Package::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Package", "cannot open package %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Package", "cannot read package %1: %2").arg(path, file.errorString()));
    auto pkg = parse(std::move(bytes));
    if (!pkg)
        return Error::make(pkg.error().kind, QStringLiteral("%1: %2").arg(path, pkg.error().message));
    return pkg;
}

Result<void> Package::verifySignature(const PublicKey &key) const
{
    auto r = key.verify(manifestBytes, signature);
    if (!r)
        return verifyError(QCoreApplication::translate("Package", "manifest signature check failed: %1").arg(r.error().message));
    return {};
}

Result<void> Package::verifyPayloadHashes() const
{
    if (payloads.size() != manifest.payloads.size())
        return verifyError(QCoreApplication::translate("Package", "payload hash check failed: %1 payloads for %2 descriptors")
                               .arg(payloads.size()).arg(manifest.payloads.size()));
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        const PayloadDescriptor &d = manifest.payloads[i];
        const QByteArray actual = piton::sha256(payloads[i]);
        if (actual != d.sha256)
            return verifyError(QCoreApplication::translate("Package", "payload hash check failed: %1 (region %2) has SHA-256 %3, "
                                              "the manifest says %4")
                                   .arg(payloadName(d), d.region, QString::fromLatin1(actual.toHex()),
                                        QString::fromLatin1(d.sha256.toHex())));
    }
    return {};
}

QByteArray Package::signerFingerprint(const QList<PublicKey> &keys) const
{
    for (const PublicKey &k : keys)
        if (!k.isNull() && k.verify(manifestBytes, signature))
            return k.fingerprint();
    return {};
}

Result<QByteArray> Package::namedSignerFingerprint() const
{
    if (namedSigner.isNull())
        return QByteArray();
    if (!namedSigner.verify(manifestBytes, signature))
        return verifyError(QCoreApplication::translate("Package", "signature check failed: the package names signer key %1, "
                                                                  "but its signature does not verify under that key")
                               .arg(fingerprintHex(namedSigner.fingerprint())));
    return namedSigner.fingerprint();
}

QByteArray Package::signerFingerprintIfTrusted(const QList<PublicKey> &keys,
                                               const QList<QByteArray> &trustedFingerprints) const
{
    for (const PublicKey &k : keys) {
        if (k.isNull() || !trustedFingerprints.contains(k.fingerprint()))
            continue;
        if (k.verify(manifestBytes, signature))
            return k.fingerprint();
    }
    return {};
}

Result<QByteArray> buildPackage(const PackageInput &input, const BoardProfile &board, const PrivateKey &key)
{
    if (key.isNull())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "no signing key given"));
    if (!input.firmware && !input.application)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "nothing to package: give a firmware image, an application image, or both"));
    if (input.requiresFirmware && !input.application)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "a firmware requirement applies only to an application image"));
    const QString boardId = input.boardId.isEmpty() ? board.id : input.boardId;
    if (boardId != board.id)
        return Error::make(ErrorKind::Usage,
                           QCoreApplication::translate("Package", "board id '%1' differs from the board profile '%2'").arg(boardId, board.id));

    Manifest manifest;
    manifest.boardId = boardId;
    manifest.version = input.version;
    manifest.securityCounter = input.securityCounter;
    QList<QByteArray> payloads;
    quint64 offset = 0;
    const std::pair<int, const std::optional<Image> *> parts[] = {{PayloadFirmware, &input.firmware},
                                                                   {PayloadApplication, &input.application}};
    for (const auto &[kind, image] : parts) {
        if (!*image)
            continue;
        const QString regionName = regionForPayloadKind(kind);
        const QString what = kind == PayloadFirmware ? QStringLiteral("firmware") : QStringLiteral("application");
        const auto region = board.region(regionName);
        if (!region)
            return Error::make(ErrorKind::Usage,
                               QCoreApplication::translate("Package", "board %1 has no region '%2' for the %3 image").arg(board.id, regionName, what));
        const Image &img = **image;
        if (img.isEmpty())
            return Error::make(ErrorKind::Format, QCoreApplication::translate("Package", "the %1 image holds no data").arg(what));
        for (const Segment &s : img.segments()) {
            // Name the first run of bytes outside the region.
            quint64 from = 0, to = 0;
            if (s.address < region->address) {
                from = s.address;
                to = std::min<quint64>(s.endAddress(), region->address);
            } else if (s.endAddress() > region->endAddress()) {
                from = std::max<quint64>(s.address, region->endAddress());
                to = s.endAddress();
            }
            if (from < to)
                return Error::make(ErrorKind::Format,
                                   QCoreApplication::translate("Package", "%1 image bytes %2..%3 are outside region %4 (%5..%6)")
                                       .arg(what, hex32(from), hex32(to - 1), region->name, hex32(region->address),
                                            hex32(region->endAddress() - 1)));
        }
        PayloadDescriptor d;
        d.kind = kind;
        d.region = regionName;
        d.loadOffset = img.lowestAddress() - region->address;
        QByteArray bytes = img.flatten(0xFF);
        d.size = quint32(bytes.size());
        d.payloadOffset = quint32(offset);
        d.version = input.version;
        d.requiresFirmware = kind == PayloadApplication ? input.requiresFirmware.value_or(0) : 0;
        d.sha256 = piton::sha256(bytes);
        offset += bytes.size();
        manifest.payloads.append(d);
        payloads.append(std::move(bytes));
    }
    if (auto r = manifest.validate(); !r)
        return Error::make(ErrorKind::Usage, r.error().message);
    const QByteArray manifestBytes = manifest.serialize();
    auto signature = key.sign(manifestBytes);
    if (!signature)
        return signature.error();
    if (signature->isEmpty() || signature->size() > kSignatureMax)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Package", "signature of %1 bytes does not fit the format").arg(signature->size()));

    QByteArray extensions;
    if (input.nameSigner) {
        const QByteArray der = key.publicKey().derSpki();
        appendLe16(extensions, kExtSignerKey);
        appendLe16(extensions, quint16(der.size()));
        extensions.append(der);
    }
    const qsizetype headerSize = kHeaderSize + extensions.size();

    QByteArray out;
    out.reserve(qsizetype(headerSize + manifestBytes.size() + signature->size() + qsizetype(offset)));
    out.append(kMagic, 4);
    appendLe16(out, quint16(kFormatVersion));
    appendLe16(out, quint16(headerSize));
    appendLe32(out, quint32(manifestBytes.size()));
    appendLe16(out, quint16(signature->size()));
    appendLe16(out, 0);
    out.append(extensions);
    out.append(manifestBytes);
    out.append(*signature);
    for (const QByteArray &p : payloads)
        out.append(p);
    return out;
}

Result<void> checkCompatibility(const Package &package, const QString &deviceBoardId,
                                std::optional<quint32> deviceFirmwareVersion,
                                const QList<QByteArray> &trustedKeyFingerprints, quint32 deviceSecurityCounter,
                                const QList<PublicKey> &publicKeys, const QList<BoardRegion> &deviceRegions,
                                QByteArray *signerFingerprint)
{
    if (signerFingerprint)
        signerFingerprint->clear();
    const Manifest &m = package.manifest;
    // Structure first: a Package from parse() already passed this, a hand-made one may not.
    if (auto r = m.validate(); !r)
        return verifyError(QCoreApplication::translate("Package", "manifest check failed: %1").arg(r.error().message));

    if (m.boardId != deviceBoardId)
        return verifyError(QCoreApplication::translate("Package", "board check failed: package is for board '%1', the device is '%2'")
                               .arg(m.boardId, deviceBoardId));

    // Signature and trust, before anything else costs time: the signer the package names,
    // else the public keys the caller has; the board reports the fingerprints it trusts.
    QByteArray signer;
    if (!package.namedSigner.isNull()) {
        auto named = package.namedSignerFingerprint();
        if (!named)
            return named.error();
        signer = named.value();
    } else if (!publicKeys.isEmpty()) {
        signer = package.signerFingerprint(publicKeys);
        if (signer.isEmpty()) {
            QStringList fps;
            for (const PublicKey &k : publicKeys)
                fps.append(fingerprintHex(k.fingerprint()));
            return verifyError(QCoreApplication::translate("Package", "signature check failed: the manifest signature does not verify under any "
                                                                      "of the given public keys (%1)")
                                   .arg(fps.join(QStringLiteral(", "))));
        }
    }
    if (!signer.isEmpty() && !trustedKeyFingerprints.isEmpty() && !trustedKeyFingerprints.contains(signer)) {
        QStringList trusted;
        for (const QByteArray &fp : trustedKeyFingerprints)
            trusted.append(fingerprintHex(fp));
        return verifyError(QCoreApplication::translate("Package", "trust check failed: the package is signed by key %1, which the board "
                                                                  "does not trust (it trusts %2)")
                               .arg(fingerprintHex(signer), trusted.join(QStringLiteral(", "))));
    }
    if (signerFingerprint)
        *signerFingerprint = signer;

    if (m.securityCounter < deviceSecurityCounter)
        return verifyError(QCoreApplication::translate("Package", "security counter check failed: package counter %1 is below the device's %2 "
                                          "(a rollback to an older, possibly vulnerable release)")
                               .arg(m.securityCounter).arg(deviceSecurityCounter));

    for (const PayloadDescriptor &d : m.payloads) {
        if (d.kind != PayloadApplication || d.requiresFirmware == 0)
            continue;
        if (const PayloadDescriptor *fw = m.payload(PayloadFirmware)) {
            if (fw->version < d.requiresFirmware)
                return verifyError(QCoreApplication::translate("Package", "firmware requirement check failed: the application requires firmware %1, "
                                                  "the package brings firmware %2")
                                       .arg(versionToString(d.requiresFirmware), versionToString(fw->version)));
        } else if (!deviceFirmwareVersion || *deviceFirmwareVersion < d.requiresFirmware) {
            return verifyError(QCoreApplication::translate("Package", "firmware requirement check failed: the application requires firmware %1, "
                                              "the device runs %2 and the package brings none")
                                   .arg(versionToString(d.requiresFirmware),
                                        deviceFirmwareVersion ? versionToString(*deviceFirmwareVersion) : QCoreApplication::translate("Package", "no firmware")));
        }
    }

    if (!deviceRegions.isEmpty()) {
        for (const PayloadDescriptor &d : m.payloads) {
            const BoardRegion *region = nullptr;
            for (const BoardRegion &r : deviceRegions)
                if (r.name == d.region)
                    region = &r;
            if (!region)
                return verifyError(QCoreApplication::translate("Package", "region check failed: the device has no region '%1'").arg(d.region));
            if (quint64(d.loadOffset) + d.size > region->size)
                return verifyError(QCoreApplication::translate("Package", "region check failed: %1 at offset %2 with %3 bytes does not fit region "
                                                  "%4 (%5 bytes)")
                                       .arg(payloadName(d), hex32(d.loadOffset)).arg(d.size).arg(region->name).arg(region->size));
        }
    }

    if (auto r = package.verifyPayloadHashes(); !r)
        return r;

    return {};
}

} // namespace piton
