#include "package/package_tools.h"

#include "board/board_profile.h"
#include "image/image_file.h"
#include "package/signed_file.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace piton {

namespace {

Error usage(const QString &message)
{
    return Error::make(ErrorKind::Usage, message);
}

} // namespace

Result<KeyFiles> generateKeyFiles(const QString &privatePath, const QString &publicPath)
{
    if (privatePath.isEmpty())
        return usage(QCoreApplication::translate("PackageTools", "no file given for the private key"));
    if (!publicPath.isEmpty() && QFileInfo(publicPath).absoluteFilePath() == QFileInfo(privatePath).absoluteFilePath())
        return usage(QCoreApplication::translate("PackageTools", "the private and the public key cannot go to the same file %1").arg(privatePath));
    for (const QString &path : {privatePath, publicPath}) {
        if (!path.isEmpty() && QFileInfo::exists(path))
            return usage(QCoreApplication::translate("PackageTools", "%1 exists; refusing to overwrite a key").arg(path));
    }
    auto key = generateKey();
    if (!key)
        return key.error();
    if (auto ok = key->save(privatePath); !ok)
        return ok.error();
    if (!publicPath.isEmpty()) {
        if (auto ok = key->publicKey().save(publicPath); !ok)
            return ok.error();
    }
    return KeyFiles{privatePath, publicPath, key->publicKey().fingerprint()};
}

Result<CreatedPackage> createPackageFile(const PackageRequest &r)
{
    if (r.boardId.isEmpty())
        return usage(QCoreApplication::translate("PackageTools", "no board id given"));
    if (r.outputPath.isEmpty())
        return usage(QCoreApplication::translate("PackageTools", "no output file given for the package"));
    if (r.firmwarePath.isEmpty() && r.applicationPath.isEmpty())
        return usage(QCoreApplication::translate("PackageTools", "give a firmware image, an application image, or both"));
    if (r.keyPath.isEmpty())
        return usage(QCoreApplication::translate("PackageTools", "no signing key given"));

    PackageInput input;
    QStringList warnings;
    input.boardId = r.boardId;
    input.version = r.version;
    input.securityCounter = r.securityCounter;
    input.requiresFirmware = r.requiresFirmware;
    input.rollbackRelease = r.rollbackRelease;
    input.compression = r.compression;
    if (!r.encryptToPath.isEmpty()) {
        auto k = loadPublicKey(r.encryptToPath);
        if (!k)
            return k.error();
        input.encryptTo = *k;
    }
    auto devices = loadPublicKeys(r.deviceKeyPaths);
    if (!devices)
        return devices.error();
    input.encryptToDevices = *devices;
    if (!r.firmwarePath.isEmpty()) {
        auto image = loadImage(r.firmwarePath, r.firmwareBase, r.firmwareBaseOption);
        if (!image)
            return image.error();
        input.firmware = image.value();
        warnings += image->warnings();
    }
    if (!r.applicationPath.isEmpty()) {
        auto image = loadImage(r.applicationPath, r.applicationBase, r.applicationBaseOption);
        if (!image)
            return image.error();
        input.application = image.value();
        warnings += image->warnings();
    }
    auto profile = loadBoardProfile(r.boardId);
    if (!profile)
        return profile.error();
    // A UF2 file names the chip family it was built for: it must be the board's.
    for (const auto &[image, path] : {std::pair{&input.firmware, r.firmwarePath}, std::pair{&input.application, r.applicationPath}})
        if (auto ok = image->has_value() ? checkImageForBoard(**image, *profile, path) : Result<void>(); !ok)
            return ok.error();
    auto key = loadPrivateKey(r.keyPath);
    if (!key)
        return key.error();
    auto bytes = buildPackage(input, profile.value(), key.value());
    if (!bytes)
        return bytes.error();
    auto parsed = Package::parse(bytes.value());
    if (!parsed)
        return parsed.error();

    if (auto ok = saveFileAtomically(r.outputPath, bytes.value()); !ok)
        return ok.error();
    return CreatedPackage{parsed.value(), key->publicKey().fingerprint(), warnings};
}

} // namespace piton
