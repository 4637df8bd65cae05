// RecoverPage: the guided recovery page, a view over core's RecoverJob (core/jobs/recover_job.h,
// docs/jobs.md "Recover"). It shows the board's diagnosis in plain words (each broken state,
// what recover will do about it, notes such as an interrupted transfer or a trial image), asks
// for exactly the inputs the plan needs (a package, a config backup file), and asks the window
// to run the recovery. The window confirms (with the regions that will be written marked) and
// runs the job on the device worker.
#pragma once

#include "jobs/recover_job.h"

#include <functional>

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace piton::gui {

enum class FileRole;

class RecoverPage : public QWidget {
    Q_OBJECT
public:
    /** `chooseFile` is the window's file chooser (tests replace it). */
    explicit RecoverPage(std::function<QString(FileRole)> chooseFile, QWidget *parent = nullptr);

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

signals:
    /** Read the board's state again. */
    void diagnoseRequested();
    /** Run the recovery with these inputs (empty = not given). */
    void recoverRequested(const QString &packagePath, const QString &configBackupPath);

private:
    void updateButtons();

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
};

} // namespace piton::gui
