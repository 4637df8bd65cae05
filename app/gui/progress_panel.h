// ProgressPanel: the window's progress area: what runs (phase), a bar, bytes done/total, rate,
// time left, Cancel; after a job its summary. Shows what the DeviceWorker's job signals say and
// asks for a cancel through cancelRequested(); it never talks to the device itself.
#pragma once

#include "jobs/job.h"

#include <QElapsedTimer>
#include <QGroupBox>

class QLabel;
class QProgressBar;
class QPushButton;

namespace piton::gui {

class ProgressPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit ProgressPanel(QWidget *parent = nullptr);

    /** A job began: phase = its title, bar and figures cleared, the clock started. */
    void jobStarted(const QString &title);
    /** Shows a progress report (bar from done/total, or a busy indicator without a total; rate
     *  in bytes/s; time left). While cancelling, only the bytes are kept. */
    void showProgress(const piton::JobProgress &progress);
    /** A job ended: "Done: TITLE" with bytes, seconds and the mean rate of its largest phase,
     *  "Cancelled: TITLE" or "Failed: TITLE". Returns true when the job ended because Cancel was
     *  pressed (the cancel state is reset). */
    bool jobFinished(const QString &title, bool ok);
    /** Cancel was pressed (or requested from the menu): shows "Cancelling…" until the job ends. */
    void setCancelling();
    /** Forgets a Cancel of the previous operation (a new operation starts). */
    void resetCancelling() { m_cancelling = false; }
    bool isCancelling() const { return m_cancelling; }
    void setCancelEnabled(bool on);
    bool isCancelEnabled() const;

signals:
    /** The user pressed Cancel. */
    void cancelRequested();

private:
    QLabel *m_phaseLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_bytesLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_etaLabel = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QElapsedTimer m_jobTimer;  ///< since jobStarted, for the summary after the job
    qint64 m_jobBytes = 0;     ///< bytes moved in the job's largest phase, for the summary
    bool m_cancelling = false; ///< Cancel pressed for the running job
};

} // namespace piton::gui
