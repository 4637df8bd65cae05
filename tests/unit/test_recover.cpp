// Recover's diagnosis (core/jobs/recover_job.h): which states it finds from INFO and
// UPDATE_STATUS, what it proposes, what it needs, and in which order it acts. The job itself
// runs against piton-vboard in tests/e2e (tst_recover_e2e).
#include "jobs/deploy_job.h"
#include "jobs/recover_job.h"

#include "piton/protocol.h"

#include <QTest>

using namespace piton;

namespace {

DeviceInfo healthyInfo()
{
    DeviceInfo i;
    i.boardId = QStringLiteral("stm32f4-ref");
    i.stage = PT_STAGE_APPLICATION;
    i.applicationVersion = 0x01020003;
    i.lastInstall = PT_INSTALL_OK;
    i.imageState = PT_IMAGE_CONFIRMED;
    i.stagingState = PT_STAGING_EMPTY;
    i.configState = PT_CONFIG_OK;
    i.bootCount = 4;
    i.trialLimit = 3;
    return i;
}

QStringList ids(const QList<RecoveryAction> &plan)
{
    QStringList out;
    for (RecoveryAction a : plan)
        out << recoveryActionId(a);
    return out;
}

QStringList states(const RecoveryDiagnosis &d)
{
    QStringList out;
    for (const RecoveryFinding &f : d.findings)
        out << recoveryStateId(f.state);
    return out;
}

} // namespace

class TestRecover : public QObject {
    Q_OBJECT
private slots:
    void healthyBoardNeedsNothing()
    {
        const RecoveryDiagnosis d = diagnoseRecovery(healthyInfo(), StagingStatus{});
        QVERIFY(d.healthy());
        QCOMPARE(d.summary(), QStringLiteral("nothing to recover"));
        QVERIFY(d.plan(true, true).isEmpty());
        QVERIFY(!d.needs(RecoveryNeed::Package));
        QVERIFY(d.notes.isEmpty());
    }

    void applicationMissing()
    {
        DeviceInfo i = healthyInfo();
        i.stage = PT_STAGE_BOOTLOADER;
        i.applicationVersion.reset();
        i.imageState = PT_IMAGE_NONE;
        const RecoveryDiagnosis d = diagnoseRecovery(i, StagingStatus{});
        QCOMPARE(states(d), QStringList{QStringLiteral("application-missing")});
        QVERIFY(d.needs(RecoveryNeed::Package));
        QCOMPARE(d.findings[0].action, RecoveryAction::DeployPackage);
        QVERIFY2(d.findings[0].explanation.contains(QStringLiteral("recovery mode")), qPrintable(d.findings[0].explanation));
        QCOMPARE(ids(d.plan(true, false)), QStringList{QStringLiteral("deploy-package")});
        // Without a package the step stays planned: run() refuses it, it is not silently dropped.
        QCOMPARE(ids(d.plan(false, false)), QStringList{QStringLiteral("deploy-package")});
    }

    // A device that does not report image state: judged by stage and application version.
    void applicationMissingOnOlderDevice()
    {
        DeviceInfo i;
        i.boardId = QStringLiteral("b");
        i.stage = PT_STAGE_BOOTLOADER;
        const RecoveryDiagnosis d = diagnoseRecovery(i, StagingStatus{}, RecoveryProbe{true, {}});
        QCOMPARE(states(d), QStringList{QStringLiteral("application-missing")});
        // ... and a readable config is not corrupt, an unreadable one is.
        QCOMPARE(states(diagnoseRecovery(i, StagingStatus{}, RecoveryProbe{false, {}})),
                 (QStringList{QStringLiteral("config-corrupt"), QStringLiteral("application-missing")}));
    }

