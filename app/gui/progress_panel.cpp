#include "progress_panel.h"

#include "region_map.h" // formatSize

#include <QCoreApplication>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

// The texts keep the window's translation context: they were MainWindow's before the split.

namespace piton::gui {

ProgressPanel::ProgressPanel(QWidget *parent)
    : QGroupBox(QCoreApplication::translate("piton::gui::MainWindow", "Progress"), parent)
{
    auto *prog = new QGridLayout(this);
    m_phaseLabel = new QLabel(QCoreApplication::translate("piton::gui::MainWindow", "idle"));
    m_phaseLabel->setObjectName(QStringLiteral("phaseLabel"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_bytesLabel = new QLabel;
    m_bytesLabel->setObjectName(QStringLiteral("bytesLabel"));
    m_rateLabel = new QLabel;
    m_rateLabel->setObjectName(QStringLiteral("rateLabel"));
    m_etaLabel = new QLabel;
    m_etaLabel->setObjectName(QStringLiteral("etaLabel"));
    m_cancelButton = new QPushButton(QCoreApplication::translate("piton::gui::MainWindow", "Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    // Two rows: what runs and its figures, then the bar with Cancel beside it.
    m_phaseLabel->setWordWrap(true);
    prog->addWidget(m_phaseLabel, 0, 0);
    prog->addWidget(m_bytesLabel, 0, 1);
    prog->addWidget(m_rateLabel, 0, 2);
    prog->addWidget(m_etaLabel, 0, 3);
    prog->addWidget(m_progress, 1, 0, 1, 4);
    prog->addWidget(m_cancelButton, 1, 4);
    prog->setColumnStretch(0, 2);
    prog->setColumnStretch(1, 1);
    connect(m_cancelButton, &QPushButton::clicked, this, &ProgressPanel::cancelRequested);
}

void ProgressPanel::setCancelEnabled(bool on)
{
    m_cancelButton->setEnabled(on);
}

bool ProgressPanel::isCancelEnabled() const
{
    return m_cancelButton->isEnabled();
}

void ProgressPanel::setCancelling()
{
    m_cancelling = true;
    m_phaseLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Cancelling…"));
    m_etaLabel->clear();
}

void ProgressPanel::jobStarted(const QString &title)
{
    m_phaseLabel->setText(title);
    m_progress->setValue(0);
    m_jobTimer.start();
    m_jobBytes = 0;
    if (m_cancelling) // Cancel was pressed while the job waited its turn
        m_phaseLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Cancelling…"));
    m_bytesLabel->clear();
    m_rateLabel->clear();
    m_etaLabel->clear();
}

void ProgressPanel::showProgress(const JobProgress &p)
{
    m_jobBytes = std::max(m_jobBytes, p.done);
    if (m_cancelling)
        return; // "Cancelling…" stays until the job has stopped
    m_phaseLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Phase: %1").arg(p.phase));
    if (p.total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(p.done * 1000 / p.total));
        m_bytesLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "%1 / %2 bytes").arg(p.done).arg(p.total));
    } else {
        m_progress->setRange(0, 0); // busy indicator
        m_bytesLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "%1 bytes").arg(p.done));
    }
    m_rateLabel->setText(p.bytesPerSecond > 0 ? QCoreApplication::translate("piton::gui::MainWindow", "%1/s").arg(formatSize(quint64(p.bytesPerSecond)))
                                              : QString());
    m_etaLabel->setText(p.etaMs >= 0 ? QCoreApplication::translate("piton::gui::MainWindow", "%1 s left").arg((p.etaMs + 999) / 1000) : QString());
}

bool ProgressPanel::jobFinished(const QString &title, bool ok)
{
    m_progress->setRange(0, 1000);
    // A finished job shows its summary, not the last phase's rate and time left.
    const qint64 ms = m_jobTimer.isValid() ? m_jobTimer.elapsed() : 0;
    m_rateLabel->clear();
    m_etaLabel->clear();
    const bool cancelled = !ok && m_cancelling;
    m_cancelling = false;
    if (ok) {
        m_progress->setValue(1000);
        m_phaseLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Done: %1").arg(title));
        m_bytesLabel->setText(m_jobBytes > 0 ? QCoreApplication::translate("piton::gui::MainWindow", "%1 in %2 s (%3/s)")
                                                   .arg(formatSize(quint64(m_jobBytes)))
                                                   .arg(double(ms) / 1000.0, 0, 'f', 1)
                                                   .arg(formatSize(ms > 0 ? quint64(m_jobBytes * 1000 / ms) : 0))
                                             : QCoreApplication::translate("piton::gui::MainWindow", "in %1 s").arg(double(ms) / 1000.0, 0, 'f', 1));
    } else if (cancelled) {
        m_phaseLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Cancelled: %1").arg(title));
    } else {
        m_phaseLabel->setText(QCoreApplication::translate("piton::gui::MainWindow", "Failed: %1").arg(title));
    }
    return cancelled;
}

} // namespace piton::gui
