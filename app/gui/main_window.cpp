#include "main_window.h"

#include "jobs/worker_threads.h"
#include "access/credential.h"
#include "config/config_blob.h"
#include "connection_bar.h"
#include "credential_prompt.h"
#include "device_page.h"
#include "package/keys.h"
#include "error_banner.h"
#include "file_field.h"
#include "line_page.h"
#include "log_console.h"
#include "keys_page.h"
#include "package_tools_page.h"
#include "progress_panel.h"
#include "recover_page.h"
#include "region_map.h"
#include "resume_controller.h"
#include "serial_ports.h"
#include "usb_devices.h"
#include "version.h"
#include "window_menu.h"

#include "piton/protocol.h"

#include <QStyle>

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QSettings>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QSplitter>
#include <QSysInfo>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace piton::gui {

namespace {

QStringList regionNames(const QList<Region> &regions, const std::function<bool(const Region &)> &pick)
{
    QStringList names;
    for (const Region &r : regions)
        if (pick(r))
            names << r.name;
    return names;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    registerWorkerMetaTypes();
    setWindowTitle(tr("Piton"));
    setWindowIcon(QIcon(QStringLiteral(":/piton/icons/piton.png")));
    setAcceptDrops(true);
    buildUi();

    m_worker = new DeviceWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("piton-device"));
    // Sessions use OpenSSL on this thread: its state is freed as the loop ends (worker_threads.h).
    connect(&m_thread, &QThread::finished, &m_thread, &freeThreadCryptoState, Qt::DirectConnection);
    connect(m_worker, &DeviceWorker::connected, this, &MainWindow::onConnected);
    connect(m_worker, &DeviceWorker::connectionFailed, this, &MainWindow::onConnectionFailed);
    connect(m_worker, &DeviceWorker::disconnected, this, &MainWindow::onDisconnected);
    connect(m_worker, &DeviceWorker::snapshotChanged, this, &MainWindow::onSnapshot);
    connect(m_worker, &DeviceWorker::pinged, this, &MainWindow::onPinged);
    connect(m_worker, &DeviceWorker::packageInspected, this, &MainWindow::onPackageInspected);
    connect(m_worker, &DeviceWorker::jobStarted, this, &MainWindow::onJobStarted);
    connect(m_worker, &DeviceWorker::jobProgress, this, &MainWindow::onJobProgress);
    connect(m_worker, &DeviceWorker::jobFinished, this, &MainWindow::onJobFinished);
    connect(m_worker, &DeviceWorker::jobInterrupted, this, &MainWindow::onJobInterrupted);
    connect(m_worker, &DeviceWorker::recoveryDiagnosed, this, &MainWindow::onRecoveryDiagnosed);
    connect(m_worker, &DeviceWorker::recoveryDiagnosisFailed, this, [this](const QString &message) {
        if (m_connected)
            m_recoverPage->showDiagnosisFailed(message);
    });
    connect(m_worker, &DeviceWorker::failed, this, &MainWindow::onFailed);
    connect(m_worker, &DeviceWorker::logMessage, this, &MainWindow::appendLog);
    connect(m_worker, &DeviceWorker::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_worker, &DeviceWorker::credentialNeeded, this, &MainWindow::onCredentialNeeded);
    m_thread.start();

    loadSettings();
    m_connectionBar->refreshSerialPorts();
    clearDevice();
    updateEnabled();
}

int MainWindow::returnProbeIntervalMs() { return testIntervalMs("PITON_TEST_RETURN_PROBE_MS", ReturnProbeIntervalMs); }

