#include "usb_devices.h"

#include "usb_ids_builtin.h" // generated from resources/usb/devices.json (kPitonBuiltinUsbIds)

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QRegularExpression>
#include <QStringList>
#include <QTimer>

#include <algorithm>

#include <libusb.h>

namespace piton {

namespace {

bool parseHex16(const QString &text, quint16 *out)
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-Fa-f]{4}$"));
    if (!re.match(text).hasMatch())
        return false;
    *out = quint16(text.toUInt(nullptr, 16));
    return true;
}

QString hex4(quint16 v)
{
    return QStringLiteral("%1").arg(v, 4, 16, QLatin1Char('0'));
}

QString readSysfs(const QString &portPath, const char *attr)
{
    QFile f(QStringLiteral("/sys/bus/usb/devices/%1/%2").arg(portPath, QLatin1String(attr)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).trimmed();
}

QString readDescriptorString(libusb_device_handle *h, uint8_t index)
{
    if (!h || index == 0)
        return {};
    unsigned char buf[256];
    const int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
    if (n <= 0)
        return {};
    return QString::fromLatin1(reinterpret_cast<const char *>(buf), n);
}

Error selectorUsage(const QString &spec, const QString &problem)
{
    return Error::make(ErrorKind::Usage, QStringLiteral("link \"usb:%1\": %2").arg(spec, problem));
}

} // namespace

// ---- known ids --------------------------------------------------------------------------------

Result<QList<UsbKnownId>> parseUsbIdList(const QByteArray &json, const QString &source)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::make(ErrorKind::Format, QStringLiteral("%1: not valid JSON: %2 at offset %3")
                                                  .arg(source, pe.errorString()).arg(pe.offset));
    if (!doc.isObject() || !doc.object().value(QStringLiteral("devices")).isArray())
        return Error::make(ErrorKind::Format, QStringLiteral("%1: expected an object with a \"devices\" array").arg(source));
    QList<UsbKnownId> ids;
    const QJsonArray arr = doc.object().value(QStringLiteral("devices")).toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!arr.at(i).isObject())
            return Error::make(ErrorKind::Format, QStringLiteral("%1: devices[%2] is not an object").arg(source).arg(i));
        const QJsonObject o = arr.at(i).toObject();
        UsbKnownId id;
        if (!parseHex16(o.value(QStringLiteral("vid")).toString(), &id.vid))
            return Error::make(ErrorKind::Format, QStringLiteral("%1: devices[%2]: \"vid\" must be 4 hex digits as a string, e.g. \"1209\"")
                                                      .arg(source).arg(i));
        if (!parseHex16(o.value(QStringLiteral("pid")).toString(), &id.pid))
            return Error::make(ErrorKind::Format, QStringLiteral("%1: devices[%2]: \"pid\" must be 4 hex digits as a string, e.g. \"0001\"")
                                                      .arg(source).arg(i));
        if (id.vid == 0)
            return Error::make(ErrorKind::Format, QStringLiteral("%1: devices[%2]: vendor id 0000 is not valid").arg(source).arg(i));
        id.name = o.value(QStringLiteral("name")).toString();
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

QString userUsbIdListPath()
{
    const QString env = qEnvironmentVariable("PITON_USB_DEVICES");
    if (!env.isEmpty())
        return env;
    QString base = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.config");
    return base + QStringLiteral("/piton/usb-devices.json");
}

Result<QList<UsbKnownId>> knownUsbIds()
{
    auto shipped = parseUsbIdList(QByteArray(kPitonBuiltinUsbIds), QStringLiteral("resources/usb/devices.json"));
    if (!shipped)
        return shipped.error();
    QList<UsbKnownId> ids = shipped.value();
    const QString path = userUsbIdListPath();
    QFile f(path);
    if (!f.exists())
        return ids;
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QStringLiteral("cannot read the USB device list %1: %2").arg(path, f.errorString()));
    auto extra = parseUsbIdList(f.readAll(), path);
    if (!extra)
        return extra.error();
    for (const UsbKnownId &id : extra.value())
        if (!ids.contains(id))
            ids.append(id);
    return ids;
}

// ---- entries and selection --------------------------------------------------------------------

QString UsbDeviceEntry::vidPid() const
{
    return hex4(vid) + QLatin1Char(':') + hex4(pid);
}

QString UsbDeviceEntry::describe() const
{
    QString s = vidPid();
    if (!serial.isEmpty())
        s += QLatin1Char(' ') + serial;
    s += QStringLiteral(" at ") + portPath;
    const QString name = !product.isEmpty() ? product : knownName;
    if (!name.isEmpty())
        s += QStringLiteral(" (%1)").arg(name);
    if (!accessible)
        s += QStringLiteral(" [no access: see docs/usb.md]");
    return s;
}

