// Credentials (access certificates) and authenticated sessions: the workstation side of
// docs/protocol.md §6 and docs/security.md "Sessions and access policy".
#pragma once

#include "error.h"
#include "package/keys.h"
#include "piton/protocol.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>

namespace piton {

class Client;

/** A decoded credential (docs/protocol.md §6.1: fixed layout of PT_CRED_SIZE bytes). */
struct Credential {
    int role = PT_ROLE_NONE;       ///< enum pt_role
    QByteArray uniqueId;           ///< the one board it is for; empty: every board of the access key
    quint32 notBefore = 0;         ///< Unix time, seconds
    quint32 notAfter = 0;          ///< Unix time, seconds
    quint32 serial = 0;            ///< random, for logs and deny lists
    QByteArray subject;            ///< holder's P-256 point, 65 bytes
    QByteArray issuer;             ///< SHA-256 of the access key's DER SubjectPublicKeyInfo
    QByteArray bytes;              ///< the whole record as the device receives it
};

/** What `access issue` asks for. */
struct CredentialRequest {
    int role = PT_ROLE_TECHNICIAN;
    QByteArray uniqueId;           ///< empty: ALL boards that trust the access key
    QDateTime notBefore;           ///< default: now
    int days = 30;                 ///< validity in days (1..3650)
};

/** A credential file (.ptcred): the credential and the holder's private key (docs/security.md
 *  "Credentials"). */
struct CredentialFile {
    Credential credential;
    PrivateKey holderKey;
};

/** "observer" / "technician" / "factory" to enum pt_role. Errors: Usage naming the choices. */
Result<int> parseRole(const QString &name);

/** Parses a unique id given as hex (as `info` prints it) or "ALL" (empty result). Errors: Usage. */
Result<QByteArray> parseCredentialScope(const QString &text);

/** Decodes PT_CRED_SIZE bytes: magic, version, role, lengths (no signature check: the device
 *  checks it). Errors: Format naming the field. */
Result<Credential> parseCredential(const QByteArray &bytes);

/**
 * Issues a credential for `holder` (its public key) signed by the access key `accessKey`
 * (ECDSA P-256 over SHA-256 of bytes 0..132). Errors: Usage (validity), Format (OpenSSL).
 */
Result<Credential> issueCredential(const CredentialRequest &request, const PrivateKey &accessKey,
                                   const PublicKey &holder);

/** Writes a .ptcred file: the credential as "PITON CREDENTIAL" PEM block, then the holder's
 *  PKCS#8 private key; file mode 0600. Errors: Io. */
Result<void> saveCredentialFile(const QString &path, const CredentialFile &file);

/** Reads a .ptcred file. Errors: Io, Format naming the problem (no credential block, bad
 *  base64, wrong size, no private key, key not the credential's subject). */
Result<CredentialFile> loadCredentialFile(const QString &path);

/**
 * Runs the handshake (docs/protocol.md §6.2-6.3) on a connected `client`: AUTH_HELLO with a
 * fresh ephemeral key, checks the board's transcript signature, AUTH_PROOF with the credential
 * and the holder's signature, derives the session keys (HKDF-SHA256) and installs the seal
 * (AES-256-GCM, counters) into the client. Returns the session's role. Errors: Device
 * (AUTH_FAILED with the board's reason, RATE_LIMITED, UNKNOWN_COMMAND on boards without
 * sessions), Verify (the board's transcript signature does not verify), Protocol.
 * `boardIdentity` receives the SHA-256 fingerprint of the board's identity key. `checkIdentity`,
 * when given, judges that fingerprint after the board's signature verified and before the
 * credential's proof is sent (host pinning, known_boards.h); its error ends the handshake.
 */
Result<int> authenticate(Client &client, const CredentialFile &credential, QByteArray *boardIdentity = nullptr,
                         const std::function<Result<void>(const QByteArray &identity)> &checkIdentity = {});

/**
 * The signed-nonce mode (docs/protocol.md §6.6) of boards that offer PT_CAP_AUTH_NONCE instead of
 * sealed sessions (the Cortex-M4 images): AUTH_NONCE, then AUTH_SIGNED with the credential and
 * the holder's ECDSA P-256 signature over SHA-256("piton-auth-v1 nonce" ‖ nonce ‖ unique id ‖
 * credential). Returns the role the board granted to this link; frames stay unsealed. Errors:
 * Device (AUTH_FAILED, RATE_LIMITED, STATE), Protocol (malformed responses).
 */
Result<int> authenticateSignedNonce(Client &client, const CredentialFile &credential);

} // namespace piton
