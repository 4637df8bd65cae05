#include "main_window.h"

#include "config/config_blob.h"
#include "jobs/deploy_job.h"
#include "package/keys.h"
#include "error_banner.h"
#include "file_field.h"
#include "line_page.h"
#include "log_console.h"
#include "package_tools_page.h"
#include "recover_page.h"
#include "region_map.h"
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

constexpr int MaxRecentEndpoints = 8;

QString optionalVersion(const std::optional<quint32> &v)
{
    return v ? versionToString(*v) : MainWindow::tr("none");
}

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
    m_thread.start();

    loadSettings();
    refreshSerialPorts();
    clearDevice();
    updateEnabled();
}

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

    // Connection bar
    // The connection bar: a row without a group title, so the pages and the log keep the room.
    auto *connBox = new QWidget;
    connBox->setObjectName(QStringLiteral("connectionBar"));
    auto *conn = new QHBoxLayout(connBox);
    conn->setContentsMargins(0, 0, 0, 0);
    m_transportLabel = new QLabel(tr("Transport:"));
    m_transport = new QComboBox;
    m_transport->setObjectName(QStringLiteral("transport"));
    m_transport->addItem(tr("Serial"));
    m_transport->addItem(tr("Network"));
    m_transport->addItem(tr("USB"));
    m_endpointStack = new QStackedWidget;
    auto *serialPage = new QWidget;
    auto *serialRow = new QHBoxLayout(serialPage);
    serialRow->setContentsMargins(0, 0, 0, 0);
    m_serialPort = new QComboBox;
    m_serialPort->setObjectName(QStringLiteral("serialPort"));
    m_serialPort->setEditable(true);
    m_serialPort->setMinimumContentsLength(22);
    m_serialPort->lineEdit()->setPlaceholderText(tr("port or path, e.g. /dev/ttyUSB0"));
    m_refreshPorts = new QPushButton(tr("Rescan"));
    m_refreshPorts->setToolTip(tr("List the serial ports again"));
    serialRow->addWidget(m_serialPort, 1);
    serialRow->addWidget(m_refreshPorts);
    m_networkEndpoint = new QComboBox;
    m_networkEndpoint->setObjectName(QStringLiteral("networkEndpoint"));
    m_networkEndpoint->setEditable(true);
    m_networkEndpoint->setMinimumContentsLength(22);
    m_networkEndpoint->lineEdit()->setPlaceholderText(tr("host:port, e.g. 192.168.1.20:4000"));
    m_usbDevice = new QComboBox;
    m_usbDevice->setObjectName(QStringLiteral("usbDevice"));
    m_usbDevice->setEditable(true);
    m_usbDevice->setMinimumContentsLength(22);
    m_usbDevice->lineEdit()->setPlaceholderText(tr("usb: selector, e.g. usb:?serial=PT-0001 or usb:?path=1-1.2"));
    m_usbDevice->setToolTip(tr("Piton boards on USB (known VID:PID list); identify a board by its serial number or by the socket it is plugged into"));
    m_endpointStack->addWidget(serialPage);
    m_endpointStack->addWidget(m_networkEndpoint);
    m_endpointStack->addWidget(m_usbDevice);
    m_connectButton = new QPushButton(tr("Connect"));
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);
    m_disconnectButton = new QPushButton(tr("Disconnect"));
    m_disconnectButton->setObjectName(QStringLiteral("disconnectButton"));
    m_pingButton = new QPushButton(tr("Ping"));
    m_pingButton->setObjectName(QStringLiteral("pingButton"));
    conn->addWidget(m_transportLabel);
    conn->addWidget(m_transport);
    conn->addWidget(m_endpointStack, 1);
    conn->addWidget(m_connectButton);
    conn->addWidget(m_disconnectButton);
    conn->addWidget(m_pingButton);
    outer->addWidget(connBox);

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
    auto *left = new QWidget;
    auto *leftCol = new QVBoxLayout(left);

    auto *devBox = new QGroupBox(tr("Device"));
    auto *dev = new QFormLayout(devBox);
    dev->setRowWrapPolicy(QFormLayout::WrapLongRows); // long labels (German) put the value below
    m_stageLabel = new QLabel;
    m_stageLabel->setObjectName(QStringLiteral("stageLabel"));
    m_stageLabel->setAlignment(Qt::AlignCenter);
    m_stageLabel->setMinimumHeight(32);
    QFont stageFont = m_stageLabel->font();
    stageFont.setBold(true);
    stageFont.setPointSizeF(stageFont.pointSizeF() * 1.25);
    m_stageLabel->setFont(stageFont);
    dev->addRow(m_stageLabel);
    const auto value = [](const char *name) {
        auto *l = new QLabel;
        l->setObjectName(QLatin1String(name));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    m_board = value("boardLabel");
    m_serial = value("serialLabel");
    m_uniqueId = value("uniqueIdLabel");
    m_versions = value("versionsLabel");
    m_locked = value("lockedLabel");
    m_access = value("accessLabel");
    m_keys = value("keysLabel");
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_keys->setFont(mono);
    m_uniqueId->setFont(mono);
    dev->addRow(tr("Board:"), m_board);
    dev->addRow(tr("Serial number:"), m_serial);
    dev->addRow(tr("Unique id:"), m_uniqueId);
    dev->addRow(tr("Versions:"), m_versions);
    dev->addRow(tr("Locked:"), m_locked);
    dev->addRow(tr("Access:"), m_access);
    dev->addRow(tr("Trusted keys:"), m_keys);
    leftCol->addWidget(devBox);

    auto *actBox = new QGroupBox(tr("Actions"));
    auto *act = new QGridLayout(actBox);
    const auto button = [](const QString &text, const char *name) {
        auto *b = new QPushButton(text);
        b->setObjectName(QLatin1String(name));
        return b;
    };
    m_updateButton = button(tr("Update…"), "updateButton");
    m_updateButton->setToolTip(tr("Choose an update package (.ptpkg) or drop one on the window"));
    m_eraseButton = button(tr("Erase deployment…"), "eraseButton");
    m_backupButton = button(tr("Back up config…"), "backupButton");
    m_restoreButton = button(tr("Restore config…"), "restoreButton");
    m_rebootButton = button(tr("Reboot"), "rebootButton");
    m_rebootBootloaderButton = button(tr("Reboot to bootloader"), "rebootBootloaderButton");
    act->addWidget(m_updateButton, 0, 0);
    act->addWidget(m_eraseButton, 0, 1);
    act->addWidget(m_backupButton, 1, 0);
    act->addWidget(m_restoreButton, 1, 1);
    act->addWidget(m_rebootButton, 2, 0);
    act->addWidget(m_rebootBootloaderButton, 2, 1);
    // Packages name their signer; for older ones the user can give the signer's public key, so
    // that an untrusted signer is refused before anything is sent.
    auto *keyLabel = new QLabel(tr("Signer's public key (for packages that do not name it):"));
    keyLabel->setWordWrap(true);
    act->addWidget(keyLabel, 3, 0, 1, 2);
    act->addWidget(makeFileField("updateKeyEdit", tr("optional: public key .pem"), FileRole::OpenPublicKey,
                                 [this](FileRole role) { return chooseFile(role); }, &m_updateKey),
                   4, 0, 1, 2);
    leftCol->addWidget(actBox);
    leftCol->addStretch(1);
    m_tabs->addTab(scrollable(left), tr("&Device"));

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
    m_applyConfig = button(tr("Apply settings"), "applyConfigButton");
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

    auto *progBox = new QGroupBox(tr("Progress"));
    auto *prog = new QGridLayout(progBox);
    m_phaseLabel = new QLabel(tr("idle"));
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
    m_cancelButton = button(tr("Cancel"), "cancelButton");
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
    progBox->setMaximumHeight(progBox->sizeHint().height()); // the splitter gives the rest to map and log
    right->addWidget(progBox);

    auto *logBox = new QGroupBox(tr("Log"));
    auto *logCol = new QVBoxLayout(logBox);
    m_log = new LogConsole;
    m_log->setObjectName(QStringLiteral("logConsole"));
    logCol->addWidget(m_log, 1);
    right->addWidget(logBox);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 0);
    right->setStretchFactor(2, 2);
    right->setSizes({330, progBox->sizeHint().height(), 300});
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({450, 730}); // room for the four page tabs and the Recover page's file fields

    setCentralWidget(central);
    statusBar()->showMessage(tr("Not connected"));

    connect(m_transport, &QComboBox::currentIndexChanged, this, &MainWindow::onTransportChanged);
    connect(m_refreshPorts, &QPushButton::clicked, this, &MainWindow::refreshSerialPorts);
    connect(m_connectButton, &QPushButton::clicked, this, &MainWindow::onConnectClicked);
    connect(m_disconnectButton, &QPushButton::clicked, this, &MainWindow::onDisconnectClicked);
    connect(m_pingButton, &QPushButton::clicked, this, &MainWindow::onPingClicked);
    connect(m_updateButton, &QPushButton::clicked, this, &MainWindow::onUpdateClicked);
    connect(m_eraseButton, &QPushButton::clicked, this, &MainWindow::onEraseClicked);
    connect(m_backupButton, &QPushButton::clicked, this, &MainWindow::onBackupClicked);
    connect(m_restoreButton, &QPushButton::clicked, this, &MainWindow::onRestoreClicked);
    connect(m_applyConfig, &QPushButton::clicked, this, &MainWindow::onApplyConfigClicked);
    connect(m_rebootButton, &QPushButton::clicked, this, &MainWindow::onRebootClicked);
    connect(m_rebootBootloaderButton, &QPushButton::clicked, this, &MainWindow::onRebootBootloaderClicked);
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::onCancelClicked);
    connect(m_log, &LogConsole::saveRequested, this, &MainWindow::onSaveLogClicked);
    connect(m_resumeButton, &QPushButton::clicked, this, &MainWindow::onResumeClicked);
    connect(m_stopWaitingButton, &QPushButton::clicked, this, &MainWindow::onStopWaitingClicked);
    connect(m_recoverPage, &RecoverPage::diagnoseRequested, this, &MainWindow::requestDiagnosis);
    connect(m_recoverPage, &RecoverPage::recoverRequested, this, &MainWindow::onRecoverRequested);
    connect(m_toolsPage, &PackageToolsPage::logMessage, this, &MainWindow::appendLog);

    m_returnTimer = new QTimer(this);
    m_returnTimer->setInterval(ReturnProbeIntervalMs);
    connect(m_returnTimer, &QTimer::timeout, this, &MainWindow::probeReturn);
    // Serial ports come and go (USB adapters, boards re-enumerating): watch the list.
    m_portTimer = new QTimer(this);
    m_portTimer->setInterval(PortWatchIntervalMs);
    connect(m_portTimer, &QTimer::timeout, this, &MainWindow::refreshSerialPorts);
    m_portTimer->start();
    // USB boards come and go too: libusb hotplug where it works, polling otherwise.
    m_usbWatcher = new UsbDeviceWatcher(this);
    connect(m_usbWatcher, &UsbDeviceWatcher::devicesChanged, this, &MainWindow::showUsbDevices);
    connect(m_usbWatcher, &UsbDeviceWatcher::deviceArrived, this, [this](const UsbDeviceEntry &e) {
        appendLog(LogLevel::Info, tr("USB board appeared: %1 (%2)").arg(e.uri, e.product));
    });
    connect(m_usbWatcher, &UsbDeviceWatcher::deviceLeft, this, [this](const UsbDeviceEntry &e) {
        appendLog(LogLevel::Info, tr("USB board gone: %1").arg(e.uri));
    });
    connect(m_usbWatcher, &UsbDeviceWatcher::errorOccurred, this, [this](const Error &e) {
        appendLog(LogLevel::Warning, tr("USB: %1").arg(e.message));
    });
    connect(m_dhcp, &QCheckBox::toggled, this, [this] { updateEnabled(); });

    // Enter in the endpoint field connects.
    for (QComboBox *box : {m_serialPort, m_networkEndpoint, m_usbDevice})
        connect(box->lineEdit(), &QLineEdit::returnPressed, this, [this] {
            if (m_connectButton->isEnabled())
                onConnectClicked();
        });

    m_menu = new WindowMenu(this);
    connect(m_menu, &WindowMenu::connectRequested, this, [this] {
        if (m_connectButton->isEnabled())
            onConnectClicked();
    });
    connect(m_menu, &WindowMenu::disconnectRequested, this, [this] {
        if (m_disconnectButton->isEnabled())
            onDisconnectClicked();
    });
    connect(m_menu, &WindowMenu::refreshRequested, this, &MainWindow::onRefreshClicked);
    connect(m_menu, &WindowMenu::updateRequested, this, [this] {
        if (m_updateButton->isEnabled())
            onUpdateClicked();
    });
    connect(m_menu, &WindowMenu::cancelRequested, this, [this] {
        if (m_cancelButton->isEnabled())
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
    const bool idle = !m_busy;
    const bool ready = m_connected && idle;
    m_transport->setEnabled(idle && !m_connected);
    m_endpointStack->setEnabled(idle && !m_connected);
    m_connectButton->setEnabled(idle && !m_connected);
    m_disconnectButton->setEnabled(m_connected && idle);
    m_pingButton->setEnabled(ready);
    m_updateButton->setEnabled(ready);
    const bool hasDeployment = std::any_of(m_snapshot.regions.begin(), m_snapshot.regions.end(),
                                           [](const Region &r) { return r.name == QLatin1String(PT_REGION_NAME_DEPLOYMENT); });
    m_eraseButton->setEnabled(ready && hasDeployment);
    m_backupButton->setEnabled(ready);
    m_restoreButton->setEnabled(ready);
    m_rebootButton->setEnabled(ready);
    m_rebootBootloaderButton->setEnabled(ready);
    for (QWidget *w : {static_cast<QWidget *>(m_dhcp), static_cast<QWidget *>(m_usbProduct),
                       static_cast<QWidget *>(m_serialNumber), static_cast<QWidget *>(m_applyConfig)})
        w->setEnabled(ready);
    for (QLineEdit *e : {m_ip, m_mask, m_gateway})
        e->setEnabled(ready && !m_dhcp->isChecked());
    m_cancelButton->setEnabled(m_busy && m_connected);
    m_recoverPage->setIdle(ready);
    m_resumeButton->setEnabled(canResume());
    m_menu->connectAction()->setEnabled(m_connectButton->isEnabled());
    m_menu->disconnectAction()->setEnabled(m_disconnectButton->isEnabled());
    m_menu->refreshAction()->setEnabled(ready);
    m_menu->updateAction()->setEnabled(ready);
    m_menu->cancelAction()->setEnabled(m_cancelButton->isEnabled());
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
    const QStringList recent = s.value(QStringLiteral("connection/recentEndpoints")).toStringList();
    m_networkEndpoint->addItems(recent);
    const QString last = s.value(QStringLiteral("connection/last")).toString();
    if (last.startsWith(QLatin1String("usb:"))) {
        m_transport->setCurrentIndex(2);
        m_usbDevice->setEditText(last);
    } else if (last.startsWith(QLatin1String("tcp:"))) {
        m_transport->setCurrentIndex(1);
        m_networkEndpoint->setEditText(last.mid(4));
    } else if (last.startsWith(QLatin1String("serial:"))) {
        m_transport->setCurrentIndex(0);
        m_serialPort->setEditText(last.mid(7));
    }
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    s.setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    QStringList recent;
    for (int i = 0; i < m_networkEndpoint->count(); ++i)
        recent << m_networkEndpoint->itemText(i);
    s.setValue(QStringLiteral("connection/recentEndpoints"), recent);
}

void MainWindow::rememberEndpoint(const QString &endpoint)
{
    const int existing = m_networkEndpoint->findText(endpoint);
    if (existing >= 0)
        m_networkEndpoint->removeItem(existing);
    m_networkEndpoint->insertItem(0, endpoint);
    while (m_networkEndpoint->count() > MaxRecentEndpoints)
        m_networkEndpoint->removeItem(m_networkEndpoint->count() - 1);
    m_networkEndpoint->setCurrentIndex(0);
    saveSettings();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Closing mid-operation asks: the operation is cancelled at its next safe point, and an
    // update cut off before its commit leaves the board as it was (the transfer resumes later).
    if (m_busy && m_opRecordPending) {
        if (!askConfirm(tr("Close Piton"),
                        tr("The %1 is still running. Closing cancels it; the board keeps what it already has "
                           "(an update can be resumed later).\n\nClose anyway?").arg(m_opTitle))) {
            appendLog(LogLevel::Info, tr("close cancelled: %1 goes on").arg(m_opTitle));
            event->ignore();
            return;
        }
        appendLog(LogLevel::Warning, tr("closing: cancelling %1").arg(m_opTitle));
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
    case FileRole::OpenLineDatabase: // SQLite makes the file when it does not exist yet
        return QFileDialog::getSaveFileName(this, tr("Choose the line database"), QStringLiteral("line.db"),
                                            tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
                                            QFileDialog::DontConfirmOverwrite);
    }
    return {};
}

// ---- connection --------------------------------------------------------------------------------

void MainWindow::refreshSerialPorts()
{
    const QList<SerialPortEntry> ports = m_listPorts ? m_listPorts() : listSerialPorts();
    QStringList paths;
    for (const SerialPortEntry &p : ports)
        paths << p.path;
    if (m_portsListed && paths == m_portPaths)
        return; // nothing came or went: leave the list (and an open popup) alone
    const QStringList gone = QSet<QString>(m_portPaths.begin(), m_portPaths.end()).subtract(QSet<QString>(paths.begin(), paths.end())).values();
    const QStringList added = QSet<QString>(paths.begin(), paths.end()).subtract(QSet<QString>(m_portPaths.begin(), m_portPaths.end())).values();
    const bool first = !m_portsListed;
    m_portsListed = true;
    m_portPaths = paths;
    const QString typed = m_serialPort->currentText();
    m_serialPort->clear();
    for (const SerialPortEntry &p : ports) {
        // The item text is the path: choosing an item puts it into the editable field.
        QStringList details;
        if (!p.description.isEmpty())
            details << p.description;
        if (p.hasVidPid)
            details << QStringLiteral("%1:%2").arg(p.vid, 4, 16, QLatin1Char('0')).arg(p.pid, 4, 16, QLatin1Char('0'));
        if (!p.serialNumber.isEmpty())
            details << tr("serial %1").arg(p.serialNumber);
        m_serialPort->addItem(details.isEmpty() ? p.path : QStringLiteral("%1 — %2").arg(p.path, details.join(QStringLiteral(", "))), p.path);
        m_serialPort->setItemData(m_serialPort->count() - 1, details.join(QLatin1Char('\n')), Qt::ToolTipRole);
    }
    m_serialPort->setEditText(typed);
    if (!first) {
        for (const QString &p : added)
            appendLog(LogLevel::Info, tr("serial port appeared: %1").arg(p));
        for (const QString &p : gone)
            appendLog(LogLevel::Info, tr("serial port gone: %1").arg(p));
    }
    emit serialPortsChanged();
}

bool MainWindow::showPage(const QString &name)
{
    static const QStringList pages{QStringLiteral("device"), QStringLiteral("configuration"), QStringLiteral("recover"),
                                   QStringLiteral("tools"), QStringLiteral("line")};
    const int index = int(pages.indexOf(name.toLower()));
    if (index < 0)
        return false;
    m_tabs->setCurrentIndex(index);
    return true;
}

void MainWindow::setPortLister(PortLister f)
{
    m_listPorts = std::move(f);
    refreshSerialPorts();
}

void MainWindow::onTransportChanged(int index)
{
    m_endpointStack->setCurrentIndex(index);
    // Enumerate USB only while the USB transport is chosen (opening devices to read their
    // strings is not free).
    if (index == 2)
        m_usbWatcher->start();
    else
        m_usbWatcher->stop();
}

void MainWindow::showUsbDevices(const QList<UsbDeviceEntry> &devices)
{
    const QString typed = m_usbDevice->currentText();
    m_usbDevice->clear();
    for (const UsbDeviceEntry &d : devices) {
        QStringList details;
        if (!d.product.isEmpty())
            details << d.product;
        if (!d.serial.isEmpty())
            details << tr("serial %1").arg(d.serial);
        details << tr("port %1").arg(d.portPath);
        if (!d.accessible)
            details << tr("no access: see docs/usb.md (udev rules)");
        m_usbDevice->addItem(QStringLiteral("%1 — %2").arg(d.uri, details.join(QStringLiteral(", "))), d.uri);
    }
    m_usbDevice->setEditText(typed);
}

QString MainWindow::currentUri() const
{
    if (m_transport->currentIndex() == 1)
        return QStringLiteral("tcp:") + m_networkEndpoint->currentText().trimmed();
    if (m_transport->currentIndex() == 2) {
        const QString text = m_usbDevice->currentText().trimmed();
        const int item = m_usbDevice->findText(text);
        if (item >= 0)
            return m_usbDevice->itemData(item).toString();
        return text.startsWith(QLatin1String("usb:")) ? text : QStringLiteral("usb:") + text;
    }
    // A listed port shows "PATH — description"; its item data holds the bare path.
    const QString text = m_serialPort->currentText().trimmed();
    const int item = m_serialPort->findText(text);
    if (item >= 0 && !m_serialPort->itemData(item).toString().isEmpty())
        return QStringLiteral("serial:") + m_serialPort->itemData(item).toString();
    return QStringLiteral("serial:") + text;
}

void MainWindow::connectToUri(const QString &uri)
{
    if (uri.startsWith(QLatin1String("usb:"))) {
        m_transport->setCurrentIndex(2);
        m_usbDevice->setEditText(uri);
    } else if (uri.startsWith(QLatin1String("tcp:"))) {
        m_transport->setCurrentIndex(1);
        m_networkEndpoint->setEditText(uri.mid(4));
    } else {
        m_transport->setCurrentIndex(0);
        m_serialPort->setEditText(uri.startsWith(QLatin1String("serial:")) ? uri.mid(7) : uri);
    }
    onConnectClicked();
}

void MainWindow::onConnectClicked()
{
    const QString uri = currentUri();
    if (uri == QLatin1String("tcp:") || uri == QLatin1String("serial:")) {
        const QString message = m_transport->currentIndex() == 1 ? tr("Enter host:port of the device.")
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
    const bool returned = m_waitingForDevice;
    m_probing = false;
    m_connected = true;
    m_busy = false;
    m_lastError.clear();
    QSettings().setValue(QStringLiteral("connection/last"), snapshot.uri);
    if (snapshot.uri.startsWith(QLatin1String("tcp:")))
        rememberEndpoint(snapshot.uri.mid(4));
    appendLog(LogLevel::Info, tr("connected to %1").arg(snapshot.uri));
    statusBar()->showMessage(tr("Connected to %1").arg(snapshot.uri));
    onSnapshot(snapshot);
    if (returned)
        offerResume(tr("The device is back. Resume the interrupted %1?").arg(m_opTitle));
    else if (snapshot.info.accessPolicy.value_or(false) && snapshot.info.role.value_or(PT_ROLE_NONE) == PT_ROLE_NONE &&
             snapshot.ping.has(PT_CAP_AUTH) && QSettings().value(QStringLiteral("access/credential")).toString().isEmpty())
        askForCredential(snapshot.uri);
}

void MainWindow::askForCredential(const QString &uri)
{
    if (QMessageBox::question(this, tr("Credential needed"),
                              tr("This board enforces an access policy: changing it needs a session with a credential "
                                 "(a .ptcred file from piton-cli access issue). Choose a credential now?"))
        != QMessageBox::Yes)
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a credential"), QString(),
                                                      tr("Piton credentials (*.ptcred);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("access/credential"), path);
    appendLog(LogLevel::Info, tr("credential %1 chosen; connecting again").arg(path));
    connectToUri(uri);
}

void MainWindow::onConnectionFailed(const QString &message)
{
    if (m_probing) {
        // Still gone: keep waiting quietly (one line in the debug log per attempt).
        m_probing = false;
        appendLog(LogLevel::Debug, tr("device not back yet: %1").arg(message));
        return;
    }
    m_connected = false;
    m_busy = false;
    appendLog(LogLevel::Error, tr("connection failed: %1").arg(message));
    reportError(tr("Connection failed"), message);
    clearDevice();
    m_recoverPage->setLadderLink(currentUri()); // the Recover page's ladder tries the ROM next
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
    if (reason.isEmpty()) {
        // The user disconnected: nothing to wait for.
        stopWaitingForDevice();
    } else if (m_opInterrupted && m_opAgain && !m_opUri.isEmpty()) {
        startWaitingForDevice(reason);
    }
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
    m_opTitle = title;
    m_opUri = m_snapshot.uri;
    m_opAgain = std::move(again);
    m_opInterrupted = false;
    m_cancelling = false;
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
    e.link = m_opUri;
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

void MainWindow::onJobInterrupted(const QString &title, const QString &message, bool deviceAnswers)
{
    if (!m_opAgain)
        return;
    m_opInterrupted = true;
    appendLog(LogLevel::Warning, tr("%1 interrupted: %2").arg(title, message));
    if (deviceAnswers)
        offerResume(tr("The %1 was interrupted (%2), and the device answers again. Resume it?").arg(m_opTitle, message));
    // else: disconnected() follows and the window waits for the device.
}

void MainWindow::offerResume(const QString &text)
{
    m_returnTimer->stop();
    m_waitingForDevice = false;
    m_deviceBack = true;
    m_returnLabel->setText(text);
    m_returnBar->show();
    appendLog(LogLevel::Info, tr("the interrupted %1 can be resumed").arg(m_opTitle));
    updateEnabled();
    emit deviceReturned(m_opTitle);
}

bool MainWindow::canResume() const
{
    return m_deviceBack && m_connected && !m_busy && bool(m_opAgain);
}

void MainWindow::startWaitingForDevice(const QString &reason)
{
    m_waitingForDevice = true;
    m_deviceBack = false;
    m_returnLabel->setText(tr("The device disappeared during the %1 (%2). Waiting for it to come back…").arg(m_opTitle, reason));
    m_returnBar->show();
    appendLog(LogLevel::Warning, tr("device lost during the %1; waiting for %2 to come back").arg(m_opTitle, m_opUri));
    m_returnTimer->start();
}

void MainWindow::stopWaitingForDevice()
{
    m_returnTimer->stop();
    m_waitingForDevice = false;
    m_deviceBack = false;
    m_returnBar->hide();
}

void MainWindow::probeReturn()
{
    if (m_connected || m_busy || m_probing || !m_waitingForDevice)
        return;
    m_probing = true;
    const QString uri = m_opUri;
    runOnWorker([uri](DeviceWorker *w) { w->connectTo(uri, 1500); });
}

void MainWindow::onResumeClicked()
{
    if (!canResume())
        return;
    const auto again = m_opAgain;
    stopWaitingForDevice();
    appendLog(LogLevel::Info, tr("resuming the %1").arg(m_opTitle));
    again();
}

void MainWindow::onStopWaitingClicked()
{
    stopWaitingForDevice();
    m_opAgain = nullptr;
    m_opInterrupted = false;
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
    m_stageLabel->setText(tr("Not connected"));
    m_stageLabel->setStyleSheet(QStringLiteral("QLabel { background: #e0e0e0; color: #424242; border-radius: 4px; padding: 4px; }"));
    for (QLabel *l : {m_board, m_serial, m_uniqueId, m_versions, m_locked, m_keys})
        l->setText(QStringLiteral("–"));
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
    // Keep the Recover page (and its tab's warning sign) current: a few requests on the worker.
    requestDiagnosis();
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
        case RecoveryAction::DeployPackage: {
            steps << tr("deploy %1").arg(packagePath);
            PackageSummary summary;
            if (auto p = Package::load(packagePath))
                summary.manifest = p->manifest;
            touched += regionsTouchedByUpdate(summary);
            break;
        }
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
    startOperation(tr("recovery"), [packagePath, configBackupPath](DeviceWorker *w) { w->recover(packagePath, configBackupPath); },
                   [this, packagePath, configBackupPath] { onRecoverRequested(packagePath, configBackupPath); });
}

void MainWindow::showDevice()
{
    const DeviceInfo &i = m_snapshot.info;
    const int stage = i.stage ? i.stage : m_snapshot.ping.stage;
    if (stage == PT_STAGE_APPLICATION) {
        m_stageLabel->setText(tr("Application"));
        m_stageLabel->setStyleSheet(QStringLiteral("QLabel { background: #2e7d32; color: white; border-radius: 4px; padding: 4px; }"));
    } else {
        m_stageLabel->setText(tr("Bootloader (recovery mode)"));
        m_stageLabel->setStyleSheet(QStringLiteral("QLabel { background: #e65100; color: white; border-radius: 4px; padding: 4px; }"));
    }
    m_board->setText(i.boardId);
    m_serial->setText(i.serialNumber.isEmpty() ? tr("(not set)") : i.serialNumber);
    // 16 bytes in monospace do not fit a narrow column: allow a line break after 8 (a zero-width
    // space, so the id is not clipped); the tooltip holds it in one piece.
    QString uid = QString::fromLatin1(i.uniqueId.toHex(':'));
    m_uniqueId->setToolTip(uid);
    if (i.uniqueId.size() > 8)
        uid.insert(8 * 3, QChar(0x200B));
    m_uniqueId->setText(uid);
    m_versions->setText(tr("bootloader %1, firmware %2, application %3; security counter %4")
                            .arg(optionalVersion(i.bootloaderVersion), optionalVersion(i.firmwareVersion),
                                 optionalVersion(i.applicationVersion))
                            .arg(i.securityCounter));
    m_locked->setText(i.locked ? tr("yes (production: raw writes refused)") : tr("no (development)"));
    const int role = i.role.value_or(PT_ROLE_NONE);
    const QString roleText = role == PT_ROLE_OBSERVER     ? tr("observer")
                             : role == PT_ROLE_TECHNICIAN ? tr("technician")
                             : role == PT_ROLE_FACTORY    ? tr("factory")
                                                          : tr("none");
    m_access->setText(!i.accessPolicy.value_or(false) ? tr("open (no access key on the board)")
                                                      : tr("policy enforced; this session: %1").arg(roleText));
    QStringList keys;
    for (const QByteArray &k : i.trustedKeys)
        keys << fingerprintHex(k).left(32) + QStringLiteral("…");
    m_keys->setText(keys.isEmpty() ? tr("none") : keys.join(QLatin1Char('\n')));
    QStringList fullKeys;
    for (const QByteArray &k : i.trustedKeys)
        fullKeys << fingerprintHex(k);
    m_keys->setToolTip(fullKeys.join(QLatin1Char('\n')));

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
    const QStringList keys = updateKeyPaths();
    runBusy([path, keys](DeviceWorker *w) { w->inspectPackage(path, keys); });
}

QStringList MainWindow::updateKeyPaths() const
{
    const QString path = m_updateKey->text().trimmed();
    return path.isEmpty() ? QStringList() : QStringList{path};
}

QString MainWindow::describeManifest(const PackageSummary &s) const
{
    QString text = tr("Package: %1\nSize: %2 bytes\nSHA-256: %3\n\nBoard: %4\nVersion: %5\nSecurity counter: %6\n")
                       .arg(s.path).arg(s.fileSize).arg(QString::fromLatin1(s.sha256.toHex()))
                       .arg(s.manifest.boardId, versionToString(s.manifest.version))
                       .arg(s.manifest.securityCounter);
    for (const PayloadDescriptor &p : s.manifest.payloads) {
        const QString kind = p.kind == PayloadFirmware ? tr("firmware") : tr("application");
        text += tr("Payload: %1 %2 → region %3 at offset %4, %5 bytes").arg(kind, versionToString(p.version), p.region,
                                                                        hexAddress(p.loadOffset)).arg(p.size);
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

QStringList MainWindow::regionsTouchedByUpdate(const PackageSummary &s) const
{
    QStringList names;
    for (const PayloadDescriptor &p : s.manifest.payloads)
        if (!names.contains(p.region))
            names << p.region;
    // Staging receives the package; the bootloader writes its install records and, on boards
    // that keep one, the backup of the images it replaces.
    names += regionNames(m_snapshot.regions, [&names](const Region &r) {
        return !names.contains(r.name) && (r.isStaging() || r.name == QLatin1String(PT_REGION_NAME_BOOTSTATE) || r.name == QLatin1String(PT_REGION_NAME_BACKUP));
    });
    return names;
}

void MainWindow::onPackageInspected(const PackageSummary &summary)
{
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
    const QStringList touched = regionsTouchedByUpdate(summary);
    appendLog(LogLevel::Info, tr("the update will write regions: %1").arg(touched.join(QStringLiteral(", "))));
    // The verdict first: what cannot be undone is said before anything else.
    const QStringList warnings = updateWarnings(summary.manifest, m_snapshot.info);
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
    const QStringList keys = updateKeyPaths();
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
    m_cancelling = true;
    m_phaseLabel->setText(tr("Cancelling…"));
    m_etaLabel->clear();
    m_worker->cancelJob(); // thread-safe: Job::cancel
}

// ---- job feedback ------------------------------------------------------------------------------

void MainWindow::onJobStarted(const QString &title)
{
    m_errorBanner->hide();
    m_phaseLabel->setText(title);
    m_progress->setValue(0);
    m_jobTimer.start();
    m_jobBytes = 0;
    if (m_cancelling) // Cancel was pressed while the job waited its turn
        m_phaseLabel->setText(tr("Cancelling…"));
    m_bytesLabel->clear();
    m_rateLabel->clear();
    m_etaLabel->clear();
    appendLog(LogLevel::Info, tr("started: %1").arg(title));
}

void MainWindow::onJobProgress(const JobProgress &p)
{
    m_jobBytes = std::max(m_jobBytes, p.done);
    if (m_cancelling)
        return; // "Cancelling…" stays until the job has stopped
    m_phaseLabel->setText(tr("Phase: %1").arg(p.phase));
    if (p.total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(p.done * 1000 / p.total));
        m_bytesLabel->setText(tr("%1 / %2 bytes").arg(p.done).arg(p.total));
    } else {
        m_progress->setRange(0, 0); // busy indicator
        m_bytesLabel->setText(tr("%1 bytes").arg(p.done));
    }
    m_rateLabel->setText(p.bytesPerSecond > 0 ? tr("%1/s").arg(formatSize(quint64(p.bytesPerSecond))) : QString());
    m_etaLabel->setText(p.etaMs >= 0 ? tr("%1 s left").arg((p.etaMs + 999) / 1000) : QString());
    emit progressShown(p);
}

void MainWindow::onJobFinished(const QString &title, bool ok, const QString &message)
{
    m_regionMap->setHighlighted({});
    if (ok) {
        m_opAgain = nullptr;
        m_opInterrupted = false;
        if (m_waitingForDevice || m_deviceBack)
            stopWaitingForDevice();
    }
    m_progress->setRange(0, 1000);
    // A finished job shows its summary, not the last phase's rate and time left.
    const qint64 ms = m_jobTimer.isValid() ? m_jobTimer.elapsed() : 0;
    m_rateLabel->clear();
    m_etaLabel->clear();
    const bool cancelled = !ok && m_cancelling;
    m_cancelling = false;
    if (ok) {
        m_lastError.clear();
        m_progress->setValue(1000);
        m_phaseLabel->setText(tr("Done: %1").arg(title));
        m_bytesLabel->setText(m_jobBytes > 0 ? tr("%1 in %2 s (%3/s)")
                                                   .arg(formatSize(quint64(m_jobBytes)))
                                                   .arg(double(ms) / 1000.0, 0, 'f', 1)
                                                   .arg(formatSize(ms > 0 ? quint64(m_jobBytes * 1000 / ms) : 0))
                                             : tr("in %1 s").arg(double(ms) / 1000.0, 0, 'f', 1));
        appendLog(LogLevel::Info, tr("done: %1").arg(title));
        statusBar()->showMessage(tr("Done: %1").arg(title));
        recordOperation(title, QStringLiteral("ok"), QString());
    } else if (cancelled) {
        m_lastError = message;
        m_phaseLabel->setText(tr("Cancelled: %1").arg(title));
        appendLog(LogLevel::Warning, tr("cancelled: %1: %2").arg(title, message));
        statusBar()->showMessage(tr("Cancelled: %1").arg(title));
        recordOperation(title, QStringLiteral("cancelled"), message);
    } else {
        m_phaseLabel->setText(tr("Failed: %1").arg(title));
        appendLog(LogLevel::Error, tr("failed: %1: %2").arg(title, message));
        reportError(tr("Failed: %1").arg(title), message);
        recordOperation(title, m_opInterrupted ? QStringLiteral("interrupted") : QStringLiteral("failed"), message);
    }
    emit jobDone(title, ok);
}

void MainWindow::onFailed(const QString &operation, const QString &message)
{
    m_busy = false;
    appendLog(LogLevel::Error, tr("%1 failed: %2").arg(operation, message));
    reportError(tr("Failed: %1").arg(m_opRecordPending ? m_opTitle : operation), message);
    recordOperation(m_opTitle, QStringLiteral("failed"), message);
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
