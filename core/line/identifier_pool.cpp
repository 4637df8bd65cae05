#include "line/identifier_pool.h"
#include "line/line_text_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace piton::line {

namespace {

quint64 power(quint64 base, int exponent)
{
    quint64 v = 1;
    for (int i = 0; i < exponent; ++i)
        v *= base;
    return v;
}

QString base36(quint64 v)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QString s;
    do {
        s.prepend(QLatin1Char(digits[v % 36]));
        v /= 36;
    } while (v);
    return s;
}

constexpr quint64 kMaxDecimalSeq = 999999999999999999ull; // 18 digits

} // namespace

Result<CounterFormat> CounterFormat::parse(const QString &text)
{
    CounterFormat f;
    f.m_text = text;
    int seqCount = 0;
    QString literal;
    auto flush = [&] {
        if (!literal.isEmpty())
            f.m_parts.append(Part{Part::Literal, literal, 0});
        literal.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('}'))
            return lineUsage(QCoreApplication::translate("piton::line", "format '%1': '}' at position %2 closes no placeholder").arg(text).arg(i + 1));
        if (c != QLatin1Char('{')) {
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                return lineUsage(QCoreApplication::translate("piton::line", "format '%1': only printable ASCII is allowed (position %2)").arg(text).arg(i + 1));
            literal += c;
            continue;
        }
        const qsizetype end = text.indexOf(QLatin1Char('}'), i);
        if (end < 0)
            return lineUsage(QCoreApplication::translate("piton::line", "format '%1': '{' at position %2 is not closed").arg(text).arg(i + 1));
        const QString name = text.mid(i + 1, end - i - 1);
        i = end;
        flush();
        static const QHash<QString, Part::Kind> dates{{QStringLiteral("yyyy"), Part::Year4}, {QStringLiteral("yy"), Part::Year2},
                                                      {QStringLiteral("mm"), Part::Month}, {QStringLiteral("dd"), Part::Day},
                                                      {QStringLiteral("ww"), Part::Week}};
        if (dates.contains(name)) {
            f.m_parts.append(Part{dates.value(name), {}, 0});
            continue;
        }
        const QString head = name.section(QLatin1Char(':'), 0, 0);
        if (head != QLatin1String("seq") && head != QLatin1String("seq36"))
            return lineUsage(QCoreApplication::translate("piton::line", "format '%1': unknown placeholder {%2} (known: {seq}, {seq:N}, {seq36:N}, {yyyy}, {yy}, {mm}, {dd}, {ww})")
                             .arg(text, name));
        const bool b36 = head == QLatin1String("seq36");
        int width = 0;
        if (name.contains(QLatin1Char(':'))) {
            bool ok = false;
            width = name.section(QLatin1Char(':'), 1).toInt(&ok);
            const int maxWidth = b36 ? 12 : 18;
            if (!ok || width < 1 || width > maxWidth)
                return lineUsage(QCoreApplication::translate("piton::line", "format '%1': width of {%2} must be 1..%3").arg(text, name).arg(maxWidth));
        } else if (b36) {
            return lineUsage(QCoreApplication::translate("piton::line", "format '%1': {seq36} needs a width, e.g. {seq36:5}").arg(text));
        }
        f.m_parts.append(Part{b36 ? Part::Seq36 : Part::Seq, {}, width});
        ++seqCount;
    }
    flush();
    if (seqCount != 1)
        return lineUsage(QCoreApplication::translate("piton::line", "format '%1' must hold exactly one {seq...} placeholder, has %2").arg(text).arg(seqCount));
    return f;
}

QString CounterFormat::format(quint64 seq, const QDate &date) const
{
    QString s;
    for (const Part &p : m_parts) {
        switch (p.kind) {
        case Part::Literal: s += p.literal; break;
        case Part::Seq: s += QStringLiteral("%1").arg(seq, p.width, 10, QLatin1Char('0')); break;
        case Part::Seq36: s += base36(seq).rightJustified(p.width, QLatin1Char('0')); break;
        case Part::Year4: s += QStringLiteral("%1").arg(date.year(), 4, 10, QLatin1Char('0')); break;
        case Part::Year2: s += QStringLiteral("%1").arg(date.year() % 100, 2, 10, QLatin1Char('0')); break;
        case Part::Month: s += QStringLiteral("%1").arg(date.month(), 2, 10, QLatin1Char('0')); break;
        case Part::Day: s += QStringLiteral("%1").arg(date.day(), 2, 10, QLatin1Char('0')); break;
        case Part::Week: s += QStringLiteral("%1").arg(date.weekNumber(), 2, 10, QLatin1Char('0')); break;
        }
    }
    return s;
}

quint64 CounterFormat::maxSeq() const
{
    for (const Part &p : m_parts) {
        if (p.kind == Part::Seq)
            return p.width ? power(10, p.width) - 1 : kMaxDecimalSeq;
        if (p.kind == Part::Seq36)
            return power(36, p.width) - 1;
    }
    return kMaxDecimalSeq;
}