MainWindow::~MainWindow()
{
    m_worker->cancelJob();
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

// ---- layout ------------------------------------------------------------------------------------

void MainWindow::buildUi()
{
    auto *central = new QWidget;
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(6, 6, 6, 0);

    m_connectionBar = new ConnectionBar;
    outer->addWidget(m_connectionBar);

    // Shown when the device vanished during an operation: waiting for it, then "Resume".
    m_returnBar = new QWidget;
    m_returnBar->setObjectName(QStringLiteral("returnBar"));
    m_returnBar->setStyleSheet(QStringLiteral("#returnBar { background: #fff3e0; border: 1px solid #e65100; border-radius: 4px; }"));
    auto *returnRow = new QHBoxLayout(m_returnBar);
    m_returnLabel = new QLabel;
    m_returnLabel->setObjectName(QStringLiteral("returnLabel"));
    m_returnLabel->setWordWrap(true);
    m_resumeButton = new QPushButton(tr("Resume"));
    m_resumeButton->setObjectName(QStringLiteral("resumeButton"));
    m_stopWaitingButton = new QPushButton(tr("Dismiss"));
    m_stopWaitingButton->setObjectName(QStringLiteral("stopWaitingButton"));
    returnRow->addWidget(m_returnLabel, 1);
    returnRow->addWidget(m_resumeButton);
    returnRow->addWidget(m_stopWaitingButton);
    m_returnBar->hide();
    outer->addWidget(m_returnBar);

    // Failures in full, where they are seen (not only in the status bar).
    m_errorBanner = new ErrorBanner;
    outer->addWidget(m_errorBanner);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->setChildrenCollapsible(false);
    outer->addWidget(split, 1);
    m_mainSplitter = split;
    // Pages scroll when the window is smaller than they are (a laptop at 150 % scaling).
    const auto scrollable = [](QWidget *page) {
        auto *area = new QScrollArea;
        area->setWidget(page);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
        return area;
    };

    // Left column: pages (device and actions, configuration, recover, keys and packages)
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_devicePage = new DevicePage([this](FileRole role) { return chooseFile(role); });
    m_devicePage->setObjectName(QStringLiteral("devicePage"));
    m_tabs->addTab(scrollable(m_devicePage), tr("&Device"));

    auto *cfgPage = new QWidget;
    auto *cfgCol = new QVBoxLayout(cfgPage);
    auto *cfgBox = new QGroupBox(tr("Settings stored on the device"));
    auto *cfg = new QFormLayout(cfgBox);
    const auto field = [](const char *name, const QString &placeholder) {
        auto *e = new QLineEdit;
        e->setObjectName(QLatin1String(name));
        e->setPlaceholderText(placeholder);
        return e;
    };
    m_dhcp = new QCheckBox(tr("Use DHCP"));
    m_dhcp->setObjectName(QStringLiteral("dhcpCheck"));
    m_ip = field("ipEdit", QStringLiteral("192.168.1.20"));
    m_mask = field("maskEdit", QStringLiteral("255.255.255.0"));
    m_gateway = field("gatewayEdit", QStringLiteral("192.168.1.1"));
    m_usbProduct = field("usbProductEdit", tr("USB product name"));
    m_serialNumber = field("serialNumberEdit", tr("1 to 32 printable characters"));
    m_configError = new QLabel;
    m_configError->setObjectName(QStringLiteral("configError"));
    m_configError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_configError->setWordWrap(true);
    m_applyConfig = new QPushButton(tr("Apply settings"));
    m_applyConfig->setObjectName(QStringLiteral("applyConfigButton"));
    cfg->addRow(m_dhcp);
    cfg->addRow(tr("IP address:"), m_ip);
    cfg->addRow(tr("Network mask:"), m_mask);
    cfg->addRow(tr("Gateway:"), m_gateway);
    cfg->addRow(tr("USB product:"), m_usbProduct);
    cfg->addRow(tr("Serial number:"), m_serialNumber);
    cfg->addRow(m_configError);
    cfg->addRow(m_applyConfig);
    cfgCol->addWidget(cfgBox);
    cfgCol->addStretch(1);
    m_tabs->addTab(scrollable(cfgPage), tr("&Configuration"));

    m_recoverPage = new RecoverPage([this](FileRole role) { return chooseFile(role); });
    m_recoverPage->setObjectName(QStringLiteral("recoverPage"));
    m_recoverPage->setConfirmFunction([this](const QString &title, const QString &text) { return askConfirm(title, text); });
    connect(m_recoverPage, &RecoverPage::ladderLog, this, &MainWindow::appendLog);
    m_recoverTab = scrollable(m_recoverPage);
    m_tabs->addTab(m_recoverTab, tr("&Recover"));
    m_toolsPage = new PackageToolsPage([this](FileRole role) { return chooseFile(role); });
    m_toolsPage->setObjectName(QStringLiteral("toolsPage"));
    m_tabs->addTab(scrollable(m_toolsPage), tr("&Keys and packages"));
    // Line mode: the page owns its station; operator mode locks the other pages and the device menu.
    auto *linePage = new LinePage([this](FileRole role) { return chooseFile(role); });
    linePage->setObjectName(QStringLiteral("linePage"));
    const int lineTab = m_tabs->addTab(scrollable(linePage), tr("&Line"));
    m_keysPage = new KeysPage([this](FileRole role) { return chooseFile(role); });
    m_keysPage->setObjectName(QStringLiteral("keysPage"));
    m_tabs->addTab(scrollable(m_keysPage), tr("Device k&eys"));
    connect(linePage, &LinePage::logMessage, this, &MainWindow::appendLog);
    const auto lineOperatorMode = [this, lineTab](bool on) {
        for (int i = 0; i < m_tabs->count(); ++i)
            m_tabs->setTabEnabled(i, i == lineTab || !on);
        if (on)
            m_tabs->setCurrentIndex(lineTab);
        if (auto *device = menuBar()->findChild<QMenu *>(QStringLiteral("deviceMenu")))
            device->menuAction()->setEnabled(!on);
    };
    connect(linePage, &LinePage::operatorModeChanged, this, lineOperatorMode);
    if (linePage->operatorMode()) // kept from the last session; the menu exists once the window is built
        QMetaObject::invokeMethod(this, [lineOperatorMode] { lineOperatorMode(true); }, Qt::QueuedConnection);
    split->addWidget(m_tabs);

    // Right column: regions, progress, log, in a splitter of their own (the log can take the room)
    auto *right = new QSplitter(Qt::Vertical);
    right->setObjectName(QStringLiteral("rightSplitter"));
    right->setChildrenCollapsible(false);
    m_rightSplitter = right;
    auto *regBox = new QGroupBox(tr("Flash regions"));
    auto *reg = new QVBoxLayout(regBox);
    m_regionMap = new RegionMap;
    m_regionMap->setObjectName(QStringLiteral("regionMap"));
    m_regionTable = new QTableWidget(0, 6);
    m_regionTable->setObjectName(QStringLiteral("regionTable"));
    m_regionTable->setHorizontalHeaderLabels({tr("Region"), tr("Start"), tr("End"), tr("Size"), tr("Sectors"), tr("Flags")});
    m_regionTable->verticalHeader()->hide();
    m_regionTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_regionTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_regionTable->horizontalHeader()->setStretchLastSection(true);
    m_regionTable->setMinimumHeight(3 * m_regionTable->fontMetrics().lineSpacing());
    reg->addWidget(m_regionMap);
    reg->addWidget(m_regionTable, 1);
    right->addWidget(regBox);

    m_progressPanel = new ProgressPanel;
    m_progressPanel->setObjectName(QStringLiteral("progressPanel"));
    m_progressPanel->setMaximumHeight(m_progressPanel->sizeHint().height()); // the splitter gives the rest to map and log
    right->addWidget(m_progressPanel);

    auto *logBox = new QGroupBox(tr("Log"));
    auto *logCol = new QVBoxLayout(logBox);
    m_log = new LogConsole;
    m_log->setObjectName(QStringLiteral("logConsole"));
    logCol->addWidget(m_log, 1);
    right->addWidget(logBox);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 0);
    right->setStretchFactor(2, 2);
    right->setSizes({330, m_progressPanel->sizeHint().height(), 300});
    split->addWidget(right);
    // The pages take a share of the width as the window grows (not a fixed 450 px): at 1280 px
    // and above the page tabs, the Device keys page's fingerprints and the file fields fit;
    // the regions' table still fits beside them at 1180 px.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({590, 590});

    setCentralWidget(central);
    statusBar()->showMessage(tr("Not connected"));

    connect(m_connectionBar, &ConnectionBar::connectRequested, this, &MainWindow::onConnectClicked);
    connect(m_connectionBar, &ConnectionBar::disconnectRequested, this, &MainWindow::onDisconnectClicked);
    connect(m_connectionBar, &ConnectionBar::pingRequested, this, &MainWindow::onPingClicked);
    connect(m_connectionBar, &ConnectionBar::logLine, this, &MainWindow::appendLog);
    connect(m_connectionBar, &ConnectionBar::serialPortsChanged, this, &MainWindow::serialPortsChanged);
    connect(m_devicePage, &DevicePage::updateRequested, this, &MainWindow::onUpdateClicked);
    connect(m_devicePage, &DevicePage::eraseRequested, this, &MainWindow::onEraseClicked);
    connect(m_devicePage, &DevicePage::backupRequested, this, &MainWindow::onBackupClicked);
    connect(m_devicePage, &DevicePage::restoreRequested, this, &MainWindow::onRestoreClicked);
    connect(m_applyConfig, &QPushButton::clicked, this, &MainWindow::onApplyConfigClicked);
    connect(m_devicePage, &DevicePage::rebootRequested, this, &MainWindow::onRebootClicked);
    connect(m_devicePage, &DevicePage::rebootBootloaderRequested, this, &MainWindow::onRebootBootloaderClicked);
    connect(m_progressPanel, &ProgressPanel::cancelRequested, this, &MainWindow::onCancelClicked);
    connect(m_log, &LogConsole::saveRequested, this, &MainWindow::onSaveLogClicked);
    connect(m_resumeButton, &QPushButton::clicked, this, &MainWindow::onResumeClicked);
    connect(m_stopWaitingButton, &QPushButton::clicked, this, &MainWindow::onStopWaitingClicked);
    // A device that vanished during an operation: the controller decides, the bar shows it.
    m_resume = new ResumeController(returnProbeIntervalMs(), this);
    connect(m_resume, &ResumeController::barShown, this, [this](const QString &text) {
        m_returnLabel->setText(text);
        m_returnBar->show();
        updateEnabled();
    });
    connect(m_resume, &ResumeController::barHidden, m_returnBar, &QWidget::hide);
    connect(m_resume, &ResumeController::logLine, this, [this](bool warning, const QString &text) {
        appendLog(warning ? LogLevel::Warning : LogLevel::Info, text);
    });
    connect(m_resume, &ResumeController::deviceReturned, this, &MainWindow::deviceReturned);
    connect(m_resume, &ResumeController::probeRequested, this, [this](const QString &uri, int timeoutMs) {
        runOnWorker([uri, timeoutMs](DeviceWorker *w) { w->connectTo(uri, timeoutMs); });
    });
    connect(m_recoverPage, &RecoverPage::diagnoseRequested, this, &MainWindow::requestDiagnosis);
    connect(m_recoverPage, &RecoverPage::recoverRequested, this, &MainWindow::onRecoverRequested);
    connect(m_toolsPage, &PackageToolsPage::logMessage, this, &MainWindow::appendLog);
    connect(m_keysPage, &KeysPage::logMessage, this, &MainWindow::appendLog);
    connect(m_keysPage, &KeysPage::applyRequested, this, [this](const QString &path) {
        if (!askConfirm(tr("Key update"), tr("Apply the key update %1 to the board? It changes which keys the board trusts.").arg(path)))
            return;
        startOperation(tr("key update"), [path](DeviceWorker *w) { w->keyUpdate(path); });
    });

    connect(m_dhcp, &QCheckBox::toggled, this, [this] { updateEnabled(); });

    m_menu = new WindowMenu(this);
    connect(m_menu, &WindowMenu::connectRequested, this, [this] {
        if (m_connectionBar->canConnect())
            onConnectClicked();
    });
    connect(m_menu, &WindowMenu::disconnectRequested, this, [this] {
        if (m_connectionBar->canDisconnect())
            onDisconnectClicked();
    });
    connect(m_menu, &WindowMenu::refreshRequested, this, &MainWindow::onRefreshClicked);
    connect(m_menu, &WindowMenu::updateRequested, this, [this] {
        if (m_devicePage->canUpdate())
            onUpdateClicked();
    });
    connect(m_menu, &WindowMenu::cancelRequested, this, [this] {
        if (m_progressPanel->isCancelEnabled())
            onCancelClicked();
    });
    connect(m_menu, &WindowMenu::saveLogRequested, this, &MainWindow::onSaveLogClicked);
    connect(m_menu, &WindowMenu::exportHistoryRequested, this, &MainWindow::onExportHistoryClicked);
    connect(m_menu, &WindowMenu::helpRequested, this, &MainWindow::showHelp);
    connect(m_menu, &WindowMenu::aboutRequested, this, &MainWindow::showAbout);
    connect(m_menu, &WindowMenu::languageChosen, this, [this](const QString &language) {
        appendLog(LogLevel::Info, tr("language %1 is used from the next start").arg(language));
        statusBar()->showMessage(tr("The new language is used from the next start of Piton."));
    });
}

