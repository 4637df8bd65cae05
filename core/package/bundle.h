// Factory bundles (.ptfb), format 1 (docs/package-format.md, "Factory bundle"): everything the
// recovery ladder needs to bring a board up from its chip's ROM bootloader: Piton's bootloader
// image, the package to deploy, the board id, the trusted keys to provision, optionally the access
// keys to provision and a factory config. Signed like packages (signed_file.h), by one of the keys
// it provisions.
#pragma once

#include "config/config_blob.h"
#include "error.h"
#include "image/image.h"
#include "package/keys.h"
#include "package/package.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace piton {

/** Section kinds of a bundle manifest. */
enum BundleSectionKind : int {
    BundleBootloader = 1,  ///< bootloader image bytes, written at `address` through the ROM
    BundlePackage = 2,     ///< an update package file (.ptpkg), deployed by the board's bootloader
    BundleTrustedKey = 3,  ///< a public key, DER SubjectPublicKeyInfo, provisioned as trusted
    BundleConfig = 4,      ///< a config blob (docs/config-format.md), the factory config
    BundleAccessKey = 5    ///< a public key, DER SubjectPublicKeyInfo, provisioned as access key
};

/** One section descriptor (48 bytes on the wire) with its bytes. */
struct BundleSection {
    int kind = 0;
    quint32 address = 0;   ///< absolute load address (bootloader), else 0
    quint32 offset = 0;    ///< bytes from the start of the section area
    QByteArray sha256;     ///< 32 bytes
    QByteArray data;       ///< the section's bytes
};

/** A parsed and checked factory bundle. */
class Bundle {
public:
    QString boardId;               ///< ASCII, 1..31 characters
    bool locked = false;           ///< provision the board as locked (production)
    QList<BundleSection> sections; ///< in file order: bootloader, package, keys, config, access keys
    QByteArray manifestBytes;      ///< as in the file (what is signed)
    QByteArray signature;          ///< DER ECDSA-Sig-Value over SHA-256(manifestBytes)
    QByteArray fileBytes;

    Package package;               ///< the package section, parsed
    QList<PublicKey> trustedKeys;  ///< the trusted-key sections, parsed (1..2)
    QList<PublicKey> accessKeys;   ///< the access-key sections, parsed (0..2; createBundleFile wants 1 when locked)
    std::optional<ConfigBlob> config;

    /** The bootloader section as an image at its load address. */
    Image bootloader() const;

    /** Parses and checks a bundle file's bytes. Errors, each naming the problem: Format for the
     *  envelope (parseSignedEnvelope: "bundle: ..."), the manifest (magic "PTBM", version 1,
     *  section count 3..7, length 48 + 48 x N, board id, flags other than bit 0, reserved bytes,
     *  unknown kind, sections out of kind order, not exactly one bootloader and one package,
     *  not 1..2 trusted keys, more than one config, more than 2 access keys, address on a section other than the
     *  bootloader, an unaligned bootloader address, size 0, offsets not back to back),
     *  "truncated" / "trailing bytes"; Verify for a section whose SHA-256 differs; Format for a
     *  section that does not parse (package, key, config) or a package for another board;
     *  Verify when the bundle or its package is not signed by one of the bundle's trusted keys. */
    static Result<Bundle> parse(QByteArray fileBytes);
    /** Reads and parses a file. Errors: Io (cannot read), then those of parse() with the path. */
    static Result<Bundle> load(const QString &path);

    /** Fingerprint of the key among `keys` under which the bundle's signature verifies. Errors:
     *  Verify naming the fingerprints tried. */
    Result<QByteArray> verifySignature(const QList<PublicKey> &keys) const;
};

/** What `piton-cli bundle create` is given. */
struct BundleRequest {
    QString boardId;                       ///< board profile id (loadBoardProfile)
    QString bootloaderPath;                ///< Intel HEX, S-record or raw binary (with bootloaderBase)
    std::optional<quint32> bootloaderBase; ///< load address of a raw bootloader binary
    QString packagePath;                   ///< .ptpkg for the same board
    QStringList trustKeyPaths;             ///< 1..2 public key PEM files to provision
    QStringList accessKeyPaths;            ///< 0..2 access key PEM files (public) to provision; 1..2 when locked
    QString configPath;                    ///< config backup file (.ptcfg); empty = none
    bool locked = false;                   ///< provision as locked (production)
    QString keyPath;                       ///< private key PEM; its public half must be a trusted key
    QString outputPath;                    ///< bundle file to write (.ptfb)
};

/** A bundle written by createBundleFile. */
struct CreatedBundle {
    Bundle bundle;          ///< the file as written, parsed back
    QByteArray signer;      ///< fingerprint of the signing key
    QStringList warnings;   ///< the bootloader image reader's warnings
};

/** Loads every input, checks it and writes the signed bundle atomically. Errors: Usage (a
 *  missing input, more than 2 trusted or access keys, locked without an access key (a locked
 *  board serves no change without a session: docs/security.md), a signing key that is not one of the trusted keys,
 *  a package for another board or not signed by a trusted key), those of loadImage,
 *  loadBoardProfile, Package::load, loadPublicKey, ConfigBlob::load, loadPrivateKey; Format
 *  when the bootloader image lies outside the profile's "bootloader" region (naming the first
 *  byte outside); Io when the output cannot be written (nothing is left behind). */
Result<CreatedBundle> createBundleFile(const BundleRequest &request);

/** Stable identifiers: "bootloader", "package", "trusted-key", "config", "access-key". */
QString bundleSectionKindId(int kind);

} // namespace piton
