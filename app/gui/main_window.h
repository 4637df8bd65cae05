// MainWindow: piton's main window in the style of MFDeploy. It is made of parts, each owning one
// concern and talking by signals: the ConnectionBar (transport, endpoint, connect), the pages
// (DevicePage: the board and its actions; configuration, Recover, Keys and packages, Line), the
// region map and table, the ProgressPanel (rate, ETA, Cancel), the ResumeController (a device
// that vanished during an operation) and the log console. The window wires them, asks the user,
// and runs every device operation on the DeviceWorker on its own thread; it only reacts to the
// worker's signals.
#pragma once

#include "board_history.h"
#include "connection_bar.h"
#include "credential_prompt.h"
#include "device_worker.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QThread>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableWidget;
class QTabWidget;
class QTimer;

namespace piton::gui {

class DevicePage;
class ErrorBanner;
class LogConsole;
class RecoverPage;
class WindowMenu;
class KeysPage;
class PackageToolsPage;
class ProgressPanel;
class RegionMap;
class ResumeController;

/** Asks the user to confirm a step: `title` and `text` (already translated). True = go ahead.
 *  The default shows a QMessageBox; tests install one that answers by itself. Warnings (e.g. an
 *  incompatible package) go through it too, and their answer is ignored. */
using ConfirmFunction = std::function<bool(const QString &title, const QString &text)>;

/** What a file chooser is asked for. */
enum class FileRole { OpenPackage, SaveConfigBackup, OpenConfigBackup, SaveLog,
                      SavePrivateKey, OpenPrivateKey, OpenPublicKey, OpenImage, SavePackage, SaveHistory, OpenBundle,
                      OpenRecipe, OpenLineDatabase, OpenCredential };

/** Returns a chosen path or an empty string when the user cancelled. The default shows a
 *  QFileDialog; tests install one that returns a prepared path. */
using FileChooser = std::function<QString(FileRole role)>;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setConfirmFunction(ConfirmFunction f) { m_confirm = std::move(f); }
    void setFileChooser(FileChooser f) { m_chooseFile = std::move(f); }
    /** Replaces the serial port enumeration and lists the ports again. */
    void setPortLister(PortLister f);

    /** Fills the connection bar from a link URI ("serial:PATH" or "tcp:HOST:PORT") and connects. */
    void connectToUri(const QString &uri);
    /** Starts an update with the package at `path`: inspect, confirm (manifest and verdict
     *  shown), deploy. Used by the Update button, drag-and-drop and the PACKAGE argument. */
    void startUpdate(const QString &path);
    /** Starts a config restore from the backup at `path`: confirm (config region marked), then
     *  restore. Used by the Restore button and a .ptcfg given on the command line. */
    void startRestore(const QString &path);
    /** Opens a file given on the command line or dropped: a config backup (magic "PTCF") is
     *  restored, anything else is taken as an update package (startUpdate). */
    void openFile(const QString &path);

    /** Shows a page by name: "device", "configuration", "recover", "tools", "line" or "keys". False for an
     *  unknown name (nothing changes). */
    bool showPage(const QString &name);

