#include "recover_page.h"

#include "piton/protocol.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace piton::gui {

RecoveryDiagnosis diagnoseSnapshot(const DeviceSnapshot &s, bool connected)
{
    RecoveryDiagnosis d;
    if (!connected) {
        d.headline = RecoverPage::tr("No device connected");
        d.explanation = RecoverPage::tr("Connect to the board first (serial, network). A board that does not answer at all "
                                        "may need its ROM bootloader: see the recovery ladder in the documentation.");
        return d;
    }
    const int stage = s.info.stage ? s.info.stage : s.ping.stage;
    if (stage == PT_STAGE_BOOTLOADER) {
        d.state = RecoveryDiagnosis::State::RecoveryMode;
        d.headline = RecoverPage::tr("The board is in recovery mode");
        d.explanation = s.info.applicationVersion
                            ? RecoverPage::tr("The bootloader is running and holds the board there (it was asked to, "
                                              "or the application could not be started). Deploy a package to install "
                                              "a known-good application, or reboot normally.")
                            : RecoverPage::tr("The bootloader found no valid application, so the board stays in its "
                                              "bootloader. Deploy a signed package for board %1 to bring it back.")
                                  .arg(s.info.boardId);
        d.offerDeploy = true;
        d.offerConfigRestore = !s.configRead;
        return d;
    }
    if (!s.configRead) {
        d.state = RecoveryDiagnosis::State::ConfigUnreadable;
        d.headline = RecoverPage::tr("The board's configuration cannot be read");
        d.explanation = RecoverPage::tr("The application runs, but its configuration store did not answer with a valid "
                                        "config. Restore it from a backup file taken earlier.");
        d.offerConfigRestore = true;
        return d;
    }
    d.state = RecoveryDiagnosis::State::Healthy;
    d.headline = RecoverPage::tr("Nothing needs recovering");
    d.explanation = RecoverPage::tr("The application runs and the configuration is intact.");
    return d;
}

RecoverPage::RecoverPage(QWidget *parent)
    : QWidget(parent)
{
    auto *col = new QVBoxLayout(this);
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("recoverHeadline"));
    QFont f = m_headline->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_headline->setFont(f);
    m_headline->setWordWrap(true);
    m_explanation = new QLabel;
    m_explanation->setObjectName(QStringLiteral("recoverExplanation"));
    m_explanation->setWordWrap(true);
    m_deploy = new QPushButton(tr("Deploy a package…"));
    m_deploy->setObjectName(QStringLiteral("recoverDeployButton"));
    m_restore = new QPushButton(tr("Restore config from a backup…"));
    m_restore->setObjectName(QStringLiteral("recoverRestoreButton"));
    col->addWidget(m_headline);
    col->addWidget(m_explanation);
    col->addSpacing(8);
    col->addWidget(m_deploy);
    col->addWidget(m_restore);
    col->addStretch(1);
    connect(m_deploy, &QPushButton::clicked, this, &RecoverPage::deployRequested);
    connect(m_restore, &QPushButton::clicked, this, &RecoverPage::configRestoreRequested);
    showDevice({}, false, true);
}

void RecoverPage::showDevice(const DeviceSnapshot &snapshot, bool connected, bool idle)
{
    m_diagnosis = diagnoseSnapshot(snapshot, connected);
    m_headline->setText(m_diagnosis.headline);
    m_explanation->setText(m_diagnosis.explanation);
    QString color;
    switch (m_diagnosis.state) {
    case RecoveryDiagnosis::State::NotConnected: color = QStringLiteral("#424242"); break;
    case RecoveryDiagnosis::State::Healthy: color = QStringLiteral("#2e7d32"); break;
    case RecoveryDiagnosis::State::RecoveryMode:
    case RecoveryDiagnosis::State::ConfigUnreadable: color = QStringLiteral("#e65100"); break;
    }
    m_headline->setStyleSheet(QStringLiteral("color: %1").arg(color));
    m_deploy->setVisible(m_diagnosis.offerDeploy);
    m_restore->setVisible(m_diagnosis.offerConfigRestore);
    m_deploy->setEnabled(idle);
    m_restore->setEnabled(idle);
}

} // namespace piton::gui
