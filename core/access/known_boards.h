// Host pinning of board identity keys (docs/security.md, "Board identity pinning"): the
// workstation remembers, per board unique id, the fingerprint of the identity key the board
// signed its handshake with (AUTH_HELLO, docs/protocol.md §6.2), trusts it on first use, and
// refuses a board that later presents another one.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

namespace piton {

/**
 * The known-boards file: one line per board, "UNIQUE_ID_HEX IDENTITY_FINGERPRINT_HEX DATE"
 * (hex lowercase; the fingerprint is SHA-256 of the identity key's DER SubjectPublicKeyInfo;
 * DATE is when it was pinned, ISO 8601 UTC); '#' starts a comment. Shared by piton-cli and
 * the GUI.
 */
class KnownBoards {
public:
    /** `path`: the file; empty: defaultPath(). */
    explicit KnownBoards(QString path = {});

    /** $PITON_KNOWN_BOARDS, else <generic config dir>/Piton/known-boards
     *  (~/.config/Piton/known-boards). */
    static QString defaultPath();
    const QString &path() const { return m_path; }

    /**
     * Checks `identity` (32-byte fingerprint) of the board `uniqueId`: a board seen for the
     * first time is pinned (trust on first use; `pinnedNow` set), a known one must present the
     * pinned key. With `replace` a different key replaces the pinned one (an operator accepts a
     * re-provisioned board). Errors: Verify "board UID presented another identity key ...:
     * possible man in the middle" (nothing written), Io when the file cannot be read or written,
     * Format for a damaged line (naming file and line).
     */
    Result<void> check(const QByteArray &uniqueId, const QByteArray &identity, bool replace = false,
                       bool *pinnedNow = nullptr) const;

    /** The pinned fingerprint of `uniqueId`, empty when none. Errors: Io, Format. */
    Result<QByteArray> pinned(const QByteArray &uniqueId) const;

private:
    QString m_path;
};

} // namespace piton