void MainWindow::updateEnabled()
{
    const bool ready = m_connected && !m_busy;
    m_connectionBar->setLinkState(m_connected, m_busy);
    const bool hasDeployment = std::any_of(m_snapshot.regions.begin(), m_snapshot.regions.end(),
                                           [](const Region &r) { return r.name == QLatin1String(PT_REGION_NAME_DEPLOYMENT); });
    m_devicePage->setActionsEnabled(ready, hasDeployment);
    for (QWidget *w : {static_cast<QWidget *>(m_dhcp), static_cast<QWidget *>(m_usbProduct),
                       static_cast<QWidget *>(m_serialNumber), static_cast<QWidget *>(m_applyConfig)})
        w->setEnabled(ready);
    for (QLineEdit *e : {m_ip, m_mask, m_gateway})
        e->setEnabled(ready && !m_dhcp->isChecked());
    m_progressPanel->setCancelEnabled(m_busy && m_connected);
    m_recoverPage->setIdle(ready);
    m_keysPage->setDeviceReady(ready);
    m_resume->setLinkState(m_connected, m_busy);
    m_resumeButton->setEnabled(canResume());
    m_menu->connectAction()->setEnabled(m_connectionBar->canConnect());
    m_menu->disconnectAction()->setEnabled(m_connectionBar->canDisconnect());
    m_menu->refreshAction()->setEnabled(ready);
    m_menu->updateAction()->setEnabled(ready);
    m_menu->cancelAction()->setEnabled(m_progressPanel->isCancelEnabled());
    m_menu->exportHistoryAction()->setEnabled(m_connected);
}

// ---- settings ----------------------------------------------------------------------------------

void MainWindow::loadSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    // The splitters keep the place the user gave them.
    m_mainSplitter->restoreState(s.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_rightSplitter->restoreState(s.value(QStringLiteral("window/rightSplitter")).toByteArray());
    m_connectionBar->loadSettings(s);
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    s.setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    m_connectionBar->saveSettings(s);
}

