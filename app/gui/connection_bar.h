// ConnectionBar: the row at the top of the window: transport (Serial / Network / USB), the
// endpoint (serial ports as QSerialPortInfo lists them and watched as they come and go, recent
// host:port endpoints, USB boards from the hotplug watcher), Connect, Disconnect, Ping. It
// builds the link URI and asks for the connection through signals; the window does the rest.
#pragma once

#include "device_worker.h" // LogLevel and its metatype
#include "serial_ports.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSettings;
class QStackedWidget;
class QTimer;

namespace piton {
class UsbDeviceWatcher;
struct UsbDeviceEntry;
}

namespace piton::gui {

/** Lists the serial ports present now. The default is listSerialPorts() (QSerialPortInfo);
 *  tests install one that plays ports coming and going. */
using PortLister = std::function<QList<SerialPortEntry>()>;

class ConnectionBar : public QWidget {
    Q_OBJECT
public:
    /** Interval of the serial port watch, in milliseconds. */
    static constexpr int PortWatchIntervalMs = 1500;
    /** The port watch interval in use (ms): PortWatchIntervalMs, or PITON_TEST_PORT_WATCH_MS
     *  (tests only, testIntervalMs; read when the bar is made). */
    static int portWatchIntervalMs();
    /** Recent network endpoints kept (settings `connection/recentEndpoints`). */
    static constexpr int MaxRecentEndpoints = 8;

    explicit ConnectionBar(QWidget *parent = nullptr);

    /** The link URI the fields name: "serial:PATH", "tcp:HOST:PORT" or "usb:..."; "serial:" or
     *  "tcp:" alone when the field is empty. */
    QString currentUri() const;
    /** Fills transport and field from a link URI (a bare path is taken as a serial port). */
    void setUri(const QString &uri);
    /** True when the Network transport is chosen (for the "enter host:port" message). */
    bool isNetwork() const;

    /** Enables the fields and buttons for the window's state. */
    void setLinkState(bool connected, bool busy);
    bool canConnect() const;
    bool canDisconnect() const;

    /** Replaces the serial port enumeration and lists the ports again. */
    void setPortLister(PortLister f);
    /** Lists the serial ports again; logs the ones that came or went (not the first time). */
    void refreshSerialPorts();

    /** Reads `connection/recentEndpoints` and `connection/last`; writes the recent endpoints. */
    void loadSettings(QSettings &s);
    void saveSettings(QSettings &s) const;
    /** Puts a host:port first in the recent endpoints (at most MaxRecentEndpoints). */
    void rememberEndpoint(const QString &endpoint);

signals:
    void connectRequested();
    void disconnectRequested();
    void pingRequested();
    /** The serial port list changed (ports came or went). */
    void serialPortsChanged();
    /** A line for the window's log (ports and USB boards coming and going, USB errors). */
    void logLine(piton::LogLevel level, const QString &text);

private:
    void onTransportChanged(int index);
    void showUsbDevices(const QList<piton::UsbDeviceEntry> &devices);

    PortLister m_listPorts;
    QStringList m_portPaths;
    bool m_portsListed = false;
    QLabel *m_transportLabel = nullptr;
    QComboBox *m_transport = nullptr;
    QStackedWidget *m_endpointStack = nullptr;
    QComboBox *m_serialPort = nullptr;
    QPushButton *m_refreshPorts = nullptr;
    QComboBox *m_networkEndpoint = nullptr;
    QComboBox *m_usbDevice = nullptr;
    UsbDeviceWatcher *m_usbWatcher = nullptr;
    QPushButton *m_connectButton = nullptr;
    QPushButton *m_disconnectButton = nullptr;
    QPushButton *m_pingButton = nullptr;
    QTimer *m_portTimer = nullptr;
};

} // namespace piton::gui
