#include "connection_bar.h"

#include "usb_devices.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>

// The texts keep the window's translation context: they were MainWindow's before the split.

namespace piton::gui {

ConnectionBar::ConnectionBar(QWidget *parent)
    : QWidget(parent)
{
    // A row without a group title, so the pages and the log keep the room.
    setObjectName(QStringLiteral("connectionBar"));
    auto *conn = new QHBoxLayout(this);
    conn->setContentsMargins(0, 0, 0, 0);
    m_transportLabel = new QLabel(QCoreApplication::translate("piton::gui::MainWindow", "Transport:"));
    m_transport = new QComboBox;
    m_transport->setObjectName(QStringLiteral("transport"));
    m_transport->addItem(QCoreApplication::translate("piton::gui::MainWindow", "Serial"));
    m_transport->addItem(QCoreApplication::translate("piton::gui::MainWindow", "Network"));
    m_transport->addItem(QCoreApplication::translate("piton::gui::MainWindow", "USB"));
    m_endpointStack = new QStackedWidget;
    auto *serialPage = new QWidget;
    auto *serialRow = new QHBoxLayout(serialPage);
    serialRow->setContentsMargins(0, 0, 0, 0);
    m_serialPort = new QComboBox;
    m_serialPort->setObjectName(QStringLiteral("serialPort"));
    m_serialPort->setEditable(true);
    m_serialPort->setMinimumContentsLength(22);
    m_serialPort->lineEdit()->setPlaceholderText(QCoreApplication::translate("piton::gui::MainWindow", "port or path, e.g. /dev/ttyUSB0"));
    m_refreshPorts = new QPushButton(QCoreApplication::translate("piton::gui::MainWindow", "Rescan"));
    m_refreshPorts->setToolTip(QCoreApplication::translate("piton::gui::MainWindow", "List the serial ports again"));
    serialRow->addWidget(m_serialPort, 1);
    serialRow->addWidget(m_refreshPorts);
    m_networkEndpoint = new QComboBox;
    m_networkEndpoint->setObjectName(QStringLiteral("networkEndpoint"));
    m_networkEndpoint->setEditable(true);
    m_networkEndpoint->setMinimumContentsLength(22);
    m_networkEndpoint->lineEdit()->setPlaceholderText(QCoreApplication::translate("piton::gui::MainWindow", "host:port, e.g. 192.168.1.20:4000"));
    m_usbDevice = new QComboBox;
    m_usbDevice->setObjectName(QStringLiteral("usbDevice"));
    m_usbDevice->setEditable(true);
    m_usbDevice->setMinimumContentsLength(22);
    m_usbDevice->lineEdit()->setPlaceholderText(
        QCoreApplication::translate("piton::gui::MainWindow", "usb: selector, e.g. usb:?serial=PT-0001 or usb:?path=1-1.2"));
    m_usbDevice->setToolTip(QCoreApplication::translate("piton::gui::MainWindow",
                                                        "Piton boards on USB (known VID:PID list); identify a board by its serial number or by the socket it is plugged into"));
    m_endpointStack->addWidget(serialPage);
    m_endpointStack->addWidget(m_networkEndpoint);
    m_endpointStack->addWidget(m_usbDevice);
    m_connectButton = new QPushButton(QCoreApplication::translate("piton::gui::MainWindow", "Connect"));
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);
    m_disconnectButton = new QPushButton(QCoreApplication::translate("piton::gui::MainWindow", "Disconnect"));
    m_disconnectButton->setObjectName(QStringLiteral("disconnectButton"));
    m_pingButton = new QPushButton(QCoreApplication::translate("piton::gui::MainWindow", "Ping"));
    m_pingButton->setObjectName(QStringLiteral("pingButton"));
    conn->addWidget(m_transportLabel);
    conn->addWidget(m_transport);
    conn->addWidget(m_endpointStack, 1);
    conn->addWidget(m_connectButton);
    conn->addWidget(m_disconnectButton);
    conn->addWidget(m_pingButton);

    connect(m_transport, &QComboBox::currentIndexChanged, this, &ConnectionBar::onTransportChanged);
    connect(m_refreshPorts, &QPushButton::clicked, this, &ConnectionBar::refreshSerialPorts);
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectionBar::connectRequested);
    connect(m_disconnectButton, &QPushButton::clicked, this, &ConnectionBar::disconnectRequested);
    connect(m_pingButton, &QPushButton::clicked, this, &ConnectionBar::pingRequested);
    // Enter in the endpoint field connects.
    for (QComboBox *box : {m_serialPort, m_networkEndpoint, m_usbDevice})
        connect(box->lineEdit(), &QLineEdit::returnPressed, this, [this] {
            if (m_connectButton->isEnabled())
                emit connectRequested();
        });

    // Serial ports come and go (USB adapters, boards re-enumerating): watch the list.
    m_portTimer = new QTimer(this);
    m_portTimer->setInterval(portWatchIntervalMs());
    connect(m_portTimer, &QTimer::timeout, this, &ConnectionBar::refreshSerialPorts);
    m_portTimer->start();
    // USB boards come and go too: libusb hotplug where it works, polling otherwise.
    m_usbWatcher = new UsbDeviceWatcher(this);
    connect(m_usbWatcher, &UsbDeviceWatcher::devicesChanged, this, &ConnectionBar::showUsbDevices);
    connect(m_usbWatcher, &UsbDeviceWatcher::deviceArrived, this, [this](const UsbDeviceEntry &e) {
        emit logLine(LogLevel::Info, QCoreApplication::translate("piton::gui::MainWindow", "USB board appeared: %1 (%2)").arg(e.uri, e.product));
    });
    connect(m_usbWatcher, &UsbDeviceWatcher::deviceLeft, this, [this](const UsbDeviceEntry &e) {
        emit logLine(LogLevel::Info, QCoreApplication::translate("piton::gui::MainWindow", "USB board gone: %1").arg(e.uri));
    });
    connect(m_usbWatcher, &UsbDeviceWatcher::errorOccurred, this, [this](const Error &e) {
        emit logLine(LogLevel::Warning, QCoreApplication::translate("piton::gui::MainWindow", "USB: %1").arg(e.message));
    });
}

