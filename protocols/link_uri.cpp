#include "link_uri.h"

#include "serial_link.h"
#include "tcp_link.h"
#include "usb_link.h"

#include <QStringList>

namespace piton {

namespace {
Error usage(const QString &text, const QString &problem)
{
    return Error::make(ErrorKind::Usage, QStringLiteral("link \"%1\": %2").arg(text, problem));
}

bool allDigits(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}
} // namespace

Result<QList<ModemStep>> parseModemSequence(const QString &text)
{
    QList<ModemStep> steps;
    for (const QString &raw : text.split(QLatin1Char(','))) {
        QString step = raw.trimmed().toLower();
        ModemStep s;
        if (step.startsWith(QLatin1Char('-'))) {
            s.asserted = false;
            step = step.mid(1);
        }
        if (step == QLatin1String("dtr"))
            s.signal = ModemSignal::Dtr;
        else if (step == QLatin1String("rts"))
            s.signal = ModemSignal::Rts;
        else
            return Error::make(ErrorKind::Usage, QStringLiteral("modem-line sequence \"%1\": step \"%2\" is not dtr, -dtr, rts or -rts")
                                                     .arg(text, raw));
        steps.append(s);
    }
    return steps;
}

QString modemSequenceToString(const QList<ModemStep> &steps)
{
    QStringList parts;
    for (const ModemStep &s : steps)
        parts << QStringLiteral("%1%2").arg(s.asserted ? QString() : QStringLiteral("-"),
                                            s.signal == ModemSignal::Dtr ? QStringLiteral("dtr") : QStringLiteral("rts"));
    return parts.join(QLatin1Char(','));
}

QString LinkUri::toString() const
{
    switch (kind) {
    case Kind::Serial:
        return baud == 115200 ? QStringLiteral("serial:%1").arg(path)
                              : QStringLiteral("serial:%1?baud=%2").arg(path).arg(baud);
    case Kind::Tcp:
        if (host.contains(QLatin1Char(':')))
            return QStringLiteral("tcp:[%1]:%2").arg(host).arg(port);
        return QStringLiteral("tcp:%1:%2").arg(host).arg(port);
    case Kind::Usb:
        return QStringLiteral("usb:%1").arg(usb.toString());
    case Kind::RomSerial: {
        QStringList params;
        if (baud != 115200)
            params << QStringLiteral("baud=%1").arg(baud);
        if (!romEntry.isEmpty())
            params << QStringLiteral("entry=%1").arg(modemSequenceToString(romEntry));
        if (!romExit.isEmpty())
            params << QStringLiteral("exit=%1").arg(modemSequenceToString(romExit));
        return params.isEmpty() ? QStringLiteral("rom+serial:%1").arg(path)
                                : QStringLiteral("rom+serial:%1?%2").arg(path, params.join(QLatin1Char('&')));
    }
    case Kind::Dfu:
        return QStringLiteral("dfu:%1").arg(usb.toString());
    }
    return {};
}

Result<LinkUri> LinkUri::parse(const QString &text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return usage(text, QStringLiteral("missing scheme; use serial:PATH, tcp:HOST:PORT or usb:[VID:PID][?serial=S&path=P]"));
    const QString scheme = text.left(colon).toLower();
    const QString rest = text.mid(colon + 1);
    LinkUri uri;

    if (scheme == QLatin1String("serial") || scheme == QLatin1String("rom+serial")) {
        uri.kind = scheme == QLatin1String("serial") ? Kind::Serial : Kind::RomSerial;
        const qsizetype q = rest.indexOf(QLatin1Char('?'));
        uri.path = q < 0 ? rest : rest.left(q);
        if (uri.path.isEmpty())
            return usage(text, QStringLiteral("empty serial port path"));
        if (q >= 0) {
            const QString query = rest.mid(q + 1);
            if (query.isEmpty())
                return usage(text, QStringLiteral("empty parameter list after '?'"));
            for (const QString &param : query.split(QLatin1Char('&'))) {
                const qsizetype eq = param.indexOf(QLatin1Char('='));
                const QString name = eq < 0 ? param : param.left(eq);
                const QString value = eq < 0 ? QString() : param.mid(eq + 1);
                if (uri.kind == Kind::RomSerial && (name == QLatin1String("entry") || name == QLatin1String("exit"))) {
                    auto steps = parseModemSequence(value);
                    if (!steps)
                        return usage(text, steps.error().message);
                    (name == QLatin1String("entry") ? uri.romEntry : uri.romExit) = steps.value();
                    continue;
                }
                if (name != QLatin1String("baud"))
                    return usage(text, uri.kind == Kind::RomSerial
                                           ? QStringLiteral("unknown parameter \"%1\" (baud, entry and exit are known)").arg(name)
                                           : QStringLiteral("unknown parameter \"%1\" (only baud is known)").arg(name));
                if (!allDigits(value))
                    return usage(text, QStringLiteral("baud rate \"%1\" is not a positive number").arg(value));
                bool ok = false;
                const qint64 baud = value.toLongLong(&ok);
                if (!ok || baud <= 0 || baud > 100000000)
                    return usage(text, QStringLiteral("baud rate \"%1\" is out of range (1..100000000)").arg(value));
                uri.baud = qint32(baud);
            }
        }
        return uri;
    }

    if (scheme == QLatin1String("tcp")) {
        uri.kind = Kind::Tcp;
        QString portText;
        if (rest.startsWith(QLatin1Char('['))) {
            const qsizetype close = rest.indexOf(QLatin1Char(']'));
            if (close < 0)
                return usage(text, QStringLiteral("IPv6 address is missing its closing ']'"));
            uri.host = rest.mid(1, close - 1);
            if (uri.host.isEmpty())
                return usage(text, QStringLiteral("empty IPv6 address in brackets"));
            if (close + 1 >= rest.size() || rest[close + 1] != QLatin1Char(':'))
                return usage(text, QStringLiteral("missing ':PORT' after the IPv6 address"));
            portText = rest.mid(close + 2);
        } else {
            const qsizetype c = rest.lastIndexOf(QLatin1Char(':'));
            if (c < 0)
                return usage(text, QStringLiteral("missing ':PORT'; use tcp:HOST:PORT"));
            uri.host = rest.left(c);
            if (uri.host.contains(QLatin1Char(':')))
                return usage(text, QStringLiteral("IPv6 addresses must be written in brackets, e.g. tcp:[::1]:4000"));
            portText = rest.mid(c + 1);
        }
        if (uri.host.isEmpty())
            return usage(text, QStringLiteral("empty host name"));
        if (uri.host.contains(QLatin1Char('/')) || uri.host.contains(QLatin1Char(' ')))
            return usage(text, QStringLiteral("invalid host name \"%1\"").arg(uri.host));
        if (portText.isEmpty())
            return usage(text, QStringLiteral("empty port number"));
        if (!allDigits(portText))
            return usage(text, QStringLiteral("port \"%1\" is not a number").arg(portText));
        const qint64 port = portText.size() > 6 ? 0 : portText.toLongLong();
        if (port < 1 || port > 65535)
            return usage(text, QStringLiteral("port %1 is out of range (1..65535)").arg(portText));
        uri.port = quint16(port);
        return uri;
    }

    if (scheme == QLatin1String("usb") || scheme == QLatin1String("dfu")) {
        uri.kind = scheme == QLatin1String("usb") ? Kind::Usb : Kind::Dfu;
        auto selector = UsbSelector::parse(rest);
        if (!selector)
            return selector.error();
        uri.usb = selector.value();
        uri.path = uri.usb.toString();
        return uri;
    }

    return usage(text, QStringLiteral("unknown scheme \"%1\"; use serial:, tcp:, usb:, rom+serial: or dfu:").arg(text.left(colon)));
}

Result<std::unique_ptr<Link>> createLink(const LinkUri &uri)
{
    switch (uri.kind) {
    case LinkUri::Kind::Serial:
        return std::unique_ptr<Link>(std::make_unique<SerialLink>(uri.path, uri.baud));
    case LinkUri::Kind::Tcp:
        return std::unique_ptr<Link>(std::make_unique<TcpLink>(uri.host, uri.port));
    case LinkUri::Kind::Usb:
        return std::unique_ptr<Link>(std::make_unique<UsbLink>(uri.usb));
    case LinkUri::Kind::RomSerial:
        return Error::make(ErrorKind::Usage,
                           QStringLiteral("%1 is a chip's ROM bootloader, which does not speak Piton's protocol; "
                                          "use it with piton-cli rom, or serial:%2 for the board's own bootloader")
                               .arg(uri.toString(), uri.path));
    case LinkUri::Kind::Dfu:
        return Error::make(ErrorKind::Usage,
                           QStringLiteral("%1 is a chip's ROM bootloader (USB DFU), which does not speak Piton's protocol; "
                                          "use it with piton-cli rom, or usb: for the board's own bootloader")
                               .arg(uri.toString()));
    }
    return Error::make(ErrorKind::Usage, QStringLiteral("%1: unknown kind of link").arg(uri.toString()));
}

} // namespace piton