    /** True while connected to a device. */
    bool isConnected() const { return m_connected; }
    /** True while an operation runs on the worker. */
    bool isBusy() const { return m_busy; }
    /** The last state read from the device (valid while connected). */
    const DeviceSnapshot &snapshot() const { return m_snapshot; }
    /** The worker that owns the session (lives on its own thread). For tests and embedding. */
    DeviceWorker *worker() const { return m_worker; }
    /** Message of the last job or operation that failed, empty after a success. */
    QString lastError() const { return m_lastError; }
    /** The log console (entries, filter, copy, save). */
    LogConsole *logConsole() const { return m_log; }
    /** True while the window waits for a device that disappeared during an operation. */
    bool isWaitingForDevice() const;
    /** The banner that shows the last failure in full (hidden when there is none). */
    ErrorBanner *errorBanner() const { return m_errorBanner; }
    /** The per-board history of operations (docs/gui.md, "Board history"). */
    const BoardHistory &history() const { return m_history; }
    /** The menu bar's actions and shortcuts. */
    WindowMenu *windowMenu() const { return m_menu; }
    /** True when an interrupted operation can be resumed now (the device is back). */
    bool canResume() const;
    /** Interval between attempts to reach a device that disappeared, in milliseconds. */
    static constexpr int ReturnProbeIntervalMs = 1000;
    /** The probe interval in use (ms): ReturnProbeIntervalMs, or PITON_TEST_RETURN_PROBE_MS
     *  (tests only, testIntervalMs). */
    static int returnProbeIntervalMs();
    /** Interval of the serial port watch, in milliseconds. */
    static constexpr int PortWatchIntervalMs = ConnectionBar::PortWatchIntervalMs;
    /** The port watch interval in use (ms): PortWatchIntervalMs, or PITON_TEST_PORT_WATCH_MS
     *  (tests only, testIntervalMs). */
    static int portWatchIntervalMs() { return ConnectionBar::portWatchIntervalMs(); }
    /** The resume controller (its state machine decides what a vanished device leads to). */
    ResumeController *resumeController() const { return m_resume; }
    /** The credential prompt while it is open (askForCredential, onCredentialNeeded), else nullptr. */
    CredentialPrompt *credentialPrompt() const { return m_credentialPrompt; }

signals:
    /** Emitted when the window opened its credential prompt (credentialPrompt()). */
    void credentialPromptShown();
    /** Emitted in the GUI thread after the window showed a new device state. */
    void deviceShown();
    /** Emitted when the window shows a failure in its error banner. */
    void errorShown(const QString &title, const QString &message);
    /** Emitted when connecting failed (after the window shows the message). */
    void connectFailed(const QString &message);
    /** Emitted when a job ended and the window shows its outcome. */
    void jobDone(const QString &title, bool ok);
    /** Emitted when the window shows progress (after updating the progress area). */
    void progressShown(const piton::JobProgress &progress);
    /** Emitted when a device that disappeared during an operation answers again and the window
     *  offers to resume (`operation` is the interrupted operation's title). */
    void deviceReturned(const QString &operation);
    /** Emitted when the Recover page shows a new diagnosis of the connected board. */
    void recoveryDiagnosisShown();
    /** Emitted when the serial port list changed (ports came or went). */
    void serialPortsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private slots:
    void onConnectClicked();
    void onDisconnectClicked();
    void onPingClicked();
    void onUpdateClicked();
    void onEraseClicked();
    void onBackupClicked();
    void onRestoreClicked();
    void onApplyConfigClicked();
    void onRebootClicked();
    void onRebootBootloaderClicked();
    void onCancelClicked();
    void onSaveLogClicked();
    void onResumeClicked();
    void onStopWaitingClicked();

