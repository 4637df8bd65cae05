#include "jobs/session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <QSysInfo>
#include <QThread>

#include <atomic>
#include <utility>

#include "access/known_boards.h"
#include "piton/protocol.h"

namespace piton {

namespace {
std::atomic<quint64> g_processFramesSent{0};
std::atomic<quint64> g_processFramesReceived{0};
} // namespace

FrameCounts Session::frameCounts() const
{
    FrameCounts c = m_closedFrames;
    if (m_device) {
        c.sent += m_device->client().framesSent();
        c.received += m_device->client().framesReceived();
    }
    return c;
}

FrameCounts Session::processFrameCounts()
{
    return {g_processFramesSent.load(), g_processFramesReceived.load()};
}

Session::Session(LinkUri uri) : m_uri(std::move(uri)) {}

Session::~Session()
{
    close();
}

Result<void> Session::open(int timeoutMs)
{
    closeLink();
    auto device = DeviceClient::connect(m_uri, timeoutMs);
    if (!device)
        return device.error();
    m_device = std::move(device.value());
    if (m_credentialFromEnvironment) {
        m_credentialFromEnvironment = false;
        if (const QString path = qEnvironmentVariable("PITON_CREDENTIAL"); !path.isEmpty()) {
            auto loaded = loadCredentialFile(path);
            if (!loaded) {
                closeLink();
                return loaded.error();
            }
            m_credential = *loaded;
            m_credentialOptional = true;
        }
    }
    if (auto ok = handshake(); !ok) {
        closeLink();
        return ok.error();
    }
    return {};
}

Result<void> Session::handshake()
{
    m_role = PT_ROLE_NONE;
    m_credentialNote.clear();
    m_identityPinnedNow = false;
    m_boardIdentity.clear();
    // A default credential is not needed where the policy is open (a development board, which
    // allows raw writes, over serial or USB: physical access): that link stays unsealed, as
    // without a credential, and costs no extra request.
    const bool physical = m_uri.kind != LinkUri::Kind::Tcp;
    // Sealed sessions where the board has them, else its signed-nonce mode (docs/protocol.md §6.6).
    const bool sealed = ping().has(PT_CAP_AUTH);
    if (m_credential && (sealed || ping().has(PT_CAP_AUTH_NONCE)) &&
        !(m_credentialOptional && physical && ping().has(PT_CAP_WRITE))) {
        QByteArray uniqueId;
        if (sealed) {
            // The board's unique id (INFO, open to everyone) names the pinned identity key.
            auto info = m_device->info();
            if (!info)
                return info.error();
            uniqueId = info->uniqueId;
        }
        const KnownBoards known(m_knownBoards);
        auto checkIdentity = [&](const QByteArray &identity) -> Result<void> {
            return known.check(uniqueId, identity, m_replaceIdentity, &m_identityPinnedNow);
        };
        auto role = sealed ? authenticate(m_device->client(), *m_credential, &m_boardIdentity, checkIdentity)
                           : authenticateSignedNonce(m_device->client(), *m_credential);
        if (!role && m_credentialOptional && role.error().kind == ErrorKind::Device &&
            role.error().deviceStatus == PT_E_AUTH_FAILED) {
            // A default credential this board does not take: go on without a session, say why.
            // The board ended the half-made handshake; the link goes on unsealed.
            m_credentialNote = role.error().message;
            return {};
        }
        if (!role)
            return Error::make(role.error().kind,
                               QCoreApplication::translate("Session", "authentication with the credential failed: %1")
                                   .arg(role.error().message),
                               role.error().deviceStatus);
        m_role = *role;
    }
    return {};
}

Result<void> Session::useCredential(CredentialFile credential)
{
    if (!m_device)
        return Error::make(ErrorKind::Link, QCoreApplication::translate("Session", "not connected"));
    if (!ping().has(PT_CAP_AUTH) && !ping().has(PT_CAP_AUTH_NONCE))
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Session", "this board grants no roles: a credential cannot help"));
    setCredential(std::move(credential));
    return handshake();
}

namespace {
/** The board went away again under a request (it reset once more, a trial image met its
 *  watchdog): the link dropped, nothing answered, or the board's answer says that the session
 *  of this link ended (SEAL). Worth another attempt; any other refusal is the board's word. */
bool boardWentAway(const Error &e)
{
    return e.kind == ErrorKind::Link || e.kind == ErrorKind::Timeout || e.kind == ErrorKind::Protocol ||
           (e.kind == ErrorKind::Device && e.deviceStatus == PT_E_SEAL);
}
} // namespace

Result<void> Session::sameBoard()
{
    if (m_uniqueId.isEmpty())
        return {};
    QByteArray now = m_device->lastUniqueId(); // the handshake's INFO, if it ran
    if (now.isEmpty()) {
        auto info = m_device->info();
        if (!info)
            return info.error();
        now = info->uniqueId;
    }
    if (now == m_uniqueId)
        return {};
    return Error::make(ErrorKind::Device,
                       QCoreApplication::translate("Session", "another board answers on %1 (unique id %2, not %3 of the board this session was working with)")
                           .arg(m_uri.toString(), QString::fromLatin1(now.toHex()), QString::fromLatin1(m_uniqueId.toHex())));
}

Result<void> Session::reconnect(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    Error last = Error::make(ErrorKind::Timeout,
                             QCoreApplication::translate("Session", "the device did not come back within %1 ms")
                                 .arg(timeoutMs));
    const bool reclaim = m_claimed;
    while (timer.elapsed() < timeoutMs) {
        const int left = int(qMax<qint64>(500, qMin<qint64>(3000, timeoutMs - timer.elapsed())));
        // Each step may meet the board resetting once more (a trial image's watchdog, a crash):
        // then the link drops under it and the whole sequence starts again, as long as the
        // same board (unique id) can still answer within the timeout.
        auto result = open(left);
        if (result)
            result = sameBoard();
        if (result && reclaim) {
            // The reset ended the session; take it again before anyone else can change the board.
            const bool takeOver = std::exchange(m_takeOver, false);
            auto claimed = claim();
            m_takeOver = takeOver;
            if (!claimed && !boardWentAway(claimed.error())) {
                if (claimed.error().deviceStatus == PT_E_BUSY)
                    return Error::make(claimed.error().kind,
                                       QCoreApplication::translate("Session", "while the board restarted, another session claimed it: %1")
                                           .arg(claimed.error().message),
                                       claimed.error().deviceStatus);
                return Error::make(claimed.error().kind,
                                   QCoreApplication::translate("Session", "the board came back but refused to be claimed again: %1")
                                       .arg(claimed.error().message),
                                   claimed.error().deviceStatus);
            }
            if (!claimed)
                result = claimed.error();
        }
        if (result)
            return {};
        last = result.error();
        closeLink();
        QThread::msleep(100);
    }
    m_claimed = false; // the board did not come back: nothing of ours is held there now
    return last;
}

Result<bool> Session::claim()
{
    if (!m_device)
        return Error::make(ErrorKind::Link, QCoreApplication::translate("Session", "not connected"));
    if (!ping().has(PT_CAP_SESSION))
        return false;
    if (m_uniqueId.isEmpty()) {
        // The board this session changes: reconnect() comes back only to the same one. Known
        // from the INFO that the handshake or the job read on this connection, else asked.
        QByteArray id = m_device->lastUniqueId();
        if (id.isEmpty()) {
            auto info = m_device->info();
            if (!info)
                return info.error();
            id = info->uniqueId;
        }
        m_uniqueId = id;
    }
    auto grant = m_device->claimSession(m_clientName, m_takeOver);
    if (!grant)
        return grant.error();
    m_claimed = true;
    return grant->displaced;
}

QString Session::defaultClientName(const QString &program)
{
    QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    QString name = user.isEmpty() ? QStringLiteral("%1 on %2").arg(program, QSysInfo::machineHostName())
                                  : QStringLiteral("%1 %2@%3").arg(program, user, QSysInfo::machineHostName());
    QByteArray utf8 = name.toUtf8().left(PT_SESSION_NAME_MAX);
    return QString::fromUtf8(utf8);
}

void Session::release()
{
    if (m_device && m_claimed && ping().has(PT_CAP_SESSION))
        (void)m_device->releaseSession();
    m_claimed = false;
}

void Session::close()
{
    release();
    closeLink();
}

void Session::closeLink()
{
    if (m_device) {
        const quint64 sent = m_device->client().framesSent();
        const quint64 received = m_device->client().framesReceived();
        m_closedFrames.sent += sent;
        m_closedFrames.received += received;
        g_processFramesSent += sent;
        g_processFramesReceived += received;
        m_device->client().close();
    }
    m_device.reset();
    m_regions.reset();
}

Result<QList<Region>> Session::regions()
{
    if (!m_device)
        return Error::make(ErrorKind::Link, QCoreApplication::translate("Session", "not connected"));
    if (!m_regions) {
        auto regions = m_device->regions();
        if (!regions)
            return regions.error();
        m_regions = regions.value();
    }
    return *m_regions;
}

Result<Region> Session::region(const QString &name)
{
    auto all = regions();
    if (!all)
        return all.error();
    QStringList names;
    for (const Region &r : all.value()) {
        if (r.name == name)
            return r;
        names << r.name;
    }
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("Session", "the device has no region '%1' (it has: %2)")
                                             .arg(name, names.join(QStringLiteral(", "))));
}

} // namespace piton
