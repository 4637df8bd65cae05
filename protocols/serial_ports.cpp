#include "serial_ports.h"

#include <QSerialPortInfo>

#include <algorithm>

namespace piton {

QList<SerialPortEntry> listSerialPorts()
{
    QList<SerialPortEntry> out;
    const QList<QSerialPortInfo> ports = QSerialPortInfo::availablePorts();
    for (const QSerialPortInfo &info : ports) {
        SerialPortEntry e;
        e.path = info.systemLocation();
        e.description = info.description();
        e.manufacturer = info.manufacturer();
        e.serialNumber = info.serialNumber();
        e.hasVidPid = info.hasVendorIdentifier() && info.hasProductIdentifier();
        if (e.hasVidPid) {
            e.vid = info.vendorIdentifier();
            e.pid = info.productIdentifier();
        }
        out.append(e);
    }
    std::sort(out.begin(), out.end(),
              [](const SerialPortEntry &a, const SerialPortEntry &b) { return a.path < b.path; });
    return out;
}

} // namespace piton