Result<quint64> parseMac(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$"));
    if (!re.match(text).hasMatch())
        return lineUsage(QCoreApplication::translate("piton::line", "'%1' is not a MAC address: six hex pairs separated by ':' (e.g. 02:00:00:12:34:56)").arg(text));
    QString hex = text;
    hex.remove(QLatin1Char(':')).remove(QLatin1Char('-'));
    return hex.toULongLong(nullptr, 16);
}

QString formatMac(quint64 mac)
{
    QStringList pairs;
    for (int shift = 40; shift >= 0; shift -= 8)
        pairs << QStringLiteral("%1").arg((mac >> shift) & 0xFF, 2, 16, QLatin1Char('0'));
    return pairs.join(QLatin1Char(':'));
}

Result<QStringList> parseIdentifierList(const QByteArray &bytes)
{
    QStringList values;
    QHash<QString, int> firstLine;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString value = QString::fromUtf8(lines[i]).trimmed();
        const int lineNo = int(i + 1);
        if (value.isEmpty() || value.startsWith(QLatin1Char('#')))
            continue;
        if (value.toUtf8().size() > 128)
            return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "line %1: identifier longer than 128 bytes").arg(lineNo));
        for (QChar c : value)
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "line %1: control character in identifier").arg(lineNo));
        if (firstLine.contains(value))
            return Error::make(ErrorKind::Format,
                               QCoreApplication::translate("piton::line", "line %1: '%2' is a duplicate of line %3").arg(lineNo).arg(value).arg(firstLine.value(value)));
        firstLine.insert(value, lineNo);
        values << value;
    }
    if (values.isEmpty())
        return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "the list holds no identifier"));
    return values;
}

QString poolTypeName(PoolType type)
{
    switch (type) {
    case PoolType::Counter: return QStringLiteral("counter");
    case PoolType::List: return QStringLiteral("list");
    case PoolType::Mac: return QStringLiteral("mac");
    case PoolType::UniqueId: return QStringLiteral("uid");
    case PoolType::Barcode: return QStringLiteral("barcode");
    }
    return {};
}

quint64 PoolSpec::capacity() const
{
    switch (type) {
    case PoolType::Counter:
    case PoolType::Mac: return last - first + 1;
    case PoolType::List: return quint64(values.size());
    case PoolType::UniqueId:
    case PoolType::Barcode: return 0;
    }
    return 0;
}

QString PoolSpec::valueAt(quint64 value, const QDate &date) const
{
    if (type == PoolType::Mac)
        return formatMac(value);
    auto f = CounterFormat::parse(format);
    return f ? f->format(value, date) : QString();
}

Result<void> PoolSpec::checkBarcode(const QString &code) const
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    if (code.isEmpty() || !re.match(code).hasMatch())
        return lineUsage(QCoreApplication::translate("piton::line", "pool '%1': the scanned code '%2' does not match the pattern '%3'").arg(name, code, pattern));
    return {};
}

QString PoolSpec::uidValue(const QByteArray &uid) const
{
    QString f = format.isEmpty() ? QStringLiteral("{uid}") : format;
    return f.replace(QStringLiteral("{uid}"), QString::fromLatin1(uid.toHex()));
}

QJsonObject PoolSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), poolTypeName(type)}};
    switch (type) {
    case PoolType::Counter:
        o.insert(QStringLiteral("format"), format);
        o.insert(QStringLiteral("first"), qint64(first));
        o.insert(QStringLiteral("last"), qint64(last));
        break;
    case PoolType::Mac:
        o.insert(QStringLiteral("first"), formatMac(first));
        o.insert(QStringLiteral("last"), formatMac(last));
        break;
    case PoolType::List:
        o.insert(QStringLiteral("file"), file);
        o.insert(QStringLiteral("sha256"), fileSha256);
        break;
    case PoolType::UniqueId:
        o.insert(QStringLiteral("format"), format.isEmpty() ? QStringLiteral("{uid}") : format);
        break;
    case PoolType::Barcode:
        o.insert(QStringLiteral("pattern"), pattern);
        break;
    }
    return o;
}

QString PoolSpec::definitionSha256() const
{
    // The list file's name may differ between recipes; its content (the SHA-256) is what counts.
    QJsonObject o = toJson();
    o.remove(QStringLiteral("file"));
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(o).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex());
}

