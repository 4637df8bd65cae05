// Session: the connection to one device, as jobs use it. Holds the link URI so that a job can
// reconnect after the device resets (REBOOT, UPDATE_COMMIT), and caches the region table.
#pragma once

#include "access/credential.h"
#include "device_client.h"
#include "error.h"
#include "link_uri.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace piton {

/** Frames written and read (Client::framesSent/framesReceived), summed over connections. */
struct FrameCounts {
    quint64 sent = 0;
    quint64 received = 0;
    FrameCounts operator-(const FrameCounts &o) const { return {sent - o.sent, received - o.received}; }
};

class Session {
public:
    explicit Session(LinkUri uri);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    /** Opens the link and PINGs (docs/protocol.md §4.1). Error kinds: Link, Timeout, Protocol. */
    Result<void> open(int timeoutMs = 3000);

    /** Closes and reopens the link, PINGing until the device answers or `timeoutMs` passes:
     *  used after the device reset itself. Error kind Link or Timeout when it stays silent. */
    Result<void> reconnect(int timeoutMs = 30000);

    /** Releases the board if this session claimed it (best effort), then closes the link. */
    void close();
    bool isOpen() const { return m_device != nullptr; }
    const LinkUri &uri() const { return m_uri; }

    /** The open device; only valid while isOpen(). */
    DeviceClient &device() { return *m_device; }

    /** The device's regions, fetched once per connection. */
    Result<QList<Region>> regions();

    /** The region called `name`; Usage error naming the known regions if there is none. */
    Result<Region> region(const QString &name);

    /** PING's answer of the open connection (stage, capabilities). Only valid while isOpen(). */
    const PingInfo &ping() const { return m_device->client().pingInfo(); }

    /** Who this is, shown in other sessions' BUSY refusals (docs/protocol.md §5), e.g.
     *  "piton-cli alice@bench-3"; cut to 32 bytes. Default: defaultClientName("piton"). */
    void setClientName(QString name) { m_clientName = std::move(name); }
    /** When set, claim() takes the board over from another live session (the device logs it). */
    void setTakeOver(bool on) { m_takeOver = on; }

    /**
     * Claims the board for changes (SESSION, docs/protocol.md §4.12): a job calls this before
     * its first destructive step, so a board that another session holds is refused before
     * anything changes. Returns true when another live session was displaced (take-over).
     * After reconnect() a claimed session claims again. Errors: Device error BUSY whose message
     * names the other session; those of the link. Does nothing on a device without
     * PT_CAP_SESSION (it has no sessions).
     */
    Result<bool> claim();

    /** Frees the board if this session claimed it (SESSION release), best effort: a window
     *  that stays connected calls this after each job so other clients need not wait for the
     *  session timeout. */
    void release();

    /** Frames this session exchanged so far, over all its connections (a reconnect's PINGs
     *  included; attempts that got no answer at all are not). */
    FrameCounts frameCounts() const;
    /** Frames of every Session of this process whose link has closed since the start (each
     *  session adds its counts when its link closes): what piton-cli --stats prints. Thread-safe. */
    static FrameCounts processFrameCounts();
    /**
     * The credential open() authenticates with (docs/protocol.md §6): after PING, on a board
     * that serves sessions (PT_CAP_AUTH), the handshake runs and every later frame is sealed; on
     * a board with the signed-nonce mode instead (PT_CAP_AUTH_NONCE, §6.6: the Cortex-M4 images)
     * the credential signs the board's nonce and the link gets the role unsealed.
     * reconnect() authenticates again. Without one the link stays unauthenticated and the board's
     * policy decides (refusals name the role a command needs).
     */
    void setCredential(std::optional<CredentialFile> credential) { m_credential = std::move(credential); }
    bool hasCredential() const { return m_credential.has_value(); }
    /** The role of the authenticated session (enum pt_role; PT_ROLE_NONE without one). */
    int role() const { return m_role; }

    /** "PROGRAM USER@HOST", cut to PT_SESSION_NAME_MAX bytes. */
    static QString defaultClientName(const QString &program);

private:
    void closeLink(); // without releasing: the board reset, or open() starts afresh
    LinkUri m_uri;
    QString m_clientName = defaultClientName(QStringLiteral("piton"));
    bool m_takeOver = false;
    bool m_claimed = false;
    std::unique_ptr<DeviceClient> m_device;
    std::optional<QList<Region>> m_regions;
    FrameCounts m_closedFrames; // of the connections closed so far
    std::optional<CredentialFile> m_credential;
    int m_role = PT_ROLE_NONE;
};

} // namespace piton
