// Enumeration of the serial ports the OS knows (QSerialPortInfo).
#pragma once

#include <QList>
#include <QString>

namespace piton {

/** One serial port as reported by QSerialPortInfo. */
struct SerialPortEntry {
    QString path;          ///< system location, e.g. "/dev/ttyUSB0" (usable in "serial:PATH")
    QString description;   ///< e.g. "CP2102 USB to UART Bridge Controller"; may be empty
    QString manufacturer;  ///< may be empty
    QString serialNumber;  ///< USB serial number; may be empty
    quint16 vid = 0;       ///< USB vendor id, valid when hasVidPid
    quint16 pid = 0;       ///< USB product id, valid when hasVidPid
    bool hasVidPid = false;
};

/** Lists the serial ports present now, sorted by path. Pseudo-terminals (the virtual board's
 *  serial line) are not listed by the OS enumeration; users type their path instead. */
QList<SerialPortEntry> listSerialPorts();

} // namespace piton
