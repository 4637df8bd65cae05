#include "recover_page.h"

#include "file_field.h"
#include "main_window.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    col->addStretch(1);

    connect(m_diagnose, &QPushButton::clicked, this, &RecoverPage::diagnoseRequested);
    connect(m_recover, &QPushButton::clicked, this, [this] { emit recoverRequested(packagePath(), configBackupPath()); });
    showNotConnected();
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
                          "its ROM bootloader: see the recovery ladder in the documentation."));
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
    m_backupRow->setEnabled(needBackup);
    QStringList missing;
    if (m_hasDiagnosis && m_diagnosis.needs(RecoveryNeed::Package) && m_package->text().trimmed().isEmpty())
        missing << tr("choose the package to deploy");
    if (needBackup && m_backup->text().trimmed().isEmpty())
        missing << tr("choose the config backup to restore");
    m_missing->setText(missing.isEmpty() ? QString() : tr("To recover: %1.").arg(missing.join(QStringLiteral("; "))));
    m_recover->setEnabled(m_idle && m_hasDiagnosis && !m_diagnosis.healthy() && missing.isEmpty());
    m_diagnose->setEnabled(m_idle && m_connected);
}

} // namespace piton::gui
