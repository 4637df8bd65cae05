// DeviceClient: the typed commands of the Piton wire protocol (docs/protocol.md §4) over a Client.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

#include "client.h"
#include "device_types.h"
#include "error.h"
#include "link_uri.h"

namespace piton {

/**
 * Progress of a multi-chunk transfer: `done` and `total` in bytes. Return false to cancel; the
 * operation then ends with ErrorKind::Cancelled after the requests in flight are answered.
 */
using TransferProgress = std::function<bool(quint64 done, quint64 total)>;

/**
 * Typed commands over a Client, which it owns. Blocking; used from one thread. Every method
 * returns the Client's errors (Link, Timeout, Protocol, Device, Verify; see client.h) and
 * ErrorKind::Protocol when the response payload is malformed. Offsets and lengths are in bytes,
 * region-relative; timeouts in milliseconds.
 */
class DeviceClient {
public:
    /** Wraps a Client; call client().connect() (or ping()) before anything else. */
    explicit DeviceClient(std::unique_ptr<Client> client);

    /** Creates the link for `uri`, opens it and PINGs (retrying within `timeoutMs`). The link's
     *  Qt I/O object lives on the calling thread: call this on the thread that will use the
     *  DeviceClient (a job's worker thread, or the CLI's main thread). Errors: Usage/Link from
     *  createLink(), then those of Client::connect(). */
    static Result<std::unique_ptr<DeviceClient>> connect(const LinkUri &uri, int timeoutMs = 3000);

    /** PING again (docs/protocol.md §4.1): re-negotiates window and maximum payload, and
     *  reconnects after a reset. In an authenticated session (Client::isSealed) a sealed PING
     *  asks for what was granted, so the session goes on (§6.4: an unsealed request ends it).
     *  Errors: those of Client::connect(), or of Client::call() in a session. */
    Result<PingInfo> ping(int timeoutMs = 3000);
    /** INFO (§4.2). */
    Result<DeviceInfo> info();
    /** The unique id (INFO tag, raw bytes) of the last INFO answered on this connection; empty
     *  before one was. Lets the session know its board without asking again. */
    const QByteArray &lastUniqueId() const { return m_lastUniqueId; }
    /** REGIONS (§4.3). */
    Result<QList<Region>> regions();
    /** SESSION (§4.12, §5): claims the board for this connection under `name` (UTF-8, cut to
     *  PT_SESSION_NAME_MAX bytes), displacing another live session when `takeOver`. Device
     *  error BUSY (naming the owner) when another session holds the board and !takeOver. */
    Result<SessionGrant> claimSession(const QString &name, bool takeOver);
    /** SESSION with the release flag: frees the board if this connection holds it, so the next
     *  client need not wait for the session timeout. `timeoutMs` short: best effort at exit. */
    Result<void> releaseSession(int timeoutMs = 1000);

    /** READ (§4.4) of `length` bytes at `offset`; lengths above maxPayload() are split into
     *  pipelined chunks. */
    Result<QByteArray> read(int regionId, quint32 offset, quint32 length,
                            const TransferProgress &progress = {});
    /** ERASE (§4.5); length 0 = to the end of the region. `timeoutMs` covers the whole erase.
     *  `forWrite`: the erase starts a raw write; the device refuses it (LOCKED, PROTECTED)
     *  unless the WRITE that follows would be accepted, so nothing is erased in vain. */
    Result<void> erase(int regionId, quint32 offset = 0, quint32 length = 0, int timeoutMs = 60000,
                       bool forWrite = false);
    /** WRITE (§4.6) of `data` at `offset`, split into pipelined chunks of at most
     *  maxPayload() - 8 bytes. */
    Result<void> write(int regionId, quint32 offset, const QByteArray &data,
                       const TransferProgress &progress = {});
    /** HASH (§4.7): 32-byte SHA-256 of the range; length 0 = to the end of the region. */
    Result<QByteArray> hash(int regionId, quint32 offset = 0, quint32 length = 0, int timeoutMs = 30000);