bool UsbDeviceEntry::operator==(const UsbDeviceEntry &o) const
{
    return vid == o.vid && pid == o.pid && serial == o.serial && portPath == o.portPath && manufacturer == o.manufacturer
           && product == o.product && bus == o.bus && address == o.address && accessible == o.accessible;
}

QString formatUsbPortPath(int bus, const QList<int> &ports)
{
    if (ports.isEmpty())
        return QStringLiteral("%1-0").arg(bus);
    QStringList parts;
    for (int p : ports)
        parts << QString::number(p);
    return QStringLiteral("%1-%2").arg(bus).arg(parts.join(QLatin1Char('.')));
}

int openUsbEntry(libusb_context *ctx, const UsbDeviceEntry &entry, libusb_device_handle **handle,
                 libusb_config_descriptor **config, QString *step)
{
    *handle = nullptr;
    *config = nullptr;
    libusb_device **list = nullptr;
    const ssize_t count = libusb_get_device_list(ctx, &list);
    if (count < 0) {
        *step = QStringLiteral("enumeration");
        return int(count);
    }
    libusb_device *dev = nullptr;
    for (ssize_t i = 0; i < count && !dev; ++i) {
        uint8_t ports[8];
        const int n = libusb_get_port_numbers(list[i], ports, sizeof ports);
        QList<int> portList;
        for (int k = 0; k < n; ++k)
            portList << ports[k];
        if (formatUsbPortPath(libusb_get_bus_number(list[i]), portList) == entry.portPath)
            dev = list[i];
    }
    int rc = dev ? libusb_open(dev, handle) : LIBUSB_ERROR_NO_DEVICE;
    if (rc != LIBUSB_SUCCESS) {
        *handle = nullptr;
        *step = QStringLiteral("open");
    } else {
        rc = libusb_get_active_config_descriptor(dev, config);
        if (rc != LIBUSB_SUCCESS) {
            *config = nullptr;
            *step = QStringLiteral("reading the configuration descriptor");
        }
    }
    libusb_free_device_list(list, 1);
    return rc;
}

Result<UsbSelector> UsbSelector::parse(const QString &spec)
{
    UsbSelector sel;
    const qsizetype q = spec.indexOf(QLatin1Char('?'));
    const QString head = q < 0 ? spec : spec.left(q);
    if (!head.isEmpty()) {
        const QStringList parts = head.split(QLatin1Char(':'));
        if (parts.size() != 2 || !parseHex16(parts[0], &sel.vid) || !parseHex16(parts[1], &sel.pid))
            return selectorUsage(spec, QStringLiteral("\"%1\" is not VID:PID (two 4-digit hex numbers, e.g. 1209:0001)").arg(head));
        sel.hasVidPid = true;
    }
    if (q >= 0) {
        const QString query = spec.mid(q + 1);
        if (query.isEmpty())
            return selectorUsage(spec, QStringLiteral("empty parameter list after '?'"));
        bool seenSerial = false, seenPath = false;
        for (const QString &param : query.split(QLatin1Char('&'))) {
            const qsizetype eq = param.indexOf(QLatin1Char('='));
            const QString name = eq < 0 ? param : param.left(eq);
            const QString value = eq < 0 ? QString() : param.mid(eq + 1);
            if (name == QLatin1String("serial")) {
                if (seenSerial)
                    return selectorUsage(spec, QStringLiteral("serial= given twice"));
                if (value.isEmpty())
                    return selectorUsage(spec, QStringLiteral("empty serial number after serial="));
                seenSerial = true;
                sel.serial = value;
            } else if (name == QLatin1String("path")) {
                static const QRegularExpression re(QStringLiteral("^[0-9]+-[0-9]+(\\.[0-9]+)*$"));
                if (seenPath)
                    return selectorUsage(spec, QStringLiteral("path= given twice"));
                if (!re.match(value).hasMatch())
                    return selectorUsage(spec, QStringLiteral("port path \"%1\" is not BUS-PORT[.PORT]..., e.g. 1-1.2").arg(value));
                seenPath = true;
                sel.path = value;
            } else {
                return selectorUsage(spec, QStringLiteral("unknown parameter \"%1\" (known: serial, path)").arg(name));
            }
        }
    }
    return sel;
}