int ConnectionBar::portWatchIntervalMs() { return testIntervalMs("PITON_TEST_PORT_WATCH_MS", PortWatchIntervalMs); }

void ConnectionBar::setLinkState(bool connected, bool busy)
{
    const bool idle = !busy;
    m_transport->setEnabled(idle && !connected);
    m_endpointStack->setEnabled(idle && !connected);
    m_connectButton->setEnabled(idle && !connected);
    m_disconnectButton->setEnabled(connected && idle);
    m_pingButton->setEnabled(connected && idle);
}

bool ConnectionBar::canConnect() const
{
    return m_connectButton->isEnabled();
}

bool ConnectionBar::canDisconnect() const
{
    return m_disconnectButton->isEnabled();
}

bool ConnectionBar::isNetwork() const
{
    return m_transport->currentIndex() == 1;
}

void ConnectionBar::loadSettings(QSettings &s)
{
    const QStringList recent = s.value(QStringLiteral("connection/recentEndpoints")).toStringList();
    m_networkEndpoint->addItems(recent);
    const QString last = s.value(QStringLiteral("connection/last")).toString();
    if (last.startsWith(QLatin1String("usb:")) || last.startsWith(QLatin1String("tcp:")) || last.startsWith(QLatin1String("serial:")))
        setUri(last);
}

void ConnectionBar::saveSettings(QSettings &s) const
{
    QStringList recent;
    for (int i = 0; i < m_networkEndpoint->count(); ++i)
        recent << m_networkEndpoint->itemText(i);
    s.setValue(QStringLiteral("connection/recentEndpoints"), recent);
}

void ConnectionBar::rememberEndpoint(const QString &endpoint)
{
    const int existing = m_networkEndpoint->findText(endpoint);
    if (existing >= 0)
        m_networkEndpoint->removeItem(existing);
    m_networkEndpoint->insertItem(0, endpoint);
    while (m_networkEndpoint->count() > MaxRecentEndpoints)
        m_networkEndpoint->removeItem(m_networkEndpoint->count() - 1);
    m_networkEndpoint->setCurrentIndex(0);
}

void ConnectionBar::setPortLister(PortLister f)
{
    m_listPorts = std::move(f);
    refreshSerialPorts();
}

void ConnectionBar::refreshSerialPorts()
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
            details << QCoreApplication::translate("piton::gui::MainWindow", "serial %1").arg(p.serialNumber);
        m_serialPort->addItem(details.isEmpty() ? p.path : QStringLiteral("%1 — %2").arg(p.path, details.join(QStringLiteral(", "))), p.path);
        m_serialPort->setItemData(m_serialPort->count() - 1, details.join(QLatin1Char('\n')), Qt::ToolTipRole);
    }
    m_serialPort->setEditText(typed);
    if (!first) {
        for (const QString &p : added)
            emit logLine(LogLevel::Info, QCoreApplication::translate("piton::gui::MainWindow", "serial port appeared: %1").arg(p));
        for (const QString &p : gone)
            emit logLine(LogLevel::Info, QCoreApplication::translate("piton::gui::MainWindow", "serial port gone: %1").arg(p));
    }
    emit serialPortsChanged();
}

void ConnectionBar::onTransportChanged(int index)
{
    m_endpointStack->setCurrentIndex(index);
    // Enumerate USB only while the USB transport is chosen (opening devices to read their
    // strings is not free).
    if (index == 2)
        m_usbWatcher->start();
    else
        m_usbWatcher->stop();
}

void ConnectionBar::showUsbDevices(const QList<UsbDeviceEntry> &devices)
{
    const QString typed = m_usbDevice->currentText();
    m_usbDevice->clear();
    for (const UsbDeviceEntry &d : devices) {
        QStringList details;
        if (!d.product.isEmpty())
            details << d.product;
        if (!d.serial.isEmpty())
            details << QCoreApplication::translate("piton::gui::MainWindow", "serial %1").arg(d.serial);
        details << QCoreApplication::translate("piton::gui::MainWindow", "port %1").arg(d.portPath);
        if (!d.accessible)
            details << QCoreApplication::translate("piton::gui::MainWindow", "no access: see docs/usb.md (udev rules)");
        m_usbDevice->addItem(QStringLiteral("%1 — %2").arg(d.uri, details.join(QStringLiteral(", "))), d.uri);
    }
    m_usbDevice->setEditText(typed);
}

QString ConnectionBar::currentUri() const
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

void ConnectionBar::setUri(const QString &uri)
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
}

} // namespace piton::gui
