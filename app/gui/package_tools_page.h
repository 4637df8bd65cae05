// PackageToolsPage: the GUI's `keys generate`, `package create` and `package inspect`. No device
// is needed. The work runs off the GUI thread (QtConcurrent) through the same core functions as
// piton-cli (core/package/package_tools.h, Package::load), and every result or error is shown on
// the page and written to the log.
#pragma once

#include "jobs/job.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QComboBox;

namespace piton::gui {

enum class FileRole;

class PackageToolsPage : public QWidget {
    Q_OBJECT
public:
    /** `chooseFile` is the window's file chooser (tests replace it). */
    explicit PackageToolsPage(std::function<QString(FileRole)> chooseFile, QWidget *parent = nullptr);
    ~PackageToolsPage() override;

    /** Text of the last result shown (key fingerprint, package summary or error). */
    QString resultText() const;
    /** True while a tool runs in the background. */
    bool isBusy() const { return m_busy; }

public slots:
    /** Generate key pair: asks for the private key file; the public key goes beside it as
     *  NAME.pub.pem. */
    void generateKeyPair();
    /** Builds and signs a package from the form; asks where to save it. */
    void buildPackage();
    /** Asks for a package file and shows its manifest, payload hashes and, when the public key
     *  field names a key, whether the signature verifies under it. */
    void inspectPackage();
    /** Shows the manifest of `path` (as inspectPackage, without asking). */
    void inspectPackageFile(const QString &path);

signals:
    void logMessage(piton::LogLevel level, const QString &text);
    /** A tool finished; `ok` false when it failed (the page shows why). */
    void toolFinished(bool ok);

private:
    struct Outcome {
        bool ok = false;
        QString text;
    };
    void run(const QString &what, std::function<Outcome()> work);
    void setBusy(bool busy);

    std::function<QString(FileRole)> m_chooseFile;
    QFutureWatcher<Outcome> m_watcher;
    bool m_busy = false;

    QComboBox *m_board = nullptr;
    QLineEdit *m_version = nullptr;
    QSpinBox *m_counter = nullptr;
    QLineEdit *m_firmware = nullptr;
    QLineEdit *m_firmwareBase = nullptr;
    QLineEdit *m_application = nullptr;
    QLineEdit *m_applicationBase = nullptr;
    QLineEdit *m_requiresFirmware = nullptr;
    QComboBox *m_compression = nullptr; ///< Compression::Auto, Lz4 or Off (item data)
    QLineEdit *m_encryptTo = nullptr;   ///< product public key (PEM); empty: not encrypted
    QLineEdit *m_deviceKeys = nullptr;  ///< device public keys (PEM), separated by ';'
    QLineEdit *m_key = nullptr;
    QLineEdit *m_publicKey = nullptr;
    QPushButton *m_generate = nullptr;
    QPushButton *m_build = nullptr;
    QPushButton *m_inspect = nullptr;
    QPlainTextEdit *m_result = nullptr;
};

/** Human description of a package (manifest, payloads, hashes), as the Inspect tool shows it. */
QString describePackageFile(const QString &path, const QString &publicKeyPath, bool *ok);

} // namespace piton::gui
