// File-level tools over keys and packages, shared by `piton-cli keys generate` / `package create`
// and the GUI's Keys and packages page, so both do exactly the same thing.
#pragma once

#include "error.h"
#include "package/keys.h"
#include "package/package.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace piton {

/** Where a generated key pair went. */
struct KeyFiles {
    QString privatePath;     ///< PKCS#8 PEM, mode 0600
    QString publicPath;      ///< SubjectPublicKeyInfo PEM; empty when not asked for
    QByteArray fingerprint;  ///< SHA-256 of the public key's DER SubjectPublicKeyInfo (32 bytes)
};

/** Generates an EC P-256 key pair (generateKey) and writes the private key to `privatePath`
 *  and, when `publicPath` is not empty, the public key to `publicPath`. Refuses to overwrite
 *  an existing file (a lost signing key cannot be recovered). Errors: Usage (empty private
 *  path, a file exists, both paths equal), Io (cannot write), Format (OpenSSL failed). */
Result<KeyFiles> generateKeyFiles(const QString &privatePath, const QString &publicPath = {});

/** What `package create` is given: image files, versions and the signing key file. */
struct PackageRequest {
    QString boardId;                          ///< board profile id (loadBoardProfile)
    quint32 version = 0;                      ///< packed (PT_VERSION)
    quint32 securityCounter = 0;
    QString firmwarePath;                     ///< Intel HEX, S-record or raw binary; empty = none
    std::optional<quint32> firmwareBase;      ///< load address of a raw firmware binary
    QString applicationPath;                  ///< empty = none
    std::optional<quint32> applicationBase;   ///< load address of a raw application binary
    /** How the user gives firmwareBase / applicationBase (e.g. "--firmware-base"), named in
     *  the error for a raw binary without one (loadImage's baseOption); empty: not named. */
    QString firmwareBaseOption, applicationBaseOption;
    std::optional<quint32> requiresFirmware;  ///< packed; only with an application
    bool rollbackRelease = false;             ///< PackageInput::rollbackRelease
    QString keyPath;                          ///< private key PEM
    QString outputPath;                       ///< package file to write (.ptpkg)
    /** Payload compression: Auto (the default of `package create` and the GUI) compresses a
     *  payload with LZ4 where that saves at least 1/8 of its bytes (lz4CompressionPays). */
    Compression compression = Compression::Auto;
    /** Product public key (PEM) to encrypt the payloads to; empty: not encrypted. */
    QString encryptToPath;
    QStringList deviceKeyPaths;               ///< extra recipients (device public keys, PEM)
};

/** A package written by createPackageFile. */
struct CreatedPackage {
    Package package;         ///< the file as written, parsed back
    QByteArray signer;       ///< fingerprint of the signing key (32 bytes)
    QStringList warnings;    ///< the images' reader warnings (Image::warnings()), to be shown
};

/** Loads the images (loadImage), the board profile and the key, builds and signs the package
 *  (buildPackage: docs/package-format.md) and writes it atomically to outputPath. Errors:
 *  Usage (no board, no output path, no image, no key), then those of loadImage (a directory:
 *  Io; a file without data: Format), loadBoardProfile, loadPrivateKey and buildPackage (bytes
 *  outside their region: Format), each naming its file or range, Io when the output cannot be
 *  written (nothing is left behind). */
Result<CreatedPackage> createPackageFile(const PackageRequest &request);

} // namespace piton
