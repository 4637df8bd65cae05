#include "byte_order.h"
#include "package/package.h"
#include "package/encryption.h"
#include "package/lz4_payload.h"
#include "package/signed_file.h"
#include "piton/protocol.h"

#include <QCoreApplication>
#include <QFile>

namespace piton {

namespace {

// docs/package-format.md, "File layout"; the values are protocol.h's PT_PACKAGE_*.
constexpr const char *kMagic = PT_PACKAGE_MAGIC;
constexpr quint16 kExtSignerKey = PT_PACKAGE_EXT_SIGNER_KEY;


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
    auto envelope = parseSignedEnvelope(bytes, QByteArrayView(kMagic, 4), QStringLiteral("package"),
                                        QCoreApplication::translate("Package", "not a Piton package"));
    if (!envelope)
        return envelope.error();
    Package pkg;
    pkg.manifestBytes = envelope->manifestBytes;
    auto manifest = Manifest::parse(pkg.manifestBytes);
    if (!manifest)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Package", "package: %1").arg(manifest.error().message));
    pkg.manifest = *manifest;
    pkg.signature = envelope->signature;
    const quint64 payloadStart = quint64(envelope->bodyOffset);
    const quint64 expectedSize = payloadStart + pkg.manifest.payloadBytes();
    if (quint64(bytes.size()) < expectedSize)
        return formatError(QCoreApplication::translate("Package", "truncated: %1 bytes, the manifest describes %2")
                               .arg(bytes.size()).arg(expectedSize));
    if (quint64(bytes.size()) > expectedSize)
        return formatError(QCoreApplication::translate("Package", "%1 trailing bytes after the payloads (file %2 bytes, expected %3)")
                               .arg(quint64(bytes.size()) - expectedSize).arg(bytes.size()).arg(expectedSize));
    // The signer key last: decoding it is OpenSSL's costliest step here, a file refused for its
    // layout needs none.
    for (const HeaderExtension &x : envelope->extensions) {
        if (x.type != kExtSignerKey)
            continue; // unknown types are skipped: later hints do not break this reader
        auto key = PublicKey::fromDer(x.value);
        if (!key)
            return formatError(QCoreApplication::translate("Package", "the signer key in the header is not a P-256 public key: %1")
                                   .arg(key.error().message));
        pkg.namedSigner = key.value();
    }
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
        // A compressed (not encrypted) payload: decode it as the bootloader will and check
        // the image it would install, so a bad stream is refused before anything is sent.
        if (d.encoding == PT_ENCODING_LZ4) {
            auto image = payloadImage(i);
            if (!image)
                return verifyError(QCoreApplication::translate("Package", "payload image check failed: %1 (region %2): %3")
                                       .arg(payloadName(d), d.region, image.error().message));
            const QByteArray got = piton::sha256(*image);
            if (got != d.imageSha256)
                return verifyError(QCoreApplication::translate("Package", "payload image check failed: %1 (region %2) decodes to an image "
                                                                          "with SHA-256 %3, the manifest says %4")
                                       .arg(payloadName(d), d.region, QString::fromLatin1(got.toHex()),
                                            QString::fromLatin1(d.imageSha256.toHex())));
        }
    }
    return {};
}

