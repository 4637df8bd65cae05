// The signed envelope that update packages (.ptpkg, magic PTPK) and factory bundles (.ptfb,
// magic PTFB) share: a 16-byte header (plus optional unsigned extensions), a manifest, an ECDSA P-256 signature over SHA-256 of the
// manifest, then a body (payloads or sections) that the manifest binds by SHA-256.
// Byte layout: docs/package-format.md, "File layout" (the same for both, only the magic differs).
#pragma once

#include "error.h"
#include "package/keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace piton {

/** One header extension: an unsigned hint (type u16, length u16, value), docs/package-format.md
 *  "Header extensions". Type 1 (PT_PACKAGE_EXT_SIGNER_KEY) is the signer's public key, DER SPKI. */
struct HeaderExtension {
    quint16 type = 0;
    QByteArray value;
};

/** An envelope split into its parts (no signature check yet). */
struct SignedEnvelope {
    QList<HeaderExtension> extensions; ///< in file order; unknown types are kept, not refused
    QByteArray manifestBytes;   ///< exactly as in the file: what is signed
    QByteArray signature;       ///< DER ECDSA-Sig-Value (1..72 bytes)
    qsizetype bodyOffset = 0;   ///< file offset of the body: header size + manifest + signature
};

/** Splits `bytes` into header, manifest and signature. `magic` is the 4-byte file magic,
 *  `what` names the file kind in messages ("package", "bundle"), `notA` ends the bad-magic
 *  message (e.g. "not a Piton package"). Errors (Format, "<what>: ..."): shorter than the
 *  16-byte header, bad magic, format version not 1, header size outside 16..256
 *  (PT_PACKAGE_HEADER_MAX), an extension cut off by the header size, reserved not 0,
 *  signature length not 1..72, manifest and signature longer than the file ("truncated"). The
 *  body's size is checked by the caller, who knows it from the manifest. */
Result<SignedEnvelope> parseSignedEnvelope(QByteArrayView bytes, QByteArrayView magic, const QString &what,
                                           const QString &notA);

/** Signs `manifest` with `key` (ECDSA P-256 over SHA-256, PrivateKey::sign) and returns the
 *  file: header with `magic`, the `extensions` (unsigned), manifest, signature, then `body`
 *  parts back to back. Errors: Usage (null key, extensions larger than the header allows),
 *  Format (OpenSSL failed, or a signature longer than 72 bytes). */
Result<QByteArray> sealSignedEnvelope(QByteArrayView magic, const QByteArray &manifest, const PrivateKey &key,
                                      const QList<QByteArray> &body, const QList<HeaderExtension> &extensions = {});

/** Writes `bytes` to `path` atomically (QSaveFile): all or nothing. Errors: Io naming the path. */
Result<void> saveFileAtomically(const QString &path, const QByteArray &bytes);

/** Appends `text` as Latin-1, cut to `field` bytes and NUL-padded to `field` bytes. */
void appendPaddedAscii(QByteArray &out, const QString &text, int field);

/** Reads a NUL-padded ASCII field: the text up to the first NUL; nullopt when there is no NUL,
 *  a byte after it is not NUL, or a character is not printable ASCII (0x20..0x7E). */
std::optional<QString> readPaddedAscii(QByteArrayView field);

/** True when every byte of `bytes` is 0. */
bool allZeroBytes(QByteArrayView bytes);

} // namespace piton