    void onConnected(const piton::gui::DeviceSnapshot &snapshot);
    /** A board with an access policy and no credential set: the credential prompt offers to
     *  choose one (.ptcred); a chosen one is stored in the setting access/credential and the
     *  window connects again. Does not wait for the answer. */
    void askForCredential(const QString &uri);
    /** A job waits for a credential (DeviceWorker::credentialNeeded): the credential prompt
     *  says what the board refused; a chosen file goes to the job (and the setting
     *  access/credential), Cancel cancels the job. Does not wait for the answer. */
    void onCredentialNeeded(const QString &title, const QString &refusal);
    void onConnectionFailed(const QString &message);
    void onDisconnected(const QString &reason);
    void onSnapshot(const piton::gui::DeviceSnapshot &snapshot);
    void onPinged(const piton::PingInfo &ping, qint64 roundTripMs);
    void onPackageInspected(const piton::gui::PackageSummary &summary);
    void onJobStarted(const QString &title);
    void onJobProgress(const piton::JobProgress &progress);
    void onJobFinished(const QString &title, bool ok, const QString &message);
    void onJobInterrupted(const QString &title, const QString &message, bool deviceAnswers);
    void onRecoveryDiagnosed(const piton::RecoveryDiagnosis &diagnosis);
    void onRecoverRequested(const QString &packagePath, const QString &configBackupPath);
    void requestDiagnosis();
    void onFailed(const QString &operation, const QString &message);
    void onBusyChanged(bool busy);
    void onExportHistoryClicked();
    void onRefreshClicked();
    void showHelp();
    void showAbout();

public slots:
    /** Appends a line (timestamp, level, text) to the log console. */
    void appendLog(piton::LogLevel level, const QString &text);

private:
    void buildUi();
    void updateEnabled();
    void showDevice();
    void clearDevice();
    void loadSettings();
    void saveSettings();
    void rememberEndpoint(const QString &endpoint);
    bool askConfirm(const QString &title, const QString &text);
    /** Shows a warning (through the confirm function when one is installed). */
    void warn(const QString &title, const QString &text);
    QString chooseFile(FileRole role);
    /** Opens the credential prompt (closing one still open) with `refusal`; `chosen` gets a
     *  loaded credential and its path, `declined` runs on Cancel/Escape. */
    void openCredentialPrompt(const QString &refusal, std::function<void(const CredentialFile &, const QString &)> chosen,
                              std::function<void()> declined);
    QString describeManifest(const PackageSummary &summary) const;
    /** Asks to recover along the diagnosis' plan (steps and regions written, `deployRegions`
     *  for a package to deploy) and starts the recovery. */
    void confirmRecovery(const QString &packagePath, const QString &configBackupPath, const QStringList &deployRegions);
    /** Marks the window busy and runs `call` on the worker. */
    void runBusy(std::function<void(DeviceWorker *)> call);
    /** runBusy() for a device operation that is remembered under `title`, so that it can be
     *  offered again when a vanished device returns: `again` repeats it (default: run `call`
     *  once more; update, erase and recovery pass their entry point so the questions are asked
     *  again). */
    void startOperation(const QString &title, std::function<void(DeviceWorker *)> call, std::function<void()> again = {});
    /** Marks `regions` on the map and asks `title`/`text`; on No removes the marks, logs
     *  `cancelledLog` and returns false. The marks otherwise stay until the job ends. */
    bool confirmWithRegionsMarked(const QStringList &regions, const QString &title, const QString &text,
                                  const QString &cancelledLog);
    void runOnWorker(std::function<void(DeviceWorker *)> call);
    /** A failure the user must see: m_lastError, the error banner (title and the whole
     *  message), the status bar. */
    void reportError(const QString &title, const QString &message);
    /** Appends the operation that just ended to the board's history (if one was started). */
    void recordOperation(const QString &title, const QString &result, const QString &message);

    QThread m_thread;
    DeviceWorker *m_worker = nullptr;
    ConfirmFunction m_confirm;
    FileChooser m_chooseFile;
    QPointer<CredentialPrompt> m_credentialPrompt;

    bool m_connected = false;
    bool m_busy = false;
    bool m_pendingDeploy = false;
    /** A recovery waiting for its package's inspection: package path, config backup path. */
    std::optional<QPair<QString, QString>> m_pendingRecover;
    ErrorBanner *m_errorBanner = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QWidget *m_recoverTab = nullptr;
    WindowMenu *m_menu = nullptr;
    BoardHistory m_history;
    // The board an operation started on (the snapshot may be gone when it ends) and when.
    bool m_opRecordPending = false;
    DeviceInfo m_opBoard;
    QElapsedTimer m_opTimer;
    DeviceSnapshot m_snapshot;
    QString m_lastError;

    ConnectionBar *m_connectionBar = nullptr;
    DevicePage *m_devicePage = nullptr;
    ProgressPanel *m_progressPanel = nullptr;
    ResumeController *m_resume = nullptr;

    // Regions
    RegionMap *m_regionMap = nullptr;
    QTableWidget *m_regionTable = nullptr;

    // Config form
    QCheckBox *m_dhcp = nullptr;
    QLineEdit *m_ip = nullptr;
    QLineEdit *m_mask = nullptr;
    QLineEdit *m_gateway = nullptr;
    QLineEdit *m_usbProduct = nullptr;
    QLineEdit *m_serialNumber = nullptr;
    QLabel *m_configError = nullptr;
    QPushButton *m_applyConfig = nullptr;

    // Pages
    QTabWidget *m_tabs = nullptr;
    RecoverPage *m_recoverPage = nullptr;
    PackageToolsPage *m_toolsPage = nullptr;
    KeysPage *m_keysPage = nullptr;

    // Device-returned bar (shows the ResumeController)
    QWidget *m_returnBar = nullptr;
    QLabel *m_returnLabel = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPushButton *m_stopWaitingButton = nullptr;

    // Log
    LogConsole *m_log = nullptr;
};

} // namespace piton::gui