void MainWindow::rememberEndpoint(const QString &endpoint)
{
    m_connectionBar->rememberEndpoint(endpoint);
    saveSettings();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Closing mid-operation asks: the operation is cancelled at its next safe point, and an
    // update cut off before its commit leaves the board as it was (the transfer resumes later).
    if (m_busy && m_opRecordPending) {
        if (!askConfirm(tr("Close Piton"),
                        tr("The %1 is still running. Closing cancels it; the board keeps what it already has "
                           "(an update can be resumed later).\n\nClose anyway?").arg(m_resume->title()))) {
            appendLog(LogLevel::Info, tr("close cancelled: %1 goes on").arg(m_resume->title()));
            event->ignore();
            return;
        }
        appendLog(LogLevel::Warning, tr("closing: cancelling %1").arg(m_resume->title()));
        m_worker->cancelJob();
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

// ---- injectable dialogs ------------------------------------------------------------------------

bool MainWindow::askConfirm(const QString &title, const QString &text)
{
    if (m_confirm)
        return m_confirm(title, text);
    return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
}

void MainWindow::warn(const QString &title, const QString &text)
{
    if (m_confirm)
        m_confirm(title, text);
    else
        QMessageBox::warning(this, title, text);
}

QString MainWindow::chooseFile(FileRole role)
{
    if (m_chooseFile)
        return m_chooseFile(role);
    switch (role) {
    case FileRole::OpenPackage:
        return QFileDialog::getOpenFileName(this, tr("Choose an update package"), QString(),
                                            tr("Update packages (*.ptpkg);;All files (*)"));
    case FileRole::SaveConfigBackup:
        return QFileDialog::getSaveFileName(this, tr("Save config backup"), QStringLiteral("config.ptcfg"),
                                            tr("Config backups (*.ptcfg);;All files (*)"));
    case FileRole::OpenConfigBackup:
        return QFileDialog::getOpenFileName(this, tr("Choose a config backup"), QString(),
                                            tr("Config backups (*.ptcfg);;All files (*)"));
    case FileRole::SaveLog:
        return QFileDialog::getSaveFileName(this, tr("Save log"), QStringLiteral("piton.log"),
                                            tr("Log files (*.log *.txt);;All files (*)"));
    case FileRole::SavePrivateKey:
        return QFileDialog::getSaveFileName(this, tr("Save the new private key"), QStringLiteral("signing-key.pem"),
                                            tr("PEM keys (*.pem);;All files (*)"));
    case FileRole::OpenPrivateKey:
        return QFileDialog::getOpenFileName(this, tr("Choose the private key to sign with"), QString(),
                                            tr("PEM keys (*.pem);;All files (*)"));
    case FileRole::OpenPublicKey:
        return QFileDialog::getOpenFileName(this, tr("Choose a public key"), QString(), tr("PEM keys (*.pem);;All files (*)"));
    case FileRole::OpenImage:
        return QFileDialog::getOpenFileName(this, tr("Choose an image"), QString(),
                                            tr("Images (*.hex *.ihex *.srec *.s19 *.s28 *.s37 *.mot *.elf *.axf *.dfu *.uf2 *.bin);;All files (*)"));
    case FileRole::SaveHistory:
        return QFileDialog::getSaveFileName(this, tr("Export board history"), QStringLiteral("board-history.jsonl"),
                                            tr("JSON Lines (*.jsonl);;All files (*)"));
    case FileRole::SavePackage:
        return QFileDialog::getSaveFileName(this, tr("Save the package"), QStringLiteral("update.ptpkg"),
                                            tr("Update packages (*.ptpkg);;All files (*)"));
    case FileRole::OpenBundle:
        return QFileDialog::getOpenFileName(this, tr("Choose a factory bundle"), QString(),
                                            tr("Factory bundles (*.ptfb);;All files (*)"));
    case FileRole::OpenRecipe:
        return QFileDialog::getOpenFileName(this, tr("Choose a recipe"), QString(), tr("Recipes (*.json);;All files (*)"));
    case FileRole::OpenCredential:
        return QFileDialog::getOpenFileName(this, tr("Choose a credential"), QString(),
                                            tr("Piton credentials (*.ptcred);;All files (*)"));
    case FileRole::OpenLineDatabase: // SQLite makes the file when it does not exist yet
        return QFileDialog::getSaveFileName(this, tr("Choose the line database"), QStringLiteral("line.db"),
                                            tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
                                            QFileDialog::DontConfirmOverwrite);
    }
    return {};
}

// ---- connection --------------------------------------------------------------------------------

bool MainWindow::showPage(const QString &name)
{
    static const QStringList pages{QStringLiteral("device"), QStringLiteral("configuration"), QStringLiteral("recover"),
                                   QStringLiteral("tools"), QStringLiteral("line"), QStringLiteral("keys")};
    const int index = int(pages.indexOf(name.toLower()));
    if (index < 0)
        return false;
    m_tabs->setCurrentIndex(index);
    return true;
}

void MainWindow::setPortLister(PortLister f)
{
    m_connectionBar->setPortLister(std::move(f));
}

void MainWindow::connectToUri(const QString &uri)
{
    m_connectionBar->setUri(uri);
    onConnectClicked();
}

void MainWindow::onConnectClicked()
{
    const QString uri = m_connectionBar->currentUri();
    if (uri == QLatin1String("tcp:") || uri == QLatin1String("serial:")) {
        const QString message = m_connectionBar->isNetwork() ? tr("Enter host:port of the device.")
                                                                 : tr("Choose a serial port or enter its path.");
        appendLog(LogLevel::Error, message);
        reportError(tr("Cannot connect"), message);
        return;
    }
    m_errorBanner->hide();
    statusBar()->showMessage(tr("Connecting to %1…").arg(uri));
    runBusy([uri](DeviceWorker *w) { w->connectTo(uri); });
}

void MainWindow::onDisconnectClicked()
{
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::disconnectDevice, Qt::QueuedConnection);
}

void MainWindow::onPingClicked()
{
    QMetaObject::invokeMethod(m_worker, &DeviceWorker::ping, Qt::QueuedConnection);
}

void MainWindow::onConnected(const DeviceSnapshot &snapshot)
{
    m_connected = true;
    m_busy = false;
    m_lastError.clear();
    QSettings().setValue(QStringLiteral("connection/last"), snapshot.uri);
    if (snapshot.uri.startsWith(QLatin1String("tcp:")))
        rememberEndpoint(snapshot.uri.mid(4));
    appendLog(LogLevel::Info, tr("connected to %1").arg(snapshot.uri));
    statusBar()->showMessage(tr("Connected to %1").arg(snapshot.uri));
    onSnapshot(snapshot);
    if (m_resume->state() != ResumeController::State::WaitingForDevice && snapshot.info.accessPolicy.value_or(false) &&
        snapshot.info.role.value_or(PT_ROLE_NONE) == PT_ROLE_NONE) {
        if (snapshot.info.accessKeyCount.value_or(1) == 0) {
            // No credential can help: say what the board refuses and why (once per connection).
            if (snapshot.info.linkKind.value_or(PT_LINK_NETWORK) == PT_LINK_NETWORK)
                warn(tr("Read-only board"), noAccessKeyText(snapshot.info));
        } else if ((snapshot.ping.has(PT_CAP_AUTH) || snapshot.ping.has(PT_CAP_AUTH_NONCE)) &&
                   (snapshot.info.linkKind.value_or(PT_LINK_NETWORK) == PT_LINK_NETWORK || snapshot.info.locked) &&
                   QSettings().value(QStringLiteral("access/credential")).toString().isEmpty() &&
                   qEnvironmentVariable("PITON_CREDENTIAL").isEmpty()) {
            // Only where the policy needs a session (a development board over serial/USB does not).
            askForCredential(snapshot.uri);
        }
    }
    m_resume->connected(); // offers to resume when it waited for this device
}

void MainWindow::openCredentialPrompt(const QString &refusal, std::function<void(const CredentialFile &, const QString &)> chosen,
                                      std::function<void()> declined)
{
    if (m_credentialPrompt) {
        m_credentialPrompt->disconnect(this); // replaced: its answer no longer counts
        m_credentialPrompt->close();
    }
    auto *prompt = new CredentialPrompt(tr("Credential needed"), refusal, [this] { return chooseFile(FileRole::OpenCredential); }, this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    m_credentialPrompt = prompt;
    connect(prompt, &CredentialPrompt::credentialChosen, this, [this, prompt, chosen](const QString &path) {
        auto loaded = loadCredentialFile(path);
        if (!loaded) {
            prompt->showProblem(loaded.error().message); // stays open for another file
            return;
        }
        prompt->disconnect(this);
        prompt->accept();
        chosen(loaded.value(), path);
    });
    connect(prompt, &QDialog::rejected, this, [declined] { declined(); });
    prompt->open(); // window-modal, no nested event loop: the window and the worker go on
    emit credentialPromptShown();
}

void MainWindow::askForCredential(const QString &uri)
{
    openCredentialPrompt(
        tr("This board enforces an access policy: changing it needs a session with a credential"),
        [this, uri](const CredentialFile &, const QString &path) {
            QSettings().setValue(QStringLiteral("access/credential"), path);
            appendLog(LogLevel::Info, tr("credential %1 chosen; connecting again").arg(path));
            connectToUri(uri);
        },
        [] {});
}

void MainWindow::onCredentialNeeded(const QString &title, const QString &refusal)
{
    appendLog(LogLevel::Warning, tr("%1 waits for a credential: %2").arg(title, refusal));
    openCredentialPrompt(
        tr("%1: the board refuses it without a credential. The board says: %2").arg(title, refusal),
        [this](const CredentialFile &credential, const QString &path) {
            // The window's credential from now on, as if chosen when connecting.
            QSettings().setValue(QStringLiteral("access/credential"), path);
            appendLog(LogLevel::Info, tr("credential %1 chosen; the operation goes on").arg(path));
            m_worker->provideCredential(credential); // thread-safe: wakes the waiting job
        },
        [this] {
            appendLog(LogLevel::Warning, tr("no credential given: cancelling"));
            m_progressPanel->setCancelling();
            m_worker->cancelJob(); // thread-safe: the job ends, nothing was changed
        });
}

void MainWindow::onConnectionFailed(const QString &message)
{
    if (m_resume->connectionFailed()) {
        // Still gone: keep waiting quietly (one line in the debug log per attempt).
        appendLog(LogLevel::Debug, tr("device not back yet: %1").arg(message));
        return;
    }
    m_connected = false;
    m_busy = false;
    appendLog(LogLevel::Error, tr("connection failed: %1").arg(message));
    reportError(tr("Connection failed"), message);
    clearDevice();
    m_recoverPage->setLadderLink(m_connectionBar->currentUri()); // the Recover page's ladder tries the ROM next
    updateEnabled();
    emit connectFailed(message);
}

void MainWindow::onDisconnected(const QString &reason)
{
    m_connected = false;
    m_busy = false;
    appendLog(LogLevel::Info, reason.isEmpty() ? tr("disconnected") : tr("disconnected: %1").arg(reason));
    statusBar()->showMessage(reason.isEmpty() ? tr("Not connected") : tr("Connection lost: %1").arg(reason));
    clearDevice();
    m_resume->disconnected(reason); // waits for the device when an operation was cut off
    updateEnabled();
}

// ---- a device that vanished during an operation ------------------------------------------------

void MainWindow::runOnWorker(std::function<void(DeviceWorker *)> call)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, call = std::move(call)] { call(w); }, Qt::QueuedConnection);
}

