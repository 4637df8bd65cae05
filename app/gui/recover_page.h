// RecoverPage: the guided recovery page. It reads the state the window last got from the
// device (DeviceSnapshot), says in plain words what state the board is in, and offers the one
// operation that brings it back: deploy a package to a board in recovery mode (no valid
// application), restore the config from a backup when it cannot be read. The operations
// themselves are the window's (same jobs, same confirmations); this page only asks for them.
#pragma once

#include "device_worker.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace piton::gui {

/** What the page concluded from a snapshot. */
struct RecoveryDiagnosis {
    enum class State { NotConnected, Healthy, RecoveryMode, ConfigUnreadable };
    State state = State::NotConnected;
    QString headline;      ///< one line, translated
    QString explanation;   ///< what it means and what to do, translated
    bool offerDeploy = false;
    bool offerConfigRestore = false;
};

/** Diagnoses a snapshot (`connected` false: NotConnected). Pure function, for the page and tests. */
RecoveryDiagnosis diagnoseSnapshot(const DeviceSnapshot &snapshot, bool connected);

class RecoverPage : public QWidget {
    Q_OBJECT
public:
    explicit RecoverPage(QWidget *parent = nullptr);

    /** Shows the diagnosis of `snapshot`; buttons are enabled only when `idle`. */
    void showDevice(const DeviceSnapshot &snapshot, bool connected, bool idle);
    const RecoveryDiagnosis &diagnosis() const { return m_diagnosis; }

signals:
    /** The user asked to deploy a package (the window asks for the file and confirms). */
    void deployRequested();
    /** The user asked to restore the config from a backup file. */
    void configRestoreRequested();

private:
    RecoveryDiagnosis m_diagnosis;
    QLabel *m_headline = nullptr;
    QLabel *m_explanation = nullptr;
    QPushButton *m_deploy = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace piton::gui
