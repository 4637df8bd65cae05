// DevicePage: the Device tab: what the board is (the stage, unmistakable: green "Application" or
// orange "Bootloader (recovery mode)"; board id, serial number, unique id, versions, security
// counter, locked, trusted key fingerprints) and the actions on it (Update…, Erase deployment…,
// Back up / Restore config…, Reboot, Reboot to bootloader, the signer's public key for older
// packages). It shows a DeviceSnapshot and asks for actions through signals; the window runs
// them on the DeviceWorker.
#pragma once

#include "device_worker.h" // DeviceSnapshot

#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace piton::gui {

enum class FileRole;

/** What a board that trusts no access key refuses, for the Access row and the connect notice
 *  (docs/security.md, "Policy table"): read-only over TCP, changes only by physical access. */
QString noAccessKeyText(const DeviceInfo &info);

class DevicePage : public QWidget {
    Q_OBJECT
public:
    /** `chooseFile` answers the "…" button of the public key field (the window's chooser). */
    explicit DevicePage(std::function<QString(FileRole)> chooseFile, QWidget *parent = nullptr);

    /** Shows the board of `snapshot` (INFO, with PING's stage when INFO has none). */
    void showDevice(const DeviceSnapshot &snapshot);
    /** "Not connected", every value "–". */
    void clear();
    /** Enables the actions: `ready` = connected and idle; erase needs a deployment region. */
    void setActionsEnabled(bool ready, bool hasDeployment);
    bool canUpdate() const;
    /** The public key the user gave for updates, as a list (empty when none). */
    QStringList updateKeyPaths() const;

signals:
    void updateRequested();
    void eraseRequested();
    void backupRequested();
    void restoreRequested();
    void rebootRequested();
    void rebootBootloaderRequested();

private:
    QLabel *m_stageLabel = nullptr;
    QLabel *m_board = nullptr;
    QLabel *m_serial = nullptr;
    QLabel *m_uniqueId = nullptr;
    QLabel *m_versions = nullptr;
    QLabel *m_locked = nullptr;
    QLabel *m_access = nullptr; ///< access policy and the session's role (docs/security.md)
    QLabel *m_keys = nullptr;
    QLineEdit *m_updateKey = nullptr;
    QPushButton *m_updateButton = nullptr;
    QPushButton *m_eraseButton = nullptr;
    QPushButton *m_backupButton = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QPushButton *m_rebootButton = nullptr;
    QPushButton *m_rebootBootloaderButton = nullptr;
};

} // namespace piton::gui
