// The resume controller's state machine (app/gui/resume_controller.h): what the window does when
// the device vanishes during an operation. Driven through the events the window feeds it; the
// probes it asks for, the bar it shows and the operation it repeats are observed.
#include "resume_controller.h"

#include <QSignalSpy>
#include <QTest>

using piton::gui::ResumeController;
using State = ResumeController::State;

class TestResumeController : public QObject {
    Q_OBJECT

    static constexpr int ProbeMs = 20;

private slots:
    void initTestCase() { qRegisterMetaType<ResumeController::State>(); }

    // Link lost mid-operation, the device gone: wait, probe, the device is back, resume.
    void lostWaitProbeReturnResume()
    {
        ResumeController c(ProbeMs);
        QSignalSpy probes(&c, &ResumeController::probeRequested);
        QSignalSpy bar(&c, &ResumeController::barShown);
        QSignalSpy returned(&c, &ResumeController::deviceReturned);
        int again = 0;
        QCOMPARE(c.state(), State::Idle);
        c.setLinkState(true, true);
        c.operationStarted(QStringLiteral("update with app.ptpkg"), QStringLiteral("tcp:127.0.0.1:4000"), [&] { ++again; });
        QCOMPARE(c.state(), State::Running);
        QVERIFY(!c.wasInterrupted());

        c.jobInterrupted(QStringLiteral("link lost"), false);
        QCOMPARE(c.state(), State::Interrupted);
        QVERIFY(c.wasInterrupted());
        QCOMPARE(probes.size(), 0); // nothing probed before the window disconnects
        c.jobFinished(false);
        QCOMPARE(c.state(), State::Interrupted);

        c.disconnected(QStringLiteral("connection lost"));
        QCOMPARE(c.state(), State::WaitingForDevice);
        QCOMPARE(bar.size(), 1);
        QVERIFY(bar.last().at(0).toString().contains(QStringLiteral("Waiting for it to come back")));
        QVERIFY(probes.wait(ProbeMs * 20));
        QCOMPARE(probes.last().at(0).toString(), QStringLiteral("tcp:127.0.0.1:4000"));
        // One probe at a time: none while one is outstanding.
        QTest::qWait(ProbeMs * 4);
        QCOMPARE(probes.size(), 1);
        QVERIFY(c.connectionFailed()); // still gone: the window stays quiet
        QVERIFY(probes.wait(ProbeMs * 20));
        QVERIFY(!c.canResume());

        c.connected();
        QCOMPARE(c.state(), State::DeviceBack);
        QCOMPARE(returned.size(), 1);
        QVERIFY(c.canResume());
        const int probesSeen = int(probes.size());
        QTest::qWait(ProbeMs * 4);
        QCOMPARE(probes.size(), probesSeen); // no more probing once it is back

        c.setLinkState(true, true); // busy: no resume
        QVERIFY(!c.resume());
        c.setLinkState(true, false);
        QVERIFY(c.resume());
        QCOMPARE(again, 1);
        QCOMPARE(c.state(), State::Interrupted); // until the repeated operation starts
        c.operationStarted(QStringLiteral("update with app.ptpkg"), QStringLiteral("tcp:127.0.0.1:4000"), [&] { ++again; });
        c.jobFinished(true);
        QCOMPARE(c.state(), State::Idle);
        QVERIFY(!c.resume());
        QCOMPARE(again, 1);
    }

    // The link failed but the device answered right away: resume is offered at once.
    void deviceAnswersAtOnce()
    {
        ResumeController c(ProbeMs);
        QSignalSpy probes(&c, &ResumeController::probeRequested);
        int again = 0;
        c.setLinkState(true, true);
        c.operationStarted(QStringLiteral("erase deployment"), QStringLiteral("serial:/dev/pts/3"), [&] { ++again; });
        c.jobInterrupted(QStringLiteral("timeout"), true);
        QCOMPARE(c.state(), State::DeviceBack);
        c.setLinkState(true, false);
        QVERIFY(c.canResume());
        QTest::qWait(ProbeMs * 3);
        QCOMPARE(probes.size(), 0);
        // Dismiss forgets it.
        c.dismiss();
        QCOMPARE(c.state(), State::Idle);
        QVERIFY(!c.resume());
        QCOMPARE(again, 0);
    }

    // The user disconnects while the controller waits: no more probes, nothing offered when a
    // later connect succeeds.
    void userDisconnectStopsWaiting()
    {
        ResumeController c(ProbeMs);
        QSignalSpy probes(&c, &ResumeController::probeRequested);
        QSignalSpy hidden(&c, &ResumeController::barHidden);
        c.operationStarted(QStringLiteral("recovery"), QStringLiteral("tcp:127.0.0.1:4001"), [] {});
        c.jobInterrupted(QStringLiteral("link lost"), false);
        c.disconnected(QStringLiteral("connection lost"));
        QCOMPARE(c.state(), State::WaitingForDevice);
        c.disconnected(QString()); // the user pressed Disconnect
        QVERIFY(hidden.size() >= 1);
        QCOMPARE(c.state(), State::Interrupted);
        QTest::qWait(ProbeMs * 4);
        QCOMPARE(probes.size(), 0);
        c.connected();
        QCOMPARE(c.state(), State::Interrupted);
        QVERIFY(!c.canResume());
        QVERIFY(!c.connectionFailed()); // a connect of the user's own is not a probe
    }

    // A failure that is not an interruption offers nothing; an operation without a way to
    // repeat it (Idle) ignores interruptions.
    void plainFailureAndIdle()
    {
        ResumeController c(ProbeMs);
        c.jobInterrupted(QStringLiteral("link lost"), true);
        QCOMPARE(c.state(), State::Idle);
        c.operationStarted(QStringLiteral("config restore"), QStringLiteral("tcp:127.0.0.1:4002"), [] {});
        c.jobFinished(false);
        QCOMPARE(c.state(), State::Running);
        c.disconnected(QStringLiteral("connection lost"));
        QCOMPARE(c.state(), State::Running); // not interrupted by the link: nothing to wait for
        QVERIFY(!c.wasInterrupted());
    }
};

QTEST_GUILESS_MAIN(TestResumeController)
#include "tst_resume_controller.moc"
