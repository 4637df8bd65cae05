// Update packages (.ptpkg), format 1 (docs/package-format.md): reading, verifying, building.
#pragma once

#include "board/board_profile.h"
#include "error.h"
#include "image/image.h"
#include "package/keys.h"
#include "package/manifest.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace piton {

/** A parsed package. parse() checks the structure (header, manifest rules, sizes adding up);
 *  signature and payload hashes are checked separately (verifySignature, verifyPayloadHashes)
 *  or all together by checkCompatibility(). */
class Package {
public:
    Manifest manifest;
    QByteArray manifestBytes;     ///< the manifest exactly as in the file (what is signed)
    QByteArray signature;         ///< DER ECDSA-Sig-Value over SHA-256(manifestBytes)
    QList<QByteArray> payloads;   ///< in manifest order
    QByteArray fileBytes;         ///< the whole file
    /** The signer's public key as the header names it (extension PT_PACKAGE_EXT_SIGNER_KEY,
     *  docs/package-format.md "Header extensions"): an unsigned hint that lets the workstation
     *  compare the signer with the keys a board trusts before it sends anything. Null for a
     *  package that does not name its signer (made before the extension existed). */
    PublicKey namedSigner;

    /** SHA-256 of the whole file (32 bytes); what the device reports for the staged package. */
    QByteArray sha256() const;

    /** The payload of a kind, or an empty array. */
    QByteArray payload(int kind) const;

    /** Parses a package file's bytes. Errors (Format), naming the problem: shorter than the
     *  16-byte header, bad magic, unsupported format version, header size outside 16..256,
     *  reserved not 0, header extensions that do not fill the header exactly or a signer key
     *  extension that is not a P-256 public key, signature length not 1..72, manifest errors (Manifest::parse), file size not
     *  16 + M + S + payloads (both "truncated" and "trailing bytes" are named). */
    static Result<Package> parse(QByteArray fileBytes);

    /** Reads and parses a file. Errors: Io (cannot read), then those of parse() with the path. */
    static Result<Package> load(const QString &path);

    /** Checks the signature against one public key. Errors: Verify naming the key fingerprint. */
    Result<void> verifySignature(const PublicKey &key) const;

    /** Checks each payload's SHA-256 against its descriptor; for an LZ4-compressed payload
     *  also decodes it and checks the image's size and SHA-256 (what the bootloader checks
     *  after installing). Errors: Verify naming the payload (kind and region). */
    Result<void> verifyPayloadHashes() const;

    /** The image payload `index` installs: the stored bytes, or for an LZ4 payload its decoded
     *  frame (lz4DecompressPayload). Errors: Usage (no such payload), Format (the frame does
     *  not decode to image size bytes), Usage also for an encrypted payload. */
    Result<QByteArray> payloadImage(qsizetype index) const;

    /** Returns the fingerprint of the first key in `keys` that is in `trustedFingerprints` and
     *  under which the signature verifies; empty if none. (A fingerprint alone cannot verify a
     *  signature: the public keys themselves are needed.) */
    QByteArray signerFingerprintIfTrusted(const QList<PublicKey> &keys,
                                          const QList<QByteArray> &trustedFingerprints) const;

    /** Returns the fingerprint of the first key in `keys` under which the signature verifies;
     *  empty if none. */
    QByteArray signerFingerprint(const QList<PublicKey> &keys) const;

    /** Fingerprint of the signer the header names (namedSigner), checked: empty when the
     *  package names no signer; Verify error when the signature does not verify under the
     *  named key (the hint is false or the package was altered). */
    Result<QByteArray> namedSignerFingerprint() const;
};

/** Payload compression of buildPackage (docs/package-format.md, "Compressed payloads"). */
enum class Compression {
    Off,  ///< payloads are the images (manifest format 1 unless something else needs 2)
    Lz4,  ///< every payload an LZ4 frame (manifest format 2)
    Auto, ///< an LZ4 frame where it pays (lz4CompressionPays: saves >= 1/8), else the image
};

/** What to put into a package. Images hold absolute addresses; each must lie inside its
 *  region of the board profile. */