void MainWindow::runBusy(std::function<void(DeviceWorker *)> call)
{
    m_busy = true;
    updateEnabled();
    runOnWorker(std::move(call));
}

void MainWindow::startOperation(const QString &title, std::function<void(DeviceWorker *)> call, std::function<void()> again)
{
    if (!again)
        again = [this, title, call] { startOperation(title, call); };
    m_resume->operationStarted(title, m_snapshot.uri, std::move(again));
    m_progressPanel->resetCancelling();
    m_opRecordPending = true;
    m_opBoard = m_snapshot.info;
    m_opTimer.start();
    m_errorBanner->hide();
    runBusy(std::move(call));
}

void MainWindow::reportError(const QString &title, const QString &message)
{
    m_lastError = message;
    m_errorBanner->showError(title, message);
    statusBar()->showMessage(title + QStringLiteral(": ") + message);
    emit errorShown(title, message);
}

void MainWindow::recordOperation(const QString &title, const QString &result, const QString &message)
{
    if (!m_opRecordPending)
        return;
    m_opRecordPending = false;
    HistoryEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.user = BoardHistory::currentUser();
    e.host = QSysInfo::machineHostName();
    e.operation = title;
    e.link = m_resume->uri();
    e.boardId = m_opBoard.boardId;
    e.serialNumber = m_opBoard.serialNumber;
    e.result = result;
    e.message = message;
    e.durationMs = m_opTimer.isValid() ? m_opTimer.elapsed() : 0;
    if (const QString error = m_history.record(m_opBoard.uniqueId, e); !error.isEmpty())
        appendLog(LogLevel::Warning, tr("board history: %1").arg(error));
}

void MainWindow::onExportHistoryClicked()
{
    const QByteArray id = m_snapshot.info.uniqueId;
    const QString path = chooseFile(FileRole::SaveHistory);
    if (path.isEmpty())
        return;
    if (const QString error = m_history.exportTo(id, path); !error.isEmpty()) {
        appendLog(LogLevel::Error, error);
        reportError(tr("Export board history"), error);
        return;
    }
    appendLog(LogLevel::Info, tr("history of board %1 exported to %2").arg(QString::fromLatin1(id.toHex()), path));
}

void MainWindow::onRefreshClicked()
{
    if (!m_connected || m_busy)
        return;
    appendLog(LogLevel::Info, tr("refreshing the device state"));
    runOnWorker([](DeviceWorker *w) { w->refresh(); });
}

void MainWindow::showHelp()
{
    QMessageBox box(QMessageBox::Information, tr("Piton help"), WindowMenu::helpText(m_history.directory()),
                    QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("helpDialog"));
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox box(QMessageBox::NoIcon, tr("About Piton"), WindowMenu::aboutText(), QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("aboutDialog"));
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.exec();
}