QString UsbSelector::toString() const
{
    QString s;
    if (hasVidPid)
        s = hex4(vid) + QLatin1Char(':') + hex4(pid);
    QStringList params;
    if (!serial.isEmpty())
        params << QStringLiteral("serial=") + serial;
    if (!path.isEmpty())
        params << QStringLiteral("path=") + path;
    if (!params.isEmpty())
        s += QLatin1Char('?') + params.join(QLatin1Char('&'));
    return s;
}

bool UsbSelector::matches(const UsbDeviceEntry &e) const
{
    if (hasVidPid && (e.vid != vid || e.pid != pid))
        return false;
    if (!serial.isEmpty() && e.serial != serial)
        return false;
    if (!path.isEmpty() && e.portPath != path)
        return false;
    return true;
}

Result<UsbDeviceEntry> selectUsbDevice(const QList<UsbDeviceEntry> &entries, const UsbSelector &selector)
{
    QList<UsbDeviceEntry> hits;
    for (const UsbDeviceEntry &e : entries)
        if (selector.matches(e))
            hits.append(e);
    const QString what = QStringLiteral("usb:") + selector.toString();
    if (hits.size() == 1)
        return hits.first();
    QStringList lines;
    for (const UsbDeviceEntry &e : hits.isEmpty() ? entries : hits)
        lines << QStringLiteral("  %1  (-c %2)").arg(e.describe(), e.uri);
    if (hits.isEmpty()) {
        if (entries.isEmpty())
            return Error::make(ErrorKind::Link, QStringLiteral("%1: no Piton USB board is present (is it plugged in and powered? "
                                                               "piton-cli list shows what is found)").arg(what));
        return Error::make(ErrorKind::Link, QStringLiteral("%1: no USB board matches; present:\n%2").arg(what, lines.join(QLatin1Char('\n'))));
    }
    return Error::make(ErrorKind::Usage, QStringLiteral("%1: %2 USB boards match; choose one with serial= or path=:\n%3")
                                             .arg(what).arg(hits.size()).arg(lines.join(QLatin1Char('\n'))));
}

// ---- enumeration ------------------------------------------------------------------------------

Result<QList<UsbDeviceEntry>> listUsbDevices(const UsbSelector &extra)
{
    auto ids = knownUsbIds();
    if (!ids)
        return ids.error();
    libusb_context *ctx = nullptr;
    const int rc = libusb_init(&ctx);
    if (rc != LIBUSB_SUCCESS)
        return Error::make(ErrorKind::Link, QStringLiteral("USB is not available on this computer (libusb: %1)")
                                                .arg(QString::fromUtf8(libusb_strerror(rc))));
    libusb_device **list = nullptr;
    const ssize_t count = libusb_get_device_list(ctx, &list);
    if (count < 0) {
        libusb_exit(ctx);
        return Error::make(ErrorKind::Link, QStringLiteral("cannot enumerate USB devices (libusb: %1)")
                                                .arg(QString::fromUtf8(libusb_strerror(int(count)))));
    }
    QList<UsbDeviceEntry> entries;
    for (ssize_t i = 0; i < count; ++i) {
        libusb_device *dev = list[i];
        libusb_device_descriptor desc{};
        if (libusb_get_device_descriptor(dev, &desc) != LIBUSB_SUCCESS)
            continue;
        UsbDeviceEntry e;
        e.vid = desc.idVendor;
        e.pid = desc.idProduct;
        bool wanted = extra.hasVidPid && extra.vid == e.vid && extra.pid == e.pid;
        for (const UsbKnownId &id : ids.value())
            if (id.vid == e.vid && id.pid == e.pid) {
                wanted = true;
                e.knownName = id.name;
            }
        if (!wanted)
            continue;
        uint8_t ports[8];
        const int n = libusb_get_port_numbers(dev, ports, sizeof ports);
        QList<int> portList;
        for (int k = 0; k < n; ++k)
            portList << ports[k];
        e.bus = libusb_get_bus_number(dev);
        e.address = libusb_get_device_address(dev);
        e.portPath = formatUsbPortPath(e.bus, portList);
        e.uri = QStringLiteral("usb:?path=") + e.portPath;
        e.serial = readSysfs(e.portPath, "serial");
        e.manufacturer = readSysfs(e.portPath, "manufacturer");
        e.product = readSysfs(e.portPath, "product");
        libusb_device_handle *h = nullptr;
        const int orc = libusb_open(dev, &h);
        // A device on its way out (unplug, reset) can still be in libusb's list after its sysfs
        // directory is gone: it cannot be opened and has no strings. Listing it would make the
        // watcher report it once more, without serial, then leave again: it is gone already.
        if (orc == LIBUSB_ERROR_NO_DEVICE ||
            (orc != LIBUSB_SUCCESS && !QFileInfo::exists(QStringLiteral("/sys/bus/usb/devices/") + e.portPath)))
            continue;
        e.accessible = orc == LIBUSB_SUCCESS;
        if (h) {
            if (e.serial.isEmpty())
                e.serial = readDescriptorString(h, desc.iSerialNumber);
            if (e.manufacturer.isEmpty())
                e.manufacturer = readDescriptorString(h, desc.iManufacturer);
            if (e.product.isEmpty())
                e.product = readDescriptorString(h, desc.iProduct);
            libusb_close(h);
        }
        entries.append(e);
    }
    libusb_free_device_list(list, 1);
    libusb_exit(ctx);
    std::sort(entries.begin(), entries.end(),
              [](const UsbDeviceEntry &a, const UsbDeviceEntry &b) { return a.portPath < b.portPath; });
    return entries;
}