struct PackageInput {
    QString boardId;                          ///< must equal the profile's id (empty: take it)
    quint32 version = 0;                      ///< package version, packed; also each payload's
    quint32 securityCounter = 0;
    std::optional<Image> firmware;            ///< goes to region "firmware"
    std::optional<Image> application;         ///< goes to region "deployment"
    std::optional<quint32> requiresFirmware;  ///< packed; only with an application
    /** A rollback release (PT_MANIFEST_FLAG_ROLLBACK): the device may install it over images of
     *  a higher version (docs/security.md, "Device keys"). */
    bool rollbackRelease = false;
    /** Name the signer in the header (extension PT_PACKAGE_EXT_SIGNER_KEY). Off only to make a
     *  package as older versions did (tests of backwards compatibility). */
    bool nameSigner = true;
    /** Compress the payloads (Lz4: always; Auto: where it pays). `package create` uses Auto
     *  unless told otherwise; the default here keeps packages as before. */
    Compression compression = Compression::Off;
    /** Encrypt the payloads (docs/package-format.md, "Encrypted payloads"): after compression,
     *  AES-256-CTR under per-payload keys from a random content key wrapped to this product
     *  public key (recipient kind product) and to each of `encryptToDevices` (kind device). */
    std::optional<PublicKey> encryptTo;
    QList<PublicKey> encryptToDevices;            ///< only with encryptTo; at most 3
};

/** Builds and signs a package (docs/package-format.md, "From images to payloads"): each image
 *  must lie entirely inside its region (firmware -> "firmware", application -> "deployment");
 *  its payload is flatten(0xFF) from the lowest to the highest address; load offset = lowest
 *  address - region address; the manifest is signed with ECDSA over SHA-256 (DER signature).
 *  Errors: Usage: no image given, board id differs from the profile, region missing from the
 *  profile, requiresFirmware without an application, null key; Format: an image without data
 *  ("the application image holds no data"), bytes outside the region, named by the first run
 *  of them ("application image bytes 0x10001014..0x10001017 are outside region deployment
 *  (0x08040000..0x080fffff)"), or signing fails. Returns the file bytes. */
Result<QByteArray> buildPackage(const PackageInput &input, const BoardProfile &board,
                                const PrivateKey &key);

/** Host-side copy of every check the device makes before it accepts a package, so a bad
 *  package is refused before anything is sent. All failures are ErrorKind::Verify with a
 *  message naming the check:
 *  - board id equals `deviceBoardId`;
 *  - security counter not below `deviceSecurityCounter`;
 *  - requires-firmware: satisfied by the firmware payload this package brings (its version
 *    >= the requirement), else by `deviceFirmwareVersion`; nullopt means the device has no
 *    firmware installed (INFO carries no firmware version), so any requirement fails;
 *  - every payload's SHA-256;
 *  - when `deviceRegions` is given: each payload's region exists and load offset + size fits
 *    inside it (the device's own region table, e.g. from its INFO, converted to BoardRegion);
 *  - signature and trust (see below).
 *
 *  Signature and trust (checked right after the board id, before the payload hashes): the
 *  device reports only the fingerprints of the keys it trusts, and a fingerprint cannot verify
 *  a signature. A package that names its signer (Package::namedSigner) must verify under that
 *  key; else the signature is checked against the public keys the caller has (`publicKeys`:
 *  from --key or the GUI's key field): it must verify under one of them. The signer found
 *  either way must be among `trustedKeyFingerprints` when that list is non-empty, else
 *  "trust check failed: the package is signed by key <fp>, which the board does not trust (it
 *  trusts <fp>, ...)". With neither a named signer nor public keys the host cannot judge the
 *  signature and leaves it to the device, which is the authority on trust; structure and
 *  hashes are still checked. `signerFingerprint`, when not null, receives the fingerprint of
 *  the verifying key (empty if the signature was not checked). */
Result<void> checkCompatibility(const Package &package, const QString &deviceBoardId,
                                std::optional<quint32> deviceFirmwareVersion,
                                const QList<QByteArray> &trustedKeyFingerprints,
                                quint32 deviceSecurityCounter,
                                const QList<PublicKey> &publicKeys = {},
                                const QList<BoardRegion> &deviceRegions = {},
                                QByteArray *signerFingerprint = nullptr);

} // namespace piton