bool MainWindow::confirmWithRegionsMarked(const QStringList &regions, const QString &title, const QString &text,
                                          const QString &cancelledLog)
{
    m_regionMap->setHighlighted(regions);
    if (askConfirm(title, text))
        return true;
    m_regionMap->setHighlighted({});
    appendLog(LogLevel::Info, cancelledLog);
    return false;
}

void MainWindow::onJobInterrupted(const QString &, const QString &message, bool deviceAnswers)
{
    m_resume->jobInterrupted(message, deviceAnswers);
    updateEnabled();
}

bool MainWindow::canResume() const
{
    return m_resume->canResume();
}

bool MainWindow::isWaitingForDevice() const
{
    return m_resume->state() == ResumeController::State::WaitingForDevice;
}

void MainWindow::onResumeClicked()
{
    m_resume->resume();
}

void MainWindow::onStopWaitingClicked()
{
    m_resume->dismiss();
    updateEnabled();
}

void MainWindow::onPinged(const PingInfo &ping, qint64 roundTripMs)
{
    appendLog(LogLevel::Info, tr("ping: %1 answers in %2 ms (protocol %3, window %4, max payload %5 bytes)")
                                  .arg(ping.stage == PT_STAGE_APPLICATION ? tr("application") : tr("bootloader"))
                                  .arg(roundTripMs).arg(ping.protocolVersion).arg(ping.window).arg(ping.maxPayload));
}

// ---- device panel ------------------------------------------------------------------------------

void MainWindow::clearDevice()
{
    m_snapshot = DeviceSnapshot();
    m_devicePage->clear();
    m_keysPage->showKeySet({}, false);
    m_regionMap->setRegions({});
    m_regionTable->setRowCount(0);
    for (QLineEdit *e : {m_ip, m_mask, m_gateway, m_usbProduct, m_serialNumber})
        e->clear();
    m_dhcp->setChecked(false);
    m_configError->clear();
    m_recoverPage->showNotConnected();
    m_tabs->setTabIcon(m_tabs->indexOf(m_recoverTab), QIcon());
}

void MainWindow::onSnapshot(const DeviceSnapshot &snapshot)
{
    m_snapshot = snapshot;
    showDevice();
    updateEnabled();
    // The Recover page (and its tab's warning sign) follows: the worker sends the diagnosis it
    // builds from this snapshot right after it.
    emit deviceShown();
}

void MainWindow::requestDiagnosis()
{
    if (m_connected)
        runOnWorker([](DeviceWorker *w) { w->diagnoseRecovery(); });
}

void MainWindow::onRecoveryDiagnosed(const RecoveryDiagnosis &diagnosis)
{
    if (!m_connected)
        return;
    m_recoverPage->showDiagnosis(diagnosis);
    m_tabs->setTabIcon(m_tabs->indexOf(m_recoverTab),
                       diagnosis.healthy() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_recoverTab), diagnosis.healthy() ? QString() : diagnosis.summary());
    emit recoveryDiagnosisShown();
}

void MainWindow::onRecoverRequested(const QString &packagePath, const QString &configBackupPath)
{
    if (!m_connected || m_busy)
        return;
    const RecoveryDiagnosis &d = m_recoverPage->diagnosis();
    if (d.plan(!packagePath.isEmpty(), !configBackupPath.isEmpty()).contains(RecoveryAction::DeployPackage)) {
        // The regions a deploy writes come from the package: the worker reads and judges it
        // (off the GUI thread) and keeps it for the recovery; the confirmation follows.
        m_pendingRecover = {packagePath, configBackupPath};
        runBusy([packagePath](DeviceWorker *w) { w->inspectPackage(packagePath); });
        return;
    }
    confirmRecovery(packagePath, configBackupPath, {});
}

void MainWindow::confirmRecovery(const QString &packagePath, const QString &configBackupPath, const QStringList &deployRegions)
{
    const RecoveryDiagnosis &d = m_recoverPage->diagnosis();
    const QList<RecoveryAction> plan = d.plan(!packagePath.isEmpty(), !configBackupPath.isEmpty());
    QStringList steps;
    QStringList touched;
    for (RecoveryAction a : plan) {
        switch (a) {
        case RecoveryAction::RestoreConfig:
            steps << tr("restore the config from %1").arg(configBackupPath);
            touched += regionNames(m_snapshot.regions, [](const Region &r) { return r.isConfig(); });
            break;
        case RecoveryAction::EraseStaging:
            steps << tr("erase the staging region");
            touched += regionNames(m_snapshot.regions, [](const Region &r) { return r.isStaging(); });
            break;
        case RecoveryAction::DeployPackage:
            steps << tr("deploy %1").arg(packagePath);
            touched += deployRegions;
            break;
        case RecoveryAction::StartApplication:
            steps << tr("reboot to start the application");
            break;
        }
    }
    touched.removeDuplicates();
    QString text = tr("Recover the board (%1):").arg(d.summary());
    for (int i = 0; i < steps.size(); ++i)
        text += QStringLiteral("\n%1. %2").arg(i + 1).arg(steps[i]);
    if (!touched.isEmpty())
        text += tr("\n\nRegions written: %1").arg(touched.join(QStringLiteral(", ")));
    if (!confirmWithRegionsMarked(touched, tr("Recover"), text, tr("recovery cancelled")))
        return;
    startOperation(tr("recovery"), [packagePath, configBackupPath, plan](DeviceWorker *w) { w->recover(packagePath, configBackupPath, plan); },
                   [this, packagePath, configBackupPath] { onRecoverRequested(packagePath, configBackupPath); });
}

void MainWindow::showDevice()
{
    m_devicePage->showDevice(m_snapshot);
    m_keysPage->showKeySet(m_snapshot.info, true);

    m_regionMap->setRegions(m_snapshot.regions);
    m_regionTable->setRowCount(int(m_snapshot.regions.size()));
    int row = 0;
    for (const Region &r : m_snapshot.regions) {
        const QStringList cells{r.name, hexAddress(r.address), hexAddress(r.address + r.size - 1),
                                formatSize(r.size), sectorText(r), regionFlagText(r)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 0)
                item->setBackground(RegionMap::colorFor(r));
            if (c == 3)
                item->setToolTip(tr("%1 bytes").arg(r.size));
            m_regionTable->setItem(row, c, item);
        }
        ++row;
    }
    m_regionTable->resizeColumnsToContents();

    const auto &cfg = m_snapshot.config;
    m_dhcp->setChecked(cfg.value(QStringLiteral("net.dhcp")) == "1");
    m_ip->setText(QString::fromUtf8(cfg.value(QStringLiteral("net.ip"))));
    m_mask->setText(QString::fromUtf8(cfg.value(QStringLiteral("net.mask"))));
    m_gateway->setText(QString::fromUtf8(cfg.value(QStringLiteral("net.gateway"))));
    m_usbProduct->setText(QString::fromUtf8(cfg.value(QStringLiteral("usb.product"))));
    m_serialNumber->setText(QString::fromUtf8(cfg.value(QStringLiteral("serial"))));
    m_configError->clear();
}