Result<PoolSpec> PoolSpec::fromJson(const QString &name, const QJsonObject &o, const QString &baseDir)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!nameRe.match(name).hasMatch())
        return lineUsage(QCoreApplication::translate("piton::line", "pool name '%1': use 1..64 letters, digits, '_', '.', '-'").arg(name));
    PoolSpec p;
    p.name = name;
    const QString type = o.value(QStringLiteral("type")).toString();
    const QString where = QCoreApplication::translate("piton::line", "pool '%1'").arg(name);
    QStringList allowed{QStringLiteral("type")};
    if (type == QLatin1String("counter")) {
        p.type = PoolType::Counter;
        allowed << QStringLiteral("format") << QStringLiteral("first") << QStringLiteral("last");
        p.format = o.value(QStringLiteral("format")).toString();
        auto f = CounterFormat::parse(p.format);
        if (!f)
            return lineUsage(where + QStringLiteral(": ") + f.error().message);
        const QJsonValue first = o.value(QStringLiteral("first")), last = o.value(QStringLiteral("last"));
        if ((!first.isUndefined() && !first.isDouble()) || (!last.isUndefined() && !last.isDouble()))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: 'first' and 'last' must be numbers").arg(where));
        const double lo = first.isUndefined() ? 1 : first.toDouble(), hi = last.isUndefined() ? double(f->maxSeq()) : last.toDouble();
        // Range first: converting a negative or huge double to an integer is undefined
        // (found by fuzzing, docs/fuzzing.md).
        const auto whole = [](double d) { return d >= 0 && d < 18446744073709551616.0 && d == std::floor(d); };
        if (!whole(lo) || !whole(hi))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: 'first' and 'last' must be whole numbers >= 0").arg(where));
        p.first = quint64(lo);
        p.last = quint64(hi);
        if (p.last > f->maxSeq())
            return lineUsage(QCoreApplication::translate("piton::line", "%1: last %2 does not fit the format '%3' (at most %4)").arg(where).arg(p.last).arg(p.format).arg(f->maxSeq()));
    } else if (type == QLatin1String("mac")) {
        p.type = PoolType::Mac;
        allowed << QStringLiteral("first") << QStringLiteral("last");
        auto lo = parseMac(o.value(QStringLiteral("first")).toString());
        auto hi = parseMac(o.value(QStringLiteral("last")).toString());
        if (!lo || !hi)
            return lineUsage(where + QStringLiteral(": ") + (!lo ? lo.error().message : hi.error().message));
        p.first = *lo;
        p.last = *hi;
        if (p.first & 0x010000000000ull)
            return lineUsage(QCoreApplication::translate("piton::line", "%1: %2 is a multicast address (bit 0 of the first byte is set)").arg(where, formatMac(p.first)));
    } else if (type == QLatin1String("list")) {
        p.type = PoolType::List;
        allowed << QStringLiteral("file") << QStringLiteral("sha256");
        p.file = o.value(QStringLiteral("file")).toString();
        p.fileSha256 = o.value(QStringLiteral("sha256")).toString().toLower();
        if (p.file.isEmpty())
            return lineUsage(QCoreApplication::translate("piton::line", "%1: a list pool needs 'file'").arg(where));
        const QString path = QDir::isAbsolutePath(p.file) ? p.file : baseDir + QLatin1Char('/') + p.file;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "%1: cannot read %2: %3").arg(where, path, f.errorString()));
        const QByteArray bytes = f.readAll();
        const QString actual = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        if (p.fileSha256.isEmpty())
            return lineUsage(QCoreApplication::translate("piton::line", "%1: a list pool needs 'sha256' of its file (it is %2)").arg(where, actual));
        if (actual != p.fileSha256)
            return Error::make(ErrorKind::Verify, QCoreApplication::translate("piton::line", "%1: %2 has SHA-256 %3, the recipe pins %4").arg(where, path, actual, p.fileSha256));
        auto values = parseIdentifierList(bytes);
        if (!values)
            return Error::make(ErrorKind::Format, QCoreApplication::translate("piton::line", "%1: %2: %3").arg(where, path, values.error().message));
        p.values = *values;
    } else if (type == QLatin1String("uid")) {
        p.type = PoolType::UniqueId;
        allowed << QStringLiteral("format");
        p.format = o.value(QStringLiteral("format")).toString(QStringLiteral("{uid}"));
        if (p.format.count(QStringLiteral("{uid}")) != 1)
            return lineUsage(QCoreApplication::translate("piton::line", "%1: the format must hold {uid} once").arg(where));
    } else if (type == QLatin1String("barcode")) {
        p.type = PoolType::Barcode;
        allowed << QStringLiteral("pattern");
        p.pattern = o.value(QStringLiteral("pattern")).toString(QString::fromLatin1(kDefaultBarcodePattern));
        const QRegularExpression re(p.pattern);
        if (p.pattern.isEmpty() || !re.isValid())
            return lineUsage(QCoreApplication::translate("piton::line", "%1: the pattern '%2' is not a valid regular expression: %3").arg(where, p.pattern, re.errorString()));
    } else {
        return lineUsage(QCoreApplication::translate("piton::line", "%1: unknown type '%2' (counter, list, mac, uid, barcode)").arg(where, type));
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return lineUsage(QCoreApplication::translate("piton::line", "%1: unknown key '%2' for a %3 pool").arg(where, it.key(), type));
    if ((p.type == PoolType::Counter || p.type == PoolType::Mac) && p.first > p.last)
        return lineUsage(QCoreApplication::translate("piton::line", "%1: first is above last").arg(where));
    return p;
}

} // namespace piton::line
