// Session: the connection to one device, as jobs use it. Holds the link URI so that a job can
// reconnect after the device resets (REBOOT, UPDATE_COMMIT), and caches the region table.
#pragma once

#include "access/credential.h"
#include "device_client.h"
#include "error.h"
#include "link_uri.h"

#include <QList>
#include <QString>

#include <functional>
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

    /**
     * Closes and reopens the link, PINGing until the device answers or `timeoutMs` passes:
     * used after the device reset itself. Authenticates again (setCredential); a session that
     * had claimed the board claims it again at once. Once claim() has run, only the same board
     * (INFO unique id) is taken. A board that resets again during any of these steps (a trial
     * image's watchdog, a crash: the link drops, or the board says the session ended) is
     * followed: the steps start over until `timeoutMs` (ms) passes. Errors: Link or Timeout when
     * it stays silent (the last attempt's error); Device when only another board answers;
     * Device BUSY "another session claimed it" when the board came back and another live
     * session holds it; the board's refusal when it came back and refuses the claim otherwise.
     */
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
     * policy decides (refusals name the role a command needs). A Session whose credential was
     * never set uses $PITON_CREDENTIAL, when set, as an optional credential (see below): the
     * development credential reaches every job of the test suite that way.
     */
    void setCredential(std::optional<CredentialFile> credential)
    {
        m_credential = std::move(credential);
        m_credentialFromEnvironment = false;
        m_credentialOptional = false; // given on purpose: a refusal fails open() (setCredentialOptional after this to soften)
    }
    bool hasCredential() const { return m_credential.has_value(); }
    /**
     * Authenticates the open link with `credential` now, as open() would have (the handshake of
     * docs/protocol.md §6 on this connection: device() stays the same object), and keeps it as
     * this session's credential (setCredential) for later reconnects. Errors: Link when not
     * connected; Usage when the board grants no roles (no PT_CAP_AUTH / PT_CAP_AUTH_NONCE);
     * those of the handshake, e.g. Device AUTH_FAILED when the board does not take it (the link
     * then goes on unauthenticated).
     */
    Result<void> useCredential(CredentialFile credential);
    /**
     * Where a job asks for a credential when the board refuses its claim for want of a role
     * (AUTH_REQUIRED, docs/protocol.md §6.5): Job::claimBoard() calls it on the job's thread with
     * the board's refusal and waits for the answer: a credential to authenticate with
     * (useCredential) before claiming again, or nothing (the user declined: the job ends,
     * nothing changed). It may block until a person answers (the GUI's credential prompt).
     * Unset (piton-cli): the refusal ends the job.
     */
    using CredentialSource = std::function<std::optional<CredentialFile>(const Error &refusal)>;
    void setCredentialSource(CredentialSource source) { m_credentialSource = std::move(source); }
    const CredentialSource &credentialSource() const { return m_credentialSource; }
    /**
     * Marks the credential as a default (from $PITON_CREDENTIAL or a setting, not asked for on
     * this run): a board that refuses it (AUTH_FAILED: an access key it does not trust, expired,
     * another device) is then used without a session, and credentialNote() says why, instead of
     * open() failing. A changed board identity fails open() either way. An optional credential
     * is not used on a development board over serial or USB, where the policy needs no session.
     */
    void setCredentialOptional(bool optional) { m_credentialOptional = optional; }
    /** Why the optional credential was not used on the last open(); empty when it was. */
    const QString &credentialNote() const { return m_credentialNote; }
    /**
     * Host pinning (docs/security.md, "Board identity pinning"): after the board's handshake
     * signature verified, its identity key must be the one pinned for its unique id in
     * `knownBoards` (KnownBoards path; empty: the default), trusted on first use. With
     * `replace` a changed key replaces the pinned one (`access pin --replace`).
     */
    void setKnownBoards(QString path, bool replace = false)
    {
        m_knownBoards = std::move(path);
        m_replaceIdentity = replace;
    }
    /** True when the last open() pinned the board's identity key (first use or replace). */
    bool identityPinnedNow() const { return m_identityPinnedNow; }
    /** SHA-256 of the board's identity key seen in the last handshake; empty without one. */
    const QByteArray &boardIdentity() const { return m_boardIdentity; }
    /** The role of the authenticated session (enum pt_role; PT_ROLE_NONE without one). */
    int role() const { return m_role; }

    /** "PROGRAM USER@HOST", cut to PT_SESSION_NAME_MAX bytes. */
    static QString defaultClientName(const QString &program);

private:
    void closeLink(); // without releasing: the board reset, or open() starts afresh
    /** Authenticates the open link with m_credential where the board and the policy call for
     *  it (see open()); errors of the handshake, the link left open. */
    Result<void> handshake();
    /** OK when the open board is the one claim() saw (or none was seen yet); a Device error
     *  naming both unique ids otherwise; the INFO request's error. */
    Result<void> sameBoard();
    LinkUri m_uri;
    QString m_clientName = defaultClientName(QStringLiteral("piton"));
    bool m_takeOver = false;
    bool m_claimed = false;
    std::unique_ptr<DeviceClient> m_device;
    std::optional<QList<Region>> m_regions;
    FrameCounts m_closedFrames; // of the connections closed so far
    std::optional<CredentialFile> m_credential;
    CredentialSource m_credentialSource;
    bool m_credentialFromEnvironment = true; // until setCredential(): $PITON_CREDENTIAL, optional
    bool m_credentialOptional = false;
    QString m_credentialNote;
    QString m_knownBoards;
    bool m_replaceIdentity = false;
    bool m_identityPinnedNow = false;
    QByteArray m_boardIdentity;
    int m_role = PT_ROLE_NONE;
    QByteArray m_uniqueId;       // the board claim() saw: reconnect() takes only this one
};

} // namespace piton
