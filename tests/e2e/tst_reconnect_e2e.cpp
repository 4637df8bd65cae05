// Reconnect after a reset (core/jobs/session.h, Session::reconnect): a board that resets once
// more while the workstation reconnects (a trial image meeting its watchdog, a crash) must not
// fail the job as long as the same board answers within the timeout; another board on the same
// endpoint is not taken for it. Driven through core's Session against piton-vboard over TCP, with
// the board's reset button (SIGHUP) pressed from a second thread at random moments of the
// reconnect: while the link opens, during the handshake, between the handshake and the claim.
#include "harness.h"

#include "device_client.h"
#include "jobs/session.h"
#include "link_uri.h"
#include "piton/protocol.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <thread>

using namespace e2e;
using piton::LinkUri;
using piton::Session;

namespace {
constexpr auto kBoard = "stm32f4-ref";
}

class ReconnectEndToEnd : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_publicKey;

    /** True when another client is refused a changing request (SESSION) with BUSY: the board is
     *  held by the session under test. */
    static bool heldByAnother(const QString &uri, QString *why)
    {
        auto other = connectDevice(uri);
        if (!other) {
            *why = QStringLiteral("second client could not connect");
            return false;
        }
        auto claimed = other->claimSession(QStringLiteral("intruder"), false);
        if (claimed) {
            *why = QStringLiteral("the board was free: the reconnect did not claim it again");
            return false;
        }
        *why = claimed.error().message;
        return claimed.error().deviceStatus == PT_E_BUSY;
    }

    /** Waits (5 s at most) until the board said `count` times that its reset button was pressed. */
    static bool waitForResets(VirtualBoard &vb, int count)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000) {
            if (vb.diagnostics().count("reset button pressed") >= count)
                return true;
            QThread::msleep(5);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_publicKey = m_dir.path() + QStringLiteral("/signing.pub.pem");
        QVERIFY(generateKeyPair(m_dir.path() + QStringLiteral("/signing.pem"), m_publicKey));
    }

    // The reset button is pressed, and pressed again 0..12 ms into the reconnect (which takes
    // about 7 ms on loopback): reconnect() must come back to the board and hold it again every
    // time (30 rounds).
    void resetDuringReconnect()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QString::fromLatin1(kBoard), m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        Session session(LinkUri::parse(uri).value());
        session.setClientName(QStringLiteral("reconnect test"));
        QVERIFY2(session.open(), "open");
        auto claimed = session.claim();
        QVERIFY2(claimed, qPrintable(claimed.error().message));
        const QByteArray uniqueId = session.device().info().value().uniqueId;
        const qint64 pid = vb.pid();

        constexpr int rounds = 30;
        QStringList failures;
        QRandomGenerator rng(20261204);
        for (int round = 0; round < rounds; ++round) {
            const int delayMs = int(rng.bounded(13));
            ::kill(pid_t(pid), SIGHUP); // the board resets: the link drops, the session ends
            QVERIFY2(waitForResets(vb, 2 * round + 1), "the board did not reset");
            std::thread again([pid, delayMs] {
                std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
                ::kill(pid_t(pid), SIGHUP); // and once more, somewhere inside the reconnect
            });
            auto back = session.reconnect(10000);
            again.join();
            if (!back) {
                failures << QStringLiteral("round %1 (second reset after %2 ms): %3").arg(round).arg(delayMs).arg(back.error().message);
                QVERIFY2(session.open() && session.claim(), "cannot take the board again after a failed round");
                continue;
            }
            // The second reset may also have come after reconnect() returned: a job notices it at
            // its next request and follows the board again, as here.
            QVERIFY2(waitForResets(vb, 2 * (round + 1)), "the board did not take both resets");
            auto info = session.device().info();
            if (!info) {
                auto again2 = session.reconnect(10000);
                QVERIFY2(again2, qPrintable(again2.error().message));
                info = session.device().info();
            }
            QVERIFY2(info, qPrintable(info.error().message));
            QCOMPARE(info->uniqueId, uniqueId);
            if (round % 10 != 9)
                continue; // each check costs a handshake, and the board allows 32 in a burst
            QString why;
            QVERIFY2(heldByAnother(uri, &why), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(why)));
        }
        qInfo("reconnect with a second reset inside it: %lld of %d rounds failed", qint64(failures.size()), rounds);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    }

    // Another board answers on the endpoint after the reset: reconnect() does not take it for
    // the board it claimed, and says so.
    void anotherBoardIsNotTaken()
    {
        QTemporaryDir dirA, dirB;
        VirtualBoard a, b;
        QVERIFY2(a.start(dirA.path(), QString::fromLatin1(kBoard), m_publicKey), qPrintable(a.error()));
        const QString uri = a.tcpUri();
        Session session(LinkUri::parse(uri).value());
        QVERIFY2(session.open(), "open");
        QVERIFY(session.claim());
        const QString endpoint = uri.mid(4);
        a.stop();
        QVERIFY2(b.start(dirB.path(), QString::fromLatin1(kBoard), m_publicKey, {QStringLiteral("--tcp"), endpoint}),
                 qPrintable(b.error()));
        QCOMPARE(b.tcpUri(), uri);
        QVERIFY(connectDevice(uri)); // board B has booted (its first boot writes its config)
        const QString flashBefore = fileSha256(b.flashPath());
        auto back = session.reconnect(1500);
        QVERIFY(!back);
        QVERIFY2(back.error().message.contains(QStringLiteral("another board answers on")), qPrintable(back.error().message));
        // Not claimed: another client may claim board B at once; nothing of B changed.
        auto other = connectDevice(uri);
        QVERIFY(other);
        auto claimedB = other->claimSession(QStringLiteral("owner of B"), false);
        QVERIFY2(claimedB, qPrintable(claimedB.error().message));
        QCOMPARE(fileSha256(b.flashPath()), flashBefore);
    }
};

QTEST_GUILESS_MAIN(ReconnectEndToEnd)
#include "tst_reconnect_e2e.moc"
