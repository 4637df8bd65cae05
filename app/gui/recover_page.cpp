#include "recover_page.h"

#include "jobs/worker_threads.h"
#include "file_field.h"
#include "main_window.h"

#include "package/bundle.h"
#include "access/credential.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QThread>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace piton::gui {

RecoverPage::RecoverPage(std::function<QString(FileRole)> chooseFile, QWidget *parent)
    : QWidget(parent)
    , m_chooseFile(std::move(chooseFile))
{
    auto *col = new QVBoxLayout(this);
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("recoverHeadline"));
    QFont f = m_headline->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_headline->setFont(f);
    m_headline->setWordWrap(true);
    m_details = new QLabel;
    m_details->setObjectName(QStringLiteral("recoverDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    m_packageRow = makeFileField("recoverPackage", tr("signed package for this board (.ptpkg)"), FileRole::OpenPackage, m_chooseFile, &m_package);
    m_backupRow = makeFileField("recoverConfigBackup", tr("config backup taken earlier (.ptcfg)"), FileRole::OpenConfigBackup, m_chooseFile, &m_backup);
    for (QLineEdit *e : {m_package, m_backup})
        connect(e, &QLineEdit::textChanged, this, &RecoverPage::updateButtons);
    form->addRow(tr("Package:"), m_packageRow);
    form->addRow(tr("Config backup:"), m_backupRow);
    m_missing = new QLabel;
    m_missing->setObjectName(QStringLiteral("recoverMissing"));
    m_missing->setStyleSheet(QStringLiteral("color: #b00020"));
    m_missing->setWordWrap(true);

    m_recover = new QPushButton(tr("&Recover"));
    m_recover->setObjectName(QStringLiteral("recoverButton"));
    m_recover->setToolTip(tr("Do what brings the board back, in the order shown"));
    m_diagnose = new QPushButton(tr("Check &again"));
    m_diagnose->setObjectName(QStringLiteral("diagnoseButton"));
    m_diagnose->setToolTip(tr("Read the board's state again"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_recover);
    buttons->addWidget(m_diagnose);
    buttons->addStretch(1);

    col->addWidget(m_headline);
    col->addWidget(m_details);
    col->addSpacing(6);
    col->addLayout(form);
    col->addWidget(m_missing);
    col->addLayout(buttons);

    // The recovery ladder, for a board that does not answer (docs/rom-loader.md, "The ladder").
    auto *box = new QGroupBox(tr("When the board does not answer: the recovery ladder"));
    box->setObjectName(QStringLiteral("ladderBox"));
    m_ladderBox = box;
    auto *ladderForm = new QFormLayout;
    m_ladderLink = new QLineEdit;
    m_ladderLink->setObjectName(QStringLiteral("ladderLink"));
    m_ladderLink->setPlaceholderText(tr("the board's link, e.g. serial:/dev/ttyUSB0"));
    m_ladderRom = new QLineEdit;
    m_ladderRom->setObjectName(QStringLiteral("ladderRomLink"));
    m_ladderRom->setPlaceholderText(tr("derived from the board's link (serial:PATH gives rom+serial:PATH, usb:?path=P gives dfu:?path=P)"));
    m_bundleRow = makeFileField("ladderBundle", tr("factory bundle (.ptfb): bootloader, package, keys"), FileRole::OpenBundle,
                                m_chooseFile, &m_bundle);
    ladderForm->addRow(tr("Board link:"), m_ladderLink);
    ladderForm->addRow(tr("ROM link:"), m_ladderRom);
    ladderForm->addRow(tr("Factory bundle:"), m_bundleRow);
    m_ladderStatus = new QLabel(tr("Piton tries the board's own code first, then the chip's ROM bootloader."));
    m_ladderStatus->setObjectName(QStringLiteral("ladderStatus"));
    m_ladderStatus->setWordWrap(true);
    m_ladderStatus->setTextFormat(Qt::RichText);
    m_ladderStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ladderProbe = new QPushButton(tr("Find what a&nswers"));
    m_ladderProbe->setObjectName(QStringLiteral("ladderProbeButton"));
    m_ladderProbe->setToolTip(tr("Ask Piton on the board's link, then the chip's ROM bootloader; changes nothing"));
    m_ladderRecover = new QPushButton(tr("Recover through the R&OM"));
    m_ladderRecover->setObjectName(QStringLiteral("ladderRecoverButton"));
    m_ladderRecover->setToolTip(tr("Write Piton's bootloader from the bundle through the ROM, then deploy and restore"));
    auto *ladderButtons = new QHBoxLayout;
    ladderButtons->addWidget(m_ladderProbe);
    ladderButtons->addWidget(m_ladderRecover);
    ladderButtons->addStretch(1);
    auto *ladderCol = new QVBoxLayout(box);
    ladderCol->addLayout(ladderForm);
    ladderCol->addLayout(ladderButtons);
    ladderCol->addWidget(m_ladderStatus);
    col->addSpacing(6);
    col->addWidget(box);
    col->addStretch(1);
    for (QLineEdit *e : {m_ladderLink, m_ladderRom, m_bundle})
        connect(e, &QLineEdit::textChanged, this, [this] {
            m_rung = RecoveryRung::None; // the fields changed: probe again
            updateLadder();
        });
    connect(m_ladderProbe, &QPushButton::clicked, this, [this] {
        QString error;
        auto job = makeLadderJob(&error);
        if (!job) {
            m_ladderStatus->setText(error.toHtmlEscaped());
            return;
        }
        runLadder(std::move(job), true);
    });
    connect(m_ladderRecover, &QPushButton::clicked, this, [this] {
        QString error;
        auto job = makeLadderJob(&error);
        if (!job) {
            m_ladderStatus->setText(error.toHtmlEscaped());
            return;
        }
        QString text = tr("No Piton code answers on %1. Piton will, through the chip's ROM bootloader:").arg(m_ladderLink->text().trimmed());
        if (m_ladderPlan)
            for (const QString &step : m_ladderPlan->steps())
                text += QStringLiteral("\n  - ") + step;
        text += QStringLiteral("\n") + tr("then deploy the bundle's package and write the config. Go ahead?");
        if (m_confirm && !m_confirm(tr("Recover through the ROM"), text)) {
            emit ladderLog(LogLevel::Info, tr("recovery through the ROM cancelled"));
            return;
        }
        if (m_ladderPlan) // the plan shown is the plan run: the job refuses if the chip's key area changed
            job->setShownPlan(*m_ladderPlan);
        runLadder(std::move(job), false);
    });

    connect(m_diagnose, &QPushButton::clicked, this, &RecoverPage::diagnoseRequested);
    connect(m_recover, &QPushButton::clicked, this, [this] { emit recoverRequested(packagePath(), configBackupPath()); });
    showNotConnected();
}

RecoverPage::~RecoverPage()
{
    if (m_ladderThread) {
        m_ladderJob->cancel();
        m_ladderThread->wait();
        delete m_ladderThread;
    }
}

QString RecoverPage::packagePath() const
{
    return m_package->text().trimmed();
}

QString RecoverPage::configBackupPath() const
{
    return m_backup->text().trimmed();
}

void RecoverPage::showNotConnected()
{
    m_connected = false;
    m_hasDiagnosis = false;
    m_diagnosis = {};
    m_headline->setText(tr("No device connected"));
    m_headline->setStyleSheet(QStringLiteral("color: #424242"));
    m_details->setText(tr("Connect to the board first (serial, network). A board that does not answer at all may need "
                          "its chip's ROM bootloader: the recovery ladder below finds what answers."));
    updateButtons();
}

void RecoverPage::showDiagnosisFailed(const QString &message)
{
    m_connected = true;
    m_hasDiagnosis = false;
    m_headline->setText(tr("The board's state could not be read"));
    m_headline->setStyleSheet(QStringLiteral("color: #b00020"));
    m_details->setText(message.toHtmlEscaped());
    updateButtons();
}

void RecoverPage::showDiagnosis(const RecoveryDiagnosis &d)
{
    m_diagnosis = d;
    m_hasDiagnosis = true;
    m_connected = true;
    QString html;
    if (d.healthy()) {
        m_headline->setText(tr("Nothing needs recovering"));
        m_headline->setStyleSheet(QStringLiteral("color: #2e7d32"));
    } else {
        m_headline->setText(tr("The board needs recovering: %1").arg(d.summary()));
        m_headline->setStyleSheet(QStringLiteral("color: #e65100"));
        html += QStringLiteral("<ol>");
        for (const RecoveryFinding &f : d.findings)
            html += QStringLiteral("<li>%1<br/><i>%2</i></li>").arg(f.explanation.toHtmlEscaped(), tr("Recover will: %1").arg(f.proposedAction).toHtmlEscaped());
        html += QStringLiteral("</ol>");
    }
    if (!d.notes.isEmpty()) {
        html += QStringLiteral("<p>%1</p><ul>").arg(tr("Also worth knowing:").toHtmlEscaped());
        for (const QString &n : d.notes)
            html += QStringLiteral("<li>%1</li>").arg(n.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    if (d.healthy() && d.notes.isEmpty())
        html = tr("The application runs, staging and the configuration are intact.").toHtmlEscaped();
    m_details->setText(html);
    updateButtons();
}

void RecoverPage::setIdle(bool idle)
{
    m_idle = idle;
    updateButtons();
}

void RecoverPage::updateButtons()
{
    const bool needPackage = m_hasDiagnosis && (m_diagnosis.needs(RecoveryNeed::Package) || m_diagnosis.has(RecoveryState::StagingCorrupt));
    const bool needBackup = m_hasDiagnosis && m_diagnosis.needs(RecoveryNeed::ConfigBackup);
    m_packageRow->setEnabled(needPackage);
    m_backupRow->setEnabled(needBackup || !m_connected); // the ladder restores it too
    QStringList missing;
    if (m_hasDiagnosis && m_diagnosis.needs(RecoveryNeed::Package) && m_package->text().trimmed().isEmpty())
        missing << tr("choose the package to deploy");
    if (needBackup && m_backup->text().trimmed().isEmpty())
        missing << tr("choose the config backup to restore");
    m_missing->setText(missing.isEmpty() ? QString() : tr("To recover: %1.").arg(missing.join(QStringLiteral("; "))));
    m_recover->setEnabled(m_idle && m_hasDiagnosis && !m_diagnosis.healthy() && missing.isEmpty());
    m_diagnose->setEnabled(m_idle && m_connected);
    updateLadder();
}

void RecoverPage::setLadderLink(const QString &uri)
{
    if (!ladderRunning())
        m_ladderLink->setText(uri);
}

void RecoverPage::updateLadder()
{
    const bool free = !m_connected && !ladderRunning();
    for (QWidget *w : {static_cast<QWidget *>(m_ladderLink), static_cast<QWidget *>(m_ladderRom), m_bundleRow})
        w->setEnabled(free);
    m_ladderProbe->setEnabled(free && !m_ladderLink->text().trimmed().isEmpty());
    m_ladderRecover->setEnabled(free && m_rung == RecoveryRung::Rom && m_ladderPlan && !m_bundle->text().trimmed().isEmpty());
}

std::unique_ptr<RecoveryLadderJob> RecoverPage::makeLadderJob(QString *error)
{
    auto uri = LinkUri::parse(m_ladderLink->text().trimmed());
    if (!uri) {
        *error = uri.error().message;
        return nullptr;
    }
    auto job = std::make_unique<RecoveryLadderJob>(uri.value());
    job->setClientName(Session::defaultClientName(QStringLiteral("piton")));
    // The window's credential (the setting shared with piton-cli): Piton's agent and bootloader
    // on a board with an access policy need a session for recovery (docs/security.md).
    if (const QString credential = QSettings().value(QStringLiteral("access/credential")).toString(); !credential.isEmpty()) {
        auto loaded = loadCredentialFile(credential);
        if (!loaded) {
            *error = loaded.error().message;
            return nullptr;
        }
        job->setCredential(loaded.value());
        job->setCredentialOptional(true); // a default, as in the device worker
    }
    if (!m_ladderRom->text().trimmed().isEmpty()) {
        auto rom = LinkUri::parse(m_ladderRom->text().trimmed());
        if (!rom) {
            *error = rom.error().message;
            return nullptr;
        }
        job->setRomUri(rom.value());
    }
    if (const QString path = m_bundle->text().trimmed(); !path.isEmpty()) {
        auto bundle = Bundle::load(path);
        if (!bundle) {
            *error = bundle.error().message;
            return nullptr;
        }
        job->setBundle(bundle.value(), path);
    }
    if (!configBackupPath().isEmpty())
        job->setConfigBackup(configBackupPath());
    return job;
}

void RecoverPage::runLadder(std::unique_ptr<RecoveryLadderJob> job, bool probeOnly)
{
    m_ladderJob = std::move(job);
    RecoveryLadderJob *raw = m_ladderJob.get();
    connect(raw, &Job::logMessage, this, &RecoverPage::ladderLog);
    connect(raw, &Job::progressChanged, this, [this](const JobProgress &p) {
        m_ladderStatus->setText(p.total > 0 ? tr("%1: %2 %").arg(p.phase).arg(p.done * 100 / p.total) : tr("%1 ...").arg(p.phase));
    });
    m_ladderStatus->setText(probeOnly ? tr("Asking Piton, then the ROM bootloader ...") : tr("Recovering through the ROM ..."));
    m_ladderThread = QThread::create([this, raw, probeOnly] {
        const ThreadCryptoCleanup cryptoCleanup; // OpenSSL state freed before the thread ends (worker_threads.h)
        if (probeOnly) {
            auto probed = raw->probe();
            m_ladderResult = probed ? Result<void>() : Result<void>(probed.error());
            m_ladderPlan.reset();
            m_ladderPlanError.clear();
            if (probed && probed->rung == RecoveryRung::Rom && raw->hasBundle()) {
                auto plan = raw->planBringUp();
                if (plan)
                    m_ladderPlan = plan.value();
                else
                    m_ladderPlanError = plan.error().message;
            }
        } else {
            m_ladderResult = raw->run();
        }
        raw->closeSession(); // the link belongs to this thread
    });
    connect(m_ladderThread, &QThread::finished, this, [this, probeOnly] { onLadderDone(probeOnly); });
    updateLadder();
    m_ladderThread->start();
}

void RecoverPage::onLadderDone(bool probeOnly)
{
    m_ladderThread->wait();
    delete m_ladderThread;
    m_ladderThread = nullptr;
    std::unique_ptr<RecoveryLadderJob> job = std::move(m_ladderJob);
    const LadderProbe &probe = job->ladder();
    m_rung = m_ladderResult ? probe.rung : RecoveryRung::None;
    QString html;
    if (!m_ladderResult) {
        html = QStringLiteral("<b>%1</b>").arg(m_ladderResult.error().message.toHtmlEscaped());
    } else if (probeOnly) {
        html = QStringLiteral("<b>%1</b>").arg(probe.summary().toHtmlEscaped());
        if (m_rung == RecoveryRung::Rom && !job->hasBundle())
            html += QStringLiteral("<br/>") + tr("A factory bundle is needed to bring the board back from the ROM: choose one above.").toHtmlEscaped();
        else if (m_rung == RecoveryRung::Rom && !m_ladderPlan)
            html += QStringLiteral("<br/>") + tr("The bundle cannot be used: %1").arg(m_ladderPlanError).toHtmlEscaped();
        else if (m_rung == RecoveryRung::Rom) {
            html += QStringLiteral("<br/>") + tr("Recover will:").toHtmlEscaped() + QStringLiteral("<ol>");
            for (const QString &step : m_ladderPlan->steps())
                html += QStringLiteral("<li>%1</li>").arg(step.toHtmlEscaped());
            html += QStringLiteral("<li>%1</li></ol>").arg(tr("deploy the bundle's package and write the config").toHtmlEscaped());
            html += tr("The chip's key area was read once: %1 bytes, SHA-256 %2. Recover reads it again before any erase "
                       "and refuses if it changed.")
                        .arg(m_ladderPlan->keyAreaRead.size())
                        .arg(QString::fromLatin1(m_ladderPlan->keyAreaSha256.toHex()))
                        .toHtmlEscaped();
        } else {
            html += QStringLiteral("<br/>") + tr("Piton answers: connect to the board above, and this page shows what it needs.").toHtmlEscaped();
        }
    } else {
        html = QStringLiteral("<b>%1</b>").arg(probe.rung == RecoveryRung::Rom
                                                   ? tr("Recovered through the ROM: Piton's bootloader is back; connect to the board above.").toHtmlEscaped()
                                                   : tr("Recovered; connect to the board above.").toHtmlEscaped());
        if (RecoverJob *r = job->recover(); r && r->after())
            html += QStringLiteral("<br/>") + tr("The board: %1").arg(r->after()->summary()).toHtmlEscaped();
        m_rung = RecoveryRung::None;
    }
    m_ladderStatus->setText(html);
    updateLadder();
    if (probeOnly)
        emit ladderProbed(m_ladderResult.ok());
    else
        emit ladderFinished(m_ladderResult.ok(), m_ladderResult ? QString() : m_ladderResult.error().message);
}

} // namespace piton::gui