    void reverted()
    {
        DeviceInfo i = healthyInfo();
        i.imageState = PT_IMAGE_REVERTED;
        i.lastInstall = PT_INSTALL_REVERTED;
        i.revertReason = PT_REVERT_NOT_CONFIRMED;
        const RecoveryDiagnosis d = diagnoseRecovery(i, StagingStatus{});
        QCOMPARE(states(d), QStringList{QStringLiteral("application-reverted")});
        QVERIFY2(d.findings[0].explanation.contains(QStringLiteral("did not confirm itself within 3 boots")), qPrintable(d.findings[0].explanation));
        QVERIFY2(d.findings[0].explanation.contains(QStringLiteral("1.2.3")), qPrintable(d.findings[0].explanation));
        QCOMPARE(d.findings[0].needs, RecoveryNeed::Package);

        i.revertReason = PT_REVERT_IMAGE_INVALID;
        QVERIFY(diagnoseRecovery(i, StagingStatus{}).findings[0].explanation.contains(QStringLiteral("invalid at boot")));

        // Older device: last install result 4 alone.
        DeviceInfo old;
        old.boardId = QStringLiteral("b");
        old.stage = PT_STAGE_APPLICATION;
        old.applicationVersion = 1;
        old.lastInstall = PT_INSTALL_REVERTED;
        QCOMPARE(states(diagnoseRecovery(old, StagingStatus{}, RecoveryProbe{true, {}})), QStringList{QStringLiteral("application-reverted")});
    }

    void stagingCorrupt()
    {
        StagingStatus s;
        s.state = PT_STAGING_CORRUPT;
        const RecoveryDiagnosis d = diagnoseRecovery(healthyInfo(), s);
        QCOMPARE(states(d), QStringList{QStringLiteral("staging-corrupt")});
        QVERIFY(!d.needs(RecoveryNeed::Package)); // erasing alone brings it back
        QCOMPARE(ids(d.plan(false, false)), QStringList{QStringLiteral("erase-staging")});
        QCOMPARE(ids(d.plan(true, false)), (QStringList{QStringLiteral("erase-staging"), QStringLiteral("deploy-package")}));

        // While an image runs on trial the device takes no package: erase only, and say why.
        DeviceInfo trial = healthyInfo();
        trial.imageState = PT_IMAGE_TRIAL;
        const RecoveryDiagnosis t = diagnoseRecovery(trial, s);
        QCOMPARE(ids(t.plan(true, false)), QStringList{QStringLiteral("erase-staging")});
        QVERIFY(t.notes.join(QString()).contains(QStringLiteral("no package is re-sent")));

        // INFO alone saying corrupt is enough (UPDATE_STATUS not served at this stage).
        DeviceInfo i = healthyInfo();
        i.stagingState = PT_STAGING_CORRUPT;
        QCOMPARE(states(diagnoseRecovery(i, StagingStatus{})), QStringList{QStringLiteral("staging-corrupt")});
    }

    void configCorrupt()
    {
        DeviceInfo i = healthyInfo();
        i.configState = PT_CONFIG_CORRUPT;
        const RecoveryDiagnosis d = diagnoseRecovery(i, StagingStatus{});
        QCOMPARE(states(d), QStringList{QStringLiteral("config-corrupt")});
        QVERIFY(d.needs(RecoveryNeed::ConfigBackup));
        QVERIFY(!d.needs(RecoveryNeed::Package));
        QCOMPARE(ids(d.plan(false, true)), QStringList{QStringLiteral("restore-config")});

        // An empty config is the factory state, not a fault.
        i.configState = PT_CONFIG_EMPTY;
        const RecoveryDiagnosis empty = diagnoseRecovery(i, StagingStatus{});
        QVERIFY(empty.healthy());
        QCOMPARE(empty.notes.size(), 1);
    }

    // Several at once: config first, then staging, then the deploy (documented in docs/jobs.md).
    void severalAtOnceInOrder()
    {
        DeviceInfo i = healthyInfo();
        i.stage = PT_STAGE_BOOTLOADER;
        i.applicationVersion.reset();
        i.imageState = PT_IMAGE_NONE;
        i.configState = PT_CONFIG_CORRUPT;
        StagingStatus s;
        s.state = PT_STAGING_CORRUPT;
        const RecoveryDiagnosis d = diagnoseRecovery(i, s);
        QCOMPARE(states(d), (QStringList{QStringLiteral("config-corrupt"), QStringLiteral("staging-corrupt"),
                                         QStringLiteral("application-missing")}));
        QCOMPARE(ids(d.plan(true, true)), (QStringList{QStringLiteral("restore-config"), QStringLiteral("erase-staging"),
                                                       QStringLiteral("deploy-package")}));
        QVERIFY(d.needs(RecoveryNeed::Package));
        QVERIFY(d.needs(RecoveryNeed::ConfigBackup));
        QCOMPARE(d.summary(), QStringLiteral("config corrupt, staging corrupt, application missing"));
    }

