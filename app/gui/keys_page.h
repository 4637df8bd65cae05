// KeysPage: the GUI's device key management (MFDeploy's "update device keys"; docs/security.md
// "Rotating and revoking keys"): shows the connected board's key set from INFO, builds a
// root-signed key update (core/package/key_update.h, as `piton-cli keys update create`) and asks
// the window to apply one (KeyUpdateJob through the device worker, with the window's progress
// panel, as `keys update-device`).
#pragma once

#include "jobs/job.h"
#include "device_types.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace piton::gui {

enum class FileRole;

class KeysPage : public QWidget {
    Q_OBJECT
public:
    /** `chooseFile` is the window's file chooser (tests replace it). */
    explicit KeysPage(std::function<QString(FileRole)> chooseFile, QWidget *parent = nullptr);
    ~KeysPage() override;

    /** Shows the key set of the board that answered `info` (empty: no board connected). Fills in
     *  the board id and the next generation for a new key update. */
    void showKeySet(const DeviceInfo &info, bool connected);
    /** Enables "Apply to the board" (a board is connected and idle). */
    void setDeviceReady(bool ready);

    QString keySetText() const;
    /** Text of the last build result or error. */
    QString resultText() const;
    bool isBusy() const { return m_busy; }

public slots:
    /** Builds and signs a key update from the form; asks where to save it. */
    void buildKeyUpdate();
    /** Asks for a key update file and emits applyRequested() with it. */
    void applyKeyUpdate();

signals:
    void logMessage(piton::LogLevel level, const QString &text);
    /** A build finished; `ok` false when it failed (the page shows why). */
    void buildFinished(bool ok);
    /** The user asked to apply the key update file `path` to the connected board. */
    void applyRequested(const QString &path);

private:
    struct Outcome {
        bool ok = false;
        QString text;
    };

    std::function<QString(FileRole)> m_chooseFile;
    QFutureWatcher<Outcome> m_watcher;
    bool m_busy = false;

    QPlainTextEdit *m_keySet = nullptr;
    QComboBox *m_board = nullptr;
    QSpinBox *m_generation = nullptr;
    QLineEdit *m_rootKey = nullptr;
    QLineEdit *m_addPackage = nullptr;
    QLineEdit *m_revokePackage = nullptr;
    QLineEdit *m_addAccess = nullptr;
    QLineEdit *m_revokeAccess = nullptr;
    QLineEdit *m_addRoot = nullptr;
    QLineEdit *m_revokeRoot = nullptr;
    QLineEdit *m_productKey = nullptr;
    QLineEdit *m_wrapTo = nullptr;
    QPushButton *m_build = nullptr;
    QPushButton *m_apply = nullptr;
    QPlainTextEdit *m_result = nullptr;
};

} // namespace piton::gui