// ---- actions -----------------------------------------------------------------------------------

void MainWindow::onUpdateClicked()
{
    const QString path = chooseFile(FileRole::OpenPackage);
    if (!path.isEmpty())
        startUpdate(path);
}

void MainWindow::startUpdate(const QString &path)
{
    if (!m_connected || m_busy) {
        appendLog(LogLevel::Error, tr("Connect to a device before updating it."));
        reportError(tr("Update"), tr("Connect to a device before updating it."));
        return;
    }
    appendLog(LogLevel::Info, tr("checking package %1").arg(path));
    m_pendingDeploy = true;
    const QStringList keys = m_devicePage->updateKeyPaths();
    runBusy([path, keys](DeviceWorker *w) { w->inspectPackage(path, keys); });
}

QString MainWindow::describeManifest(const PackageSummary &s) const
{
    QString text = tr("Package: %1\nSize: %2 bytes\nSHA-256: %3\n\nBoard: %4\nVersion: %5\nSecurity counter: %6\n")
                       .arg(s.path).arg(s.fileSize).arg(QString::fromLatin1(s.sha256.toHex()))
                       .arg(s.manifest.boardId, versionToString(s.manifest.version))
                       .arg(s.manifest.securityCounter);
    for (const PayloadDescriptor &p : s.manifest.payloads) {
        const QString kind = p.kind == PayloadFirmware ? tr("firmware") : tr("application");
        if (p.encoding) {
            // An encoded payload programs more than the package carries: both sizes.
            const bool lz4 = p.encoding & PT_ENCODING_LZ4, aes = p.encoding & PT_ENCODING_AES_CTR;
            const QString stored = (lz4 && aes ? tr("%1 compressed and encrypted") : lz4 ? tr("%1 compressed") : tr("%1 encrypted"))
                                       .arg(formatSize(p.size));
            text += tr("Payload: %1 %2 → region %3 at offset %4, %5 image, %6")
                        .arg(kind, versionToString(p.version), p.region, hexAddress(p.loadOffset))
                        .arg(formatSize(p.imageSize), stored);
        } else {
            text += tr("Payload: %1 %2 → region %3 at offset %4, %5 bytes").arg(kind, versionToString(p.version), p.region,
                                                                            hexAddress(p.loadOffset)).arg(p.size);
        }
        if (p.requiresFirmware)
            text += tr(" (requires firmware %1)").arg(versionToString(p.requiresFirmware));
        text += QLatin1Char('\n');
    }
    if (!s.signer.isEmpty())
        text += tr("Signer: key %1, trusted by this board\n").arg(fingerprintHex(s.signer));
    else if (s.compatible)
        text += tr("Signer: not named in the package and no public key given: the board checks it after the package is sent\n");
    text += QLatin1Char('\n');
    text += s.compatible ? tr("Verdict: compatible with this device. Send it now?")
                         : tr("Verdict: NOT compatible: %1").arg(s.problem);
    return text;
}

void MainWindow::onPackageInspected(const PackageSummary &summary)
{
    if (m_pendingRecover) {
        const auto [packagePath, configBackupPath] = *m_pendingRecover;
        m_pendingRecover.reset();
        m_busy = false;
        updateEnabled();
        if (!summary.loaded) {
            reportError(tr("Cannot use this package"), summary.problem);
            appendLog(LogLevel::Error, tr("cannot use package: %1").arg(summary.problem));
            return;
        }
        confirmRecovery(packagePath, configBackupPath, summary.regionsWritten);
        return;
    }
    if (!m_pendingDeploy)
        return;
    m_pendingDeploy = false;
    m_busy = false;
    updateEnabled();
    if (!summary.loaded) {
        reportError(tr("Cannot use this package"), summary.problem);
        appendLog(LogLevel::Error, tr("cannot use package: %1").arg(summary.problem));
        warn(tr("Update"), tr("Cannot use this package:\n%1").arg(summary.problem));
        return;
    }
    appendLog(LogLevel::Info, tr("package %1: board %2, version %3; %4")
                                  .arg(summary.path, summary.manifest.boardId, versionToString(summary.manifest.version),
                                       summary.compatible ? tr("compatible") : tr("not compatible: %1").arg(summary.problem)));
    if (!summary.compatible) {
        reportError(tr("Update refused, nothing was sent"), summary.problem);
        warn(tr("Update"), describeManifest(summary));
        return;
    }
    const QStringList &touched = summary.regionsWritten;
    appendLog(LogLevel::Info, tr("the update will write regions: %1").arg(touched.join(QStringLiteral(", "))));
    // The verdict first: what cannot be undone is said before anything else.
    const QStringList &warnings = summary.warnings;
    for (const QString &w : warnings)
        appendLog(LogLevel::Warning, w);
    QString warningText;
    for (const QString &w : warnings)
        warningText += tr("Warning: %1.\n\n").arg(w);
    if (!confirmWithRegionsMarked(touched, tr("Update device"),
                                  warningText + describeManifest(summary) + tr("\n\nRegions written: %1").arg(touched.join(QStringLiteral(", "))),
                                  tr("update cancelled")))
        return;
    const QString path = summary.path;
    const QStringList keys = m_devicePage->updateKeyPaths();
    startOperation(tr("update with %1").arg(QFileInfo(path).fileName()), [path, keys](DeviceWorker *w) { w->deploy(path, keys); },
                   [this, path] { startUpdate(path); });
}

void MainWindow::onEraseClicked()
{
    const auto it = std::find_if(m_snapshot.regions.begin(), m_snapshot.regions.end(),
                                 [](const Region &r) { return r.name == QLatin1String(PT_REGION_NAME_DEPLOYMENT); });
    if (it == m_snapshot.regions.end())
        return;
    const Region r = *it;
    const QString text = tr("Erase region %1 (%2..%3, %4 = %5 bytes)?\nThe application stored there is lost.")
                             .arg(r.name, hexAddress(r.address), hexAddress(r.address + r.size - 1), formatSize(r.size))
                             .arg(r.size);
    if (!confirmWithRegionsMarked({r.name}, tr("Erase deployment"), text, tr("erase cancelled")))
        return;
    const QString name = r.name;
    startOperation(tr("erase %1").arg(name), [name](DeviceWorker *w) { w->eraseRegion(name); }, [this] { onEraseClicked(); });
}

void MainWindow::onBackupClicked()
{
    const QString path = chooseFile(FileRole::SaveConfigBackup);
    if (path.isEmpty())
        return;
    startOperation(tr("config backup"), [path](DeviceWorker *w) { w->backupConfig(path); });
}