// ---- watcher ----------------------------------------------------------------------------------

struct UsbDeviceWatcher::HotplugState {
    libusb_context *ctx = nullptr;
    libusb_hotplug_callback_handle handle = 0;
    std::atomic<bool> stop{false};
    UsbDeviceWatcher *owner = nullptr;
};

namespace {
int LIBUSB_CALL hotplugCallback(libusb_context *, libusb_device *, libusb_hotplug_event, void *user)
{
    auto *watcher = static_cast<UsbDeviceWatcher *>(user);
    QMetaObject::invokeMethod(watcher, [watcher] { watcher->rescan(); }, Qt::QueuedConnection);
    return 0; // stay registered
}
} // namespace

UsbDeviceWatcher::UsbDeviceWatcher(QObject *parent) : QObject(parent)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_pollMs);
    connect(m_timer, &QTimer::timeout, this, &UsbDeviceWatcher::rescan);
}

UsbDeviceWatcher::~UsbDeviceWatcher()
{
    stopHotplug();
}

void UsbDeviceWatcher::setPollIntervalMs(int ms)
{
    m_pollMs = std::max(ms, 100);
    m_timer->setInterval(m_pollMs);
}

void UsbDeviceWatcher::start()
{
    if (m_timer->isActive())
        return;
    startHotplug();
    m_timer->start();
    rescan();
}

void UsbDeviceWatcher::stop()
{
    m_timer->stop();
    stopHotplug();
}

void UsbDeviceWatcher::startHotplug()
{
    if (m_hotplugThread || !libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG))
        return;
    auto state = std::make_unique<HotplugState>();
    state->owner = this;
    if (libusb_init(&state->ctx) != LIBUSB_SUCCESS)
        return; // polling reports the error
    const int rc = libusb_hotplug_register_callback(
        state->ctx, libusb_hotplug_event(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        libusb_hotplug_flag(0), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        hotplugCallback, this, &state->handle);
    if (rc != LIBUSB_SUCCESS) {
        libusb_exit(state->ctx);
        return;
    }
    m_hotplug = std::move(state);
    HotplugState *s = m_hotplug.get();
    m_hotplugThread = std::make_unique<std::thread>([s] {
        while (!s->stop.load()) {
            timeval tv{0, 200000};
            libusb_handle_events_timeout_completed(s->ctx, &tv, nullptr);
        }
    });
}

void UsbDeviceWatcher::stopHotplug()
{
    if (!m_hotplugThread)
        return;
    m_hotplug->stop = true;
    m_hotplugThread->join();
    m_hotplugThread.reset();
    libusb_hotplug_deregister_callback(m_hotplug->ctx, m_hotplug->handle);
    libusb_exit(m_hotplug->ctx);
    m_hotplug.reset();
}

void UsbDeviceWatcher::rescan()
{
    auto now = listUsbDevices();
    if (!now) {
        const bool changed = now.error().message != m_lastError.message;
        m_lastError = now.error();
        if (changed)
            emit errorOccurred(m_lastError);
        if (!m_devices.isEmpty()) {
            const QList<UsbDeviceEntry> gone = std::exchange(m_devices, {});
            for (const UsbDeviceEntry &e : gone)
                emit deviceLeft(e);
            emit devicesChanged(m_devices);
        }
        return;
    }
    m_lastError = Error();
    const QList<UsbDeviceEntry> old = std::exchange(m_devices, now.value());
    bool changed = false;
    for (const UsbDeviceEntry &e : old)
        if (!m_devices.contains(e)) {
            emit deviceLeft(e);
            changed = true;
        }
    for (const UsbDeviceEntry &e : m_devices)
        if (!old.contains(e)) {
            emit deviceArrived(e);
            changed = true;
        }
    if (changed)
        emit devicesChanged(m_devices);
}

} // namespace piton