    /** CONFIG_READ: the whole config blob (docs/config-format.md). */
    Result<QByteArray> configRead();
    /** CONFIG_WRITE: replaces the whole blob (at most PT_CONFIG_MAX_SIZE bytes). */
    Result<void> configWrite(const QByteArray &blob);
    /** CONFIG_GET: value of `key` (ASCII, 1..32 bytes); Device error NOT_FOUND when absent. */
    Result<QByteArray> configGet(const QString &key);
    /** CONFIG_SET: sets `key` to `value` (0..128 bytes; empty deletes the entry). Keys and
     *  values out of range are refused locally with ErrorKind::Usage. */
    Result<void> configSet(const QString &key, const QByteArray &value);

    /** UPDATE_BEGIN (§4.8): `size` of the package in bytes, its 32-byte SHA-256. Returns the
     *  staged offset to continue from (0 for a new transfer, more when resuming). */
    Result<quint32> updateBegin(quint32 size, const QByteArray &sha256, int timeoutMs = 60000);
    /** UPDATE_DATA: one chunk at `offset` (at most maxPayload() - 4 bytes). Returns the staged
     *  offset after it. */
    Result<quint32> updateData(quint32 offset, const QByteArray &chunk);
    /** Streams package[fromOffset..] with UPDATE_DATA, pipelined up to the window. Returns the
     *  final staged offset (== package.size() on success). */
    Result<quint32> updateSend(const QByteArray &package, quint32 fromOffset,
                               const TransferProgress &progress = {});
    /** UPDATE_STATUS. */
    Result<StagingStatus> updateStatus();
    /** UPDATE_COMMIT: verification on the device (Verify errors carry the VERIFY_* status);
     *  on success the device resets into the bootloader to install. */
    Result<void> updateCommit(int timeoutMs = 30000);
    /** UPDATE_ABORT (§4.8): erases the staging region whatever its state (also a corrupt one)
     *  and forgets any transfer in progress; a pending package is withdrawn. `timeoutMs` covers
     *  the erase of the whole staging region. */
    Result<void> updateAbort(int timeoutMs = 60000);
    /** CONFIRM (§4.11): confirms the image running in trial so the bootloader keeps it. OK when
     *  already confirmed; Device error STATE in the bootloader stage or with no image installed. */
    Result<void> confirm();
    /** LOCK (§4.13): locks the board for production, irreversibly (INFO then reports locked).
     *  Returns true when the board was locked already (nothing changed). Device errors: BUSY
     *  (another session), FLASH (the provisioning was not written; the board is unchanged). */
    Result<bool> lock();
    /** KEY_UPDATE (§4.14): sends a whole key update file (at most PT_KEYUPD_MAX_SIZE bytes; the
     *  board verifies its root signature and generation and stores the new key set power-safe).
     *  Device errors: VERIFY_SIGNATURE (not root-signed), VERIFY_BOARD, KEY_GENERATION (not above
     *  the board's), BAD_PACKAGE, VERIFY_KEY (product key), KEYSTORE_FULL, AUTH_REQUIRED (a factory
     *  session on a board with the access policy); nothing changed on any of them. */
    Result<KeyUpdateResult> keyUpdate(const QByteArray &file);
    /** REBOOT with `mode` PT_REBOOT_NORMAL or PT_REBOOT_BOOTLOADER; the link drops afterwards. */
    Result<void> reboot(int mode);

    Client &client() { return *m_client; }
    /** Negotiated values, shortcuts to client(). */
    quint32 maxPayload() const { return m_client->maxPayload(); }
    int window() const { return m_client->window(); }

    /** Timeout used for short commands (ms). */
    static constexpr int CommandTimeoutMs = 5000;

private:
    Result<void> expectEmpty(quint8 command, const QByteArray &payload);

    std::unique_ptr<Client> m_client;
    QByteArray m_lastUniqueId;
};

} // namespace piton