    void heldInBootloaderIsRebooted()
    {
        DeviceInfo i = healthyInfo();
        i.stage = PT_STAGE_BOOTLOADER;
        const RecoveryDiagnosis d = diagnoseRecovery(i, StagingStatus{});
        QCOMPARE(states(d), QStringList{QStringLiteral("held-in-bootloader")});
        QCOMPARE(ids(d.plan(false, false)), QStringList{QStringLiteral("start-application")});
        // A deploy resets the board anyway: no separate reboot.
        StagingStatus s;
        s.state = PT_STAGING_CORRUPT;
        QCOMPARE(ids(diagnoseRecovery(i, s).plan(true, false)),
                 (QStringList{QStringLiteral("erase-staging"), QStringLiteral("deploy-package")}));
    }

    // INFO still names the application, but the deployment region reads as erased.
    void erasedDeploymentIsMissing()
    {
        DeviceInfo i = healthyInfo();
        i.stage = PT_STAGE_BOOTLOADER;
        const RecoveryDiagnosis d = diagnoseRecovery(i, StagingStatus{}, RecoveryProbe{{}, true});
        QCOMPARE(states(d), QStringList{QStringLiteral("application-missing")});
        QVERIFY2(d.findings[0].explanation.contains(QStringLiteral("deployment region is erased")), qPrintable(d.findings[0].explanation));
        QCOMPARE(states(diagnoseRecovery(i, StagingStatus{}, RecoveryProbe{{}, false})), QStringList{QStringLiteral("held-in-bootloader")});
        // Only the bootloader stage counts: an application that runs is there.
        i.stage = PT_STAGE_APPLICATION;
        QVERIFY(diagnoseRecovery(i, StagingStatus{}, RecoveryProbe{{}, true}).healthy());
    }

    // Warnings before an update: downgrade per payload, security counter raise; none for a
    // plain upgrade at the same counter.
    void updateWarningsBeforeTheIrreversible()
    {
        DeviceInfo i = healthyInfo(); // application 1.2.3, counter 0
        i.firmwareVersion = 0x02000000;
        i.securityCounter = 4;
        Manifest m;
        m.securityCounter = 4;
        PayloadDescriptor app;
        app.kind = PT_PAYLOAD_APPLICATION;
        app.version = 0x01030000;
        m.payloads << app;
        QVERIFY(updateWarnings(m, i).isEmpty());
        m.payloads[0].version = 0x01020002;
        QStringList w = updateWarnings(m, i);
        QCOMPARE(w.size(), 1);
        QVERIFY2(w[0].contains(QStringLiteral("application goes from 1.2.3 back to 1.2.2")), qPrintable(w[0]));
        PayloadDescriptor fw;
        fw.kind = PT_PAYLOAD_FIRMWARE;
        fw.version = 0x01000000;
        m.payloads << fw;
        m.securityCounter = 7;
        w = updateWarnings(m, i);
        QCOMPARE(w.size(), 3);
        QVERIFY2(w[1].contains(QStringLiteral("firmware goes from 2.0.0 back to 1.0.0")), qPrintable(w[1]));
        QVERIFY2(w[2].contains(QStringLiteral("rises from 4 to 7")) && w[2].contains(QStringLiteral("cannot be undone")), qPrintable(w[2]));
        i.applicationVersion.reset(); // nothing installed: no downgrade to speak of
        i.firmwareVersion.reset();
        m.securityCounter = 4;
        QVERIFY(updateWarnings(m, i).isEmpty());
    }

    void notesForStatesThatAreNotFaults()
    {
        DeviceInfo i = healthyInfo();
        i.imageState = PT_IMAGE_TRIAL;
        i.bootCount = 2;
        StagingStatus s;
        s.state = PT_STAGING_PARTIAL;
        s.packageSize = 1000;
        s.staged = 400;
        const RecoveryDiagnosis d = diagnoseRecovery(i, s);
        QVERIFY(d.healthy());
        QCOMPARE(d.notes.size(), 2);
        QVERIFY2(d.notes[0].contains(QStringLiteral("400 of 1000")), qPrintable(d.notes[0]));
        QVERIFY2(d.notes[1].contains(QStringLiteral("trial (boot 2 of at most 3)")), qPrintable(d.notes[1]));
    }
};

QTEST_GUILESS_MAIN(TestRecover)
#include "test_recover.moc"
