#include "package/bundle.h"

#include "board/board_profile.h"
#include "byte_order.h"
#include "image/image_file.h"
#include "package/signed_file.h"

#include <QFile>

namespace piton {

namespace {

// docs/package-format.md, "Factory bundle".
constexpr char kFileMagic[4] = {'P', 'T', 'F', 'B'};
constexpr char kManifestMagic[4] = {'P', 'T', 'B', 'M'};
constexpr qsizetype kFixedSize = 48;
constexpr qsizetype kDescriptorSize = 48;
constexpr int kBoardIdField = 32;
constexpr int kMinSections = 3;
constexpr int kMaxSections = 7;
constexpr int kMaxTrustedKeys = 2; // protocol.h PT_MAX_TRUSTED_KEYS
constexpr int kMaxAccessKeys = 2;  // protocol.h PT_MAX_ACCESS_KEYS
constexpr quint32 kFlagLocked = 1u;

Error formatError(const QString &message)
{
    return Error::make(ErrorKind::Format, QStringLiteral("bundle: %1").arg(message));
}

Error usage(const QString &message)
{
    return Error::make(ErrorKind::Usage, message);
}

QString hex32(quint64 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

/** Checks the kinds and counts of the sections, in order. */
Result<void> checkSectionSet(const QList<BundleSection> &sections)
{
    int counts[6] = {0, 0, 0, 0, 0, 0};
    int previous = 0;
    for (qsizetype i = 0; i < sections.size(); ++i) {
        const int kind = sections[i].kind;
        if (kind < BundleBootloader || kind > BundleAccessKey)
            return formatError(QStringLiteral("section %1: unknown kind %2").arg(i).arg(kind));
        if (kind < previous)
            return formatError(QStringLiteral("section %1 (%2) comes after a %3 section: sections go in kind order")
                                   .arg(i).arg(bundleSectionKindId(kind), bundleSectionKindId(previous)));
        previous = kind;
        ++counts[kind];
    }
    if (counts[BundleBootloader] != 1)
        return formatError(QStringLiteral("%1 bootloader sections, expected exactly 1").arg(counts[BundleBootloader]));
    if (counts[BundlePackage] != 1)
        return formatError(QStringLiteral("%1 package sections, expected exactly 1").arg(counts[BundlePackage]));
    if (counts[BundleTrustedKey] < 1 || counts[BundleTrustedKey] > kMaxTrustedKeys)
        return formatError(QStringLiteral("%1 trusted-key sections, expected 1..%2").arg(counts[BundleTrustedKey]).arg(kMaxTrustedKeys));
    if (counts[BundleConfig] > 1)
        return formatError(QStringLiteral("%1 config sections, at most 1").arg(counts[BundleConfig]));
    if (counts[BundleAccessKey] > kMaxAccessKeys)
        return formatError(QStringLiteral("%1 access-key sections, at most %2").arg(counts[BundleAccessKey]).arg(kMaxAccessKeys));
    return {};
}

} // namespace

QString bundleSectionKindId(int kind)
{
    switch (kind) {
    case BundleBootloader: return QStringLiteral("bootloader");
    case BundlePackage: return QStringLiteral("package");
    case BundleTrustedKey: return QStringLiteral("trusted-key");
    case BundleConfig: return QStringLiteral("config");
    case BundleAccessKey: return QStringLiteral("access-key");
    }
    return QStringLiteral("kind %1").arg(kind);
}

Image Bundle::bootloader() const
{
    Image image;
    for (const BundleSection &s : sections)
        if (s.kind == BundleBootloader)
            (void)image.addSegment(s.address, s.data); // one section, checked by parse()
    return image;
}

Result<QByteArray> Bundle::verifySignature(const QList<PublicKey> &keys) const
{
    QStringList tried;
    for (const PublicKey &k : keys) {
        if (k.isNull())
            continue;
        if (k.verify(manifestBytes, signature))
            return k.fingerprint();
        tried << fingerprintHex(k.fingerprint());
    }
    return Error::make(ErrorKind::Verify, QStringLiteral("bundle signature check failed: the manifest signature does not "
                                                         "verify under %1")
                                              .arg(tried.isEmpty() ? QStringLiteral("any key (none given)")
                                                                   : QStringLiteral("key(s) %1").arg(tried.join(QStringLiteral(", ")))));
}

Result<Bundle> Bundle::parse(QByteArray bytes)
{
    auto envelope = parseSignedEnvelope(bytes, QByteArrayView(kFileMagic, 4), QStringLiteral("bundle"),
                                        QStringLiteral("not a Piton factory bundle"));
    if (!envelope)
        return envelope.error();
    const QByteArray &m = envelope->manifestBytes;
    if (m.size() < kFixedSize)
        return formatError(QStringLiteral("manifest of %1 bytes, shorter than its 48-byte fixed part").arg(m.size()));
    if (QByteArrayView(m).first(4) != QByteArrayView(kManifestMagic, 4))
        return formatError(QStringLiteral("bad manifest magic (expected \"PTBM\")"));
    if (readLe16(m, 4) != 1)
        return formatError(QStringLiteral("unsupported manifest version %1 (expected 1)").arg(readLe16(m, 4)));
    const int count = readLe16(m, 6);
    if (count < kMinSections || count > kMaxSections)
        return formatError(QStringLiteral("section count %1, must be %2..%3").arg(count).arg(kMinSections).arg(kMaxSections));
    if (m.size() != kFixedSize + kDescriptorSize * count)
        return formatError(QStringLiteral("manifest length %1, expected %2 for %3 sections")
                               .arg(m.size()).arg(kFixedSize + kDescriptorSize * count).arg(count));
    Bundle b;
    const auto board = readPaddedAscii(QByteArrayView(m).sliced(8, kBoardIdField));
    if (!board || board->isEmpty())
        return formatError(QStringLiteral("board id is not 1..31 printable ASCII characters, NUL-padded"));
    b.boardId = *board;
    const quint32 flags = readLe32(m, 40);
    if (flags & ~kFlagLocked)
        return formatError(QStringLiteral("flags 0x%1 has bits other than bit 0 (locked) set").arg(flags, 0, 16));
    b.locked = flags & kFlagLocked;
    if (!allZeroBytes(QByteArrayView(m).sliced(44, 4)))
        return formatError(QStringLiteral("reserved manifest bytes are not 0"));

    quint64 expectedOffset = 0;
    QList<quint32> sizes;
    for (int i = 0; i < count; ++i) {
        const QByteArrayView d = QByteArrayView(m).sliced(kFixedSize + kDescriptorSize * i, kDescriptorSize);
        BundleSection s;
        s.kind = quint8(d[0]);
        if (!allZeroBytes(d.sliced(1, 3)))
            return formatError(QStringLiteral("section %1: reserved bytes are not 0").arg(i));
        s.address = readLe32(d, 4);
        const quint32 size = readLe32(d, 8);
        s.offset = readLe32(d, 12);
        s.sha256 = d.sliced(16, 32).toByteArray();
        if (size == 0)
            return formatError(QStringLiteral("section %1 (%2): size 0").arg(i).arg(bundleSectionKindId(s.kind)));
        if (s.offset != expectedOffset)
            return formatError(QStringLiteral("section %1 (%2): offset %3, expected %4 (sections back to back)")
                                   .arg(i).arg(bundleSectionKindId(s.kind)).arg(s.offset).arg(expectedOffset));
        if (s.kind != BundleBootloader && s.address != 0)
            return formatError(QStringLiteral("section %1 (%2): address %3, must be 0 (only the bootloader has one)")
                                   .arg(i).arg(bundleSectionKindId(s.kind), hex32(s.address)));
        if (s.kind == BundleBootloader && (s.address % 4 || quint64(s.address) + size > 0x100000000ull))
            return formatError(QStringLiteral("section %1 (bootloader): address %2 is not 4-byte aligned or the image "
                                              "runs past 4 GiB").arg(i).arg(hex32(s.address)));
        expectedOffset += size;
        sizes.append(size); // the data is taken below, once the file size is known to match
        b.sections.append(s);
    }
    if (auto r = checkSectionSet(b.sections); !r)
        return r.error();
    const quint64 expectedSize = quint64(envelope->bodyOffset) + expectedOffset;
    if (quint64(bytes.size()) < expectedSize)
        return formatError(QStringLiteral("truncated: %1 bytes, the manifest describes %2").arg(bytes.size()).arg(expectedSize));
    if (quint64(bytes.size()) > expectedSize)
        return formatError(QStringLiteral("%1 trailing bytes after the sections (file %2 bytes, expected %3)")
                               .arg(quint64(bytes.size()) - expectedSize).arg(bytes.size()).arg(expectedSize));
    for (qsizetype i = 0; i < b.sections.size(); ++i) {
        BundleSection &s = b.sections[i];
        s.data = bytes.mid(envelope->bodyOffset + qsizetype(s.offset), qsizetype(sizes[i]));
        const QByteArray actual = sha256(s.data);
        if (actual != s.sha256)
            return Error::make(ErrorKind::Verify, QStringLiteral("bundle: section %1 (%2) has SHA-256 %3, the manifest says %4")
                                                      .arg(i).arg(bundleSectionKindId(s.kind), QString::fromLatin1(actual.toHex()),
                                                           QString::fromLatin1(s.sha256.toHex())));
        if (s.kind == BundleTrustedKey || s.kind == BundleAccessKey) {
            auto key = PublicKey::fromDer(s.data);
            if (!key)
                return formatError(QStringLiteral("%1 section %2: %3").arg(bundleSectionKindId(s.kind)).arg(i).arg(key.error().message));
            (s.kind == BundleTrustedKey ? b.trustedKeys : b.accessKeys).append(*key);
        }
    }
    b.manifestBytes = envelope->manifestBytes;
    b.signature = envelope->signature;
    // A bundle proves that its maker holds a key the boards it brings up will trust: checked
    // before anything the manifest says is believed.
    if (auto signer = b.verifySignature(b.trustedKeys); !signer)
        return Error::make(ErrorKind::Verify, QStringLiteral("bundle: not signed by any of the keys it provisions (%1)")
                                                  .arg(signer.error().message));
    for (const BundleSection &s : std::as_const(b.sections)) {
        if (s.kind == BundlePackage) {
            auto pkg = Package::parse(s.data);
            if (!pkg)
                return formatError(QStringLiteral("package section: %1").arg(pkg.error().message));
            if (pkg->manifest.boardId != b.boardId)
                return formatError(QStringLiteral("package section is for board '%1', the bundle for '%2'")
                                       .arg(pkg->manifest.boardId, b.boardId));
            b.package = *pkg;
        } else if (s.kind == BundleConfig) {
            auto config = ConfigBlob::parse(s.data);
            if (!config)
                return formatError(QStringLiteral("config section: %1").arg(config.error().message));
            b.config = *config;
        }
    }
    // The package must be one the boards brought up with this bundle accept.
    if (b.package.signerFingerprint(b.trustedKeys).isEmpty())
        return Error::make(ErrorKind::Verify, QStringLiteral("bundle: its package is not signed by any of the keys the bundle "
                                                             "provisions, so a board brought up with it would refuse it"));
    b.fileBytes = std::move(bytes);
    return b;
}

Result<Bundle> Bundle::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QStringLiteral("cannot open bundle %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::make(ErrorKind::Io, QStringLiteral("cannot read bundle %1: %2").arg(path, file.errorString()));
    auto bundle = parse(std::move(bytes));
    if (!bundle)
        return Error::make(bundle.error().kind, QStringLiteral("%1: %2").arg(path, bundle.error().message));
    return bundle;
}

Result<CreatedBundle> createBundleFile(const BundleRequest &r)
{
    if (r.boardId.isEmpty())
        return usage(QStringLiteral("no board id given (--board)"));
    if (r.bootloaderPath.isEmpty())
        return usage(QStringLiteral("no bootloader image given (--bootloader)"));
    if (r.packagePath.isEmpty())
        return usage(QStringLiteral("no package given (--package)"));
    if (r.trustKeyPaths.isEmpty() || r.trustKeyPaths.size() > kMaxTrustedKeys)
        return usage(QStringLiteral("give 1..%1 trusted public keys (--trust-key), not %2").arg(kMaxTrustedKeys).arg(r.trustKeyPaths.size()));
    if (r.accessKeyPaths.size() > kMaxAccessKeys)
        return usage(QStringLiteral("give at most %1 access keys (--trust-access-key), not %2").arg(kMaxAccessKeys).arg(r.accessKeyPaths.size()));
    if (r.locked && r.accessKeyPaths.isEmpty())
        return usage(QStringLiteral("a locked bundle needs at least one access key (--trust-access-key): a locked board serves "
                                    "no change without a session, so a board brought up without one could never be serviced"));
    if (r.keyPath.isEmpty())
        return usage(QStringLiteral("no signing key given (--key)"));
    if (r.outputPath.isEmpty())
        return usage(QStringLiteral("no output file given (-o)"));

    auto profile = loadBoardProfile(r.boardId);
    if (!profile)
        return profile.error();
    auto image = loadImage(r.bootloaderPath, r.bootloaderBase, QStringLiteral("--bootloader-base"));
    if (!image)
        return image.error();
    if (image->isEmpty())
        return Error::make(ErrorKind::Format, QStringLiteral("%1: the bootloader image holds no data").arg(r.bootloaderPath));
    const auto region = profile->region(QStringLiteral("bootloader"));
    if (!region)
        return usage(QStringLiteral("board %1 has no region 'bootloader'").arg(profile->id));
    if (image->lowestAddress() < region->address || image->highestAddressExclusive() > region->endAddress()) {
        const quint64 first = image->lowestAddress() < region->address ? image->lowestAddress() : region->endAddress();
        return Error::make(ErrorKind::Format, QStringLiteral("%1: bootloader image bytes from %2 are outside region bootloader (%3..%4)")
                                                  .arg(r.bootloaderPath, hex32(first), hex32(region->address),
                                                       hex32(region->endAddress() - 1)));
    }
    auto pkg = Package::load(r.packagePath);
    if (!pkg)
        return pkg.error();
    if (pkg->manifest.boardId != profile->id)
        return usage(QStringLiteral("package %1 is for board '%2', not '%3'").arg(r.packagePath, pkg->manifest.boardId, profile->id));
    auto keys = loadPublicKeys(r.trustKeyPaths);
    if (!keys)
        return keys.error();
    auto key = loadPrivateKey(r.keyPath);
    if (!key)
        return key.error();
    bool signerTrusted = false;
    for (const PublicKey &k : keys.value())
        signerTrusted = signerTrusted || k.fingerprint() == key->publicKey().fingerprint();
    if (!signerTrusted)
        return usage(QStringLiteral("the signing key %1 is not one of the trusted keys (--trust-key): a board brought up "
                                    "with the bundle could not tell it from a forgery").arg(r.keyPath));
    if (pkg->signerFingerprint(keys.value()).isEmpty())
        return usage(QStringLiteral("package %1 is not signed by any of the trusted keys: the board would refuse it").arg(r.packagePath));
    auto accessKeys = loadPublicKeys(r.accessKeyPaths);
    if (!accessKeys)
        return accessKeys.error();
    std::optional<ConfigBlob> config;
    if (!r.configPath.isEmpty()) {
        auto loaded = ConfigBlob::load(r.configPath);
        if (!loaded)
            return loaded.error();
        config = loaded.value();
    }

    QList<std::pair<int, QByteArray>> parts;
    parts.append({BundleBootloader, image->flatten(0xFF)});
    parts.append({BundlePackage, pkg->fileBytes});
    for (const PublicKey &k : keys.value())
        parts.append({BundleTrustedKey, k.derSpki()});
    if (config)
        parts.append({BundleConfig, config->serialize()});
    for (const PublicKey &k : accessKeys.value())
        parts.append({BundleAccessKey, k.derSpki()});

    QByteArray manifest(kManifestMagic, 4);
    appendLe16(manifest, 1);
    appendLe16(manifest, quint16(parts.size()));
    appendPaddedAscii(manifest, profile->id, kBoardIdField);
    appendLe32(manifest, r.locked ? kFlagLocked : 0u);
    appendLe32(manifest, 0);
    QList<QByteArray> body;
    quint32 offset = 0;
    for (const auto &[kind, data] : parts) {
        manifest.append(char(kind));
        manifest.append(3, '\0');
        appendLe32(manifest, kind == BundleBootloader ? image->lowestAddress() : 0u);
        appendLe32(manifest, quint32(data.size()));
        appendLe32(manifest, offset);
        manifest.append(sha256(data));
        offset += quint32(data.size());
        body.append(data);
    }
    auto bytes = sealSignedEnvelope(QByteArrayView(kFileMagic, 4), manifest, key.value(), body);
    if (!bytes)
        return bytes.error();
    auto parsed = Bundle::parse(bytes.value());
    if (!parsed)
        return parsed.error();
    if (auto ok = saveFileAtomically(r.outputPath, bytes.value()); !ok)
        return ok.error();
    return CreatedBundle{parsed.value(), key->publicKey().fingerprint(), image->warnings()};
}

} // namespace piton
