// RecoverPage: the guided recovery page, a view over core's RecoverJob and RecoveryLadderJob
// (core/jobs/recover_job.h, docs/jobs.md "Recover", "The recovery ladder"). It shows the board's diagnosis in plain words (each broken state,
// what recover will do about it, notes such as an interrupted transfer or a trial image), asks
// for exactly the inputs the plan needs (a package, a config backup file), and asks the window
// to run the recovery. The window confirms (with the regions that will be written marked) and
// runs the job on the device worker.
// When no device is connected, the "recovery ladder" part finds which rung answers on a link
// (Piton's application or bootloader, or the chip's ROM bootloader), shows what will be done
// there, asks for the factory bundle the ROM rung needs, and runs the ladder job on a thread of
// its own (the window is not connected, so nobody else uses the port).
#pragma once

#include "jobs/recover_job.h"

#include <functional>
#include <memory>
#include <optional>

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QThread;

namespace piton::gui {

enum class FileRole;

class RecoverPage : public QWidget {
    Q_OBJECT
public:
    /** `chooseFile` is the window's file chooser (tests replace it). */
    explicit RecoverPage(std::function<QString(FileRole)> chooseFile, QWidget *parent = nullptr);
    /** Cancels a running ladder job and waits for its thread (the job stops at its next safe
     *  point; a ROM write in progress finishes its current command). */
    ~RecoverPage() override;

    /** No device: says so, offers nothing. */
    void showNotConnected();
    /** Shows a diagnosis read from the device. */
    void showDiagnosis(const piton::RecoveryDiagnosis &diagnosis);
    /** Shows that the diagnosis could not be read (`message` names why). */
    void showDiagnosisFailed(const QString &message);
    /** Enables the buttons only when the window is connected and idle. */
    void setIdle(bool idle);

    /** The last diagnosis shown (empty findings when none or healthy). */
    const piton::RecoveryDiagnosis &diagnosis() const { return m_diagnosis; }
    bool hasDiagnosis() const { return m_hasDiagnosis; }
    QString packagePath() const;
    QString configBackupPath() const;

    /** How the page asks before the ladder writes through the ROM (the window's confirm). */
    void setConfirmFunction(std::function<bool(const QString &title, const QString &text)> f) { m_confirm = std::move(f); }
    /** Prefills the ladder's board link (e.g. the link a failed connection tried). */
    void setLadderLink(const QString &uri);
    /** True while a ladder probe or recovery runs. */
    bool ladderRunning() const { return m_ladderThread != nullptr; }
    /** The rung the last ladder probe found. */
    piton::RecoveryRung ladderRung() const { return m_rung; }

signals:
    /** A ladder probe ended (`ok`: something answered). */
    void ladderProbed(bool ok);
    /** A ladder recovery ended. */
    void ladderFinished(bool ok, const QString &message);
    /** A log line of the ladder job, for the window's log. */
    void ladderLog(piton::LogLevel level, const QString &text);
    /** Read the board's state again. */
    void diagnoseRequested();
    /** Run the recovery with these inputs (empty = not given). */
    void recoverRequested(const QString &packagePath, const QString &configBackupPath);

private:
    void updateButtons();
    void updateLadder();
    /** A ladder job for the fields' links, bundle and backup; nullptr with `error` set. */
    std::unique_ptr<piton::RecoveryLadderJob> makeLadderJob(QString *error);
    void runLadder(std::unique_ptr<piton::RecoveryLadderJob> job, bool probeOnly);
    void onLadderDone(bool probeOnly);

    std::function<QString(FileRole)> m_chooseFile;
    piton::RecoveryDiagnosis m_diagnosis;
    bool m_hasDiagnosis = false;
    bool m_connected = false;
    bool m_idle = false;

    QLabel *m_headline = nullptr;
    QLabel *m_details = nullptr;
    QWidget *m_packageRow = nullptr;
    QLineEdit *m_package = nullptr;
    QWidget *m_backupRow = nullptr;
    QLineEdit *m_backup = nullptr;
    QLabel *m_missing = nullptr;
    QPushButton *m_recover = nullptr;
    QPushButton *m_diagnose = nullptr;

    std::function<bool(const QString &, const QString &)> m_confirm;
    QWidget *m_ladderBox = nullptr;
    QLineEdit *m_ladderLink = nullptr;
    QLineEdit *m_ladderRom = nullptr;
    QWidget *m_bundleRow = nullptr;
    QLineEdit *m_bundle = nullptr;
    QLabel *m_ladderStatus = nullptr;
    QPushButton *m_ladderProbe = nullptr;
    QPushButton *m_ladderRecover = nullptr;
    QThread *m_ladderThread = nullptr;
    std::unique_ptr<piton::RecoveryLadderJob> m_ladderJob;
    piton::Result<void> m_ladderResult;
    std::optional<piton::RomBringUpPlan> m_ladderPlan;
    QString m_ladderPlanError;
    piton::RecoveryRung m_rung = piton::RecoveryRung::None;
    QString m_ladderSummary;
};

} // namespace piton::gui