Result<QByteArray> Package::payloadImage(qsizetype index) const
{
    if (index < 0 || index >= payloads.size() || index >= manifest.payloads.size())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "no payload %1").arg(index));
    const PayloadDescriptor &d = manifest.payloads[index];
    if (d.encoding == 0)
        return payloads[index];
    if (d.encoding != PT_ENCODING_LZ4)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "payload encoding 0x%1 cannot be decoded here (encrypted)")
                                                        .arg(d.encoding, 2, 16, QLatin1Char('0')));
    return lz4DecompressPayload(payloads[index], d.imageSize);
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
    manifest.flags = input.rollbackRelease ? quint32(PT_MANIFEST_FLAG_ROLLBACK) : 0u;
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
        if (input.compression != Compression::Off) {
            auto frame = lz4CompressPayload(bytes);
            if (!frame)
                return frame.error();
            if (input.compression == Compression::Lz4 || lz4CompressionPays(bytes.size(), frame->size())) {
                d.encoding = PT_ENCODING_LZ4;
                d.imageSize = quint32(bytes.size());
                d.imageSha256 = piton::sha256(bytes);
                bytes = std::move(*frame);
            }
        }
        d.size = quint32(bytes.size());
        d.payloadOffset = quint32(offset);
        d.version = input.version;
        d.requiresFirmware = kind == PayloadApplication ? input.requiresFirmware.value_or(0) : 0;
        d.sha256 = piton::sha256(bytes);
        offset += bytes.size();
        manifest.payloads.append(d);
        payloads.append(std::move(bytes));
    }
    if (input.encryptTo) {
        if (input.encryptToDevices.size() + 1 > int(PT_KEYBLOCK_MAX_RECIPIENTS))
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "a package can be encrypted to at most %1 keys")
                                                     .arg(PT_KEYBLOCK_MAX_RECIPIENTS));
        auto cek = randomBytes(PT_CONTENT_KEY_SIZE);
        if (!cek)
            return cek.error();
        // Compress first, then encrypt: the stored bytes are AES-CTR over the (LZ4) payload.
        for (qsizetype i = 0; i < manifest.payloads.size(); ++i) {
            PayloadDescriptor &d = manifest.payloads[i];
            auto pkey = payloadKey(*cek, quint8(i));
            auto icb = newCounterBlock();
            if (!pkey || !icb)
                return !pkey ? pkey.error() : icb.error();
            auto stored = aes256Ctr(*pkey, *icb, payloads[i]);
            if (!stored)
                return stored.error();
            if (!d.encoding) {
                d.imageSize = d.size;
                d.imageSha256 = d.sha256;
            }
            d.encoding |= PT_ENCODING_AES_CTR;
            d.counterBlock = *icb;
            d.sha256 = piton::sha256(*stored);
            payloads[i] = std::move(*stored);
        }
        manifest.flags |= PT_MANIFEST_FLAG_ENCRYPTED;
        // H: the manifest without its key block, which the key block's wrap binds to.
        const QByteArray h = piton::sha256(manifest.serialize().left(PT_MANIFEST_FIXED_SIZE + PT_MANIFEST_PAYLOAD_SIZE_V2 * manifest.payloads.size()));
        KeyBlock kb;
        QList<std::pair<const PublicKey *, quint8>> to{{&*input.encryptTo, quint8(PT_RECIPIENT_PRODUCT)}};
        for (const PublicKey &k : input.encryptToDevices)
            to.append({&k, quint8(PT_RECIPIENT_DEVICE)});
        for (const auto &[k, kind] : to) {
            auto r = wrapContentKey(*cek, *k, kind, h);
            if (!r)
                return r.error();
            kb.recipients.append(*r);
        }
        manifest.keyBlock = kb.encode();
    } else if (!input.encryptToDevices.isEmpty()) {
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Package", "device keys are extra recipients of an encrypted package: give the product key to encrypt to as well"));
    }
    if (auto r = manifest.validate(); !r)
        return Error::make(ErrorKind::Usage, r.error().message);
    QList<HeaderExtension> extensions;
    if (input.nameSigner)
        extensions.append({kExtSignerKey, key.publicKey().derSpki()});
    return sealSignedEnvelope(QByteArrayView(kMagic, 4), manifest.serialize(), key, payloads, extensions);
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
            if (quint64(d.loadOffset) + d.installSize() > region->size)
                return verifyError(QCoreApplication::translate("Package", "region check failed: %1 at offset %2 with %3 bytes does not fit region "
                                                  "%4 (%5 bytes)")
                                       .arg(payloadName(d), hex32(d.loadOffset)).arg(d.installSize()).arg(region->name).arg(region->size));
        }
    }

    if (auto r = package.verifyPayloadHashes(); !r)
        return r;

    return {};
}

} // namespace piton