void MainWindow::onRestoreClicked()
{
    const QString path = chooseFile(FileRole::OpenConfigBackup);
    if (!path.isEmpty())
        startRestore(path);
}

void MainWindow::startRestore(const QString &path)
{
    if (!m_connected || m_busy) {
        appendLog(LogLevel::Error, tr("Connect to a device before restoring its config."));
        reportError(tr("Restore config"), tr("Connect to a device before restoring its config."));
        return;
    }
    if (!confirmWithRegionsMarked(regionNames(m_snapshot.regions, [](const Region &r) { return r.isConfig(); }),
                                  tr("Restore config"), tr("Replace the device's whole config with %1?").arg(path),
                                  tr("restore cancelled")))
        return;
    startOperation(tr("config restore"), [path](DeviceWorker *w) { w->restoreConfig(path); });
}

void MainWindow::onApplyConfigClicked()
{
    const QList<QPair<QString, QByteArray>> form{
        {QStringLiteral("net.dhcp"), m_dhcp->isChecked() ? QByteArray("1") : QByteArray("0")},
        {QStringLiteral("net.ip"), m_ip->text().trimmed().toUtf8()},
        {QStringLiteral("net.mask"), m_mask->text().trimmed().toUtf8()},
        {QStringLiteral("net.gateway"), m_gateway->text().trimmed().toUtf8()},
        {QStringLiteral("usb.product"), m_usbProduct->text().toUtf8()},
        {QStringLiteral("serial"), m_serialNumber->text().trimmed().toUtf8()},
    };
    QList<QPair<QString, QByteArray>> changes;
    QStringList problems;
    for (const auto &[key, value] : form) {
        const QByteArray old = m_snapshot.config.value(key);
        // net.dhcp "0" and absent mean the same; an empty field deletes the entry.
        if (value == old || (key == QLatin1String("net.dhcp") && value == "0" && old.isEmpty()))
            continue;
        if (!value.isEmpty()) {
            if (auto ok = validateConfigEntry(key, value); !ok) {
                problems << ok.error().message;
                continue;
            }
        }
        changes.append({key, value});
    }
    if (!problems.isEmpty()) {
        m_lastError = problems.join(QLatin1Char('\n'));
        m_configError->setText(m_lastError);
        appendLog(LogLevel::Error, tr("settings not applied: %1").arg(problems.join(QStringLiteral("; "))));
        return;
    }
    m_configError->clear();
    if (changes.isEmpty()) {
        appendLog(LogLevel::Info, tr("settings unchanged"));
        return;
    }
    m_regionMap->setHighlighted(regionNames(m_snapshot.regions, [](const Region &r) { return r.isConfig(); }));
    startOperation(tr("config change"), [changes](DeviceWorker *w) { w->setConfig(changes); });
}

// Reboots are operations like the others: an interrupted reboot must never offer to resume
// whatever ran before it (it once re-ran a config restore).
void MainWindow::onRebootClicked()
{
    startOperation(tr("reboot"), [](DeviceWorker *w) { w->reboot(PT_REBOOT_NORMAL); });
}

void MainWindow::onRebootBootloaderClicked()
{
    startOperation(tr("reboot to the bootloader"), [](DeviceWorker *w) { w->reboot(PT_REBOOT_BOOTLOADER); });
}

void MainWindow::onCancelClicked()
{
    appendLog(LogLevel::Warning, tr("cancelling…"));
    m_progressPanel->setCancelling();
    m_worker->cancelJob(); // thread-safe: Job::cancel
}

// ---- job feedback ------------------------------------------------------------------------------

void MainWindow::onJobStarted(const QString &title)
{
    m_errorBanner->hide();
    m_progressPanel->jobStarted(title);
    appendLog(LogLevel::Info, tr("started: %1").arg(title));
}

void MainWindow::onJobProgress(const JobProgress &p)
{
    m_progressPanel->showProgress(p);
    emit progressShown(p);
}

void MainWindow::onJobFinished(const QString &title, bool ok, const QString &message)
{
    m_regionMap->setHighlighted({});
    const bool interrupted = m_resume->wasInterrupted();
    m_resume->jobFinished(ok);
    const bool cancelled = m_progressPanel->jobFinished(title, ok);
    if (ok) {
        m_lastError.clear();
        appendLog(LogLevel::Info, tr("done: %1").arg(title));
        statusBar()->showMessage(tr("Done: %1").arg(title));
        recordOperation(title, QStringLiteral("ok"), QString());
    } else if (cancelled) {
        m_lastError = message;
        appendLog(LogLevel::Warning, tr("cancelled: %1: %2").arg(title, message));
        statusBar()->showMessage(tr("Cancelled: %1").arg(title));
        recordOperation(title, QStringLiteral("cancelled"), message);
    } else {
        appendLog(LogLevel::Error, tr("failed: %1: %2").arg(title, message));
        reportError(tr("Failed: %1").arg(title), message);
        recordOperation(title, interrupted ? QStringLiteral("interrupted") : QStringLiteral("failed"), message);
    }
    updateEnabled();
    emit jobDone(title, ok);
}

void MainWindow::onFailed(const QString &operation, const QString &message)
{
    m_busy = false;
    appendLog(LogLevel::Error, tr("%1 failed: %2").arg(operation, message));
    reportError(tr("Failed: %1").arg(m_opRecordPending ? m_resume->title() : operation), message);
    recordOperation(m_resume->title(), QStringLiteral("failed"), message);
    updateEnabled();
    emit jobDone(operation, false);
}

void MainWindow::onBusyChanged(bool busy)
{
    m_busy = busy;
    updateEnabled();
}

// ---- log ---------------------------------------------------------------------------------------

void MainWindow::appendLog(LogLevel level, const QString &text)
{
    m_log->append(level, text);
}

void MainWindow::onSaveLogClicked()
{
    const QString path = chooseFile(FileRole::SaveLog);
    if (path.isEmpty())
        return;
    const QString error = m_log->saveVisible(path);
    if (!error.isEmpty()) {
        appendLog(LogLevel::Error, error);
        reportError(tr("Save log"), error);
        return;
    }
    appendLog(LogLevel::Info, tr("log saved to %1").arg(path));
}

// ---- drag and drop -----------------------------------------------------------------------------

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && m_connected && !m_busy)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}

void MainWindow::openFile(const QString &path)
{
    QFile f(path);
    // The magic decides (docs/config-format.md "PTCF", docs/package-format.md "PTPK").
    if (f.open(QIODevice::ReadOnly) && f.read(4) == "PTCF")
        startRestore(path);
    else
        startUpdate(path);
}

} // namespace piton::gui
